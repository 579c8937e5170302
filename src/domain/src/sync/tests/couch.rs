//! CouchDB's documents, and two computers meeting through a server that keeps revision trees as
//! CouchDB does (open leaves, `new_edits: false`), in the order the app and `pismo-cli` talk to it.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::super::couch::*;
use super::*;

/// A database as CouchDB keeps one, reduced to what replication touches: per document its open
/// leaves (revision → body) and the order of changes.
#[derive(Default)]
struct Server {
    docs: BTreeMap<String, BTreeMap<String, Value>>,
    seq: u64,
    changes: BTreeMap<String, u64>,
    /// Every revision ever written (what `_revs_diff` answers from).
    known: std::collections::HashSet<String>,
}

impl Server {
    fn bulk_docs(&mut self, docs: &[Value]) {
        for d in docs {
            let id = d["_id"].as_str().unwrap().to_string();
            let rev = d["_rev"].as_str().unwrap().to_string();
            // As CouchDB: without `_revisions` the revision has no parent.
            let parent = d.get("_revisions").map(|r| {
                let start = r["start"].as_u64().unwrap();
                format!("{}-{}", start - 1, r["ids"][1].as_str().unwrap())
            });
            let leaves = self.docs.entry(id.clone()).or_default();
            if let Some(p) = parent {
                leaves.remove(&p);
            }
            leaves.insert(rev.clone(), d.clone());
            self.known.insert(format!("{id} {rev}"));
            self.seq += 1;
            self.changes.insert(id, self.seq);
        }
    }

    fn open(&self, id: &str) -> Vec<(&String, &Value)> {
        self.docs[id]
            .iter()
            .filter(|(_, d)| d.get("_deleted").is_none())
            .collect()
    }

    fn all_docs(&self, keys: &[String]) -> Value {
        let rows: Vec<Value> = keys
            .iter()
            .map(|k| match self.docs.get(k) {
                Some(_) if !self.open(k).is_empty() => {
                    let open = self.open(k);
                    let w = winner(open.iter().map(|(r, _)| r.as_str()))
                        .unwrap()
                        .to_string();
                    let mut doc = self.docs[k][&w].clone();
                    let others: Vec<&String> =
                        open.iter().map(|(r, _)| *r).filter(|r| **r != w).collect();
                    if !others.is_empty() {
                        doc["_conflicts"] = json!(others);
                    }
                    json!({ "id": k, "value": { "rev": w }, "doc": doc })
                }
                _ => json!({ "key": k, "error": "not_found" }),
            })
            .collect();
        json!({ "rows": rows })
    }

    fn revs_diff(&self, req: &Value) -> Value {
        let mut out = serde_json::Map::new();
        for (id, revs) in req.as_object().unwrap() {
            let missing: Vec<&Value> = revs
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| {
                    !self
                        .known
                        .contains(&format!("{id} {}", r.as_str().unwrap()))
                })
                .collect();
            if !missing.is_empty() {
                out.insert(id.clone(), json!({ "missing": missing }));
            }
        }
        Value::Object(out)
    }

    fn changes(&self, since: u64) -> Value {
        let mut rows: Vec<(&u64, &String)> = self
            .changes
            .iter()
            .filter(|(_, s)| **s > since)
            .map(|(id, s)| (s, id))
            .collect();
        rows.sort();
        let results: Vec<Value> = rows
            .iter()
            .map(|(s, id)| {
                let revs: Vec<Value> = self.docs[*id].keys().map(|r| json!({ "rev": r })).collect();
                json!({ "id": id, "seq": s, "changes": revs })
            })
            .collect();
        json!({ "results": results, "last_seq": self.seq })
    }

    /// `_changes?include_docs=true`: each row with its current document.
    fn changes_docs(&self, since: u64) -> Value {
        let mut resp = self.changes(since);
        for row in resp["results"].as_array_mut().unwrap() {
            let id = row["id"].as_str().unwrap().to_string();
            let all = self.all_docs(std::slice::from_ref(&id));
            let mut doc = all["rows"][0]["doc"].clone();
            if doc.is_null() {
                // Every leaf closed: CouchDB gives the deleted winner.
                doc = self.docs[&id].values().next().unwrap().clone();
            }
            row["doc"] = doc;
        }
        resp
    }

    fn bulk_get(&self, req: &Value) -> Value {
        let results: Vec<Value> = req["docs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let id = r["id"].as_str().unwrap();
                let doc = &self.docs[id][r["rev"].as_str().unwrap()];
                json!({ "id": id, "docs": [{ "ok": doc }] })
            })
            .collect();
        json!({ "results": results })
    }
}

/// A computer with its pull checkpoint.
struct Peer {
    c: Computer,
    since: u64,
    pushed_up_to: Option<Hlc>,
}

impl Peer {
    fn new(name: &str, base: &Base) -> Peer {
        Peer {
            c: Computer::new(name, base, 0),
            since: 0,
            pushed_up_to: None,
        }
    }

    fn merge(&mut self, versions: &[Version]) {
        let plan = plan(&self.c.base, versions, &mut self.c.clock, self.c.wall);
        self.c.base.apply(&plan.batch);
    }

    /// The push as the app makes it: read the current documents, merge them in, write what
    /// differs (and close the losing leaves), only the revisions the server lacks.
    fn push_ids(&mut self, server: &mut Server, ids: Vec<(RecordKind, Id)>) -> usize {
        let keys: Vec<String> = ids.iter().map(|(k, i)| doc_id(*k, *i)).collect();
        let (current, refused) = read_all_docs(&server.all_docs(&keys));
        assert!(refused.is_empty());
        let theirs: Vec<Version> = current.values().filter_map(|c| c.version.clone()).collect();
        self.merge(&theirs);
        let local: Vec<Version> = ids
            .iter()
            .map(|(k, i)| version_of(&self.c.base, *k, *i))
            .collect();
        let docs = to_write(&local, &current);
        let diff = server.revs_diff(&revs_diff_request(&docs));
        let docs = missing_only(docs, &diff);
        server.bulk_docs(&docs);
        docs.len()
    }

    fn push(&mut self, server: &mut Server) -> usize {
        let mark = self.c.clock.last().clone();
        let device = self.c.clock.device().to_string();
        let ids = changed_here(&self.c.base, &device, self.pushed_up_to.as_ref())
            .into_iter()
            .map(|v| (v.kind, v.id))
            .collect();
        let n = self.push_ids(server, ids);
        self.pushed_up_to = Some(mark);
        n
    }

    fn pull(&mut self, server: &mut Server) {
        let (mut pulled, leaves, last) = read_changes_docs(&server.changes_docs(self.since));
        let more = read_bulk_get(&server.bulk_get(&bulk_get_request(&leaves)));
        pulled.versions.extend(more.versions);
        pulled.conflicted.extend(more.conflicted);
        pulled.refused.extend(more.refused);
        assert!(pulled.refused.is_empty(), "{:?}", pulled.refused);
        self.merge(&pulled.versions);
        if !pulled.conflicted.is_empty() {
            self.push_ids(server, pulled.conflicted);
        }
        self.since = last.and_then(|v| v.as_u64()).unwrap_or(0);
    }

    fn sync(&mut self, server: &mut Server) {
        self.pull(server);
        self.push(server);
    }
}

/// A server seeded by A with the shared base, and B that pulled it.
fn seeded() -> (Server, Peer, Peer) {
    let base = shared_base();
    let mut server = Server::default();
    let mut a = Peer::new("a", &base);
    let mut b = Peer::new("b", &base);
    a.push_ids(&mut server, snapshot_ids(&base));
    b.pull(&mut server);
    (server, a, b)
}

#[test]
fn a_document_reads_back_as_the_version_written() {
    let base = shared_base();
    let v = version_of(&base, RecordKind::Client, C1);
    let doc = doc_for(&v, None);
    assert_eq!(doc["_id"], json!(format!("client:{C1}")));
    assert!(doc["_rev"].as_str().unwrap().starts_with("1-"));
    match read_doc(&doc).unwrap() {
        Read::Record { version, .. } => assert_eq!(*version, v),
        other => panic!("{other:?}"),
    }
    let child = doc_for(&v, Some(doc["_rev"].as_str().unwrap()));
    assert!(child["_rev"].as_str().unwrap().starts_with("2-"));
    assert_eq!(child["_revisions"]["ids"].as_array().unwrap().len(), 2);
    // The same write is the same revision: a retry writes nothing new.
    assert_eq!(doc_for(&v, None)["_rev"], doc["_rev"]);
}

#[test]
fn a_whole_base_written_as_text_is_the_same_documents_and_revisions() {
    let base = shared_base();
    let versions: Vec<Version> = snapshot_ids(&base)
        .into_iter()
        .map(|(k, i)| version_of(&base, k, i))
        .collect();
    let out = new_docs(versions.clone());
    let sent: Value = serde_json::from_str(&out.body).unwrap();
    assert_eq!(sent["new_edits"], json!(false));
    let expected: Vec<Value> = versions.iter().map(|v| doc_for(v, None)).collect();
    assert_eq!(sent["docs"], Value::Array(expected.clone()));
    let revs: Vec<(String, String)> = expected
        .iter()
        .map(|d| {
            (
                d["_id"].as_str().unwrap().into(),
                d["_rev"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(out.revs, revs);
    // Revisions already on servers were hashed over "parent\nbody" in one piece: unchanged.
    let fnv = |seed: u64, bytes: &[u8]| {
        bytes.iter().fold(seed, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    let doc = &expected[0];
    // A first revision has no history to send.
    assert!(doc.get("_revisions").is_none());
    let mut body = doc.as_object().unwrap().clone();
    body.remove("_rev");
    let text = format!("\n{}", Value::Object(body));
    let old = format!(
        "1-{:016x}{:016x}",
        fnv(0xcbf2_9ce4_8422_2325, text.as_bytes()),
        fnv(0x6c62_272e_07bb_0142, text.as_bytes())
    );
    assert_eq!(doc["_rev"], json!(old));
}

#[test]
fn foreign_documents_are_refused_with_their_id_and_design_documents_skipped() {
    let foreign = json!({ "_id": "client:x", "_rev": "1-a", "name": "?" });
    let r = read_doc(&foreign).unwrap_err();
    assert_eq!((r.kind.as_str(), r.id.as_str()), ("client", "x"));
    let wrong = json!({ "_id": "order:00000000-0000-0000-0000-000000000001", "_rev": "1-a",
        "pismo": 1, "kind": "client", "id": C1 });
    assert!(read_doc(&wrong)
        .unwrap_err()
        .reason
        .contains("holds client"));
    assert_eq!(read_doc(&json!({ "_id": "_design/x" })), Ok(Read::Other));
    let (changed, _) = read_changes(&json!({ "results": [
        { "id": "_design/x", "changes": [{ "rev": "1-a" }] },
        { "id": SETTINGS_DOC, "changes": [{ "rev": "1-a" }] },
    ], "last_seq": 2 }));
    assert!(changed.is_empty());
}

#[test]
fn the_winner_is_the_longest_branch_then_the_greater_hash() {
    assert_eq!(winner(["2-aa", "3-00", "3-0f"]), Some("3-0f"));
    assert_eq!(winner(["10-a", "9-f"]), Some("10-a"));
    assert_eq!(winner(Vec::<&str>::new()), None);
}

#[test]
fn a_checkpoint_counts_only_where_both_sides_agree() {
    assert_eq!(start_from(Some(&json!(5)), Some(&json!(5))), json!(5));
    assert_eq!(start_from(Some(&json!(5)), None), json!(0));
    assert_eq!(start_from(None, Some(&json!(5))), json!(0));
}

#[test]
fn edits_apart_meet_through_the_server_and_pushing_again_writes_nothing() {
    let base = shared_base();
    let mut server = Server::default();
    let mut a = Peer::new("a", &base);
    let mut b = Peer::new("b", &base);
    // A seeds the server with the whole base.
    let all = snapshot_ids(&a.c.base);
    assert_eq!(a.push_ids(&mut server, all.clone()), 2);
    assert_eq!(
        a.push_ids(&mut server, all),
        0,
        "the same base pushed twice"
    );
    b.pull(&mut server);
    // Apart: A changes the phone, B the name of the same client.
    a.c.edit(C1, |c| c.phones[0] = phone("+7 912 111-11-11"));
    b.c.edit(C1, |c| c.name = "Ромашка плюс".into());
    a.sync(&mut server);
    b.sync(&mut server);
    a.sync(&mut server);
    for p in [&a, &b] {
        let c = p.c.client(C1).unwrap();
        assert_eq!(c.name, "Ромашка плюс");
        assert_eq!(c.phones[0].number, "+7 912 111-11-11");
    }
    assert_eq!(a.push(&mut server), 0);
    assert_eq!(b.push(&mut server), 0);
}

#[test]
fn writes_that_cross_make_a_conflict_the_next_pull_merges_and_closes() {
    let (mut server, mut a, mut b) = seeded();
    a.c.edit(C1, |c| c.phones[0] = phone("+7 912 111-11-11"));
    b.c.edit(C1, |c| c.inn = "7701234567".into());
    // Both read the same current revision before either wrote: B's write lands beside A's.
    let id = doc_id(RecordKind::Client, C1);
    let before = server.docs[&id].clone();
    a.push(&mut server);
    let a_leaf = server.docs[&id].clone();
    server.docs.insert(id.clone(), before);
    b.push(&mut server);
    server.docs.get_mut(&id).unwrap().extend(a_leaf);
    assert_eq!(server.open(&id).len(), 2, "a conflict on the server");
    a.sync(&mut server);
    b.sync(&mut server);
    assert_eq!(server.open(&id).len(), 1, "closed by the merge");
    for p in [&a, &b] {
        let c = p.c.client(C1).unwrap();
        assert_eq!(c.phones[0].number, "+7 912 111-11-11");
        assert_eq!(c.inn, "7701234567");
    }
    let current = read_all_docs(&server.all_docs(&[id]));
    let v = current.0.values().next().unwrap().version.clone().unwrap();
    assert_eq!(v, version_of(&a.c.base, RecordKind::Client, C1));
}

#[test]
fn a_deletion_reaches_the_other_computer() {
    let (mut server, mut a, mut b) = seeded();
    let at = a.c.now();
    let gone = a.c.base.delete_client(C2, at);
    a.c.write(gone);
    a.sync(&mut server);
    b.sync(&mut server);
    assert!(b.c.client(C2).is_none());
    assert!(b.c.client(C1).is_some());
}

//! CouchDB as the meeting point of the computers: one document per record, carrying the record's
//! [`Version`] (its JSON and its clocks), so that CouchDB's own conflicts are settled by the same
//! merge as the folder's. Pure: the documents to read and write; the app and `pismo-cli` do the
//! HTTP.
//!
//! A computer keeps no revision tree of its own (its merge goes by clocks, not revisions). When it
//! writes, it reads the server's current revision of each document it is about to write, merges
//! that in first and writes the result as its child; a write that crossed another computer's
//! meanwhile makes a CouchDB conflict, which the next pull merges and closes. Revision ids are a
//! hash of the parent and the content, so the same write made twice (a retry after a network cut,
//! two computers settling the same conflict) is the same revision and `_revs_diff` leaves it out.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

mod pull;

pub use pull::{bulk_get_request, read_bulk_get, read_changes, read_changes_docs, Changed, Pulled};

use super::{Refused, Version};
use crate::model::{Id, RecordKind};

/// Marks a document as one of Pismo's records (a database may hold other documents).
const MARK: &str = "pismo";
/// The document with the backup's settings, written and read by `pismo-cli` only.
pub const SETTINGS_DOC: &str = "pismo:settings";

/// A record's document id: its kind and id, readable in CouchDB's own tools.
pub fn doc_id(kind: RecordKind, id: Id) -> String {
    format!("{}:{}", kind.as_str(), id)
}

fn parse_doc_id(doc_id: &str) -> Option<(RecordKind, Id)> {
    let (kind, id) = doc_id.split_once(':')?;
    let kind = RecordKind::ALL.iter().find(|k| k.as_str() == kind)?;
    Some((*kind, id.parse().ok()?))
}

/// A document of this database that is none of Pismo's records and never will be: design
/// documents and the settings document. Skipped without a word.
pub fn is_other(doc_id: &str) -> bool {
    doc_id.starts_with("_design/") || doc_id == SETTINGS_DOC
}

/// A revision's generation and hash (`3-9f…`).
fn split_rev(rev: &str) -> Option<(u64, &str)> {
    let (n, hash) = rev.split_once('-')?;
    Some((n.parse().ok()?, hash))
}

/// The revision CouchDB shows as current among open leaves: the longest branch, then the greater
/// hash. Every computer picks the same.
pub fn winner<'a>(leaves: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    leaves
        .into_iter()
        .filter_map(|r| split_rev(r).map(|(n, h)| ((n, h), r)))
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, r)| r)
}

/// FNV-1a over `bytes`, from `seed`.
fn fnv(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = seed;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The child revision of `parent` (none: a new document) with the body written as `text`: a hash
/// of both, so the same write is the same revision wherever and whenever it is made.
fn child_rev(parent: Option<&str>, text: &str) -> (u64, String) {
    let generation = parent.and_then(split_rev).map_or(0, |(n, _)| n) + 1;
    let seeded = |seed| {
        let h = fnv(seed, parent.unwrap_or("").as_bytes());
        fnv(fnv(h, b"\n"), text.as_bytes())
    };
    let hash = format!(
        "{:016x}{:016x}",
        seeded(0xcbf2_9ce4_8422_2325),
        seeded(0x6c62_272e_07bb_0142)
    );
    (generation, hash)
}

/// `_rev` and `_revisions` of a new revision on top of `parent`, as `_bulk_docs` with
/// `new_edits: false` wants them. A first revision has no history: `_rev` alone says it (and a
/// whole base pushed is 300,000 first revisions the server reads faster without).
fn revision(parent: Option<&str>, text: &str) -> (String, Option<Value>) {
    let (n, hash) = child_rev(parent, text);
    let revisions = parent
        .and_then(split_rev)
        .map(|(_, h)| json!({ "start": n, "ids": [hash, h] }));
    (format!("{n}-{hash}"), revisions)
}

fn revise(doc: &mut Map<String, Value>, parent: Option<&str>) {
    let (rev, revisions) = revision(parent, &text(doc));
    doc.insert("_rev".into(), Value::String(rev));
    if let Some(r) = revisions {
        doc.insert("_revisions".into(), r);
    }
}

fn text(doc: &Map<String, Value>) -> String {
    // A map of JSON values with string keys always writes.
    serde_json::to_string(doc).unwrap_or_default()
}

/// A version's body: its JSON, the mark and the document id; what the revision hashes.
fn body(v: &Version) -> Map<String, Value> {
    let mut doc = match serde_json::to_value(v) {
        Ok(Value::Object(m)) => m,
        // A Version is always an object; nothing else can come out of it.
        _ => Map::new(),
    };
    doc.insert(MARK.into(), json!(1));
    doc.insert("_id".into(), Value::String(doc_id(v.kind, v.id)));
    doc
}

/// The document of a version, as a child of `parent` (the server's current revision; none for a
/// document the server does not have).
pub fn doc_for(v: &Version, parent: Option<&str>) -> Value {
    let mut doc = body(v);
    revise(&mut doc, parent);
    Value::Object(doc)
}

/// A `_bulk_docs` request of documents the server does not have, written as text at once: a
/// whole base pushed into an empty database is 300,000 documents, and the body each revision
/// hashes is the text sent, so every document is written once, not built and then written.
pub struct NewDocs {
    pub body: String,
    /// Each document's id and revision (their echo in `_changes` is skipped).
    pub revs: Vec<(String, String)>,
}

pub fn new_docs(versions: impl IntoIterator<Item = Version>) -> NewDocs {
    let mut out = NewDocs {
        body: String::from(r#"{"new_edits":false,"docs":["#),
        revs: Vec::new(),
    };
    for (i, v) in versions.into_iter().enumerate() {
        let text = text(&body(&v));
        let (rev, _) = revision(None, &text);
        if i > 0 {
            out.body.push(',');
        }
        // The body is an object with at least its id: its closing brace makes room for `_rev`.
        out.body.push_str(text.strip_suffix('}').unwrap_or(&text));
        out.body.push_str(&format!(r#","_rev":"{rev}"}}"#));
        out.revs.push((doc_id(v.kind, v.id), rev));
    }
    out.body.push_str("]}");
    out
}

/// Closes a losing branch of a conflict once its content is merged into the winner.
pub fn closing(doc_id: &str, leaf: &str) -> Value {
    let mut doc = Map::new();
    doc.insert("_id".into(), Value::String(doc_id.to_string()));
    doc.insert("_deleted".into(), Value::Bool(true));
    revise(&mut doc, Some(leaf));
    Value::Object(doc)
}

/// A document as read from the server.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    Record {
        rev: String,
        version: Box<Version>,
    },
    /// A branch closed by a merge (or a document deleted by other means): nothing to take.
    Closed,
    /// Not one of Pismo's records: skipped quietly.
    Other,
}

/// Reads one document; a Pismo document that does not read is refused with its id and why.
pub fn read_doc(doc: &Value) -> Result<Read, Refused> {
    let id = doc.get("_id").and_then(Value::as_str).unwrap_or_default();
    if is_other(id) {
        return Ok(Read::Other);
    }
    if doc.get("_deleted").and_then(Value::as_bool) == Some(true) {
        return Ok(Read::Closed);
    }
    let refused = |reason: String| {
        let (kind, rid) = id.split_once(':').unwrap_or(("", id));
        Refused {
            kind: kind.to_string(),
            id: rid.to_string(),
            reason,
        }
    };
    if doc.get(MARK).is_none() {
        return Err(refused("not a Pismo record".into()));
    }
    let Some((kind, rid)) = parse_doc_id(id) else {
        return Err(refused(format!("document id «{id}» names no record")));
    };
    let rev = doc
        .get("_rev")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let version: Version =
        serde_json::from_value(doc.clone()).map_err(|e| refused(format!("does not read: {e}")))?;
    if version.kind != kind || version.id != rid {
        return Err(refused(format!(
            "the document «{id}» holds {} {}",
            version.kind.as_str(),
            version.id
        )));
    }
    Ok(Read::Record {
        rev,
        version: Box::new(version),
    })
}

/// A document as `_all_docs?include_docs=true&conflicts=true` gives it: its current revision and
/// content, and the other open leaves.
#[derive(Debug, Clone, PartialEq)]
pub struct Current {
    pub rev: String,
    pub version: Option<Version>,
    pub conflicts: Vec<String>,
}

/// Reads the rows of `_all_docs` (keys asked for, with docs and conflicts): the current document
/// of each id the server has, and what did not read.
pub fn read_all_docs(resp: &Value) -> (BTreeMap<String, Current>, Vec<Refused>) {
    let mut current = BTreeMap::new();
    let mut refused = Vec::new();
    let rows = resp.get("rows").and_then(Value::as_array);
    for row in rows.into_iter().flatten() {
        let (Some(id), Some(rev)) = (
            row.get("id").and_then(Value::as_str),
            row.pointer("/value/rev").and_then(Value::as_str),
        ) else {
            // «not_found»: the server does not have it yet.
            continue;
        };
        let doc = row.get("doc").unwrap_or(&Value::Null);
        let version = match read_doc(doc) {
            Ok(Read::Record { version, .. }) => Some(*version),
            Ok(_) => None,
            Err(r) => {
                refused.push(r);
                None
            }
        };
        let conflicts = doc
            .get("_conflicts")
            .and_then(Value::as_array)
            .map(|c| {
                c.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        current.insert(
            id.to_string(),
            Current {
                rev: rev.to_string(),
                version,
                conflicts,
            },
        );
    }
    (current, refused)
}

/// The other open leaves of the conflicted documents among `current`: what `_bulk_get` must
/// bring before a merge.
pub fn conflict_leaves(current: &BTreeMap<String, Current>) -> Vec<Changed> {
    current
        .iter()
        .filter(|(_, c)| !c.conflicts.is_empty())
        .map(|(id, c)| Changed {
            id: id.clone(),
            leaves: c.conflicts.clone(),
        })
        .collect()
}

/// What to write so that the server holds `local` (each already merged with the server's current
/// document and every open leaf): a child of the current revision where the content differs,
/// and a closing revision for every other open leaf.
pub fn to_write(local: &[Version], current: &BTreeMap<String, Current>) -> Vec<Value> {
    let mut docs = Vec::new();
    for v in local {
        let id = doc_id(v.kind, v.id);
        match current.get(&id) {
            None => docs.push(doc_for(v, None)),
            Some(c) => {
                if c.version.as_ref() != Some(v) {
                    docs.push(doc_for(v, Some(&c.rev)));
                }
                docs.extend(c.conflicts.iter().map(|leaf| closing(&id, leaf)));
            }
        }
    }
    docs
}

/// The `_revs_diff` request for `docs`: each document's new revision.
pub fn revs_diff_request(docs: &[Value]) -> Value {
    let mut req: Map<String, Value> = Map::new();
    for d in docs {
        if let (Some(id), Some(rev)) = (
            d.get("_id").and_then(Value::as_str),
            d.get("_rev").and_then(Value::as_str),
        ) {
            let revs = req
                .entry(id.to_string())
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(a) = revs {
                a.push(Value::String(rev.to_string()));
            }
        }
    }
    Value::Object(req)
}

/// Keeps the documents whose revision `_revs_diff` says the server is missing.
pub fn missing_only(docs: Vec<Value>, revs_diff: &Value) -> Vec<Value> {
    docs.into_iter()
        .filter(|d| {
            let id = d.get("_id").and_then(Value::as_str).unwrap_or_default();
            let rev = d.get("_rev").and_then(Value::as_str).unwrap_or_default();
            revs_diff
                .get(id)
                .and_then(|e| e.get("missing"))
                .and_then(Value::as_array)
                .is_some_and(|m| m.iter().any(|r| r.as_str() == Some(rev)))
        })
        .collect()
}

/// The checkpoint this computer keeps in the database (`_local/…`, never replicated) and in its
/// own meta: where its pull stopped. A pull starts from it only if both agree, as the protocol
/// wants (a database made anew, or a browser whose data was cleared, starts from the beginning).
pub fn checkpoint_id(device: &str) -> String {
    format!("_local/pismo-{device}")
}

pub fn start_from(local: Option<&Value>, server: Option<&Value>) -> Value {
    match (local, server) {
        (Some(l), Some(s)) if l == s => l.clone(),
        _ => json!(0),
    }
}

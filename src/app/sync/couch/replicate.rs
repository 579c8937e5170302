//! One round of replication with the database: pull what changed since the checkpoint (merged
//! through `sync::receive`, as the folder's files are), then push what this computer wrote since
//! its last push. The documents and their revisions are `domain::sync::couch`'s.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashSet, VecDeque};

use leptos::prelude::*;
use serde_json::{json, Value};

use super::http::{self, call, Failure};
use super::{progress, Kept};
use crate::app::state::{db, AppState};
use crate::domain::model::{Id, RecordKind};
use crate::domain::sync::couch::{self as docs, Changed};
use crate::domain::sync::{self as dsync, Version};

/// Documents per `_changes` page once caught up, and on the first pull (fewer round trips, each
/// written to storage at once).
const PAGE: usize = 500;
const FIRST_PAGE: usize = 5000;
/// The first write of a first sync; each later one stores as many as are stored already.
const FLUSH_MIN: usize = 20_000;
/// Records per push request; a whole base goes in bigger ones (fewer round trips, and
/// pouchdb-server writes a quarter faster in batches of 2,000 than of 500).
const PUSH_CHUNK: usize = 500;
const WHOLE_CHUNK: usize = 2000;
/// Writes of a whole base under way at once.
const IN_FLIGHT: usize = 2;

thread_local! {
    /// The revisions this tab wrote: when they come back through `_changes` they are not
    /// fetched again.
    static PUSHED: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
    /// Documents pulled with more than one open leaf: merged here, closed by the next push.
    static CONFLICTED: RefCell<BTreeSet<(RecordKind, Id)>> = const { RefCell::new(BTreeSet::new()) };
}

/// What a round did, for the status.
#[derive(Debug, Default)]
pub struct Round {
    pub sent: usize,
    pub received: usize,
    pub replaced: usize,
    pub problems: Vec<String>,
}

fn encode(v: &Value) -> String {
    let text = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    String::from(js_sys::encode_uri_component(&text))
}

fn storage(e: impl std::fmt::Display) -> Failure {
    Failure::Status(0, e.to_string())
}

/// Every open leaf of `leaves`' documents, read (`_bulk_get`).
async fn fetch_leaves(db_url: &str, leaves: &[Changed]) -> Result<docs::Pulled, Failure> {
    let got = call(
        "POST",
        &format!("{db_url}/_bulk_get"),
        Some(&docs::bulk_get_request(leaves)),
        None,
    )
    .await?;
    Ok(docs::read_bulk_get(&got))
}

/// Merges versions into the base; what was refused goes to the problems.
async fn take(
    s: AppState,
    versions: &[Version],
    round: &mut Round,
) -> Result<dsync::Plan, Failure> {
    let plan = crate::app::sync::receive(s, versions)
        .await
        .map_err(storage)?;
    count(&plan, round);
    Ok(plan)
}

fn count(plan: &dsync::Plan, round: &mut Round) {
    let st = plan.stats;
    round.received += st.added + st.updated + st.deleted;
    round.replaced += st.replaced;
}

/// Pulls every change after the checkpoint, page by page, saving the checkpoint after each page
/// (an interrupted first sync goes on from there).
pub async fn pull(
    s: AppState,
    db_url: &str,
    kept: &mut Kept,
    round: &mut Round,
) -> Result<(), Failure> {
    // Records whose client has not come yet (pages come in the order of writes, not of kinds):
    // offered again with the next page; the checkpoint waits before their page meanwhile.
    let mut parked: Vec<Version> = Vec::new();
    let mut hold: Option<Value> = None;
    let first = kept.since == json!(0);
    let total = if first {
        call("GET", db_url, None, None)
            .await?
            .get("doc_count")
            .and_then(Value::as_u64)
            .unwrap_or(0) as usize
    } else {
        0
    };
    let mut done = 0;
    // The first sync merges into memory page by page and stores in writes that double: stored
    // records at most as many again as are stored (see `sync::receive_unsaved`).
    let mut unsaved = crate::domain::base::Batch::default();
    let mut written = 0;
    // A whole base arriving: the search index and the queue follow once, at the end.
    let _held = first.then(|| crate::app::change::hold(s));
    // Where the reading is; `kept.since` is what is saved (not past a page with parked records).
    let mut cursor = kept.since.clone();
    let limit = if first { FIRST_PAGE } else { PAGE };
    let page = |since: &Value| {
        let url = format!(
            "{db_url}/_changes?style=all_docs&include_docs=true&limit={limit}&since={}",
            encode(since)
        );
        http::send("GET", &url, None, None)
    };
    let mut next = Some(page(&cursor));
    while let Some(pending) = next.take() {
        let resp = pending.answer().await?;
        let rows = resp
            .get("results")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        // The next page is fetched while this one is merged.
        if rows >= limit {
            if let Some(last) = resp.get("last_seq") {
                next = Some(page(last));
            }
        }
        // What this tab wrote itself comes back too: not taken again.
        let echoes: HashSet<String> = PUSHED.with(|p| {
            let p = p.borrow();
            docs::read_changes(&resp)
                .0
                .into_iter()
                .filter(|c| {
                    c.leaves
                        .iter()
                        .all(|r| p.contains(&format!("{} {r}", c.id)))
                })
                .map(|c| c.id)
                .collect()
        });
        let (mut pulled, leaves, last) = docs::read_changes_docs(&resp);
        drop(resp);
        if !echoes.is_empty() {
            pulled
                .versions
                .retain(|v| !echoes.contains(&docs::doc_id(v.kind, v.id)));
        }
        if !leaves.is_empty() {
            let more = fetch_leaves(db_url, &leaves).await?;
            pulled.versions.extend(more.versions);
            pulled.refused.extend(more.refused);
            CONFLICTED.with(|c| c.borrow_mut().extend(more.conflicted));
        }
        for r in &pulled.refused {
            round
                .problems
                .push(crate::app::sync::refused_line(r, db_url));
        }
        if !pulled.versions.is_empty() || !parked.is_empty() {
            let mut versions = std::mem::take(&mut parked);
            versions.extend(pulled.versions);
            let plan = if first {
                let plan = crate::app::sync::receive_unsaved(s, &versions, &mut unsaved);
                count(&plan, round);
                plan
            } else {
                take(s, &versions, round).await?
            };
            let refused: HashSet<String> = plan.refused.iter().map(|r| r.id.clone()).collect();
            parked = versions
                .into_iter()
                .filter(|v| refused.contains(&v.id.to_string()))
                .collect();
        }
        done += rows;
        if let Some(last) = last {
            if !parked.is_empty() && hold.is_none() {
                hold = Some(cursor.clone());
            }
            if parked.is_empty() {
                hold = None;
            }
            cursor = last;
        }
        // The checkpoint moves only once what it covers is stored.
        let stored = unsaved.counts().total();
        if stored >= FLUSH_MIN.max(written) || next.is_none() {
            crate::app::sync::save_received(s, std::mem::take(&mut unsaved))
                .await
                .map_err(storage)?;
            written += stored;
        }
        if unsaved.is_empty() {
            kept.since = hold.clone().unwrap_or_else(|| cursor.clone());
            super::save_since(db_url, kept).await?;
        }
        if first {
            progress(Some((done.min(total.max(done)), total.max(done))));
        }
    }
    // Still without their client at the end: refused, as an import refuses them.
    if !parked.is_empty() {
        let plan = take(s, &parked, round).await?;
        for r in &plan.refused {
            round
                .problems
                .push(crate::app::sync::refused_line(r, db_url));
        }
    }
    if kept.since != cursor {
        kept.since = cursor;
        super::save_since(db_url, kept).await?;
    }
    progress(None);
    Ok(())
}

/// Pushes what this computer wrote since its last push (the whole base the first time, or after
/// a replace), and closes the conflicts the pull merged.
pub async fn push(
    s: AppState,
    db_url: &str,
    kept: &mut Kept,
    round: &mut Round,
) -> Result<(), Failure> {
    let base_id = db().map_err(storage)?.base_id();
    let whole = kept.pushed_base != base_id;
    let (mut ids, mark) = if whole {
        let mark = crate::app::sync::clock_reading();
        (s.base.with_untracked(dsync::snapshot_ids), mark)
    } else {
        let (versions, mark) = crate::app::sync::changes_since(s, kept.pushed_up_to.as_ref());
        (versions.iter().map(|v| (v.kind, v.id)).collect(), mark)
    };
    let conflicted = CONFLICTED.with(|c| std::mem::take(&mut *c.borrow_mut()));
    let extra: Vec<(RecordKind, Id)> = conflicted
        .into_iter()
        .filter(|k| !ids.contains(k))
        .collect();
    ids.extend(extra);
    let total = ids.len();
    // A whole base into a database with nothing in it (the first computer): nothing to read
    // first. Should another computer write meanwhile, the writes cross, and the conflicts are
    // merged by the next pull as any other.
    let blind = whole
        && call("GET", db_url, None, None)
            .await?
            .get("doc_count")
            .and_then(Value::as_u64)
            == Some(0);
    let size = if whole { WHOLE_CHUNK } else { PUSH_CHUNK };
    // In the blind case the server always has a write to take: two are under way while the next
    // chunk is made ready.
    let mut in_flight: VecDeque<(http::Pending, Vec<(String, String)>)> = VecDeque::new();
    for (i, chunk) in ids.chunks(size).enumerate() {
        if blind {
            let out = s.base.with_untracked(|b| {
                docs::new_docs(chunk.iter().map(|(k, i)| dsync::version_of(b, *k, *i)))
            });
            if in_flight.len() >= IN_FLIGHT {
                if let Some((pending, revs)) = in_flight.pop_front() {
                    round.sent += written(pending, revs, db_url, round).await?;
                }
            }
            let url = format!("{db_url}/_bulk_docs");
            let pending = http::send_text("POST", &url, Some(out.body), None);
            in_flight.push_back((pending, out.revs));
        } else {
            round.sent += push_chunk(s, db_url, chunk, round).await?;
        }
        if whole && total > size {
            progress(Some((((i + 1) * size).min(total), total)));
        }
    }
    while let Some((pending, revs)) = in_flight.pop_front() {
        round.sent += written(pending, revs, db_url, round).await?;
    }
    progress(None);
    kept.pushed_up_to = Some(mark);
    kept.pushed_base = base_id;
    kept.sent += round.sent;
    super::save(kept).await.map_err(storage)
}

/// Reads the server's current documents of `chunk`, merges them in, writes what differs.
async fn push_chunk(
    s: AppState,
    db_url: &str,
    chunk: &[(RecordKind, Id)],
    round: &mut Round,
) -> Result<usize, Failure> {
    let keys: Vec<String> = chunk.iter().map(|(k, i)| docs::doc_id(*k, *i)).collect();
    let resp = call(
        "POST",
        &format!("{db_url}/_all_docs?include_docs=true&conflicts=true"),
        Some(&json!({ "keys": keys })),
        None,
    )
    .await?;
    let (current, bad) = docs::read_all_docs(&resp);
    for r in &bad {
        round
            .problems
            .push(crate::app::sync::refused_line(r, db_url));
    }
    let mut theirs: Vec<Version> = current.values().filter_map(|c| c.version.clone()).collect();
    let leaves = docs::conflict_leaves(&current);
    if !leaves.is_empty() {
        theirs.extend(fetch_leaves(db_url, &leaves).await?.versions);
    }
    if !theirs.is_empty() {
        take(s, &theirs, round).await?;
    }
    let local: Vec<Version> = s.base.with_untracked(|b| {
        chunk
            .iter()
            .map(|(k, i)| dsync::version_of(b, *k, *i))
            .collect()
    });
    let to_write = docs::to_write(&local, &current);
    if to_write.is_empty() {
        return Ok(0);
    }
    let diff = call(
        "POST",
        &format!("{db_url}/_revs_diff"),
        Some(&docs::revs_diff_request(&to_write)),
        None,
    )
    .await?;
    let to_write = docs::missing_only(to_write, &diff);
    if to_write.is_empty() {
        return Ok(0);
    }
    let pending = http::send(
        "POST",
        &format!("{db_url}/_bulk_docs"),
        Some(&json!({ "docs": to_write, "new_edits": false })),
        None,
    );
    let revs = to_write
        .iter()
        .map(|d| {
            let field = |f: &str| d[f].as_str().unwrap_or_default().to_string();
            (field("_id"), field("_rev"))
        })
        .collect();
    // Closing a conflict's losing branch sends no record.
    let records = to_write
        .iter()
        .filter(|d| d.get("_deleted").is_none())
        .count();
    written(pending, revs, db_url, round).await?;
    Ok(records)
}

/// Waits for a `_bulk_docs` write: the documents it refused go to the problems, the revisions
/// written (`revs`) are remembered: their echo in `_changes` is skipped. How many went out.
async fn written(
    pending: http::Pending,
    revs: Vec<(String, String)>,
    db_url: &str,
    round: &mut Round,
) -> Result<usize, Failure> {
    let resp = pending.answer().await?;
    let failed: Vec<String> = resp
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r.get("error").is_some())
        .map(|r| format!("{db_url}: {} — {}", r["id"], r["reason"]))
        .collect();
    round.problems.extend(failed);
    PUSHED.with(|p| {
        let mut p = p.borrow_mut();
        for (id, rev) in &revs {
            p.insert(format!("{id} {rev}"));
        }
    });
    Ok(revs.len())
}

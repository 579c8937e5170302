//! One round of replication with the database: pull what changed since the checkpoint (merged
//! through `sync::receive`, as the folder's files are), then push what this computer wrote since
//! its last push. The documents and their revisions are `domain::sync::couch`'s.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashSet};

use leptos::prelude::*;
use serde_json::{json, Value};

use super::http::{call, Failure};
use super::{progress, Kept};
use crate::app::state::{db, AppState};
use crate::domain::model::{Id, RecordKind};
use crate::domain::sync::couch::{self as docs, Changed};
use crate::domain::sync::{self as dsync, Version};

/// Documents per `_changes` page once caught up, and on the first pull (fewer round trips, each
/// written to storage at once).
const PAGE: usize = 500;
const FIRST_PAGE: usize = 5000;
/// Records per push request.
const PUSH_CHUNK: usize = 500;

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

/// Merges versions into the base; what was refused goes to the problems.
async fn take(
    s: AppState,
    versions: &[Version],
    round: &mut Round,
) -> Result<dsync::Plan, Failure> {
    let plan = crate::app::sync::receive(s, versions)
        .await
        .map_err(storage)?;
    let st = plan.stats;
    round.received += st.added + st.updated + st.deleted;
    round.replaced += st.replaced;
    Ok(plan)
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
    // Where the reading is; `kept.since` is what is saved (not past a page with parked records).
    let mut cursor = kept.since.clone();
    loop {
        let limit = if first { FIRST_PAGE } else { PAGE };
        let url = format!(
            "{db_url}/_changes?style=all_docs&limit={limit}&since={}",
            encode(&cursor)
        );
        let resp = call("GET", &url, None, None).await?;
        let rows = resp
            .get("results")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        let (changed, last) = docs::read_changes(&resp);
        let changed: Vec<Changed> = PUSHED.with(|p| {
            let p = p.borrow();
            changed
                .into_iter()
                .filter(|c| {
                    !c.leaves
                        .iter()
                        .all(|r| p.contains(&format!("{} {r}", c.id)))
                })
                .collect()
        });
        if !changed.is_empty() || !parked.is_empty() {
            let mut versions = std::mem::take(&mut parked);
            if !changed.is_empty() {
                let got = call(
                    "POST",
                    &format!("{db_url}/_bulk_get"),
                    Some(&docs::bulk_get_request(&changed)),
                    None,
                )
                .await?;
                let pulled = docs::read_bulk_get(&got);
                for r in &pulled.refused {
                    round
                        .problems
                        .push(crate::app::sync::refused_line(r, db_url));
                }
                CONFLICTED.with(|c| c.borrow_mut().extend(pulled.conflicted));
                versions.extend(pulled.versions);
            }
            let plan = take(s, &versions, round).await?;
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
        kept.since = hold.clone().unwrap_or_else(|| cursor.clone());
        super::save_since(db_url, kept).await?;
        if first {
            progress(Some((done.min(total.max(done)), total.max(done))));
        }
        if rows < limit {
            break;
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
    let (versions, mark) = if whole {
        let mark = crate::app::sync::clock_reading();
        (s.base.with_untracked(dsync::snapshot), mark)
    } else {
        crate::app::sync::changes_since(s, kept.pushed_up_to.as_ref())
    };
    let mut ids: BTreeSet<(RecordKind, Id)> = versions.iter().map(|v| (v.kind, v.id)).collect();
    drop(versions);
    ids.extend(CONFLICTED.with(|c| std::mem::take(&mut *c.borrow_mut())));
    let ids: Vec<(RecordKind, Id)> = ids.into_iter().collect();
    let total = ids.len();
    for (i, chunk) in ids.chunks(PUSH_CHUNK).enumerate() {
        round.sent += push_chunk(s, db_url, chunk, round).await?;
        if whole && total > PUSH_CHUNK {
            progress(Some((((i + 1) * PUSH_CHUNK).min(total), total)));
        }
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
    let leaves: Vec<Changed> = current
        .iter()
        .filter(|(_, c)| !c.conflicts.is_empty())
        .map(|(id, c)| Changed {
            id: id.clone(),
            leaves: c.conflicts.clone(),
        })
        .collect();
    if !leaves.is_empty() {
        let got = call(
            "POST",
            &format!("{db_url}/_bulk_get"),
            Some(&docs::bulk_get_request(&leaves)),
            None,
        )
        .await?;
        theirs.extend(docs::read_bulk_get(&got).versions);
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
    let resp = call(
        "POST",
        &format!("{db_url}/_bulk_docs"),
        Some(&json!({ "docs": to_write, "new_edits": false })),
        None,
    )
    .await?;
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
        for d in &to_write {
            p.insert(format!(
                "{} {}",
                d["_id"].as_str().unwrap_or_default(),
                d["_rev"].as_str().unwrap_or_default()
            ));
        }
    });
    Ok(to_write
        .iter()
        .filter(|d| d.get("_deleted").is_none())
        .count())
}

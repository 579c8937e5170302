//! Sync through a shared folder (Yandex Disk, Dropbox, Google Drive, OneDrive, a network share):
//! this computer writes its changes as new files under `pismo-sync/<device>/` and reads the other
//! computers' files (the rules are `domain::sync::folder`'s). One tab of the browser syncs at a
//! time (a Web Lock), at start, every minute and on demand.

use std::collections::BTreeMap;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::glue;
use super::{load_kept, save_kept, status, Folder, Kept, Seen};
use crate::app::clock::now;
use crate::app::state::{db, AppState};
use crate::domain::sync::folder::{self as rules, ChangeFile, FORMAT};
use crate::domain::sync::{self as dsync};

const HANDLE: &str = "sync_folder";
/// How often a sync runs while the app is open.
const EVERY_MS: u64 = 60_000;

/// Whether this browser can use a shared folder at all.
pub fn supported() -> bool {
    glue::can_pick() || test_folder()
}

/// `?sync-folder=private` in the address: the origin's private file system stands in for the
/// shared folder (tests, where no folder picker can be clicked).
fn test_folder() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|s| s.contains("sync-folder=private"))
}

/// Whether this computer syncs through a folder (or the tests' stand-in for one).
pub async fn chosen() -> bool {
    test_folder() || stored().await.is_some()
}

/// The folder chosen on this computer, if any.
async fn stored() -> Option<JsValue> {
    let v = db().ok()?.get_meta_value(HANDLE).await.ok()??;
    (!v.is_undefined() && !v.is_null()).then_some(v)
}

/// Finds where the folder stands, asking the browser's permission only if `ask` (a click).
async fn ready(ask: bool) -> Option<JsValue> {
    let Some(h) = stored().await else {
        status().update(|s| s.folder = Folder::None);
        return None;
    };
    let name = glue::folder_name(&h);
    let granted = glue::permission(&h, ask)
        .await
        .ok()
        .and_then(|p| p.as_string())
        .is_some_and(|p| p == "granted");
    status().update(|s| {
        s.folder = if granted {
            Folder::Ready(name)
        } else {
            Folder::NeedsPermission(name)
        }
    });
    granted.then_some(h)
}

/// The user picks the shared folder (a click); the first sync follows.
pub async fn choose(s: AppState) {
    let h = if test_folder() {
        glue::opfs().await
    } else {
        glue::pick().await
    };
    match h {
        Ok(h) => {
            let stored = match db() {
                Ok(d) => d.set_meta_value(HANDLE, &h).await,
                Err(e) => Err(e),
            };
            // A new folder: nothing of it has been read or written yet.
            let forgotten = match stored {
                Ok(()) => save_kept(&Kept::default()).await,
                Err(e) => Err(e),
            };
            match forgotten {
                Ok(()) => run(s, true).await,
                Err(e) => s.storage_error(&e),
            }
        }
        // Cancelled, or refused: nothing changes.
        Err(e) => status().update(|st| st.problems = vec![glue::message(&e)]),
    }
}

/// At start, then every minute: sync if the folder is there and allowed (never asks).
pub fn start(s: AppState) {
    leptos::task::spawn_local(async move {
        if test_folder() && stored().await.is_none() {
            choose(s).await;
        } else {
            run(s, false).await;
        }
    });
    leptos::prelude::set_interval(
        move || leptos::task::spawn_local(run(s, false)),
        std::time::Duration::from_millis(EVERY_MS),
    );
}

/// One sync: read the others' new files, write this computer's changes, tidy its own folder.
/// `ask`: the user clicked, so the browser may ask for the folder permission.
pub async fn run(s: AppState, ask: bool) {
    if status().with_untracked(|st| st.running) || !s.history_ready.get_untracked() {
        return;
    }
    let Some(h) = ready(ask).await else { return };
    let Ok(release) = glue::lock("pismo-sync").await else {
        return;
    };
    if release.is_null() {
        return; // another tab of this browser is syncing
    }
    status().update(|st| st.running = true);
    let mut problems = Vec::new();
    let counts = match once(s, &h, &mut problems).await {
        Ok(c) => c,
        Err(e) => {
            problems.push(e);
            (0, 0, 0)
        }
    };
    if let Ok(f) = release.dyn_into::<js_sys::Function>() {
        let _ = f.call0(&JsValue::NULL);
    }
    status().update(|st| {
        st.running = false;
        st.problems = problems;
        st.last_run = counts;
        st.runs += 1;
    });
}

async fn once(
    s: AppState,
    h: &JsValue,
    problems: &mut Vec<String>,
) -> Result<(usize, usize, usize), String> {
    let me = status().with_untracked(|st| st.device.clone());
    let mut kept = load_kept().await.map_err(|e| e.to_string())?;
    let listing = list(h, &me).await?;
    let (received, replaced) = read_others(s, h, &me, &listing, &mut kept, problems).await;
    let sent = write_mine(s, h, &me, &listing, &mut kept).await?;
    tidy(h, &me, &kept, problems).await;
    kept.last = Some(now());
    save_kept(&kept).await.map_err(|e| e.to_string())?;
    Ok((sent, received, replaced))
}

async fn list(h: &JsValue, me: &str) -> Result<BTreeMap<String, Vec<String>>, String> {
    let text = glue::list(h, me)
        .await
        .map_err(|e| glue::message(&e))?
        .as_string()
        .unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

fn path(dev: &str, name: &str) -> String {
    format!("{}/{dev}/{name}", rules::DIR)
}

/// Reads every other computer's new files in order; a file that cannot be read is named and
/// skipped (its computer is read on from its next snapshot, or next time).
async fn read_others(
    s: AppState,
    h: &JsValue,
    me: &str,
    listing: &BTreeMap<String, Vec<String>>,
    kept: &mut Kept,
    problems: &mut Vec<String>,
) -> (usize, usize) {
    let (mut received, mut replaced) = (0, 0);
    for (dev, names) in listing.iter().filter(|(d, _)| d.as_str() != me) {
        let files = rules::list(names);
        for f in &files.foreign {
            problems.push(format!(
                "{}: {}",
                path(dev, f),
                "not a Pismo file, left alone"
            ));
        }
        let mut todo = rules::to_read(&files, kept.read.get(dev).copied());
        let mut i = 0;
        while i < todo.len() {
            let name = todo[i].clone();
            i += 1;
            let parsed = match glue::read(h, dev, &name).await {
                Ok(t) => rules::parse(&t.as_string().unwrap_or_default(), dev),
                Err(e) => Err(glue::message(&e)),
            };
            let parsed = match parsed {
                Ok(p) => p,
                Err(e) => {
                    problems.push(format!("{}: {e}", path(dev, &name)));
                    // Perhaps still arriving through the cloud drive: read it next time, unless a
                    // later snapshot stands in for it.
                    match todo[i..]
                        .iter()
                        .rposition(|n| n.ends_with(".snapshot.json"))
                    {
                        Some(j) => {
                            todo = todo[i + j..].to_vec();
                            i = 0;
                            continue;
                        }
                        None => break,
                    }
                }
            };
            let from = path(dev, &name);
            for r in &parsed.refused {
                problems.push(super::refused_line(r, &from));
            }
            match super::receive(s, &parsed.versions).await {
                Ok(plan) => {
                    for r in &plan.refused {
                        problems.push(super::refused_line(r, &from));
                    }
                    // The file says when its computer's clock wrote it: later than now here
                    // means that clock is ahead (a file cannot come from the future).
                    let ahead = (parsed.file.written_at - now()).num_milliseconds();
                    if ahead.max(plan.ahead_ms) > dsync::hlc::SKEW_WARN_MS {
                        problems.push(format!(
                            "{from}: {} {}",
                            s.tr_untracked().y.clock_ahead,
                            ahead.max(plan.ahead_ms) / 60_000
                        ));
                    }
                    let st = plan.stats;
                    received += st.added + st.updated + st.deleted;
                    replaced += st.replaced;
                }
                Err(e) => {
                    // Not stored: this file is read again next time.
                    problems.push(format!("{from}: {e}"));
                    break;
                }
            }
            let file = &parsed.file;
            kept.read.insert(dev.clone(), file.seq);
            kept.received += parsed.versions.len();
            kept.devices.insert(
                dev.clone(),
                Seen {
                    name: file.name.clone(),
                    written_at: file.written_at,
                    read_at: now(),
                    seq: file.seq,
                    read_me: file.read.get(me).copied(),
                },
            );
            if let Err(e) = save_kept(kept).await {
                problems.push(e.to_string());
                break;
            }
        }
    }
    (received, replaced)
}

/// Writes what this computer changed since its last file (the whole base after a replace, or
/// as a snapshot now and then); returns how many records went out.
async fn write_mine(
    s: AppState,
    h: &JsValue,
    me: &str,
    listing: &BTreeMap<String, Vec<String>>,
    kept: &mut Kept,
) -> Result<usize, String> {
    let own = rules::list(listing.get(me).map(Vec::as_slice).unwrap_or(&[]));
    let base_id = db().map_err(|e| e.to_string())?.base_id();
    let whole = kept.sent_base != base_id || rules::wants_snapshot(&own);
    let (versions, mark) = if whole {
        let mark = super::clock_reading();
        (s.base.with_untracked(dsync::snapshot), mark)
    } else {
        super::changes_since(s, kept.sent_clock.as_ref())
    };
    if versions.is_empty() && !whole {
        return Ok(0);
    }
    let seq = own.files.last().map_or(0, |f| f.0).max(kept.sent_seq) + 1;
    let n = versions.len();
    let file = ChangeFile {
        format: FORMAT.into(),
        version: 1,
        device: me.to_string(),
        name: device_name(s),
        seq,
        written_at: now(),
        clock: mark.clone(),
        snapshot: whole,
        read: kept.read.clone(),
        versions: versions
            .into_iter()
            .filter_map(|v| serde_json::to_value(v).ok())
            .collect(),
    };
    let text = serde_json::to_string(&file).map_err(|e| e.to_string())?;
    glue::write(h, me, &rules::file_name(seq, whole), &text)
        .await
        .map_err(|e| {
            format!(
                "{}: {}",
                path(me, &rules::file_name(seq, whole)),
                glue::message(&e)
            )
        })?;
    kept.sent_seq = seq;
    kept.sent_clock = Some(mark);
    kept.sent_base = base_id;
    kept.sent += n;
    Ok(n)
}

/// Deletes this computer's files that every other computer has read and a snapshot replaces.
async fn tidy(h: &JsValue, me: &str, kept: &Kept, problems: &mut Vec<String>) {
    let Ok(listing) = list(h, me).await else {
        return;
    };
    let own = rules::list(listing.get(me).map(Vec::as_slice).unwrap_or(&[]));
    let cutoff = now() - chrono::Duration::days(rules::FORGET_AFTER_DAYS);
    let others: Vec<Option<u64>> = listing
        .keys()
        .filter(|d| d.as_str() != me)
        .filter(|d| {
            kept.devices
                .get(*d)
                .is_none_or(|seen| seen.written_at > cutoff)
        })
        .map(|d| kept.devices.get(d).and_then(|seen| seen.read_me))
        .collect();
    for name in rules::deletable(&own, &others) {
        if let Err(e) = glue::remove(h, me, &name).await {
            problems.push(format!("{}: {}", path(me, &name), glue::message(&e)));
        }
    }
}

/// How this computer is named to the others: who is at it.
pub fn device_name(s: AppState) -> String {
    let who = crate::app::person::name_of(s, s.me.get_untracked());
    if who.is_empty() {
        s.tr_untracked().y.this_computer.to_string()
    } else {
        who
    }
}

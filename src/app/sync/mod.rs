//! Several computers, one base: this computer's name and clock, the stamp on every write, and
//! what arrives from the others merged in through the one change path (`change::apply`). How the
//! changes travel: a shared folder (`folder`), CouchDB (`couch`), or a file carried by hand
//! (`file`).

pub mod couch;
pub mod file;
pub mod folder;
mod glue;

use std::cell::RefCell;
use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::change::{self, Message};
use super::clock::now;
use super::state::{db, AppState};
use crate::domain::base::{Base, Batch, Changed};
use crate::domain::model::Timestamp;
use crate::domain::sync::{self as dsync, Clock, Hlc};
use crate::storage::{self, LocalKey, StorageError};

const KEPT: &str = "sync_state";

/// Whether this computer syncs at all: only then is the sync engine's piece fetched at start.
pub async fn configured() -> bool {
    folder::chosen().await || couch::set_up().await
}

thread_local! {
    /// This computer's clock; its last reading is the latest stamp in the base (so nothing needs
    /// keeping across restarts), taken in when the history is loaded.
    static CLOCK: RefCell<Clock> = RefCell::new(Clock::new("", None));
}

/// What is kept between syncs (IndexedDB meta `sync_state`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    /// This computer's last file in the folder, and the clock reading its changes went up to.
    #[serde(default)]
    pub sent_seq: u64,
    #[serde(default)]
    pub sent_clock: Option<Hlc>,
    /// The base (meta `base_id`) last sent: a replaced base is sent whole.
    #[serde(default)]
    pub sent_base: Option<String>,
    /// How far each other computer's files were read.
    #[serde(default)]
    pub read: BTreeMap<String, u64>,
    #[serde(default)]
    pub devices: BTreeMap<String, Seen>,
    #[serde(default)]
    pub last: Option<Timestamp>,
    /// Records sent and received since the folder was chosen.
    #[serde(default)]
    pub sent: usize,
    #[serde(default)]
    pub received: usize,
    /// What «changes since the last exchange» was last written up to (the file way).
    #[serde(default)]
    pub exported_clock: Option<Hlc>,
}

/// Another computer as its files show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Seen {
    pub name: String,
    /// Its clock when it wrote its latest file.
    pub written_at: Timestamp,
    /// When this computer read that file.
    pub read_at: Timestamp,
    pub seq: u64,
    /// How far it had read this computer's files.
    #[serde(default)]
    pub read_me: Option<u64>,
}

/// Where the shared folder stands on this computer.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Folder {
    #[default]
    Unknown,
    /// None chosen.
    None,
    /// Chosen, but the browser wants the user's permission again (after a restart).
    NeedsPermission(String),
    Ready(String),
}

/// What the sync page and the menu show.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncStatus {
    pub device: String,
    pub folder: Folder,
    pub running: bool,
    pub kept: Kept,
    /// The last run's problems: files skipped, records refused, a clock far off.
    pub problems: Vec<String>,
    /// The last run's counts: (sent, received, replaced values).
    pub last_run: (usize, usize, usize),
    /// Runs finished since the page opened (tests wait for the next one).
    pub runs: u64,
    pub couch: couch::CouchStatus,
}

pub fn status() -> RwSignal<SyncStatus> {
    // One signal for the app's life, made under the root owner on first use.
    thread_local! {
        static STATUS: RwSignal<SyncStatus> = RwSignal::new(SyncStatus::default());
    }
    STATUS.with(|s| *s)
}

/// This computer's name in the folder: made once per browser, kept in localStorage (two
/// browsers on one computer are two computers, as their bases are two bases). Nothing is written
/// to IndexedDB at start.
pub async fn init() -> Result<(), StorageError> {
    let device = match storage::get_string(LocalKey::Device)? {
        Some(d) if !d.is_empty() => d,
        _ => {
            let id = super::browser::new_id().simple().to_string();
            let d = id[..10].to_string();
            storage::set_string(LocalKey::Device, &d)?;
            d
        }
    };
    CLOCK.with(|c| *c.borrow_mut() = Clock::new(&device, None));
    let kept = load_kept().await.unwrap_or_default();
    status().update(|s| {
        s.device = device;
        s.kept = kept;
    });
    Ok(())
}

/// The stored clocks, loaded with the history: put beside the records (a clock stamped meanwhile,
/// by an edit made while the history loaded, is newer and stays), and taken in by this
/// computer's clock, so its next write comes after all of them.
pub fn loaded(base: &mut Base, clocks: Vec<dsync::Clocks>) {
    for c in clocks {
        base.clocks.entry(c.id).or_insert(c);
    }
    catch_up(base);
}

fn catch_up(base: &Base) {
    let wall = now().timestamp_millis();
    CLOCK.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(latest) = base.clocks.values().map(|k| k.latest()).max() {
            c.observe(latest, wall);
        }
    });
}

/// Stamps a write made on this computer (every commit).
pub fn stamp(base: &Base, batch: &mut Batch) {
    let wall = now().timestamp_millis();
    CLOCK.with(|c| dsync::stamp(base, batch, &mut c.borrow_mut(), wall));
    couch::poke();
}

/// Takes in the stamps of a write made in another tab of this browser.
pub fn observe(batch: &Batch) {
    let wall = now().timestamp_millis();
    CLOCK.with(|c| {
        let mut c = c.borrow_mut();
        for k in &batch.clocks {
            c.observe(k.latest(), wall);
        }
    });
}

/// Merges versions from another computer into the base: planned with this computer's clock,
/// written (already stamped: not stamped again), applied in memory and told to the other tabs.
pub async fn receive(
    s: AppState,
    versions: &[dsync::Version],
) -> Result<dsync::Plan, StorageError> {
    let wall = now().timestamp_millis();
    let plan = s
        .base
        .with_untracked(|b| CLOCK.with(|c| dsync::plan(b, versions, &mut c.borrow_mut(), wall)));
    if !plan.batch.is_empty() {
        let db = db()?;
        {
            let _writing = s.writing.start();
            db.write(&plan.batch).await?;
        }
        change::apply(s, &plan.batch);
        change::announce(&Message::Records(Changed::of(&plan.batch)));
    }
    Ok(plan)
}

/// Merges versions into memory only, adding what is to be stored to `unsaved` (stored by
/// [`save_received`]): a whole base arriving page by page is stored in a few growing writes,
/// since each write rewrites the buckets it touches and page by page that cost the square of
/// the base (CouchDB's first sync of 100,000 clients spent 60 of its 75 s writing).
pub fn receive_unsaved(
    s: AppState,
    versions: &[dsync::Version],
    unsaved: &mut Batch,
) -> dsync::Plan {
    let wall = now().timestamp_millis();
    let plan = s
        .base
        .with_untracked(|b| CLOCK.with(|c| dsync::plan(b, versions, &mut c.borrow_mut(), wall)));
    if !plan.batch.is_empty() {
        change::apply(s, &plan.batch);
        unsaved.append(plan.batch.clone());
    }
    plan
}

/// Stores what [`receive_unsaved`] merged, and tells the other tabs.
pub async fn save_received(s: AppState, unsaved: Batch) -> Result<(), StorageError> {
    if unsaved.is_empty() {
        return Ok(());
    }
    {
        let _writing = s.writing.start();
        db()?.write(&unsaved).await?;
    }
    change::announce(&Message::Records(Changed::of(&unsaved)));
    Ok(())
}

/// What this computer wrote after `after`, and the clock reading that covers it.
pub fn changes_since(s: AppState, after: Option<&Hlc>) -> (Vec<dsync::Version>, Hlc) {
    let mark = CLOCK.with(|c| c.borrow().last().clone());
    let device = mark.device.clone();
    let versions = s
        .base
        .with_untracked(|b| dsync::changed_here(b, &device, after));
    (versions, mark)
}

/// The clock's reading now, without an event.
pub fn clock_reading() -> Hlc {
    CLOCK.with(|c| c.borrow().last().clone())
}

pub async fn load_kept() -> Result<Kept, StorageError> {
    let text = db()?.get_meta(KEPT).await?;
    Ok(text
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default())
}

pub async fn save_kept(kept: &Kept) -> Result<(), StorageError> {
    let text = serde_json::to_string(kept).map_err(|e| StorageError::Codec {
        key: KEPT.into(),
        message: e.to_string(),
    })?;
    db()?.set_meta(KEPT, &text).await?;
    status().update(|s| s.kept = kept.clone());
    Ok(())
}

/// A problem of a record not taken, for the status: its kind, id and why.
pub fn refused_line(r: &dsync::Refused, from: &str) -> String {
    format!("{from}: {} {} — {}", r.kind, r.id, r.reason)
}

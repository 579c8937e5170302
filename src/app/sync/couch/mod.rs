//! Sync through CouchDB, for a company that outgrew a shared folder: the user logs in with a
//! CouchDB user (a cookie session: the password is sent once and kept nowhere), and while the
//! app is open one tab replicates continuously: a round (pull, then push) after every local edit
//! and whenever the server reports a change (`_changes?feed=longpoll`), with growing pauses while
//! the server is away. Only the database's address and the user's name are stored (IndexedDB
//! meta `sync_couch`), with the checkpoints.

mod http;
mod login;
mod replicate;

pub use login::{connect, disconnect};

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};

use super::{glue, status};
use crate::app::clock::now;
use crate::app::state::{db, AppState};
use crate::domain::model::Timestamp;
use crate::domain::sync::couch::{checkpoint_id, start_from};
use crate::domain::sync::Hlc;
use crate::storage::StorageError;
use http::{call, Failure};

const KEPT: &str = "sync_couch";
/// How long the server may hold a `_changes` request open when nothing changes.
const LONGPOLL_MS: u32 = 25_000;
const MAX_PAUSE_MS: u32 = 60_000;

/// What is kept on this computer: where the database is, who logs in, how far it was read and
/// what was last sent. No password.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    pub url: String,
    pub user: String,
    #[serde(default = "zero")]
    pub since: Value,
    #[serde(default)]
    pub pushed_up_to: Option<Hlc>,
    #[serde(default)]
    pub pushed_base: Option<String>,
    #[serde(default)]
    pub sent: usize,
    #[serde(default)]
    pub received: usize,
    #[serde(default)]
    pub last: Option<Timestamp>,
}

fn zero() -> Value {
    json!(0)
}

/// Where the link to CouchDB stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Link {
    #[default]
    Off,
    /// Set up, but the session is over: log in again.
    LoggedOut,
    Connecting,
    Live,
    /// The server does not answer (or answers errors): retried.
    Away(String),
    /// Another tab of this browser replicates.
    OtherTab,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct CouchStatus {
    pub link: Link,
    pub kept: Kept,
    /// The first sync's progress: documents done, of how many.
    pub progress: Option<(usize, usize)>,
    /// The settings CouchDB needs so that this page may talk to it, when CORS is the problem.
    pub cors: Option<String>,
    pub problems: Vec<String>,
    /// The last round's counts: (sent, received, replaced values).
    pub last_run: (usize, usize, usize),
    pub runs: u64,
}

fn set(f: impl FnOnce(&mut CouchStatus)) {
    status().update(|s| f(&mut s.couch));
}

fn progress(p: Option<(usize, usize)>) {
    set(|c| c.progress = p);
}

thread_local! {
    /// Bumped to stop the running loop (log out, another database).
    static GENERATION: Cell<u64> = const { Cell::new(0) };
    /// The open long poll, aborted when a local edit wants to go out.
    static WAITING: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    static WANTED: Cell<bool> = const { Cell::new(false) };
    /// The server checkpoint's revision (a `_local` document is updated with its revision).
    static CHECKPOINT_REV: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Whether this computer syncs with a CouchDB.
pub async fn set_up() -> bool {
    matches!(load().await, Ok(Some(_)))
}

async fn load() -> Result<Option<Kept>, StorageError> {
    let text = db()?.get_meta(KEPT).await?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

async fn save(kept: &Kept) -> Result<(), StorageError> {
    let text = serde_json::to_string(kept).map_err(|e| StorageError::Codec {
        key: KEPT.into(),
        message: e.to_string(),
    })?;
    db()?.set_meta(KEPT, &text).await?;
    set(|c| c.kept = kept.clone());
    Ok(())
}

/// Saves how far the pull got, here and in the database's `_local` checkpoint.
async fn save_since(db_url: &str, kept: &Kept) -> Result<(), Failure> {
    let since = kept.since.clone();
    save(kept)
        .await
        .map_err(|e| Failure::Status(0, e.to_string()))?;
    let device = status().with_untracked(|s| s.device.clone());
    let url = format!("{db_url}/{}", checkpoint_id(&device));
    let mut doc = json!({ "since": since, "device": device, "at": now() });
    for _ in 0..2 {
        if let Some(rev) = CHECKPOINT_REV.with(|r| r.borrow().clone()) {
            doc["_rev"] = json!(rev);
        }
        match call("PUT", &url, Some(&doc), None).await {
            Ok(r) => {
                let rev = r.get("rev").and_then(Value::as_str).map(str::to_string);
                CHECKPOINT_REV.with(|c| *c.borrow_mut() = rev);
                return Ok(());
            }
            Err(Failure::Status(409, _)) => {
                let current = call("GET", &url, None, None).await?;
                let rev = current
                    .get("_rev")
                    .and_then(Value::as_str)
                    .map(str::to_string);
                CHECKPOINT_REV.with(|c| *c.borrow_mut() = rev);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// At start: sync if a database was set up on this computer.
pub fn start(s: AppState) {
    leptos::task::spawn_local(async move {
        if let Ok(Some(k)) = load().await {
            set(|c| c.kept = k);
            start_loop(s);
        }
    });
}

/// A local edit was made: the long poll gives way so that it goes out now.
pub fn poke() {
    WANTED.with(|w| w.set(true));
    wake();
}

fn wake() {
    if let Some(c) = WAITING.with(|w| w.borrow_mut().take()) {
        http::abort(&c);
    }
}

fn message(e: &Failure) -> String {
    match e {
        Failure::Network(m) => m.clone(),
        Failure::Status(s, m) => format!("{s}: {m}"),
        other => format!("{other:?}"),
    }
}

fn start_loop(s: AppState) {
    let generation = GENERATION.with(|g| {
        g.set(g.get() + 1);
        g.get()
    });
    leptos::task::spawn_local(run(s, generation));
}

fn current(generation: u64) -> bool {
    GENERATION.with(|g| g.get()) == generation
}

/// The replication loop of this tab, while it is the current one.
async fn run(s: AppState, generation: u64) {
    while !s.history_ready.get_untracked() {
        http::sleep(100).await;
    }
    // One tab of the browser replicates; the others wait for its lock.
    let release = loop {
        match glue::lock("pismo-couch").await {
            Ok(r) if !r.is_null() => break r,
            _ => {
                set(|c| c.link = Link::OtherTab);
                http::sleep(30_000).await;
                if !current(generation) {
                    return;
                }
            }
        }
    };
    let mut pause = 1000;
    let mut checked = false;
    while current(generation) {
        let outcome = round(s, &mut checked).await;
        if !current(generation) {
            break;
        }
        match outcome {
            Ok(()) => {
                pause = 1000;
                wait_for_change().await;
            }
            Err(Failure::Aborted) => {}
            Err(Failure::Unauthorized) => {
                set(|c| c.link = Link::LoggedOut);
                break;
            }
            Err(e) if e.passing() => {
                set(|c| {
                    c.link = Link::Away(message(&e));
                    c.runs += 1;
                });
                http::sleep(pause).await;
                pause = (pause * 2).min(MAX_PAUSE_MS);
            }
            Err(e) => {
                let y = s.tr_untracked().y;
                let why = match &e {
                    Failure::Forbidden => y.couch_not_member.to_string(),
                    Failure::NotFound => y.couch_no_db.to_string(),
                    other => message(other),
                };
                set(|c| {
                    c.link = Link::Away(why);
                    c.runs += 1;
                });
                http::sleep(MAX_PAUSE_MS).await;
            }
        }
    }
    if let Ok(f) = release.dyn_into::<js_sys::Function>() {
        let _ = f.call0(&JsValue::NULL);
    }
}

/// Pull, then push; the status says what came of it.
async fn round(s: AppState, checked: &mut bool) -> Result<(), Failure> {
    WANTED.with(|w| w.set(false));
    let Some(mut kept) = load().await.ok().flatten() else {
        return Err(Failure::Aborted);
    };
    let db_url = kept.url.clone();
    if !*checked {
        // The checkpoint counts only if the database has the same (a database made anew, or
        // restored, is read from the beginning: the merge takes each record once).
        let device = status().with_untracked(|x| x.device.clone());
        let theirs = match call(
            "GET",
            &format!("{db_url}/{}", checkpoint_id(&device)),
            None,
            None,
        )
        .await
        {
            Ok(doc) => {
                CHECKPOINT_REV.with(|c| {
                    *c.borrow_mut() = doc.get("_rev").and_then(Value::as_str).map(str::to_string)
                });
                doc.get("since").cloned()
            }
            Err(Failure::NotFound) => None,
            Err(e) => return Err(e),
        };
        kept.since = start_from(Some(&kept.since), theirs.as_ref());
        *checked = true;
    }
    let mut r = replicate::Round::default();
    let outcome = async {
        replicate::pull(s, &db_url, &mut kept, &mut r).await?;
        replicate::push(s, &db_url, &mut kept, &mut r).await
    }
    .await;
    progress(None);
    kept.received += r.received;
    kept.last = Some(now());
    if outcome.is_ok() {
        let _ = save(&kept).await;
    }
    set(|c| {
        c.problems = r.problems;
        c.last_run = (r.sent, r.received, r.replaced);
        c.runs += 1;
        if outcome.is_ok() {
            c.link = Link::Live;
        }
    });
    outcome
}

/// Waits until the database changes or a local edit wants to go out.
async fn wait_for_change() {
    if WANTED.with(Cell::get) {
        return;
    }
    let Some(kept) = load().await.ok().flatten() else {
        return;
    };
    let c = http::controller();
    WAITING.with(|w| *w.borrow_mut() = Some(c.clone()));
    let url = format!(
        "{}/_changes?feed=longpoll&limit=1&timeout={LONGPOLL_MS}&since={}",
        kept.url,
        String::from(js_sys::encode_uri_component(&match &kept.since {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }))
    );
    let signal = http::signal_of(&c);
    if let Err(e) = call("GET", &url, None, Some(&signal)).await {
        if e.passing() {
            // The round that follows finds out and says so.
            http::sleep(1000).await;
        }
    }
    WAITING.with(|w| w.borrow_mut().take());
}

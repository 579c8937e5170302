//! The change path: the one way a change reaches this tab's memory and everything derived from
//! it. A write of this tab ([`AppState::commit`]) and a change another tab wrote both end in
//! [`apply`]; so will changes that arrive from other computers. After a write, other tabs are
//! told what changed ([`Changed`]: kinds and ids) and read just those records back from the
//! buckets they live in, not the whole base.

use std::cell::RefCell;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{closure::Closure, JsCast};

use super::state::{db, AppState};
use crate::domain::base::{Batch, Changed};
use crate::domain::model::RecordKind;
use crate::domain::search::SearchIndex;

/// What one tab tells the others on the `pismo` channel.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Message {
    /// These records were written.
    Records(Changed),
    /// The whole base was replaced (the demo, a replace-import): read everything again.
    Replaced,
    /// The day's letter queue was changed (a skip, a postponement, a client added).
    Queue,
}

thread_local! {
    static CHANNEL: RefCell<Option<web_sys::BroadcastChannel>> = const { RefCell::new(None) };
}

/// Tells the other open tabs.
pub fn announce(message: &Message) {
    let Ok(text) = serde_json::to_string(message) else {
        return;
    };
    CHANNEL.with(|ch| {
        if let Some(c) = ch.borrow().as_ref() {
            let _ = c.post_message(&text.into());
        }
    });
}

/// Listens to the other tabs: their changes are applied here as they come.
pub fn listen(state: AppState) {
    let Ok(channel) = web_sys::BroadcastChannel::new("pismo") else {
        return;
    };
    let cb = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let message = ev
            .data()
            .as_string()
            .and_then(|t| serde_json::from_str::<Message>(&t).ok());
        match message {
            Some(Message::Records(changed)) => leptos::task::spawn_local(receive(state, changed)),
            Some(Message::Queue) => state.queue.set(None),
            // A whole new base, or a message of another version of the app: read everything.
            Some(Message::Replaced) | None => leptos::task::spawn_local(state.reload()),
        }
    });
    channel.set_onmessage(Some(cb.as_ref().unchecked_ref()));
    cb.forget();
    CHANNEL.with(|ch| *ch.borrow_mut() = Some(channel));
}

/// Reads the records another tab changed from storage (the truth, even if the message is late)
/// and applies them.
async fn receive(s: AppState, changed: Changed) {
    let db = match db() {
        Ok(db) => db,
        Err(e) => return s.storage_error(&e),
    };
    match db.read_buckets(&changed.bucket_keys()).await {
        Ok((stored, unreadable)) => {
            if !unreadable.is_empty() {
                s.unreadable
                    .update(|u| u.extend(unreadable.iter().map(ToString::to_string)));
            }
            apply(s, &changed.pick(stored));
        }
        Err(e) => s.storage_error(&e),
    }
}

thread_local! {
    /// Whether what is derived from the clients waits (a whole base arriving page by page), and
    /// whether a page changed clients meanwhile.
    static HELD: std::cell::Cell<(bool, bool)> = const { std::cell::Cell::new((false, false)) };
}

/// While held, pages of clients change the base but the search index, the duplicate scan and
/// the letter queue are brought up to date once, when the guard goes: rebuilding a 100,000-client
/// index after each of twenty pages cost most of CouchDB's first sync.
pub struct Held(AppState);

pub fn hold(s: AppState) -> Held {
    HELD.with(|h| h.set((true, false)));
    Held(s)
}

impl Drop for Held {
    fn drop(&mut self) {
        let (_, missed) = HELD.with(|h| h.replace((false, false)));
        if missed {
            derive(self.0, &Batch::default(), true);
        }
    }
}

/// Applies a change that storage holds to memory, and keeps what is derived from the base in
/// step with it: the search index, the duplicate scan, today's letter queue. (The dashboard's
/// and the pages' figures are memos over the base and follow by themselves.)
pub fn apply(s: AppState, batch: &Batch) {
    super::sync::observe(batch);
    s.base.update(|b| b.apply(batch));
    let clients = !batch.clients.is_empty()
        || batch
            .tombstones
            .iter()
            .any(|t| t.kind == RecordKind::Client);
    let touched = clients || !batch.decisions.is_empty();
    let held = HELD.with(|h| {
        let (held, missed) = h.get();
        h.set((held, missed || (held && touched)));
        held
    });
    if held {
        return;
    }
    derive(s, batch, clients);
}

/// The search index, the duplicate scan and the letter queue after `batch` (all of them
/// rebuilt when `batch` is empty and `clients`).
fn derive(s: AppState, batch: &Batch, clients: bool) {
    if batch.clients.len() > 200 || (clients && batch.is_empty()) {
        // Re-indexing client by client re-sorts each time; past a few hundred a rebuild is cheaper.
        let index = s
            .base
            .with_untracked(|b| SearchIndex::build(b.clients.iter()));
        s.index.set(index);
    } else if clients {
        s.index.update(|idx| {
            for c in &batch.clients {
                idx.update(c);
            }
            for t in &batch.tombstones {
                idx.remove(&t.id);
            }
        });
    }
    if clients || !batch.decisions.is_empty() {
        // The scan stays on view until a fresh one replaces it (see `scan::ensure`).
        s.duplicates.update(|d| {
            if let Some(d) = d {
                d.stale = true;
            }
        });
        if s.queue.with_untracked(Option::is_some) {
            leptos::task::spawn_local(async move {
                if let Err(e) = super::queue::top_up(s).await {
                    s.storage_error(&e);
                }
            });
        }
    }
}

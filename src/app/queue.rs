//! Today's letter queue between the domain's rotation and storage: read once a day from the
//! database (meta `queue` and `postponed`), planned by the rotation when there is none for today,
//! and written back after every skip, postponement or addition, so a reload shows the same list.

use std::collections::HashMap;

use chrono::NaiveDate;
use leptos::prelude::*;

use super::clock::today;
use super::state::{db, AppState};
use crate::domain::letters::day::{postpone, prune_postponed, today_queue, DayQueue, LettersDay};
use crate::domain::letters::rotation::{candidates, plan_day};
use crate::domain::model::Id;
use crate::storage::StorageError;

pub const QUEUE: &str = "queue";
pub const POSTPONED: &str = "postponed";

/// A stored value that no longer parses is derived data: it is planned again, and said so.
fn parse<T: serde::de::DeserializeOwned>(
    s: &AppState,
    key: &str,
    text: Option<String>,
) -> Option<T> {
    let text = text.filter(|t| !t.trim().is_empty() && t.trim() != "null")?;
    match serde_json::from_str(&text) {
        Ok(v) => Some(v),
        Err(e) => {
            s.toast(format!("{key}: {e}"), true);
            None
        }
    }
}

/// Reads today's queue, or plans and stores it. Needs the history (letters, orders) loaded.
pub async fn ensure(s: AppState) -> Result<(), StorageError> {
    let db = db()?;
    let day = today();
    let stored: Option<DayQueue> = parse(&s, QUEUE, db.get_meta(QUEUE).await?);
    let mut postponed: HashMap<Id, NaiveDate> =
        parse(&s, POSTPONED, db.get_meta(POSTPONED).await?).unwrap_or_default();
    prune_postponed(&mut postponed, day);
    // A queue for another base (the demo loaded again, a backup replaced everything) is stale.
    let stored = stored.filter(|q| {
        q.planned.is_empty()
            || s.base
                .with_untracked(|b| q.planned.iter().any(|id| b.clients.get(id).is_some()))
    });
    let mut planned = false;
    let queue = today_queue(stored, day, || {
        planned = true;
        s.base.with_untracked(|b| {
            s.settings
                .with_untracked(|set| plan_day(&candidates(b, day, &postponed), set, day))
        })
    });
    let mut queue = queue;
    if planned || fill(&s, &mut queue, &postponed) {
        db.set_meta(QUEUE, &to_json(&queue)?).await?;
    }
    s.postponed.set(postponed);
    s.queue.set(Some(queue));
    Ok(())
}

/// Fills the room left in today's queue from a fresh plan (see `DayQueue::top_up`); the rotation
/// runs only when there is room. Whether anything was added.
fn fill(s: &AppState, queue: &mut DayQueue, postponed: &HashMap<Id, NaiveDate>) -> bool {
    let quota = s.settings.with_untracked(|set| set.quota as usize);
    if queue.planned.len() >= quota {
        return false;
    }
    let fresh = s.base.with_untracked(|b| {
        s.settings
            .with_untracked(|set| plan_day(&candidates(b, queue.date, postponed), set, queue.date))
    });
    queue.top_up(&fresh, quota)
}

/// After clients arrived in the pool (`change::apply`): today's queue takes them if it has room,
/// stored before it is shown.
pub async fn top_up(s: AppState) -> Result<(), StorageError> {
    let Some(mut queue) = s.queue.get_untracked().filter(|q| q.date == today()) else {
        return Ok(());
    };
    if !fill(&s, &mut queue, &s.postponed.get_untracked()) {
        return Ok(());
    }
    db()?.set_meta(QUEUE, &to_json(&queue)?).await?;
    s.queue.set(Some(queue));
    Ok(())
}

/// The queue and postponements as stored (not planned anew): what a backup carries.
pub async fn stored_day(s: &AppState) -> Result<LettersDay, StorageError> {
    let db = db()?;
    let queue = parse(s, QUEUE, db.get_meta(QUEUE).await?);
    let postponed: Option<HashMap<Id, NaiveDate>> =
        parse(s, POSTPONED, db.get_meta(POSTPONED).await?);
    Ok(LettersDay {
        queue,
        postponed: postponed.unwrap_or_default().into_iter().collect(),
    })
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, StorageError> {
    serde_json::to_string(v).map_err(|e| StorageError::Codec {
        key: QUEUE.into(),
        message: e.to_string(),
    })
}

/// What the writer can do to the day's list.
#[derive(Debug, Clone, Copy)]
pub enum Change {
    Skip(Id),
    Postpone(Id, u32),
    Add(Id),
}

/// Applies a change and stores the queue (and postponements) before showing it.
pub async fn change(s: AppState, what: Change) -> Result<(), StorageError> {
    let Some(mut queue) = s.queue.get_untracked() else {
        return Ok(());
    };
    let mut postponed = s.postponed.get_untracked();
    match what {
        Change::Skip(id) => queue.skip_client(id),
        Change::Postpone(id, days) => postpone(&mut queue, &mut postponed, id, days),
        Change::Add(id) => queue.add(id),
    }
    let db = db()?;
    db.set_meta(QUEUE, &to_json(&queue)?).await?;
    if matches!(what, Change::Postpone(..)) {
        db.set_meta(POSTPONED, &to_json(&postponed)?).await?;
    }
    s.queue.set(Some(queue));
    s.postponed.set(postponed);
    super::change::announce(&super::change::Message::Queue);
    Ok(())
}

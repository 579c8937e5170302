//! Answers to letters and what each one does to the client: «interested» hands it to a salesperson
//! (so it leaves the pool), opt-out sets do-not-contact, a returned letter marks the address bad
//! for the client-base section to fix, a complaint waits for follow-up.

use std::collections::HashMap;

use super::send::letter_address;
use crate::base::{Base, Batch};
use crate::history;
use crate::model::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Hand the client to this salesperson.
    Interested {
        to: Id,
    },
    NotNow,
    Complaint,
    OptOut,
    Returned,
}

impl Answer {
    pub fn kind(&self) -> ResponseKind {
        match self {
            Answer::Interested { .. } => ResponseKind::Interested,
            Answer::NotNow => ResponseKind::NotNow,
            Answer::Complaint => ResponseKind::Complaint,
            Answer::OptOut => ResponseKind::OptOut,
            Answer::Returned => ResponseKind::Returned,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("no such letter")]
    NoLetter,
    #[error("the letter has not been sent")]
    NotSent,
    #[error("the client is gone")]
    NoClient,
    #[error("not an active salesperson")]
    NotASalesperson,
}

/// Active clients per owner (merged-away records do not count).
pub fn load_by_owner(base: &Base) -> HashMap<Id, u32> {
    let mut load = HashMap::new();
    for c in base.clients.iter().filter(|c| c.merged_into.is_none()) {
        if let Some(o) = c.owner {
            *load.entry(o).or_insert(0) += 1;
        }
    }
    load
}

/// Active salespeople with their load, the one with most free capacity first.
pub fn salespeople(base: &Base) -> Vec<(&Staff, u32)> {
    let load = load_by_owner(base);
    let mut v: Vec<(&Staff, u32)> = base
        .staff
        .iter()
        .filter(|s| s.active && s.role == Role::Salesperson)
        .map(|s| (s, load.get(&s.id).copied().unwrap_or(0)))
        .collect();
    crate::sort::sort_by_key(&mut v, |(s, n)| {
        (
            std::cmp::Reverse(i64::from(s.capacity) - i64::from(*n)),
            s.name.clone(),
        )
    });
    v
}

/// The salesperson with most free capacity, if anyone is under their capacity.
pub fn suggest_salesperson(base: &Base) -> Option<Id> {
    salespeople(base)
        .first()
        .filter(|(s, n)| *n < s.capacity)
        .map(|(s, _)| s.id)
}

/// The records an answer changes: the letter (with its response) and, for most answers, the
/// client, with the change history of the client's tracked fields.
pub fn record_answer(
    base: &Base,
    letter: Id,
    answer: Answer,
    note: &str,
    at: Timestamp,
    mut new_id: impl FnMut() -> Id,
) -> Result<Batch, AnswerError> {
    let mut l = base
        .letters
        .get(&letter)
        .ok_or(AnswerError::NoLetter)?
        .clone();
    if l.status != LetterStatus::Sent {
        return Err(AnswerError::NotSent);
    }
    let old = base.clients.get(&l.client).ok_or(AnswerError::NoClient)?;
    let mut c = old.clone();
    match answer {
        Answer::Interested { to } => {
            let ok = base
                .staff
                .get(&to)
                .is_some_and(|s| s.active && s.role == Role::Salesperson);
            if !ok {
                return Err(AnswerError::NotASalesperson);
            }
            c.owner = Some(to);
        }
        Answer::OptOut => {
            let since = l.sent_at.map(|t| t.date_naive()).unwrap_or(l.planned_for);
            let reason = if note.trim().is_empty() {
                format!(
                    "Отказ от писем (ответ на письмо от {})",
                    crate::format::dmy(since)
                )
            } else {
                note.trim().to_string()
            };
            c.do_not_contact = Some(DoNotContact { reason, since: at });
        }
        Answer::Returned if l.channel == Channel::Post => {
            let bad = letter_address(&c).cloned();
            if let Some(a) = c.addresses.iter_mut().find(|a| Some(&**a) == bad.as_ref()) {
                a.returned = true;
            }
        }
        Answer::Returned | Answer::NotNow | Answer::Complaint => {}
    }
    l.response = Some(Response {
        by: None,
        kind: answer.kind(),
        at,
        note: note.trim().to_string(),
        followed_up: false,
    });
    l.updated_at = at;
    let mut batch = Batch {
        letters: vec![l],
        ..Batch::default()
    };
    if c != *old {
        c.updated_at = at;
        batch.changes = history::changes(Some(old), &c, at, &mut new_id);
        // The hand-off starts the salesperson's clock: a client handed over a minute ago is
        // not «quiet» for having had no contact since it was created.
        if let Some(mut handed) =
            crate::sales::owner_change(base, Some(old), &c, None, at, new_id())
        {
            handed.text = note.trim().to_string();
            batch.activities.push(handed);
        }
        batch.clients.push(c);
    }
    Ok(batch)
}

/// Complaints not yet followed up, oldest first.
pub fn open_complaints(base: &Base) -> Vec<&Letter> {
    let mut v: Vec<&Letter> = base
        .letters
        .iter()
        .filter(|l| {
            l.response
                .as_ref()
                .is_some_and(|r| r.kind == ResponseKind::Complaint && !r.followed_up)
        })
        .collect();
    crate::sort::sort_by_key(&mut v, |l| l.response.as_ref().map(|r| r.at));
    v
}

/// The client-base section's fix-address queue: clients with an address a letter came back from,
/// or whose e-mailed letter bounced and who were not edited since.
pub fn fix_address_queue(base: &Base) -> Vec<&Client> {
    let mut bounced: HashMap<Id, Timestamp> = HashMap::new();
    for l in base.letters.iter().filter(|l| l.channel == Channel::Email) {
        if let Some(r) = l
            .response
            .as_ref()
            .filter(|r| r.kind == ResponseKind::Returned)
        {
            let e = bounced.entry(l.client).or_insert(r.at);
            *e = (*e).max(r.at);
        }
    }
    base.clients
        .iter()
        .filter(|c| c.merged_into.is_none())
        .filter(|c| {
            c.addresses.iter().any(|a| a.returned)
                || bounced.get(&c.id).is_some_and(|at| c.updated_at <= *at)
        })
        .collect()
}

#[cfg(test)]
mod tests;

//! Checked rows into one batch, all or nothing: what is new is added, what the base has already is
//! filled in (never overwritten) or skipped, repeats inside the file are skipped.

use serde::Serialize;

use super::rows::{RowCheck, Verdict};
use crate::model::*;

/// How many rows of each kind a check found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub new: usize,
    pub existing: usize,
    pub in_file: usize,
    pub with_problems: usize,
}

pub fn summary(checks: &[RowCheck]) -> Summary {
    let mut s = Summary::default();
    for c in checks {
        match c.verdict {
            Verdict::New => s.new += 1,
            Verdict::Existing(_) => s.existing += 1,
            Verdict::InFile(_) => s.in_file += 1,
        }
        if !c.problems.is_empty() {
            s.with_problems += 1;
        }
    }
    s
}

/// The import as one batch (all or nothing): new rows become clients; rows that match a client in
/// the base update it when `update_existing` (blank fields filled, new phones, e-mails, addresses,
/// contacts and segments added, nothing removed) or are skipped; repeats inside the file are
/// skipped; rows with problems are skipped only when `skip_invalid`, otherwise nothing is imported
/// (`Err` with their lines).
pub fn to_batch(
    checks: &[RowCheck],
    base: &crate::base::Base,
    update_existing: bool,
    skip_invalid: bool,
    at: Timestamp,
    mut new_id: impl FnMut() -> Id,
) -> Result<crate::base::Batch, Vec<u64>> {
    let invalid: Vec<u64> = checks
        .iter()
        .filter(|c| !c.problems.is_empty())
        .map(|c| c.line)
        .collect();
    if !invalid.is_empty() && !skip_invalid {
        return Err(invalid);
    }
    let mut batch = crate::base::Batch::default();
    for c in checks.iter().filter(|c| c.problems.is_empty()) {
        match c.verdict {
            Verdict::New => {
                batch
                    .changes
                    .extend(crate::history::changes(None, &c.client, at, &mut new_id));
                batch.clients.push(c.client.clone());
            }
            Verdict::Existing(id) if update_existing => {
                let Some(old) = base.clients.get(&id) else {
                    continue;
                };
                let updated = fill_in(old, &c.client, at);
                if updated != *old {
                    batch.changes.extend(crate::history::changes(
                        Some(old),
                        &updated,
                        at,
                        &mut new_id,
                    ));
                    batch.clients.push(updated);
                }
            }
            _ => {}
        }
    }
    Ok(batch)
}

/// `old` with what `incoming` adds: blank fields filled, list entries it lacks appended.
fn fill_in(old: &Client, incoming: &Client, at: Timestamp) -> Client {
    let mut c = old.clone();
    let blank = |s: &String| s.trim().is_empty();
    if blank(&c.inn) {
        c.inn = incoming.inn.clone();
    }
    if blank(&c.legal_form) {
        c.legal_form = incoming.legal_form.clone();
    }
    let norm_phone = |p: &Phone| {
        crate::contact::normalize_phone(&p.number)
            .map(|n| n.national().to_string())
            .unwrap_or_else(|_| p.number.clone())
    };
    for p in &incoming.phones {
        if !c.phones.iter().any(|x| norm_phone(x) == norm_phone(p)) {
            c.phones.push(p.clone());
        }
    }
    for e in &incoming.emails {
        if !c
            .emails
            .iter()
            .any(|x| x.address.trim().eq_ignore_ascii_case(e.address.trim()))
        {
            c.emails.push(e.clone());
        }
    }
    for a in &incoming.addresses {
        let key = crate::dedup::normalize::address_key(a);
        if !c
            .addresses
            .iter()
            .any(|x| crate::dedup::normalize::address_key(x) == key)
        {
            c.addresses.push(a.clone());
        }
    }
    for p in &incoming.contacts {
        if !c
            .contacts
            .iter()
            .any(|x| x.last == p.last && x.first == p.first)
        {
            c.contacts.push(p.clone());
        }
    }
    for seg in &incoming.segments {
        if !c.segments.contains(seg) {
            c.segments.push(seg.clone());
        }
    }
    if c != *old {
        c.updated_at = at;
        c.verified_at = Some(at);
    }
    c
}

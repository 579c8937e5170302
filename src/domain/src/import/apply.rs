//! Checked rows into one batch, all or nothing, and what became of every row. A row is refused
//! only when nothing usable is left (no name); a doubtful value (a phone without a city code, a
//! postcode of five digits) is kept as the file has it and reported. Rows of the file that are one
//! client become one client with everything they carry; a client the base has already is filled
//! in (never overwritten) or left alone.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::rows::{RowCheck, Verdict};
use crate::base::{Base, Batch};
use crate::model::*;
use crate::validate::Problem;

/// How many rows of each kind a check found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub new: usize,
    pub existing: usize,
    pub in_file: usize,
    /// Rows kept with a doubtful value.
    pub with_warnings: usize,
    /// Rows with nothing usable: they are not imported.
    pub refused: usize,
}

/// Whether a problem leaves nothing to import: a client needs a name; everything else is the
/// user's own data, kept and shown on the data-quality page.
pub fn refuses(p: &Problem) -> bool {
    matches!(p, Problem::EmptyName)
}

impl RowCheck {
    pub fn refused(&self) -> bool {
        self.problems.iter().any(|(_, p)| refuses(p))
    }
}

pub fn summary(checks: &[RowCheck]) -> Summary {
    let mut s = Summary::default();
    for c in checks {
        if c.refused() {
            s.refused += 1;
            continue;
        }
        match c.verdict {
            Verdict::New => s.new += 1,
            Verdict::Existing(_) => s.existing += 1,
            Verdict::InFile(_) => s.in_file += 1,
        }
        if !c.problems.is_empty() {
            s.with_warnings += 1;
        }
    }
    s
}

/// What became of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "fate", content = "client", rename_all = "snake_case")]
pub enum Fate {
    /// A new client.
    Created(Id),
    /// The same client as an earlier row of the file: what it adds went into that client.
    MergedIntoRow(u64),
    /// A client in the base, filled in with what the row adds.
    Updated(Id),
    /// A client in the base that has everything the row holds.
    Unchanged(Id),
    /// A client in the base, left alone (updating was switched off).
    Skipped(Id),
    /// Nothing usable: no name.
    Refused,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RowFate {
    pub line: u64,
    pub name: String,
    pub fate: Fate,
    /// The doubtful values kept (or why the row was refused), by field path.
    pub problems: Vec<(String, Problem)>,
}

/// Enough to undo an import later: the clients it created and the clients it changed as they
/// were before. Kept by the app after the import (see [`ImportUndo::batch`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportUndo {
    pub at: Timestamp,
    pub created: Vec<Id>,
    pub before: Vec<Client>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub batch: Batch,
    pub fates: Vec<RowFate>,
    pub undo: ImportUndo,
}

/// Where a row's data went: a new client (by its row) or one in the base.
#[derive(Clone, Copy)]
enum Target {
    New(u64),
    Base(Id),
}

/// The import as one batch with the fate of every row. Rows that match a client in the base fill
/// it in when `update_existing` (blank fields, new phones, e-mails, addresses, contacts and
/// segments; nothing removed) or are skipped.
pub fn plan(
    checks: &[RowCheck],
    base: &Base,
    update_existing: bool,
    at: Timestamp,
    mut new_id: impl FnMut() -> Id,
) -> Plan {
    let mut created: Vec<(u64, Client)> = Vec::new();
    let mut updated: HashMap<Id, Client> = HashMap::new();
    let mut target_of: HashMap<u64, Target> = HashMap::new();
    let mut fates = Vec::with_capacity(checks.len());
    for c in checks {
        let first_target = match c.verdict {
            Verdict::InFile(first) => target_of.get(&first).copied().map(|t| (t, Some(first))),
            Verdict::Existing(id) if base.clients.get(&id).is_some() => {
                Some((Target::Base(id), None))
            }
            _ => None,
        };
        let fate = match first_target {
            _ if c.refused() => Fate::Refused,
            // A repeat of an earlier row: what it adds goes where that row went.
            Some((t, Some(first))) => {
                target_of.insert(c.line, t);
                let into = Into {
                    created: &mut created,
                    updated: &mut updated,
                    base,
                    at,
                };
                into.merge(t, &c.client, update_existing);
                Fate::MergedIntoRow(first)
            }
            Some((Target::Base(id), _)) if update_existing => {
                target_of.insert(c.line, Target::Base(id));
                let into = Into {
                    created: &mut created,
                    updated: &mut updated,
                    base,
                    at,
                };
                into.merge(Target::Base(id), &c.client, true);
                Fate::Updated(id)
            }
            Some((Target::Base(id), _)) => {
                target_of.insert(c.line, Target::Base(id));
                Fate::Skipped(id)
            }
            _ => {
                target_of.insert(c.line, Target::New(c.line));
                created.push((c.line, c.client.clone()));
                Fate::Created(c.client.id)
            }
        };
        fates.push(RowFate {
            line: c.line,
            name: crate::format::full_name(&c.client),
            fate,
            problems: c.problems.clone(),
        });
    }
    // A client of the base the file names but adds nothing to is unchanged, not updated.
    let mut batch = Batch::default();
    let mut before = Vec::new();
    for f in &mut fates {
        if let Fate::Updated(id) = f.fate {
            if updated.get(&id) == base.clients.get(&id) {
                f.fate = Fate::Unchanged(id);
            }
        }
    }
    let mut changed: Vec<&Client> = updated
        .values()
        .filter(|c| base.clients.get(&c.id) != Some(*c))
        .collect();
    changed.sort_by_key(|c| c.id);
    for c in changed {
        let Some(old) = base.clients.get(&c.id) else {
            continue;
        };
        batch
            .changes
            .extend(crate::history::changes(Some(old), c, at, &mut new_id));
        before.push(old.clone());
        batch.clients.push(c.clone());
    }
    let mut ids = Vec::with_capacity(created.len());
    for (_, c) in created {
        batch
            .changes
            .extend(crate::history::changes(None, &c, at, &mut new_id));
        ids.push(c.id);
        batch.clients.push(c);
    }
    Plan {
        batch,
        fates,
        undo: ImportUndo {
            at,
            created: ids,
            before,
        },
    }
}

/// Where a row's additions are gathered while the plan is made.
struct Into<'a> {
    created: &'a mut [(u64, Client)],
    updated: &'a mut HashMap<Id, Client>,
    base: &'a Base,
    at: Timestamp,
}

impl Into<'_> {
    fn merge(self, target: Target, row: &Client, update_existing: bool) {
        match target {
            Target::New(line) => {
                if let Some((_, c)) = self.created.iter_mut().find(|(l, _)| *l == line) {
                    *c = fill_in(c, row, c.updated_at);
                }
            }
            Target::Base(id) if update_existing => {
                let Some(old) = self.updated.get(&id).or_else(|| self.base.clients.get(&id)) else {
                    return;
                };
                let new = fill_in(old, row, self.at);
                self.updated.insert(id, new);
            }
            Target::Base(_) => {}
        }
    }
}

impl ImportUndo {
    /// The batch that takes the import back out of `base` now: its new clients deleted (with
    /// their history), the clients it changed put back as they were. A client edited after the
    /// import is left as it is and returned, so an undo never throws away later work.
    pub fn batch(&self, base: &Base, now: Timestamp) -> (Batch, Vec<Id>) {
        let mut batch = Batch::default();
        let mut kept = Vec::new();
        let edited_since = |id: &Id| base.clients.get(id).is_some_and(|c| c.updated_at > self.at);
        for id in &self.created {
            if base.clients.get(id).is_none() {
                continue;
            }
            if edited_since(id) {
                kept.push(*id);
            } else {
                let gone = base.delete_client(*id, now);
                batch.tombstones.extend(gone.tombstones);
            }
        }
        for old in &self.before {
            if edited_since(&old.id) {
                kept.push(old.id);
            } else if base.clients.get(&old.id).is_some() {
                let mut back = old.clone();
                back.updated_at = now;
                batch.clients.push(back);
            }
        }
        (batch, kept)
    }
}

/// `old` with what `incoming` adds: blank fields filled, list entries it lacks appended.
fn fill_in(old: &Client, incoming: &Client, at: Timestamp) -> Client {
    let mut c = old.clone();
    let blank = |s: &String| s.trim().is_empty();
    if blank(&c.inn) {
        c.inn = incoming.inn.clone();
    }
    if blank(&c.kpp) {
        c.kpp = incoming.kpp.clone();
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
    let note = incoming.notes.trim();
    if !note.is_empty() && !c.notes.contains(note) {
        if !c.notes.is_empty() {
            c.notes.push('\n');
        }
        c.notes.push_str(note);
    }
    if c != *old {
        c.updated_at = at;
        c.verified_at = Some(at);
    }
    c
}

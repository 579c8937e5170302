//! Merging duplicates, and undoing it. The survivor takes the chosen value of each single field
//! and the union of every list (phones, e-mails, addresses, contact persons, segments, notes);
//! the other records stay, marked `merged_into`, and their orders, letters, requests and history
//! move to the survivor. The `Decision` record keeps every client as it was and every record it
//! moved, so an undo days later puts each back exactly.

use std::collections::HashSet;

use super::normalize::{address_key, skeleton};
use super::NotDuplicate;
use crate::base::{Base, Batch};
use crate::contact::{normalize_email, normalize_phone};
use crate::history;
use crate::model::*;
use crate::record::{each_kind, KindFn, Record, Visit};

/// Which client gives each single-valued field of the merged record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choices {
    pub name: Id,
    pub legal_form: Id,
    pub inn: Id,
    pub owner: Id,
    pub do_not_contact: Id,
    pub language: Id,
}

impl Choices {
    /// What a careful person would pick: the survivor's value unless it is empty there; an owner
    /// if any record has one; do-not-contact if any record asks for it (a merge must never make
    /// a client who said «no» reachable again).
    pub fn suggested(clients: &[&Client], survivor: Id) -> Choices {
        let mut order: Vec<&Client> = clients.to_vec();
        crate::sort::sort_by_key(&mut order, |c| c.id != survivor);
        let first = |has: fn(&Client) -> bool| {
            order
                .iter()
                .find(|c| has(c))
                .map(|c| c.id)
                .unwrap_or(survivor)
        };
        Choices {
            name: first(|c| !c.name.trim().is_empty()),
            legal_form: first(|c| !c.legal_form.trim().is_empty()),
            inn: first(|c| !c.inn.trim().is_empty()),
            owner: first(|c| c.owner.is_some()),
            do_not_contact: first(|c| c.do_not_contact.is_some()),
            language: survivor,
        }
    }

    /// Every field from one client.
    pub fn all_from(id: Id) -> Choices {
        Choices {
            name: id,
            legal_form: id,
            inn: id,
            owner: id,
            do_not_contact: id,
            language: id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("no client {0}")]
    NotFound(Id),
    #[error("client {0} is already merged into another")]
    AlreadyMerged(Id),
    #[error("a merge needs at least two different clients")]
    TooFew,
    #[error("a chosen value comes from a client outside the merge")]
    ChoiceOutside,
    #[error("no such merge, or it was undone already")]
    NothingToUndo,
}

fn union_by<T: Clone>(lists: &[&[T]], key: impl Fn(&T) -> String) -> Vec<T> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for list in lists {
        for x in list.iter() {
            if seen.insert(key(x)) {
                out.push(x.clone());
            }
        }
    }
    out
}

fn phone_key(p: &Phone) -> String {
    normalize_phone(&p.number)
        .map(|n| n.national().to_string())
        .unwrap_or_else(|_| p.number.trim().to_string())
}

fn email_key(e: &Email) -> String {
    normalize_email(&e.address).unwrap_or_else(|_| e.address.trim().to_lowercase())
}

fn contact_key(p: &ContactPerson) -> String {
    [&p.last, &p.first, &p.patronymic]
        .iter()
        .map(|w| skeleton(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The merge as one batch: the survivor, the merged-away records, the moved history, the change
/// log and the `Decision` that can undo it.
pub fn merge(
    base: &Base,
    survivor: Id,
    others: &[Id],
    choices: &Choices,
    at: Timestamp,
    mut new_id: impl FnMut() -> Id,
) -> Result<Batch, MergeError> {
    let mut ids = vec![survivor];
    for id in others {
        if !ids.contains(id) {
            ids.push(*id);
        }
    }
    if ids.len() < 2 {
        return Err(MergeError::TooFew);
    }
    let mut before: Vec<Client> = Vec::new();
    for id in &ids {
        let c = base.clients.get(id).ok_or(MergeError::NotFound(*id))?;
        if c.merged_into.is_some() {
            return Err(MergeError::AlreadyMerged(*id));
        }
        before.push(c.clone());
    }
    let pick = |id: Id| {
        before
            .iter()
            .find(|c| c.id == id)
            .ok_or(MergeError::ChoiceOutside)
    };
    let mut s = before[0].clone();
    let name_from = pick(choices.name)?;
    s.name = name_from.name.clone();
    s.kind = name_from.kind;
    s.legal_form = pick(choices.legal_form)?.legal_form.clone();
    let inn_from = pick(choices.inn)?;
    s.inn = inn_from.inn.clone();
    // The КПП belongs to the ИНН it was issued with; a record with the ИНН and no КПП takes the
    // first other record's that has one.
    s.kpp = Some(inn_from)
        .filter(|c| !c.kpp.trim().is_empty())
        .or_else(|| before.iter().find(|c| !c.kpp.trim().is_empty()))
        .map(|c| c.kpp.clone())
        .unwrap_or_default();
    s.owner = pick(choices.owner)?.owner;
    s.do_not_contact = pick(choices.do_not_contact)?.do_not_contact.clone();
    s.language = pick(choices.language)?.language;
    s.phones = union_by(
        &before
            .iter()
            .map(|c| c.phones.as_slice())
            .collect::<Vec<_>>(),
        phone_key,
    );
    s.emails = union_by(
        &before
            .iter()
            .map(|c| c.emails.as_slice())
            .collect::<Vec<_>>(),
        email_key,
    );
    s.addresses = union_by(
        &before
            .iter()
            .map(|c| c.addresses.as_slice())
            .collect::<Vec<_>>(),
        |a| format!("{} {}", a.postcode.trim(), address_key(a)),
    );
    s.contacts = union_by(
        &before
            .iter()
            .map(|c| c.contacts.as_slice())
            .collect::<Vec<_>>(),
        contact_key,
    );
    s.segments = union_by(
        &before
            .iter()
            .map(|c| c.segments.as_slice())
            .collect::<Vec<_>>(),
        |x| x.trim().to_lowercase(),
    );
    s.notes = union_by(
        &before
            .iter()
            .map(|c| std::slice::from_ref(&c.notes))
            .collect::<Vec<_>>(),
        |n| n.trim().to_string(),
    )
    .into_iter()
    .filter(|n| !n.trim().is_empty())
    .collect::<Vec<_>>()
    .join("\n\n");
    s.created_at = before.iter().map(|c| c.created_at).min().unwrap_or(at);
    s.verified_at = before.iter().filter_map(|c| c.verified_at).max();
    // A corporate client stays one: its account manager is its single point of contact.
    s.corporate = before.iter().any(|c| c.corporate);
    s.updated_at = at;

    let mut batch = Batch {
        changes: history::changes(Some(&before[0]), &s, at, &mut new_id),
        ..Batch::default()
    };
    let after = Some(Box::new(s.clone()));
    batch.clients.push(s);
    for c in &before[1..] {
        let mut gone = c.clone();
        gone.merged_into = Some(survivor);
        gone.updated_at = at;
        batch.clients.push(gone);
    }
    let mut moves = MoveTo {
        base,
        from: ids[1..].iter().copied().collect(),
        to: survivor,
        at,
        moved: Vec::new(),
        out: &mut batch,
    };
    each_kind(&mut moves);
    let moved = moves.moved;
    let what = DecisionKind::Merge {
        survivor,
        merged: ids[1..].to_vec(),
        before,
        after,
        moved,
        undone_at: None,
    };
    batch.decisions.push(Decision::new(new_id(), what, at));
    Ok(batch)
}

/// Puts every client of a merge back as it was and moves each moved record back to its client.
/// Edits made to the survivor after the merge are replaced by its state before it; orders and
/// letters added to it since stay with it.
pub fn undo(base: &Base, decision: Id, at: Timestamp) -> Result<Batch, MergeError> {
    let d = base
        .decisions
        .get(&decision)
        .ok_or(MergeError::NothingToUndo)?;
    let DecisionKind::Merge {
        survivor,
        before,
        after,
        moved,
        undone_at: None,
        ..
    } = &d.what
    else {
        return Err(MergeError::NothingToUndo);
    };
    let mut batch = Batch::default();
    for c in before {
        let mut back = c.clone();
        if back.id == *survivor {
            if let (Some(now), Some(after)) = (base.clients.get(survivor), after) {
                back = keep_later_edits(c, after, now);
            }
        }
        back.updated_at = at;
        if back.id == *survivor {
            if let Some(now) = base.clients.get(survivor) {
                let mut n = 0u128;
                batch.changes = history::changes(Some(now), &back, at, || {
                    n += 1;
                    // Derived from the decision, so the same undo gives the same ids.
                    Id::from_u128(decision.as_u128() ^ n)
                });
            }
        }
        batch.clients.push(back);
    }
    for m in moved {
        m.kind.dispatch(MoveBack {
            base,
            moved: m,
            at,
            out: &mut batch,
        });
    }
    let mut done = d.clone();
    if let DecisionKind::Merge { undone_at, .. } = &mut done.what {
        *undone_at = Some(at);
    }
    done.updated_at = at;
    batch.decisions.push(done);
    Ok(batch)
}

/// The survivor as it was before the merge, except where it was edited after: a field whose
/// value now differs from what the merge wrote was changed since, and that change is kept (a
/// phone corrected a week after the merge must not vanish with the undo).
fn keep_later_edits(before: &Client, after: &Client, now: &Client) -> Client {
    use serde_json::{to_value, Value};
    let (Ok(Value::Object(b)), Ok(Value::Object(a)), Ok(Value::Object(n))) =
        (to_value(before), to_value(after), to_value(now))
    else {
        return before.clone();
    };
    let mut out = b;
    // A field left out of `now` (an empty value is not written) but written by the merge was
    // emptied since.
    for k in a.keys().filter(|k| !n.contains_key(*k)) {
        out.remove(k);
    }
    for (k, v) in n {
        if a.get(&k) != Some(&v) {
            out.insert(k, v);
        }
    }
    serde_json::from_value(Value::Object(out)).unwrap_or_else(|_| before.clone())
}

/// Every record of `from` clients, of every kind that belongs to a client, moved to `to`, each
/// noted so an undo can move it back.
struct MoveTo<'a> {
    base: &'a Base,
    from: HashSet<Id>,
    to: Id,
    at: Timestamp,
    moved: Vec<Moved>,
    out: &'a mut Batch,
}

impl Visit for MoveTo<'_> {
    fn visit<K: Record>(&mut self) {
        if !K::OWNED {
            return;
        }
        for r in K::table(self.base).iter() {
            let Some(from) = r.client().filter(|c| self.from.contains(c)) else {
                continue;
            };
            self.moved.push(Moved {
                kind: K::KIND,
                id: r.id(),
                from,
            });
            K::rows_mut(self.out).push(r.with_client(self.to, self.at));
        }
    }
}

/// A moved record back with its first client, if it still exists.
struct MoveBack<'a> {
    base: &'a Base,
    moved: &'a Moved,
    at: Timestamp,
    out: &'a mut Batch,
}

impl KindFn for MoveBack<'_> {
    type Out = ();
    fn call<K: Record>(self) {
        if !K::OWNED {
            return;
        }
        if let Some(r) = K::table(self.base).get(&self.moved.id) {
            K::rows_mut(self.out).push(r.with_client(self.moved.from, self.at));
        }
    }
}

/// «Not a duplicate» as a record.
pub fn not_duplicate(a: Id, b: Id, at: Timestamp, id: Id) -> Batch {
    let NotDuplicate(a, b) = NotDuplicate::new(a, b);
    Batch {
        decisions: vec![Decision::new(id, DecisionKind::NotDuplicate { a, b }, at)],
        ..Batch::default()
    }
}

/// Every «not a duplicate» the base remembers.
pub fn not_duplicates(base: &Base) -> HashSet<NotDuplicate> {
    base.decisions
        .iter()
        .filter_map(|d| match d.what {
            DecisionKind::NotDuplicate { a, b } => Some(NotDuplicate::new(a, b)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests;

//! The sales section: each salesperson's book of active clients against their capacity, the
//! activity log that says a client is actively worked, clients gone quiet proposed back to the
//! letter pool, and one-click reassign and release (both logged). Deals are in [`deals`].

pub mod deals;
pub mod steps;

use std::collections::HashMap;

use chrono::Duration;

use crate::base::{Base, Batch};
use crate::model::*;

/// The default number of active clients a salesperson can work with.
pub const CAPACITY: u32 = 50;

/// A staff member's capacity, with the default for salespeople who have none set.
pub fn capacity(s: &Staff) -> u32 {
    if s.capacity == 0 && s.role == Role::Salesperson {
        CAPACITY
    } else {
        s.capacity
    }
}

/// The clients a staff member owns (merged-away records left out), in name order.
pub fn book(base: &Base, staff: Id) -> Vec<&Client> {
    let mut v: Vec<&Client> = base
        .clients
        .iter()
        .filter(|c| c.owner == Some(staff) && c.merged_into.is_none())
        .collect();
    crate::sort::sort_by_cached_key(&mut v, |c| (crate::text::fold(&c.name), c.id));
    v
}

/// The last contact logged with each client (calls, meetings, letters, e-mails, notes).
pub fn last_contact(base: &Base) -> HashMap<Id, Timestamp> {
    let mut out: HashMap<Id, Timestamp> = HashMap::new();
    for a in base.activities.iter().filter(|a| a.kind.is_contact()) {
        let e = out.entry(a.client).or_insert(a.at);
        if a.at > *e {
            *e = a.at;
        }
    }
    out
}

/// When the current owner took the client (its last reassignment), if logged.
fn taken_at(base: &Base) -> HashMap<Id, Timestamp> {
    let mut out: HashMap<Id, Timestamp> = HashMap::new();
    for a in base
        .activities
        .iter()
        .filter(|a| a.kind == ActivityKind::Reassigned)
    {
        let e = out.entry(a.client).or_insert(a.at);
        if a.at > *e {
            *e = a.at;
        }
    }
    out
}

/// A client handed to a salesperson from letters and not yet contacted by them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandedOver {
    pub client: Id,
    pub letter: Id,
    /// When the answer was recorded.
    pub at: Timestamp,
    /// What the client said, as the letter writer noted it.
    pub note: String,
}

/// What the letters handed to `staff` that they have not yet worked on, newest first: the
/// salesperson's to-do from the letter writer. A contact logged since takes it off.
pub fn handed_over(base: &Base, staff: Id) -> Vec<HandedOver> {
    let last = last_contact(base);
    let mut v: Vec<HandedOver> = base
        .letters
        .iter()
        .filter_map(|l| {
            let r = l.response.as_ref()?;
            let c = base.clients.get(&l.client)?;
            let mine = r.kind == ResponseKind::Interested && c.owner == Some(staff);
            let untouched = last.get(&c.id).is_none_or(|t| *t < r.at);
            (mine && untouched && c.merged_into.is_none()).then(|| HandedOver {
                client: c.id,
                letter: l.id,
                at: r.at,
                note: r.note.clone(),
            })
        })
        .collect();
    crate::sort::sort_by_key(&mut v, |h| (std::cmp::Reverse(h.at), h.client));
    let mut seen = std::collections::HashSet::new();
    v.retain(|h| seen.insert(h.client));
    v
}

/// An owned client nobody has worked with for `days`: proposed back to the letter pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quiet {
    pub client: Id,
    pub owner: Id,
    /// The last contact, if there ever was one.
    pub last: Option<Timestamp>,
}

/// The clients of salespeople that went quiet: no contact for `days` (counted from when the
/// salesperson got the client, if that is later, and from the client's creation if nothing was
/// ever logged). A client kept on purpose («keep») is simply logged as a note, which resets it.
pub fn quiet(base: &Base, now: Timestamp, days: u32) -> Vec<Quiet> {
    let last = last_contact(base);
    let taken = taken_at(base);
    let limit = now - Duration::days(i64::from(days));
    let mut v: Vec<Quiet> = base
        .clients
        .iter()
        .filter(|c| c.merged_into.is_none() && !c.corporate)
        .filter_map(|c| {
            let owner = c.owner?;
            let s = base.staff.get(&owner)?;
            if s.role != Role::Salesperson {
                return None;
            }
            let since = [last.get(&c.id), taken.get(&c.id), Some(&c.created_at)]
                .into_iter()
                .flatten()
                .max()
                .copied()?;
            (since < limit).then(|| Quiet {
                client: c.id,
                owner,
                last: last.get(&c.id).copied(),
            })
        })
        .collect();
    crate::sort::sort_by_key(&mut v, |q| (q.owner, q.last, q.client));
    v
}

fn activity(
    client: Id,
    staff: Option<Id>,
    kind: ActivityKind,
    text: String,
    at: Timestamp,
    id: Id,
) -> Activity {
    Activity {
        id,
        client,
        staff,
        kind,
        at,
        text,
        updated_at: at,
    }
}

/// Logs a contact with a client.
pub fn log(
    client: Id,
    staff: Option<Id>,
    kind: ActivityKind,
    text: &str,
    at: Timestamp,
    id: Id,
) -> Batch {
    Batch {
        activities: vec![activity(
            client,
            staff,
            kind,
            text.trim().to_string(),
            at,
            id,
        )],
        ..Batch::default()
    }
}

/// The log entry of an owner change made by editing the client: who had it goes in the text.
/// `None` for a new client or when the owner stayed.
pub fn owner_change(
    base: &Base,
    old: Option<&Client>,
    new: &Client,
    by: Option<Id>,
    at: Timestamp,
    id: Id,
) -> Option<Activity> {
    let old = old?;
    if old.owner == new.owner {
        return None;
    }
    let had = old
        .owner
        .and_then(|o| base.staff.get(&o))
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let kind = if new.owner.is_some() {
        ActivityKind::Reassigned
    } else {
        ActivityKind::Released
    };
    Some(activity(new.id, by, kind, had, at, id))
}

/// Gives the client to `to` (or back to the letter pool with `None`), logged with who had it.
pub fn reassign(
    base: &Base,
    client: Id,
    to: Option<Id>,
    by: Option<Id>,
    at: Timestamp,
    mut new_id: impl FnMut() -> Id,
) -> Option<Batch> {
    let mut c = base.clients.get(&client)?.clone();
    if c.owner == to {
        return None;
    }
    c.owner = to;
    c.updated_at = at;
    let old = base.clients.get(&client);
    let changes = crate::history::changes(old, &c, at, &mut new_id);
    let logged = owner_change(base, old, &c, by, at, new_id())?;
    Some(Batch {
        activities: vec![logged],
        clients: vec![c],
        changes,
        ..Batch::default()
    })
}

/// The share of the base actively worked: clients with a contact logged by their owner within
/// `days`, of all clients (merged-away left out). The seed's «10 %».
pub fn worked_share(base: &Base, now: Timestamp, days: u32) -> (usize, usize) {
    let limit = now - Duration::days(i64::from(days));
    let mut worked: HashMap<Id, ()> = HashMap::new();
    for a in base.activities.iter() {
        if a.kind.is_contact() && a.at >= limit {
            if let Some(c) = base.clients.get(&a.client) {
                if c.owner.is_some() && c.owner == a.staff {
                    worked.insert(c.id, ());
                }
            }
        }
    }
    let total = base
        .clients
        .iter()
        .filter(|c| c.merged_into.is_none())
        .count();
    (worked.len(), total)
}

#[cfg(test)]
mod tests;

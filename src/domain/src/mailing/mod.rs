//! Address lists for mailings: which clients a list takes, the address each contributes (one
//! address once), and why the others were left out. The export to CSV is in [`csv`].

pub mod csv;
pub mod label;

use std::collections::HashSet;

use crate::base::Base;
use crate::dedup::normalize::address_key;
use crate::format::{full_name, person_name};
use crate::letters::compose::pick_contact;
use crate::letters::pool::usable_email;
use crate::letters::send::letter_address;
use crate::model::*;
use crate::text::fold;

/// One line of a list: who, and where to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRow {
    pub client: Id,
    pub recipient: String,
    /// The contact person of a company, «Фамилия Имя Отчество»; empty for persons.
    pub contact: String,
    pub postcode: String,
    pub region: String,
    pub city: String,
    pub street: String,
    pub email: String,
    pub segments: String,
}

impl ListRow {
    /// The lines of a label, in the Russian postal order.
    pub fn label_lines(&self) -> Vec<String> {
        [
            &self.recipient,
            &self.contact,
            &self.street,
            &self.city,
            &self.region,
            &self.postcode,
        ]
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
    }
}

/// Why a client the filter takes is not on the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Left {
    DoNotContact,
    /// Proposed as a duplicate and not yet decided: the merge may change its address.
    PendingMerge,
    /// No postal address a letter can reach (post) or no valid e-mail (e-mail).
    NoAddress,
    /// The other channel was asked for too and is missing.
    NoOther,
    /// Its address is already on the list, from another client.
    SameAddress,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub rows: Vec<ListRow>,
    /// How many clients were left out, per reason, in [`Left`]'s order.
    pub left: Vec<(Left, usize)>,
}

/// Whether the filter takes the client at all (before the exclusions).
pub fn takes(base: &Base, f: &ListFilter, c: &Client) -> bool {
    if c.merged_into.is_some() {
        return false;
    }
    if f.kind.is_some_and(|k| k != c.kind) {
        return false;
    }
    if !f.segments.is_empty() && !c.segments.iter().any(|s| f.segments.contains(s)) {
        return false;
    }
    let owned = c.owner.is_some_and(|o| base.staff.get(&o).is_some());
    let owner_ok = match f.owner {
        OwnerFilter::Any => true,
        OwnerFilter::Nobody => !owned,
        OwnerFilter::Owned => owned,
        OwnerFilter::Staff(s) => c.owner == Some(s),
    };
    if !owner_ok {
        return false;
    }
    let place = fold(f.place.trim());
    place.is_empty()
        || c.addresses
            .iter()
            .any(|a| fold(&a.city).contains(&place) || fold(&a.region).contains(&place))
}

fn contact_line(c: &Client) -> String {
    if c.kind != ClientKind::Company {
        return String::new();
    }
    pick_contact(c)
        .map(|p| person_name(&p.last, &p.first, &p.patronymic))
        .unwrap_or_default()
}

/// The list a filter gives, in the order of the clients' names. `pending` holds the clients of
/// the duplicate clusters not yet decided; pass an empty set to keep them.
pub fn select(base: &Base, f: &ListFilter, pending: &HashSet<Id>) -> Selection {
    let mut clients: Vec<&Client> = base.clients.iter().filter(|c| takes(base, f, c)).collect();
    crate::sort::sort_by_cached_key(&mut clients, |c| (fold(&c.name), c.id));
    let mut seen = HashSet::new();
    let mut left = std::collections::BTreeMap::<Left, usize>::new();
    let mut rows = Vec::new();
    for c in clients {
        let address = letter_address(c);
        let email = usable_email(c);
        let verdict = if c.do_not_contact.is_some() {
            Err(Left::DoNotContact)
        } else if pending.contains(&c.id) {
            Err(Left::PendingMerge)
        } else {
            let (own, other) = match f.channel {
                ListChannel::Post => (address.is_some(), email.is_some()),
                ListChannel::Email => (email.is_some(), address.is_some()),
            };
            if !own {
                Err(Left::NoAddress)
            } else if f.also_other && !other {
                Err(Left::NoOther)
            } else {
                let key = match f.channel {
                    ListChannel::Post => address.map(address_key).unwrap_or_default(),
                    ListChannel::Email => email.clone().unwrap_or_default(),
                };
                if seen.insert(key) {
                    Ok(())
                } else {
                    Err(Left::SameAddress)
                }
            }
        };
        if let Err(why) = verdict {
            *left.entry(why).or_default() += 1;
            continue;
        }
        let a = address.cloned().unwrap_or_default();
        rows.push(ListRow {
            client: c.id,
            recipient: full_name(c),
            contact: contact_line(c),
            postcode: a.postcode.trim().to_string(),
            region: a.region.trim().to_string(),
            city: a.city.trim().to_string(),
            street: a.street.trim().to_string(),
            email: email.unwrap_or_default(),
            segments: c.segments.join(", "),
        });
    }
    Selection {
        rows,
        left: left.into_iter().collect(),
    }
}

/// Every segment in the base, sorted, for the filter's choices.
pub fn segments(base: &Base) -> Vec<String> {
    let mut v: Vec<String> = base
        .clients
        .iter()
        .flat_map(|c| c.segments.iter().cloned())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    crate::sort::sort_by_cached_key(&mut v, |s| fold(s));
    v
}

#[cfg(test)]
mod tests;

//! The client base's data quality: which clients miss a phone, an e-mail, a postcode or an ИНН,
//! hold an invalid one, have not been confirmed for a year, had a letter returned, or wait for a
//! duplicate decision. Each item is a client to open and fix.
//!
//! «Confirmed today» (`verified_at`) means someone checked the record as it is: for a year it
//! clears what is merely missing (a school with no e-mail may have none), never what is wrong
//! (an invalid phone stays listed until it is fixed).

use std::collections::HashSet;

use chrono::Duration;

use crate::base::Base;
use crate::contact::{check_inn, check_postcode, normalize_email, normalize_phone};
use crate::model::*;

/// A record confirmed longer ago than this counts as unconfirmed.
pub const CONFIRMED_FOR_DAYS: i64 = 365;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Issue {
    ReturnedMail,
    PendingDuplicate,
    BadPhone,
    BadEmail,
    BadPostcode,
    BadInn,
    NoPhone,
    NoEmail,
    NoPostcode,
    NoInn,
    NotConfirmed,
}

impl Issue {
    pub const ALL: [Issue; 11] = [
        Issue::ReturnedMail,
        Issue::PendingDuplicate,
        Issue::BadPhone,
        Issue::BadEmail,
        Issue::BadPostcode,
        Issue::BadInn,
        Issue::NoPhone,
        Issue::NoEmail,
        Issue::NoPostcode,
        Issue::NoInn,
        Issue::NotConfirmed,
    ];

    /// Whether confirming the record as it is clears this issue.
    pub fn cleared_by_confirming(self) -> bool {
        matches!(
            self,
            Issue::NoPhone
                | Issue::NoEmail
                | Issue::NoPostcode
                | Issue::NoInn
                | Issue::NotConfirmed
        )
    }

    pub fn slug(self) -> &'static str {
        match self {
            Issue::ReturnedMail => "returned",
            Issue::PendingDuplicate => "duplicate",
            Issue::BadPhone => "bad-phone",
            Issue::BadEmail => "bad-email",
            Issue::BadPostcode => "bad-postcode",
            Issue::BadInn => "bad-inn",
            Issue::NoPhone => "no-phone",
            Issue::NoEmail => "no-email",
            Issue::NoPostcode => "no-postcode",
            Issue::NoInn => "no-inn",
            Issue::NotConfirmed => "unconfirmed",
        }
    }
}

/// Confirmed by someone within the last year.
pub fn confirmed(c: &Client, now: Timestamp) -> bool {
    c.verified_at
        .is_some_and(|v| v > now - Duration::days(CONFIRMED_FOR_DAYS))
}

/// Foreign companies have no ИНН to miss.
fn needs_inn(c: &Client) -> bool {
    const FOREIGN: [&str; 6] = ["llc", "ltd", "inc", "gmbh", "plc", "corp"];
    c.kind == ClientKind::Company
        && !FOREIGN.contains(
            &c.legal_form
                .trim()
                .trim_end_matches('.')
                .to_lowercase()
                .as_str(),
        )
}

/// The issues of one client, in [`Issue`]'s order; `pending` says it waits in a duplicate cluster.
pub fn issues_of(c: &Client, now: Timestamp, pending: bool) -> Vec<Issue> {
    let mut out = Vec::new();
    let phones = || {
        c.phones
            .iter()
            .chain(c.contacts.iter().flat_map(|p| &p.phones))
    };
    let emails = || {
        c.emails
            .iter()
            .chain(c.contacts.iter().flat_map(|p| &p.emails))
    };
    if c.addresses.iter().any(|a| a.returned) {
        out.push(Issue::ReturnedMail);
    }
    if pending {
        out.push(Issue::PendingDuplicate);
    }
    if phones().any(|p| normalize_phone(&p.number).is_err()) {
        out.push(Issue::BadPhone);
    }
    if emails().any(|e| normalize_email(&e.address).is_err()) {
        out.push(Issue::BadEmail);
    }
    let postcodes = || c.addresses.iter().map(|a| a.postcode.trim());
    if postcodes().any(|p| !p.is_empty() && check_postcode(p).is_err()) {
        out.push(Issue::BadPostcode);
    }
    if !c.inn.trim().is_empty() && check_inn(&c.inn).is_err() {
        out.push(Issue::BadInn);
    }
    let fresh = confirmed(c, now);
    if !fresh {
        if phones().next().is_none() {
            out.push(Issue::NoPhone);
        }
        if emails().next().is_none() {
            out.push(Issue::NoEmail);
        }
        if postcodes().all(str::is_empty) {
            out.push(Issue::NoPostcode);
        }
        if needs_inn(c) && c.inn.trim().is_empty() {
            out.push(Issue::NoInn);
        }
        out.push(Issue::NotConfirmed);
    }
    out
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Per issue, the clients that have it, in name order.
    pub by_issue: Vec<(Issue, Vec<Id>)>,
    /// Clients confirmed within the year, and all counted (merged-away records are not).
    pub confirmed: usize,
    pub total: usize,
}

impl Report {
    pub fn clients(&self, issue: Issue) -> &[Id] {
        self.by_issue
            .iter()
            .find(|(i, _)| *i == issue)
            .map(|(_, v)| v.as_slice())
            .unwrap_or(&[])
    }

    /// The share of records confirmed within the last 12 months.
    pub fn confirmed_share(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.confirmed as f64 / self.total as f64
        }
    }
}

pub fn report(base: &Base, now: Timestamp, pending: &HashSet<Id>) -> Report {
    let mut clients: Vec<&Client> = base
        .clients
        .iter()
        .filter(|c| c.merged_into.is_none())
        .collect();
    crate::sort::sort_by_cached_key(&mut clients, |c| (crate::text::fold(&c.name), c.id));
    let mut by_issue: Vec<(Issue, Vec<Id>)> = Issue::ALL.iter().map(|i| (*i, vec![])).collect();
    let mut confirmed_count = 0;
    for c in &clients {
        if confirmed(c, now) {
            confirmed_count += 1;
        }
        for issue in issues_of(c, now, pending.contains(&c.id)) {
            by_issue[issue as usize].1.push(c.id);
        }
    }
    Report {
        by_issue,
        confirmed: confirmed_count,
        total: clients.len(),
    }
}

#[cfg(test)]
mod tests;

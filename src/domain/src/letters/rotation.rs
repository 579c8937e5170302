//! The daily rotation. The rule, in one place:
//!
//! On a working day the queue holds up to `quota` pool clients who have not had a letter in the
//! last `cycle_days` days, have not ordered in the last month (they are in touch already) and are
//! not postponed past today. Clients never written to come first,
//! then those whose last letter is oldest. Among equals: those whose order anniversary falls in the
//! next 60 days (nearest first: an awards maker's clients order for yearly events), then those with
//! more past revenue, then by id so the result never depends on the order of the input.
//! On other days the queue is empty. A sent letter starts the client's cycle again.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};

use super::pool;
use super::russian::months_between;
use crate::base::Base;
use crate::model::*;
use crate::settings::Settings;

/// What the rotation knows of one pool client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: Id,
    pub last_letter: Option<NaiveDate>,
    /// Days until the next anniversary of one of its orders (0–365), `None` without orders.
    pub anniversary_in: Option<u32>,
    pub revenue_kop: i64,
    pub last_order: Option<NaiveDate>,
    /// Postponed: not before this day.
    pub not_before: Option<NaiveDate>,
}

/// Days from `today` to the next return of `date`'s month and day (29 February counts as 28th).
pub fn days_to_anniversary(date: NaiveDate, today: NaiveDate) -> u32 {
    let on = |year: i32| {
        NaiveDate::from_ymd_opt(year, date.month(), date.day())
            .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), date.day() - 1))
    };
    let this = on(today.year()).filter(|d| *d >= today);
    let next = this.or_else(|| on(today.year() + 1)).unwrap_or(today);
    (next - today).num_days().max(0) as u32
}

/// The pool's clients as the rotation sees them. `not_before` comes from postponements the app
/// keeps (client id → first day it may be queued again).
pub fn candidates(
    base: &Base,
    today: NaiveDate,
    postponed: &HashMap<Id, NaiveDate>,
) -> Vec<Candidate> {
    // Per-client facts in arrays by the client's position in the base: one id lookup per letter
    // and order, none per client (at 100,000 clients the hashing was most of the time).
    let n = base.clients.len();
    let mut last: Vec<Option<NaiveDate>> = vec![None; n];
    for l in base
        .letters
        .iter()
        .filter(|l| l.status == LetterStatus::Sent)
    {
        if let Some(i) = base.clients.position(&l.client) {
            let day = l.sent_at.map(|t| t.date_naive()).unwrap_or(l.planned_for);
            last[i] = Some(last[i].map_or(day, |d| d.max(day)));
        }
    }
    // Days to an anniversary depend only on the month and day: 12 × 31 answers, computed once
    // instead of once per order (there are 190,000 orders at 100,000 clients).
    let mut anniversary = [[0u32; 32]; 13];
    for (m, row) in anniversary.iter_mut().enumerate().skip(1) {
        for (d, cell) in row.iter_mut().enumerate().skip(1) {
            let date = NaiveDate::from_ymd_opt(2024, m as u32, d as u32);
            *cell = date.map_or(u32::MAX, |date| days_to_anniversary(date, today));
        }
    }
    // Only the orders' own fields are read here; their totals come from the base's index.
    let mut orders: Vec<Option<(u32, NaiveDate)>> = vec![None; n];
    for o in base.orders.iter() {
        if let Some(i) = base.clients.position(&o.client) {
            let a = anniversary[o.date.month() as usize][o.date.day() as usize];
            orders[i] = Some(orders[i].map_or((a, o.date), |(x, d)| (x.min(a), d.max(o.date))));
        }
    }
    base.clients
        .iter()
        .enumerate()
        .filter(|(_, c)| pool::in_pool(base, c))
        .map(|(i, c)| Candidate {
            id: c.id,
            last_letter: last[i],
            anniversary_in: orders[i].map(|s| s.0),
            revenue_kop: base.revenue_of(&c.id),
            last_order: orders[i].map(|s| s.1),
            not_before: if postponed.is_empty() {
                None
            } else {
                postponed.get(&c.id).copied()
            },
        })
        .collect()
}

const NEAR_ANNIVERSARY: u32 = 60;

/// Today's queue (see the module's rule).
pub fn plan_day(candidates: &[Candidate], settings: &Settings, today: NaiveDate) -> Vec<Id> {
    if !settings.is_working_day(today) || settings.quota == 0 {
        return Vec::new();
    }
    let cycle = i64::from(settings.cycle_days);
    let mut due: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| {
            c.last_letter
                .is_none_or(|d| (today - d).num_days() >= cycle)
        })
        .filter(|c| c.last_order.is_none_or(|d| months_between(d, today) >= 1))
        .filter(|c| c.not_before.is_none_or(|d| d <= today))
        .collect();
    let key = |c: &&Candidate| {
        (
            c.last_letter.is_some(),
            c.last_letter,
            c.anniversary_in
                .filter(|a| *a <= NEAR_ANNIVERSARY)
                .unwrap_or(u32::MAX),
            std::cmp::Reverse(c.revenue_kop),
            c.id,
        )
    };
    // Only the first `quota` matter: select them in linear time, then sort just those. The key
    // ends with the id, so the order is total and the result the same as a full sort.
    let quota = (settings.quota as usize).min(due.len());
    if quota < due.len() && quota > 0 {
        due.select_nth_unstable_by_key(quota - 1, key);
        due.truncate(quota);
    }
    due.sort_unstable_by_key(key);
    due.into_iter().take(quota).map(|c| c.id).collect()
}

/// Working days from `from` (included) up to `days` calendar days on.
pub fn working_days_within(settings: &Settings, from: NaiveDate, days: u32) -> u32 {
    (0..days)
        .filter_map(|i| from.checked_add_days(Days::new(u64::from(i))))
        .filter(|d| settings.is_working_day(*d))
        .count() as u32
}

/// The `n`-th working day from `from` (the first is `from` itself when it is one).
pub fn nth_working_day(settings: &Settings, from: NaiveDate, n: u32) -> Option<NaiveDate> {
    if n == 0 || !settings.working_days.iter().any(|d| *d) {
        return None;
    }
    let mut seen = 0;
    let mut d = from;
    for _ in 0..(n as u64 * 7 + 400) {
        if settings.is_working_day(d) {
            seen += 1;
            if seen == n {
                return Some(d);
            }
        }
        d = d.succ_opt()?;
    }
    None
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forecast {
    pub pool: usize,
    pub quota: u32,
    /// Working days one pass over the pool takes at this quota.
    pub working_days: u32,
    /// The day the last of them is written, starting today.
    pub ends_on: Option<NaiveDate>,
    /// Working days inside one cycle from today.
    pub cycle_working_days: u32,
    /// The smallest quota that writes to the whole pool within one cycle.
    pub min_quota: u32,
}

/// «Pool 2,700, 40 a day → 68 working days, ending on …; to fit 90 days you need at least N a day».
pub fn forecast(pool: usize, settings: &Settings, today: NaiveDate) -> Forecast {
    let quota = settings.quota.max(1);
    let working_days = (pool as u32).div_ceil(quota);
    let cycle_working_days = working_days_within(settings, today, settings.cycle_days);
    Forecast {
        pool,
        quota: settings.quota,
        working_days,
        ends_on: nth_working_day(settings, today, working_days),
        cycle_working_days,
        min_quota: (pool as u32).div_ceil(cycle_working_days.max(1)),
    }
}

/// Why today's queue is empty, so the page says what is true instead of guessing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoLetters {
    /// No clients at all yet: the demo or an import is the next step.
    EmptyBase,
    DayOff,
    ZeroQuota,
    /// Every client is with a salesperson, opted out or unreachable.
    EmptyPool,
    /// Everyone in the pool has had a letter this cycle (or ordered within the month).
    AllWritten,
}

pub fn why_no_letters(
    clients: usize,
    pool: usize,
    settings: &Settings,
    today: NaiveDate,
) -> NoLetters {
    if clients == 0 {
        NoLetters::EmptyBase
    } else if !settings.is_working_day(today) {
        NoLetters::DayOff
    } else if settings.quota == 0 {
        NoLetters::ZeroQuota
    } else if pool == 0 {
        NoLetters::EmptyPool
    } else {
        NoLetters::AllWritten
    }
}

#[cfg(test)]
mod tests;

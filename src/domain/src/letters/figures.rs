//! The letter-sales section's figures, from the base alone.
//!
//! Attribution, the rule shown in the interface: an order counts as revenue from letters when it
//! names the letter it followed, or when it was placed on the day of a letter sent to that client
//! or within `attribution_days` after it (settings, default 90). Each order counts once, for the
//! latest letter before it, whoever then handled the client.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};

use super::pool;
use crate::base::Base;
use crate::model::*;
use crate::settings::Settings;

/// Days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    pub fn month_of(d: NaiveDate) -> Period {
        let from = d.with_day(1).unwrap_or(d);
        let to = from
            .checked_add_months(chrono::Months::new(1))
            .and_then(|n| n.pred_opt())
            .unwrap_or(d);
        Period { from, to }
    }

    /// The whole month before `d`'s: the one a monthly report is made for.
    pub fn last_month_of(d: NaiveDate) -> Period {
        let this = Period::month_of(d);
        Period::month_of(this.from.pred_opt().unwrap_or(this.from))
    }

    pub fn quarter_of(d: NaiveDate) -> Period {
        let first = (d.month0() / 3) * 3 + 1;
        let from = NaiveDate::from_ymd_opt(d.year(), first, 1).unwrap_or(d);
        let to = from
            .checked_add_months(chrono::Months::new(3))
            .and_then(|n| n.pred_opt())
            .unwrap_or(d);
        Period { from, to }
    }

    pub fn year_of(d: NaiveDate) -> Period {
        Period {
            from: NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
            to: NaiveDate::from_ymd_opt(d.year(), 12, 31).unwrap_or(d),
        }
    }
}

/// The day a letter went out.
pub fn sent_on(l: &Letter) -> Option<NaiveDate> {
    (l.status == LetterStatus::Sent)
        .then(|| l.sent_at.map(|t| t.date_naive()).unwrap_or(l.planned_for))
}

/// Orders that count as letter revenue: order id → the letter it is credited to.
pub fn attribute(base: &Base, days: u32) -> HashMap<Id, Id> {
    let mut sent: HashMap<Id, Vec<(NaiveDate, Id)>> = HashMap::new();
    for l in base.letters.iter() {
        if let Some(d) = sent_on(l) {
            sent.entry(l.client).or_default().push((d, l.id));
        }
    }
    for v in sent.values_mut() {
        crate::sort::sort(v);
    }
    let mut out = HashMap::new();
    for o in base.orders.iter() {
        if let Some(letter) = o.letter {
            out.insert(o.id, letter);
            continue;
        }
        let Some(letters) = sent.get(&o.client) else {
            continue;
        };
        let before = letters.partition_point(|(d, _)| *d <= o.date);
        if let Some((d, id)) = before.checked_sub(1).map(|i| letters[i]) {
            if (o.date - d).num_days() <= i64::from(days) {
                out.insert(o.id, id);
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    /// Its Monday.
    pub start: NaiveDate,
    pub sent: u32,
    pub answers: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LetterFigures {
    /// Letters sent on each of the last 30 working days up to today, oldest first.
    pub per_day: Vec<(NaiveDate, u32)>,
    pub quota: u32,
    pub pool: usize,
    /// Pool clients written to within the last cycle.
    pub covered: usize,
    /// In the period:
    pub sent: u32,
    /// Answers to the letters sent in the period.
    pub answered: u32,
    pub handed_over: u32,
    pub not_now: u32,
    pub complaints: u32,
    pub opt_outs: u32,
    pub returned: u32,
    pub revenue_kop: i64,
    pub orders: u32,
    pub minutes_writing: u64,
    pub minutes_phoning: u64,
    pub weeks: Vec<Week>,
}

impl LetterFigures {
    /// Share of the pool written to in the current cycle, 0–1.
    pub fn coverage(&self) -> f64 {
        if self.pool == 0 {
            0.0
        } else {
            self.covered as f64 / self.pool as f64
        }
    }

    /// Answers per letter sent in the period, 0–1; `None` before any letter.
    pub fn response_rate(&self) -> Option<f64> {
        (self.sent > 0).then(|| f64::from(self.answered) / f64::from(self.sent))
    }
}

fn monday(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

pub fn figures(
    base: &Base,
    settings: &Settings,
    today: NaiveDate,
    period: Period,
) -> LetterFigures {
    let mut per_day: Vec<(NaiveDate, u32)> = Vec::new();
    let mut d = today;
    for _ in 0..400 {
        if per_day.len() == 30 {
            break;
        }
        if settings.is_working_day(d) {
            per_day.push((d, 0));
        }
        match d.pred_opt() {
            Some(p) => d = p,
            None => break,
        }
    }
    per_day.reverse();

    let mut weeks: Vec<Week> = Vec::new();
    let mut w = monday(period.from);
    while w <= period.to && weeks.len() < 60 {
        weeks.push(Week {
            start: w,
            sent: 0,
            answers: 0,
        });
        w = w + Days::new(7);
    }
    let week_of = |d: NaiveDate| weeks.iter().position(|w| w.start == monday(d));

    let cycle_start = today - Days::new(u64::from(settings.cycle_days));
    let mut last_sent: HashMap<Id, NaiveDate> = HashMap::new();
    let mut f = LetterFigures {
        per_day: Vec::new(),
        quota: settings.quota,
        pool: 0,
        covered: 0,
        sent: 0,
        answered: 0,
        handed_over: 0,
        not_now: 0,
        complaints: 0,
        opt_outs: 0,
        returned: 0,
        revenue_kop: 0,
        orders: 0,
        minutes_writing: 0,
        minutes_phoning: 0,
        weeks: Vec::new(),
    };
    let mut week_counts = weeks.clone();
    for l in base.letters.iter() {
        let Some(day) = sent_on(l) else { continue };
        let e = last_sent.entry(l.client).or_insert(day);
        *e = (*e).max(day);
        if let Some(slot) = per_day.iter_mut().find(|(d, _)| *d == day) {
            slot.1 += 1;
        }
        if period.contains(day) {
            f.sent += 1;
            if let Some(i) = week_of(day) {
                week_counts[i].sent += 1;
            }
            if l.response.is_some() {
                f.answered += 1;
            }
        }
        if let Some(r) = &l.response {
            let on = r.at.date_naive();
            if period.contains(on) {
                if let Some(i) = week_of(on) {
                    week_counts[i].answers += 1;
                }
                match r.kind {
                    ResponseKind::Interested => f.handed_over += 1,
                    ResponseKind::Complaint => f.complaints += 1,
                    ResponseKind::OptOut => f.opt_outs += 1,
                    ResponseKind::Returned => f.returned += 1,
                    ResponseKind::NotNow => f.not_now += 1,
                }
            }
        }
    }
    let pool = pool::pool(base);
    f.pool = pool.len();
    f.covered = pool
        .iter()
        .filter(|c| last_sent.get(&c.id).is_some_and(|d| *d > cycle_start))
        .count();
    for (order, _) in attribute(base, settings.attribution_days) {
        if let Some(o) = base.orders.get(&order).filter(|o| period.contains(o.date)) {
            f.revenue_kop = f.revenue_kop.saturating_add(o.total_kop());
            f.orders += 1;
        }
    }
    f.minutes_writing = u64::from(f.sent) * u64::from(settings.minutes_per_letter);
    f.minutes_phoning = u64::from(f.sent) * u64::from(settings.minutes_per_call);
    f.per_day = per_day;
    f.weeks = week_counts;
    f
}

#[cfg(test)]
mod tests;

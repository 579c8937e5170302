//! The dashboard's figures month by month, for its charts and CSV. What the records date
//! (revenue, letters and answers, contacts, requests, lists given) is recomputed for any month.
//! The base's state (cycle coverage, confirmed share, invalid contacts, pending duplicates)
//! cannot be: only the present can be measured, so it comes from the monthly [`Snapshot`]s and
//! a month without one has no value rather than a made-up zero.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, FixedOffset, Months, NaiveDate};

use super::{percentile, Dashboard};
use crate::base::Base;
use crate::corporate;
use crate::letters::figures::{attribute, sent_on, Period};
use crate::model::*;
use crate::settings::Settings;

/// One figure month by month. A stacked figure (sales revenue by salesperson) is several series
/// with the same key, one per `part`.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub key: &'static str,
    pub part: Option<String>,
    /// `None` where nothing was recorded for the month.
    pub months: Vec<(NaiveDate, Option<f64>)>,
}

/// The months of the period, and at least the last 12 before its end, so a month's chart still
/// shows the year around it.
pub(super) fn months(period: &Period) -> Vec<NaiveDate> {
    let last = period.to.with_day(1).unwrap_or(period.to);
    let twelve = last.checked_sub_months(Months::new(11)).unwrap_or(last);
    let mut m = period.from.with_day(1).unwrap_or(period.from).min(twelve);
    let mut out = Vec::new();
    while m <= last && out.len() < 120 {
        out.push(m);
        m = match m.checked_add_months(Months::new(1)) {
            Some(n) => n,
            None => break,
        };
    }
    out
}

fn month_end(m: NaiveDate) -> NaiveDate {
    m.checked_add_months(Months::new(1))
        .and_then(|n| n.pred_opt())
        .unwrap_or(m)
}

/// The latest snapshot of each month: two computers that both opened the dashboard in a month
/// each wrote one, and sync keeps both.
pub fn snapshots_by_month(base: &Base) -> BTreeMap<NaiveDate, &Snapshot> {
    let mut out: BTreeMap<NaiveDate, &Snapshot> = BTreeMap::new();
    for s in base.snapshots.iter() {
        let e = out.entry(s.month).or_insert(s);
        if (s.updated_at, s.id) > (e.updated_at, e.id) {
            *e = s;
        }
    }
    out
}

/// This month's snapshot from the live figures, or `None` when the stored one already says the
/// same (so looking at the dashboard writes nothing new). A pending-duplicates figure the scan
/// has not produced yet keeps the one stored.
pub fn refresh_snapshot(
    base: &Base,
    d: &Dashboard,
    today: NaiveDate,
    now: Timestamp,
    new_id: impl FnOnce() -> Id,
) -> Option<Snapshot> {
    let month = today.with_day(1)?;
    let stored = snapshots_by_month(base).get(&month).copied();
    let clients = base
        .clients
        .iter()
        .filter(|c| c.merged_into.is_none())
        .count();
    let fresh = Snapshot {
        id: stored.map(|s| s.id).unwrap_or_else(new_id),
        month,
        clients: u32::try_from(clients).unwrap_or(u32::MAX),
        coverage: d.coverage,
        confirmed_share: d.confirmed_share,
        invalid_contacts: u32::try_from(d.invalid_contacts).unwrap_or(u32::MAX),
        pending_duplicates: d
            .pending_duplicates
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
            .or(stored.and_then(|s| s.pending_duplicates)),
        updated_at: now,
    };
    let same = stored.is_some_and(|s| {
        Snapshot {
            updated_at: s.updated_at,
            ..fresh.clone()
        } == *s
    });
    (!same).then_some(fresh)
}

pub fn series(
    base: &Base,
    period: &Period,
    settings: &Settings,
    tz: FixedOffset,
    now: Timestamp,
) -> Vec<Series> {
    let ms = months(period);
    let index = |d: NaiveDate| {
        let first = d.with_day(1)?;
        ms.binary_search(&first).ok()
    };
    let local = |t: Timestamp| t.with_timezone(&tz).date_naive();
    let zero = || vec![0.0; ms.len()];
    let (mut letters_rev, mut sent, mut sales, mut corp, mut lists) =
        (zero(), zero(), zero(), zero(), zero());
    let mut by_staff: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let attributed = attribute(base, settings.attribution_days);
    for o in base.orders.iter() {
        let Some(k) = index(o.date) else { continue };
        let rub = o.total_kop() as f64 / 100.0;
        if attributed.contains_key(&o.id) {
            letters_rev[k] += rub;
        }
        if o.source == OrderSource::Sales {
            sales[k] += rub;
            // Orders of a salesperson no longer on staff still count, under an empty name.
            let name = o
                .staff
                .and_then(|s| base.staff.get(&s))
                .map(|s| s.name.clone())
                .unwrap_or_default();
            by_staff.entry(name).or_insert_with(zero)[k] += rub;
        }
        if o.source == OrderSource::Corporate
            || base.clients.get(&o.client).is_some_and(|c| c.corporate)
        {
            corp[k] += rub;
        }
    }
    for c in base.contracts.iter() {
        if let Some(k) = corporate::paid_on(c, tz).and_then(index) {
            corp[k] += c.amount_kop as f64 / 100.0;
        }
    }
    let mut answered = zero();
    for l in base.letters.iter() {
        if let Some(k) = sent_on(l).and_then(index) {
            sent[k] += 1.0;
            if l.response.is_some() {
                answered[k] += 1.0;
            }
        }
    }
    let response_rate: Vec<f64> = sent
        .iter()
        .zip(&answered)
        .map(|(s, a)| if *s > 0.0 { a / s * 100.0 } else { 0.0 })
        .collect();
    let ends: Vec<NaiveDate> = ms.iter().map(|m| month_end(*m)).collect();
    // The share of the base its owners worked with in the `inactive_days` before each month's end.
    let window = chrono::Duration::days(i64::from(settings.inactive_days));
    let mut worked: Vec<HashSet<Id>> = vec![HashSet::new(); ms.len()];
    for a in base.activities.iter().filter(|a| a.kind.is_contact()) {
        let owned = base
            .clients
            .get(&a.client)
            .is_some_and(|c| c.owner.is_some() && c.owner == a.staff);
        if !owned {
            continue;
        }
        let d = local(a.at);
        for (k, end) in ends.iter().enumerate() {
            if d <= *end && d > *end - window {
                worked[k].insert(a.client);
            }
        }
    }
    let total = base
        .clients
        .iter()
        .filter(|c| c.merged_into.is_none())
        .count()
        .max(1) as f64;
    let worked_share: Vec<f64> = worked
        .iter()
        .map(|w| w.len() as f64 / total * 100.0)
        .collect();
    let mut answers: Vec<Vec<i64>> = vec![Vec::new(); ms.len()];
    // Requests overdue at each month's end (or now, for the month not over yet): opened, past
    // due, and neither answered nor closed by then.
    let mut overdue = zero();
    for r in base.requests.iter() {
        if let Some(a) = r.answered {
            if let Some(k) = index(local(a)) {
                answers[k].push(corporate::working_minutes(r.opened, a, settings, tz));
            }
        }
        for (k, end) in ends.iter().enumerate() {
            let Some(at) = end
                .succ_opt()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .and_then(|d| d.and_local_timezone(tz).single())
                .map(|d| d.to_utc().min(now))
            else {
                continue;
            };
            let open_at = |t: Option<Timestamp>| t.is_none_or(|t| t > at);
            if r.opened <= at && r.due < at && open_at(r.answered) && open_at(r.closed) {
                overdue[k] += 1.0;
            }
        }
    }
    let (mut median, mut p90) = (zero(), zero());
    for (k, v) in answers.iter_mut().enumerate() {
        crate::sort::sort(v);
        median[k] = percentile(v, 0.5).unwrap_or(0.0);
        p90[k] = percentile(v, 0.9).unwrap_or(0.0);
    }
    for m in base.mailings.iter() {
        if let Some(k) = index(local(m.at)) {
            lists[k] += f64::from(m.addresses);
        }
    }
    let snaps = snapshots_by_month(base);
    let state = |f: fn(&Snapshot) -> Option<f64>| -> Vec<Option<f64>> {
        ms.iter().map(|m| snaps.get(m).and_then(|s| f(s))).collect()
    };
    let full = |v: Vec<f64>| v.into_iter().map(Some).collect::<Vec<_>>();
    let zip = |key, part: Option<String>, v: Vec<Option<f64>>| Series {
        key,
        part,
        months: ms.iter().copied().zip(v).collect(),
    };
    let mut out = vec![
        zip("letters_revenue", None, full(letters_rev)),
        zip("letters_sent", None, full(sent)),
        zip(
            "coverage_percent",
            None,
            state(|s| Some(s.coverage * 100.0)),
        ),
        zip("response_rate_percent", None, full(response_rate)),
        zip("sales_revenue", None, full(sales)),
    ];
    // Orders nobody sold (an empty name) go on top of the salespeople's.
    let nobody = by_staff.remove("");
    out.extend(
        by_staff
            .into_iter()
            .chain(nobody.map(|v| (String::new(), v)))
            .map(|(name, v)| zip("sales_revenue_by_staff", Some(name), full(v))),
    );
    out.extend([
        zip("worked_share_percent", None, full(worked_share)),
        zip("corporate_revenue", None, full(corp)),
        zip("answer_median_hours", None, full(median)),
        zip("answer_p90_hours", None, full(p90)),
        zip("overdue_at_month_end", None, full(overdue)),
        zip(
            "pending_duplicates",
            None,
            state(|s| s.pending_duplicates.map(f64::from)),
        ),
        zip(
            "confirmed_share_percent",
            None,
            state(|s| Some(s.confirmed_share * 100.0)),
        ),
        zip(
            "invalid_contacts",
            None,
            state(|s| Some(f64::from(s.invalid_contacts))),
        ),
        zip("addresses_given", None, full(lists)),
    ]);
    out
}

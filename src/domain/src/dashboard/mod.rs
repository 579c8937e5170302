//! The dashboard: each section's product as a number for a period, and month by month for the
//! charts. Letter sales: revenue from letters, letters per working day against the quota, cycle
//! coverage, response rate. Sales: revenue, per salesperson, the share of the base actively
//! worked. Corporate: revenue, response times, requests overdue. Client base: pending duplicates,
//! records confirmed within a year, invalid contacts, address lists given out.

use std::collections::HashSet;

use chrono::{FixedOffset, NaiveDate};

use crate::base::Base;
use crate::corporate;
use crate::letters::figures::{figures as letter_figures, Period};
use crate::model::*;
use crate::quality::{report, Issue};
use crate::sales::{deals::revenue_by_staff, worked_share};
use crate::settings::Settings;

mod series;
pub use series::{refresh_snapshot, series, snapshots_by_month, Series};

#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub period: Period,
    pub letters_revenue_kop: i64,
    pub letters_per_day: f64,
    pub quota: u32,
    pub coverage: f64,
    pub response_rate: Option<f64>,
    pub sales_revenue_kop: i64,
    /// Per salesperson (name), largest first.
    pub sales_by_staff: Vec<(String, i64)>,
    /// Clients their owner contacted within `inactive_days`, of all clients.
    pub worked: (usize, usize),
    pub corporate_revenue_kop: i64,
    /// Working hours from request to the department's answer, all departments together.
    pub answer_median_hours: Option<f64>,
    pub answer_p90_hours: Option<f64>,
    pub overdue: usize,
    /// `None` until the duplicate scan has run.
    pub pending_duplicates: Option<usize>,
    pub confirmed_share: f64,
    pub invalid_contacts: usize,
    pub lists_given: usize,
    pub addresses_given: u64,
}

/// Working days in the period up to `today`.
fn working_days(settings: &Settings, period: &Period, today: NaiveDate) -> u32 {
    let mut n = 0;
    let mut d = period.from;
    while d <= period.to.min(today) {
        if settings.is_working_day(d) {
            n += 1;
        }
        match d.succ_opt() {
            Some(x) => d = x,
            None => break,
        }
    }
    n
}

fn percentile(sorted: &[i64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let i = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1;
    Some(sorted[i] as f64 / 60.0)
}

pub struct Inputs<'a> {
    pub settings: &'a Settings,
    pub today: NaiveDate,
    pub now: Timestamp,
    pub tz: FixedOffset,
    /// Clients in undecided duplicate clusters, if the scan has run.
    pub pending: Option<&'a HashSet<Id>>,
}

pub fn dashboard(base: &Base, period: Period, i: &Inputs) -> Dashboard {
    let lf = letter_figures(base, i.settings, i.today, period);
    let days = working_days(i.settings, &period, i.today).max(1);
    let by_staff = revenue_by_staff(base, &period);
    let mut sales_by_staff: Vec<(String, i64)> = by_staff
        .iter()
        .filter_map(|(s, kop)| {
            let name = s.and_then(|s| base.staff.get(&s)).map(|s| s.name.clone())?;
            Some((name, *kop))
        })
        .collect();
    crate::sort::sort_by_key(&mut sales_by_staff, |(n, k)| {
        (std::cmp::Reverse(*k), n.clone())
    });
    let local = |t: Timestamp| t.with_timezone(&i.tz).date_naive();
    let mut answer: Vec<i64> = base
        .requests
        .iter()
        .filter_map(|r| {
            r.answered
                .filter(|a| period.contains(local(*a)))
                .map(|a| corporate::working_minutes(r.opened, a, i.settings, i.tz))
        })
        .collect();
    crate::sort::sort(&mut answer);
    let empty = HashSet::new();
    let q = report(base, i.now, i.pending.unwrap_or(&empty));
    let invalid: HashSet<Id> = [
        Issue::BadPhone,
        Issue::BadEmail,
        Issue::BadPostcode,
        Issue::BadInn,
    ]
    .iter()
    .flat_map(|x| q.clients(*x).iter().copied())
    .collect();
    let given: Vec<&Mailing> = base
        .mailings
        .iter()
        .filter(|m| period.contains(local(m.at)))
        .collect();
    Dashboard {
        period,
        letters_revenue_kop: lf.revenue_kop,
        letters_per_day: f64::from(lf.sent) / f64::from(days),
        quota: i.settings.quota,
        coverage: lf.coverage(),
        response_rate: lf.response_rate(),
        sales_revenue_kop: by_staff.values().sum(),
        sales_by_staff,
        worked: worked_share(base, i.now, i.settings.inactive_days),
        corporate_revenue_kop: corporate::revenue(base, &period, i.tz),
        answer_median_hours: percentile(&answer, 0.5),
        answer_p90_hours: percentile(&answer, 0.9),
        overdue: base
            .requests
            .iter()
            .filter(|r| corporate::overdue(r, i.now))
            .count(),
        pending_duplicates: i.pending.map(HashSet::len),
        confirmed_share: q.confirmed_share(),
        invalid_contacts: invalid.len(),
        lists_given: given.len(),
        addresses_given: given.iter().map(|m| u64::from(m.addresses)).sum(),
    }
}

/// How the CSV is written for a reader: each machine key's column or row name (`label`), and
/// numbers and dates as the reader's Excel reads them (Russian: decimal commas, «01.11.2026»).
pub struct CsvLook<'a> {
    pub lang: Lang,
    pub label: &'a dyn Fn(&str) -> String,
}

impl CsvLook<'_> {
    fn number(&self, x: f64, decimals: usize) -> String {
        let text = format!("{x:.decimals$}");
        match self.lang {
            Lang::Ru => text.replace('.', ","),
            Lang::En => text,
        }
    }

    fn day(&self, d: NaiveDate) -> String {
        match self.lang {
            Lang::Ru => crate::format::dmy(d),
            Lang::En => d.to_string(),
        }
    }

    fn month(&self, d: NaiveDate) -> String {
        match self.lang {
            Lang::Ru => d.format("%m.%Y").to_string(),
            Lang::En => d.format("%Y-%m").to_string(),
        }
    }
}

/// The dashboard as CSV (`;`, for Excel): the period's figures, then each series by month.
pub fn csv(d: &Dashboard, series: &[Series], look: &CsvLook) -> String {
    let rub = |kop: i64| look.number(kop as f64 / 100.0, 2);
    let opt = |v: Option<f64>| v.map(|x| look.number(x, 2)).unwrap_or_default();
    let count = |n: usize| n.to_string();
    let rows: Vec<(&str, String)> = vec![
        ("letters_revenue_rub", rub(d.letters_revenue_kop)),
        ("letters_per_day", look.number(d.letters_per_day, 1)),
        ("letters_quota", d.quota.to_string()),
        ("cycle_coverage", look.number(d.coverage, 3)),
        ("response_rate", opt(d.response_rate)),
        ("sales_revenue_rub", rub(d.sales_revenue_kop)),
        ("worked_clients", count(d.worked.0)),
        ("all_clients", count(d.worked.1)),
        ("corporate_revenue_rub", rub(d.corporate_revenue_kop)),
        ("answer_median_hours", opt(d.answer_median_hours)),
        ("answer_p90_hours", opt(d.answer_p90_hours)),
        ("requests_overdue", count(d.overdue)),
        (
            "pending_duplicates",
            d.pending_duplicates.map(count).unwrap_or_default(),
        ),
        ("confirmed_share", look.number(d.confirmed_share, 3)),
        ("invalid_contacts", count(d.invalid_contacts)),
        ("lists_given", count(d.lists_given)),
        ("addresses_given", d.addresses_given.to_string()),
    ];
    let label = look.label;
    let mut table: Vec<Vec<String>> = vec![vec![
        label("figure"),
        format!("{} — {}", look.day(d.period.from), look.day(d.period.to)),
    ]];
    table.extend(rows.into_iter().map(|(k, v)| vec![label(k), v]));
    for (name, kop) in &d.sales_by_staff {
        table.push(vec![
            format!("{}: {name}", label("sales_revenue_rub")),
            rub(*kop),
        ]);
    }
    table.push(vec![]);
    let mut head = vec![label("month")];
    head.extend(series.iter().map(|s| match &s.part {
        Some(p) => format!("{}: {p}", label(s.key)),
        None => label(s.key),
    }));
    table.push(head);
    let months = series.first().map(|s| s.months.as_slice()).unwrap_or(&[]);
    for (k, (m, _)) in months.iter().enumerate() {
        let mut row = vec![look.month(*m)];
        row.extend(series.iter().map(|s| {
            s.months
                .get(k)
                .and_then(|x| x.1)
                .map(|v| look.number(v, 2))
                .unwrap_or_default()
        }));
        table.push(row);
    }
    crate::mailing::csv::table(&table)
}

#[cfg(test)]
mod tests;

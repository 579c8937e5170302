//! The dashboard: each section's product as a number for a period, and month by month for the
//! charts. Letter sales: revenue from letters, letters per working day against the quota, cycle
//! coverage, response rate. Sales: revenue, per salesperson, the share of the base actively
//! worked. Corporate: revenue, response times, requests overdue. Client base: pending duplicates,
//! records confirmed within a year, invalid contacts, address lists given out.

use std::collections::HashSet;

use chrono::{Datelike, FixedOffset, Months, NaiveDate};

use crate::domain::base::Base;
use crate::domain::corporate;
use crate::domain::letters::figures::{attribute, figures as letter_figures, sent_on, Period};
use crate::domain::model::*;
use crate::domain::quality::{report, Issue};
use crate::domain::sales::{deals::revenue_by_staff, worked_share};
use crate::domain::settings::Settings;

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
    sales_by_staff.sort_by_key(|(n, k)| (std::cmp::Reverse(*k), n.clone()));
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
    answer.sort_unstable();
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
        corporate_revenue_kop: corporate::revenue(base, &period),
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

/// One figure month by month, for a chart: the months of the period (at least the last 12).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub key: &'static str,
    pub months: Vec<(NaiveDate, f64)>,
}

fn months(period: &Period) -> Vec<NaiveDate> {
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

pub fn series(base: &Base, period: &Period, settings: &Settings, tz: FixedOffset) -> Vec<Series> {
    let ms = months(period);
    let index = |d: NaiveDate| {
        let first = d.with_day(1)?;
        ms.binary_search(&first).ok()
    };
    let zero = || vec![0.0; ms.len()];
    let (mut letters_rev, mut sent, mut sales, mut corp, mut lists) =
        (zero(), zero(), zero(), zero(), zero());
    let attributed = attribute(base, settings.attribution_days);
    for o in base.orders.iter() {
        let Some(k) = index(o.date) else { continue };
        let rub = o.total_kop() as f64 / 100.0;
        if attributed.contains_key(&o.id) {
            letters_rev[k] += rub;
        }
        if o.source == OrderSource::Sales {
            sales[k] += rub;
        }
        if o.source == OrderSource::Corporate
            || base.clients.get(&o.client).is_some_and(|c| c.corporate)
        {
            corp[k] += rub;
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
    // The share of the base its owners worked with in the `inactive_days` before each month's end.
    let window = chrono::Duration::days(i64::from(settings.inactive_days));
    let ends: Vec<NaiveDate> = ms
        .iter()
        .map(|m| {
            m.checked_add_months(Months::new(1))
                .and_then(|n| n.pred_opt())
                .unwrap_or(*m)
        })
        .collect();
    let mut worked: Vec<HashSet<Id>> = vec![HashSet::new(); ms.len()];
    for a in base.activities.iter().filter(|a| a.kind.is_contact()) {
        let owned = base
            .clients
            .get(&a.client)
            .is_some_and(|c| c.owner.is_some() && c.owner == a.staff);
        if !owned {
            continue;
        }
        let d = a.at.with_timezone(&tz).date_naive();
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
    for r in base.requests.iter() {
        if let Some(a) = r.answered {
            if let Some(k) = index(a.with_timezone(&tz).date_naive()) {
                answers[k].push(corporate::working_minutes(r.opened, a, settings, tz));
            }
        }
    }
    let median: Vec<f64> = answers
        .iter_mut()
        .map(|v| {
            v.sort_unstable();
            percentile(v, 0.5).unwrap_or(0.0)
        })
        .collect();
    for m in base.mailings.iter() {
        if let Some(k) = index(m.at.with_timezone(&tz).date_naive()) {
            lists[k] += f64::from(m.addresses);
        }
    }
    let zip = |key, v: Vec<f64>| Series {
        key,
        months: ms.iter().copied().zip(v).collect(),
    };
    vec![
        zip("letters_revenue", letters_rev),
        zip("letters_sent", sent),
        zip("response_rate_percent", response_rate),
        zip("sales_revenue", sales),
        zip("worked_share_percent", worked_share),
        zip("corporate_revenue", corp),
        zip("answer_median_hours", median),
        zip("addresses_given", lists),
    ]
}

/// The dashboard as CSV (`;`, for Excel): the period's figures, then each series by month.
pub fn csv(d: &Dashboard, series: &[Series]) -> String {
    let rub = |kop: i64| format!("{:.2}", kop as f64 / 100.0);
    let opt = |v: Option<f64>| v.map(|x| format!("{x:.2}")).unwrap_or_default();
    let mut rows: Vec<(String, String)> = vec![
        ("letters_revenue_rub".into(), rub(d.letters_revenue_kop)),
        (
            "letters_per_day".into(),
            format!("{:.1}", d.letters_per_day),
        ),
        ("letters_quota".into(), d.quota.to_string()),
        ("cycle_coverage".into(), format!("{:.3}", d.coverage)),
        ("response_rate".into(), opt(d.response_rate)),
        ("sales_revenue_rub".into(), rub(d.sales_revenue_kop)),
        ("worked_clients".into(), d.worked.0.to_string()),
        ("all_clients".into(), d.worked.1.to_string()),
        ("corporate_revenue_rub".into(), rub(d.corporate_revenue_kop)),
        ("answer_median_hours".into(), opt(d.answer_median_hours)),
        ("answer_p90_hours".into(), opt(d.answer_p90_hours)),
        ("requests_overdue".into(), d.overdue.to_string()),
        (
            "pending_duplicates".into(),
            d.pending_duplicates
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ),
        (
            "confirmed_share".into(),
            format!("{:.3}", d.confirmed_share),
        ),
        ("invalid_contacts".into(), d.invalid_contacts.to_string()),
        ("lists_given".into(), d.lists_given.to_string()),
        ("addresses_given".into(), d.addresses_given.to_string()),
    ];
    for (name, kop) in &d.sales_by_staff {
        rows.push((
            format!("sales_revenue_rub:{}", name.replace(';', ",")),
            rub(*kop),
        ));
    }
    let mut out = format!("figure;{}..{}\r\n", d.period.from, d.period.to);
    for (k, v) in rows {
        out.push_str(&format!(
            "{};{v}\r\n",
            crate::domain::mailing::csv::neutralise(&k)
        ));
    }
    out.push_str("\r\nmonth");
    for s in series {
        out.push_str(&format!(";{}", s.key));
    }
    out.push_str("\r\n");
    for (k, (m, _)) in series
        .first()
        .map(|s| s.months.as_slice())
        .unwrap_or(&[])
        .iter()
        .enumerate()
    {
        out.push_str(&m.format("%Y-%m").to_string());
        for s in series {
            out.push_str(&format!(
                ";{:.2}",
                s.months.get(k).map(|x| x.1).unwrap_or(0.0)
            ));
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests;

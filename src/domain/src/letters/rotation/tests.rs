//! Property tests over simulated months: random pools, quotas, cycles and holidays.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};
use uuid::Uuid;

use super::*;
use crate::demo::Rng;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn settings(quota: u32, cycle_days: u32, holidays: Vec<NaiveDate>) -> Settings {
    Settings {
        quota,
        cycle_days,
        holidays,
        ..Settings::default()
    }
}

fn pool_of(rng: &mut Rng, n: usize) -> Vec<Candidate> {
    (0..n)
        .map(|_| Candidate {
            id: rng.uuid(),
            last_letter: None,
            anniversary_in: if rng.chance(70) {
                Some(rng.below(366) as u32)
            } else {
                None
            },
            revenue_kop: rng.below(10_000_000) as i64,
            last_order: None,
            not_before: None,
        })
        .collect()
}

/// Runs the rotation for `days` days, sending every queued letter; returns day → queue.
fn simulate(
    pool: &mut [Candidate],
    s: &Settings,
    start: NaiveDate,
    days: u64,
) -> Vec<(NaiveDate, Vec<Id>)> {
    let mut out = Vec::new();
    for i in 0..days {
        let today = start + Days::new(i);
        let queue = plan_day(pool, s, today);
        let sent: HashSet<Id> = queue.iter().copied().collect();
        for c in pool.iter_mut().filter(|c| sent.contains(&c.id)) {
            c.last_letter = Some(today);
        }
        out.push((today, queue));
    }
    out
}

#[test]
fn simulated_months_keep_every_promise() {
    let mut rng = Rng::new(7);
    for round in 0..40 {
        let quota = 1 + rng.below(50) as u32;
        let cycle = 14 + rng.below(120) as u32;
        let start = d(2026, 1, 1) + Days::new(rng.below(365) as u64);
        let holidays: Vec<NaiveDate> = (0..rng.below(6))
            .map(|_| start + Days::new(rng.below(cycle as usize) as u64))
            .collect();
        let s = settings(quota, cycle, holidays);
        let capacity = quota as usize * working_days_within(&s, start, cycle) as usize;
        let n = if rng.chance(50) {
            rng.below(capacity + 1)
        } else {
            rng.below(capacity * 2 + 1)
        };
        let mut pool = pool_of(&mut rng, n);
        let days = simulate(&mut pool, &s, start, u64::from(cycle) * 3);

        let mut last: HashMap<Id, NaiveDate> = HashMap::new();
        for (day, queue) in &days {
            assert!(
                queue.len() <= quota as usize,
                "round {round}: over the quota on {day}"
            );
            if !s.is_working_day(*day) {
                assert!(
                    queue.is_empty(),
                    "round {round}: letters on a day off {day}"
                );
            }
            for id in queue {
                if let Some(prev) = last.insert(*id, *day) {
                    assert!(
                        (*day - prev).num_days() >= i64::from(cycle),
                        "round {round}: twice within a cycle"
                    );
                }
            }
        }
        if n <= capacity {
            let first_cycle: HashSet<Id> = days
                .iter()
                .filter(|(day, _)| (*day - start).num_days() < i64::from(cycle))
                .flat_map(|(_, q)| q.iter().copied())
                .collect();
            assert_eq!(
                first_cycle.len(),
                n,
                "round {round}: pool {n} ≤ capacity {capacity} but not all covered"
            );
        }
    }
}

#[test]
fn never_written_first_then_oldest_then_anniversary_then_revenue() {
    let today = d(2026, 11, 26); // a Thursday
    let s = settings(3, 90, vec![]);
    let c = |n: u128, last: Option<NaiveDate>, ann: Option<u32>, rev: i64| Candidate {
        id: Uuid::from_u128(n),
        last_letter: last,
        anniversary_in: ann,
        revenue_kop: rev,
        last_order: None,
        not_before: None,
    };
    let pool = vec![
        c(1, Some(d(2026, 1, 10)), Some(5), 999),
        c(2, None, None, 10),
        c(3, None, Some(200), 5_000),
        c(4, None, Some(20), 1),
        c(5, Some(d(2026, 10, 1)), None, 0), // written within the cycle: not due
        c(6, Some(d(2025, 12, 1)), None, 0), // the oldest letter
    ];
    let ids: Vec<u128> = plan_day(&pool, &s, today)
        .iter()
        .map(|i| i.as_u128())
        .collect();
    assert_eq!(ids, [4, 3, 2]);
    let s = settings(6, 90, vec![]);
    let ids: Vec<u128> = plan_day(&pool, &s, today)
        .iter()
        .map(|i| i.as_u128())
        .collect();
    assert_eq!(ids, [4, 3, 2, 6, 1]);
    // A client who ordered last week is in touch already.
    let mut recent = pool.clone();
    recent[3].last_order = Some(d(2026, 11, 20));
    let ids: Vec<u128> = plan_day(&recent, &s, today)
        .iter()
        .map(|i| i.as_u128())
        .collect();
    assert_eq!(ids, [3, 2, 6, 1]);
    // Saturday: nothing.
    assert!(plan_day(&pool, &s, d(2026, 11, 28)).is_empty());
}

#[test]
fn postponed_clients_wait_and_new_members_enter_within_a_cycle() {
    let start = d(2026, 11, 2);
    let s = settings(10, 30, vec![]);
    let mut rng = Rng::new(3);
    let mut pool = pool_of(&mut rng, 50);
    pool[0].not_before = Some(start + Days::new(10));
    let days = simulate(&mut pool, &s, start, 30);
    let first = days
        .iter()
        .find(|(_, q)| q.contains(&pool[0].id))
        .map(|(d, _)| *d)
        .unwrap();
    assert!(first >= start + Days::new(10));

    // A client joining the pool mid-cycle gets its letter within a cycle.
    let newcomer = Candidate {
        id: Uuid::from_u128(99),
        last_letter: None,
        anniversary_in: None,
        revenue_kop: 0,
        last_order: None,
        not_before: None,
    };
    pool.push(newcomer);
    let later = simulate(&mut pool, &s, start + Days::new(30), 30);
    assert!(later.iter().any(|(_, q)| q.contains(&Uuid::from_u128(99))));
}

#[test]
fn the_day_is_stable_for_the_same_input() {
    let mut rng = Rng::new(11);
    let mut pool = pool_of(&mut rng, 500);
    let s = settings(40, 90, vec![]);
    let today = d(2026, 11, 26);
    let a = plan_day(&pool, &s, today);
    pool.reverse();
    assert_eq!(
        plan_day(&pool, &s, today),
        a,
        "the input order does not matter"
    );
}

#[test]
fn anniversaries() {
    let today = d(2026, 11, 26);
    assert_eq!(days_to_anniversary(d(2024, 11, 26), today), 0);
    assert_eq!(days_to_anniversary(d(2025, 12, 6), today), 10);
    assert_eq!(days_to_anniversary(d(2023, 11, 25), today), 364);
    assert_eq!(days_to_anniversary(d(2024, 2, 29), d(2027, 2, 1)), 27);
}

#[test]
fn the_forecast_reads_like_the_issue() {
    let s = settings(40, 90, vec![]);
    let today = d(2026, 11, 26);
    let f = forecast(2700, &s, today);
    assert_eq!(f.working_days, 68);
    // 68 working days from Thursday 26 November 2026, five days a week.
    assert_eq!(f.ends_on, Some(d(2027, 3, 1)));
    assert_eq!(f.cycle_working_days, 64);
    assert_eq!(f.min_quota, 43);
    assert_eq!(
        nth_working_day(&s, d(2026, 11, 28), 1),
        Some(d(2026, 11, 30))
    );
    let none = Settings {
        working_days: [false; 7],
        ..s
    };
    assert_eq!(forecast(10, &none, today).ends_on, None);
}

#[test]
fn candidates_know_each_clients_nearest_anniversary_and_revenue() {
    let today = d(2026, 11, 26);
    let (_, data) = crate::demo::generate_sized(today, 400);
    let base = Base::from_batch(&data);
    let all = candidates(&base, today, &HashMap::new());
    assert!(all.len() > 300);
    for c in &all {
        let orders = base.orders_of(&c.id);
        let nearest = orders
            .iter()
            .map(|o| days_to_anniversary(o.date, today))
            .min();
        assert_eq!(c.anniversary_in, nearest);
        let revenue: i64 = orders.iter().map(|o| o.total_kop()).sum();
        assert_eq!(c.revenue_kop, revenue);
        assert_eq!(c.last_order, orders.iter().map(|o| o.date).max());
    }
}

#[test]
fn an_empty_queue_says_why() {
    let s = Settings::default();
    let monday = d(2026, 11, 30);
    let sunday = d(2026, 11, 29);
    assert_eq!(why_no_letters(0, 0, &s, monday), NoLetters::EmptyBase);
    assert_eq!(why_no_letters(0, 0, &s, sunday), NoLetters::EmptyBase);
    assert_eq!(why_no_letters(500, 300, &s, sunday), NoLetters::DayOff);
    assert_eq!(why_no_letters(500, 0, &s, monday), NoLetters::EmptyPool);
    assert_eq!(why_no_letters(500, 300, &s, monday), NoLetters::AllWritten);
    let none = Settings { quota: 0, ..s };
    assert_eq!(
        why_no_letters(500, 300, &none, monday),
        NoLetters::ZeroQuota
    );
}

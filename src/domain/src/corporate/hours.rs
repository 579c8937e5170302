//! Working time: a department's answer time counts working hours only (the settings' working
//! days, from `work_from` to `work_to` local time), so a request logged on Friday evening is not
//! overdue on Monday morning.

use chrono::{DateTime, Duration, FixedOffset, NaiveTime, Timelike};

use crate::model::Timestamp;
use crate::settings::Settings;

fn bounds(s: &Settings) -> (u32, u32) {
    let from = s.work_from.min(23);
    let to = s.work_to.clamp(from + 1, 24);
    (from, to)
}

fn at_hour(day: chrono::NaiveDate, hour: u32, tz: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let t = if hour >= 24 {
        day.succ_opt()?.and_time(NaiveTime::MIN)
    } else {
        day.and_hms_opt(hour, 0, 0)?
    };
    t.and_local_timezone(tz).single()
}

/// Working minutes between two instants (0 when `to` is not after `from`).
pub fn working_minutes(from: Timestamp, to: Timestamp, s: &Settings, tz: FixedOffset) -> i64 {
    if to <= from {
        return 0;
    }
    let (h0, h1) = bounds(s);
    let (a, b) = (from.with_timezone(&tz), to.with_timezone(&tz));
    let mut day = a.date_naive();
    let mut total = 0;
    // A year of days is the most a request can sensibly wait; past it the figure is capped.
    for _ in 0..400 {
        if day > b.date_naive() {
            break;
        }
        if s.is_working_day(day) {
            if let (Some(open), Some(close)) = (at_hour(day, h0, tz), at_hour(day, h1, tz)) {
                let start = open.max(a);
                let end = close.min(b);
                if end > start {
                    total += (end - start).num_minutes();
                }
            }
        }
        match day.succ_opt() {
            Some(d) => day = d,
            None => break,
        }
    }
    total
}

/// The instant `hours` working hours after `from`.
pub fn add_working_hours(from: Timestamp, hours: u32, s: &Settings, tz: FixedOffset) -> Timestamp {
    let (h0, h1) = bounds(s);
    let mut left = i64::from(hours) * 60;
    let a = from.with_timezone(&tz);
    let mut day = a.date_naive();
    for _ in 0..800 {
        if s.is_working_day(day) {
            if let (Some(open), Some(close)) = (at_hour(day, h0, tz), at_hour(day, h1, tz)) {
                let start = open.max(a);
                if close > start {
                    let here = (close - start).num_minutes();
                    if here >= left {
                        return (start + Duration::minutes(left)).to_utc();
                    }
                    left -= here;
                }
            }
        }
        match day.succ_opt() {
            Some(d) => day = d,
            None => break,
        }
    }
    from + Duration::hours(i64::from(hours))
}

/// Local hour of an instant, for display helpers.
pub fn local_hour(t: Timestamp, tz: FixedOffset) -> u32 {
    t.with_timezone(&tz).hour()
}

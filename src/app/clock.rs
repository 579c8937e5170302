//! The app's one clock. Pages and the app ask it for `now` and `today`; the domain is handed them.
//!
//! A test, or a demonstration «as of» a chosen day, sets it in the page's address:
//! `?clock=2026-11-26T09:30` (or `?clock=2026-11-26`, which means 09:00). The app then runs from
//! that local moment on, as if the computer's clock said so, and a line under the navigation says
//! the clock is set, so nobody mistakes it for the real date.

use std::cell::OnceCell;

use chrono::{Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use crate::domain::model::Timestamp;

thread_local! {
    /// The moment the address sets and how far it is from the computer's clock, read once.
    static SET: OnceCell<Option<(NaiveDateTime, chrono::TimeDelta)>> = const { OnceCell::new() };
}

fn set() -> Option<(NaiveDateTime, chrono::TimeDelta)> {
    SET.with(|cell| {
        *cell.get_or_init(|| {
            let search = web_sys::window()?.location().search().ok()?;
            let at = parse(&search)?;
            let utc = Local
                .from_local_datetime(&at)
                .earliest()?
                .with_timezone(&Utc);
            Some((at, utc - Utc::now()))
        })
    })
}

/// The `clock` parameter of a query string (`?a=1&clock=2026-11-26T09:30`).
fn parse(search: &str) -> Option<NaiveDateTime> {
    let value = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("clock="))?
        .replace("%3A", ":")
        .replace("%3a", ":");
    if let Ok(at) = NaiveDateTime::parse_from_str(&value, "%Y-%m-%dT%H:%M") {
        return Some(at);
    }
    let day = NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok()?;
    Some(day.and_time(NaiveTime::from_hms_opt(9, 0, 0)?))
}

/// The moment the address set the clock to, if it did.
pub fn set_to() -> Option<NaiveDateTime> {
    set().map(|(at, _)| at)
}

pub fn now() -> Timestamp {
    let real = Utc::now();
    match set() {
        Some((_, offset)) => real + offset,
        None => real,
    }
}

pub fn today() -> NaiveDate {
    local(now()).date()
}

/// A stored UTC time as the user's wall-clock time.
pub fn local(t: Timestamp) -> NaiveDateTime {
    t.with_timezone(&Local).naive_local()
}

/// A day the user picked as a moment: now for today, local noon for another day (a payment
/// entered late is dated the day the money came, and noon keeps it on that day in any zone).
pub fn on_day(day: NaiveDate) -> Timestamp {
    if day == today() {
        return now();
    }
    day.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default())
        .and_local_timezone(Local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(now)
}

/// The browser's offset from UTC at the app's now: working hours are counted in local time.
pub fn tz() -> chrono::FixedOffset {
    use chrono::Offset;
    now().with_timezone(&Local).offset().fix()
}

#[cfg(test)]
mod tests {
    use super::parse;
    use chrono::NaiveDate;

    #[test]
    fn the_address_sets_a_moment_or_a_day() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(parse("?clock=2026-11-26T09:30"), d.and_hms_opt(9, 30, 0));
        assert_eq!(
            parse("?x=1&clock=2026-11-26T23%3A59"),
            d.and_hms_opt(23, 59, 0)
        );
        assert_eq!(parse("?clock=2026-11-26"), d.and_hms_opt(9, 0, 0));
        assert_eq!(parse("?clock=yesterday"), None);
        assert_eq!(parse(""), None);
    }
}

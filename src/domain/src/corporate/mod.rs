//! The corporate section: the account manager relays a large client's requests to Finance,
//! Technical, Quality or Sales and back. A request moves new → with the department → answered →
//! relayed to the client → closed, with a message thread and timestamps; each department has its
//! answer time in working hours. Figures: response times (median, 90th percentile) per department,
//! requests overdue now, and revenue from corporate clients.

pub mod hours;
pub mod summary;

use chrono::{FixedOffset, NaiveDate};

use crate::base::Base;
use crate::letters::figures::Period;
use crate::model::*;
use crate::settings::Settings;

pub use hours::{add_working_hours, working_minutes};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    New,
    WithDepartment,
    Answered,
    Relayed,
    Closed,
}

pub const DEPARTMENTS: [Department; 4] = [
    Department::Finance,
    Department::Technical,
    Department::Quality,
    Department::Sales,
];

fn dept_index(d: Department) -> usize {
    match d {
        Department::Finance => 0,
        Department::Technical => 1,
        Department::Quality => 2,
        Department::Sales => 3,
    }
}

pub fn answer_hours(s: &Settings, d: Department) -> u32 {
    s.answer_hours[dept_index(d)]
}

pub fn status(r: &Request) -> Status {
    if r.closed.is_some() {
        Status::Closed
    } else if r.relayed.is_some() {
        Status::Relayed
    } else if r.answered.is_some() {
        Status::Answered
    } else if r.sent.is_some() {
        Status::WithDepartment
    } else {
        Status::New
    }
}

/// Waiting for the department past its answer time.
pub fn overdue(r: &Request, now: Timestamp) -> bool {
    matches!(status(r), Status::New | Status::WithDepartment) && now > r.due
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    #[error("say what the client asks")]
    NoSubject,
    #[error("the message is empty")]
    NoText,
    #[error("the request is already past this step")]
    WrongStep,
}

/// A request as the account manager logs it; its due time counts the department's working hours.
#[allow(clippy::too_many_arguments)]
pub fn open(
    client: Id,
    department: Department,
    subject: &str,
    text: &str,
    staff: Option<Id>,
    from: &str,
    at: Timestamp,
    settings: &Settings,
    tz: FixedOffset,
    id: Id,
) -> Result<Request, RequestError> {
    if subject.trim().is_empty() {
        return Err(RequestError::NoSubject);
    }
    let messages = if text.trim().is_empty() {
        Vec::new()
    } else {
        vec![Message {
            at,
            from: from.to_string(),
            text: text.trim().to_string(),
        }]
    };
    Ok(Request {
        id,
        client,
        department,
        subject: subject.trim().to_string(),
        staff,
        opened: at,
        sent: None,
        due: add_working_hours(at, answer_hours(settings, department), settings, tz),
        answered: None,
        relayed: None,
        closed: None,
        messages,
        updated_at: at,
    })
}

/// The next step: send to the department, record its answer, relay it to the client, close.
/// `text` goes into the thread (needed for an answer and a relay).
pub fn step(
    r: &Request,
    to: Status,
    from: &str,
    text: &str,
    at: Timestamp,
) -> Result<Request, RequestError> {
    let now = status(r);
    if to <= now || (to != Status::Closed && to as u8 != now as u8 + 1) {
        return Err(RequestError::WrongStep);
    }
    if matches!(to, Status::Answered | Status::Relayed) && text.trim().is_empty() {
        return Err(RequestError::NoText);
    }
    let mut r = r.clone();
    match to {
        Status::WithDepartment => r.sent = Some(at),
        Status::Answered => r.answered = Some(at),
        Status::Relayed => r.relayed = Some(at),
        Status::Closed => r.closed = Some(at),
        Status::New => {}
    }
    if !text.trim().is_empty() {
        r.messages.push(Message {
            at,
            from: from.to_string(),
            text: text.trim().to_string(),
        });
    }
    r.updated_at = at;
    Ok(r)
}

/// Median and 90th percentile (nearest rank), in working hours, and how many were counted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub median: f64,
    pub p90: f64,
    pub count: usize,
}

fn spread(mut minutes: Vec<i64>) -> Option<Spread> {
    if minutes.is_empty() {
        return None;
    }
    crate::sort::sort(&mut minutes);
    let rank = |p: f64| {
        let i = ((p * minutes.len() as f64).ceil() as usize).clamp(1, minutes.len()) - 1;
        minutes[i] as f64 / 60.0
    };
    let n = minutes.len();
    let median = if n % 2 == 1 {
        minutes[n / 2] as f64 / 60.0
    } else {
        (minutes[n / 2 - 1] + minutes[n / 2]) as f64 / 120.0
    };
    Some(Spread {
        median,
        p90: rank(0.9),
        count: n,
    })
}

#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentFigures {
    pub department: Department,
    /// From the request to the department's answer.
    pub to_answer: Option<Spread>,
    /// From the answer to the client hearing it.
    pub to_client: Option<Spread>,
    pub overdue: usize,
}

/// Response times of the requests answered in the period, and requests overdue at `now`.
pub fn figures(
    base: &Base,
    period: &Period,
    now: Timestamp,
    s: &Settings,
    tz: FixedOffset,
) -> Vec<DepartmentFigures> {
    let local = |t: Timestamp| t.with_timezone(&tz).date_naive();
    DEPARTMENTS
        .iter()
        .map(|&d| {
            let reqs: Vec<&Request> = base.requests.iter().filter(|r| r.department == d).collect();
            let to_answer = reqs
                .iter()
                .filter_map(|r| {
                    r.answered
                        .filter(|a| period.contains(local(*a)))
                        .map(|a| working_minutes(r.opened, a, s, tz))
                })
                .collect();
            let to_client = reqs
                .iter()
                .filter_map(|r| match (r.answered, r.relayed) {
                    (Some(a), Some(rel)) if period.contains(local(rel)) => {
                        Some(working_minutes(a, rel, s, tz))
                    }
                    _ => None,
                })
                .collect();
            DepartmentFigures {
                department: d,
                to_answer: spread(to_answer),
                to_client: spread(to_client),
                overdue: reqs.iter().filter(|r| overdue(r, now)).count(),
            }
        })
        .collect()
}

/// The day a contract's money came, in `tz`: when it first reached «paid» or a stage past it (a
/// contract moved straight to «shipped» was paid too).
pub fn paid_on(c: &Contract, tz: FixedOffset) -> Option<NaiveDate> {
    c.stages
        .iter()
        .filter(|(s, _)| *s >= ContractStage::Paid)
        .map(|(_, t)| t.with_timezone(&tz).date_naive())
        .min()
}

/// Revenue from corporate clients in the period: their contracts paid in it, and the orders of
/// corporate clients (and orders marked corporate) dated in it. A contract is not an order, so
/// the two do not overlap.
pub fn revenue(base: &Base, period: &Period, tz: FixedOffset) -> i64 {
    let orders: i64 = base
        .orders
        .iter()
        .filter(|o| period.contains(o.date))
        .filter(|o| {
            o.source == OrderSource::Corporate
                || base.clients.get(&o.client).is_some_and(|c| c.corporate)
        })
        .map(Order::total_kop)
        .fold(0, i64::saturating_add);
    let contracts: i64 = base
        .contracts
        .iter()
        .filter(|c| paid_on(c, tz).is_some_and(|d| period.contains(d)))
        .map(|c| c.amount_kop)
        .fold(0, i64::saturating_add);
    orders.saturating_add(contracts)
}

/// Moves a contract to a stage, keeping the date it was reached.
pub fn advance(c: &Contract, stage: ContractStage, at: Timestamp) -> Contract {
    let mut c = c.clone();
    c.stage = stage;
    c.stages.push((stage, at));
    c.updated_at = at;
    c
}

#[cfg(test)]
mod tests;

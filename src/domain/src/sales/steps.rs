//! Next steps: what a salesperson or the account manager means to do with a client or a deal, and
//! by when. One open step per deal is what the deal lists show; the start page lists the person's
//! steps due today and overdue, oldest first.

use chrono::NaiveDate;

use crate::base::Base;
use crate::model::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    #[error("say what is to be done")]
    NoText,
    #[error("the step is done already")]
    Done,
}

/// Longer than this is a note, not a step.
pub const MAX_TEXT: usize = 300;

/// A new step for `client` (and one of its deals), due on `due`, for `staff` to do.
pub fn plan(
    client: Id,
    deal: Option<Id>,
    staff: Option<Id>,
    text: &str,
    due: NaiveDate,
    at: Timestamp,
    id: Id,
) -> Result<NextStep, StepError> {
    let text: String = text.trim().chars().take(MAX_TEXT).collect();
    if text.is_empty() {
        return Err(StepError::NoText);
    }
    Ok(NextStep {
        id,
        client,
        deal,
        staff,
        text,
        due,
        done: None,
        updated_at: at,
    })
}

/// The step, done `at`.
pub fn complete(step: &NextStep, at: Timestamp) -> Result<NextStep, StepError> {
    if step.done.is_some() {
        return Err(StepError::Done);
    }
    Ok(NextStep {
        done: Some(at),
        updated_at: at,
        ..step.clone()
    })
}

/// The step moved to another day (still open).
pub fn postpone(step: &NextStep, due: NaiveDate, at: Timestamp) -> NextStep {
    NextStep {
        due,
        updated_at: at,
        ..step.clone()
    }
}

fn open_of(base: &Base) -> impl Iterator<Item = &NextStep> {
    base.steps.iter().filter(move |s| {
        s.done.is_none()
            && base
                .clients
                .get(&s.client)
                .is_some_and(|c| c.merged_into.is_none())
    })
}

fn by_due(v: &mut Vec<&NextStep>) {
    crate::sort::sort_by_key(v, |s: &&NextStep| (s.due, s.updated_at, s.id));
}

/// A client's open steps, soonest first.
pub fn of_client(base: &Base, client: Id) -> Vec<&NextStep> {
    let mut v: Vec<&NextStep> = open_of(base).filter(|s| s.client == client).collect();
    by_due(&mut v);
    v
}

/// The deal's soonest open step.
pub fn of_deal(base: &Base, deal: Id) -> Option<&NextStep> {
    open_of(base)
        .filter(|s| s.deal == Some(deal))
        .min_by_key(|s| (s.due, s.updated_at, s.id))
}

/// A person's open steps due `today` or before, oldest first: the top of their start page. A
/// step nobody was named for counts as the client's owner's.
pub fn agenda(base: &Base, staff: Id, today: NaiveDate) -> Vec<&NextStep> {
    let mut v: Vec<&NextStep> = open_of(base)
        .filter(|s| s.due <= today)
        .filter(|s| {
            s.staff == Some(staff)
                || s.staff.is_none()
                    && base.clients.get(&s.client).and_then(|c| c.owner) == Some(staff)
        })
        .collect();
    by_due(&mut v);
    v
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::base::Batch;

    fn id(n: u128) -> Id {
        Id::from_u128(n)
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn at() -> Timestamp {
        Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
    }

    fn base(steps: Vec<NextStep>) -> Base {
        let mut owned = Client::named(id(1), "Школа № 5", at());
        owned.owner = Some(id(100));
        let mut merged = Client::named(id(3), "Школа 5", at());
        merged.merged_into = Some(id(1));
        Base::from_batch(&Batch {
            clients: vec![owned, Client::named(id(2), "Лицей № 3", at()), merged],
            steps,
            ..Batch::default()
        })
    }

    fn step(n: u128, client: u128, staff: Option<u128>, due: u32) -> NextStep {
        plan(
            id(client),
            None,
            staff.map(id),
            "Позвонить",
            day(due),
            at(),
            id(n),
        )
        .unwrap()
    }

    #[test]
    fn a_step_needs_words() {
        assert_eq!(
            plan(id(1), None, None, "  ", day(5), at(), id(9)),
            Err(StepError::NoText)
        );
        let long = plan(id(1), None, None, &"я".repeat(1000), day(5), at(), id(9)).unwrap();
        assert_eq!(long.text.chars().count(), MAX_TEXT);
    }

    #[test]
    fn the_agenda_is_what_is_due_today_and_overdue_for_that_person() {
        let done = complete(&step(13, 1, Some(100), 1), at()).unwrap();
        let b = base(vec![
            step(10, 1, Some(100), 5),
            step(11, 1, Some(100), 2),
            step(12, 1, Some(100), 9),
            done,
            // Nobody named: the owner's.
            step(14, 1, None, 4),
            // Someone else's.
            step(15, 2, Some(200), 1),
            // A merged-away client's step is not shown twice.
            step(16, 3, Some(100), 1),
        ]);
        let ids: Vec<Id> = agenda(&b, id(100), day(5)).iter().map(|s| s.id).collect();
        assert_eq!(ids, [id(11), id(14), id(10)]);
        assert_eq!(agenda(&b, id(200), day(5)).len(), 1);
        assert_eq!(of_client(&b, id(1)).len(), 4);
        let later = postpone(b.steps.get(&id(11)).unwrap(), day(10), at());
        assert!(later.done.is_none() && later.due == day(10));
        assert_eq!(
            complete(b.steps.get(&id(13)).unwrap(), at()),
            Err(StepError::Done)
        );
    }

    #[test]
    fn a_deal_shows_its_soonest_open_step() {
        let mut a = step(10, 1, Some(100), 8);
        a.deal = Some(id(50));
        let mut b2 = step(11, 1, Some(100), 6);
        b2.deal = Some(id(50));
        let b = base(vec![a, b2]);
        assert_eq!(of_deal(&b, id(50)).map(|s| s.id), Some(id(11)));
        assert_eq!(of_deal(&b, id(51)), None);
    }
}

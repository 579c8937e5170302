//! The day's queue as the writer works through it: made once a day from the rotation and then kept,
//! so a reload shows the same clients; skipped clients leave today's list (and come back tomorrow,
//! still due), postponed ones wait N days, and clients can be added by hand.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::Id;

/// Everything that decides who gets a letter today besides the records: the day's queue (its
/// skips and additions) and who is postponed to when. A backup carries it, so a base restored
/// on another computer does not write to a client twice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LettersDay {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<DayQueue>,
    #[serde(default)]
    pub postponed: std::collections::BTreeMap<Id, NaiveDate>,
}

impl LettersDay {
    pub fn is_empty(&self) -> bool {
        self.queue.is_none() && self.postponed.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayQueue {
    pub date: NaiveDate,
    /// As the rotation proposed them, in its order.
    pub planned: Vec<Id>,
    #[serde(default)]
    pub skipped: Vec<Id>,
    #[serde(default)]
    pub added: Vec<Id>,
}

impl DayQueue {
    pub fn new(date: NaiveDate, planned: Vec<Id>) -> DayQueue {
        DayQueue {
            date,
            planned,
            skipped: Vec::new(),
            added: Vec::new(),
        }
    }

    /// Today's list: the plan without the skipped, then the added.
    pub fn clients(&self) -> Vec<Id> {
        self.planned
            .iter()
            .chain(self.added.iter())
            .filter(|id| !self.skipped.contains(id))
            .fold(Vec::new(), |mut v, id| {
                if !v.contains(id) {
                    v.push(*id);
                }
                v
            })
    }

    pub fn skip_client(&mut self, id: Id) {
        if !self.skipped.contains(&id) {
            self.skipped.push(id);
        }
    }

    /// Fills the day's room (up to `quota` clients) from a fresh plan of the rotation, after
    /// clients arrived in the pool since the queue was planned (an import, the demo on an empty
    /// base, a client released by a salesperson). What is already on the list stays as it is and
    /// where it is; a skipped or postponed client does not come back and keeps its place in the
    /// day's count (the writer decided about that slot), while clients added by hand come on top.
    /// Whether anything was added.
    pub fn top_up(&mut self, fresh: &[Id], quota: usize) -> bool {
        let mut room = quota.saturating_sub(self.planned.len());
        let mut added = false;
        for id in fresh {
            if room == 0 {
                break;
            }
            let known =
                self.planned.contains(id) || self.added.contains(id) || self.skipped.contains(id);
            if !known {
                self.planned.push(*id);
                room -= 1;
                added = true;
            }
        }
        added
    }

    /// Adds a client by hand (also undoing a skip).
    pub fn add(&mut self, id: Id) {
        self.skipped.retain(|x| *x != id);
        if !self.planned.contains(&id) && !self.added.contains(&id) {
            self.added.push(id);
        }
    }
}

/// The stored queue when it is today's; otherwise a new one from `plan` (the rotation).
pub fn today_queue(
    stored: Option<DayQueue>,
    today: NaiveDate,
    plan: impl FnOnce() -> Vec<Id>,
) -> DayQueue {
    match stored {
        Some(q) if q.date == today => q,
        _ => DayQueue::new(today, plan()),
    }
}

/// Postpones a client by `days` calendar days: the rotation will not queue it before then. It also
/// leaves today's queue.
pub fn postpone(queue: &mut DayQueue, postponed: &mut HashMap<Id, NaiveDate>, id: Id, days: u32) {
    let until = queue
        .date
        .checked_add_days(Days::new(u64::from(days.max(1))))
        .unwrap_or(queue.date);
    postponed.insert(id, until);
    queue.skip_client(id);
    queue.added.retain(|x| *x != id);
}

/// Forgets postponements that are over, so the stored map does not grow forever.
pub fn prune_postponed(postponed: &mut HashMap<Id, NaiveDate>, today: NaiveDate) {
    postponed.retain(|_, until| *until > today);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::letters::rotation::{plan_day, Candidate};
    use crate::settings::Settings;
    use uuid::Uuid;

    fn id(n: u128) -> Id {
        Uuid::from_u128(n)
    }

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
    }

    #[test]
    fn a_day_is_made_once_and_kept() {
        let mut calls = 0;
        let q = today_queue(None, d(26), || {
            calls += 1;
            vec![id(1), id(2)]
        });
        let again = today_queue(Some(q.clone()), d(26), || {
            calls += 1;
            vec![id(9)]
        });
        assert_eq!(again, q);
        assert_eq!(calls, 1, "the stored queue is not planned again");
        let next = today_queue(Some(q), d(27), || vec![id(3)]);
        assert_eq!(next.clients(), [id(3)]);
        // Survives being stored as JSON.
        let text = serde_json::to_string(&next).unwrap();
        assert_eq!(serde_json::from_str::<DayQueue>(&text).unwrap(), next);
    }

    #[test]
    fn clients_arriving_later_fill_the_room_and_the_list_stays_put() {
        // Planned on an empty base: nothing; the demo arrives; the same day's queue fills.
        let mut q = DayQueue::new(d(26), Vec::new());
        assert!(q.top_up(&[id(1), id(2), id(3)], 2));
        assert_eq!(q.clients(), [id(1), id(2)]);
        // A fuller plan later: the two shown stay first, one more fits, a skipped one stays out
        // and still counts, so skipping does not pull in a replacement.
        q.skip_client(id(2));
        assert!(q.top_up(&[id(5), id(2), id(1), id(6)], 3));
        assert_eq!(q.clients(), [id(1), id(5)]);
        q.add(id(9));
        assert!(
            !q.top_up(&[id(7)], 3),
            "no room left; a hand-added client is on top"
        );
        assert_eq!(q.clients(), [id(1), id(5), id(9)]);
    }

    #[test]
    fn skip_add_and_postpone() {
        let mut q = DayQueue::new(d(26), vec![id(1), id(2), id(3)]);
        q.skip_client(id(2));
        q.add(id(7));
        q.add(id(1));
        assert_eq!(q.clients(), [id(1), id(3), id(7)]);
        q.add(id(2));
        assert_eq!(
            q.clients(),
            [id(1), id(2), id(3), id(7)],
            "adding undoes a skip"
        );

        let mut postponed = HashMap::new();
        postpone(&mut q, &mut postponed, id(3), 5);
        assert_eq!(q.clients(), [id(1), id(2), id(7)]);
        let december = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(postponed[&id(3)], december);
        prune_postponed(&mut postponed, d(30));
        assert!(postponed.contains_key(&id(3)));
        prune_postponed(&mut postponed, december);
        assert!(postponed.is_empty());
    }

    #[test]
    fn a_skipped_client_comes_back_tomorrow_a_postponed_one_later() {
        let s = Settings {
            quota: 2,
            ..Settings::default()
        };
        let c = |n: u128| Candidate {
            id: id(n),
            last_letter: None,
            anniversary_in: None,
            revenue_kop: 1000 - n as i64,
            last_order: None,
            not_before: None,
        };
        let mut pool = vec![c(1), c(2), c(3), c(4)];
        let mut today = DayQueue::new(d(26), plan_day(&pool, &s, d(26)));
        assert_eq!(today.clients(), [id(1), id(2)]);
        today.skip_client(id(1));
        let mut postponed = HashMap::new();
        postpone(&mut today, &mut postponed, id(2), 10);
        assert!(today.clients().is_empty());
        for p in &mut pool {
            p.not_before = postponed.get(&p.id).copied();
        }
        // Friday the 27th: the skipped client is due again; the postponed one is not.
        let tomorrow = plan_day(&pool, &s, d(27));
        assert_eq!(tomorrow, [id(1), id(3)]);
    }
}

//! The editor's check over five working days of the demo's queue, each day's letters sent before
//! the next is planned: no fault, and at least 30 subject lines in 40.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use super::editor::{faults, Case};
use super::*;
use crate::base::{Base, Batch};
use crate::letters::rotation::{candidates, nth_working_day, plan_day};
use crate::letters::send::{day_letters, letter_record, LetterText};

/// One day of the demo's queue: the day, the base as it stood, each client with its draft.
type Day = (NaiveDate, Base, Vec<(Client, Draft)>);

/// Five working days of the demo's queue, each day's letters sent before the next is planned.
fn demo_days(from: NaiveDate) -> Vec<Day> {
    let (settings, data) = crate::demo::generate(from);
    let mut base = Base::from_batch(&data);
    let mut out = Vec::new();
    for n in 0..5 {
        let day = nth_working_day(&settings, from, n + 1).expect("a working day");
        let ids = plan_day(&candidates(&base, day, &HashMap::new()), &settings, day);
        let letters = day_letters(&base, &settings, day, &ids);
        let mut drafts = Vec::new();
        let mut sent = Vec::new();
        for (i, l) in letters.into_iter().enumerate() {
            let Some(draft) = l.draft else { continue };
            let c = base.clients.get(&l.client).expect("planned client").clone();
            let at = Utc
                .with_ymd_and_hms(day.year(), day.month(), day.day(), 10, 0, 0)
                .unwrap();
            let text = LetterText {
                subject: &draft.subject,
                body: &draft.body,
                channel: Channel::Post,
                sent_at: Some(at),
                phrasing: &draft.phrasing,
            };
            sent.push(letter_record(&base, &c, day, &text, None, at, || {
                Uuid::from_u128(1 << 100 | (u128::from(n) << 32) | i as u128)
            }));
            drafts.push((c, draft));
        }
        out.push((day, base.clone(), drafts));
        base.apply(&Batch {
            letters: sent,
            ..Batch::default()
        });
    }
    out
}

#[test]
fn five_working_days_of_the_demo_pass_the_editor() {
    for (day, base, drafts) in demo_days(d(2026, 12, 1)) {
        assert!(drafts.len() >= 35, "{day}: {} letters", drafts.len());
        let mut subjects = HashSet::new();
        for (c, dr) in &drafts {
            let new_since = dr
                .facts
                .new_products
                .iter()
                .filter_map(|id| base.products.iter().find(|p| p.id == *id))
                .map(|p| p.introduced_on)
                .collect();
            let case = Case {
                client: c,
                draft: dr,
                today: day,
                new_since,
                previous: None,
            };
            let f = faults(&case);
            assert!(
                f.is_empty(),
                "{day}, {}:\n{}\n\n{}",
                c.name,
                f.join("\n"),
                dr.body
            );
            subjects.insert(dr.subject.clone());
        }
        assert!(
            subjects.len() >= 30 * drafts.len() / 40,
            "{day}: {} distinct subjects in {}: {subjects:?}",
            subjects.len(),
            drafts.len()
        );
    }
}

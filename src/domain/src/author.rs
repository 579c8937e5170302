//! Who did it. The person at a computer is a local choice (see the app's `person`), and every
//! record that computer creates carries them: history entries, decisions (merges, «not a
//! duplicate»), address lists given out, activities, answers to letters. Stamped in one place,
//! when a batch is committed, so no page can forget it.

use crate::base::{Base, Batch};
use crate::model::Id;

/// Sets `by` as the author of every record of `batch` that `base` does not hold yet and that
/// names no author, and of every answer to a letter that the batch records.
pub fn stamp(batch: &mut Batch, base: &Base, by: Id) {
    for c in &mut batch.changes {
        if c.by.is_none() && base.changes.get(&c.id).is_none() {
            c.by = Some(by);
        }
    }
    for d in &mut batch.decisions {
        if d.by.is_none() && base.decisions.get(&d.id).is_none() {
            d.by = Some(by);
        }
    }
    for m in &mut batch.mailings {
        if m.by.is_none() && base.mailings.get(&m.id).is_none() {
            m.by = Some(by);
        }
    }
    for a in &mut batch.activities {
        if a.staff.is_none() && base.activities.get(&a.id).is_none() {
            a.staff = Some(by);
        }
    }
    for l in &mut batch.letters {
        let before = base.letters.get(&l.id).and_then(|b| b.response.as_ref());
        if let Some(r) = &mut l.response {
            let new_answer = before.is_none_or(|b| b.at != r.at || b.kind != r.kind);
            if r.by.is_none() && new_answer {
                r.by = Some(by);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::model::{Response, ResponseKind};
    use chrono::NaiveDate;

    #[test]
    fn new_records_and_new_answers_get_the_author_and_old_ones_keep_theirs() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let (_, all) = demo::generate_sized(today, 100);
        let base = Base::from_batch(&all);
        let me = Id::from_u128(77);
        let old_change = all.changes[0].clone();
        let mut new_change = old_change.clone();
        new_change.id = Id::from_u128(78);
        let mut letter = all
            .letters
            .iter()
            .find(|l| l.response.is_none())
            .cloned()
            .unwrap();
        letter.response = Some(Response {
            kind: ResponseKind::Interested,
            at: old_change.at,
            note: String::new(),
            followed_up: false,
            by: None,
        });
        let mut batch = Batch {
            changes: vec![old_change.clone(), new_change],
            letters: vec![letter],
            ..Batch::default()
        };
        stamp(&mut batch, &base, me);
        assert_eq!(
            batch.changes[0].by, old_change.by,
            "a moved record is not re-authored"
        );
        assert_eq!(batch.changes[1].by, Some(me));
        assert_eq!(batch.letters[0].response.as_ref().unwrap().by, Some(me));
    }
}

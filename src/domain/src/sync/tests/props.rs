//! Three computers edit, delete and exchange at random (clocks up to two hours off) and must end
//! with the same base, every edit present unless a later edit of the same field replaced it.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::{phone, shared_base, Computer, C1, C2};
use crate::base::Batch;
use crate::model::*;
use crate::sync::Hlc;

#[derive(Debug, Clone)]
enum Op {
    Name(u8),
    Notes(u8),
    AddPhone(u8),
    Delete,
    Exchange(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        any::<u8>().prop_map(Op::Name),
        any::<u8>().prop_map(Op::Notes),
        any::<u8>().prop_map(Op::AddPhone),
        Just(Op::Delete),
        (0..3usize, 0..3usize).prop_map(|(a, b)| Op::Exchange(a, b)),
    ]
}

/// What each computer wrote, by slot: the value with its stamp.
type Written = BTreeMap<(Id, String), Vec<(Hlc, String)>>;

fn record_writes(w: &mut Written, batch: &Batch, path: &str, value: String) {
    for c in &batch.clocks {
        let stamp = c
            .slots
            .get(path)
            .map(|s| s.at.clone())
            .unwrap_or(c.at.at.clone());
        w.entry((c.id, path.to_string()))
            .or_default()
            .push((stamp, value.clone()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn three_computers_end_the_same_with_every_edit_not_replaced(
        ops in prop::collection::vec((0..3usize, op()), 1..40),
        skews in prop::collection::vec(-7_200_000i64..7_200_000, 3),
    ) {
        let base = shared_base();
        let mut cs: Vec<Computer> = ["a", "b", "c"]
            .iter()
            .zip(&skews)
            .map(|(n, s)| Computer::new(n, &base, *s))
            .collect();
        let mut written = Written::new();
        let mut phones: Vec<(Id, String, Hlc)> = Vec::new();
        let mut deleted = Vec::new();
        for (who, op) in ops {
            let id = C1;
            if cs[who].client(id).is_none() && !matches!(op, Op::Exchange(..)) {
                continue;
            }
            match op {
                Op::Name(v) => {
                    let name = format!("Имя {v}");
                    let b = cs[who].edit(id, |c| c.name = name.clone());
                    record_writes(&mut written, &b, "name", name);
                }
                Op::Notes(v) => {
                    let notes = format!("Заметка {v}");
                    let b = cs[who].edit(id, |c| c.notes = notes.clone());
                    record_writes(&mut written, &b, "notes", notes);
                }
                Op::AddPhone(v) => {
                    let n = format!("+7 900 000-{:02}-{:02}", who, v % 100);
                    let b = cs[who].edit(id, |c| c.phones.push(phone(&n)));
                    let digits: String = n.chars().filter(char::is_ascii_digit).collect();
                    let stamp = b.clocks[0].slots.get(&format!("phones[{digits}]"))
                        .map(|s| s.at.clone()).unwrap_or(b.clocks[0].at.at.clone());
                    phones.push((id, n, stamp));
                }
                Op::Delete => {
                    let at = cs[who].now();
                    let del = cs[who].base.delete_client(id, at);
                    let b = cs[who].write(del);
                    deleted.push(b.clocks[0].deleted.clone().unwrap());
                }
                Op::Exchange(from, to) if from != to => {
                    let (src, dst) = if from < to {
                        let (l, r) = cs.split_at_mut(to);
                        (&l[from], &mut r[0])
                    } else {
                        let (l, r) = cs.split_at_mut(from);
                        (&r[0], &mut l[to])
                    };
                    dst.receive(src);
                }
                Op::Exchange(..) => {}
            }
        }
        // Everyone reads everyone, twice (what reached one computer late is passed on).
        for _ in 0..2 {
            for to in 0..3 {
                for from in 0..3 {
                    if from != to {
                        let src = Computer { base: cs[from].base.clone(), clock: cs[from].clock.clone(), wall: 0 };
                        cs[to].receive(&src);
                    }
                }
            }
        }
        let seen: Vec<_> = cs.iter().map(|c| {
            let mut history = c.base.changes.as_slice().to_vec();
            history.sort_by_key(|h| h.id);
            (c.client(C1).cloned(), c.client(C2).cloned(), history)
        }).collect();
        prop_assert_eq!(&seen[0], &seen[1]);
        prop_assert_eq!(&seen[1], &seen[2]);
        let Some(final_c1) = &seen[0].0 else {
            // Deleted: only if some deletion came after every write.
            let last_delete = deleted.iter().max();
            let last_write = written.values().flatten().map(|(h, _)| h).chain(phones.iter().map(|p| &p.2)).max();
            prop_assert!(last_delete.is_some());
            prop_assert!(last_write.is_none_or(|w| Some(w) < last_delete), "a write after the deletion was lost");
            return Ok(());
        };
        for ((_, path), writes) in &written {
            let (_, latest) = writes.iter().max().unwrap();
            let now = if path == "name" { &final_c1.name } else { &final_c1.notes };
            prop_assert_eq!(now, latest, "{} is not the latest write", path);
        }
        for (_, n, _) in &phones {
            prop_assert!(final_c1.phones.iter().any(|p| &p.number == n), "phone {} lost", n);
        }
    }
}

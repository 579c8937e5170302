//! Sync's merge: the examples the issue names, and three computers editing and exchanging at
//! random (proptest) ending with the same base and every edit that was not replaced by a later one.

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use uuid::Uuid;

use super::*;
use crate::base::Batch;

struct Computer {
    base: Base,
    clock: Clock,
    /// This computer's wall clock, in ms (each may be off).
    wall: i64,
}

fn t0() -> i64 {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .unwrap()
        .timestamp_millis()
}

impl Computer {
    fn new(name: &str, base: &Base, skew_ms: i64) -> Computer {
        Computer {
            base: base.clone(),
            clock: Clock::new(name, None),
            wall: t0() + skew_ms,
        }
    }

    fn now(&mut self) -> Timestamp {
        self.wall += 1000;
        chrono::DateTime::from_timestamp_millis(self.wall).unwrap()
    }

    fn write(&mut self, mut batch: Batch) -> Batch {
        stamp(&self.base, &mut batch, &mut self.clock, self.wall);
        self.base.apply(&batch);
        batch
    }

    fn edit(&mut self, id: Id, f: impl FnOnce(&mut Client)) -> Batch {
        let mut c = self.base.clients.get(&id).cloned().expect("client");
        f(&mut c);
        c.updated_at = self.now();
        self.write(Batch {
            clients: vec![c],
            ..Batch::default()
        })
    }

    /// Takes in what `other` wrote.
    fn receive(&mut self, other: &Computer) -> Plan {
        let versions = changed_here(&other.base, other.clock.device(), None);
        let plan = plan(&self.base, &versions, &mut self.clock, self.wall);
        self.base.apply(&plan.batch);
        plan
    }

    fn client(&self, id: Id) -> Option<&Client> {
        self.base.clients.get(&id)
    }
}

fn shared_base() -> Base {
    let at = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
    let mut c = Client::named(Uuid::from_u128(1), "Ромашка", at);
    c.phones.push(Phone {
        number: "+7 912 000-00-01".into(),
        label: String::new(),
    });
    Base::from_batch(&Batch {
        clients: vec![c, Client::named(Uuid::from_u128(2), "Лютик", at)],
        ..Batch::default()
    })
}

const C1: Id = Uuid::from_u128(1);
const C2: Id = Uuid::from_u128(2);

fn phone(n: &str) -> Phone {
    Phone {
        number: n.into(),
        label: String::new(),
    }
}

#[test]
fn different_fields_edited_apart_both_stay() {
    let base = shared_base();
    let (mut a, mut b) = (Computer::new("a", &base, 0), Computer::new("b", &base, 0));
    a.edit(C1, |c| c.phones = vec![phone("+7 912 555-55-55")]);
    b.edit(C1, |c| {
        c.addresses.push(Address {
            city: "Пермь".into(),
            street: "ул. Ленина, 1".into(),
            ..Address::default()
        })
    });
    b.receive(&a);
    a.receive(&b);
    for x in [&a, &b] {
        let c = x.client(C1).unwrap();
        assert_eq!(c.phones, vec![phone("+7 912 555-55-55")]);
        assert_eq!(c.addresses[0].city, "Пермь");
    }
    assert_eq!(a.client(C1), b.client(C1));
}

#[test]
fn a_phone_added_here_and_an_email_and_a_phone_there_all_stay() {
    let base = shared_base();
    let (mut a, mut b) = (Computer::new("a", &base, 0), Computer::new("b", &base, 0));
    a.edit(C1, |c| c.phones.push(phone("+7 343 111-22-33")));
    b.edit(C1, |c| {
        c.phones.push(phone("+7 495 444-55-66"));
        c.emails.push(Email {
            address: "info@romashka.ru".into(),
            label: String::new(),
        });
    });
    a.receive(&b);
    b.receive(&a);
    let c = a.client(C1).unwrap();
    assert_eq!(c.phones.len(), 3, "{:?}", c.phones);
    assert_eq!(c.emails.len(), 1);
    assert_eq!(a.client(C1), b.client(C1));
}

#[test]
fn the_same_field_keeps_the_later_edit_and_the_other_goes_into_the_history() {
    let base = shared_base();
    let (mut a, mut b) = (Computer::new("a", &base, 0), Computer::new("b", &base, 0));
    a.edit(C1, |c| c.name = "Ромашка-Плюс".into());
    b.wall += 5000; // B's edit is later
    b.edit(C1, |c| c.name = "Ромашка и Ко".into());
    let plan = a.receive(&b);
    assert_eq!(plan.stats.replaced, 1);
    b.receive(&a);
    for x in [&a, &b] {
        assert_eq!(x.client(C1).unwrap().name, "Ромашка и Ко");
        let h: Vec<&ChangeLogEntry> = x.base.changes.iter().collect();
        assert_eq!(h.len(), 1, "one entry, the same on both computers");
        assert_eq!(
            (h[0].old.as_str(), h[0].new.as_str()),
            ("Ромашка-Плюс", "Ромашка и Ко")
        );
        assert_eq!(h[0].lost, Some(serde_json::json!("Ромашка-Плюс")));
    }
    assert_eq!(a.base.changes.as_slice(), b.base.changes.as_slice());
    // The value that lost can be put back.
    let back = restore(
        a.client(C1).unwrap(),
        "name",
        &serde_json::json!("Ромашка-Плюс"),
    )
    .unwrap();
    assert_eq!(back.name, "Ромашка-Плюс");
}

#[test]
fn an_edit_made_after_seeing_another_is_not_a_conflict() {
    let base = shared_base();
    let (mut a, mut b) = (Computer::new("a", &base, 0), Computer::new("b", &base, 0));
    a.edit(C1, |c| c.name = "Ромашка-Плюс".into());
    b.receive(&a);
    b.edit(C1, |c| c.name = "Ромашка-Плюс 2".into());
    let plan = a.receive(&b);
    assert_eq!(plan.stats.replaced, 0);
    assert!(a.base.changes.is_empty());
    assert_eq!(a.client(C1).unwrap().name, "Ромашка-Плюс 2");
}

#[test]
fn a_computer_an_hour_fast_does_not_win_an_edit_made_after_it_was_seen() {
    let base = shared_base();
    let hour = 3_600_000;
    let (mut fast, mut b) = (
        Computer::new("fast", &base, hour),
        Computer::new("b", &base, 0),
    );
    fast.edit(C1, |c| c.notes = "от быстрого".into());
    b.receive(&fast);
    b.edit(C1, |c| c.notes = "позже, от B".into());
    fast.receive(&b);
    assert_eq!(fast.client(C1).unwrap().notes, "позже, от B");
    assert_eq!(b.client(C1), fast.client(C1));
}

#[test]
fn a_deletion_deletes_unless_the_record_was_edited_after_it() {
    let base = shared_base();
    let (mut a, mut b) = (Computer::new("a", &base, 0), Computer::new("b", &base, 0));
    let at = a.now();
    let del = a.base.delete_client(C2, at);
    a.write(del);
    b.receive(&a);
    assert!(
        b.client(C2).is_none(),
        "a client B never touched is gone on B"
    );
    // B deletes C1 while A, later, edits it: the edit wins, on both.
    let at = b.now();
    let del = b.base.delete_client(C1, at);
    b.write(del);
    a.wall = b.wall + 10_000;
    a.edit(C1, |c| c.notes = "после удаления".into());
    b.receive(&a);
    a.receive(&b);
    for x in [&a, &b] {
        assert_eq!(
            x.client(C1).map(|c| c.notes.as_str()),
            Some("после удаления")
        );
    }
}

#[test]
fn a_bad_record_from_elsewhere_is_refused_with_its_id_and_the_rest_taken() {
    let base = shared_base();
    let good = Client::named(
        Uuid::from_u128(7),
        "Василёк",
        Utc.with_ymd_and_hms(2026, 11, 2, 0, 0, 0).unwrap(),
    );
    let versions = vec![
        Version {
            kind: RecordKind::Client,
            id: Uuid::from_u128(5),
            record: Some(serde_json::json!({"id": Uuid::from_u128(5), "name": 12})),
            clocks: None,
            deleted_at: None,
        },
        Version {
            kind: RecordKind::Order,
            id: Uuid::from_u128(6),
            record: Some(serde_json::json!({
                "id": Uuid::from_u128(6), "client": Uuid::from_u128(99),
                "date": "2026-11-01", "updated_at": "2026-11-01T00:00:00Z"
            })),
            clocks: None,
            deleted_at: None,
        },
        Version {
            kind: RecordKind::Client,
            id: good.id,
            record: Some(serde_json::to_value(&good).unwrap()),
            clocks: None,
            deleted_at: None,
        },
    ];
    let plan = plan(&base, &versions, &mut Clock::new("a", None), 0);
    assert_eq!(plan.batch.clients.len(), 1);
    let ids: Vec<&str> = plan.refused.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), 2);
    assert!(
        plan.refused[0].reason.contains("not a readable client"),
        "{:?}",
        plan.refused
    );
    assert!(
        plan.refused[1].reason.contains("not in the base"),
        "{:?}",
        plan.refused
    );
}

#[test]
fn receiving_the_same_changes_twice_changes_nothing() {
    let base = shared_base();
    let (mut a, mut b) = (Computer::new("a", &base, 0), Computer::new("b", &base, 0));
    a.edit(C1, |c| c.inn = "7707083893".into());
    b.receive(&a);
    let again = b.receive(&a);
    assert!(again.batch.is_empty(), "{:?}", again.batch);
    assert_eq!(again.stats.same, 1);
}

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

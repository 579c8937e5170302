//! Sync's merge: the examples the issue names; three computers editing and exchanging at random
//! are in `props`.

mod couch;
mod props;

use chrono::{TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::base::Batch;

pub(super) struct Computer {
    pub(super) base: Base,
    pub(super) clock: Clock,
    /// This computer's wall clock, in ms (each may be off).
    pub(super) wall: i64,
}

fn t0() -> i64 {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .unwrap()
        .timestamp_millis()
}

impl Computer {
    pub(super) fn new(name: &str, base: &Base, skew_ms: i64) -> Computer {
        Computer {
            base: base.clone(),
            clock: Clock::new(name, None),
            wall: t0() + skew_ms,
        }
    }

    pub(super) fn now(&mut self) -> Timestamp {
        self.wall += 1000;
        chrono::DateTime::from_timestamp_millis(self.wall).unwrap()
    }

    pub(super) fn write(&mut self, mut batch: Batch) -> Batch {
        stamp(&self.base, &mut batch, &mut self.clock, self.wall);
        self.base.apply(&batch);
        batch
    }

    pub(super) fn edit(&mut self, id: Id, f: impl FnOnce(&mut Client)) -> Batch {
        let mut c = self.base.clients.get(&id).cloned().expect("client");
        f(&mut c);
        c.updated_at = self.now();
        self.write(Batch {
            clients: vec![c],
            ..Batch::default()
        })
    }

    /// Takes in what `other` wrote.
    pub(super) fn receive(&mut self, other: &Computer) -> Plan {
        let versions = changed_here(&other.base, other.clock.device(), None);
        let plan = plan(&self.base, &versions, &mut self.clock, self.wall);
        self.base.apply(&plan.batch);
        plan
    }

    pub(super) fn client(&self, id: Id) -> Option<&Client> {
        self.base.clients.get(&id)
    }
}

pub(super) fn shared_base() -> Base {
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

pub(super) const C1: Id = Uuid::from_u128(1);
pub(super) const C2: Id = Uuid::from_u128(2);

pub(super) fn phone(n: &str) -> Phone {
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

#[test]
fn a_whole_base_merged_into_an_empty_one_is_the_same_base_with_the_same_clocks() {
    let at = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
    let (_, demo) = crate::demo::generate_sized(at.date_naive(), 300);
    let mut a = Computer::new("a", &Base::default(), 0);
    a.write(demo);
    // One record deleted, one edited after: tombstones and per-slot clocks travel too.
    let gone = a.base.clients.iter().next().map(|c| c.id).unwrap();
    let when = a.now();
    let batch = a.base.delete_client(gone, when);
    a.write(batch);
    let kept = a.base.clients.iter().next().map(|c| c.id).unwrap();
    a.edit(kept, |c| c.notes = "после".into());
    let ids = snapshot_ids(&a.base);
    assert_eq!(
        ids.first().map(|k| k.0),
        Some(RecordKind::Client),
        "clients first"
    );
    let mut b = Computer::new("b", &Base::default(), 0);
    let plan = plan(&b.base, &snapshot(&a.base), &mut b.clock, b.wall);
    assert!(plan.refused.is_empty(), "{:?}", plan.refused);
    b.base.apply(&plan.batch);
    let all = |base: &Base| {
        let mut v: Vec<String> = snapshot(base)
            .iter()
            .map(|v| serde_json::to_string(v).unwrap())
            .collect();
        v.sort();
        v
    };
    let (got, want) = (all(&b.base), all(&a.base));
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w);
    }
}

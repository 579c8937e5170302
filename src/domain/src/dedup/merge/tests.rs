use std::collections::HashSet;

use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::dedup::{find, profiles, DedupSettings};

fn at(day: u32) -> Timestamp {
    Utc.with_ymd_and_hms(2026, 11, day, 10, 0, 0).unwrap()
}

fn ids() -> impl FnMut() -> Id {
    let mut n = 5000u128;
    move || {
        n += 1;
        Uuid::from_u128(n)
    }
}

/// The demo with one planted duplicate pair, and the pair (original, copy) as the dedup finds it.
fn demo_pair() -> (Base, Id, Id) {
    let (_, data) =
        crate::demo::generate_sized(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), 300);
    let mut base = Base::from_batch(&data);
    let found = find(
        &profiles(base.clients.iter()),
        &HashSet::new(),
        &DedupSettings::default(),
    );
    let pair = found
        .iter()
        .find(|c| {
            c.members.len() == 2
                && c.members
                    .iter()
                    .filter(|id| base.orders.iter().any(|o| o.client == **id))
                    .count()
                    >= 1
        })
        .expect("a planted pair with orders")
        .members
        .clone();
    // Give the copy an order of its own, a note and another phone, so the merge has something to keep.
    let (a, b) = (pair[0], pair[1]);
    let mut copy = base.clients.get(&b).unwrap().clone();
    copy.notes = "Звонить после обеда".into();
    copy.phones.push(Phone {
        number: "+7 900 765-43-21".into(),
        label: String::new(),
    });
    let order = Order {
        id: Uuid::from_u128(77),
        client: b,
        date: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
        lines: vec![],
        source: OrderSource::Sales,
        stage: OrderStage::Closed,
        staff: None,
        letter: None,
        updated_at: at(1),
    };
    base.apply(&Batch {
        clients: vec![copy],
        orders: vec![order],
        ..Batch::default()
    });
    (base, a, b)
}

#[test]
fn a_merge_keeps_everything_and_undo_puts_it_back() {
    let (mut base, a, b) = demo_pair();
    // The copy has a salesperson's work on it and is a corporate client.
    let mut copy = base.clients.get(&b).unwrap().clone();
    copy.corporate = true;
    let work = crate::sales::log(
        b,
        None,
        ActivityKind::Call,
        "звонок",
        at(20),
        Id::from_u128(7001),
    );
    let deal =
        crate::sales::deals::open(b, None, "Кубки", 100_000, at(20), Id::from_u128(7002)).unwrap();
    base.apply(&Batch {
        clients: vec![copy],
        deals: vec![deal],
        ..work
    });
    let before_a = base.clients.get(&a).unwrap().clone();
    let before_b = base.clients.get(&b).unwrap().clone();
    let orders_of = |base: &Base, id: Id| -> HashSet<Id> {
        base.orders
            .iter()
            .filter(|o| o.client == id)
            .map(|o| o.id)
            .collect()
    };
    let (oa, ob) = (orders_of(&base, a), orders_of(&base, b));
    assert!(!ob.is_empty());

    let choices = Choices {
        name: b,
        ..Choices::all_from(a)
    };
    let batch = merge(&base, a, &[b], &choices, at(26), ids()).unwrap();
    base.apply(&batch);
    let survivor = base.clients.get(&a).unwrap();
    assert_eq!(survivor.name, before_b.name, "the chosen name");
    assert_eq!(survivor.inn, before_a.inn);
    assert!(survivor
        .phones
        .iter()
        .any(|p| p.number == "+7 900 765-43-21"));
    assert!(survivor.notes.contains("Звонить после обеда"));
    assert_eq!(
        base.clients.get(&b).unwrap().merged_into,
        Some(a),
        "kept, marked"
    );
    let all: HashSet<Id> = oa.union(&ob).copied().collect();
    assert_eq!(orders_of(&base, a), all, "every order on the survivor");
    assert!(orders_of(&base, b).is_empty());
    assert_eq!(base.activities.get(&Id::from_u128(7001)).unwrap().client, a);
    assert_eq!(base.deals.get(&Id::from_u128(7002)).unwrap().client, a);
    assert!(survivor.corporate, "never lose a corporate mark");
    // No longer proposed.
    let again = find(
        &profiles(base.clients.iter()),
        &HashSet::new(),
        &DedupSettings::default(),
    );
    assert!(again.iter().all(|c| !c.members.contains(&b)));

    // Days later: undo.
    let d = batch.decisions[0].id;
    let undo_batch = undo(&base, d, at(29)).unwrap();
    base.apply(&undo_batch);
    let restore = |c: &Client| Client {
        updated_at: at(29),
        ..c.clone()
    };
    assert_eq!(base.clients.get(&a).unwrap(), &restore(&before_a));
    assert_eq!(base.clients.get(&b).unwrap(), &restore(&before_b));
    assert_eq!(orders_of(&base, a), oa);
    assert_eq!(orders_of(&base, b), ob);
    assert_eq!(base.activities.get(&Id::from_u128(7001)).unwrap().client, b);
    assert_eq!(base.deals.get(&Id::from_u128(7002)).unwrap().client, b);
    assert_eq!(
        undo(&base, d, at(30)),
        Err(MergeError::NothingToUndo),
        "once only"
    );
}

#[test]
fn merges_that_cannot_be() {
    let (base, a, b) = demo_pair();
    assert_eq!(
        merge(&base, a, &[a], &Choices::all_from(a), at(26), ids()),
        Err(MergeError::TooFew)
    );
    let nobody = Uuid::from_u128(1);
    assert_eq!(
        merge(&base, a, &[nobody], &Choices::all_from(a), at(26), ids()),
        Err(MergeError::NotFound(nobody))
    );
    assert_eq!(
        merge(&base, a, &[b], &Choices::all_from(nobody), at(26), ids()),
        Err(MergeError::ChoiceOutside)
    );
}

#[test]
fn not_a_duplicate_is_a_record_the_search_respects() {
    let (mut base, a, b) = demo_pair();
    base.apply(&not_duplicate(b, a, at(26), Uuid::from_u128(9)));
    let not = not_duplicates(&base);
    assert!(not.contains(&NotDuplicate::new(a, b)));
    let found = find(
        &profiles(base.clients.iter()),
        &not,
        &DedupSettings::default(),
    );
    assert!(found
        .iter()
        .all(|c| !(c.members.contains(&a) && c.members.contains(&b))));
}

#[test]
fn suggested_choices_keep_what_matters() {
    let (base, a, b) = demo_pair();
    let mut x = base.clients.get(&a).unwrap().clone();
    let mut y = base.clients.get(&b).unwrap().clone();
    x.owner = None;
    x.inn.clear();
    y.inn = "7707083893".into();
    y.owner = Some(Uuid::from_u128(3));
    y.do_not_contact = Some(DoNotContact {
        reason: "просили".into(),
        since: at(1),
    });
    let ch = Choices::suggested(&[&x, &y], a);
    assert_eq!(ch.name, a);
    assert_eq!(ch.inn, b, "the survivor has none");
    assert_eq!(ch.owner, b);
    assert_eq!(ch.do_not_contact, b, "a «no» is never lost");
    assert_eq!(ch.language, a);
}

#[test]
fn an_undo_reverts_the_merge_but_keeps_what_was_edited_after_it() {
    let (mut base, a, b) = demo_pair();
    let before_a = base.clients.get(&a).unwrap().clone();
    let choices = Choices {
        name: b,
        ..Choices::all_from(a)
    };
    let batch = merge(&base, a, &[b], &choices, at(20), ids()).unwrap();
    base.apply(&batch);
    let merged_name = base.clients.get(&a).unwrap().name.clone();
    assert_ne!(merged_name, before_a.name);

    // A week later the survivor's phones are corrected and its notes emptied.
    let mut edited = base.clients.get(&a).unwrap().clone();
    edited.phones = vec![Phone {
        number: "+7 343 111-22-33".into(),
        label: "новый офис".into(),
    }];
    edited.notes = String::new();
    edited.updated_at = at(27);
    base.apply(&Batch {
        clients: vec![edited],
        ..Batch::default()
    });

    base.apply(&undo(&base, batch.decisions[0].id, at(29)).unwrap());
    let back = base.clients.get(&a).unwrap();
    assert_eq!(back.name, before_a.name, "the merge's choice is undone");
    assert_eq!(back.inn, before_a.inn);
    assert_eq!(back.phones.len(), 1, "the later correction stays");
    assert_eq!(back.phones[0].number, "+7 343 111-22-33");
    assert_eq!(back.notes, "", "emptied after the merge: stays empty");
    assert_eq!(back.updated_at, at(29));
    assert_eq!(back.merged_into, None);
    assert!(base.clients.get(&b).unwrap().merged_into.is_none());
    // The history shows the name going back and nothing about the phones.
    let fields: Vec<&str> = base
        .changes
        .iter()
        .filter(|c| c.client == a && c.at == at(29))
        .map(|c| c.field.as_str())
        .collect();
    assert!(fields.contains(&"name"), "{fields:?}");
    assert!(!fields.contains(&"phones"), "{fields:?}");
}

#[test]
fn a_merge_recorded_before_the_merged_survivor_was_kept_still_undoes() {
    let (mut base, a, b) = demo_pair();
    let before_a = base.clients.get(&a).unwrap().clone();
    let batch = merge(&base, a, &[b], &Choices::all_from(a), at(20), ids()).unwrap();
    let mut d = batch.decisions[0].clone();
    if let DecisionKind::Merge { after, .. } = &mut d.what {
        *after = None;
    }
    base.apply(&Batch {
        decisions: vec![d.clone()],
        ..batch
    });
    base.apply(&undo(&base, d.id, at(29)).unwrap());
    assert_eq!(
        base.clients.get(&a).unwrap(),
        &Client {
            updated_at: at(29),
            ..before_a
        }
    );
}

#[test]
fn the_kpp_goes_with_the_inn_it_was_issued_with() {
    let mut a = Client::named(Uuid::from_u128(1), "Ромашка", at(1));
    let mut b = Client::named(Uuid::from_u128(2), "Ромашка", at(2));
    a.inn = "7707083893".into();
    b.kpp = "770701001".into();
    let base = Base::from_batch(&Batch {
        clients: vec![a.clone(), b.clone()],
        ..Batch::default()
    });
    let choices = Choices::suggested(&[&a, &b], a.id);
    let batch = merge(&base, a.id, &[b.id], &choices, at(3), ids()).expect("merge");
    let survivor = batch
        .clients
        .iter()
        .find(|c| c.id == a.id)
        .expect("survivor");
    assert_eq!(
        (survivor.inn.as_str(), survivor.kpp.as_str()),
        ("7707083893", "770701001")
    );
}

use chrono::{TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::base::Batch;

fn now() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()
}

fn complete(n: u128, name: &str) -> Client {
    Client {
        legal_form: "ООО".into(),
        inn: "7707083893".into(),
        kpp: String::new(),
        phones: vec![Phone {
            number: "+7 912 345-67-89".into(),
            label: String::new(),
        }],
        emails: vec![Email {
            address: "info@example.ru".into(),
            label: String::new(),
        }],
        addresses: vec![Address {
            postcode: "620014".into(),
            city: "Екатеринбург".into(),
            street: "ул. Ленина, 5".into(),
            ..Address::default()
        }],
        verified_at: Some(now() - Duration::days(30)),
        ..Client::named(Uuid::from_u128(n), name, now())
    }
}

#[test]
fn a_complete_confirmed_record_has_no_issues() {
    assert_eq!(issues_of(&complete(1, "Альфа"), now(), false), []);
}

#[test]
fn invalid_values_are_named_and_confirming_does_not_hide_them() {
    let mut c = complete(1, "Альфа");
    c.phones[0].number = "12-34".into();
    c.emails[0].address = "info@".into();
    c.addresses[0].postcode = "6200".into();
    c.inn = "7707083890".into();
    c.addresses[0].returned = true;
    assert_eq!(
        issues_of(&c, now(), true),
        [
            Issue::ReturnedMail,
            Issue::PendingDuplicate,
            Issue::BadPhone,
            Issue::BadEmail,
            Issue::BadPostcode,
            Issue::BadInn
        ]
    );
}

#[test]
fn missing_values_show_until_someone_confirms_the_record() {
    let mut c = Client::named(Uuid::from_u128(2), "Бета", now());
    c.legal_form = "ООО".into();
    let all_missing = [
        Issue::NoPhone,
        Issue::NoEmail,
        Issue::NoPostcode,
        Issue::NoInn,
        Issue::NotConfirmed,
    ];
    assert_eq!(issues_of(&c, now(), false), all_missing);
    // Confirmed 13 months ago: stale again.
    c.verified_at = Some(now() - Duration::days(400));
    assert_eq!(issues_of(&c, now(), false), all_missing);
    c.verified_at = Some(now());
    assert_eq!(issues_of(&c, now(), false), []);
    // A contact person's phone is the client's phone; persons and foreign firms need no ИНН.
    let mut p = Client::named(Uuid::from_u128(3), "Иванов Иван", now());
    p.kind = ClientKind::Person;
    p.contacts.push(ContactPerson {
        id: Uuid::from_u128(30),
        last: "Иванов".into(),
        first: "Иван".into(),
        patronymic: String::new(),
        gender: None,
        position: String::new(),
        phones: vec![Phone {
            number: "89123456789".into(),
            label: String::new(),
        }],
        emails: vec![],
    });
    assert_eq!(
        issues_of(&p, now(), false),
        [Issue::NoEmail, Issue::NoPostcode, Issue::NotConfirmed]
    );
    let mut f = Client::named(Uuid::from_u128(4), "Acme", now());
    f.legal_form = "Ltd.".into();
    assert!(!issues_of(&f, now(), false).contains(&Issue::NoInn));
}

#[test]
fn the_report_lists_clients_per_issue_and_the_confirmed_share() {
    let mut stale = complete(2, "Бета");
    stale.verified_at = None;
    let mut merged = complete(3, "Гамма");
    merged.verified_at = None;
    merged.merged_into = Some(Uuid::from_u128(1));
    let mut bad = complete(4, "Альфа-2");
    bad.phones[0].number = "abc".into();
    let base = Base::from_batch(&Batch {
        clients: vec![complete(1, "Альфа"), stale, merged, bad],
        ..Batch::default()
    });
    let pending: HashSet<Id> = [Uuid::from_u128(1)].into();
    let r = report(&base, now(), &pending);
    assert_eq!(r.total, 3, "the merged-away record is not counted");
    assert_eq!(r.confirmed, 2);
    assert!((r.confirmed_share() - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(r.clients(Issue::NotConfirmed), [Uuid::from_u128(2)]);
    assert_eq!(r.clients(Issue::BadPhone), [Uuid::from_u128(4)]);
    assert_eq!(r.clients(Issue::PendingDuplicate), [Uuid::from_u128(1)]);
    assert!(r.clients(Issue::NoEmail).is_empty());
}

#[test]
fn the_demo_has_something_to_fix_and_most_of_it_confirmed() {
    let (_, data) = crate::demo::generate_sized(now().date_naive(), 600);
    let r = report(&Base::from_batch(&data), now(), &HashSet::new());
    assert!(r.total > 500);
    assert!(!r.clients(Issue::NotConfirmed).is_empty());
    assert!(
        r.confirmed_share() > 0.3 && r.confirmed_share() < 0.9,
        "{}",
        r.confirmed_share()
    );
}

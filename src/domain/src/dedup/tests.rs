//! Hand-made clients written the ways a real base writes them.

use chrono::{TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::model::*;

fn client(n: u128, kind: ClientKind, form: &str, name: &str) -> Client {
    let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    Client {
        id: Uuid::from_u128(n),
        kind,
        name: name.into(),
        legal_form: form.into(),
        inn: String::new(),
        kpp: String::new(),
        segments: vec![],
        addresses: vec![],
        phones: vec![],
        emails: vec![],
        contacts: vec![],
        owner: None,
        do_not_contact: None,
        language: Lang::Ru,
        notes: String::new(),
        corporate: false,
        merged_into: None,
        created_at: t,
        updated_at: t,
        verified_at: None,
    }
}

fn phone(mut c: Client, p: &str) -> Client {
    c.phones.push(Phone {
        number: p.into(),
        label: String::new(),
    });
    c
}

fn email(mut c: Client, e: &str) -> Client {
    c.emails.push(Email {
        address: e.into(),
        label: String::new(),
    });
    c
}

fn inn(mut c: Client, i: &str) -> Client {
    c.inn = i.into();
    c
}

fn address(mut c: Client, city: &str, street: &str) -> Client {
    c.addresses.push(Address {
        postcode: "620014".into(),
        city: city.into(),
        street: street.into(),
        ..Address::default()
    });
    c
}

fn clusters(clients: &[Client]) -> Vec<Vec<u128>> {
    clusters_without(clients, &HashSet::new())
}

fn clusters_without(clients: &[Client], not: &HashSet<NotDuplicate>) -> Vec<Vec<u128>> {
    let p = profiles(clients.iter());
    let mut out: Vec<Vec<u128>> = find(&p, not, &DedupSettings::default())
        .into_iter()
        .map(|c| c.members.iter().map(|id| id.as_u128()).collect())
        .collect();
    out.sort();
    out
}

use ClientKind::{Company, Person};

#[test]
fn the_same_company_written_many_ways() {
    let base = vec![
        phone(client(1, Company, "ООО", "Ромашка"), "+7 912 345-67-89"),
        phone(client(2, Company, "", "OOO «Romashka»"), "8 (912) 3456789"),
        email(
            phone(
                client(
                    3,
                    Company,
                    "Общество с ограниченной ответственностью",
                    "\"Ромашка\"",
                ),
                "9123456789 доб. 12",
            ),
            "Info@Romashka.ru ",
        ),
        email(client(4, Company, "ООО", "Ромашкa"), "info@romashka.ru"),
        // Another company entirely.
        phone(client(5, Company, "ООО", "Василёк"), "+7 343 222-33-44"),
    ];
    assert_eq!(clusters(&base), vec![vec![1, 2, 3, 4]]);
}

#[test]
fn reasons_are_given() {
    let a = phone(client(1, Company, "ООО", "Ромашка"), "+7 912 345-67-89");
    let b = phone(client(2, Company, "", "OOO «Romashka»"), "8 (912) 3456789");
    let p = profiles([a, b].iter());
    let found = find(&p, &HashSet::new(), &DedupSettings::default());
    let pair = &found[0].pairs[0];
    let fields: Vec<(Field, Match)> = pair.evidence.iter().map(|e| (e.field, e.how)).collect();
    assert!(fields.contains(&(Field::Phone, Match::Same)), "{fields:?}");
    assert!(fields.contains(&(Field::Name, Match::Same)), "{fields:?}");
    assert!(pair.auto_merge);
}

#[test]
fn persons_in_any_order_with_initials_and_latin() {
    let base = vec![
        email(
            client(1, Person, "", "Щукин Юрий Петрович"),
            "y.shchukin@mail.ru",
        ),
        email(client(2, Person, "", "Yury Schukin"), "Y.Shchukin@mail.ru"),
        phone(client(3, Person, "", "Щукин Ю. П."), "+7 900 111-22-33"),
        phone(client(4, Person, "", "Юрий Петрович Щукин"), "89001112233"),
        // Namesake without any shared contact: not proposed.
        client(5, Person, "", "Щукин Юрий Петрович"),
    ];
    let found = clusters(&base);
    assert!(found.contains(&vec![1, 2]), "{found:?}");
    assert!(found.contains(&vec![3, 4]), "{found:?}");
    assert!(found.iter().all(|c| !c.contains(&5) || c.len() > 1));
}

#[test]
fn different_valid_inn_are_never_the_same() {
    let base = vec![
        inn(
            phone(client(1, Company, "ООО", "Ромашка"), "+7 912 345-67-89"),
            "7707083893",
        ),
        inn(
            phone(client(2, Company, "ООО", "Ромашка"), "+7 912 345-67-89"),
            "7736207543",
        ),
    ];
    assert!(clusters(&base).is_empty());
    let same = vec![
        inn(client(1, Company, "ООО", "Ромашка"), "7707083893"),
        inn(client(2, Company, "ООО", "Ромашка-Урал"), "7707083893"),
    ];
    assert_eq!(clusters(&same), vec![vec![1, 2]]);
}

#[test]
fn different_legal_forms_are_proposed_but_not_merged_automatically() {
    let a = phone(client(1, Company, "ООО", "Ромашка"), "+7 912 345-67-89");
    let b = phone(client(2, Company, "АО", "Ромашка"), "+7 912 345-67-89");
    let p = profiles([a, b].iter());
    let found = find(&p, &HashSet::new(), &DedupSettings::default());
    assert_eq!(found.len(), 1);
    assert!(!found[0].pairs[0].auto_merge);
}

#[test]
fn a_shared_office_phone_does_not_chain_a_cluster() {
    // Seven school departments with the district switchboard and nothing else in common.
    let mut base: Vec<Client> = [
        "Лицей № 1",
        "Гимназия № 2",
        "СОШ № 3",
        "СОШ № 4",
        "СОШ № 5",
        "Детский сад № 6",
        "ДЮСШ № 7",
    ]
    .iter()
    .enumerate()
    .map(|(i, n)| {
        phone(
            client(i as u128 + 1, Company, "МБОУ", n),
            "+7 343 200-00-00",
        )
    })
    .collect();
    assert!(clusters(&base).is_empty());
    // Two of them really are one school typed twice.
    base.push(email(
        phone(client(20, Company, "МБОУ", "СОШ №3"), "+7 343 200-00-00"),
        "school3@edu.ru",
    ));
    base[2] = email(base[2].clone(), "school3@edu.ru");
    assert_eq!(clusters(&base), vec![vec![3, 20]]);
}

#[test]
fn numbered_schools_are_different_schools() {
    let base = vec![
        address(
            client(1, Company, "МБОУ", "СОШ № 5"),
            "Екатеринбург",
            "ул. Ленина, 5",
        ),
        address(
            client(2, Company, "МБОУ", "СОШ № 6"),
            "Екатеринбург",
            "ул. Ленина, 5",
        ),
    ];
    assert!(clusters(&base).is_empty());
}

#[test]
fn not_a_duplicate_is_remembered() {
    let base = vec![
        phone(client(1, Company, "ООО", "Ромашка"), "+7 912 345-67-89"),
        phone(client(2, Company, "ООО", "Ромашка"), "+7 912 345-67-89"),
        phone(client(3, Company, "ООО", "Ромашка"), "+7 912 345-67-89"),
    ];
    assert_eq!(clusters(&base), vec![vec![1, 2, 3]]);
    let not: HashSet<NotDuplicate> =
        [NotDuplicate::new(Uuid::from_u128(3), Uuid::from_u128(1))].into();
    assert_eq!(clusters_without(&base, &not), vec![vec![1, 2]]);
}

#[test]
fn merged_away_records_are_not_proposed() {
    let mut gone = phone(client(2, Company, "ООО", "Ромашка"), "+7 912 345-67-89");
    gone.merged_into = Some(Uuid::from_u128(1));
    let base = vec![
        phone(client(1, Company, "ООО", "Ромашка"), "+7 912 345-67-89"),
        gone,
    ];
    assert!(clusters(&base).is_empty());
}

#[test]
fn likely_matches_while_typing() {
    let base = [
        phone(client(1, Company, "ООО", "Ромашка"), "+7 912 345-67-89"),
        client(2, Company, "ООО", "Василёк"),
    ];
    let lookup = Lookup::new(base.iter());
    let typed = phone(client(9, Company, "", "ромашка"), "8912 345 67 89");
    let found = lookup.likely(&typed, &DedupSettings::default(), 5);
    assert_eq!(found.len(), 1);
    assert!(found[0].a == Uuid::from_u128(1) || found[0].b == Uuid::from_u128(1));
}

#[test]
fn the_demo_companys_planted_duplicates_are_found() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let (_, data) = crate::demo::generate(today);
    let p = profiles(data.clients.iter());
    let found = find(&p, &HashSet::new(), &DedupSettings::default());
    // The twelve planted copies are the last twelve clients; each must sit with its original.
    let planted = &data.clients[data.clients.len() - 12..];
    let mut hits = 0;
    for d in planted {
        let with = found.iter().find(|c| c.members.contains(&d.id));
        if let Some(c) = with {
            let original = data
                .clients
                .iter()
                .find(|o| o.id != d.id && c.members.contains(&o.id) && o.phones == d.phones);
            hits += usize::from(original.is_some() || c.members.len() >= 2);
        }
    }
    assert!(hits >= 11, "found {hits} of 12 planted duplicates");
    // And few proposals beyond them: every cluster is small.
    assert!(
        found.iter().all(|c| c.members.len() <= 4),
        "{:?}",
        found.iter().map(|c| c.members.len()).collect::<Vec<_>>()
    );
    assert!(found.len() <= 40, "{} clusters proposed", found.len());
}

#[test]
fn a_phone_alone_is_enough_while_typing_and_an_empty_name_says_nothing() {
    let base = [
        phone(client(1, Company, "ООО", "Ромашка"), "+7 912 345-67-89"),
        client(2, Company, "ООО", "Василёк"),
    ];
    let lookup = Lookup::new(base.iter());
    let typed = phone(client(9, Company, "", ""), "8 (912) 345-67-89");
    let found = lookup.likely(&typed, &DedupSettings::default(), 5);
    assert_eq!(found.len(), 1);
    assert!(found[0].evidence.iter().all(|e| e.field != Field::Name));
}

#[test]
fn profiles_made_while_the_base_changed_are_settled_against_it() {
    let mut clients: crate::base::Table<Client> = Default::default();
    for n in 1..=6 {
        clients.upsert(client(n, ClientKind::Company, "ООО", &format!("Фирма {n}")));
    }
    // The first slice is profiled; then client 2 is deleted (6 moves into its place), 3 is merged
    // away and 7 is added; the second slice, read from the changed table, meets 6 again.
    let mut all = profiles(clients.as_slice()[0..3].iter());
    clients.remove(&Uuid::from_u128(2));
    let mut merged = clients.get(&Uuid::from_u128(3)).unwrap().clone();
    merged.merged_into = Some(Uuid::from_u128(1));
    clients.upsert(merged);
    clients.upsert(client(7, ClientKind::Company, "ООО", "Фирма 7"));
    all.extend(profiles(clients.as_slice()[1..4].iter()));

    settle(&mut all, &clients);
    let mut ids: Vec<u128> = all.iter().map(|p| p.id.as_u128()).collect();
    ids.sort_unstable();
    assert_eq!(ids, [1, 4, 5, 6, 7]);
}

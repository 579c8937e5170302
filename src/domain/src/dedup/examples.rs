//! The cases a user reported, inside a base of realistic size (so what each field is worth is
//! learned as in real use): persons by slot, a city alone, a phone on unrelated companies, sparse
//! copies, the КПП.

use std::collections::HashSet;

use super::testbase::{generate, persons};
use super::*;
use crate::model::*;

fn person(n: u128, name: &str, city: &str, street: &str, phone: &str) -> Client {
    let mut c = Client::named(Id::from_u128(n), name, Default::default());
    c.kind = ClientKind::Person;
    if !city.is_empty() || !street.is_empty() {
        c.addresses.push(Address {
            city: city.into(),
            street: street.into(),
            ..Address::default()
        });
    }
    if !phone.is_empty() {
        c.phones.push(Phone {
            number: phone.into(),
            label: String::new(),
        });
    }
    c
}

/// The clusters (as the numbers of the hand-made clients) found among `extra` added to a base
/// of `background` clients without duplicates.
fn found_among(background: Vec<Client>, extra: Vec<Client>) -> Vec<Vec<u128>> {
    let mut all = background;
    all.extend(extra);
    let p = profiles(all.iter());
    let mut out: Vec<Vec<u128>> = find(&p, &HashSet::new(), &DedupSettings::default())
        .into_iter()
        .map(|c| c.members.iter().map(|id| id.as_u128()).collect::<Vec<_>>())
        .filter(|m| m.iter().all(|n| *n < 1000))
        .collect();
    out.sort();
    out
}

fn people() -> Vec<Client> {
    persons::generate(2000, 0, 11).clients
}

#[test]
fn initials_match_only_their_own_slot_and_a_missing_patronymic_is_neutral() {
    let found = found_among(
        people(),
        vec![
            person(
                1,
                "Кузнецова Ю. В.",
                "Пермь",
                "ул. Ленина, д. 5, кв. 7",
                "+7 912 000-11-22",
            ),
            person(
                2,
                "Кузнецова Юлия",
                "Пермь",
                "ул. Ленина, 5, кв. 7",
                "89120001122",
            ),
            // Father and son at one address, initials in the other order.
            person(3, "Нестеров Г. И.", "Омск", "ул. Мира, д. 12, кв. 40", ""),
            person(
                4,
                "Нестеров Илья Геннадьевич",
                "Омск",
                "ул. Мира, д. 12, кв. 40",
                "",
            ),
        ],
    );
    assert_eq!(found, vec![vec![1, 2]]);
}

#[test]
fn persons_with_a_name_and_an_address_only_are_found_through_typos() {
    let found = found_among(
        people(),
        vec![
            person(
                1,
                "Смирнова Анна Петровна",
                "Пермь",
                "пл. Революции, д. 3, кв. 15",
                "",
            ),
            person(2, "Анна Смирнва", "г. Пермь", "площадь Революции 3-15", ""),
            person(
                3,
                "Орлов Пётр Ильич",
                "Тюмень",
                "ул. Карла Маркса, д. 8, кв. 2",
                "",
            ),
            person(4, "Орлов П. И.", "Тюмень", "Карламаркса 8, 2", ""),
        ],
    );
    assert_eq!(found, vec![vec![1, 2], vec![3, 4]]);
}

#[test]
fn a_sparse_copy_is_found_by_its_contact_even_among_many_namesakes() {
    // Fifty contacts with the surname, fifty with the first name, all with the patronymic, and
    // forty-four branches of one name in other cities: no word of the contact's name nor the
    // company's name brings the sparse copy to its card; the contact's whole name does.
    let contact = |n: u128, last: &str, first: &str| ContactPerson {
        id: Id::from_u128(n),
        last: last.into(),
        first: first.into(),
        patronymic: "Петрович".into(),
        gender: None,
        position: String::new(),
        phones: vec![],
        emails: vec![],
    };
    let mut background = generate(2000, 0, 5).clients;
    for k in 0..100u128 {
        let mut c = company(2000 + k, &format!("Техснаб-{k}"), "", "");
        c.contacts.push(if k < 50 {
            contact(
                5000 + k,
                "Белоусов",
                ["Игорь", "Олег", "Пётр"][k as usize % 3],
            )
        } else {
            contact(5000 + k, "Смирнов", "Василий")
        });
        background.push(c);
    }
    let cities = [
        "Пермь",
        "Омск",
        "Тюмень",
        "Уфа",
        "Курган",
        "Самара",
        "Казань",
    ];
    let branch = |k: u128| {
        let mut c = company(3000 + k, "Юпитер-Строй", "", "");
        c.addresses.push(Address {
            city: cities[k as usize % cities.len()].into(),
            street: format!("ул. Мира, д. {}", 10 + k),
            ..Address::default()
        });
        c
    };
    let mut full = company(1, "Юпитер-Строй", "+7 912 555-44-33", "info@jupiter.ru");
    full.addresses.push(Address {
        city: "Екатеринбург".into(),
        street: "ул. Строителей, д. 45".into(),
        ..Address::default()
    });
    full.contacts.push(contact(98, "Белоусов", "Василий"));
    let mut sparse = Client::named(Id::from_u128(2), "ООО «Юпитер-Сртой»", Default::default());
    sparse.addresses.push(Address {
        city: "Екатеринбург".into(),
        ..Address::default()
    });
    sparse.contacts.push(contact(99, "Белоусов", "Василий"));
    // The full card among the branches, so that neither pass of the sorted names reaches it.
    let mut extra: Vec<Client> = (0..22).map(branch).collect();
    extra.extend([full, sparse]);
    extra.extend((22..44).map(branch));
    let found = found_among(background, extra);
    assert_eq!(found, vec![vec![1, 2]]);
}

#[test]
fn a_mistyped_house_or_street_and_a_latin_initial_still_find_the_person() {
    let found = found_among(
        people(),
        vec![
            person(
                1,
                "Корнилова Полина Ильинична",
                "Челябинск",
                "ул. Восточная, д. 119",
                "",
            ),
            person(
                2,
                "Корнилова Полина",
                "Челябинск",
                "ул. восточная, д. 911",
                "",
            ),
            person(
                3,
                "Ковалёва Жанна Олеговна",
                "Пермь",
                "пр-т Победы, д. 82, кв. 4",
                "",
            ),
            person(4, "Zh. Kovaleva", "Пермь", "пр-тП обеды, д. 82, кв. 4", ""),
            person(
                5,
                "Авдеева Татьяна Петровна",
                "Омск",
                "ул. Мира, д. 110, кв. 20",
                "",
            ),
            person(6, "Ттаьяна Авдеева", "Омск", "у.л Мира, д. 110, кв. 20", ""),
        ],
    );
    assert_eq!(found, vec![vec![1, 2], vec![3, 4], vec![5, 6]]);
}

#[test]
fn look_alike_companies_on_one_street_are_not_proposed() {
    let at = |mut c: Client, street: &str| {
        c.addresses.push(Address {
            city: "Москва".into(),
            street: street.into(),
            ..Address::default()
        });
        c
    };
    let found = found_among(
        generate(2000, 0, 5).clients,
        vec![
            // Two branches of one name on one street, houses apart.
            at(
                company(1, "Центр творчества «Радуга»", "", ""),
                "ул. Садовая, д. 118",
            ),
            at(
                company(2, "Центр творчества «Радуга»", "", ""),
                "ул. Садовая, д. 32",
            ),
            // A group's companies: one word more, one phone.
            at(
                company(3, "Волга-Групп", "+7 912 555-44-33", ""),
                "ул. Советская, д. 15",
            ),
            at(
                company(4, "Волга-Групп Групп", "+7 912 555-44-33", ""),
                "ул. Садовая, д. 127",
            ),
        ],
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn namesakes_in_one_city_without_a_street_are_not_one_person() {
    let found = found_among(
        people(),
        vec![
            person(1, "Соколов Андрей Викторович", "Пермь", "", ""),
            person(2, "Соколов Андрей Викторович", "Пермь", "", ""),
        ],
    );
    assert!(found.is_empty(), "{found:?}");
}

fn company(n: u128, name: &str, phone: &str, email: &str) -> Client {
    let mut c = Client::named(Id::from_u128(n), name, Default::default());
    c.legal_form = "ООО".into();
    c.phones.push(Phone {
        number: phone.into(),
        label: String::new(),
    });
    c.emails.push(Email {
        address: email.into(),
        label: String::new(),
    });
    c
}

#[test]
fn one_persons_phone_and_mail_on_two_unrelated_companies_is_a_weak_sign() {
    let found = found_among(
        generate(2000, 0, 5).clients,
        vec![
            company(1, "Уралтехснаб", "+7 912 555-44-33", "petrov@mail.ru"),
            company(
                2,
                "Кондитерская «Сластёна»",
                "+7 912 555-44-33",
                "petrov@mail.ru",
            ),
        ],
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_sparse_copy_is_found_by_its_contact_person_and_city() {
    let mut full = company(1, "Уралтехснаб", "+7 912 555-44-33", "info@uts.ru");
    full.addresses.push(Address {
        city: "Екатеринбург".into(),
        street: "ул. Малышева, д. 51, оф. 12".into(),
        ..Address::default()
    });
    let contact = ContactPerson {
        id: Id::from_u128(99),
        last: "Белоусов".into(),
        first: "Игорь".into(),
        patronymic: "Петрович".into(),
        gender: None,
        position: "директор".into(),
        phones: vec![],
        emails: vec![],
    };
    full.contacts.push(contact.clone());
    let mut sparse = Client::named(Id::from_u128(2), "ООО «Уралтехснаб»", Default::default());
    sparse.addresses.push(Address {
        city: "г. Екатеринбург".into(),
        ..Address::default()
    });
    sparse.contacts.push(ContactPerson {
        id: Id::from_u128(98),
        ..contact
    });
    let found = found_among(generate(2000, 0, 5).clients, vec![full, sparse]);
    assert_eq!(found, vec![vec![1, 2]]);
}

#[test]
fn a_phone_alone_finds_the_client_while_typing_in_a_real_sized_base() {
    let base = generate(3000, 0, 5).clients;
    let known = base
        .iter()
        .find(|c| !c.phones.is_empty())
        .expect("a client with a phone");
    let lookup = Lookup::new(base.iter());
    let mut typed = Client::named(Id::from_u128(1), "", Default::default());
    typed.phones = known.phones[..1].to_vec();
    let found = lookup.likely(&typed, &DedupSettings::default(), 5);
    assert!(
        found.iter().any(|p| p.a == known.id || p.b == known.id),
        "{found:?}"
    );
}

use super::*;
use chrono::{TimeZone, Utc};
use uuid::Uuid;

fn client(n: u128, name: &str, phone: &str, email: &str, city: &str) -> Client {
    let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    Client {
        id: Uuid::from_u128(n),
        kind: ClientKind::Company,
        name: name.into(),
        legal_form: "ООО".into(),
        inn: if n == 1 {
            "7707083893".into()
        } else {
            String::new()
        },
        kpp: String::new(),
        segments: vec![if n.is_multiple_of(2) {
            "школы"
        } else {
            "спорт"
        }
        .into()],
        addresses: vec![Address {
            city: city.into(),
            ..Address::default()
        }],
        phones: vec![Phone {
            number: phone.into(),
            label: String::new(),
        }],
        emails: vec![Email {
            address: email.into(),
            label: String::new(),
        }],
        contacts: vec![ContactPerson {
            id: Uuid::from_u128(100 + n),
            last: "Семёнов".into(),
            first: "Пётр".into(),
            patronymic: "Ильич".into(),
            gender: None,
            position: String::new(),
            phones: vec![],
            emails: vec![],
        }],
        owner: if n == 2 {
            Some(Uuid::from_u128(9))
        } else {
            None
        },
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

fn sample() -> Vec<Client> {
    vec![
        client(
            1,
            "Ромашка",
            "+7 912 345-67-89",
            "Info@Romashka.ru",
            "Екатеринбург",
        ),
        client(
            2,
            "Берёзка",
            "8 (343) 111-22-33",
            "school5@mail.ru",
            "Пермь",
        ),
        client(
            3,
            "Альфа-Спорт",
            "9220001122",
            "alfa@sport.ru",
            "Екатеринбург",
        ),
    ]
}

fn names(clients: &[Client], ids: &[Id]) -> Vec<String> {
    ids.iter()
        .map(|id| clients.iter().find(|c| c.id == *id).unwrap().name.clone())
        .collect()
}

#[test]
fn a_phone_in_any_format_finds_its_client() {
    let cs = sample();
    let idx = SearchIndex::build(&cs);
    for q in [
        "8 (912) 345-67-89",
        "+79123456789",
        "912 345",
        "345-67-89",
        "9123456789",
    ] {
        assert_eq!(names(&cs, &idx.search(q)), ["Ромашка"], "{q}");
    }
}

#[test]
fn names_emails_inn_and_cities_are_found_by_prefix() {
    let cs = sample();
    let idx = SearchIndex::build(&cs);
    assert_eq!(names(&cs, &idx.search("березк")), ["Берёзка"]);
    assert_eq!(names(&cs, &idx.search("спорт")), ["Альфа-Спорт"]);
    assert_eq!(names(&cs, &idx.search("info@rom")), ["Ромашка"]);
    assert_eq!(names(&cs, &idx.search("mail.ru")), ["Берёзка"]);
    assert_eq!(names(&cs, &idx.search("7707083")), ["Ромашка"]);
    assert_eq!(
        names(&cs, &idx.search("екатер")),
        ["Альфа-Спорт", "Ромашка"]
    );
    assert_eq!(names(&cs, &idx.search("екатер ром")), ["Ромашка"]);
    assert_eq!(names(&cs, &idx.search("семенов петр")).len(), 3);
    assert!(idx.search("нетакого").is_empty());
    assert_eq!(
        names(&cs, &idx.search("  ")),
        ["Альфа-Спорт", "Берёзка", "Ромашка"]
    );
}

#[test]
fn updates_and_removals_are_seen() {
    let mut cs = sample();
    let mut idx = SearchIndex::build(&cs);
    cs[0].phones[0].number = "+7 900 000-00-01".into();
    cs[0].name = "Ромашка-2".into();
    idx.update(&cs[0]);
    assert!(idx.search("912 345 67 89").is_empty());
    assert_eq!(names(&cs, &idx.search("89000000")), ["Ромашка-2"]);
    idx.remove(&cs[1].id);
    assert!(idx.search("березка").is_empty());
    let new = client(4, "Вектор", "+7 911 000-00-00", "v@v.ru", "Омск");
    idx.update(&new);
    cs.push(new);
    assert_eq!(names(&cs, &idx.search("вект")), ["Вектор"]);
}

#[test]
fn an_index_built_in_slices_answers_like_one_built_at_once() {
    let cs = sample();
    let mut sliced = SearchIndex::order_only(&cs);
    assert!(!sliced.ready());
    assert_eq!(
        sliced.search("").len(),
        3,
        "the list shows before the tokens are in"
    );
    assert!(sliced.search("ром").is_empty());
    let mut tokens = TokenBuilder::default();
    tokens.add(&sliced, &cs[..1]);
    tokens.add(&sliced, &cs[1..]);
    sliced.set_tokens(tokens);
    let whole = SearchIndex::build(&cs);
    for q in ["ром", "екатер", "912 345", "mail.ru", ""] {
        assert_eq!(sliced.search(q), whole.search(q), "{q}");
    }
}

#[test]
fn filters_by_owner_and_segment() {
    let cs = sample();
    let idx = SearchIndex::build(&cs);
    let table = crate::base::Table::from_vec(cs.clone());
    let q = |owner, segment: Option<&str>| ClientQuery {
        text: String::new(),
        owner,
        segment: segment.map(str::to_string),
    };
    assert_eq!(
        names(&cs, &query(&idx, &table, &q(OwnerFilter::Nobody, None))).len(),
        2
    );
    assert_eq!(
        names(
            &cs,
            &query(
                &idx,
                &table,
                &q(OwnerFilter::Staff(Uuid::from_u128(9)), None)
            )
        ),
        ["Берёзка"]
    );
    assert_eq!(
        names(
            &cs,
            &query(&idx, &table, &q(OwnerFilter::Any, Some("спорт")))
        ),
        ["Альфа-Спорт", "Ромашка"]
    );
}

#[test]
fn a_name_with_an_invisible_character_is_found_by_its_visible_spelling() {
    let pasted = client(7, "Ром\u{200b}ашка", "", "", "Тверь");
    let idx = SearchIndex::build([&pasted]);
    assert_eq!(idx.search("Ромашка"), vec![pasted.id]);
    assert_eq!(idx.search("ромаш"), vec![pasted.id]);
}

//! Every parser and normaliser over arbitrary Unicode: none may panic, and what they return keeps
//! their promises. Text whose lower-case form has another byte length («İ», «ẞ»), combining marks,
//! zero-width characters and right-to-left text are what real bases and hostile files hold; the
//! strategies below mix them in on purpose, as a uniform `char` rarely hits them.

use chrono::{TimeZone, Utc};
use proptest::prelude::*;

use pismo_domain::contact::{
    check_inn, check_postcode, complete_inn, normalize_email, normalize_phone, phone_query_digits,
};
use pismo_domain::dedup::{normalize, DedupSettings, Lookup};
use pismo_domain::model::{Address, Client, ContactPerson, Email, Phone};
use pismo_domain::search::SearchIndex;
use pismo_domain::{backup, format, import, letters, text};

/// Characters that change byte length when lower- or upper-cased, join or hide, or look like
/// digits and separators, mixed with plain Russian and Latin text and phone-like pieces.
fn tricky() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        any::<char>().prop_map(String::from),
        Just("İ".to_string()),
        Just("ẞ".to_string()),
        Just("ﬃ".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{301}".to_string()),
        Just("\u{202e}".to_string()),
        Just("ДОБ.".to_string()),
        Just("доб".to_string()),
        Just("ext".to_string()),
        Just("#".to_string()),
        Just("@".to_string()),
        Just("+7".to_string()),
        Just("8 (912) 345-67-89".to_string()),
        Just("ООО".to_string()),
        Just("«Ромашка»".to_string()),
        Just("ул.".to_string()),
        Just("г. Москва".to_string()),
        Just("Иванов И.И.".to_string()),
        Just("١٢٣".to_string()),
        Just("７".to_string()),
        Just(" ".to_string()),
        Just(";".to_string()),
        Just("\"".to_string()),
        Just("\n".to_string()),
        "[0-9]{1,6}",
        "[а-яА-ЯёЁ]{1,8}",
        "[a-zA-Z]{1,8}",
    ];
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

fn at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 30, 0).unwrap()
}

fn client(name: String, legal: String, phone: String, email: String, street: String) -> Client {
    let mut c = Client::named(uuid::Uuid::from_u128(name.len() as u128 + 1), &name, at());
    c.legal_form = legal;
    c.inn = phone.chars().rev().collect();
    c.phones.push(Phone {
        number: phone,
        label: String::new(),
    });
    c.emails.push(Email {
        address: email,
        label: String::new(),
    });
    c.addresses.push(Address {
        city: street.chars().take(5).collect(),
        street,
        ..Address::default()
    });
    c.contacts.push(ContactPerson {
        id: uuid::Uuid::from_u128(7),
        last: name.chars().rev().collect(),
        first: name.clone(),
        patronymic: String::new(),
        gender: None,
        position: String::new(),
        phones: vec![],
        emails: vec![],
    });
    c
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn phones_normalise_or_say_why(s in tricky()) {
        if let Ok(p) = normalize_phone(&s) {
            prop_assert!(p.e164.starts_with('+'));
            prop_assert!(p.e164[1..].bytes().all(|b| b.is_ascii_digit()));
            prop_assert!((11..=16).contains(&p.e164.len()));
            let _ = p.display();
            let _ = p.national();
        }
        let _ = phone_query_digits(&s);
    }

    #[test]
    fn e_mails_normalise_to_one_plain_address(s in tricky()) {
        if let Ok(e) = normalize_email(&s) {
            prop_assert_eq!(e.matches('@').count(), 1);
            prop_assert!(!e.chars().any(|c| c.is_whitespace() || c.is_control()));
            // Nothing that ends an address in a mail header or starts another one.
            prop_assert!(!e.contains(['<', '>', ',', ';', '"', '(', ')', '\\']));
        }
    }

    #[test]
    fn inn_and_postcodes_are_checked_by_character(s in tricky()) {
        if let Ok(inn) = check_inn(&s) {
            prop_assert!(inn.len() == 10 || inn.len() == 12);
            prop_assert!(inn.bytes().all(|b| b.is_ascii_digit()));
        }
        let _ = complete_inn(&s);
        let _ = check_postcode(&s);
    }

    #[test]
    fn names_and_words_fold_without_panicking(s in tricky()) {
        let _ = text::fold(&s);
        let _ = text::words(&s).count();
        let _ = text::latin(&s);
        let words: Vec<String> = text::words(&s).collect();
        let _ = normalize::person_name(&words);
        let _ = normalize::split_legal_form(&s, &s);
        for w in &words {
            let _ = normalize::skeleton(w);
        }
        let _ = format::parse_money(&s);
        let _ = format::parse_date(&s);
        let _ = letters::russian::gender_of_patronymic(&s);
    }

    #[test]
    fn clients_of_any_text_are_profiled_searched_and_matched(
        name in tricky(), legal in tricky(), phone in tricky(), email in tricky(),
        street in tricky(), query in tricky()
    ) {
        let a = client(name.clone(), legal.clone(), phone.clone(), email.clone(), street.clone());
        let mut b = client(street, phone, email, legal, name);
        b.id = uuid::Uuid::from_u128(99);
        let _ = normalize::Profile::of(&a);
        let _ = normalize::address_key(&a.addresses[0]);
        let index = SearchIndex::build([&a, &b]);
        let _ = index.search(&query);
        let lookup = Lookup::new([&a].into_iter());
        let _ = lookup.likely(&b, &DedupSettings::default(), 5);
    }

    #[test]
    fn any_text_is_a_backup_or_a_named_error(s in tricky()) {
        let _ = backup::read(&s);
        let _ = backup::read_keeping(s);
    }

    #[test]
    fn any_bytes_are_a_table_or_a_named_error(bytes in prop::collection::vec(any::<u8>(), 0..400), s in tricky()) {
        for input in [bytes, s.into_bytes()] {
            let (text, _) = import::decode(&input);
            let delimiter = import::detect_delimiter(&text);
            if let Ok(table) = import::parse(&text, delimiter) {
                let columns = import::guess_columns(&table.headers);
                let mut n = 0u128;
                let rows = import::rows::to_clients(&table, &columns, at(), || {
                    n += 1;
                    uuid::Uuid::from_u128(n)
                });
                let lookup = Lookup::new(std::iter::empty());
                let _ = import::rows::check(rows, &lookup);
            }
        }
    }
}

//! Table-driven tests of the composer: genders, numbers, missing facts, English, variation, and
//! that what the draft says is true.

mod cases;
mod demo_days;
mod editor;
mod rules;

use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use super::*;

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub(super) const TODAY: (i32, u32, u32) = (2026, 11, 26);

pub(super) fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

pub(super) fn product(n: u128, form: &str, category: &str, introduced: NaiveDate) -> Product {
    Product {
        id: Uuid::from_u128(n),
        name: form.to_string(),
        letter_form: form.to_string(),
        letter_form_en: String::new(),
        category: category.to_string(),
        introduced_on: introduced,
        price_kop: 100_000,
        discontinued: false,
        updated_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
    }
}

pub(super) fn catalogue() -> Vec<Product> {
    vec![
        product(1, "хрустальные кубки", "Кубки", d(2015, 1, 1)),
        product(2, "литые медали", "Медали", d(2015, 1, 1)),
        product(3, "грамоты", "Грамоты", d(2015, 1, 1)),
        product(4, "кубки из стекла с гравировкой", "Кубки", d(2025, 3, 1)),
        product(5, "акриловые медали", "Медали", d(2025, 6, 1)),
        product(6, "деревянные эко-кубки", "Кубки", d(2026, 2, 1)),
        product(7, "термосы с гравировкой", "Сувениры", d(2026, 5, 1)),
    ]
}

pub(super) fn contact(first: &str, patronymic: &str, gender: Option<Gender>) -> ContactPerson {
    ContactPerson {
        id: Uuid::from_u128(50),
        last: "Иванов".into(),
        first: first.into(),
        patronymic: patronymic.into(),
        gender,
        position: String::new(),
        phones: vec![],
        emails: vec![],
    }
}

pub(super) fn client(contacts: Vec<ContactPerson>, lang: Lang) -> Client {
    let t = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
    Client {
        id: Uuid::from_u128(77),
        kind: ClientKind::Company,
        name: "Ромашка".into(),
        legal_form: "ООО".into(),
        inn: String::new(),
        kpp: String::new(),
        segments: vec![],
        addresses: vec![],
        phones: vec![],
        emails: vec![],
        contacts,
        owner: None,
        do_not_contact: None,
        language: lang,
        notes: String::new(),
        corporate: false,
        merged_into: None,
        created_at: t,
        updated_at: t,
        verified_at: None,
    }
}

pub(super) fn order(date: NaiveDate, products: &[u128]) -> Order {
    Order {
        id: Uuid::from_u128(900 + products.len() as u128),
        client: Uuid::from_u128(77),
        date,
        lines: products
            .iter()
            .map(|p| OrderLine {
                product: Some(Uuid::from_u128(*p)),
                description: String::new(),
                qty: 10,
                price_kop: 1000,
            })
            .collect(),
        source: OrderSource::Sales,
        stage: OrderStage::Closed,
        staff: None,
        letter: None,
        updated_at: Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap(),
    }
}

pub(super) fn settings() -> Settings {
    Settings {
        company: "Лавровый венец".into(),
        sender_name: "Иван Петров".into(),
        sender_title: "менеджер по работе с постоянными клиентами".into(),
        signature: "Иван Петров\n+7 343 222-33-44".into(),
        ..Settings::default()
    }
}

pub(super) fn draft(c: &Client, orders: &[Order], s: &Settings, seed: u64) -> Draft {
    let refs: Vec<&Order> = orders.iter().collect();
    let products = catalogue();
    compose(&LetterInput {
        client: c,
        orders: &refs,
        products: &products,
        settings: s,
        today: today(),
        seed,
        previous: None,
        learned: None,
    })
}

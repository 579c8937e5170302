//! An editor's check: what a careful Russian editor marks in a draft (docs/letters.md lists the
//! rules and the reading they came from), run over clients of every kind and over five working
//! days of the demo's queue.

use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::letters::russian::months_between;

/// The sentences of a body, greeting and signature aside.
fn sentences(body: &str) -> Vec<String> {
    let paragraphs: Vec<&str> = body.split("\n\n").collect();
    let inner = &paragraphs[1..paragraphs.len().saturating_sub(1)];
    let mut out = Vec::new();
    for p in inner {
        let mut cur = String::new();
        let chars: Vec<char> = p.chars().collect();
        for (i, ch) in chars.iter().enumerate() {
            cur.push(*ch);
            let end = matches!(ch, '.' | '?' | '!')
                && chars.get(i + 1).is_none_or(|n| *n == ' ')
                // «г.», «ул.»: an abbreviation, not the end.
                && !cur.ends_with(" г.");
            if end {
                out.push(cur.trim().to_string());
                cur.clear();
            }
        }
        if !cur.trim().is_empty() {
            out.push(cur.trim().to_string());
        }
    }
    out
}

/// What the letter to `c` is checked against.
pub(super) struct Case<'a> {
    pub client: &'a Client,
    pub draft: &'a Draft,
    pub today: NaiveDate,
    /// Introduction dates of the products the letter calls new.
    pub new_since: Vec<NaiveDate>,
    pub previous: Option<&'a str>,
}

/// Everything an editor would mark; empty when the letter can go out unchanged.
pub(super) fn faults(case: &Case) -> Vec<String> {
    let body = &case.draft.body;
    let mut out = Vec::new();
    let mut mark = |what: &str, s: &str| out.push(format!("{what}: «{s}»"));
    let org = org_of(case.client);
    let said = sentences(body);
    for s in &said {
        if s.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            mark("a sentence opens with a figure", s);
        }
        let indirect = ["Хочу узнать,", "Интересно,", "Надеюсь,"];
        if indirect.iter().any(|w| s.starts_with(w)) && s.ends_with('?') {
            mark("an indirect question ends with «?»", s);
        }
        for bad in [
            "Помню",
            "помню",
            "Вы есть среди",
            "напомнить о нас",
            "напомнить о себе",
            "у нас наши изделия",
            "Доброго дня",
            "в этом году",
            "времени, возможно",
        ] {
            if s.contains(bad) {
                mark(bad, s);
            }
        }
    }
    if case.client.language == Lang::En {
        let cyrillic = body
            .chars()
            .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'));
        if cyrillic && !case.draft.warnings.contains(&DraftWarning::NoEnglishForms) {
            mark("Russian in an English letter", body);
        }
        for bad in ["«", "»", "This is ", "remind you of us", "Hello "] {
            if body.contains(bad) || case.draft.subject.contains(bad) {
                mark(bad, body);
            }
        }
    }
    for pair in said.windows(2) {
        if pair[0].starts_with("Если") && pair[1].starts_with("Если") {
            mark("two sentences in a row open with «Если»", &pair[1]);
        }
    }
    if org.audience != Audience::Company && body.contains("сотрудникам Вашей компании")
    {
        mark("a company's words to a non-company", body);
    }
    if org.audience != Audience::Company && body.contains("Вашим сотрудникам") {
        mark("«Вашим сотрудникам» to a non-company", body);
    }
    // A product is named once, then referred to.
    for f in &case.draft.facts.ordered {
        let times = body.matches(f.as_str()).count();
        if times > 1 && case.draft.facts.ordered.len() == 1 {
            mark("the product named again", f);
        }
    }
    if let Some(last) = case.draft.facts.last_order {
        let says_time = body
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w == "пора");
        if months_between(last, case.today) < 10 && says_time {
            mark("«пора» soon after the order", body);
        }
    }
    if case
        .new_since
        .iter()
        .any(|d| months_between(*d, case.today) >= 24)
    {
        mark("an old product called new", body);
    }
    if let Some(prev) = case.previous {
        if body.contains("Меня зовут") {
            mark("introduced again in a second letter", body);
        }
        for s in &said {
            if prev.contains(s.as_str()) {
                mark("repeats the last letter", s);
            }
        }
    }
    out
}

fn checked(
    c: &Client,
    orders: &[Order],
    today: NaiveDate,
    previous: Option<&Letter>,
) -> Vec<String> {
    let products = catalogue();
    let refs: Vec<&Order> = orders.iter().collect();
    let mut all = Vec::new();
    for seed in 0..24 {
        let dr = compose(&LetterInput {
            client: c,
            orders: &refs,
            products: &products,
            settings: &settings(),
            today,
            seed,
            previous,
            learned: None,
        });
        let new_since = dr
            .facts
            .new_products
            .iter()
            .filter_map(|id| products.iter().find(|p| p.id == *id))
            .map(|p| p.introduced_on)
            .collect();
        let case = Case {
            client: c,
            draft: &dr,
            today,
            new_since,
            previous: previous.map(|l| l.body.as_str()),
        };
        all.extend(
            faults(&case)
                .into_iter()
                .map(|f| format!("{f}\n{}", dr.body)),
        );
    }
    all
}

fn org_client(name: &str, legal_form: &str, segment: &str) -> Client {
    let mut c = client(
        vec![contact("Анна", "Сергеевна", Some(Gender::Female))],
        Lang::Ru,
    );
    c.name = name.into();
    c.legal_form = legal_form.into();
    c.segments = vec![segment.into()];
    c
}

fn free_text_order(date: NaiveDate) -> Order {
    let mut o = order(date, &[]);
    o.lines = vec![OrderLine {
        product: None,
        description: "Кубки по эскизу заказчика".into(),
        qty: 3,
        price_kop: 500_000,
    }];
    o
}

#[test]
fn the_words_fit_the_addressee() {
    let cases = [
        (
            "СОШ № 12",
            "МБОУ",
            "Школы",
            Audience::School,
            "ученикам и учителям",
        ),
        (
            "Детский сад № 5",
            "МБДОУ",
            "Школы",
            Audience::Kindergarten,
            "детям и воспитателям",
        ),
        (
            "Гимназия № 2",
            "МАОУ",
            "Школы",
            Audience::School,
            "Вашей гимназии",
        ),
        ("ДЮСШ № 3", "МБУ", "Школы", Audience::Club, "воспитанникам"),
        (
            "Администрация района г. Перми",
            "МКУ",
            "Госучреждения",
            Audience::Public,
            "мероприятий",
        ),
        (
            "Федерация лёгкой атлетики",
            "РОО",
            "Спортивные клубы",
            Audience::Club,
            "турнир",
        ),
        (
            "Хоккейный клуб «Сокол»",
            "АНО",
            "Спортивные клубы",
            Audience::Club,
            "спортсменам",
        ),
        (
            "Союз-Трейд",
            "ООО",
            "Компании",
            Audience::Company,
            "Вашим сотрудникам",
        ),
        (
            "Школа танцев «Па»",
            "ООО",
            "Компании",
            Audience::School,
            "ученикам",
        ),
    ];
    let today = d(2026, 12, 1);
    for (name, form, segment, audience, word) in cases {
        let c = org_client(name, form, segment);
        assert_eq!(org_of(&c).audience, audience, "{name}");
        let o = [order(d(2025, 3, 14), &[2])];
        let f = checked(&c, &o, today, None);
        assert!(f.is_empty(), "{name}:\n{}", f.join("\n\n"));
        let words = (0..24)
            .map(|s| draft_on(&c, &o, today, s).body)
            .any(|b| b.contains(word));
        assert!(words, "{name}: «{word}» never used");
    }
}

pub(super) fn draft_on(c: &Client, orders: &[Order], today: NaiveDate, seed: u64) -> Draft {
    let refs: Vec<&Order> = orders.iter().collect();
    compose(&LetterInput {
        client: c,
        orders: &refs,
        products: &catalogue(),
        settings: &settings(),
        today,
        seed,
        previous: None,
        learned: None,
    })
}

#[test]
fn unusual_clients_get_letters_an_editor_passes() {
    let today = d(2026, 12, 1);
    let mut person = client(vec![], Lang::Ru);
    person.kind = ClientKind::Person;
    person.name = "Смирнова Ольга Викторовна".into();
    person.legal_form = String::new();
    let no_contact = client(vec![], Lang::Ru);
    let male = client(vec![contact("Пётр", "Кузьмич", None)], Lang::Ru);
    let ip = org_client("Кузнецов Илья", "ИП", "Предприниматели");
    let mut dates = vec![
        d(2026, 10, 20),
        d(2026, 6, 1),
        d(2025, 12, 20),
        d(2025, 1, 15),
    ];
    dates.extend((2..=20).map(|y| d(2026 - y, 3, 10)));
    for c in [&person, &no_contact, &male, &ip] {
        for date in &dates {
            for o in [
                order(*date, &[1]),
                order(*date, &[1, 2, 3]),
                free_text_order(*date),
            ] {
                let f = checked(c, std::slice::from_ref(&o), today, None);
                assert!(f.is_empty(), "{}, {date}:\n{}", c.name, f.join("\n\n"));
            }
        }
        // Never ordered: nothing from years ago called new.
        let f = checked(c, &[], today, None);
        assert!(
            f.is_empty(),
            "{} with no orders:\n{}",
            c.name,
            f.join("\n\n")
        );
    }
}

#[test]
fn a_second_letter_knows_the_first_and_repeats_none_of_it() {
    let c = client(
        vec![contact("Иван", "Иванович", Some(Gender::Male))],
        Lang::Ru,
    );
    let o = [order(d(2025, 3, 14), &[1, 5])];
    let at = Utc.with_ymd_and_hms(2026, 9, 1, 9, 0, 0).unwrap();
    for seed in 0..24 {
        let first = draft_on(&c, &o, d(2026, 9, 1), seed);
        let sent = Letter {
            id: Uuid::from_u128(5000),
            client: c.id,
            contact: None,
            cycle: 0,
            planned_for: d(2026, 9, 1),
            subject: first.subject.clone(),
            body: first.body.clone(),
            channel: Channel::Post,
            status: LetterStatus::Sent,
            sent_at: Some(at),
            response: None,
            phrasing: String::new(),
            updated_at: at,
        };
        let f = checked(&c, &o, d(2026, 12, 1), Some(&sent));
        assert!(f.is_empty(), "{}", f.join("\n\n"));
    }
}

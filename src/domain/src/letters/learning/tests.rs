//! A simulated year of letters whose answers depend on one paragraph's phrasing.

use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::base::{Base, Batch};
use crate::letters::compose::{compose, seed, LetterInput};
use crate::letters::rotation::nth_working_day;
use crate::settings::Settings;

/// How often a letter is answered: the question that asks directly, «Понравились ли они …?»,
/// four times as often as the others.
fn answers(phrasing: &str, roll: u64) -> bool {
    let chance = if phrasing.split_whitespace().any(|k| k == "question.0") {
        20
    } else {
        5
    };
    roll % 100 < chance
}

fn roll(n: u64) -> u64 {
    let mut z = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A year of 40 letters a working day; the share of the last quarter's letters that asked
/// directly, and what the year taught.
fn year(favour: bool) -> (f64, Learned) {
    let start = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
    let (mut settings, data) = crate::demo::generate_sized(start, 600);
    settings.favour_answers = favour;
    let mut base = Base::from_batch(&data);
    base.letters = Default::default();
    let clients: Vec<Client> = base
        .clients
        .iter()
        .filter(|c| c.language == Lang::Ru && !base.orders_of(&c.id).is_empty())
        .cloned()
        .collect();
    let (mut direct, mut late) = (0u32, 0u32);
    let mut learned = Learned::default();
    let mut n = 0u64;
    for day_no in 0..250 {
        let Some(day) = nth_working_day(&Settings::default(), start, day_no + 1) else {
            break;
        };
        if day_no % 5 == 0 {
            learned = learn(&base, settings.attribution_days, None);
        }
        let mut letters = Vec::new();
        for _ in 0..40 {
            let c = &clients[n as usize % clients.len()];
            let orders = base.orders_of(&c.id);
            let dr = compose(&LetterInput {
                client: c,
                orders: &orders,
                products: base.products.as_slice(),
                settings: &settings,
                today: day,
                seed: seed(c.id, (n / clients.len() as u64) as u32),
                previous: None,
                learned: favour.then_some(&learned),
            });
            let at = Utc
                .with_ymd_and_hms(day.year(), day.month(), day.day(), 10, 0, 0)
                .unwrap();
            let answered = answers(&dr.phrasing, roll(n));
            if day_no >= 187 {
                late += 1;
                if dr.phrasing.split_whitespace().any(|k| k == "question.0") {
                    direct += 1;
                }
            }
            letters.push(Letter {
                id: Uuid::from_u128(u128::from(n) + 1),
                client: c.id,
                contact: None,
                cycle: 0,
                planned_for: day,
                subject: dr.subject,
                body: dr.body,
                channel: Channel::Post,
                status: LetterStatus::Sent,
                sent_at: Some(at),
                response: answered.then(|| Response {
                    kind: ResponseKind::NotNow,
                    at,
                    note: String::new(),
                    followed_up: false,
                    by: None,
                }),
                phrasing: dr.phrasing,
                updated_at: at,
            });
            n += 1;
        }
        base.apply(&Batch {
            letters,
            ..Batch::default()
        });
    }
    let learned = learn(&base, settings.attribution_days, None);
    (f64::from(direct) / f64::from(late), learned)
}

#[test]
fn a_year_of_answers_teaches_the_composer_which_question_to_ask() {
    let (share, learned) = year(true);
    let rate = |k: &str| learned.by_phrasing[k].rate().unwrap();
    // The figures tell the phrasings apart, each with enough letters to show a rate.
    assert!(rate("question.0") > 0.15, "{}", rate("question.0"));
    assert!(rate("question.1") < 0.08 && rate("question.2") < 0.08);
    // Favoured, the direct question is most letters' (4 in 5, plus its share of the fifth);
    // the others are still tried.
    assert!(share > 0.7, "{share}");
    assert!(learned.by_phrasing["question.1"].letters >= ENOUGH);

    // Without the setting every phrasing keeps its even share.
    let (even, _) = year(false);
    assert!((0.25..0.42).contains(&even), "{even}");
}

#[test]
fn few_letters_show_no_rate() {
    let t = Tally {
        letters: ENOUGH - 1,
        answered: 10,
        ..Tally::default()
    };
    assert_eq!(t.rate(), None);
    let t = Tally {
        letters: ENOUGH,
        answered: 3,
        ..Tally::default()
    };
    assert_eq!(t.rate(), Some(0.1));
}

#[test]
fn an_order_after_a_letter_counts_for_its_phrasings() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let (_, data) = crate::demo::generate_sized(today, 200);
    let mut base = Base::from_batch(&data);
    base.letters = Default::default();
    let order = base
        .orders
        .iter()
        .find(|o| o.letter.is_none() && o.total_kop() > 0)
        .unwrap()
        .clone();
    let sent = order.date - chrono::Days::new(5);
    let at = Utc
        .with_ymd_and_hms(sent.year(), sent.month(), sent.day(), 10, 0, 0)
        .unwrap();
    let earlier: i64 = base
        .orders
        .iter()
        .filter(|o| {
            o.client == order.client
                && o.date >= sent
                && o.date <= order.date + chrono::Days::new(90)
        })
        .map(|o| o.total_kop())
        .sum();
    base.apply(&Batch {
        letters: vec![Letter {
            id: Uuid::from_u128(1),
            client: order.client,
            contact: None,
            cycle: 0,
            planned_for: sent,
            subject: String::new(),
            body: String::new(),
            channel: Channel::Post,
            status: LetterStatus::Sent,
            sent_at: Some(at),
            response: Some(Response {
                kind: ResponseKind::Interested,
                at,
                note: String::new(),
                followed_up: false,
                by: None,
            }),
            phrasing: "question.0 call.1".into(),
            updated_at: at,
        }],
        ..Batch::default()
    });
    let learned = learn(&base, 90, None);
    for key in ["question.0", "call.1"] {
        let t = learned.by_phrasing[key];
        assert_eq!((t.letters, t.answered, t.interested), (1, 1, 1));
        assert!(
            t.revenue_kop >= order.total_kop() && t.revenue_kop <= earlier,
            "{t:?}"
        );
    }
    assert!(!learned.by_phrasing.contains_key("question.1"));
}

#[test]
fn each_phrasing_is_shown_with_a_sentence_it_wrote() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let (settings, data) = crate::demo::generate(today);
    let base = Base::from_batch(&data);
    let learned = learn(&base, settings.attribution_days, None);
    assert!(
        learned.by_phrasing.len() >= 20,
        "{:?}",
        learned.by_phrasing.keys()
    );
    let shown = examples(&base, &settings, &learned);
    assert!(
        shown.len() * 10 >= learned.by_phrasing.len() * 9,
        "{} of {}",
        shown.len(),
        learned.by_phrasing.len()
    );
    for (key, text) in &shown {
        let wrote = base.letters.iter().any(|l| {
            l.phrasing.split_whitespace().any(|k| k == key) && l.body.contains(text.as_str())
                || l.subject == *text
        });
        assert!(wrote, "{key}: «{text}» is in no letter that used it");
    }
}

//! Hand-made bases where every figure can be counted on paper.

use chrono::{TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::base::Batch;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn at(m: u32, day: u32) -> Timestamp {
    Utc.with_ymd_and_hms(2026, m, day, 10, 0, 0).unwrap()
}

fn id(n: u128) -> Id {
    Uuid::from_u128(n)
}

fn client(n: u128) -> Client {
    Client {
        id: id(n),
        kind: ClientKind::Company,
        name: format!("Клиент {n}"),
        legal_form: String::new(),
        inn: String::new(),
        kpp: String::new(),
        segments: vec![],
        addresses: vec![Address {
            postcode: "620000".into(),
            city: "Екатеринбург".into(),
            street: "ул. Ленина, 1".into(),
            ..Address::default()
        }],
        phones: vec![],
        emails: vec![],
        contacts: vec![],
        owner: None,
        do_not_contact: None,
        language: Lang::Ru,
        notes: String::new(),
        corporate: false,
        merged_into: None,
        created_at: at(1, 1),
        updated_at: at(1, 1),
        verified_at: None,
    }
}

fn letter(
    n: u128,
    client: u128,
    sent: Option<NaiveDate>,
    answer: Option<(ResponseKind, Timestamp)>,
) -> Letter {
    Letter {
        id: id(n),
        client: id(client),
        contact: None,
        cycle: 0,
        planned_for: sent.unwrap_or(d(11, 26)),
        subject: String::new(),
        body: String::new(),
        channel: Channel::Post,
        status: if sent.is_some() {
            LetterStatus::Sent
        } else {
            LetterStatus::Draft
        },
        sent_at: sent
            .and_then(|s| s.and_hms_opt(9, 0, 0))
            .map(|t| t.and_utc()),
        response: answer.map(|(kind, at)| Response {
            by: None,
            kind,
            at,
            note: String::new(),
            followed_up: false,
        }),
        phrasing: String::new(),
        updated_at: at(1, 1),
    }
}

fn order(n: u128, client: u128, date: NaiveDate, rub: i64, letter: Option<u128>) -> Order {
    Order {
        id: id(n),
        client: id(client),
        date,
        lines: vec![OrderLine {
            product: None,
            description: "Кубки".into(),
            qty: 1,
            price_kop: rub * 100,
        }],
        source: OrderSource::Sales,
        stage: OrderStage::Closed,
        staff: None,
        letter: letter.map(id),
        updated_at: at(1, 1),
    }
}

fn base() -> Base {
    Base::from_batch(&Batch {
        clients: (1..=4).map(client).collect(),
        letters: vec![
            // Client 1: written in August, answered in September.
            letter(
                10,
                1,
                Some(d(8, 3)),
                Some((ResponseKind::Interested, at(9, 1))),
            ),
            // Client 2: written twice; the November letter got a complaint.
            letter(11, 2, Some(d(3, 2)), None),
            letter(
                12,
                2,
                Some(d(11, 23)),
                Some((ResponseKind::Complaint, at(11, 25))),
            ),
            // Client 3: a draft only, never sent.
            letter(13, 3, None, None),
        ],
        orders: vec![
            // 40 days after client 1's letter: counts.
            order(20, 1, d(9, 12), 1_000, None),
            // Client 2, 100 days after March's letter and before November's: does not count.
            order(21, 2, d(6, 10), 5_000, None),
            // Client 2 two days after November's letter: counts.
            order(22, 2, d(11, 25), 300, None),
            // Client 3 has no sent letter, but the order names one: counts.
            order(23, 3, d(10, 1), 70, Some(13)),
            // Client 4 was never written to.
            order(24, 4, d(10, 1), 9_999, None),
            // The same day as a letter counts.
            order(25, 1, d(8, 3), 1, None),
        ],
        ..Batch::default()
    })
}

#[test]
fn attribution_follows_the_rule() {
    let b = base();
    let a = attribute(&b, 90);
    assert_eq!(a.get(&id(20)), Some(&id(10)));
    assert_eq!(a.get(&id(21)), None, "100 days is past the 90-day window");
    assert_eq!(
        a.get(&id(22)),
        Some(&id(12)),
        "credited to the latest letter"
    );
    assert_eq!(
        a.get(&id(23)),
        Some(&id(13)),
        "an order naming its letter counts"
    );
    assert_eq!(a.get(&id(24)), None);
    assert_eq!(a.get(&id(25)), Some(&id(10)));
    assert_eq!(a.len(), 4);
    // A longer window takes in June's order.
    assert_eq!(attribute(&b, 100).get(&id(21)), Some(&id(11)));
}

#[test]
fn figures_for_a_year_and_for_a_month() {
    let b = base();
    let s = Settings::default();
    let today = d(11, 26);
    let year = figures(&b, &s, today, Period::year_of(today));
    assert_eq!(year.sent, 3);
    assert_eq!(year.answered, 2);
    assert_eq!(year.response_rate(), Some(2.0 / 3.0));
    assert_eq!(year.handed_over, 1);
    assert_eq!(year.complaints, 1);
    assert_eq!(year.orders, 4);
    assert_eq!(year.revenue_kop, (1_000 + 300 + 70 + 1) * 100);
    assert_eq!(year.minutes_writing, 3 * 6);
    assert_eq!(year.minutes_phoning, 3 * 15);
    // All four clients are in the pool; within the 90-day cycle only client 2 was written to.
    assert_eq!(year.pool, 4);
    assert_eq!(year.covered, 1);
    assert_eq!(year.coverage(), 0.25);

    let november = figures(&b, &s, today, Period::month_of(today));
    assert_eq!(november.sent, 1);
    assert_eq!(november.answered, 1);
    assert_eq!(
        november.handed_over, 0,
        "September's answer is not November's"
    );
    assert_eq!(november.revenue_kop, 300 * 100);

    // The last 30 working days, oldest first; 23 November had one letter.
    assert_eq!(november.per_day.len(), 30);
    assert_eq!(november.per_day.last().map(|x| x.0), Some(today));
    assert!(november.per_day.iter().all(|(d, _)| s.is_working_day(*d)));
    assert_eq!(november.per_day.iter().map(|x| x.1).sum::<u32>(), 1);
    assert_eq!(
        november
            .per_day
            .iter()
            .find(|x| x.0 == d(11, 23))
            .map(|x| x.1),
        Some(1)
    );

    // Weeks from the Monday on or before the 1st (26 October) to the end of the month.
    assert_eq!(november.weeks.first().map(|w| w.start), Some(d(10, 26)));
    assert_eq!(november.weeks.len(), 6);
    let w = november
        .weeks
        .iter()
        .find(|w| w.start == d(11, 23))
        .unwrap();
    assert_eq!((w.sent, w.answers), (1, 1));
}

#[test]
fn no_letters_no_rate() {
    let b = Base::from_batch(&Batch {
        clients: vec![client(1)],
        ..Batch::default()
    });
    let f = figures(
        &b,
        &Settings::default(),
        d(11, 26),
        Period::month_of(d(11, 26)),
    );
    assert_eq!(f.response_rate(), None);
    assert_eq!(f.coverage(), 0.0);
    assert_eq!(f.revenue_kop, 0);
}

#[test]
fn periods() {
    assert_eq!(
        Period::month_of(d(2, 14)),
        Period {
            from: d(2, 1),
            to: d(2, 28)
        }
    );
    assert_eq!(
        Period::quarter_of(d(11, 26)),
        Period {
            from: d(10, 1),
            to: d(12, 31)
        }
    );
    assert!(Period::year_of(d(5, 5)).contains(d(12, 31)));
    let last = Period::last_month_of(d(3, 1));
    assert_eq!((last.from, last.to), (d(2, 1), d(2, 28)));
    let january = Period::last_month_of(d(1, 31));
    assert_eq!(
        (january.from, january.to),
        (
            NaiveDate::from_ymd_opt(2025, 12, 1).unwrap(),
            NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
        )
    );
}

#[test]
fn not_now_is_counted_with_the_other_answers() {
    let b = Base::from_batch(&Batch {
        clients: (1..=2).map(client).collect(),
        letters: vec![
            letter(
                10,
                1,
                Some(d(11, 2)),
                Some((ResponseKind::NotNow, at(11, 4))),
            ),
            letter(
                11,
                2,
                Some(d(11, 3)),
                Some((ResponseKind::Interested, at(11, 5))),
            ),
        ],
        ..Batch::default()
    });
    let f = figures(
        &b,
        &Settings::default(),
        d(11, 26),
        Period::month_of(d(11, 26)),
    );
    assert_eq!((f.not_now, f.handed_over, f.answered), (1, 1, 2));
}

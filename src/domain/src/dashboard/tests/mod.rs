// Amounts are written roubles_kopecks (1_000_00 is 1 000 roubles).
#![allow(clippy::inconsistent_digit_grouping)]

use chrono::TimeZone;
use uuid::Uuid;

use super::*;
use crate::base::Batch;

fn id(n: u128) -> Id {
    Uuid::from_u128(n)
}

fn msk() -> FixedOffset {
    FixedOffset::east_opt(3 * 3600).unwrap()
}

fn t(d: u32, h: u32) -> Timestamp {
    msk()
        .with_ymd_and_hms(2026, 11, d, h, 0, 0)
        .unwrap()
        .to_utc()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn order(
    n: u128,
    client: u128,
    d: u32,
    source: OrderSource,
    kop: i64,
    staff: Option<u128>,
    letter: Option<u128>,
) -> Order {
    Order {
        id: id(n),
        client: id(client),
        date: day(d),
        lines: vec![OrderLine {
            product: None,
            description: "кубки".into(),
            qty: 1,
            price_kop: kop,
        }],
        source,
        stage: OrderStage::Closed,
        staff: staff.map(id),
        letter: letter.map(id),
        updated_at: t(d, 12),
    }
}

/// A month everyone can count by hand.
fn november() -> Base {
    let seller = Staff {
        id: id(100),
        name: "Петрова Анна".into(),
        role: Role::Salesperson,
        capacity: 50,
        email: String::new(),
        phone: String::new(),
        active: true,
        updated_at: t(1, 9),
    };
    let confirmed = |c: Client| Client {
        verified_at: Some(t(1, 9)),
        ..c
    };
    let clients = vec![
        confirmed(Client::named(id(1), "Альфа", t(1, 9))),
        confirmed(Client {
            owner: Some(id(100)),
            ..Client::named(id(2), "Бета", t(1, 9))
        }),
        Client {
            corporate: true,
            phones: vec![Phone {
                number: "12".into(),
                label: String::new(),
            }],
            ..Client::named(id(3), "Гамма", t(1, 9))
        },
        Client::named(id(4), "Дельта", t(1, 9)),
    ];
    let letter = Letter {
        id: id(50),
        client: id(1),
        contact: None,
        cycle: 1,
        planned_for: day(2),
        subject: String::new(),
        body: String::new(),
        channel: Channel::Post,
        status: LetterStatus::Sent,
        sent_at: Some(t(2, 12)),
        response: None,
        phrasing: String::new(),
        updated_at: t(2, 12),
    };
    let settings = Settings::default();
    let answered = corporate::open(
        id(3),
        Department::Finance,
        "Акт",
        "",
        None,
        "",
        t(16, 10),
        &settings,
        msk(),
        id(60),
    )
    .unwrap();
    let answered = Request {
        sent: Some(t(16, 10)),
        answered: Some(t(16, 12)),
        ..answered
    };
    let waiting = corporate::open(
        id(3),
        Department::Quality,
        "Скол",
        "",
        None,
        "",
        t(20, 10),
        &settings,
        msk(),
        id(61),
    )
    .unwrap();
    Base::from_batch(&Batch {
        staff: vec![seller],
        clients,
        letters: vec![letter],
        orders: vec![
            order(10, 1, 10, OrderSource::Letter, 1_000_00, None, Some(50)),
            order(11, 2, 12, OrderSource::Sales, 500_00, Some(100), None),
            order(12, 3, 15, OrderSource::Corporate, 2_000_00, None, None),
            // October: outside the period.
            order(13, 2, 1, OrderSource::Sales, 7_00, Some(100), None)
                .clone_on(NaiveDate::from_ymd_opt(2026, 10, 30).unwrap()),
        ],
        requests: vec![answered, waiting],
        activities: vec![Activity {
            id: id(70),
            client: id(2),
            staff: Some(id(100)),
            kind: ActivityKind::Call,
            at: t(5, 11),
            text: String::new(),
            updated_at: t(5, 11),
        }],
        mailings: vec![Mailing {
            by: None,
            id: id(80),
            list: None,
            name: "Школы".into(),
            filter: ListFilter::default(),
            given_to: "Типография".into(),
            format: "csv-utf8".into(),
            addresses: 120,
            at: t(20, 15),
            updated_at: t(20, 15),
        }],
        ..Batch::default()
    })
}

trait OnDay {
    fn clone_on(self, d: NaiveDate) -> Self;
}

impl OnDay for Order {
    fn clone_on(self, d: NaiveDate) -> Order {
        Order { date: d, ..self }
    }
}

#[test]
fn every_section_counts_what_happened_in_the_period() {
    let b = november();
    let settings = Settings::default();
    let pending: HashSet<Id> = [id(1), id(4)].into();
    let i = Inputs {
        settings: &settings,
        today: day(27),
        now: t(27, 12),
        tz: msk(),
        pending: Some(&pending),
    };
    let d = dashboard(&b, Period::month_of(day(1)), &i);
    assert_eq!(d.letters_revenue_kop, 1_000_00);
    // One letter over the 20 working days from 2 to 27 November.
    assert!(
        (d.letters_per_day - 0.05).abs() < 1e-9,
        "{}",
        d.letters_per_day
    );
    assert_eq!(d.quota, 40);
    assert_eq!(d.response_rate, Some(0.0));
    assert_eq!(d.sales_revenue_kop, 500_00);
    assert_eq!(d.sales_by_staff, [("Петрова Анна".to_string(), 500_00)]);
    assert_eq!(d.worked, (1, 4));
    assert_eq!(d.corporate_revenue_kop, 2_000_00);
    assert_eq!(
        (d.answer_median_hours, d.answer_p90_hours),
        (Some(2.0), Some(2.0))
    );
    assert_eq!(d.overdue, 1, "Quality had 24 working hours from the 20th");
    assert_eq!(d.pending_duplicates, Some(2));
    assert!((d.confirmed_share - 0.5).abs() < 1e-9);
    assert_eq!(d.invalid_contacts, 1);
    assert_eq!((d.lists_given, d.addresses_given), (1, 120));

    let s = series(&b, &Period::month_of(day(1)), &settings, msk(), t(27, 12));
    let get = |key: &str| s.iter().find(|x| x.key == key).unwrap();
    assert_eq!(
        get("sales_revenue").months.len(),
        12,
        "at least a year for the charts"
    );
    assert_eq!(get("sales_revenue").months[11], (day(1), Some(500.0)));
    assert_eq!(get("sales_revenue").months[10].1, Some(7.0));
    assert_eq!(get("letters_revenue").months[11].1, Some(1000.0));
    assert_eq!(get("letters_sent").months[11].1, Some(1.0));
    assert_eq!(get("corporate_revenue").months[11].1, Some(2000.0));
    assert_eq!(get("answer_median_hours").months[11].1, Some(2.0));
    assert_eq!(get("addresses_given").months[11].1, Some(120.0));
    assert_eq!(
        get("response_rate_percent").months[11].1,
        Some(0.0),
        "the one letter has no answer yet"
    );
    assert_eq!(
        get("worked_share_percent").months[11].1,
        Some(25.0),
        "one client of four"
    );
    assert_eq!(get("worked_share_percent").months[0].1, Some(0.0));
    let staff: Vec<_> = s
        .iter()
        .filter(|x| x.key == "sales_revenue_by_staff")
        .collect();
    assert_eq!(staff.len(), 1);
    assert_eq!(staff[0].part.as_deref(), Some("Петрова Анна"));
    assert_eq!(staff[0].months[10].1, Some(7.0));
    assert_eq!(get("answer_p90_hours").months[11].1, Some(2.0));
    assert_eq!(
        get("overdue_at_month_end").months[11].1,
        Some(1.0),
        "Quality's request, due on the 24th, is open now"
    );
    assert_eq!(get("overdue_at_month_end").months[10].1, Some(0.0));
    assert_eq!(get("pending_duplicates").months[11].1, None);

    let text = csv(&d, &s, &keys());
    assert!(text.starts_with("figure;2026-11-01 — 2026-11-30\r\n"));
    assert!(text.contains("sales_revenue_rub;500.00\r\n"));
    assert!(text.contains("sales_revenue_rub: Петрова Анна;500.00\r\n"));
    assert!(text.contains("requests_overdue;1\r\n"));
    assert!(text.contains("\r\nmonth;letters_revenue;letters_sent;coverage_percent;response_rate_percent;sales_revenue;sales_revenue_by_staff: Петрова Анна;worked_share_percent;corporate_revenue;answer_median_hours;answer_p90_hours;overdue_at_month_end;pending_duplicates;confirmed_share_percent;invalid_contacts;addresses_given\r\n"));
    assert!(
        text.contains(
            "2026-11;1000.00;1.00;;0.00;500.00;500.00;25.00;2000.00;2.00;2.00;1.00;;;;120.00\r\n"
        ),
        "no snapshot yet: the state figures are empty, not zero"
    );
}

#[test]
fn before_the_duplicate_scan_the_figure_is_unknown_not_zero() {
    let b = november();
    let settings = Settings::default();
    let i = Inputs {
        settings: &settings,
        today: day(27),
        now: t(27, 12),
        tz: msk(),
        pending: None,
    };
    let d = dashboard(&b, Period::month_of(day(1)), &i);
    assert_eq!(d.pending_duplicates, None);
    assert!(csv(&d, &[], &keys()).contains("pending_duplicates;\r\n"));
}

/// The CSV with machine keys and English numbers, as the tests read it.
fn keys() -> CsvLook<'static> {
    CsvLook {
        lang: Lang::En,
        label: &|k: &str| k.to_string(),
    }
}

fn inputs<'a>(settings: &'a Settings, pending: Option<&'a HashSet<Id>>) -> Inputs<'a> {
    Inputs {
        settings,
        today: day(27),
        now: t(27, 12),
        tz: msk(),
        pending,
    }
}

#[test]
fn a_month_keeps_one_snapshot_rewritten_only_when_the_base_changed() {
    let mut b = november();
    let settings = Settings::default();
    let pending: HashSet<Id> = [id(1), id(4)].into();
    let d = dashboard(
        &b,
        Period::month_of(day(1)),
        &inputs(&settings, Some(&pending)),
    );
    let first = refresh_snapshot(&b, &d, day(27), t(27, 12), || id(900)).unwrap();
    assert_eq!(first.month, day(1));
    assert_eq!(first.id, id(900));
    assert_eq!(first.clients, 4);
    assert_eq!(first.pending_duplicates, Some(2));
    assert_eq!(first.invalid_contacts, 1);
    assert!((first.confirmed_share - 0.5).abs() < 1e-9);
    b.apply(&Batch {
        snapshots: vec![first.clone()],
        ..Batch::default()
    });
    assert_eq!(
        refresh_snapshot(&b, &d, day(28), t(28, 9), || id(901)),
        None,
        "looking again at the same base writes nothing"
    );

    // Before the duplicate scan has run again, the stored figure stands.
    let no_scan = dashboard(&b, Period::month_of(day(1)), &inputs(&settings, None));
    assert_eq!(
        refresh_snapshot(&b, &no_scan, day(28), t(28, 9), || id(901)),
        None
    );

    // One duplicate decided: the same record is rewritten, not a second one added.
    let one: HashSet<Id> = [id(1)].into();
    let d = dashboard(&b, Period::month_of(day(1)), &inputs(&settings, Some(&one)));
    let second = refresh_snapshot(&b, &d, day(28), t(28, 9), || id(901)).unwrap();
    assert_eq!((second.id, second.pending_duplicates), (id(900), Some(1)));

    // December gets its own.
    let dec = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let third = refresh_snapshot(&b, &d, dec, t(28, 9), || id(902)).unwrap();
    assert_eq!((third.id, third.month), (id(902), dec));
}

#[test]
fn state_charts_come_from_snapshots_and_a_month_without_one_is_a_gap() {
    let mut b = november();
    let snap = |n: u128, month: NaiveDate, pending: u32, at: Timestamp| Snapshot {
        id: id(n),
        month,
        clients: 4,
        coverage: 0.25,
        confirmed_share: 0.5,
        invalid_contacts: 3,
        pending_duplicates: Some(pending),
        updated_at: at,
    };
    let sept = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    b.apply(&Batch {
        snapshots: vec![
            snap(901, sept, 9, t(1, 9) - chrono::Duration::days(40)),
            // Two computers wrote November; the later one is the month's.
            snap(902, day(1), 5, t(20, 9)),
            snap(903, day(1), 2, t(26, 9)),
        ],
        ..Batch::default()
    });
    assert_eq!(snapshots_by_month(&b)[&day(1)].id, id(903));
    let s = series(
        &b,
        &Period::month_of(day(1)),
        &Settings::default(),
        msk(),
        t(27, 12),
    );
    let get = |key: &str| s.iter().find(|x| x.key == key).unwrap();
    let pending = &get("pending_duplicates").months;
    assert_eq!(pending[9], (sept, Some(9.0)));
    assert_eq!(pending[10].1, None, "nobody looked in October");
    assert_eq!(pending[11].1, Some(2.0));
    assert_eq!(get("coverage_percent").months[11].1, Some(25.0));
    assert_eq!(get("confirmed_share_percent").months[11].1, Some(50.0));
    assert_eq!(get("invalid_contacts").months[9].1, Some(3.0));
}

mod csv;

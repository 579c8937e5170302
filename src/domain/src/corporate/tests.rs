// Amounts are written roubles_kopecks (12_000_00 is 12 000 roubles).
#![allow(clippy::inconsistent_digit_grouping)]

use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::base::Batch;

fn msk() -> FixedOffset {
    FixedOffset::east_opt(3 * 3600).unwrap()
}

/// Moscow local time as a UTC instant.
fn local(d: u32, h: u32, m: u32) -> Timestamp {
    msk()
        .with_ymd_and_hms(2026, 11, d, h, m, 0)
        .unwrap()
        .to_utc()
}

#[test]
fn working_time_skips_nights_and_weekends() {
    let s = Settings::default();
    // Friday 27 November 2026, 17:00 → Monday 30, 10:00: one hour on Friday, one on Monday.
    assert_eq!(
        working_minutes(local(27, 17, 0), local(30, 10, 0), &s, msk()),
        120
    );
    assert_eq!(
        working_minutes(local(30, 10, 0), local(27, 17, 0), &s, msk()),
        0
    );
    // Before opening and after closing count nothing.
    assert_eq!(
        working_minutes(local(26, 6, 0), local(26, 8, 59), &s, msk()),
        0
    );
    assert_eq!(
        working_minutes(local(26, 8, 0), local(26, 20, 0), &s, msk()),
        9 * 60
    );
    // Eight working hours from Friday 15:00 end on Monday 14:00.
    assert_eq!(
        add_working_hours(local(27, 15, 0), 8, &s, msk()),
        local(30, 14, 0)
    );
    // Logged at night: the clock starts at nine.
    assert_eq!(
        add_working_hours(local(26, 22, 0), 2, &s, msk()),
        local(27, 11, 0)
    );
    let mut holiday = s.clone();
    holiday
        .holidays
        .push(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
    let tuesday = msk()
        .with_ymd_and_hms(2026, 12, 1, 14, 0, 0)
        .unwrap()
        .to_utc();
    assert_eq!(
        add_working_hours(local(27, 15, 0), 8, &holiday, msk()),
        tuesday
    );
}

fn request(s: &Settings) -> Request {
    open(
        Uuid::from_u128(1),
        Department::Finance,
        "Где закрывающие документы по счёту 118?",
        "Клиент просит акт и счёт-фактуру",
        Some(Uuid::from_u128(100)),
        "Орлов Пётр",
        local(26, 10, 0),
        s,
        msk(),
        Uuid::from_u128(500),
    )
    .unwrap()
}

#[test]
fn a_request_walks_its_steps_and_is_overdue_only_while_it_waits() {
    let s = Settings::default();
    let r = request(&s);
    assert_eq!(status(&r), Status::New);
    // Finance has eight working hours: Thursday 10:00 → Thursday 18:00.
    assert_eq!(r.due, local(26, 18, 0));
    assert!(!overdue(&r, local(26, 17, 0)));
    assert!(overdue(&r, local(26, 18, 30)));
    assert_eq!(
        step(&r, Status::Answered, "Финансы", "готово", local(26, 11, 0)),
        Err(RequestError::WrongStep)
    );
    let sent = step(
        &r,
        Status::WithDepartment,
        "Орлов Пётр",
        "",
        local(26, 10, 5),
    )
    .unwrap();
    assert_eq!(
        step(&sent, Status::Answered, "Финансы", " ", local(26, 11, 0)),
        Err(RequestError::NoText)
    );
    let answered = step(
        &sent,
        Status::Answered,
        "Финансы",
        "Акт отправлен почтой",
        local(27, 12, 0),
    )
    .unwrap();
    assert!(
        !overdue(&answered, local(28, 12, 0)),
        "answered late, but no longer waiting"
    );
    let relayed = step(
        &answered,
        Status::Relayed,
        "Орлов Пётр",
        "Сообщил клиенту",
        local(27, 15, 0),
    )
    .unwrap();
    let closed = step(&relayed, Status::Closed, "", "", local(27, 16, 0)).unwrap();
    assert_eq!(status(&closed), Status::Closed);
    assert_eq!(closed.messages.len(), 3);
    assert_eq!(
        open(
            Uuid::nil(),
            Department::Quality,
            " ",
            "",
            None,
            "",
            local(26, 10, 0),
            &s,
            msk(),
            Uuid::nil()
        ),
        Err(RequestError::NoSubject)
    );
}

#[test]
fn response_times_are_median_and_90th_percentile_in_working_hours() {
    let s = Settings::default();
    let base_req = request(&s);
    // Answers after 1, 2, 3 … 10 working hours, each relayed one hour later.
    let reqs: Vec<Request> = (1..=10u32)
        .map(|h| {
            let answered = add_working_hours(base_req.opened, h, &s, msk());
            Request {
                id: Uuid::from_u128(600 + u128::from(h)),
                sent: Some(base_req.opened),
                answered: Some(answered),
                relayed: Some(add_working_hours(answered, 1, &s, msk())),
                ..base_req.clone()
            }
        })
        .chain([Request {
            id: Uuid::from_u128(700),
            department: Department::Quality,
            opened: local(2, 10, 0),
            due: local(3, 10, 0),
            ..base_req.clone()
        }])
        .collect();
    let base = Base::from_batch(&Batch {
        requests: reqs,
        ..Batch::default()
    });
    let nov = Period::month_of(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
    let f = figures(&base, &nov, local(27, 12, 0), &s, msk());
    let finance = &f[0];
    assert_eq!(finance.department, Department::Finance);
    let a = finance.to_answer.unwrap();
    assert_eq!((a.median, a.p90, a.count), (5.5, 9.0, 10));
    let c = finance.to_client.unwrap();
    assert_eq!((c.median, c.p90), (1.0, 1.0));
    assert_eq!(finance.overdue, 0);
    let quality = &f[2];
    assert_eq!(quality.to_answer, None);
    assert_eq!(quality.overdue, 1);
}

#[test]
fn corporate_revenue_counts_corporate_clients_and_corporate_orders() {
    let t = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
    let corp = Client {
        corporate: true,
        ..Client::named(Uuid::from_u128(1), "Газпромнефть", t)
    };
    let other = Client::named(Uuid::from_u128(2), "Школа", t);
    let order = |n: u128, client: u128, source: OrderSource, kop: i64| Order {
        id: Uuid::from_u128(n),
        client: Uuid::from_u128(client),
        date: NaiveDate::from_ymd_opt(2026, 11, 10).unwrap(),
        lines: vec![OrderLine {
            product: None,
            description: "кубки".into(),
            qty: 1,
            price_kop: kop,
        }],
        source,
        stage: OrderStage::Closed,
        staff: None,
        letter: None,
        updated_at: t,
    };
    let base = Base::from_batch(&Batch {
        clients: vec![corp, other],
        orders: vec![
            order(10, 1, OrderSource::Sales, 100_00),
            order(11, 2, OrderSource::Corporate, 50_00),
            order(12, 2, OrderSource::Sales, 7_00),
        ],
        ..Batch::default()
    });
    let nov = Period::month_of(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
    assert_eq!(revenue(&base, &nov, msk()), 150_00);
    let contract = Contract {
        id: Uuid::from_u128(20),
        client: Uuid::from_u128(1),
        number: "К-118".into(),
        amount_kop: 100_00,
        stage: ContractStage::Signed,
        stages: vec![(ContractStage::Signed, t)],
        signed_on: t.date_naive(),
        updated_at: t,
    };
    let paid = advance(
        &contract,
        ContractStage::Paid,
        t + chrono::Duration::days(3),
    );
    assert_eq!(paid.stage, ContractStage::Paid);
    assert_eq!(paid.stages.len(), 2);
    // The paid contract counts in the month its money came, not before.
    let mut with_contract = base.clone();
    with_contract.apply(&Batch {
        contracts: vec![paid.clone()],
        ..Batch::default()
    });
    assert_eq!(revenue(&with_contract, &nov, msk()), 250_00);
    let october = Period::month_of(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
    assert_eq!(revenue(&with_contract, &october, msk()), 0);
    // Moved straight to «shipped», it was paid then.
    let shipped = advance(
        &contract,
        ContractStage::Shipped,
        t + chrono::Duration::days(5),
    );
    assert_eq!(
        paid_on(&shipped, msk()),
        NaiveDate::from_ymd_opt(2026, 11, 6)
    );
    assert_eq!(paid_on(&contract, msk()), None);
}

// Amounts are written roubles_kopecks (12_000_00 is 12 000 roubles).
#![allow(clippy::inconsistent_digit_grouping)]

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use super::deals::{self, DealError};
use super::*;
use crate::letters::figures::Period;

fn at(y: i32, m: u32, d: u32) -> Timestamp {
    Utc.with_ymd_and_hms(y, m, d, 10, 0, 0).unwrap()
}

fn id(n: u128) -> Id {
    Uuid::from_u128(n)
}

fn ids(from: u128) -> impl FnMut() -> Id {
    let mut n = from;
    move || {
        n += 1;
        id(n)
    }
}

fn person(n: u128, name: &str, role: Role) -> Staff {
    Staff {
        id: id(n),
        name: name.into(),
        role,
        capacity: 0,
        email: String::new(),
        phone: String::new(),
        active: true,
        updated_at: at(2025, 1, 1),
    }
}

fn owned(n: u128, name: &str, owner: Option<u128>, created: Timestamp) -> Client {
    Client {
        owner: owner.map(id),
        ..Client::named(id(n), name, created)
    }
}

fn base() -> Base {
    Base::from_batch(&Batch {
        staff: vec![
            person(100, "Петрова Анна", Role::Salesperson),
            person(101, "Орлов Пётр", Role::AccountManager),
        ],
        clients: vec![
            owned(1, "Вега", Some(100), at(2025, 1, 1)),
            owned(2, "Альфа", Some(100), at(2025, 1, 1)),
            owned(3, "Бета", Some(100), at(2026, 10, 1)),
            owned(4, "Гамма", None, at(2025, 1, 1)),
            owned(5, "Дельта", Some(101), at(2025, 1, 1)),
        ],
        activities: vec![
            Activity {
                id: id(50),
                client: id(1),
                staff: Some(id(100)),
                kind: ActivityKind::Call,
                at: at(2026, 11, 2),
                text: "договорились о встрече".into(),
                updated_at: at(2026, 11, 2),
            },
            Activity {
                id: id(51),
                client: id(2),
                staff: Some(id(100)),
                kind: ActivityKind::Meeting,
                at: at(2026, 3, 2),
                text: String::new(),
                updated_at: at(2026, 3, 2),
            },
        ],
        ..Batch::default()
    })
}

#[test]
fn a_book_lists_the_owners_clients_and_capacity_defaults_to_fifty() {
    let b = base();
    let names: Vec<&str> = book(&b, id(100)).iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Альфа", "Бета", "Вега"]);
    assert_eq!(capacity(b.staff.get(&id(100)).unwrap()), 50);
    assert_eq!(capacity(b.staff.get(&id(101)).unwrap()), 0);
}

#[test]
fn clients_gone_quiet_are_proposed_back_to_the_pool() {
    let b = base();
    let now = at(2026, 11, 27);
    // Альфа: last met in March, 270 days ago. Вега: called this month. Бета: new in October.
    // Дельта belongs to an account manager, not a salesperson.
    let q = quiet(&b, now, 180);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].client, id(2));
    assert_eq!(q[0].last, Some(at(2026, 3, 2)));
    // «Keep»: a note logged today resets the count.
    let mut b2 = b.clone();
    b2.apply(&log(
        id(2),
        Some(id(100)),
        ActivityKind::Note,
        "оставляю: ждёт тендер",
        now,
        id(60),
    ));
    assert!(quiet(&b2, now, 180).is_empty());
    // A shorter setting catches more.
    assert_eq!(quiet(&b, now, 30).len(), 2);
}

#[test]
fn reassigning_and_releasing_are_logged_with_who_had_the_client() {
    let b = base();
    let now = at(2026, 11, 27);
    let batch = reassign(&b, id(2), Some(id(101)), Some(id(100)), now, ids(900)).unwrap();
    assert_eq!(batch.clients[0].owner, Some(id(101)));
    assert_eq!(batch.activities[0].kind, ActivityKind::Reassigned);
    assert_eq!(batch.activities[0].text, "Петрова Анна");
    assert!(batch.changes.iter().any(|c| c.field == "owner"));
    let released = reassign(&b, id(2), None, Some(id(100)), now, ids(910)).unwrap();
    assert_eq!(released.clients[0].owner, None);
    assert_eq!(released.activities[0].kind, ActivityKind::Released);
    assert!(
        reassign(&b, id(4), None, None, now, ids(920)).is_none(),
        "nothing to do"
    );
    // The new owner's clock starts at the hand-over.
    let mut b2 = b.clone();
    b2.apply(&reassign(&b, id(2), Some(id(100)), None, now, ids(930)).unwrap_or_default());
    let mut b3 = b.clone();
    b3.apply(&batch);
    b3.apply(&reassign(&b3, id(2), Some(id(100)), None, now, ids(940)).unwrap());
    assert!(quiet(&b3, now + Duration::days(10), 180).is_empty());
}

#[test]
fn the_worked_share_counts_clients_their_owner_contacted() {
    let b = base();
    let (worked, total) = worked_share(&b, at(2026, 11, 27), 180);
    assert_eq!((worked, total), (1, 5));
}

#[test]
fn a_deal_moves_to_paid_and_becomes_an_order() {
    let mut b = base();
    let d = deals::open(
        id(1),
        Some(id(100)),
        "Кубки на турнир",
        12_000_00,
        at(2026, 11, 2),
        id(70),
    )
    .unwrap();
    assert_eq!(
        deals::open(id(1), None, "x", 0, at(2026, 11, 2), id(71)),
        Err(DealError::NoAmount)
    );
    b.apply(&Batch {
        deals: vec![d.clone()],
        ..Batch::default()
    });
    let invoiced =
        deals::move_to(&b, &d, DealStage::Invoiced, "", at(2026, 11, 3), || id(80)).unwrap();
    assert!(invoiced.orders.is_empty());
    b.apply(&invoiced);
    let d = b.deals.get(&id(70)).unwrap().clone();
    // Half paid: still invoiced; the rest completes it.
    let half = deals::pay(&b, &d, 6_000_00, at(2026, 11, 5), at(2026, 11, 5), || {
        id(81)
    })
    .unwrap();
    assert_eq!(half.deals[0].stage, DealStage::Invoiced);
    assert!(half.orders.is_empty());
    b.apply(&half);
    let d = b.deals.get(&id(70)).unwrap().clone();
    // The rest came on the 9th and is entered on the 11th: dated when the money came, edited now.
    let rest = deals::pay(&b, &d, 6_000_00, at(2026, 11, 9), at(2026, 11, 11), || {
        id(82)
    })
    .unwrap();
    assert_eq!(rest.deals[0].stage, DealStage::Paid);
    assert_eq!(rest.deals[0].updated_at, at(2026, 11, 11));
    assert_eq!(
        rest.deals[0].stages.last(),
        Some(&(DealStage::Paid, at(2026, 11, 9)))
    );
    assert_eq!(
        rest.deals[0].payments.last().map(|p| p.at),
        Some(at(2026, 11, 9))
    );
    assert_eq!(rest.orders[0].updated_at, at(2026, 11, 11));
    // A payment dated ahead is taken as today's.
    let ahead = deals::pay(&b, &d, 100, at(2026, 12, 9), at(2026, 11, 11), || id(89)).unwrap();
    assert_eq!(
        ahead.deals[0].payments.last().map(|p| p.at),
        Some(at(2026, 11, 11))
    );
    assert_eq!(rest.deals[0].paid_kop(), 12_000_00);
    let order = &rest.orders[0];
    assert_eq!(
        (order.client, order.total_kop(), order.source),
        (id(1), 12_000_00, OrderSource::Sales)
    );
    assert_eq!(order.date, NaiveDate::from_ymd_opt(2026, 11, 9).unwrap());
    assert_eq!(order.staff, Some(id(100)));
    b.apply(&rest);
    assert_eq!(b.orders_of(&id(1)).len(), 1, "in the client's history");
    assert_eq!(b.revenue_of(&id(1)), 12_000_00);
    // Shipping keeps the one order, in step.
    let d = b.deals.get(&id(70)).unwrap().clone();
    let shipped =
        deals::move_to(&b, &d, DealStage::Shipped, "", at(2026, 11, 12), || id(83)).unwrap();
    assert_eq!(shipped.orders[0].id, order.id);
    assert_eq!(shipped.orders[0].stage, OrderStage::Shipped);
    b.apply(&shipped);
    let nov = Period::month_of(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
    assert_eq!(
        deals::revenue_by_staff(&b, &nov).get(&Some(id(100))),
        Some(&12_000_00)
    );
    let months = deals::revenue_by_month(&b, Some(id(100)), &Period::year_of(nov.from));
    assert_eq!(months.len(), 12);
    assert_eq!(months[10].1, 12_000_00);
    assert_eq!(
        deals::pipeline(&b, None).get(&DealStage::Shipped),
        Some(&(1, 12_000_00))
    );
}

#[test]
fn a_lost_deal_needs_a_reason_and_a_closed_one_stays_closed() {
    let b = base();
    let d = deals::open(
        id(2),
        Some(id(100)),
        "Медали",
        5_000_00,
        at(2026, 11, 2),
        id(72),
    )
    .unwrap();
    assert_eq!(
        deals::move_to(&b, &d, DealStage::Lost, " ", at(2026, 11, 3), || id(84)),
        Err(DealError::NoReason)
    );
    let lost = deals::move_to(
        &b,
        &d,
        DealStage::Lost,
        "дорого",
        at(2026, 11, 3),
        || id(85),
    )
    .unwrap();
    assert_eq!(lost.deals[0].lost_reason, "дорого");
    assert!(lost.orders.is_empty(), "no revenue from a lost deal");
    assert_eq!(
        deals::pay(
            &b,
            &lost.deals[0],
            100,
            at(2026, 11, 4),
            at(2026, 11, 4),
            || id(86)
        ),
        Err(DealError::Closed)
    );
}

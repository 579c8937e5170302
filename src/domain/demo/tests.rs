use std::collections::HashSet;

use super::*;
use crate::domain::validate::validate_client;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

#[test]
fn the_demo_is_deterministic() {
    let (_, a) = generate(today());
    let (_, b) = generate(today());
    assert_eq!(a, b);
}

#[test]
fn the_demo_is_a_realistic_awards_maker() {
    let (settings, b) = generate(today());
    assert!(!settings.company.is_empty());
    assert!(
        (3000..3100).contains(&b.clients.len()),
        "{}",
        b.clients.len()
    );
    assert!((35..=45).contains(&b.products.len()));
    let sellers: Vec<&Staff> = b
        .staff
        .iter()
        .filter(|s| s.role == Role::Salesperson)
        .collect();
    assert_eq!(sellers.len(), 6);
    for s in &sellers {
        let active = b.clients.iter().filter(|c| c.owner == Some(s.id)).count();
        assert!((45..=55).contains(&active), "{}: {active}", s.name);
    }
    let first = b.orders.iter().map(|o| o.date).min().unwrap();
    let last = b.orders.iter().map(|o| o.date).max().unwrap();
    assert!((last - first).num_days() > 3 * 365, "four years of orders");
    assert!(b.orders.len() > 4000);
    // Every order line names a product that existed on the order's date.
    for o in &b.orders {
        for l in &o.lines {
            let p = b.products.iter().find(|p| Some(p.id) == l.product).unwrap();
            assert!(p.introduced_on <= o.date);
        }
    }
    let segments: HashSet<&str> = b
        .clients
        .iter()
        .flat_map(|c| c.segments.iter().map(String::as_str))
        .collect();
    assert!(segments.len() >= 5, "{segments:?}");
    assert!(b.clients.iter().any(|c| c.kind == ClientKind::Person));
    let genders: HashSet<Option<Gender>> = b
        .clients
        .iter()
        .flat_map(|c| c.contacts.iter().map(|p| p.gender))
        .collect();
    assert!(
        genders.contains(&Some(Gender::Male))
            && genders.contains(&Some(Gender::Female))
            && genders.contains(&None)
    );
}

#[test]
fn demo_records_pass_validation_and_ids_are_unique() {
    let (_, b) = generate(today());
    for c in &b.clients {
        assert_eq!(validate_client(c), vec![], "{}", c.name);
    }
    let mut ids = HashSet::new();
    for id in b
        .clients
        .iter()
        .map(|c| c.id)
        .chain(b.orders.iter().map(|o| o.id))
        .chain(b.products.iter().map(|p| p.id))
    {
        assert!(ids.insert(id));
        assert_eq!(id.get_version_num(), 4);
    }
}

#[test]
fn feminine_surnames() {
    assert_eq!(feminine("Иванов"), "Иванова");
    assert_eq!(feminine("Соловьёв"), "Соловьёва");
    assert_eq!(feminine("Ильин"), "Ильина");
    assert_eq!(feminine("Белый"), "Белый");
}

#[test]
fn a_month_of_letters_that_agrees_with_the_base() {
    use crate::domain::base::Base;
    use crate::domain::letters::figures::{figures, Period};
    let (settings, b) = generate(today());
    let base = Base::from_batch(&b);
    assert!(b.letters.len() > 600, "{}", b.letters.len());
    let mut written = HashSet::new();
    for l in &b.letters {
        assert!(written.insert(l.client), "one letter per client in a cycle");
        assert!(settings.is_working_day(l.planned_for));
        assert!(l.planned_for < today());
        assert!(!l.body.is_empty() && !l.subject.is_empty());
        let c = base.clients.get(&l.client).unwrap();
        match l.response.as_ref().map(|r| r.kind) {
            Some(ResponseKind::Interested) => assert!(c.owner.is_some()),
            Some(ResponseKind::OptOut) => assert!(c.do_not_contact.is_some()),
            Some(ResponseKind::Returned) => assert!(c.addresses.iter().any(|a| a.returned)),
            _ => {}
        }
    }
    for s in b.staff.iter().filter(|s| s.role == Role::Salesperson) {
        let n = b.clients.iter().filter(|c| c.owner == Some(s.id)).count() as u32;
        assert!(n <= s.capacity, "{} over capacity: {n}", s.name);
    }
    let f = figures(&base, &settings, today(), Period::year_of(today()));
    assert!(f.sent as usize == b.letters.len() && f.handed_over > 0 && f.revenue_kop > 0);
    assert!(f.coverage() > 0.2 && f.coverage() < 0.5, "{}", f.coverage());
}

use std::collections::HashSet;

use super::*;
use crate::validate::validate_client;

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
    // Every catalogue line names a product that existed on the order's date (a deal's order is
    // one free-text line, as its invoice reads).
    for o in &b.orders {
        for l in o
            .lines
            .iter()
            .filter(|l| l.product.is_some() || o.source != OrderSource::Sales)
        {
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
    use crate::base::Base;
    use crate::letters::figures::{figures, Period};
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

#[test]
fn the_demo_sales_and_corporate_sections_have_work_to_show() {
    use crate::base::Base;
    use crate::{corporate, sales};
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let (settings, data) = generate(today);
    let b = Base::from_batch(&data);
    let now = chrono::Utc.from_utc_datetime(&today.and_hms_opt(12, 0, 0).unwrap());
    let sellers: Vec<&Staff> = b
        .staff
        .iter()
        .filter(|s| s.role == Role::Salesperson)
        .collect();
    for s in &sellers {
        let n = sales::book(&b, s.id).len();
        assert!((40..=50).contains(&n), "{}: {n}", s.name);
    }
    let quiet = sales::quiet(&b, now, settings.inactive_days).len();
    assert!((5..=60).contains(&quiet), "quiet: {quiet}");
    let (worked, total) = sales::worked_share(&b, now, 180);
    let share = worked as f64 / total as f64;
    assert!((0.05..0.15).contains(&share), "the seed's «10 %»: {share}");
    let stages: std::collections::HashSet<DealStage> = b.deals.iter().map(|d| d.stage).collect();
    assert_eq!(stages.len(), 6, "{stages:?}");
    for d in b
        .deals
        .iter()
        .filter(|d| d.stage >= DealStage::Paid && d.stage != DealStage::Lost)
    {
        let o = d
            .order
            .and_then(|o| b.orders.get(&o))
            .expect("a paid deal is an order");
        assert_eq!(o.total_kop(), d.amount_kop);
    }
    assert!(b.clients.iter().filter(|c| c.corporate).count() >= 20);
    assert!(b.contracts.len() >= 20);
    let tz = chrono::FixedOffset::east_opt(3 * 3600).unwrap();
    let period = crate::letters::figures::Period {
        from: today - chrono::Duration::days(90),
        to: today,
    };
    let f = corporate::figures(&b, &period, now, &settings, tz);
    assert!(f.iter().all(|d| d.to_answer.is_some()), "{f:?}");
    assert!(b
        .requests
        .iter()
        .any(|r| corporate::status(r) == corporate::Status::New));
    assert!(
        corporate::revenue(
            &b,
            &period,
            chrono::FixedOffset::east_opt(3 * 3600).unwrap()
        ) > 0
    );
}

#[test]
fn nothing_in_the_demo_is_dated_after_its_now() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let (_, b) = crate::demo::generate(today);
    let now = chrono::Utc.from_utc_datetime(&today.and_hms_opt(9, 0, 0).unwrap());
    // Every record's `updated_at`, of every kind, through the backup's JSON.
    let json =
        serde_json::to_value(crate::backup::write(&Default::default(), &b, now).unwrap()).unwrap();
    let file: serde_json::Value = serde_json::from_str(json.as_str().unwrap()).unwrap();
    for (kind, rows) in file.as_object().unwrap() {
        for r in rows.as_array().into_iter().flatten() {
            if let Some(t) = r.get("updated_at").and_then(|v| v.as_str()) {
                let t: chrono::DateTime<chrono::Utc> = t.parse().unwrap();
                assert!(t <= now, "{kind} {} is dated {t}, after {now}", r["id"]);
            }
        }
    }
}

#[test]
fn english_letters_only_for_foreign_companies() {
    let (_, b) = generate(today());
    let english: Vec<&Client> = b
        .clients
        .iter()
        .filter(|c| c.language == Lang::En)
        .collect();
    assert!(english.len() >= 10, "{}", english.len());
    for c in english {
        assert!(
            c.name.is_ascii() && c.segments == ["Иностранные компании"],
            "{c:?}"
        );
        assert!(c
            .contacts
            .iter()
            .all(|p| p.first.is_ascii() && p.last.is_ascii()));
    }
}

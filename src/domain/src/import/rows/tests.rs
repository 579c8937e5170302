use super::super::apply::{summary, to_batch, Summary};
use super::super::{decode, detect_delimiter, guess_columns, parse};
use super::*;
use chrono::{TimeZone, Utc};
use uuid::Uuid;

#[test]
fn names_lose_their_form_and_quotes() {
    assert_eq!(
        split_name("ООО «Ромашка»"),
        ("ООО".into(), "Ромашка".into())
    );
    assert_eq!(
        split_name("ооо \"Ромашка\""),
        ("ООО".into(), "Ромашка".into())
    );
    assert_eq!(
        split_name("ИП Иванов Иван"),
        ("ИП".into(), "Иванов Иван".into())
    );
    assert_eq!(
        split_name("Спортклуб «Старт»"),
        ("".into(), "Спортклуб «Старт»".into())
    );
    assert_eq!(
        split_name("АО «Заря» и «Восход»"),
        ("АО".into(), "«Заря» и «Восход»".into())
    );
}

#[test]
fn a_1c_file_becomes_checked_clients() {
    let at = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    let (_, demo) =
        crate::demo::generate_sized(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), 100);
    let known = demo
        .clients
        .iter()
        .find(|c| !c.phones.is_empty() && c.legal_form == "ООО")
        .unwrap();
    let phone = &known.phones[0].number;
    let text = format!(
        "Контрагент;ИНН;Телефон;Эл. почта;Адрес;Контактное лицо;Сегмент\n\
         ООО \"Новая заря\";7707083893;+7 912 000-11-22;zarya@mail.ru;\"620014, Екатеринбург,\nул. Малышева, 5\";Петрова Анна Сергеевна;Компании\n\
         ООО «{}»;;{phone};;;;\n\
         Новая заря, ООО;;8 (912) 000-11-22;;;;\n\
         Сидоров Пётр Ильич;12345;;не почта;;;Частные\n",
        known.name
    );
    let (text, _) = decode(&encoding_rs::WINDOWS_1251.encode(&text).0);
    let table = parse(&text, detect_delimiter(&text)).unwrap();
    let columns = guess_columns(&table.headers);
    let mut n = 0u128;
    let rows = to_clients(&table, &columns, at, || {
        n += 1;
        Uuid::from_u128(n)
    });
    assert_eq!(rows.len(), 4);
    let first = &rows[0].1;
    assert_eq!(
        (first.legal_form.as_str(), first.name.as_str()),
        ("ООО", "Новая заря")
    );
    assert_eq!(first.addresses[0].postcode, "620014");
    assert_eq!(first.contacts[0].gender, Some(Gender::Female));
    assert_eq!(first.segments, ["Компании"]);
    assert_eq!(rows[3].1.kind, ClientKind::Person);

    let lookup = Lookup::new(demo.clients.iter());
    let checked = check(rows, &lookup);
    assert_eq!(checked[0].verdict, Verdict::New);
    assert!(checked[0].problems.is_empty(), "{:?}", checked[0].problems);
    assert_eq!(checked[1].verdict, Verdict::Existing(known.id));
    assert_eq!(checked[2].verdict, Verdict::InFile(checked[0].line));
    let bad: Vec<&str> = checked[3]
        .problems
        .iter()
        .map(|(f, _)| f.as_str())
        .collect();
    assert!(
        bad.contains(&"inn") && bad.contains(&"emails[0].address"),
        "{bad:?}"
    );
    // Each row knows the line it starts on; the quoted address took two.
    assert_eq!(
        checked.iter().map(|r| r.line).collect::<Vec<_>>(),
        [2, 4, 5, 6]
    );
    assert_eq!(
        summary(&checked),
        Summary {
            new: 2,
            existing: 1,
            in_file: 1,
            with_problems: 1
        }
    );

    // All or nothing: a row with problems stops the import unless it is to be skipped.
    let base = crate::base::Base::from_batch(&demo);
    let ids = || {
        let mut k = 1000u128;
        move || {
            k += 1;
            Uuid::from_u128(k)
        }
    };
    assert_eq!(
        to_batch(&checked, &base, true, false, at, ids()),
        Err(vec![6])
    );
    let batch = to_batch(&checked, &base, true, true, at, ids()).unwrap();
    assert_eq!(
        batch.clients.len(),
        1,
        "the new row; the known one adds nothing new"
    );
    assert_eq!(batch.clients[0].name, "Новая заря");
    assert!(batch
        .changes
        .iter()
        .all(|e| e.client == batch.clients[0].id));

    // A known client with something new: filled in, nothing removed.
    let mut more = checked[1].clone();
    more.client.emails.push(Email {
        address: "new@known.ru".into(),
        label: String::new(),
    });
    let batch = to_batch(&[more], &base, true, false, at, ids()).unwrap();
    let updated = &batch.clients[0];
    assert_eq!(updated.id, known.id);
    assert_eq!(updated.name, known.name);
    assert!(updated.emails.iter().any(|e| e.address == "new@known.ru"));
    assert!(known.emails.iter().all(|e| updated.emails.contains(e)));
    let skipped = to_batch(&checked[1..2], &base, false, false, at, ids()).unwrap();
    assert!(skipped.clients.is_empty(), "not updating: skipped");
}

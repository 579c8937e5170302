use super::super::apply::{plan, summary, Fate, Summary};
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
        "Контрагент;ИНН;КПП;Телефон;Эл. почта;Адрес;Контактное лицо;Сегмент\n\
         ООО \"Новая заря\";7707083893;770701001;+7 912 000-11-22;zarya@mail.ru;\"620014, Екатеринбург,\nул. Малышева, 5\";Петрова Анна Сергеевна;Компании\n\
         ООО «{}»;;;{phone};;;;\n\
         Новая заря, ООО;;;8 (912) 000-11-22;;;;\n\
         Сидоров Пётр Ильич;12345;;;не почта;;;Частные\n",
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
    assert_eq!(first.kpp, "770701001");
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
    // Each row has its number as Excel shows it, though the quoted address spans two lines.
    assert_eq!(
        checked.iter().map(|r| r.line).collect::<Vec<_>>(),
        [2, 3, 4, 5]
    );
    assert_eq!(
        summary(&checked),
        Summary {
            new: 2,
            existing: 1,
            in_file: 1,
            with_warnings: 1,
            refused: 0,
        }
    );

    let base = crate::base::Base::from_batch(&demo);
    let ids = || {
        let mut k = 1000u128;
        move || {
            k += 1;
            Uuid::from_u128(k)
        }
    };
    // Doubtful values are kept as the file has them and reported; the repeat of row 2 (line 5)
    // adds nothing new to it; the known client has nothing new either.
    let p = plan(&checked, &base, true, at, ids());
    let fates: Vec<Fate> = p.fates.iter().map(|f| f.fate).collect();
    assert_eq!(
        fates,
        [
            Fate::Created(checked[0].client.id),
            Fate::Unchanged(known.id),
            Fate::MergedIntoRow(2),
            Fate::Created(checked[3].client.id),
        ]
    );
    assert_eq!(p.batch.clients.len(), 2);
    assert_eq!(p.batch.clients[0].name, "Новая заря");
    assert_eq!(p.batch.clients[1].inn, "12345", "kept, with its warning");
    assert_eq!(p.fates[3].problems.len(), 2);

    // A known client with something new: filled in, nothing removed; undone, it is as it was.
    let mut more = checked[1].clone();
    more.client.emails.push(Email {
        address: "new@known.ru".into(),
        label: String::new(),
    });
    let p = plan(&[more.clone()], &base, true, at, ids());
    let updated = &p.batch.clients[0];
    assert_eq!(p.fates[0].fate, Fate::Updated(known.id));
    assert_eq!(updated.id, known.id);
    assert_eq!(updated.name, known.name);
    assert!(updated.emails.iter().any(|e| e.address == "new@known.ru"));
    assert!(known.emails.iter().all(|e| updated.emails.contains(e)));
    assert_eq!(p.undo.before, std::slice::from_ref(known));
    let mut after = base.clone();
    after.apply(&p.batch);
    let later = at + chrono::Duration::hours(1);
    let (undo, kept) = p.undo.batch(&after, later);
    assert!(kept.is_empty());
    let mut back = undo.clients[0].clone();
    assert_eq!(
        back.updated_at, later,
        "newer than the import, so a merge keeps it"
    );
    back.updated_at = known.updated_at;
    assert_eq!(&back, known);
    // Edited after the import: the undo leaves it and says so.
    let mut edited = after.clients.get(&known.id).unwrap().clone();
    edited.updated_at = later;
    after.apply(&crate::base::Batch {
        clients: vec![edited],
        ..Default::default()
    });
    let (undo, kept) = p.undo.batch(&after, later);
    assert!(undo.clients.is_empty());
    assert_eq!(kept, [known.id]);
    let skipped = plan(&[more], &base, false, at, ids());
    assert!(skipped.batch.clients.is_empty(), "not updating: skipped");
    assert_eq!(skipped.fates[0].fate, Fate::Skipped(known.id));
}

/// What a 1C export of an old base looks like: Windows-1251, no postcodes, the whole address in
/// one field, extensions after a comma, the same client on several rows, a row with no name.
#[test]
fn a_1c_export_keeps_every_row_it_can_and_merges_repeated_rows() {
    let at = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    let text = "Наименование;Телефоны;Адрес;Эл. почта\n\
         ООО «Алтайские награды»;\"+7 (3852) 22-33-44, 457\";\"656965, Алтайский край, г. Барнаул, ул. Попова, д. 12\";info@altai-nagrady.ru\n\
         МБОУ СОШ № 5;8 (3852) 55-66-77;г. Бийск, ул. Ленина, 5;\n\
         ООО «Алтайские награды»;8 (3852) 99-88-77;\"Барнаул г, Попова ул, д. 12\";sale@altai-nagrady.ru\n\
         ;8 (3852) 11-11-11;;\n";
    let (text, _) = decode(&encoding_rs::WINDOWS_1251.encode(text).0);
    let table = parse(&text, detect_delimiter(&text)).unwrap();
    let mut n = 0u128;
    let rows = to_clients(&table, &guess_columns(&table.headers), at, || {
        n += 1;
        Uuid::from_u128(n)
    });
    let first = &rows[0].1;
    assert_eq!(
        first.phones.len(),
        1,
        "457 is an extension: {:?}",
        first.phones
    );
    assert_eq!(
        crate::contact::normalize_phone(&first.phones[0].number)
            .unwrap()
            .ext
            .as_deref(),
        Some("457")
    );
    let a = &first.addresses[0];
    assert_eq!(
        [&a.postcode, &a.region, &a.city, &a.street],
        ["656965", "Алтайский край", "Барнаул", "ул. Попова, д. 12"]
    );
    assert_eq!(rows[1].1.addresses[0].city, "Бийск");
    assert_eq!(rows[1].1.addresses[0].postcode, "", "no postcode: fine");

    let checked = check(rows, &Lookup::new(std::iter::empty()));
    assert!(checked[1].problems.is_empty(), "{:?}", checked[1].problems);
    let p = plan(&checked, &crate::base::Base::default(), true, at, || {
        Uuid::from_u128(999)
    });
    let fates: Vec<Fate> = p.fates.iter().map(|f| f.fate).collect();
    assert_eq!(
        fates,
        [
            Fate::Created(checked[0].client.id),
            Fate::Created(checked[1].client.id),
            Fate::MergedIntoRow(2),
            Fate::Refused,
        ]
    );
    let merged = p
        .batch
        .clients
        .iter()
        .find(|c| c.id == checked[0].client.id)
        .unwrap();
    assert_eq!(
        merged.phones.len(),
        2,
        "the repeat's phone joined the first row's"
    );
    assert_eq!(merged.emails.len(), 2);
    assert_eq!(p.undo.created.len(), 2);
    assert_eq!(summary(&checked).refused, 1);
}

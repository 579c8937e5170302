//! The backup format: round trips, golden files of every version, and every way a file can be bad.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{NaiveDate, TimeZone, Utc};
use pismo::domain::backup::{self, BackupError};
use pismo::domain::base::Base;
use pismo::domain::demo;
use pismo::domain::merge::plan_merge;
use pismo::domain::model::*;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn demo_text(clients: usize) -> String {
    let (settings, data) =
        demo::generate_sized(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), clients);
    backup::write(
        &settings,
        &data,
        Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap(),
    )
    .unwrap()
}

#[test]
fn a_backup_round_trips_exactly() {
    let (settings, data) =
        demo::generate_sized(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), 500);
    let at = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
    let text = backup::write(&settings, &data, at).unwrap();
    let (b, warnings) = backup::read(&text).unwrap();
    assert_eq!(b.data, data);
    assert_eq!(b.settings, settings);
    assert_eq!(b.exported_at, at);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn golden_v1_reads_with_every_record_type() {
    let text = fixture("backup-v1.json");
    let (b, warnings) = backup::read(&text).unwrap();
    assert_eq!(b.version, 1);
    let d = &b.data;
    let c = d.counts();
    assert_eq!(
        (
            c.clients,
            c.products,
            c.orders,
            c.letters,
            c.staff,
            c.requests,
            c.changes,
            c.tombstones
        ),
        (2, 1, 1, 1, 1, 1, 1, 1)
    );
    assert_eq!(b.settings.company, "Лавровый венец");
    assert_eq!(b.settings.quota, 40);
    let romashka = &d.clients[0];
    assert_eq!(romashka.legal_form, "ООО");
    assert_eq!(romashka.contacts[0].patronymic, "Ивановна");
    assert_eq!(romashka.contacts[0].gender, Some(Gender::Female));
    assert_eq!(d.clients[1].kind, ClientKind::Person);
    assert_eq!(d.orders[0].total_kop(), 10 * 180_000 + 50 * 25_000);
    assert_eq!(
        d.letters[0].response.as_ref().map(|r| r.kind),
        Some(ResponseKind::Interested)
    );
    assert_eq!(d.requests[0].department, Department::Finance);
    assert_eq!(d.tombstones[0].kind, RecordKind::Client);
    // The second client's phone is written the way it was typed years ago: kept, and flagged.
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].path, "clients[1].phones[0].number");
}

#[test]
fn golden_v1_is_what_this_version_writes() {
    // If this fails, the format changed: bump the version, keep the old reader, add a golden file.
    // The first v1 file reads, and writes as the current one (fields added since are optional
    // and have defaults: the settings of the sales and corporate sections).
    let text = fixture("backup-v1.json");
    let current = fixture("backup-v1-current.json");
    let (b, _) = backup::read(&text).unwrap();
    let again = backup::write_pretty(&b.settings, &b.data, b.exported_at).unwrap();
    // The writing app's version is informative only.
    let app = |t: &str| {
        t.lines()
            .filter(|l| !l.trim_start().starts_with("\"app\""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(app(&again), app(&current));
}

#[test]
fn bad_files_are_refused_with_what_and_where() {
    let good = demo_text(20);
    // The reader that keeps each record's text refuses the same files with the same message.
    let err = |t: &str| {
        let e = backup::read(t).unwrap_err();
        assert_eq!(backup::read_keeping(t.to_string()).unwrap_err(), e);
        e
    };
    assert_eq!(err(""), BackupError::Empty);
    let mut half = good.len() / 2;
    while !good.is_char_boundary(half) {
        half -= 1;
    }
    assert!(matches!(
        err(&good[..half]),
        BackupError::Syntax { line: 1, .. }
    ));
    assert!(matches!(err("<html>"), BackupError::Syntax { .. }));
    assert_eq!(err(r#"{"hello": "world"}"#), BackupError::NotPismo);
    assert_eq!(err(r#"[1, 2, 3]"#), BackupError::NotPismo);
    assert_eq!(
        err(
            r#"{"format": "pismo-backup", "version": 7, "exported_at": "2030-01-01T00:00:00Z", "clients": [{"x": 1}]}"#
        ),
        BackupError::UnsupportedVersion { version: 7 }
    );
    let bad_id = good.replacen(r#""id":""#, r#""id":"x"#, 1);
    match err(&bad_id) {
        BackupError::Invalid { path, .. } => assert_eq!(path, "clients[0].id"),
        e => panic!("{e:?}"),
    }
    let bad_date = good.replacen(r#""date":""#, r#""date":"yesterday"#, 1);
    match err(&bad_date) {
        BackupError::Invalid { path, .. } => assert_eq!(path, "orders[0].date"),
        e => panic!("{e:?}"),
    }
    // A well-formed file that refers to what it does not hold.
    let (mut b, _) = backup::read(&good).unwrap();
    b.data.orders[0].client = uuid::Uuid::from_u128(42);
    let dangling = backup::write(&b.settings, &b.data, b.exported_at).unwrap();
    match err(&dangling) {
        BackupError::Invalid { path, message } => {
            assert_eq!(path, "orders[0].client");
            assert!(message.contains("not in the file"), "{message}");
        }
        e => panic!("{e:?}"),
    }
    let (mut b, _) = backup::read(&good).unwrap();
    let twin = b.data.clients[0].clone();
    b.data.clients.push(twin);
    let twice = backup::write(&b.settings, &b.data, b.exported_at).unwrap();
    assert!(
        matches!(err(&twice), BackupError::Invalid { path, .. } if path.starts_with("clients[") && path.ends_with("].id"))
    );
}

/// Each record's span in the file parses back to that very record, in the order of the backup.
fn spans_match<T: pismo::domain::record::Keyed + PartialEq + std::fmt::Debug>(
    b: &backup::Backup,
    rows: &[T],
) {
    let source = b.source.as_ref().expect("the text is kept");
    let texts = source
        .records::<T>(rows.len())
        .expect("one span per record");
    for (row, text) in rows.iter().zip(texts) {
        assert_eq!(&serde_json::from_str::<T>(text).unwrap(), row);
    }
}

#[test]
fn the_reader_that_keeps_the_text_reads_the_same_backup() {
    let (settings, data) =
        demo::generate_sized(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), 300);
    let at = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
    let compact = backup::write(&settings, &data, at).unwrap();
    let pretty = backup::write_pretty(&settings, &data, at).unwrap();
    let mut odd = String::from('\u{feff}');
    odd.push_str(&compact.replacen('{', r#"{"later": {"a": [1, "]"]},"#, 1));
    for text in [compact, pretty, odd, fixture("backup-v1.json")] {
        let (plain, w1) = backup::read(&text).unwrap();
        let (kept, w2) = backup::read_keeping(text.clone()).unwrap();
        assert_eq!(
            (&kept.data, &kept.settings, kept.exported_at, w1.len()),
            (&plain.data, &plain.settings, plain.exported_at, w2.len())
        );
        let d = &kept.data;
        spans_match(&kept, &d.clients);
        spans_match(&kept, &d.orders);
        spans_match(&kept, &d.letters);
        spans_match(&kept, &d.staff);
        spans_match(&kept, &d.requests);
        spans_match(&kept, &d.deals);
        spans_match(&kept, &d.activities);
        spans_match(&kept, &d.tombstones);
    }
}

#[test]
fn a_byte_order_mark_and_unknown_fields_are_accepted() {
    let mut text = String::from('\u{feff}');
    text.push_str(&demo_text(10).replacen('{', r#"{"written_by_a_later_minor":true,"#, 1));
    assert!(backup::read(&text).is_ok());
}

#[test]
fn html_in_the_data_stays_text() {
    let (mut settings, mut data) =
        demo::generate_sized(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), 5);
    data.clients[0].name = "<script>alert(1)</script>".into();
    settings.company = "\"quoted\" & <b>".into();
    let text = backup::write(&settings, &data, Utc::now()).unwrap();
    let (b, _) = backup::read(&text).unwrap();
    assert_eq!(b.data.clients[0].name, "<script>alert(1)</script>");
    assert_eq!(b.settings.company, "\"quoted\" & <b>");
}

#[test]
fn importing_the_same_backup_twice_changes_nothing_the_second_time() {
    let (b, _) = backup::read(&demo_text(50)).unwrap();
    let mut base = Base::default();
    let first = plan_merge(&base, &b.data);
    assert_eq!(
        first.stats.added,
        b.data.counts().total() - b.data.tombstones.len()
    );
    base.apply(&first.batch);
    let second = plan_merge(&base, &b.data);
    assert_eq!(
        second.stats.added + second.stats.updated + second.stats.deleted,
        0
    );
    assert!(second.batch.is_empty());
}

#[test]
fn the_base_writes_the_same_backup_as_its_copy() {
    let (settings, data) =
        demo::generate_sized(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), 300);
    let mut base = Base::from_batch(&data);
    // A deletion, so the tombstones are written too.
    let gone = base.clients.as_slice()[3].id;
    base.apply(&pismo::domain::base::Batch {
        tombstones: vec![Tombstone {
            id: gone,
            kind: RecordKind::Client,
            deleted_at: Utc.with_ymd_and_hms(2026, 11, 26, 11, 0, 0).unwrap(),
        }],
        ..Default::default()
    });
    let at = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
    let text = backup::write_base(&settings, &base, at, None).unwrap();
    assert_eq!(
        text,
        backup::write(&settings, &base.to_batch(), at).unwrap()
    );
    assert!(text.contains(&format!("\"tombstones\":[{{\"id\":\"{gone}\"")));
}

/// A hostile or hand-edited file: settings out of range and records that point at nothing are
/// refused with their path; absurd amounts and a staff member's bad phone are kept and warned of.
#[test]
fn settings_references_and_amounts_are_checked() {
    let good = demo_text(20);
    let refused = |edit: &dyn Fn(&mut backup::Backup)| {
        let (mut b, _) = backup::read(&good).unwrap();
        edit(&mut b);
        let text = backup::write(&b.settings, &b.data, b.exported_at).unwrap();
        match backup::read(&text).unwrap_err() {
            BackupError::Invalid { path, message } => format!("{path}: {message}"),
            e => panic!("{e:?}"),
        }
    };
    assert_eq!(
        refused(&|b| b.settings.cycle_days = u32::MAX),
        "settings.cycle_days: must be between 7 and 730"
    );
    assert_eq!(
        refused(&|b| b.settings.signature = "я".repeat(6_000_000)),
        "settings.signature: is longer than 2000 characters"
    );
    assert_eq!(
        refused(&|b| b.settings.working_days = [false; 7]),
        "settings.working_days: no day of the week is a working day"
    );
    let nobody = uuid::Uuid::from_u128(4242);
    type Edit = Box<dyn Fn(&mut backup::Backup)>;
    let dangling: [(&str, Edit); 6] = [
        (
            "deals[0].client",
            Box::new(move |b| b.data.deals[0].client = nobody),
        ),
        (
            "deals[0].staff",
            Box::new(move |b| b.data.deals[0].staff = Some(nobody)),
        ),
        (
            "activities[0].client",
            Box::new(move |b| b.data.activities[0].client = nobody),
        ),
        (
            "contracts[0].client",
            Box::new(move |b| b.data.contracts[0].client = nobody),
        ),
        (
            "orders[0].staff",
            Box::new(move |b| b.data.orders[0].staff = Some(nobody)),
        ),
        (
            "orders[0].letter",
            Box::new(move |b| b.data.orders[0].letter = Some(nobody)),
        ),
    ];
    for (path, edit) in dangling {
        let got = refused(&*edit);
        assert!(got.starts_with(&format!("{path}: refers to")), "{got}");
    }

    let (mut b, _) = backup::read(&good).unwrap();
    b.data.deals[0].amount_kop = i64::MAX;
    b.data.contracts[0].amount_kop = -5;
    b.data.staff[0].phone = "İİДОБ.ẞẞ5".into();
    b.data.letters[0].contact = Some(nobody);
    let text = backup::write(&b.settings, &b.data, b.exported_at).unwrap();
    let (_, warnings) = backup::read(&text).unwrap();
    let paths: Vec<&str> = warnings.iter().map(|w| w.path.as_str()).collect();
    for p in [
        "deals[0].amount_kop",
        "contracts[0].amount_kop",
        "staff[0].phone",
        "letters[0].contact",
    ] {
        assert!(paths.contains(&p), "{p} in {paths:?}");
    }
}

/// The day's letter queue and the postponements travel with a backup, so a base restored on
/// another computer does not write to a client twice; files without them read as before.
#[test]
fn the_days_letter_queue_travels_with_the_backup() {
    use pismo::domain::letters::day::{DayQueue, LettersDay};
    let (settings, data) = demo::generate_sized(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), 50);
    let base = Base::from_batch(&data);
    let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let ids: Vec<Id> = data.clients.iter().take(3).map(|c| c.id).collect();
    let mut queue = DayQueue::new(day, ids.clone());
    queue.skipped.push(ids[1]);
    let letters_day = LettersDay {
        queue: Some(queue),
        postponed: [(ids[2], day + chrono::Days::new(7))].into(),
    };
    let at = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
    let text = backup::write_base(&settings, &base, at, Some(&letters_day)).unwrap();
    let (read, _) = backup::read(&text).unwrap();
    assert_eq!(read.letters_day.as_ref(), Some(&letters_day));
    let (kept, _) = backup::read_keeping(text).unwrap();
    assert_eq!(kept.letters_day, Some(letters_day));
    let plain = backup::write_base(&settings, &base, at, None).unwrap();
    assert!(!plain.contains("letters_day"));
    assert_eq!(backup::read(&plain).unwrap().0.letters_day, None);
}

/// The encrypted container is a released format too: this file, sealed once, must keep opening.
#[test]
fn the_sealed_golden_file_opens_with_its_password() {
    use pismo::domain::backup::sealed;
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(format!("{dir}/backup-v1.pismoenc")).unwrap();
    let plain = sealed::open(&bytes, "Лавровый венец").unwrap();
    assert_eq!(
        plain,
        std::fs::read(format!("{dir}/backup-v1.json")).unwrap()
    );
    assert_eq!(
        sealed::open(&bytes, "Лавровый Венец"),
        Err(sealed::SealedError::WrongPasswordOrDamaged)
    );
}

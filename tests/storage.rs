//! The storage layer on real IndexedDB in headless Chromium.
#![cfg(target_arch = "wasm32")]

use chrono::{NaiveDate, TimeZone, Utc};
use pismo::domain::backup;
use pismo::domain::base::{Base, Batch};
use pismo::domain::demo;
use pismo::domain::model::RecordKind;
use pismo::storage::{Db, StorageError};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// A fresh database per test, so tests do not see each other's data.
async fn fresh(name: &str) -> Db {
    let _ = rexie::Rexie::delete(name).await;
    Db::open_named(name).await.expect("open a fresh database")
}

fn small_demo() -> Batch {
    demo::generate_sized(today(), 200).1
}

#[wasm_bindgen_test]
async fn put_get_and_query_survive_a_reopen() {
    let db = fresh("t-roundtrip").await;
    let mut batch = small_demo();
    // Every kind of record is in it: the demo's, and an address list with its log.
    let at = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    let filter = pismo::domain::model::ListFilter::default();
    batch.address_lists.push(pismo::domain::model::AddressList {
        id: uuid::Uuid::from_u128(9001),
        name: "Школы".into(),
        filter: filter.clone(),
        updated_at: at,
    });
    batch.mailings.push(pismo::domain::model::Mailing {
        id: uuid::Uuid::from_u128(9002),
        list: Some(uuid::Uuid::from_u128(9001)),
        name: "Школы".into(),
        filter,
        given_to: "Типография".into(),
        format: "csv-utf8".into(),
        addresses: 12,
        by: None,
        at,
        updated_at: at,
    });
    batch.snapshots.push(pismo::domain::model::Snapshot {
        id: uuid::Uuid::from_u128(9003),
        month: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        clients: 200,
        coverage: 0.4,
        confirmed_share: 0.7,
        invalid_contacts: 3,
        pending_duplicates: Some(4),
        updated_at: at,
    });
    let c = batch.counts();
    assert!(
        c.activities > 0 && c.deals > 0 && c.contracts > 0 && c.requests > 0,
        "{c:?}"
    );
    db.write(&batch).await.expect("write");
    db.close();

    let db = Db::open_named("t-roundtrip").await.expect("reopen");
    let loaded = db.load().await.expect("load");
    assert!(loaded.unreadable.is_empty());
    let base = loaded.base;
    assert_eq!(base.counts(), Base::from_batch(&batch).counts());
    assert_eq!(
        base.mailings.get(&uuid::Uuid::from_u128(9002)),
        batch.mailings.last()
    );
    assert_eq!(base.deals.get(&batch.deals[0].id), batch.deals.first());
    assert_eq!(
        base.snapshots.get(&uuid::Uuid::from_u128(9003)),
        batch.snapshots.last()
    );
    let c = &batch.clients[17];
    assert_eq!(base.clients.get(&c.id), Some(c));
    // A query over what was loaded: the orders of one client.
    let expected = batch.orders.iter().filter(|o| o.client == c.id).count();
    assert_eq!(base.orders_of(&c.id).len(), expected);
}

#[wasm_bindgen_test]
async fn kinds_can_be_read_apart() {
    let db = fresh("t-stores").await;
    let batch = small_demo();
    db.write(&batch).await.expect("write");
    let (first, bad) = db
        .load_stores(&pismo::domain::record::stores_loaded(
            pismo::domain::record::Load::First,
        ))
        .await
        .expect("first");
    assert!(bad.is_empty());
    assert_eq!(first.clients.len(), batch.clients.len());
    assert_eq!(first.staff.len(), batch.staff.len());
    assert!(first.orders.is_empty(), "orders come later");
    let (history, _) = db
        .load_stores(&pismo::domain::record::stores_loaded(
            pismo::domain::record::Load::History,
        ))
        .await
        .expect("history");
    assert_eq!(history.orders.len(), batch.orders.len());
    assert!(history.clients.is_empty());
}

#[wasm_bindgen_test]
async fn an_edit_and_a_delete_touch_only_their_records() {
    let db = fresh("t-edit").await;
    let batch = small_demo();
    db.write(&batch).await.expect("write");
    let mut edited = batch.clients[3].clone();
    edited.phones[0].number = "+7 900 111-22-33".into();
    edited.updated_at = Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap();
    db.write(&Batch {
        clients: vec![edited.clone()],
        ..Batch::default()
    })
    .await
    .expect("edit");
    let gone = batch.clients[4].id;
    let base = db.load().await.expect("load").base;
    let deletion = base.delete_client(gone, edited.updated_at);
    db.write(&deletion).await.expect("delete");

    let base = db.load().await.expect("load").base;
    assert_eq!(base.clients.get(&edited.id), Some(&edited));
    assert!(base.clients.get(&gone).is_none());
    assert!(
        base.orders.iter().all(|o| o.client != gone),
        "its orders went with it"
    );
    assert_eq!(
        base.tombstones.get(&gone).map(|t| t.kind),
        Some(RecordKind::Client)
    );
    assert_eq!(base.clients.len(), batch.clients.len() - 1);
}

#[wasm_bindgen_test]
async fn a_failing_entry_leaves_nothing_written() {
    let db = fresh("t-atomic").await;
    let batch = small_demo();
    db.write(&batch).await.expect("write");
    let before = db.load().await.expect("load").base.counts();

    // The last value cannot be stored (a function is not cloneable): the whole write must abort,
    // including the clear that came first.
    let bad = js_sys::Function::new_no_args("return 1");
    let entries = vec![
        ("client/00".to_string(), JsValue::from_str("[]")),
        ("client/01".to_string(), JsValue::from(bad)),
    ];
    let err = db.put_entries(entries, true).await;
    assert!(err.is_err(), "an uncloneable value must fail");

    let after = db.load().await.expect("load").base.counts();
    assert_eq!(before, after);
}

#[wasm_bindgen_test]
async fn replace_all_is_a_whole_import() {
    let db = fresh("t-replace").await;
    db.write(&small_demo()).await.expect("write");
    let other = demo::generate_sized(today(), 50).1;
    db.replace_all(&other).await.expect("replace");
    let base = db.load().await.expect("load").base;
    assert_eq!(base.counts(), Base::from_batch(&other).counts());
}

#[wasm_bindgen_test]
async fn a_corrupt_backup_changes_nothing() {
    let db = fresh("t-corrupt").await;
    let batch = small_demo();
    db.write(&batch).await.expect("write");
    let text = backup::write(&demo::settings(), &batch, Utc::now()).expect("export");
    // Cut in the middle, on a character boundary (the text is mostly Cyrillic).
    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    let cut = &text[..half];
    assert!(matches!(
        backup::read(cut),
        Err(backup::BackupError::Syntax { .. })
    ));
    let base = db.load().await.expect("load").base;
    assert_eq!(base.counts(), Base::from_batch(&batch).counts());
}

#[wasm_bindgen_test]
async fn a_bucket_that_does_not_parse_is_reported_and_kept() {
    let db = fresh("t-unreadable").await;
    db.write(&small_demo()).await.expect("write");
    db.put_entries(
        vec![("client/63".into(), JsValue::from_str("{not json"))],
        false,
    )
    .await
    .expect("plant a bad bucket");
    let loaded = db.load().await.expect("load");
    assert!(
        matches!(&loaded.unreadable[..], [StorageError::Codec { key, .. }] if key == "client/63")
    );
    // A write into the same bucket must not overwrite what could not be read.
    let mut c = loaded.base.clients.iter().next().unwrap().clone();
    c.id = uuid::Uuid::from_u128(63); // bucket 63
    c.updated_at = Utc::now();
    let err = db
        .write(&Batch {
            clients: vec![c],
            ..Batch::default()
        })
        .await;
    assert!(matches!(err, Err(StorageError::Codec { .. })));
}

/// Versions before 2026-11-27 stored each bucket as a JSON string; now they are UTF-8 bytes. A
/// base written by an older version must read, and an edit must keep the bucket's other records.
#[wasm_bindgen_test]
async fn buckets_stored_as_text_by_older_versions_still_read() {
    let db = fresh("t-text-buckets").await;
    let batch = small_demo();
    let mut old = Vec::new();
    for (k, bytes) in pismo::domain::base::buckets::encode(&batch, None).expect("encode") {
        let text = String::from_utf8(bytes).expect("UTF-8");
        old.push((k, JsValue::from_str(&text)));
    }
    db.put_entries(old, true).await.expect("store as text");
    let base = db.load().await.expect("load").base;
    assert_eq!(base.counts(), Base::from_batch(&batch).counts());

    let mut edited = batch.clients[0].clone();
    edited.name = "ООО «Переименованное»".into();
    edited.updated_at = Utc::now();
    db.write(&Batch {
        clients: vec![edited.clone()],
        ..Batch::default()
    })
    .await
    .expect("edit a text bucket");
    let loaded = db.load().await.expect("reload");
    assert!(loaded.unreadable.is_empty());
    assert_eq!(loaded.base.clients.len(), batch.clients.len());
    assert_eq!(
        loaded.base.clients.get(&edited.id).map(|c| c.name.as_str()),
        Some("ООО «Переименованное»")
    );
}

#[wasm_bindgen_test]
async fn upgrade_keeps_data_and_a_newer_database_is_named() {
    let name = "t-upgrade";
    let db = fresh(name).await;
    let batch = small_demo();
    db.write(&batch).await.expect("write");
    db.close();
    // The next schema version opens the same data (stores kept, nothing lost).
    let db = Db::open_at(name, pismo::storage::SCHEMA_VERSION + 1)
        .await
        .expect("upgrade");
    assert_eq!(
        db.load().await.expect("load").base.clients.len(),
        batch.clients.len()
    );
    db.close();
    // An older app meeting the newer database gets a named error, not a panic.
    let err = Db::open_at(name, pismo::storage::SCHEMA_VERSION)
        .await
        .err();
    assert_eq!(err, Some(StorageError::VersionTooNew));
}

#[wasm_bindgen_test]
async fn meta_values_round_trip() {
    let db = fresh("t-meta").await;
    assert_eq!(db.get_meta("queue").await.expect("get"), None);
    db.set_meta("queue", "[1,2]").await.expect("set");
    assert_eq!(
        db.get_meta("queue").await.expect("get").as_deref(),
        Some("[1,2]")
    );
}

#[wasm_bindgen_test]
fn settings_round_trip_in_local_storage() {
    let mut s = pismo::storage::load_settings().expect("load");
    s.quota = 37;
    s.company = "Тест".into();
    pismo::storage::save_settings(&s).expect("save");
    assert_eq!(pismo::storage::load_settings().expect("reload"), s);
}

#[wasm_bindgen_test]
async fn a_merge_and_its_undo_are_stored_whole() {
    use pismo::domain::dedup::{self, merge};
    let db = fresh("t-merge").await;
    let batch = small_demo();
    db.write(&batch).await.expect("write");
    let base = Base::from_batch(&batch);
    let found = dedup::find(
        &dedup::profiles(base.clients.iter()),
        &Default::default(),
        &Default::default(),
    );
    let pair = &found.first().expect("the demo plants duplicates").members;
    let at = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
    let mut n = 0u128;
    let merged = merge::merge(
        &base,
        pair[0],
        &pair[1..],
        &merge::Choices::all_from(pair[0]),
        at,
        || {
            n += 1;
            uuid::Uuid::from_u128(n)
        },
    )
    .expect("merge");
    db.write(&merged).await.expect("write the merge");
    let stored = db.load().await.expect("load").base;
    assert_eq!(stored.decisions.len(), 1, "the decision is stored");
    assert_eq!(
        stored.clients.get(&pair[1]).and_then(|c| c.merged_into),
        Some(pair[0])
    );
    let later = Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap();
    let undone = merge::undo(&stored, merged.decisions[0].id, later).expect("undo");
    db.write(&undone).await.expect("write the undo");
    let back = db.load().await.expect("load").base;
    assert_eq!(back.clients.get(&pair[1]).and_then(|c| c.merged_into), None);
    for c in &batch.clients {
        if pair.contains(&c.id) {
            let restored = back.clients.get(&c.id).expect("kept");
            assert_eq!(restored.name, c.name);
            assert_eq!(restored.phones, c.phones);
        }
    }
    assert_eq!(back.orders.len(), batch.orders.len());
    for o in &batch.orders {
        assert_eq!(back.orders.get(&o.id).map(|x| x.client), Some(o.client));
    }
}

#[wasm_bindgen_test]
async fn a_backup_replaces_the_base_with_its_records_own_text() {
    let db = fresh("t-source").await;
    let (settings, data) = demo::generate_sized(today(), 200);
    // Indented, so each record's text has line breaks and spaces inside.
    let at = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    let text = backup::write_pretty(&settings, &data, at).unwrap();
    let (b, _) = backup::read_keeping(text).unwrap();
    assert!(b.source.is_some());
    db.replace_all_from(&b.data, b.source.as_deref())
        .await
        .expect("write");
    db.close();

    let db = Db::open_named("t-source").await.expect("reopen");
    let loaded = db.load().await.expect("load");
    assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
    let base = loaded.base;
    assert_eq!(base.counts(), Base::from_batch(&data).counts());
    for c in &data.clients {
        assert_eq!(base.clients.get(&c.id), Some(c));
    }
    for o in &data.orders {
        assert_eq!(base.orders.get(&o.id), Some(o));
    }
    for d in &data.deals {
        assert_eq!(base.deals.get(&d.id), Some(d));
    }
}

/// A replaced base and what comes with it (settings, the letter queue) are one outcome: stored
/// together, or neither when the records fail.
#[wasm_bindgen_test]
async fn meta_of_a_replaced_base_is_stored_with_its_records_or_not_at_all() {
    let db = fresh("t-replace-meta").await;
    let other = demo::generate_sized(today(), 30).1;
    db.replace_all_with(
        &other,
        None,
        &[("pending_settings", "{\"quota\":12}".into())],
    )
    .await
    .expect("replace");
    assert_eq!(
        db.get_meta("pending_settings")
            .await
            .expect("meta")
            .as_deref(),
        Some("{\"quota\":12}")
    );
    let before = db.load().await.expect("load").base.counts();

    let bad = js_sys::Function::new_no_args("return 1");
    let entries = vec![("client/01".to_string(), JsValue::from(bad))];
    let err = db
        .put_entries_with(
            entries,
            true,
            &[("pending_settings", "{\"quota\":99}".into())],
        )
        .await;
    assert!(err.is_err());
    assert_eq!(
        db.get_meta("pending_settings")
            .await
            .expect("meta")
            .as_deref(),
        Some("{\"quota\":12}"),
        "the settings of the failed replace were not stored"
    );
    assert_eq!(db.load().await.expect("load").base.counts(), before);
}

/// Two tabs on one database: an edit from a version another tab has saved over is refused (to be
/// merged), and no write from a tab that holds a replaced base lands in the new one.
#[wasm_bindgen_test]
async fn an_edit_from_an_old_version_or_an_old_base_is_refused() {
    use pismo::storage::StorageError;
    let one = fresh("t-two-tabs").await;
    one.replace_all(&small_demo()).await.expect("replace");
    let two = Db::open_named("t-two-tabs").await.expect("second tab");
    two.read_generation().await.expect("generation");

    let base = one.load().await.expect("load").base;
    let original = base.clients.iter().next().expect("a client").clone();
    let mut renamed = original.clone();
    renamed.name.push_str(" (one)");
    renamed.updated_at += chrono::Duration::seconds(1);
    let expected = [original.clone()];
    let batch = |c: &pismo::domain::model::Client| Batch {
        clients: vec![c.clone()],
        ..Batch::default()
    };
    one.write_expecting(&batch(&renamed), &expected)
        .await
        .expect("the first save");
    let mut noted = original.clone();
    noted.notes = "from two".into();
    noted.updated_at += chrono::Duration::seconds(2);
    assert_eq!(
        two.write_expecting(&batch(&noted), &expected).await,
        Err(StorageError::Changed(vec![original.id])),
        "saved meanwhile by the other tab"
    );
    let stored = two.load().await.expect("load").base;
    assert_eq!(
        stored.clients.get(&original.id),
        Some(&renamed),
        "nothing of the refused save"
    );

    // Tab one replaces the whole base; tab two's next write must not land in it.
    one.replace_all(&demo::generate_sized(today(), 20).1)
        .await
        .expect("replace");
    assert_eq!(two.write(&batch(&noted)).await, Err(StorageError::Replaced));
    let after = one.load().await.expect("load").base;
    assert!(
        after.clients.get(&original.id).is_none(),
        "no client of the old base"
    );
    two.read_generation().await.expect("reload");
    two.write(&batch(&noted))
        .await
        .expect("after a reload it writes");
}

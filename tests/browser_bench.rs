//! Browser benchmark (`make bench`, not a test): the same figures as tests/bench/native.rs, in
//! headless Chromium on real IndexedDB, for 10,000 and 100,000 generated clients. It prints; it
//! asserts nothing about time.
#![cfg(target_arch = "wasm32")]

use chrono::{NaiveDate, Utc};
use pismo::domain::backup;
use pismo::domain::base::Base;
use pismo::domain::letters::{rotation, send};
use pismo::domain::search::{SearchIndex, TokenBuilder};
use pismo::domain::{dedup, demo};
use pismo::storage::Db;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets the page breathe between figures: the test runner's driver gives up on a page that
/// does not answer for 7 s, and the 100k figures run back to back.
async fn tick() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Prints a figure, with its ratio where DESIGN.md sets a budget for that size.
fn report(name: &str, ms: f64, budget: Option<f64>) {
    match budget {
        Some(b) => console_log!(
            "BENCH {:<46} {:>9.1} ms  budget {:>6.0}  ratio {:.2}",
            name,
            ms,
            b,
            ms / b
        ),
        None => console_log!("BENCH {:<46} {:>9.1} ms", name, ms),
    }
}

/// A 50,000-row CSV checked against the base, piece by piece as the import page runs it between
/// repaints: what freezes the page is the longest piece, not the total.
async fn import_50k(clients: &[pismo::domain::model::Client], base: &Base) {
    use pismo::domain::import::{self, rows};
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    w.write_record(["Наименование", "ИНН", "Телефон", "E-mail", "Город", "Адрес"])
        .unwrap();
    for c in clients {
        let first = |v: Vec<String>| v.into_iter().next().unwrap_or_default();
        let a = c.addresses.first().cloned().unwrap_or_default();
        w.write_record([
            format!("{} {}", c.legal_form, c.name),
            c.inn.clone(),
            first(c.phones.iter().map(|p| p.number.clone()).collect()),
            first(c.emails.iter().map(|e| e.address.clone()).collect()),
            a.city,
            a.street,
        ])
        .unwrap();
    }
    let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let t = now_ms();
    let table = import::parse(&text, import::detect_delimiter(&text)).unwrap();
    let columns = import::guess_columns(&table.headers);
    let mut n = 0u128;
    let rows = rows::to_clients(&table, &columns, Utc::now(), || {
        n += 1;
        uuid::Uuid::from_u128(n)
    });
    report("import 50k rows: parse and map", now_ms() - t, None);
    tick().await;
    // The pieces the import page runs between repaints: profiles 5,000 at a time, then the
    // repeats inside the file on the ready profiles, then lookups against the base in slices.
    let t = now_ms();
    let file = dedup::profiles(rows[..5000].iter().map(|(_, c)| c));
    report("import 50k rows: 5000 rows profiled", now_ms() - t, None);
    let mut file_profiles = file;
    file_profiles.extend(dedup::profiles(rows[5000..].iter().map(|(_, c)| c)));
    tick().await;
    let t = now_ms();
    let checked = rows::check_with(
        rows,
        &file_profiles,
        &dedup::Lookup::new(std::iter::empty()),
    );
    report(
        "import 50k rows: repeats inside the file",
        now_ms() - t,
        None,
    );
    tick().await;
    let t = now_ms();
    let base_profiles = dedup::profiles(base.clients.as_slice()[..5000].iter());
    report(
        "import 50k rows: 5000 base clients profiled",
        now_ms() - t,
        None,
    );
    let mut all = base_profiles;
    all.extend(dedup::profiles(base.clients.as_slice()[5000..].iter()));
    tick().await;
    let t = now_ms();
    let lookup = dedup::Lookup::from_profiles(all);
    report(
        "import 50k rows: the base's lookup from profiles",
        now_ms() - t,
        None,
    );
    tick().await;
    let t = now_ms();
    let slice: Vec<_> = checked[..2000]
        .iter()
        .map(|r| rows::check(vec![(r.line, r.client.clone())], &lookup))
        .collect();
    report(
        "import 50k rows: one slice of 2000 against the base",
        now_ms() - t,
        None,
    );
    assert_eq!(slice.len(), 2000);
}

#[wasm_bindgen_test]
async fn figures_in_the_browser() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    for n in [10_000usize, 100_000] {
        let k = n / 1000;
        let big = n == 100_000;
        let (settings, data) = demo::generate_sized(today, n);
        let t = now_ms();
        let text = backup::write(&settings, &data, Utc::now()).unwrap();
        report(
            &format!("backup export {k}k ({} MB)", text.len() / 1_048_576),
            now_ms() - t,
            big.then_some(1000.0),
        );
        // What the download adds: the bytes copied into a Blob (as `app::browser::download`).
        let t = now_ms();
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(text.as_bytes()).into());
        let blob = web_sys::Blob::new_with_buffer_source_sequence(&parts).unwrap();
        report(&format!("  then into a Blob {k}k"), now_ms() - t, None);
        assert_eq!(blob.size() as usize, text.len());
        // An encrypted export and its import: WebCrypto, as the backup page runs it.
        let t = now_ms();
        let sealed = pismo::app::sealed::seal(text.as_bytes(), "bench password")
            .await
            .unwrap();
        report(
            &format!("backup encrypt {k}k (PBKDF2 + AES-GCM)"),
            now_ms() - t,
            None,
        );
        let t = now_ms();
        let opened = pismo::app::sealed::open(&sealed, "bench password")
            .await
            .unwrap();
        report(&format!("backup decrypt {k}k"), now_ms() - t, None);
        assert_eq!(opened.len(), text.len());
        drop((sealed, opened));
        tick().await;

        let name = format!("pismo-bench-{n}");
        let _ = rexie::Rexie::delete(&name).await;
        let db = Db::open_named(&name).await.unwrap();
        // As the backup page does: the file's text is kept and its records stored as written.
        let file = text.clone();
        let t = now_ms();
        let (parsed, _) = backup::read_keeping(file).unwrap();
        let parse = now_ms() - t;
        db.replace_all_from(&parsed.data, parsed.source.as_deref())
            .await
            .unwrap();
        report(
            &format!("backup import {k}k (validate+write)"),
            now_ms() - t,
            big.then_some(3000.0),
        );
        report(&format!("  of which parse+validate {k}k"), parse, None);
        drop(text);
        drop(parsed);

        let t = now_ms();
        let (first, _) = db
            .load_stores(&pismo::domain::record::stores_loaded(
                pismo::domain::record::Load::First,
            ))
            .await
            .unwrap();
        let load = now_ms() - t;
        let mut loaded = Base::from_batch(&first);
        let mut index = SearchIndex::order_only(loaded.clients.iter());
        let budget = Some(if big { 2000.0 } else { 500.0 });
        report(
            &format!("startup {k}k (clients read + list order)"),
            now_ms() - t,
            budget,
        );
        report(&format!("  of which read + parse {k}k"), load, None);
        let t = now_ms();
        let (history, _) = db
            .load_stores(&pismo::domain::record::stores_loaded(
                pismo::domain::record::Load::History,
            ))
            .await
            .unwrap();
        loaded.apply(&history);
        report(
            &format!("orders and history after that {k}k"),
            now_ms() - t,
            None,
        );
        let t = now_ms();
        let mut tokens = TokenBuilder::default();
        tokens.add(&index, loaded.clients.as_slice());
        index.set_tokens(tokens);
        report(
            &format!("search ready after that {k}k (in slices)"),
            now_ms() - t,
            None,
        );

        let base: &Base = &loaded;
        let c = base.clients.iter().nth(n / 3).unwrap();
        let digits: String = c.phones[0]
            .number
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let typed = format!("8 ({}) {}", &digits[1..4], &digits[4..]);
        let mut queries = Vec::new();
        for word in [
            c.name.as_str(),
            typed.as_str(),
            "info",
            "екатеринбург",
            "ив",
        ] {
            let chars: Vec<char> = word.chars().collect();
            for m in 1..=chars.len().min(12) {
                queries.push(chars[..m].iter().collect::<String>());
            }
        }
        let t = now_ms();
        let mut found = 0;
        for q in &queries {
            found += index.search(q).len();
        }
        let per = (now_ms() - t) / queries.len() as f64;
        report(&format!("search per keystroke {k}k"), per, Some(16.0));
        assert!(found > 0);

        let t = now_ms();
        let queue = rotation::plan_day(
            &rotation::candidates(base, today, &Default::default()),
            &settings,
            today,
        );
        report(
            &format!("letters: today's queue {k}k"),
            now_ms() - t,
            Some(50.0),
        );
        let t = now_ms();
        let drafts = send::day_letters(base, &settings, today, &queue);
        report(
            &format!("letters: the day's {} drafts {k}k", drafts.len()),
            now_ms() - t,
            Some(50.0),
        );
        assert_eq!(drafts.len(), settings.quota as usize);
        tick().await;
        let t = now_ms();
        let profiles = dedup::profiles(base.clients.iter());
        let clusters = dedup::find(&profiles, &Default::default(), &Default::default());
        report(
            &format!("duplicate scan {k}k"),
            now_ms() - t,
            big.then_some(5000.0),
        );
        assert!(!clusters.is_empty());
        if big {
            tick().await;
            let tb = dedup::testbase::generate(n, 10, 7);
            tick().await;
            import_50k(&tb.clients[..50_000], base).await;
        }
        tick().await;
        let t = now_ms();
        let lookup = dedup::Lookup::new(base.clients.iter());
        report(
            &format!("  lookup for typing built {k}k"),
            now_ms() - t,
            None,
        );
        let model = base.clients.iter().nth(n / 2).unwrap().clone();
        let mut typed = model.clone();
        typed.id = uuid::Uuid::nil();
        typed.phones.clear();
        let mut steps = 0.0;
        let t = now_ms();
        for m in 1..=model.name.chars().count().min(15) {
            typed.name = model.name.chars().take(m).collect();
            let _ = lookup.likely(&typed, &Default::default(), 5);
            steps += 1.0;
        }
        typed.phones = model.phones.clone();
        let found = lookup.likely(&typed, &Default::default(), 5);
        steps += 1.0;
        report(
            &format!("likely duplicates while typing {k}k"),
            (now_ms() - t) / steps,
            Some(50.0),
        );
        assert!(!found.is_empty());

        let mut edited = c.clone();
        edited.phones[0].number = "+7 900 000-00-00".into();
        edited.updated_at = Utc::now();
        let batch = pismo::domain::base::Batch {
            clients: vec![edited],
            ..Default::default()
        };
        let t = now_ms();
        db.write(&batch).await.unwrap();
        report(&format!("one client saved {k}k"), now_ms() - t, None);
        // What another tab does with that save (app::change::receive and apply, without the
        // repaint): read the touched bucket back, pick the record, apply it, re-index it.
        let changed = pismo::domain::base::Changed::of(&batch);
        let t = now_ms();
        let (stored, unreadable) = db.read_buckets(&changed.bucket_keys()).await.unwrap();
        let arrived = changed.pick(stored);
        loaded.apply(&arrived);
        for c in &arrived.clients {
            index.update(c);
        }
        report(
            &format!("an edit from another tab applied {k}k"),
            now_ms() - t,
            Some(200.0),
        );
        assert!(unreadable.is_empty());
        assert_eq!(arrived.clients.len(), 1);
        assert_eq!(index.search("+7 900 000-00-00").len(), 1);
        db.close();
        let _ = rexie::Rexie::delete(&name).await;
    }
}

/// The duplicate scan on the test bases `make bench-dedup` uses (10 % corrupted copies): Russian
/// business clients, the same made hard, and private persons with a name and an address only —
/// in two pieces, as the app runs it: the profiles a slice at a time, then the search.
#[wasm_bindgen_test]
async fn duplicate_scan_in_the_browser() {
    use dedup::testbase::{generate_with, quality, Difficulty};
    for n in [10_000usize, 100_000] {
        let k = n / 1000;
        for difficulty in [Difficulty::Usual, Difficulty::Hard, Difficulty::Persons] {
            tick().await;
            let tb = generate_with(n, 10, 7, difficulty);
            tick().await;
            let t = now_ms();
            let mut profiles = Vec::new();
            for chunk in tb.clients.chunks(5000) {
                profiles.extend(dedup::profiles(chunk.iter()));
                tick().await;
            }
            let profiled = now_ms() - t;
            let t = now_ms();
            let found = dedup::find(&profiles, &Default::default(), &Default::default());
            let searched = now_ms() - t;
            let label = format!("{difficulty:?} {k}k ({} records)", tb.clients.len());
            report(
                &format!("duplicate scan, test base {label}"),
                profiled + searched,
                (n == 100_000).then_some(5000.0),
            );
            report(
                &format!("  of which profiles (in slices) {k}k"),
                profiled,
                None,
            );
            report(
                &format!("  of which the search (one piece) {k}k"),
                searched,
                None,
            );
            let proposed: Vec<Vec<uuid::Uuid>> = found.into_iter().map(|c| c.members).collect();
            let (p, r, f1) = quality(&proposed, &tb.truth);
            console_log!("BENCH   precision {p:.3}, recall {r:.3}, F1 {f1:.3}");
            assert!(f1 > 0.5, "{label}: F1 {f1}");
        }
    }
}

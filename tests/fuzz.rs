//! A bounded-time fuzzer for the two readers of outside files: backups and CSV. It mutates the
//! corpus in `tests/fuzz-corpus/` (real-looking files: a 1C export in Windows-1251, an Excel file with
//! a byte-order mark and broken quotes, a demo backup with every kind of record, the first v1
//! golden file) and feeds every mutant through everything a file goes through on import: reading,
//! checking, the import plan. A panic fails the test, and the input is written to
//! `target/fuzz-crashes/` to reproduce it.
//!
//! Not coverage-guided (that needs a nightly compiler or AFL): mutations are chosen to reach the
//! places parsers break — cut files, repeated and swapped pieces, quotes, delimiters, line breaks,
//! byte-order marks, numbers at their limits, text that changes length with its case.
//!
//! `PISMO_FUZZ_SECONDS` sets the time per reader (default 10, as `make test` runs it);
//! `PISMO_FUZZ_SEED` replays a run (the seed is printed).

#![cfg(not(target_arch = "wasm32"))]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use pismo::domain::base::Base;
use pismo::domain::demo::Rng;
use pismo::domain::{backup, dedup, import};

/// Pieces worth inserting: what parsers of JSON and CSV get wrong.
const TOKENS: &[&str] = &[
    "\"",
    "\"\"",
    ";",
    ",",
    "\t",
    "\n",
    "\r\n",
    "\u{feff}",
    "{",
    "}",
    "[",
    "]",
    ":",
    "null",
    "-1",
    "4294967295",
    "18446744073709551616",
    "1e999",
    "\"id\":",
    "\"clients\":[]",
    "İ",
    "ẞ",
    "\u{200b}",
    "\\u0000",
    "\\ud800",
    "доб. 5",
    "@",
    "=HYPERLINK(",
    "'",
    "\u{0}",
    "😀",
];

fn corpus(kind: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-corpus")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read(f).expect("corpus file"))
        .collect()
}

fn mutate(rng: &mut Rng, input: &[u8], others: &[Vec<u8>]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = v.len().max(1);
        let at = rng.below(len + 1).min(v.len());
        match rng.below(8) {
            0 => v.truncate(at),
            1 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            2 => {
                let end = (at + rng.below(64)).min(v.len());
                v.drain(at..end);
            }
            3 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                v.splice(at..at, t.iter().copied());
            }
            4 => {
                let end = (at + rng.below(256)).min(v.len());
                let piece = v[at..end].to_vec();
                let to = rng.below(v.len() + 1);
                v.splice(to..to, piece);
            }
            5 if !others.is_empty() => {
                let o = &others[rng.below(others.len())];
                let from = rng.below(o.len().max(1)).min(o.len());
                let end = (from + rng.below(512)).min(o.len());
                v.splice(at..at, o[from..end].iter().copied());
            }
            6 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] = [b'"', b';', b',', b'\n', b'0', b'9', b'{', 0xD0][rng.below(8)];
            }
            _ => v.extend_from_slice(TOKENS[rng.below(TOKENS.len())].as_bytes()),
        }
    }
    v
}

fn read_backup(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes).into_owned();
    if let Ok((b, _)) = backup::read(&text) {
        let base = Base::from_batch(&b.data);
        let _ = backup::write_base(&b.settings, &base, b.exported_at, b.letters_day.as_ref());
    }
    let _ = backup::read_keeping(text);
}

fn read_csv(bytes: &[u8]) {
    let (text, _) = import::decode(bytes);
    let Ok(table) = import::parse(&text, import::detect_delimiter(&text)) else {
        return;
    };
    let at = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    let mut n = 0u128;
    let mut id = || {
        n += 1;
        uuid::Uuid::from_u128(n)
    };
    let rows =
        import::rows::to_clients(&table, &import::guess_columns(&table.headers), at, &mut id);
    let checked = import::rows::check(rows, &dedup::Lookup::new(std::iter::empty()));
    let plan = import::apply::plan(&checked, &Base::default(), true, at, &mut id);
    let _ = import::report::csv(&plan.fates, pismo::domain::model::Lang::Ru, |p, _| {
        p.to_string()
    });
}

fn fuzz(kind: &str, target: fn(&[u8])) {
    let seconds: u64 = std::env::var("PISMO_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let seed: u64 = std::env::var("PISMO_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    let corpus = corpus(kind);
    assert!(!corpus.is_empty(), "the {kind} corpus is empty");
    for input in &corpus {
        target(input);
    }
    let mut rng = Rng::new(seed);
    let end = Instant::now() + Duration::from_secs(seconds);
    let mut runs = 0u64;
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    while Instant::now() < end {
        let pick = rng.below(corpus.len());
        let input = mutate(&mut rng, &corpus[pick], &corpus);
        runs += 1;
        if catch_unwind(AssertUnwindSafe(|| target(&input))).is_err() {
            std::panic::set_hook(hook);
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-crashes");
            let _ = std::fs::create_dir_all(&dir);
            let file = dir.join(format!("{kind}-{seed}-{runs}"));
            let _ = std::fs::write(&file, &input);
            target(&input); // panics again, with its message, for the test's output
            panic!("{kind}: input {} panicked", file.display());
        }
    }
    std::panic::set_hook(hook);
    println!("fuzz {kind}: {runs} inputs in {seconds} s, seed {seed}, no panic");
}

/// One test for both readers: the silent panic hook is the process's, so they run in turn.
#[test]
fn backups_and_csv_files_of_any_shape_never_panic() {
    fuzz("backup", read_backup);
    fuzz("csv", read_csv);
}

//! The invariants of ARCHITECTURE.md that a compiler does not check.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn files(sub: &str) -> Vec<(String, String)> {
    let mut paths = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(sub), &mut paths);
    paths
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

/// Code lines only: comments may mention what they like.
fn code(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| (i + 1, l))
}

#[test]
fn the_domain_knows_no_browser_and_no_clock() {
    let forbidden = [
        "leptos",
        "web_sys",
        "rexie",
        "gloo",
        "wasm_bindgen",
        "js_sys",
        "Utc::now",
        "Local::now",
        "SystemTime",
        "std::fs",
        "std::net",
    ];
    for (path, text) in files("src/domain") {
        for (n, line) in code(&text) {
            for word in forbidden {
                assert!(!line.contains(word), "{path}:{n} names {word}: {line}");
            }
        }
    }
}

/// A test sets the time in one place (`?clock=`), so nothing else in the app may read the
/// browser's clock; the administrators' command line runs on the machine's.
#[test]
fn the_app_reads_the_time_only_through_its_clock() {
    let forbidden = [
        "Date::now",
        "Date::new_0",
        "Utc::now",
        "Local::now",
        "performance.now",
    ];
    for (path, text) in files("src") {
        if path.ends_with("app/clock.rs") || path.contains("/src/bin/") {
            continue;
        }
        for (n, line) in code(&text) {
            for word in forbidden {
                assert!(
                    !line.contains(word),
                    "{path}:{n} reads the clock ({word}): {line}"
                );
            }
        }
    }
}

#[test]
fn only_storage_knows_indexeddb_and_local_storage() {
    for dir in ["src/app", "src/components", "src/pages"] {
        for (path, text) in files(dir) {
            for (n, line) in code(&text) {
                for word in [
                    "rexie",
                    "gloo_storage",
                    "LocalStorage",
                    "indexedDB",
                    "IdbDatabase",
                ] {
                    assert!(!line.contains(word), "{path}:{n} names {word}: {line}");
                }
            }
        }
    }
}

#[test]
fn storage_never_panics() {
    for (path, text) in files("src/storage") {
        for (n, line) in code(&text) {
            for word in [
                ".unwrap()",
                ".expect(",
                "panic!",
                "unreachable!",
                "todo!",
                "unimplemented!",
            ] {
                assert!(!line.contains(word), "{path}:{n} may panic: {line}");
            }
        }
    }
}

/// The domain is a crate of its own: the compiler keeps browser crates out of it as long as its
/// manifest does not name them.
#[test]
fn the_domain_crate_depends_on_no_browser_crate() {
    let manifest = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain/Cargo.toml"),
    )
    .unwrap();
    let deps = manifest
        .split("[dependencies]")
        .nth(1)
        .expect("a [dependencies] table");
    for word in [
        "leptos",
        "web-sys",
        "js-sys",
        "wasm-bindgen",
        "rexie",
        "gloo",
        "wasmbind",
        "clock",
    ] {
        assert!(!deps.contains(word), "src/domain/Cargo.toml names {word}");
    }
}

//! `pismo-cli` as an administrator runs it.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn cli(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pismo-cli"))
        .args(args)
        .output()
        .expect("run pismo-cli");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("pismo-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn demo_then_validate_and_stats() {
    let (ok, demo, _) = cli(&["demo", "--date", "2026-11-26", "--clients", "300"]);
    assert!(ok);
    let file = temp("demo.json", &demo);
    let (ok, out, err) = cli(&["validate", &file]);
    assert!(ok, "{err}");
    assert!(out.contains("valid Pismo backup, version 1"), "{out}");
    let (ok, out, _) = cli(&["stats", &file]);
    assert!(ok);
    let counts: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(counts["clients"], 312, "300 plus the planted duplicates");
    assert_eq!(counts["staff"], 9);
    assert!(counts["orders"].as_u64().unwrap() > 300);
}

#[test]
fn the_cli_demo_is_the_apps_demo() {
    let (_, a, _) = cli(&["demo", "--date", "2026-11-26"]);
    let (b, _) = pismo::domain::backup::read(&a).unwrap();
    let (_, expected) =
        pismo::domain::demo::generate(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
    assert_eq!(b.data, expected);
}

#[test]
fn errors_name_the_file_and_the_path_and_fail() {
    let bad = temp(
        "bad.json",
        r#"{"format":"pismo-backup","version":1,"exported_at":"2026-01-01T00:00:00Z",
            "clients":[{"id":"6f1c1d4e-0000-4000-8000-000000000001","name":"A",
            "created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","phones":[{"number":5}]}]}"#,
    );
    let (ok, _, err) = cli(&["validate", &bad]);
    assert!(!ok);
    assert!(err.contains("bad.json"), "{err}");
    assert!(err.contains("clients[0].phones[0].number"), "{err}");

    let cut = temp(
        "cut.json",
        r#"{"format":"pismo-backup","version":1,"clients":["#,
    );
    let (ok, _, err) = cli(&["stats", &cut]);
    assert!(!ok);
    assert!(err.contains("line 1"), "{err}");

    let (ok, _, err) = cli(&["validate", "/nonexistent/pismo.json"]);
    assert!(!ok);
    assert!(err.contains("/nonexistent/pismo.json"), "{err}");

    let (ok, _, err) = cli(&["frobnicate"]);
    assert!(!ok);
    assert!(err.contains("usage"), "{err}");
}

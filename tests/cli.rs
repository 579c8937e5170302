//! `pismo-cli` as an administrator runs it.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

/// `pismo-cli args…` as bytes: its output may be binary (an encrypted backup).
fn cli_raw(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pismo-cli"))
        .args(args)
        .output()
        .expect("run pismo-cli")
}

fn cli(args: &[&str]) -> (bool, String, String) {
    let out = cli_raw(args);
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
    assert_eq!(
        counts["staff"], 10,
        "the ten people of the company, director included"
    );
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

#[test]
fn plan_and_draft_of_a_day() {
    let (_, demo, _) = cli(&["demo", "--date", "2026-11-26", "--clients", "600"]);
    let file = temp("day.json", &demo);
    let (ok, out, err) = cli(&["plan", &file, "--date", "2026-11-26"]);
    assert!(ok, "{err}");
    let plan: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(plan["queue"].as_array().unwrap().len(), 40);
    assert!(plan["pool"].as_u64().unwrap() > 400);
    assert!(plan["forecast"]["working_days"].as_u64().unwrap() >= 10);

    let (ok, out, err) = cli(&["draft", &file, "--date", "2026-11-26"]);
    assert!(ok, "{err}");
    let drafts: serde_json::Value = serde_json::from_str(&out).unwrap();
    let letters = drafts["letters"].as_array().unwrap();
    assert_eq!(letters.len(), 40);
    for (l, q) in letters.iter().zip(plan["queue"].as_array().unwrap()) {
        assert_eq!(l["client"], q["client"], "drafts follow the queue");
        let body = l["body"].as_str().unwrap();
        // English-speaking clients get the English sender from the demo's settings.
        assert!(
            body.contains("Иван Петров") || body.contains("Ivan Petrov"),
            "{body}"
        );
        assert!(!body.contains('{') && !body.contains("  "), "{body}");
    }

    // A Saturday has no queue.
    let (ok, out, _) = cli(&["plan", &file, "--date", "2026-11-28"]);
    assert!(ok);
    let plan: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(plan["queue"].as_array().unwrap().is_empty());

    let (ok, _, err) = cli(&["plan", &file, "--date", "28.11.2026"]);
    assert!(!ok);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

#[test]
fn dedup_prints_the_clusters_it_would_propose() {
    let dir = std::env::temp_dir().join(format!("pismo-cli-dedup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (ok, demo, _) = cli(&["demo", "--date", "2026-11-26", "--clients", "300"]);
    assert!(ok);
    let file = dir.join("demo.json").to_string_lossy().to_string();
    std::fs::write(&file, demo).unwrap();
    let (ok, out, err) = cli(&["dedup", &file]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let clusters = v["clusters"].as_array().unwrap();
    // The demo plants twelve copies; each is proposed with its original.
    assert!(clusters.len() >= 11, "{}", clusters.len());
    for c in clusters {
        let ids = c.as_array().unwrap();
        assert!(ids.len() >= 2);
        assert!(ids
            .iter()
            .all(|id| id.as_str().is_some_and(|s| s.len() == 36)));
    }
    assert!(v["details"][0]["pairs"][0]["evidence"]
        .as_array()
        .is_some_and(|e| !e.is_empty()));
    let (ok, _, err) = cli(&["dedup", "/nonexistent.json"]);
    assert!(!ok && err.contains("/nonexistent.json"));

    // A pair the base keeper marked «not duplicates» in the app is not proposed again.
    let first: Vec<String> = clusters[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap().to_string())
        .collect();
    let mut backup: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    backup["decisions"] = serde_json::json!([]);
    let decisions = backup["decisions"].as_array_mut().unwrap();
    for (i, a) in first.iter().enumerate() {
        for b in &first[i + 1..] {
            let (a, b) = if a < b { (a, b) } else { (b, a) };
            decisions.push(serde_json::json!({
                "id": format!("00000000-0000-4000-8000-{:012}", decisions.len()),
                "what": { "type": "not_duplicate", "a": a, "b": b },
                "at": "2026-11-26T10:00:00Z",
                "updated_at": "2026-11-26T10:00:00Z",
            }));
        }
    }
    let decided = dir.join("decided.json").to_string_lossy().to_string();
    std::fs::write(&decided, backup.to_string()).unwrap();
    let (ok, out, err) = cli(&["dedup", &decided]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let again = v["clusters"].as_array().unwrap();
    assert_eq!(again.len(), clusters.len() - 1);
    assert!(!again.iter().any(|c| c
        .as_array()
        .unwrap()
        .iter()
        .any(|id| first.contains(&id.as_str().unwrap().to_string()))));
}

#[test]
fn import_csv_adds_to_a_backup_and_reports_every_row() {
    let (_, demo, _) = cli(&["demo", "--date", "2026-11-26", "--clients", "100"]);
    let base = temp("import-base.json", &demo);
    let csv = temp(
        "import.csv",
        "Наименование;Телефон;Адрес\n\
         ООО «Алтайские награды»;\"+7 (3852) 22-33-44, 457\";\"656965, Алтайский край, г. Барнаул, ул. Попова, д. 12\"\n\
         ООО «Алтайские награды»;8 (3852) 99-88-77;\n\
         ;8 (3852) 11-11-11;\n",
    );
    let out = cli_raw(&["import-csv", &csv, "--into", &base]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    let rows = report["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3, "every row is in the report");
    assert_eq!(rows[0]["outcome"]["fate"], "created");
    assert_eq!(
        rows[1]["outcome"],
        serde_json::json!({"fate": "merged_into_row", "client": 2})
    );
    assert_eq!(rows[2]["outcome"]["fate"], "refused");
    assert_eq!(report["summary"]["refused"], 1);
    let text = String::from_utf8(out.stdout).unwrap();
    let (after, _) = pismo::domain::backup::read(&text).unwrap();
    let (before, _) = pismo::domain::backup::read(&demo).unwrap();
    assert_eq!(after.data.clients.len(), before.data.clients.len() + 1);
    let new = after
        .data
        .clients
        .iter()
        .find(|c| c.name == "Алтайские награды")
        .unwrap();
    assert_eq!(new.phones.len(), 2, "the repeated row's phone joined");
    assert_eq!(new.addresses[0].city, "Барнаул");
    assert_eq!(after.settings, before.settings);
}

#[test]
fn a_reader_that_stops_early_is_no_error() {
    use std::io::Read;
    use std::process::Stdio;
    let (_, demo, _) = cli(&["demo", "--date", "2026-11-26"]);
    let file = temp("pipe.json", &demo);
    let mut child = Command::new(env!("CARGO_BIN_EXE_pismo-cli"))
        .args(["draft", &file, "--date", "2026-11-26"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte and hang up, as `| head -c 1` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut one = [0u8; 1];
    stdout.read_exact(&mut one).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.status.success(), "{err}");
}

#[test]
fn a_backup_sealed_with_a_password_opens_with_it_only() {
    let (_, demo, _) = cli(&["demo", "--date", "2026-11-26", "--clients", "50"]);
    let plain = temp("seal-plain.json", &demo);
    let password = temp("seal-password.txt", "Лавровый венец\n");
    let wrong = temp("seal-wrong.txt", "лавровый венец\n");
    let out = cli_raw(&["seal", &plain, "--password-file", &password]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.starts_with(b"PISMOENC"));
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("pismo-backup"),
        "nothing readable"
    );
    let sealed = std::env::temp_dir()
        .join(format!("pismo-cli-test-{}", std::process::id()))
        .join("sealed.pismoenc");
    std::fs::write(&sealed, &out.stdout).unwrap();
    let sealed = sealed.to_string_lossy().into_owned();
    let (ok, opened, _) = cli(&["open", &sealed, "--password-file", &password]);
    assert!(ok);
    assert_eq!(opened, demo);
    let (ok, _, err) = cli(&["open", &sealed, "--password-file", &wrong]);
    assert!(!ok);
    assert!(err.contains("wrong password"), "{err}");
    let (ok, _, err) = cli(&["validate", &sealed]);
    assert!(!ok);
    assert!(err.contains("encrypted backup"), "{err}");
}

//! The commands of `pismo-cli` (see `src/bin/pismo-cli.rs`).

use std::io::Write;
use std::process::ExitCode;

use chrono::{Local, NaiveDate, Utc};
use pismo::domain::backup::{self, Backup, BackupWarning};
use pismo::domain::base::Base;
use pismo::domain::letters::{rotation, send};
use pismo::domain::{dedup, demo};

pub(crate) const USAGE: &str = "usage:
  pismo-cli validate FILE
  pismo-cli stats FILE
  pismo-cli demo [--date YYYY-MM-DD] [--clients N]
  pismo-cli plan FILE --date YYYY-MM-DD
  pismo-cli draft FILE --date YYYY-MM-DD
  pismo-cli dedup FILE
  pismo-cli testbase --clients N (--truth FILE | --report) [--hard | --persons] [--seed S]
  pismo-cli import-csv FILE --into BACKUP [--no-update] > NEW_BACKUP
  pismo-cli seal FILE --password-file P > FILE.pismoenc
  pismo-cli open FILE.pismoenc --password-file P > FILE
  pismo-cli couch push FILE URL
  pismo-cli couch pull URL > FILE";

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    match run(args.get(1..).unwrap_or_default()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pismo-cli: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("validate") => validate(file_arg(args)?),
        Some("stats") => stats(file_arg(args)?),
        Some("demo") => demo_cmd(&args[1..]),
        Some("plan") => day_cmd(&args[1..], false),
        Some("draft") => day_cmd(&args[1..], true),
        Some("dedup") => dedup_cmd(file_arg(args)?),
        Some("testbase") => testbase_cmd(&args[1..]),
        Some("import-csv") => import_csv(&args[1..]),
        Some("seal") => seal_cmd(&args[1..], true),
        Some("open") => seal_cmd(&args[1..], false),
        Some("couch") => crate::couch::couch_cmd(&args[1..]),
        Some("-h" | "--help" | "help") => emit(USAGE),
        _ => Err(USAGE.to_string()),
    }
}

/// Writes a line to stdout. A reader that stopped reading (`pismo-cli plan … | head`) is no
/// error: the output was wanted only that far.
pub(crate) fn emit(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out
        .write_all(text.as_bytes())
        .and_then(|_| out.write_all(b"\n"))
        .and_then(|_| out.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("stdout: {e}")),
        _ => Ok(()),
    }
}

fn file_arg(args: &[String]) -> Result<&str, String> {
    match args.get(1..) {
        Some([file]) => Ok(file),
        _ => Err(USAGE.to_string()),
    }
}

pub(crate) fn read(file: &str) -> Result<(Backup, Vec<BackupWarning>), String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
    if backup::sealed::is_sealed(&bytes) {
        return Err(format!(
            "{file} is an encrypted backup: open it first (pismo-cli open {file} --password-file P > plain.json)"
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| format!("{file}: not UTF-8 text: {e}"))?;
    backup::read(&text).map_err(|e| format!("{file}: {e}"))
}

fn counts_json(b: &Backup) -> serde_json::Value {
    serde_json::to_value(b.data.counts()).unwrap_or_default()
}

fn validate(file: &str) -> Result<(), String> {
    let (b, warnings) = read(file)?;
    let mut text = format!(
        "{file}: valid Pismo backup, version {}\n{}",
        b.version,
        counts_json(&b)
    );
    for w in &warnings {
        text.push_str(&format!("\nwarning: {} {}", w.path, w.message));
    }
    emit(&text)
}

fn stats(file: &str) -> Result<(), String> {
    let (b, _) = read(file)?;
    emit(&counts_json(&b).to_string())
}

fn demo_cmd(args: &[String]) -> Result<(), String> {
    let mut date = Local::now().date_naive();
    let mut clients = demo::CLIENTS;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--date" => date = parse_date(value)?,
            "--clients" => {
                clients = value
                    .parse()
                    .ok()
                    .filter(|n| (1..=1_000_000).contains(n))
                    .ok_or_else(|| format!("--clients {value}: expected 1 to 1000000"))?
            }
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    let (settings, data) = demo::generate_sized(date, clients);
    let text = backup::write(&settings, &data, Utc::now()).map_err(|e| e.to_string())?;
    emit(&text)
}

fn testbase_cmd(args: &[String]) -> Result<(), String> {
    use dedup::testbase::{generate_with, Difficulty};
    let (mut clients, mut seed, mut truth_file) = (10_000usize, 7u64, None);
    let mut difficulty = Difficulty::Usual;
    let mut report = false;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "--report" {
            report = true;
            continue;
        }
        if flag == "--hard" || flag == "--persons" {
            difficulty = if flag == "--hard" {
                Difficulty::Hard
            } else {
                Difficulty::Persons
            };
            continue;
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--clients" => {
                clients = value
                    .parse()
                    .ok()
                    .filter(|n| (100..=1_000_000).contains(n))
                    .ok_or_else(|| format!("--clients {value}: expected 100 to 1000000"))?
            }
            "--seed" => seed = value.parse().map_err(|_| format!("--seed {value}"))?,
            "--truth" => truth_file = Some(value.clone()),
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    if report {
        let started = std::time::Instant::now();
        let text = dedup::testbase::report::report(clients, seed, difficulty);
        return emit(&format!(
            "{text}(base made and searched in {:.2} s)",
            started.elapsed().as_secs_f64()
        ));
    }
    let truth_file = truth_file.ok_or_else(|| format!("--truth FILE is needed\n{USAGE}"))?;
    let mut tb = generate_with(clients, 10, seed, difficulty);
    // The salespeople are not part of a test base; their ids would dangle.
    tb.clients.iter_mut().for_each(|c| c.owner = None);
    let truth = serde_json::to_string(&tb.truth).map_err(|e| e.to_string())?;
    std::fs::write(&truth_file, truth).map_err(|e| format!("{truth_file}: {e}"))?;
    let data = pismo::domain::base::Batch {
        clients: tb.clients,
        ..Default::default()
    };
    let text = backup::write(&Default::default(), &data, Utc::now()).map_err(|e| e.to_string())?;
    emit(&text)
}

fn parse_date(value: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| format!("--date {value}: expected YYYY-MM-DD"))
}

/// `plan FILE --date D` and `draft FILE --date D`: the day's queue, and its letters.
fn day_cmd(args: &[String], drafts: bool) -> Result<(), String> {
    let (file, date) = match args {
        [file, flag, date] if flag == "--date" => (file, parse_date(date)?),
        _ => return Err(USAGE.to_string()),
    };
    let (b, _) = read(file)?;
    let base = Base::from_batch(&b.data);
    let candidates = rotation::candidates(&base, date, &Default::default());
    let queue = rotation::plan_day(&candidates, &b.settings, date);
    let forecast = rotation::forecast(candidates.len(), &b.settings, date);
    let out = if drafts {
        // The same letters the app drafts on that day (kept drafts and sent texts included).
        let letters: Vec<serde_json::Value> = send::day_letters(&base, &b.settings, date, &queue)
            .into_iter()
            .map(|l| {
                let warnings = l
                    .draft
                    .as_ref()
                    .map(|d| d.warnings.clone())
                    .unwrap_or_default();
                serde_json::json!({
                    "client": l.client,
                    "name": base.clients.get(&l.client).map(|c| c.name.clone()),
                    "subject": l.subject,
                    "body": l.body,
                    "warnings": warnings.iter().map(|w| format!("{w:?}")).collect::<Vec<_>>(),
                })
            })
            .collect();
        serde_json::json!({ "date": date, "letters": letters })
    } else {
        let rows: Vec<serde_json::Value> = queue
            .iter()
            .filter_map(|id| base.clients.get(id))
            .map(|c| serde_json::json!({ "client": c.id, "name": c.name }))
            .collect();
        serde_json::json!({
            "date": date,
            "quota": b.settings.quota,
            "pool": forecast.pool,
            "forecast": {
                "working_days": forecast.working_days,
                "ends_on": forecast.ends_on,
                "cycle_working_days": forecast.cycle_working_days,
                "min_quota": forecast.min_quota,
            },
            "queue": rows,
        })
    };
    emit(&serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?)
}

/// `dedup FILE`: `{"clusters": [[id, ...], ...]}`, most certain first, with each cluster's
/// score and reasons beside it for whoever wants more than the ids.
fn dedup_cmd(file: &str) -> Result<(), String> {
    let (b, _) = read(file)?;
    let base = Base::from_batch(&b.data);
    // What the app proposes: the pairs someone marked «not duplicates» are not proposed again.
    let profiles = dedup::profiles(base.clients.iter());
    let found = dedup::find(
        &profiles,
        &dedup::merge::not_duplicates(&base),
        &dedup::DedupSettings::default(),
    );
    // Serialised straight from the clusters: a JSON tree of them first cost as much as the
    // search at 100,000 clients.
    #[derive(serde::Serialize)]
    struct Out<'a> {
        clusters: Vec<&'a Vec<pismo::domain::model::Id>>,
        details: &'a [dedup::Cluster],
    }
    let out = Out {
        clusters: found.iter().map(|c| &c.members).collect(),
        details: &found,
    };
    let done = emit(&serde_json::to_string(&out).map_err(|e| e.to_string())?);
    // The process ends here: handing half a gigabyte back a record at a time took a tenth of
    // the whole run at 100,000 clients, and the system takes it back at once.
    std::mem::forget((b, base, profiles));
    done
}

/// `import-csv FILE --into BACKUP`: the CSV imported as the app imports it (the same columns,
/// checks, merging of repeated rows and filling in of known clients); the new backup on stdout,
/// the report of every row as JSON on stderr.
fn import_csv(args: &[String]) -> Result<(), String> {
    use pismo::domain::import::{self, apply, report};
    let (file, into, update) = match args {
        [file, flag, into] if flag == "--into" => (file, into, true),
        [file, flag, into, no] if flag == "--into" && no == "--no-update" => (file, into, false),
        _ => return Err(USAGE.to_string()),
    };
    let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
    let (text, encoding) = import::decode(&bytes);
    let table = import::parse(&text, import::detect_delimiter(&text))
        .map_err(|e| format!("{file}: {e}"))?;
    let (b, _) = read(into)?;
    let mut base = Base::from_batch(&b.data);
    let now = Utc::now();
    // Random ids as the app's (version 4), from a generator seeded by the clock and the process.
    let mut state =
        now.timestamp_nanos_opt().unwrap_or_default() as u64 ^ u64::from(std::process::id());
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut new_id = move || {
        let bytes = (u128::from(next()) << 64 | u128::from(next())).to_le_bytes();
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    };
    let columns = import::guess_columns(&table.headers);
    let rows = import::rows::to_clients(&table, &columns, now, &mut new_id);
    let checked = import::rows::check(rows, &dedup::Lookup::new(base.clients.iter()));
    let plan = apply::plan(&checked, &base, update, now, &mut new_id);
    base.apply(&plan.batch);
    let out = backup::write(&b.settings, &base.to_batch(), now).map_err(|e| e.to_string())?;
    let report = serde_json::json!({
        "file": file,
        "encoding": encoding,
        "summary": apply::summary(&checked),
        "unclosed_quotes": table.unclosed_quotes,
        "rows": report::json(&plan.fates),
    });
    eprintln!("{report}");
    emit(&out)
}

/// `seal FILE --password-file P` and `open FILE --password-file P`: the encrypted container the
/// app writes (docs/backup-format.md), bytes on stdout. The password is read from a file so it
/// never shows in the process list; its last line break is not part of it.
fn seal_cmd(args: &[String], sealing: bool) -> Result<(), String> {
    use backup::sealed;
    let (file, password_file) = match args {
        [file, flag, p] if flag == "--password-file" => (file, p),
        _ => return Err(USAGE.to_string()),
    };
    let password =
        std::fs::read_to_string(password_file).map_err(|e| format!("{password_file}: {e}"))?;
    let password = password.strip_suffix('\n').unwrap_or(&password);
    let password = password.strip_suffix('\r').unwrap_or(password);
    if password.is_empty() {
        return Err(format!("{password_file}: the password is empty"));
    }
    let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
    let out = if sealing {
        let text = std::str::from_utf8(&bytes).map_err(|e| format!("{file}: not UTF-8: {e}"))?;
        backup::read(text).map_err(|e| format!("{file}: {e}"))?;
        sealed::seal(&bytes, password, &sealed::fresh_header())
    } else {
        sealed::open(&bytes, password).map_err(|e| format!("{file}: {e}"))?
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&out).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("stdout: {e}")),
        _ => Ok(()),
    }
}

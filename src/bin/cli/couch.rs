//! `pismo-cli couch push FILE URL` and `pismo-cli couch pull URL`: how a company seeds its CouchDB
//! from a backup and takes nightly backups of it. The documents are the app's
//! (`domain::sync::couch`); what is on the server is merged in before anything is written, so a
//! push never undoes an edit made on a computer, and pushing the same file twice writes nothing.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::Utc;
use pismo::domain::backup;
use pismo::domain::base::Base;
use pismo::domain::model::{Id, RecordKind};
use pismo::domain::settings::Settings;
use pismo::domain::sync::couch::{self, Current, SETTINGS_DOC};
use pismo::domain::sync::{self, Clock, Refused, Version};
use serde_json::{json, Value};

use crate::commands::{emit, read, USAGE};

/// Documents per request: big enough that a 100,000-client base is a few hundred round trips,
/// small enough that one request stays well under a server's body limit.
const CHUNK: usize = 1000;
const RETRIES: u32 = 5;

struct Conn {
    agent: ureq::Agent,
    db: String,
    auth: Option<String>,
}

impl Conn {
    /// The database at `url`; the credentials from `PISMO_COUCH_USER` and `PISMO_COUCH_PASSWORD`
    /// (never on the command line, where the process list would show them).
    fn new(url: &str) -> Result<Conn, String> {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(format!("{url}: not an http(s) address of a database"));
        }
        let auth = match (
            std::env::var("PISMO_COUCH_USER"),
            std::env::var("PISMO_COUCH_PASSWORD"),
        ) {
            (Ok(u), Ok(p)) if !u.is_empty() => {
                use base64::Engine;
                let token = base64::engine::general_purpose::STANDARD.encode(format!("{u}:{p}"));
                Some(format!("Basic {token}"))
            }
            _ => None,
        };
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        Ok(Conn {
            agent,
            db: url.trim_end_matches('/').to_string(),
            auth,
        })
    }

    /// One request, retried with a growing pause when the server is away or answers 5xx.
    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Result<(u16, Value), String> {
        let url = format!("{}{path}", self.db);
        let mut pause = Duration::from_millis(500);
        for attempt in 1..=RETRIES {
            match self.once(method, &url, body) {
                Ok((status, v)) if status < 500 => return Ok((status, v)),
                Ok((status, v)) if attempt == RETRIES => {
                    return Err(format!("{method} {url}: the server answered {status}: {v}"))
                }
                Err(e) if attempt == RETRIES => return Err(format!("{method} {url}: {e}")),
                _ => {
                    std::thread::sleep(pause);
                    pause *= 2;
                }
            }
        }
        Err(format!("{method} {url}: no answer"))
    }

    fn once(&self, method: &str, url: &str, body: Option<&Value>) -> Result<(u16, Value), String> {
        let mut req = ureq::http::Request::builder()
            .method(method)
            .uri(url)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json");
        if let Some(a) = &self.auth {
            req = req.header("Authorization", a);
        }
        let text = body.map(Value::to_string).unwrap_or_default();
        let req = req.body(text).map_err(|e| e.to_string())?;
        let mut resp = self.agent.run(req).map_err(|e| e.to_string())?;
        let status = resp.status().as_u16();
        let text = resp
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .read_to_string()
            .map_err(|e| e.to_string())?;
        Ok((
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        ))
    }

    /// A request that must succeed.
    fn ok(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
        match self.call(method, path, body)? {
            (s, v) if s < 300 => Ok(v),
            (401 | 403, v) => Err(format!(
                "{}: not allowed ({v}); set PISMO_COUCH_USER and PISMO_COUCH_PASSWORD to a user of the database",
                self.db
            )),
            (s, v) => Err(format!("{method} {}{path}: {s} {v}", self.db)),
        }
    }
}

pub fn couch_cmd(args: &[String]) -> Result<(), String> {
    match args {
        [cmd, file, url] if cmd == "push" => push(file, url),
        [cmd, url] if cmd == "pull" => pull(url),
        _ => Err(USAGE.to_string()),
    }
}

fn clock() -> (Clock, i64) {
    (Clock::new("pismo-cli", None), Utc::now().timestamp_millis())
}

/// Every open leaf of the conflicted documents among `current`, read.
fn conflict_leaves(
    conn: &Conn,
    current: &BTreeMap<String, Current>,
) -> Result<couch::Pulled, String> {
    let changed = couch::conflict_leaves(current);
    if changed.is_empty() {
        return Ok(couch::Pulled::default());
    }
    let resp = conn.ok(
        "POST",
        "/_bulk_get",
        Some(&couch::bulk_get_request(&changed)),
    )?;
    Ok(couch::read_bulk_get(&resp))
}

fn refused_line(r: &Refused) -> String {
    format!("not taken: {} {} — {}", r.kind, r.id, r.reason)
}

fn push(file: &str, url: &str) -> Result<(), String> {
    let (b, _) = read(file)?;
    let conn = Conn::new(url)?;
    match conn.call("GET", "", None)? {
        (404, _) => {
            conn.ok("PUT", "", None)?;
            eprintln!("{url}: database created");
        }
        (s, _) if s < 300 => {}
        (s, v) => return Err(format!("{url}: {s} {v}")),
    }
    let mut base = Base::from_batch(&b.data);
    let (mut clock, wall) = clock();
    let ids: Vec<(RecordKind, Id)> = sync::snapshot(&base)
        .iter()
        .map(|v| (v.kind, v.id))
        .collect();
    let (mut written, mut refused) = (0, Vec::new());
    for chunk in ids.chunks(CHUNK) {
        let keys: Vec<String> = chunk.iter().map(|(k, i)| couch::doc_id(*k, *i)).collect();
        let resp = conn.ok(
            "POST",
            "/_all_docs?include_docs=true&conflicts=true",
            Some(&json!({ "keys": keys })),
        )?;
        let (current, bad) = couch::read_all_docs(&resp);
        refused.extend(bad);
        let mut theirs: Vec<Version> = current.values().filter_map(|c| c.version.clone()).collect();
        let leaves = conflict_leaves(&conn, &current)?;
        theirs.extend(leaves.versions);
        refused.extend(leaves.refused);
        // What the server holds is merged in first: a push never undoes an edit made since.
        let plan = sync::plan(&base, &theirs, &mut clock, wall);
        refused.extend(plan.refused);
        base.apply(&plan.batch);
        let local: Vec<Version> = chunk
            .iter()
            .map(|(k, i)| sync::version_of(&base, *k, *i))
            .collect();
        written += write(&conn, couch::to_write(&local, &current))?;
    }
    written += put_settings(&conn, &b.settings)?;
    for r in &refused {
        eprintln!("{}", refused_line(r));
    }
    eprintln!(
        "{url}: {} records pushed, {written} documents written, {} refused",
        ids.len(),
        refused.len()
    );
    Ok(())
}

/// Writes the revisions the server lacks; how many.
fn write(conn: &Conn, docs: Vec<Value>) -> Result<usize, String> {
    if docs.is_empty() {
        return Ok(0);
    }
    let diff = conn.ok(
        "POST",
        "/_revs_diff",
        Some(&couch::revs_diff_request(&docs)),
    )?;
    let docs = couch::missing_only(docs, &diff);
    if docs.is_empty() {
        return Ok(0);
    }
    let resp = conn.ok(
        "POST",
        "/_bulk_docs",
        Some(&json!({ "docs": docs, "new_edits": false })),
    )?;
    let failed: Vec<&Value> = resp
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r.get("error").is_some())
        .collect();
    if let Some(f) = failed.first() {
        return Err(format!(
            "{} documents not written, the first: {f}",
            failed.len()
        ));
    }
    Ok(docs.len())
}

fn put_settings(conn: &Conn, settings: &Settings) -> Result<usize, String> {
    let path = format!("/{SETTINGS_DOC}");
    let mut doc = json!({ "_id": SETTINGS_DOC, "pismo": 1, "settings": settings });
    match conn.call("GET", &path, None)? {
        (200, old) if old.get("settings") == doc.get("settings") => return Ok(0),
        (200, old) => doc["_rev"] = old["_rev"].clone(),
        _ => {}
    }
    conn.ok("PUT", &path, Some(&doc))?;
    Ok(1)
}

fn pull(url: &str) -> Result<(), String> {
    let conn = Conn::new(url)?;
    let (mut clock, wall) = clock();
    // Merged once at the end: documents come by id, and an order ("order:…") must find its
    // client ("client:…") there, whichever page it came on.
    let mut all = Vec::new();
    let mut refused = Vec::new();
    let mut start: Option<String> = None;
    loop {
        let mut path = format!("/_all_docs?include_docs=true&conflicts=true&limit={CHUNK}");
        if let Some(s) = &start {
            let key = serde_json::to_string(s).map_err(|e| e.to_string())?;
            path.push_str("&skip=1&startkey=");
            path.push_str(
                &percent_encoding::utf8_percent_encode(&key, percent_encoding::NON_ALPHANUMERIC)
                    .to_string(),
            );
        }
        let resp = conn.ok("GET", &path, None)?;
        let (current, bad) = couch::read_all_docs(&resp);
        refused.extend(bad);
        let mut versions: Vec<Version> =
            current.values().filter_map(|c| c.version.clone()).collect();
        let leaves = conflict_leaves(&conn, &current)?;
        versions.extend(leaves.versions);
        refused.extend(leaves.refused);
        all.extend(versions);
        let rows = resp.get("rows").and_then(Value::as_array);
        match rows
            .and_then(|r| r.last())
            .and_then(|r| r.get("id")?.as_str())
        {
            Some(last) if rows.is_some_and(|r| r.len() == CHUNK) => start = Some(last.to_string()),
            _ => break,
        }
    }
    let plan = sync::plan(&Base::default(), &all, &mut clock, wall);
    refused.extend(plan.refused);
    let base = Base::from_batch(&plan.batch);
    let settings = match conn.call("GET", &format!("/{SETTINGS_DOC}"), None)? {
        (200, doc) => serde_json::from_value(doc["settings"].clone()).unwrap_or_default(),
        _ => Settings::default(),
    };
    let out = backup::write(&settings, &base.to_batch(), Utc::now()).map_err(|e| e.to_string())?;
    for r in &refused {
        eprintln!("{}", refused_line(r));
    }
    emit(&out)?;
    if refused.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} documents were not taken (listed above); the backup holds the rest",
            refused.len()
        ))
    }
}

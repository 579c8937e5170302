//! Logging in to the company's CouchDB and out again: the address checked, the session opened
//! with the user's password (sent to `_session` once, kept nowhere), the database checked, and,
//! when the server refuses this page, the CORS settings it needs.

use serde_json::json;

use super::http::{self, call, Failure};
use super::{
    load, message, save, set, start_loop, wake, zero, CouchStatus, Kept, Link, GENERATION, KEPT,
};
use crate::app::state::{db, AppState};

/// The server part and the database's name of an address such as `https://host:5984/crm`.
fn split(url: &str) -> Option<(String, String)> {
    let url = url.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (_, db) = rest.split_once('/')?;
    if db.is_empty() || db.contains('/') {
        return None;
    }
    Some((url[..url.len() - db.len() - 1].to_string(), db.to_string()))
}

/// What CouchDB's configuration must say so that this page may call it (its CORS section).
fn cors_settings() -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!(
        "[chttpd]\nenable_cors = true\n\n[cors]\norigins = {origin}\ncredentials = true\nmethods = GET, PUT, POST, HEAD, DELETE\nheaders = accept, authorization, content-type, origin, referer\n\n[chttpd_auth]\nsame_site = none"
    )
}

/// Logs in and checks the database; on success it is kept and sync starts. The password goes to
/// CouchDB's `_session` and nowhere else.
pub async fn connect(
    s: AppState,
    url: String,
    user: String,
    password: String,
) -> Result<(), String> {
    let y = s.tr_untracked().y;
    let Some((server, name)) = split(&url) else {
        return Err(y.couch_bad_url.to_string());
    };
    set(|c| {
        c.link = Link::Connecting;
        c.cors = None;
        c.problems.clear();
    });
    let login = json!({ "name": user, "password": password });
    let outcome = match call("POST", &format!("{server}/_session"), Some(&login), None).await {
        Err(Failure::Network(_)) if http::answers(&server).await => {
            set(|c| c.cors = Some(cors_settings()));
            Err(y.couch_cors.to_string())
        }
        Err(Failure::Network(e)) => Err(format!("{}: {e}", y.couch_away)),
        Err(Failure::Unauthorized) => Err(y.couch_wrong_password.to_string()),
        Err(e) => Err(message(&e)),
        Ok(_) => match call("GET", &format!("{server}/{name}"), None, None).await {
            Ok(_) => Ok(()),
            Err(Failure::NotFound) => Err(format!("{} «{name}»", y.couch_no_db)),
            Err(Failure::Unauthorized | Failure::Forbidden) => {
                Err(format!("{} «{name}»", y.couch_not_member))
            }
            Err(e) => Err(message(&e)),
        },
    };
    if let Err(e) = outcome {
        set(|c| c.link = Link::Off);
        return Err(e);
    }
    let url = format!("{server}/{name}");
    let kept = match load().await.ok().flatten() {
        // The same database again (a new session): carry on from where it was.
        Some(k) if k.url == url => Kept { user, ..k },
        _ => Kept {
            url,
            user,
            since: zero(),
            ..Kept::default()
        },
    };
    save(&kept).await.map_err(|e| e.to_string())?;
    start_loop(s);
    Ok(())
}

/// Stops sync with CouchDB on this computer and ends the session; what was received stays.
pub async fn disconnect() {
    GENERATION.with(|g| g.set(g.get() + 1));
    wake();
    if let Ok(Some(k)) = load().await {
        if let Some((server, _)) = split(&k.url) {
            let _ = call("DELETE", &format!("{server}/_session"), None, None).await;
        }
    }
    if let Ok(d) = db() {
        let _ = d.delete_meta(KEPT).await;
    }
    set(|c| *c = CouchStatus::default());
}

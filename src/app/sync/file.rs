//! For browsers without the File System Access API (Firefox, Safari): the changes since the last
//! exchange as a file to carry to the other computer and import there, merged the same way.

use leptos::prelude::*;

use super::{load_kept, save_kept, status};
use crate::app::clock::now;
use crate::app::state::AppState;
use crate::domain::sync::folder::{self as rules, ChangeFile, FORMAT};
use crate::domain::sync::{self as dsync};

/// Downloads what this computer changed since the last such file (everything, the first time).
pub async fn export(s: AppState) -> Result<usize, String> {
    let mut kept = load_kept().await.map_err(|e| e.to_string())?;
    let (versions, mark) = match &kept.exported_clock {
        Some(after) => super::changes_since(s, Some(after)),
        None => (
            s.base.with_untracked(dsync::snapshot),
            super::clock_reading(),
        ),
    };
    let n = versions.len();
    let me = status().with_untracked(|st| st.device.clone());
    let file = ChangeFile {
        format: FORMAT.into(),
        version: 1,
        device: me.clone(),
        name: super::folder::device_name(s),
        seq: 0,
        written_at: now(),
        clock: mark.clone(),
        snapshot: kept.exported_clock.is_none(),
        read: Default::default(),
        versions: versions
            .into_iter()
            .filter_map(|v| serde_json::to_value(v).ok())
            .collect(),
    };
    let text = serde_json::to_string(&file).map_err(|e| e.to_string())?;
    let day = crate::app::clock::local(now()).format("%Y-%m-%d-%H%M");
    crate::app::browser::download(
        &format!("pismo-changes-{me}-{day}.json"),
        "application/json",
        &text,
    )?;
    kept.exported_clock = Some(mark);
    save_kept(&kept).await.map_err(|e| e.to_string())?;
    Ok(n)
}

/// What an imported file did: records taken, values replaced, and every record not taken.
pub struct Imported {
    pub taken: usize,
    pub replaced: usize,
    pub problems: Vec<String>,
}

/// Merges a file of changes from another computer.
pub async fn import(s: AppState, name: &str, text: &str) -> Result<Imported, String> {
    let device = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("device").and_then(|d| d.as_str()).map(String::from))
        .ok_or_else(|| format!("{name}: {}", s.tr_untracked().y.not_changes))?;
    if device == status().with_untracked(|st| st.device.clone()) {
        return Err(format!("{name}: {}", s.tr_untracked().y.own_file));
    }
    let parsed = rules::parse(text, &device).map_err(|e| format!("{name}: {e}"))?;
    let mut problems: Vec<String> = parsed
        .refused
        .iter()
        .map(|r| super::refused_line(r, name))
        .collect();
    let plan = super::receive(s, &parsed.versions)
        .await
        .map_err(|e| format!("{name}: {e}"))?;
    problems.extend(plan.refused.iter().map(|r| super::refused_line(r, name)));
    let st = plan.stats;
    Ok(Imported {
        taken: st.added + st.updated + st.deleted,
        replaced: st.replaced,
        problems,
    })
}

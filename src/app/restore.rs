//! Restore points: before a replace-import, a merge-import, a CSV import or its undo, the base as
//! it was is kept in IndexedDB (meta `restore/<n>`, as a backup file's text with its settings and
//! letter day; the list in meta `restore_points`), the last [`KEEP`] of them. Restoring one is a
//! replace like any other, and keeps the base it replaces as a point too.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::clock::now;
use super::state::{db, AppState};
use crate::domain::backup;
use crate::domain::model::Timestamp;
use crate::storage::StorageError;

/// How many points are kept: each is a whole base (~60 MB at 100,000 clients).
pub const KEEP: usize = 3;
const LIST: &str = "restore_points";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    ReplaceImport,
    MergeImport,
    CsvImport,
    ImportUndo,
    Restore,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub key: String,
    pub at: Timestamp,
    pub cause: Cause,
    pub clients: usize,
}

pub async fn list() -> Result<Vec<Point>, StorageError> {
    let text = db()?.get_meta(LIST).await?;
    Ok(text
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default())
}

fn codec(e: impl ToString) -> StorageError {
    StorageError::Codec {
        key: LIST.into(),
        message: e.to_string(),
    }
}

/// Keeps the base as it is now, before `cause` changes it. An empty base has nothing to keep.
/// A failure is returned: the caller does not go on without its restore point.
pub async fn keep(s: AppState, cause: Cause) -> Result<(), StorageError> {
    if s.base.with_untracked(|b| b.is_empty()) {
        return Ok(());
    }
    let day = super::queue::stored_day(&s).await?;
    let at = now();
    let text = s
        .settings
        .with_untracked(|st| {
            s.base
                .with_untracked(|b| backup::write_base(st, b, at, Some(&day)))
        })
        .map_err(codec)?;
    let point = Point {
        key: format!("restore/{}", at.timestamp_millis()),
        at,
        cause,
        clients: s.base.with_untracked(|b| b.clients.len()),
    };
    let db = db()?;
    db.set_meta(&point.key, &text).await?;
    let mut points = list().await?;
    points.insert(0, point);
    let dropped: Vec<Point> = points.split_off(KEEP.min(points.len()));
    db.set_meta(LIST, &serde_json::to_string(&points).map_err(codec)?)
        .await?;
    for p in dropped {
        db.delete_meta(&p.key).await?;
    }
    Ok(())
}

/// Puts the base back as it was at `point` (records, settings and letter day), keeping the
/// current base as a point first.
pub async fn restore(s: AppState, point: &Point) -> Result<(), StorageError> {
    let text = db()?
        .get_meta(&point.key)
        .await?
        .ok_or_else(|| codec("the restore point is gone"))?;
    let (b, _) = backup::read_keeping(text).map_err(codec)?;
    keep(s, Cause::Restore).await?;
    s.replace_from(b.data, b.source, Some(b.settings), b.letters_day)
        .await
}

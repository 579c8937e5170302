//! After an import: what became of every row (counted, and as a CSV file to keep) and the undo of
//! the whole import, kept in IndexedDB (meta `last_import`) so it survives a reload.

use leptos::prelude::*;

use crate::app::browser::download_bytes;
use crate::app::clock::{local, now};
use crate::app::i18n::{problem_text, tx};
use crate::app::pending::Pending;
use crate::app::state::{db, use_app, AppState};
use crate::domain::format::dmy_hm;
use crate::domain::import::apply::{Fate, ImportUndo, RowFate};
use crate::domain::import::report::{csv, fate_text};

use crate::app::state::LAST_IMPORT;

#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    /// Empty when only the undo was read back from storage (after a reload).
    pub fates: Vec<RowFate>,
    pub undo: Option<ImportUndo>,
}

/// Keeps what undoes the import just made; a failure is said (the import itself stands).
pub async fn keep_undo(s: AppState, undo: &ImportUndo) {
    let result = match (db(), serde_json::to_string(undo)) {
        (Ok(db), Ok(text)) => db.set_meta(LAST_IMPORT, &text).await,
        (Err(e), _) => Err(e),
        (_, Err(e)) => Err(crate::storage::StorageError::Codec {
            key: LAST_IMPORT.into(),
            message: e.to_string(),
        }),
    };
    if let Err(e) = result {
        s.storage_error(&e);
    }
}

async fn stored_undo() -> Option<ImportUndo> {
    let text = db().ok()?.get_meta(LAST_IMPORT).await.ok()??;
    serde_json::from_str(&text).ok()
}

fn undo(s: AppState, done: RwSignal<Option<Done>>, pending: Pending) {
    let Some(u) = done.with_untracked(|d| d.as_ref().and_then(|d| d.undo.clone())) else {
        return;
    };
    if !s.confirm(|t| t.b.confirm_undo_import) {
        return;
    }
    let (batch, kept) = s.base.with_untracked(|b| u.batch(b, now()));
    let removed = u
        .created
        .len()
        .saturating_sub(kept.iter().filter(|k| u.created.contains(k)).count());
    let restored = batch.clients.len();
    let mine = pending.start();
    leptos::task::spawn_local(async move {
        let _mine = mine;
        if let Err(e) = crate::app::restore::keep(s, crate::app::restore::Cause::ImportUndo).await {
            return s.storage_error(&e);
        }
        if s.commit(batch).await.is_ok() {
            if let Ok(db) = db() {
                if let Err(e) = db.set_meta(LAST_IMPORT, "null").await {
                    s.storage_error(&e);
                }
            }
            s.toast(
                (s.tr_untracked().b.import_undone)(removed, restored, kept.len()),
                false,
            );
            done.set(None);
        }
    });
}

#[component]
pub fn Report(done: RwSignal<Option<Done>>) -> impl IntoView {
    let s = use_app();
    let undoing = Pending::new();
    leptos::task::spawn_local(async move {
        if done.get_untracked().is_none() {
            if let Some(u) = stored_undo().await {
                done.set(Some(Done {
                    fates: Vec::new(),
                    undo: Some(u),
                }));
            }
        }
    });
    let download = move |_| {
        let Some(d) = done.get_untracked() else {
            return;
        };
        let lang = s.lang.get_untracked();
        let text = csv(&d.fates, lang, |path, p| {
            format!(
                "{}: {}",
                s.tr_untracked().field_path(path),
                problem_text(lang, *p)
            )
        });
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(text.as_bytes());
        let name = format!("import-report-{}.csv", local(now()).format("%Y-%m-%d-%H%M"));
        if let Err(e) = download_bytes(&name, "text/csv", &bytes) {
            s.toast(e, true);
        }
    };
    let counts = move |fates: &[RowFate]| {
        let lang = s.lang.get_untracked();
        let mut out: Vec<(String, usize)> = Vec::new();
        for f in fates {
            let key = match f.fate {
                Fate::MergedIntoRow(_) => s.tr_untracked().b.rows_merged.to_string(),
                other => fate_text(&other, lang),
            };
            match out.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += 1,
                None => out.push((key, 1)),
            }
        }
        out
    };
    view! {
        {move || done.get().map(|d| { let only_undo = d.fates.is_empty(); view! {
            <div class="panel" id="import-report">
                <h2>{move || if only_undo { s.tr().b.last_import } else { s.tr().b.import_report }}
                    {d.undo.as_ref().map(|u| format!(" · {}", dmy_hm(local(u.at))))}</h2>
                {(!d.fates.is_empty()).then(|| view! {
                    <ul class="counts" id="import-fates">
                        {counts(&d.fates).into_iter().map(|(k, n)| view! { <li>{k} ": " {n}</li> }).collect_view()}
                    </ul>
                    <button id="download-import-report" on:click=download>{tx(|t| t.b.download_report)}</button>
                })}
                {d.undo.is_some().then(|| view! {
                    <button class="danger" id="undo-import" disabled=move || undoing.get()
                        on:click=move |_| undo(s, done, undoing)>{tx(|t| t.b.undo_import)}</button>
                })}
            </div>
        }})}
    }
}

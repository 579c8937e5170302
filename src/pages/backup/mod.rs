//! Backups: export everything as one JSON file; import one with validation, a preview, and an
//! all-or-nothing apply (replace or merge).

use leptos::prelude::*;

use crate::app::restore::{self, Cause};

mod restore_points;
use restore_points::RestorePoints;

use crate::app::browser::{self, download};
use crate::app::clock::{local, now};
use crate::app::i18n::{backup_error, sealed_error, tx};
use crate::app::pending::Pending;
use crate::app::state::use_app;
use crate::domain::backup::{self, sealed, Backup, BackupWarning};
use crate::domain::base::Counts;
use crate::domain::format::dmy_hm;
use crate::domain::format::group;
use crate::domain::merge::{plan_merge, MergeStats};
use crate::domain::model::RecordKind;
use crate::storage::{self, LocalKey};

#[derive(Clone, PartialEq)]
struct Preview {
    file: String,
    version: u32,
    exported_at: String,
    counts: Counts,
    warnings: Vec<BackupWarning>,
    merge: MergeStats,
}

/// `pismo-backup-2026-11-26-0930.json`: sorts by date in a folder.
fn backup_file_name(t: chrono::NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    format!(
        "pismo-backup-{}-{:02}-{:02}-{:02}{:02}.json",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}

#[component]
pub fn BackupPage() -> impl IntoView {
    let s = use_app();
    let preview: RwSignal<Option<Preview>> = RwSignal::new(None);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let pending: StoredValue<Option<Backup>> = StoredValue::new(None);
    let last = RwSignal::new(storage::get_string(LocalKey::LastBackupAt).ok().flatten());
    let points = LocalResource::new(|| async { restore::list().await.unwrap_or_default() });

    let export_password = RwSignal::new(String::new());
    let export = move |_| {
        if !s.history_ready.get_untracked() {
            return;
        }
        leptos::task::spawn_local(async move {
            let at = now();
            let day = match crate::app::queue::stored_day(&s).await {
                Ok(d) => d,
                Err(e) => return s.storage_error(&e),
            };
            let text = s.settings.with_untracked(|st| {
                s.base
                    .with_untracked(|b| backup::write_base(st, b, at, Some(&day)))
            });
            let name = backup_file_name(local(at));
            let password = export_password.get_untracked();
            let result = match text {
                Err(e) => Err(e.to_string()),
                Ok(t) if password.is_empty() => download(&name, "application/json", &t),
                // Encrypted: the plain text never leaves memory.
                Ok(t) => match crate::app::sealed::seal(t.as_bytes(), &password).await {
                    Ok(bytes) => browser::download_bytes(
                        &format!("{name}.pismoenc"),
                        "application/octet-stream",
                        &bytes,
                    ),
                    Err(e) => Err(e),
                },
            };
            match result {
                Ok(()) => {
                    let stamp = at.to_rfc3339();
                    if let Err(e) = storage::set_string(LocalKey::LastBackupAt, &stamp) {
                        s.storage_error(&e);
                    }
                    last.set(Some(stamp));
                    s.toast(s.tr_untracked().backup_exported, false);
                }
                Err(e) => s.toast(
                    format!("{}: {e}", s.tr_untracked().backup_export_failed),
                    true,
                ),
            }
        });
    };

    let locked: StoredValue<Option<(String, Vec<u8>)>> = StoredValue::new(None);
    let asks_password = RwSignal::new(false);
    let import_password = RwSignal::new(String::new());
    let opening = Pending::new();
    // A backup's text (opened, if it was encrypted): checked and previewed, or refused with why.
    let show = move |name: String, bytes: Vec<u8>| {
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                error.set(Some(format!("{name}: {}: {e}", s.tr_untracked().not_text)));
                return;
            }
        };
        match backup::read_keeping(text) {
            Ok((b, warnings)) => {
                let merge = s
                    .base
                    .with_untracked(|base| plan_merge(base, &b.data))
                    .stats;
                preview.set(Some(Preview {
                    file: name,
                    version: b.version,
                    exported_at: dmy_hm(local(b.exported_at)),
                    counts: b.data.counts(),
                    warnings,
                    merge,
                }));
                pending.set_value(Some(b));
            }
            Err(e) => error.set(Some(format!(
                "{name}: {}",
                backup_error(s.lang.get_untracked(), &e)
            ))),
        }
    };

    let on_file = move |ev: web_sys::Event| {
        let Some(file) = browser::take_file(&ev) else {
            return;
        };
        preview.set(None);
        error.set(None);
        pending.set_value(None);
        asks_password.set(false);
        locked.set_value(None);
        let name = file.name();
        leptos::task::spawn_local(async move {
            let bytes = match browser::read_bytes(&file).await {
                Ok(b) => b,
                Err(e) => {
                    error.set(Some(format!("{name}: {e}")));
                    return;
                }
            };
            if sealed::is_sealed(&bytes) {
                locked.set_value(Some((name, bytes)));
                asks_password.set(true);
                return;
            }
            show(name, bytes);
        });
    };
    let open_locked = move || {
        let Some((name, bytes)) = locked.get_value() else {
            return;
        };
        let password = import_password.get_untracked();
        let mine = opening.start();
        leptos::task::spawn_local(async move {
            let _mine = mine;
            match crate::app::sealed::open(&bytes, &password).await {
                Ok(plain) => {
                    asks_password.set(false);
                    locked.set_value(None);
                    import_password.set(String::new());
                    show(name, plain);
                }
                Err(crate::app::sealed::OpenError::Sealed(e)) => error.set(Some(format!(
                    "{name}: {}",
                    sealed_error(s.lang.get_untracked(), &e)
                ))),
                Err(crate::app::sealed::OpenError::Browser(e)) => {
                    error.set(Some(format!("{name}: {e}")))
                }
            }
        });
    };

    let importing = Pending::new();
    let apply = move |replace: bool| {
        let Some(b) = pending.get_value() else { return };
        if !s.history_ready.get_untracked() {
            return;
        }
        if replace && !s.base.with_untracked(|b| b.is_empty()) && !s.confirm(|t| t.confirm_replace)
        {
            return;
        }
        let mine = importing.start();
        leptos::task::spawn_local(async move {
            let _mine = mine;
            let cause = if replace {
                Cause::ReplaceImport
            } else {
                Cause::MergeImport
            };
            if let Err(e) = restore::keep(s, cause).await {
                return s.storage_error(&e);
            }
            points.refetch();
            let ok = if replace {
                s.replace_from(b.data, b.source, Some(b.settings), b.letters_day)
                    .await
                    .is_ok()
            } else {
                let plan = s.base.with_untracked(|base| plan_merge(base, &b.data));
                s.commit(plan.batch).await.is_ok()
            };
            if ok {
                preview.set(None);
                pending.set_value(None);
                s.toast(s.tr_untracked().import_done, false);
            }
        });
    };

    let count_row = move |label: fn(&crate::app::i18n::Tr) -> &'static str, n: usize| {
        view! { <tr><td>{move || label(s.tr())}</td><td class="num">{group(n as i64)}</td></tr> }
    };

    view! {
        <section class="backup">
            <h1>{tx(|t| t.backup)}</h1>
            <div class="panel">
                <h2>{tx(|t| t.export)}</h2>
                <p class="hint">{tx(|t| t.export_hint)}</p>
                <p>
                    {tx(|t| t.last_backup)} ": "
                    {move || last.get().and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
                        .map(|t| dmy_hm(local(t.with_timezone(&chrono::Utc)))).unwrap_or_else(|| s.tr().never.to_string())}
                </p>
                // Orders, letters and the rest load after the first paint; a backup taken before
                // that would silently lack them.
                <label class="field">
                    <span class="label">{tx(|t| t.backup_password)}</span>
                    <input type="password" id="export-password" autocomplete="new-password"
                        prop:value=move || export_password.get()
                        on:input=move |ev| export_password.set(event_target_value(&ev)) />
                    <span class="hint">{tx(|t| t.backup_password_hint)}</span>
                </label>
                <button class="primary" id="export-backup" on:click=export disabled=move || !s.history_ready.get()>{tx(|t| t.export_button)}</button>
                <Show when=move || !s.history_ready.get()><span class="hint">" " {tx(|t| t.history_loading)}</span></Show>
            </div>
            <RestorePoints points=points />
            <div class="panel">
                <h2>{tx(|t| t.import)}</h2>
                <p class="hint">{tx(|t| t.import_hint)}</p>
                <label class="button">
                    {tx(|t| t.choose_file)}
                    <input type="file" id="import-file" accept=".json,.pismoenc,application/json" class="visually-hidden" on:change=on_file />
                </label>
                <Show when=move || asks_password.get()>
                    <form class="password" on:submit=move |ev| { ev.prevent_default(); open_locked(); }>
                        <label class="field">
                            <span class="label">{tx(|t| t.backup_is_encrypted)}</span>
                            <input type="password" id="import-password" autocomplete="current-password"
                                prop:value=move || import_password.get()
                                on:input=move |ev| import_password.set(event_target_value(&ev)) />
                        </label>
                        <button class="primary" id="open-backup" type="submit" disabled=move || opening.get()>{tx(|t| t.open_backup)}</button>
                    </form>
                </Show>
                {move || error.get().map(|e| view! { <p class="error-box" id="import-error" role="alert">{e}</p> })}
                {move || preview.get().map(|p| view! {
                    <div class="preview" id="import-preview">
                        <p><strong>{p.file.clone()}</strong>" · v" {p.version} " · " {p.exported_at.clone()}</p>
                        <table class="dense counts">
                            <tbody>
                                {RecordKind::ALL.iter().map(|&k| view! {
                                    <tr><td>{move || s.tr().record_kind(k)}</td><td class="num">{group(p.counts.of(k) as i64)}</td></tr>
                                }).collect_view()}
                                {count_row(|t| t.deleted_records, p.counts.tombstones)}
                            </tbody>
                        </table>
                        <p class="hint" id="merge-stats">
                            {tx(|t| t.merge_would)} ": "
                            {move || format!(
                                "{} {} · {} {} · {} {} · {} {}",
                                s.tr().merge_added, group(p.merge.added as i64),
                                s.tr().merge_updated, group(p.merge.updated as i64),
                                s.tr().merge_kept, group(p.merge.kept as i64),
                                s.tr().merge_deleted, group(p.merge.deleted as i64),
                            )}
                        </p>
                        {(!p.warnings.is_empty()).then(|| view! {
                            <details class="warnings">
                                <summary>{tx(|t| t.doubtful_values)} " (" {p.warnings.len()} ")"</summary>
                                <ul>
                                    {p.warnings.iter().map(|w| view! { <li><code>{w.path.clone()}</code>" " {w.message.clone()}</li> }).collect_view()}
                                </ul>
                            </details>
                        })}
                        <div class="actions">
                            <button class="danger" id="import-replace" on:click=move |_| apply(true) disabled=move || importing.get() || !s.history_ready.get()>{tx(|t| t.replace_all)}</button>
                            <button class="primary" id="import-merge" on:click=move |_| apply(false) disabled=move || importing.get() || !s.history_ready.get()>{tx(|t| t.merge)}</button>
                            <button on:click=move |_| { preview.set(None); pending.set_value(None); }>{tx(|t| t.cancel)}</button>
                        </div>
                    </div>
                })}
            </div>
        </section>
    }
}

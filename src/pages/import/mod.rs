//! CSV import: pick a file as Excel or 1C saved it, check the column mapping, see what becomes of
//! every row (new, merged with an earlier row, filling in a client of the base, not imported) with
//! its remarks, then apply all at once; afterwards a report of every row and an undo
//! (`report`). Rows are checked in slices so a 50,000-row file never freezes the page.

use leptos::prelude::*;

use crate::app::browser::{decode_cp1251, new_id, next_tick, read_bytes};
use crate::app::clock::now;
use crate::app::i18n::{tx, Said};
use crate::app::pending::Pending;
use crate::app::restore::{keep, Cause};
use crate::app::router::Route;
use crate::app::state::{use_app, AppState};
use crate::domain::dedup::profiles;
use crate::domain::dedup::Lookup;
use crate::domain::import::apply::{plan, summary};
use crate::domain::import::rows::{check, check_with, to_clients, RowCheck, Verdict};
use crate::domain::import::{decode_with, detect_delimiter, guess_columns, parse, Column, Table};

mod preview;
mod report;

/// Rows checked against the base between two repaints: each takes ~1.5 ms at 100,000 clients.
const SLICE: usize = 250;
/// Clients profiled for the duplicate check between two repaints.
const PROFILE_SLICE: usize = 5000;

const COLUMNS: [Column; 14] = [
    Column::Name,
    Column::LegalForm,
    Column::Inn,
    Column::Kpp,
    Column::Phone,
    Column::Email,
    Column::Postcode,
    Column::Region,
    Column::City,
    Column::Address,
    Column::Contact,
    Column::Position,
    Column::Segment,
    Column::Notes,
];

fn slug(c: Column) -> &'static str {
    match c {
        Column::Name => "name",
        Column::LegalForm => "legal_form",
        Column::Inn => "inn",
        Column::Kpp => "kpp",
        Column::Phone => "phone",
        Column::Email => "email",
        Column::Postcode => "postcode",
        Column::Region => "region",
        Column::City => "city",
        Column::Address => "address",
        Column::Contact => "contact",
        Column::Position => "position",
        Column::Segment => "segment",
        Column::Notes => "notes",
    }
}

/// Checks every row, a slice at a time, reporting progress.
async fn run_check(
    s: AppState,
    table: Table,
    columns: Vec<Option<Column>>,
    progress: RwSignal<Option<(usize, usize)>>,
) -> Vec<RowCheck> {
    let rows = to_clients(&table, &columns, now(), new_id);
    let total = rows.len();
    progress.set(Some((0, total)));
    next_tick().await;
    // Duplicate profiles are most of the work: made a slice at a time, of the base and of the
    // file, so a 50,000-row file against a large base never holds the page for long.
    let count = s.base.with_untracked(|b| b.clients.len());
    let mut base_profiles = Vec::with_capacity(count);
    for start in (0..count).step_by(PROFILE_SLICE) {
        s.base.with_untracked(|b| {
            let end = (start + PROFILE_SLICE).min(b.clients.len());
            base_profiles.extend(profiles(b.clients.as_slice()[start.min(end)..end].iter()));
        });
        next_tick().await;
    }
    let lookup = Lookup::from_profiles(base_profiles);
    let mut file_profiles = Vec::with_capacity(total);
    for chunk in rows.chunks(PROFILE_SLICE) {
        file_profiles.extend(profiles(chunk.iter().map(|(_, c)| c)));
        next_tick().await;
    }
    // Repeats inside the file need all rows at once; the lookups against the base go in slices.
    let mut checked = check_with(rows, &file_profiles, &Lookup::new(std::iter::empty()));
    let mut done = 0;
    for chunk in checked.chunks_mut(SLICE) {
        for r in chunk.iter_mut() {
            if !matches!(r.verdict, Verdict::InFile(_)) {
                let again = check(vec![(r.line, r.client.clone())], &lookup);
                if let Some(v) = again.first() {
                    r.verdict = v.verdict;
                }
            }
        }
        done += chunk.len();
        progress.set(Some((done, total)));
        next_tick().await;
    }
    progress.set(None);
    checked
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let s = use_app();
    let table: RwSignal<Option<Table>> = RwSignal::new(None);
    let columns: RwSignal<Vec<Option<Column>>> = RwSignal::new(Vec::new());
    let checks: RwSignal<Option<Vec<RowCheck>>> = RwSignal::new(None);
    let progress: RwSignal<Option<(usize, usize)>> = RwSignal::new(None);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let update_existing = RwSignal::new(true);
    let done: RwSignal<Option<report::Done>> = RwSignal::new(None);

    let recheck = move || {
        let (Some(t), cols) = (table.get_untracked(), columns.get_untracked()) else {
            return;
        };
        checks.set(None);
        leptos::task::spawn_local(async move {
            let result = run_check(s, t, cols, progress).await;
            checks.set(Some(result));
        });
    };
    let pick = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        error.set(None);
        done.set(None);
        leptos::task::spawn_local(async move {
            let bytes = match read_bytes(&file).await {
                Ok(b) => b,
                Err(e) => return error.set(Some(e)),
            };
            let (text, _) = decode_with(&bytes, decode_cp1251);
            match parse(&text, detect_delimiter(&text)) {
                Ok(t) => {
                    columns.set(guess_columns(&t.headers));
                    table.set(Some(t));
                    recheck();
                }
                Err(e) => error.set(Some(e.said(s.tr_untracked()))),
            }
        });
    };
    // What the import would do, row by row: recomputed when the rows or the option change.
    let planned = Memo::new(move |_| {
        let list = checks.get()?;
        let update = update_existing.get();
        Some(
            s.base
                .with_untracked(|b| plan(&list, b, update, now(), new_id)),
        )
    });
    let importing = Pending::new();
    let apply = move |_| {
        let Some(list) = checks.get_untracked() else {
            return;
        };
        let p = s
            .base
            .with_untracked(|b| plan(&list, b, update_existing.get_untracked(), now(), new_id));
        let mine = importing.start();
        leptos::task::spawn_local(async move {
            let _mine = mine;
            if let Err(e) = keep(s, Cause::CsvImport).await {
                return s.storage_error(&e);
            }
            if s.commit(p.batch).await.is_ok() {
                report::keep_undo(s, &p.undo).await;
                s.toast(s.tr_untracked().import_done, false);
                checks.set(None);
                table.set(None);
                done.set(Some(report::Done {
                    fates: p.fates,
                    undo: Some(p.undo),
                }));
            }
        });
    };
    view! {
        <section class="import">
            <div class="toolbar">
                <a class="back" href=Route::Clients.href()>{tx(|t| t.back_to_clients)}</a>
                <h1>{tx(|t| t.b.import_csv)}</h1>
            </div>
            <p class="hint">{tx(|t| t.b.import_hint)}</p>
            <label class="field">
                <span class="label">{tx(|t| t.choose_file)}</span>
                <input type="file" id="csv-file" accept=".csv,.txt,text/csv" on:change=pick />
            </label>
            {move || error.get().map(|e| view! { <p class="error-box" role="alert">{e}</p> })}
            {move || table.get().map(|t| view! {
                {(!t.unclosed_quotes.is_empty()).then(|| view! {
                    <p class="error-box" role="alert" id="unclosed-quotes">
                        {tx(|t| t.b.unclosed_quotes)} ": "
                        {t.unclosed_quotes.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")}
                    </p>
                })}
                <fieldset class="grid mapping">
                    <legend>{tx(|t| t.b.mapping)}</legend>
                    {t.headers.iter().enumerate().map(|(i, h)| view! {
                        <label class="field">
                            <span class="label">{h.clone()}</span>
                            <select name=format!("col-{i}") on:change=move |ev| {
                                let v = event_target_value(&ev);
                                columns.update(|c| if let Some(x) = c.get_mut(i) { *x = COLUMNS.iter().copied().find(|k| slug(*k) == v) });
                                recheck();
                            }>
                                <option value="" selected=move || columns.with(|c| c.get(i).copied().flatten().is_none())>"—"</option>
                                {COLUMNS.iter().map(|k| { let k = *k; view! {
                                    <option value=slug(k) selected=move || columns.with(|c| c.get(i).copied().flatten() == Some(k))>{move || s.tr().column(k)}</option>
                                }}).collect_view()}
                            </select>
                        </label>
                    }).collect_view()}
                </fieldset>
            })}
            {move || progress.get().map(|(done, total)| view! {
                <p class="loading" id="import-progress"><progress max=total value=done></progress> {format!(" {done} / {total}")}</p>
            })}
            {move || checks.get().map(|list| {
                let sum = summary(&list);
                view! {
                    <div class="preview" id="import-preview">
                        <p id="import-summary">{move || (s.tr().b.import_summary)(sum)}</p>
                        <preview::Rows checks=list planned=planned />
                        <div class="actions">
                            <label class="check"><input type="checkbox" prop:checked=update_existing on:change=move |ev| update_existing.set(event_target_checked(&ev)) />{tx(|t| t.b.update_existing)}</label>
                            <button class="primary" id="apply-import" disabled=move || importing.get() on:click=apply>{tx(|t| t.b.apply_import)}</button>
                        </div>
                    </div>
                }
            })}
            <report::Report done=done />
        </section>
    }
}

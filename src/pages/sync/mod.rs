//! The sync page: the shared folder, CouchDB, where sync stands (last run, the other computers, what went
//! wrong), and the exchange by file for browsers without folder access. Anyone may read it.

mod couch;

use leptos::prelude::*;

use crate::app::clock::local;
use crate::app::state::use_app;
use crate::app::sync::{self, file, folder, Folder};
use crate::domain::format::dmy_hm;

pub(super) fn ty(
    label: fn(&crate::app::i18n::Yt) -> &'static str,
) -> impl Fn() -> &'static str + Copy {
    let lang = use_app().lang;
    move || label(crate::app::i18n::tr(lang.get()).y)
}

#[component]
pub fn SyncPage() -> impl IntoView {
    let s = use_app();
    let st = sync::status();
    // A computer that did not sync when the app opened gets its sync engine here, for the
    // folder or the database about to be set up; like at start, once the whole base is read
    // (a sync before that would find nothing to compare with and wait a minute for its next turn).
    Effect::new(move || {
        if s.history_ready.get() {
            leptos::task::spawn_local(async move {
                if crate::app::pieces::sync_engine(s).await.is_err() {
                    s.toast(s.tr_untracked().piece_failed.to_string(), true);
                }
            });
        }
    });
    let run = move |_| leptos::task::spawn_local(folder::run(s, true));
    let choose = move |_| leptos::task::spawn_local(folder::choose(s));
    let export = move |_| {
        leptos::task::spawn_local(async move {
            match file::export(s).await {
                Ok(n) => s.toast(format!("{}: {n}", s.tr_untracked().y.exported), false),
                Err(e) => s.toast(e, true),
            }
        })
    };
    let file_problems = RwSignal::new(Vec::<String>::new());
    let on_file = move |ev: web_sys::Event| {
        let Some(f) = crate::app::browser::take_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let name = f.name();
            let text = match crate::app::browser::read_bytes(&f).await {
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(e) => return s.toast(format!("{name}: {e}"), true),
            };
            match file::import(s, &name, &text).await {
                Ok(r) => {
                    s.toast(
                        format!("{}: {}", s.tr_untracked().y.imported, r.taken),
                        false,
                    );
                    file_problems.set(r.problems);
                }
                Err(e) => s.toast(e, true),
            }
        });
    };
    let folder_view = move || {
        match st.with(|x| x.folder.clone()) {
        Folder::Unknown | Folder::None => view! {
            <p>{ty(|t| t.folder_none)}</p>
            <button class="primary" id="sync-choose" on:click=choose>{ty(|t| t.choose)}</button>
        }
        .into_any(),
        Folder::NeedsPermission(name) => view! {
            <p role="alert">{ty(|t| t.needs_permission)} " " <strong>{name}</strong></p>
            <button class="primary" id="sync-grant" on:click=run>{ty(|t| t.grant)}</button>
        }
        .into_any(),
        Folder::Ready(name) => view! {
            <p>{ty(|t| t.folder)} ": " <strong>{if name.is_empty() { ty(|t| t.private_folder)().to_string() } else { name }}</strong></p>
            <button class="primary" id="sync-now" on:click=run
                disabled=move || st.with(|x| x.running) || !s.history_ready.get()>
                {ty(|t| t.sync_now)}
            </button>
            " "
            <button id="sync-choose" on:click=choose>{ty(|t| t.choose)}</button>
        }
        .into_any(),
    }
    };
    view! {
        <section class="sync">
            <h1>{ty(|t| t.sync)}</h1>
            <p class="hint">{ty(|t| t.hint)}</p>
            <div class="panel">
                <Show when=folder::supported fallback=move || view! { <p>{ty(|t| t.no_api)}</p> }>
                    {folder_view}
                    <p class="hint">{ty(|t| t.every_minute)}</p>
                </Show>
                <p class="hint">{ty(|t| t.stored)}</p>
            </div>
            <couch::CouchPanel />
            <Status />
            <div class="panel">
                <h2>{ty(|t| t.by_file)}</h2>
                <button id="sync-export" on:click=export disabled=move || !s.history_ready.get()>{ty(|t| t.export)}</button>
                " "
                <label class="button">
                    {ty(|t| t.import)}
                    <input type="file" id="sync-import" accept=".json,application/json" class="visually-hidden" on:change=on_file />
                </label>
                <ul class="problems">
                    <For each=move || file_problems.get() key=|p| p.clone() let:p><li>{p}</li></For>
                </ul>
            </div>
        </section>
    }
}

/// Where sync stands: readable by everyone, also on a computer without the folder.
#[component]
fn Status() -> impl IntoView {
    let st = sync::status();
    let last = move || {
        st.with(|x| x.kept.last)
            .map(|t| dmy_hm(local(t)))
            .unwrap_or_else(|| ty(|t| t.never)().to_string())
    };
    let devices = move || st.with(|x| x.kept.devices.clone().into_iter().collect::<Vec<_>>());
    view! {
        <div class="panel" id="sync-status" role="status" data-runs=move || st.with(|x| x.runs)>
            <p>
                {ty(|t| t.last)} ": " <strong id="sync-last">{last}</strong>
                <Show when=move || st.with(|x| x.running)>" · " {ty(|t| t.running)}</Show>
            </p>
            <p>
                {ty(|t| t.this_device)} ": " <code>{move || st.with(|x| x.device.clone())}</code>
                " · " {ty(|t| t.sent)} ": " <span id="sync-sent">{move || st.with(|x| x.kept.sent)}</span>
                " · " {ty(|t| t.received)} ": " <span id="sync-received">{move || st.with(|x| x.kept.received)}</span>
            </p>
            <p class="hint">
                {ty(|t| t.last_run)} ": "
                {move || st.with(|x| format!("{} / {} / {}", x.last_run.0, x.last_run.1, x.last_run.2))}
            </p>
            <h2>{ty(|t| t.devices)}</h2>
            <Show when=move || st.with(|x| !x.kept.devices.is_empty()) fallback=move || view! { <p class="hint">{ty(|t| t.no_devices)}</p> }>
                <table class="dense" id="sync-devices">
                    <thead><tr>
                        <th>{ty(|t| t.device)}</th><th>{ty(|t| t.who)}</th>
                        <th>{ty(|t| t.wrote)}</th><th>{ty(|t| t.read_at)}</th>
                    </tr></thead>
                    <tbody>
                        <For each=devices key=|(d, seen)| (d.clone(), seen.seq) let:row>
                            <tr>
                                <td><code>{row.0.clone()}</code></td>
                                <td>{row.1.name.clone()}</td>
                                <td class="num">{dmy_hm(local(row.1.written_at))}</td>
                                <td class="num">{dmy_hm(local(row.1.read_at))}</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </Show>
            <h2>{ty(|t| t.problems)}</h2>
            <Show when=move || st.with(|x| !x.problems.is_empty()) fallback=move || view! { <p class="hint">{ty(|t| t.no_problems)}</p> }>
                <ul class="problems" id="sync-problems">
                    <For each=move || st.with(|x| x.problems.clone()) key=|p| p.clone() let:p><li>{p}</li></For>
                </ul>
            </Show>
        </div>
    }
}

//! Address lists for mailings: a filter (channel, client type, segments, place, owner), the list
//! it gives with who was left out and why, CSV for Excel or a sheet of labels, saved definitions,
//! and the log of every list given out.

mod filter;
mod saved;

use leptos::prelude::*;

use crate::app::browser::{download_bytes, new_id};
use crate::app::clock::{local, now};
use crate::app::i18n::tx;
use crate::app::router::Route;
use crate::app::scan::ensure;
use crate::app::state::{use_app, AppState};
use crate::components::labels::LabelSheets;
use crate::domain::base::Batch;
use crate::domain::format::{dmy_hm, file_name, group};
use crate::domain::mailing::csv::{export, Encoding};
use crate::domain::mailing::{select, Selection};
use crate::domain::model::*;

/// Rows shown on screen; the file and the labels carry all of them.
const PREVIEW: usize = 50;

/// The list being edited: its filter, and the saved definition it came from, if any.
#[derive(Clone, Copy)]
struct Draft {
    filter: RwSignal<ListFilter>,
    name: RwSignal<String>,
    saved: RwSignal<Option<Id>>,
}

/// Logs a list given out; the export itself has already happened.
fn log(s: AppState, d: Draft, format: &str, given_to: String, addresses: usize) {
    let at = now();
    let name = d.name.get_untracked();
    let entry = Mailing {
        by: None,
        id: new_id(),
        list: d.saved.get_untracked(),
        name: if name.trim().is_empty() {
            s.tr_untracked().q.unnamed.to_string()
        } else {
            name.trim().to_string()
        },
        filter: d.filter.get_untracked(),
        given_to: given_to.trim().to_string(),
        format: format.to_string(),
        addresses: addresses as u32,
        at,
        updated_at: at,
    };
    s.save_then(
        Batch {
            mailings: vec![entry],
            ..Batch::default()
        },
        |t| t.q.logged,
        || {},
    );
}

#[component]
pub fn ListsPage() -> impl IntoView {
    let s = use_app();
    ensure(s);
    let d = Draft {
        filter: RwSignal::new(ListFilter::default()),
        name: RwSignal::new(String::new()),
        saved: RwSignal::new(None),
    };
    let given_to = RwSignal::new(String::new());
    let labels = RwSignal::new(false);
    let selection = Memo::new(move |_| {
        let pending = s
            .duplicates
            .with(|x| x.as_ref().map(|x| x.pending()))
            .unwrap_or_default();
        d.filter.with(|f| s.base.with(|b| select(b, f, &pending)))
    });
    let csv = move |encoding: Encoding| {
        let (bytes, replaced, n) = selection.with_untracked(|sel: &Selection| {
            let e = export(&sel.rows, s.lang.get_untracked(), encoding);
            (e.bytes, e.replaced, sel.rows.len())
        });
        let name = file_name(&d.name.get_untracked(), "list", local(now()).date(), "csv");
        match download_bytes(&name, "text/csv", &bytes) {
            Ok(()) => {
                if replaced > 0 {
                    s.toast((s.tr_untracked().q.replaced)(replaced), true);
                }
                log(s, d, encoding.slug(), given_to.get_untracked(), n);
            }
            Err(e) => s.toast(e, true),
        }
    };
    let print_labels = move |_| {
        labels.set(true);
        let n = selection.with_untracked(|sel| sel.rows.len());
        log(s, d, "labels", given_to.get_untracked(), n);
        // After the sheets are drawn.
        set_timeout(
            || {
                let _ = window().print();
            },
            std::time::Duration::from_millis(50),
        );
    };
    let mailings = Memo::new(move |_| {
        s.base.with(|b| {
            let mut v: Vec<Mailing> = b.mailings.iter().cloned().collect();
            crate::domain::sort::sort_by_key(&mut v, |m| std::cmp::Reverse(m.at));
            v.truncate(100);
            v
        })
    });
    view! {
        <Show when=move || labels.get()>
            <section class="print-view k-labels">
                <div class="toolbar screen-only">
                    <button on:click=move |_| labels.set(false)>{tx(|t| t.q.back_to_list)}</button>
                    <h1>{tx(|t| t.q.labels)}</h1>
                    <span class="count">{move || selection.with(|x| x.rows.len())}</span>
                    <span class="spacer"></span>
                    <button class="primary" on:click=move |_| { let _ = window().print(); }>{tx(|t| t.l.print)}</button>
                </div>
                <div class="sheets" id="label-sheets">
                    {move || view! { <LabelSheets labels=selection.with(|x| x.rows.iter().filter(|r| !r.street.is_empty()).map(|r| r.label_lines()).collect()) /> }}
                </div>
            </section>
        </Show>
        <Show when=move || !labels.get()>
        <section class="lists">
            <div class="toolbar">
                <a class="back" href=Route::Clients.href()>{tx(|t| t.back_to_clients)}</a>
                <h1>{tx(|t| t.q.lists)}</h1>
            </div>
            <div class="lists-layout">
                <div class="panel list-filter">
                    <filter::FilterForm filter=d.filter />
                    <saved::SavedLists filter=d.filter name=d.name saved=d.saved />
                </div>
                <div class="list-result">
                    <p class="list-count">
                        {tx(|t| t.q.addresses)} ": " <b id="list-count">{move || group(selection.with(|x| x.rows.len()) as i64)}</b>
                        {move || {
                            let left = selection.with(|x| x.left.clone());
                            let total: usize = left.iter().map(|(_, n)| n).sum();
                            (total > 0).then(|| view! {
                                <span class="hint" id="left-out">
                                    " · " {(s.tr().q.left_out)(total)} " ("
                                    {left.into_iter().map(|(why, n)| format!("{}: {n}", s.tr().left(why))).collect::<Vec<_>>().join(", ")}
                                    ")"
                                </span>
                            })
                        }}
                    </p>
                    <p class="hint">{tx(|t| t.q.exclusions)}</p>
                    <div class="give">
                        <label>
                            <span class="label">{tx(|t| t.q.given_to)}</span>
                            <input id="given-to" placeholder=tx(|t| t.q.given_to_hint) prop:value=given_to on:input=move |ev| given_to.set(event_target_value(&ev)) />
                        </label>
                        <button id="csv-utf8" disabled=move || selection.with(|x| x.rows.is_empty()) on:click=move |_| csv(Encoding::Utf8Bom)>{tx(|t| t.q.csv_utf8)}</button>
                        <button id="csv-1251" disabled=move || selection.with(|x| x.rows.is_empty()) on:click=move |_| csv(Encoding::Windows1251)>{tx(|t| t.q.csv_1251)}</button>
                        <button id="print-labels" disabled=move || selection.with(|x| x.rows.is_empty()) on:click=print_labels>{tx(|t| t.q.labels)}</button>
                    </div>
                    <h2>{tx(|t| t.q.first_rows)}</h2>
                    <table class="dense" id="list-rows">
                        <tbody>
                            {move || selection.with(|x| x.rows.iter().take(PREVIEW).map(|r| view! {
                                <tr>
                                    <td><a href=Route::Client(r.client).href()>{r.recipient.clone()}</a></td>
                                    <td>{r.contact.clone()}</td>
                                    <td class="num">{r.postcode.clone()}</td>
                                    <td>{r.city.clone()}</td>
                                    <td>{r.street.clone()}</td>
                                    <td>{r.email.clone()}</td>
                                </tr>
                            }).collect_view())}
                        </tbody>
                    </table>
                    <h2>{tx(|t| t.q.log)}</h2>
                    <table class="dense" id="mailing-log">
                        <thead><tr>
                            <th>{tx(|t| t.q.when)}</th><th>{tx(|t| t.q.what)}</th><th>{tx(|t| t.q.to_whom)}</th>
                            <th>{tx(|t| t.q.format)}</th><th class="num">{tx(|t| t.q.addresses)}</th>
                        </tr></thead>
                        <tbody>
                            {move || mailings.get().into_iter().map(|m| view! {
                                <tr>
                                    <td class="num">{dmy_hm(local(m.at))}</td>
                                    <td>{m.name}</td>
                                    <td>{if m.given_to.is_empty() { "—".to_string() } else { m.given_to }}</td>
                                    <td>{m.format}</td>
                                    <td class="num">{group(i64::from(m.addresses))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <Show when=move || mailings.with(Vec::is_empty)>
                        <p class="hint">{tx(|t| t.q.log_empty)}</p>
                    </Show>
                </div>
            </div>
        </section>
        </Show>
    }
}

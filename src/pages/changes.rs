//! Recent changes across the base: every change to a client's names, phones, e-mails, addresses,
//! owner and do-not-contact, newest first, each opening its client.

use leptos::prelude::*;

use crate::app::clock::local;
use crate::app::i18n::tx;
use crate::app::router::Route;
use crate::app::state::use_app;
use crate::domain::format::{dmy_hm, full_name};
use crate::domain::history::shown;
use crate::domain::model::*;

/// More rows than this are not drawn: the feed is for what happened lately.
const SHOWN: usize = 300;

#[component]
pub fn ChangesPage() -> impl IntoView {
    let s = use_app();
    let rows = Memo::new(move |_| {
        s.base.with(|b| {
            let mut v: Vec<&ChangeLogEntry> = b.changes.iter().collect();
            crate::domain::sort::sort_by_key(&mut v, |e| std::cmp::Reverse(e.at));
            v.into_iter()
                .take(SHOWN)
                .map(|e| {
                    let name = b.clients.get(&e.client).map(full_name).unwrap_or_default();
                    let old = shown(b, &e.field, &e.old);
                    let new = shown(b, &e.field, &e.new);
                    (e.clone(), name, old, new)
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="changes">
            <div class="toolbar">
                <a class="back" href=Route::Clients.href()>{tx(|t| t.back_to_clients)}</a>
                <h1>{tx(|t| t.b.recent_changes)}</h1>
                <span class="count">{move || rows.with(Vec::len)}</span>
            </div>
            <table class="dense" id="changes">
                <tbody>
                    {move || rows.get().into_iter().map(|(e, name, old, new)| view! {
                        <tr>
                            <td class="num">{dmy_hm(local(e.at))}</td>
                            <td><a href=Route::Client(e.client).href()>{name}</a></td>
                            <td>{let f = e.field.clone(); move || s.tr().field_path(&f)}</td>
                            <td class="old">{old}</td>
                            <td>"→"</td>
                            <td>{new}</td>
                            <td class="by">{crate::app::person::name_of(s, e.by)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="hint">{tx(|t| t.history_empty)}</p>
            </Show>
        </section>
    }
}

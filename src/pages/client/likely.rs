//! While a new client is typed in, the existing clients it may already be, with why: so the
//! duplicate is caught before it is saved, not months later.

use std::sync::Arc;

use leptos::prelude::*;

use super::Draft;
use crate::app::browser::next_tick;
use crate::app::i18n::tx;
use crate::app::router::Route;
use crate::app::state::use_app;
use crate::domain::dedup::{DedupSettings, Lookup};
use crate::domain::format::full_name;

#[component]
pub fn Likely(draft: Draft) -> impl IntoView {
    let s = use_app();
    let lookup: RwSignal<Option<Arc<Lookup>>> = RwSignal::new(None);
    // Built once, after the form has painted.
    leptos::task::spawn_local(async move {
        next_tick().await;
        let built = s.base.with_untracked(|b| Lookup::new(b.clients.iter()));
        lookup.set(Some(Arc::new(built)));
    });
    let found = Memo::new(move |_| {
        let l = lookup.get()?;
        let found = draft
            .client
            .with(|c| l.likely(c, &DedupSettings::default(), 5));
        let rows: Vec<(crate::domain::model::Id, String, i64)> = s.base.with_untracked(|b| {
            found
                .iter()
                .filter_map(|p| {
                    let other = if b.clients.get(&p.a).is_some() {
                        p.a
                    } else {
                        p.b
                    };
                    let c = b.clients.get(&other)?;
                    Some((other, full_name(c), (p.score * 100.0).round() as i64))
                })
                .collect()
        });
        (!rows.is_empty()).then_some(rows)
    });
    view! {
        {move || found.get().map(|rows| view! {
            <aside class="likely" id="likely" role="status">
                <strong>{tx(|t| t.b.maybe_exists)}</strong>
                <ul>
                    {rows.into_iter().map(|(id, name, pct)| view! {
                        <li><a href=Route::Client(id).href()>{name}</a> <span class="score">{format!("{pct}%")}</span></li>
                    }).collect_view()}
                </ul>
            </aside>
        })}
    }
}

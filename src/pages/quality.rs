//! Data quality: per issue, the clients to fix, each opening its page; «confirmed today» right in
//! the row for what only needs a look. Pending duplicates come from the shared duplicate scan.

use leptos::prelude::*;

use crate::app::clock::now;
use crate::app::i18n::tx;
use crate::app::pending::Pending;
use crate::app::router::Route;
use crate::app::scan::ensure;
use crate::app::state::use_app;
use crate::domain::base::Batch;
use crate::domain::format::full_name;
use crate::domain::model::*;
use crate::domain::quality::{issues_of, report, Issue};

/// Rows drawn per issue: past this the list says how many more there are.
const SHOWN: usize = 200;

#[derive(Clone, PartialEq)]
struct Row {
    id: Id,
    name: String,
    city: String,
    issues: Vec<Issue>,
}

#[component]
pub fn QualityPage() -> impl IntoView {
    let s = use_app();
    ensure(s);
    let chosen = RwSignal::new(Issue::ReturnedMail);
    let report = Memo::new(move |_| {
        let pending = s
            .duplicates
            .with(|d| d.as_ref().map(|d| d.pending()))
            .unwrap_or_default();
        s.base.with(|b| report(b, now(), &pending))
    });
    let rows = Memo::new(move |_| {
        let issue = chosen.get();
        let pending = s
            .duplicates
            .with(|d| d.as_ref().map(|d| d.pending()))
            .unwrap_or_default();
        report.with(|r| {
            let ids = r.clients(issue);
            let rows: Vec<Row> = s.base.with(|b| {
                ids.iter()
                    .take(SHOWN)
                    .filter_map(|id| b.clients.get(id))
                    .map(|c| Row {
                        id: c.id,
                        name: full_name(c),
                        city: c
                            .addresses
                            .first()
                            .map(|a| a.city.clone())
                            .unwrap_or_default(),
                        issues: issues_of(c, now(), pending.contains(&c.id)),
                    })
                    .collect()
            });
            (rows, ids.len())
        })
    });
    let confirming = Pending::new();
    let confirm = move |id: Id| {
        let Some(mut c) = s.base.with_untracked(|b| b.clients.get(&id).cloned()) else {
            return;
        };
        let at = now();
        c.verified_at = Some(at);
        c.updated_at = at;
        let wrong = issues_of(&c, at, false)
            .iter()
            .any(|i| !i.cleared_by_confirming() && *i != Issue::PendingDuplicate);
        let batch = Batch {
            clients: vec![c],
            ..Batch::default()
        };
        s.save_then_in(
            Some(confirming),
            batch,
            if wrong {
                |t| t.q.still_wrong
            } else {
                |t| t.q.confirmed_toast
            },
            || {},
        );
    };
    let share =
        move || report.with(|r| format!("{} %", (r.confirmed_share() * 100.0).round() as i64));
    view! {
        <section class="quality">
            <div class="toolbar">
                <a class="back" href=Route::Clients.href()>{tx(|t| t.back_to_clients)}</a>
                <h1>{tx(|t| t.q.quality)}</h1>
                <span class="spacer"></span>
                <span class="figure" id="confirmed-share">{tx(|t| t.q.confirmed_share)} ": " <b>{share}</b></span>
            </div>
            <p class="hint">{tx(|t| t.q.quality_hint)}</p>
            <div class="quality-layout">
                <ul class="issues" id="issues" role="tablist">
                    {Issue::ALL.iter().map(|&i| view! {
                        <li>
                            <button role="tab" class:current=move || chosen.get() == i
                                data-issue=i.slug()
                                aria-selected=move || (chosen.get() == i).to_string()
                                on:click=move |_| chosen.set(i)>
                                <span>{move || s.tr().issue(i)}</span>
                                <span class="num">{move || {
                                    if i == Issue::PendingDuplicate && s.duplicates.with(Option::is_none) {
                                        "…".to_string()
                                    } else {
                                        report.with(|r| r.clients(i).len().to_string())
                                    }
                                }}</span>
                            </button>
                        </li>
                    }).collect_view()}
                </ul>
                <div class="issue-clients">
                    <Show when=move || chosen.get() == Issue::PendingDuplicate>
                        <p class="hint">
                            <a href=Route::Duplicates.href()>{tx(|t| t.b.open_duplicates)}</a>
                            {move || s.duplicates.with(Option::is_none).then(|| view! { " · " {tx(|t| t.q.duplicates_pending)} })}
                        </p>
                    </Show>
                    <table class="dense" id="quality-clients">
                        <tbody>
                            {move || rows.get().0.into_iter().map(|r| {
                                let id = r.id;
                                view! {
                                    <tr>
                                        <td><a href=Route::Client(id).href()>{r.name}</a></td>
                                        <td>{r.city}</td>
                                        <td class="badges">{r.issues.into_iter().map(|i| view! { <span class="badge">{move || s.tr().issue(i)}</span> }).collect_view()}</td>
                                        <td class="actions-cell"><button class="confirm" disabled=move || confirming.get() on:click=move |_| confirm(id)>{tx(|t| t.q.confirm)}</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    {move || {
                        let (shown, all) = rows.with(|(r, n)| (r.len(), *n));
                        if all == 0 {
                            Some(view! { <p class="empty">{tx(|t| t.q.nothing_here)}</p> }.into_any())
                        } else if all > shown {
                            Some(view! { <p class="hint">{format!("… +{}", all - shown)}</p> }.into_any())
                        } else {
                            None
                        }
                    }}
                </div>
            </div>
        </section>
    }
}

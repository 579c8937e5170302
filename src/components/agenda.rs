//! Next steps as their owner sees them: the start page's «today and overdue» list, and the
//! «done» that both it and the client card use.

use leptos::prelude::*;

use crate::app::clock::{now, today};
use crate::app::i18n::{tx, Said};
use crate::app::router::Route;
use crate::app::state::{use_app, AppState};
use crate::domain::base::Batch;
use crate::domain::format::{dmy, full_name};
use crate::domain::model::*;
use crate::domain::sales::steps;

/// Marks the step done.
pub fn complete(s: AppState, step: &NextStep) {
    match steps::complete(step, now()) {
        Ok(done) => {
            let batch = Batch {
                steps: vec![done],
                ..Batch::default()
            };
            s.save_then(batch, |t| t.s.step_done, || {});
        }
        Err(e) => s.toast(e.said(s.tr_untracked()), true),
    }
}

/// One open step: its date (marked when due or late), the client's name when the list is not the
/// client's own, what to do and for which deal, and «done».
#[component]
pub fn StepRow(
    step: NextStep,
    deal: Option<String>,
    /// The client's name, linked; `None` on the client's own card.
    #[prop(optional)]
    client: Option<String>,
) -> impl IntoView {
    let s = use_app();
    let done = step.clone();
    view! {
        <tr class=due_class(&step)>
            <td class="num">{dmy(step.due)}</td>
            {client.map(|name| view! { <td><a href=Route::Client(step.client).href()>{name}</a></td> })}
            <td>{step.text.clone()}{deal.map(|d| view! { <span class="hint">" · " {d}</span> })}</td>
            <td class="actions-cell"><button class="small step-done" on:click=move |_| complete(s, &done)>{tx(|t| t.s.done)}</button></td>
        </tr>
    }
}

/// The class of a step's row: due today, overdue, or later.
pub fn due_class(step: &NextStep) -> &'static str {
    if step.due < today() {
        "due overdue"
    } else if step.due == today() {
        "due today"
    } else {
        "due"
    }
}

/// The person's steps due today and before, with the client and the deal they are for.
#[component]
pub fn Agenda(#[prop(into)] staff: Signal<Option<Id>>) -> impl IntoView {
    let s = use_app();
    let rows = Memo::new(move |_| {
        let Some(staff) = staff.get() else {
            return Vec::new();
        };
        s.base.with(|b| {
            steps::agenda(b, staff, today())
                .into_iter()
                .map(|st| {
                    let client = b.clients.get(&st.client).map(full_name).unwrap_or_default();
                    let deal = st
                        .deal
                        .and_then(|d| b.deals.get(&d))
                        .map(|d| d.title.clone());
                    (st.clone(), client, deal)
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="panel agenda" id="agenda">
            <h2>{tx(|t| t.s.today_and_overdue)} " " <span class="count" id="agenda-count">{move || rows.with(Vec::len)}</span></h2>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="hint">{tx(|t| t.s.agenda_empty)}</p>
            </Show>
            <table class="dense">
                <tbody>
                    {move || rows.get().into_iter().map(|(step, client, deal)| view! {
                        <StepRow step=step deal=deal client=client />
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

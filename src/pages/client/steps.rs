//! A client's next steps: the open ones, soonest first, each done in one click, and a new one
//! with its date and, if it is about one, its deal.

use leptos::prelude::*;

use crate::app::browser::new_id;
use crate::app::clock::{now, today};
use crate::app::i18n::{tx, Said};
use crate::app::pending::Pending;
use crate::app::state::use_app;
use crate::components::agenda::StepRow;
use crate::domain::base::Batch;
use crate::domain::model::*;
use crate::domain::sales::steps;

#[component]
pub fn ClientSteps(client: Id) -> impl IntoView {
    let s = use_app();
    let open = Memo::new(move |_| {
        s.base.with(|b| {
            steps::of_client(b, client)
                .into_iter()
                .map(|st| {
                    let deal = st
                        .deal
                        .and_then(|d| b.deals.get(&d))
                        .map(|d| d.title.clone());
                    (st.clone(), deal)
                })
                .collect::<Vec<_>>()
        })
    });
    let deals = Memo::new(move |_| {
        s.base.with(|b| {
            b.deals
                .iter()
                .filter(|d| d.client == client && d.stage.is_open())
                .map(|d| (d.id, d.title.clone()))
                .collect::<Vec<_>>()
        })
    });
    let text = RwSignal::new(String::new());
    let due = RwSignal::new(today().succ_opt().unwrap_or(today()));
    let deal: RwSignal<Option<Id>> = RwSignal::new(None);
    let saving = Pending::new();
    let add = move |_| {
        // The client's owner does it (a director may plan for them); a client nobody owns yet is
        // the planner's own.
        let owner = s
            .base
            .with_untracked(|b| b.clients.get(&client).and_then(|c| c.owner));
        let staff = owner.or_else(|| s.me.get_untracked().filter(|m| *m != ADMINISTRATOR));
        let planned = steps::plan(
            client,
            deal.get_untracked(),
            staff,
            &text.get_untracked(),
            due.get_untracked(),
            now(),
            new_id(),
        );
        match planned {
            Ok(step) => {
                let batch = Batch {
                    steps: vec![step],
                    ..Batch::default()
                };
                s.save_then_in(
                    Some(saving),
                    batch,
                    |t| t.s.step_planned,
                    move || text.set(String::new()),
                );
            }
            Err(e) => s.toast(e.said(s.tr_untracked()), true),
        }
    };
    view! {
        <h2>{tx(|t| t.s.next_steps)}</h2>
        <form class="new-step" on:submit=move |ev| { ev.prevent_default(); add(()); }>
            <label class="field wide">
                <span class="label">{tx(|t| t.s.step_text)}</span>
                <input id="step-text" prop:value=text on:input=move |ev| text.set(event_target_value(&ev)) />
            </label>
            <label class="field">
                <span class="label">{tx(|t| t.s.step_due)}</span>
                <input id="step-due" type="date" prop:value=move || due.get().to_string()
                    on:change=move |ev| if let Ok(d) = event_target_value(&ev).parse() { due.set(d) } />
            </label>
            <Show when=move || deals.with(|d| !d.is_empty())>
                <label class="field">
                    <span class="label">{tx(|t| t.s.step_deal)}</span>
                    <select id="step-deal" on:change=move |ev| deal.set(event_target_value(&ev).parse().ok())>
                        <option value="">{tx(|t| t.s.no_deal)}</option>
                        {move || deals.get().into_iter().map(|(id, title)| view! {
                            <option value=id.to_string() selected=move || deal.get() == Some(id)>{title}</option>
                        }).collect_view()}
                    </select>
                </label>
            </Show>
            <button type="submit" id="add-step" disabled=move || saving.get()>{tx(|t| t.s.add_step)}</button>
        </form>
        <table class="dense" id="steps">
            <tbody>
                {move || open.get().into_iter().map(|(step, deal)| view! { <StepRow step=step deal=deal /> }).collect_view()}
            </tbody>
        </table>
        <Show when=move || open.with(Vec::is_empty)>
            <p class="hint">{tx(|t| t.s.no_steps)}</p>
        </Show>
    }
}

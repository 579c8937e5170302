//! A corporate client's status summary (open requests, contracts, what is next), for the client
//! chosen here, to print or e-mail.

use leptos::prelude::*;

use super::{picked, ClientPicker, Corporate};
use crate::app::clock::{today, tz};
use crate::app::i18n::tx;
use crate::app::state::use_app;
use crate::domain::corporate;
use crate::domain::format::{file_name, full_name};
use crate::domain::model::*;

#[component]
pub fn Summary(clients: Memo<Vec<Corporate>>) -> impl IntoView {
    let s = use_app();
    let chosen = RwSignal::new(None::<Id>);
    let summary = Memo::new(move |_| {
        let c = picked(chosen, clients)?;
        let company = s.settings.with(|x| x.company.clone());
        let text = s
            .base
            .with(|b| corporate::summary::summary(b, c, &company, tz()))?;
        let (to, name) = s.base.with(|b| {
            let client = b.clients.get(&c);
            (
                client
                    .and_then(crate::domain::letters::pool::usable_email)
                    .unwrap_or_default(),
                client.map(full_name).unwrap_or_default(),
            )
        });
        Some((text, to, name))
    });
    let email = move |_| {
        let Some(((subject, body), to, name)) = summary.get_untracked() else {
            return;
        };
        match crate::domain::letters::mail::mailto(&to, &subject, &body) {
            Some(url) => {
                let _ = window().location().set_href(&url);
            }
            None => {
                let file = file_name(&name, "status", today(), "txt");
                if let Err(e) = crate::app::browser::download(&file, "text/plain", &body) {
                    s.toast(e, true);
                }
            }
        }
    };
    view! {
        <div class="toolbar summary-title">
            <h2>{tx(|t| t.s.summary_for_client)}</h2>
            <span class="screen-only"><ClientPicker id="summary-client" clients=clients chosen=chosen /></span>
        </div>
        <div class="client-summary">
            <pre id="client-summary">{move || summary.get().map(|((_, body), _, _)| body)}</pre>
            <div class="actions">
                <button on:click=move |_| { let _ = window().print(); }>{tx(|t| t.s.print)}</button>
                <button id="summary-email" on:click=email>"E-mail"</button>
            </div>
        </div>
    }
}

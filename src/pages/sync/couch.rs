//! The CouchDB panel of the sync page: log in to the company's database, see the link and the
//! first sync's progress, and, when the server refuses this page, the settings it needs.

use leptos::prelude::*;

use super::ty;
use crate::app::clock::local;
use crate::app::state::use_app;
use crate::app::sync::{self, couch, couch::Link};
use crate::domain::format::dmy_hm;

#[component]
pub fn CouchPanel() -> impl IntoView {
    let s = use_app();
    let st = sync::status();
    let c = move || st.with(|x| x.couch.clone());
    let url = RwSignal::new(String::new());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // The fields start from what is kept (a new session for the same database).
    Effect::new(move |_| {
        let k = st.with(|x| x.couch.kept.clone());
        if !k.url.is_empty() && url.get_untracked().is_empty() {
            url.set(k.url);
            user.set(k.user);
        }
    });
    let connect = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        error.set(None);
        let pw = password.get_untracked();
        // The password leaves the field as it is sent: nothing keeps it.
        password.set(String::new());
        leptos::task::spawn_local(async move {
            let r = couch::connect(s, url.get_untracked(), user.get_untracked(), pw).await;
            error.set(r.err());
            busy.set(false);
        });
    };
    let disconnect = move |_| leptos::task::spawn_local(couch::disconnect());
    let linked = move || matches!(c().link, Link::Live | Link::Away(_) | Link::OtherTab);
    let state = move || {
        let y = s.tr().y;
        match c().link {
            Link::Off => y.couch_off.to_string(),
            Link::LoggedOut => y.couch_login_again.to_string(),
            Link::Connecting => y.couch_connecting.to_string(),
            Link::Live => y.couch_live.to_string(),
            Link::Away(why) => format!("{} {why}", y.couch_retrying),
            Link::OtherTab => y.couch_other_tab.to_string(),
        }
    };
    let last = move || {
        c().kept
            .last
            .map(|t| dmy_hm(local(t)))
            .unwrap_or_else(|| ty(|t| t.never)().to_string())
    };
    view! {
        <div class="panel" id="couch" data-link=move || format!("{:?}", c().link).split('(').next().unwrap_or_default().to_lowercase()
            data-runs=move || c().runs>
            <h2>{ty(|t| t.couch)}</h2>
            <p class="hint">{ty(|t| t.couch_hint)}</p>
            <p id="couch-state" role="status" class:warn=move || matches!(c().link, Link::Away(_) | Link::LoggedOut)>{state}</p>
            <Show when=move || c().progress.is_some()>
                <p>
                    <label for="couch-progress">{ty(|t| t.couch_first)} ": "
                        {move || c().progress.map(|(d, t)| format!("{d} / {t}")).unwrap_or_default()}</label>
                    " "
                    <progress id="couch-progress"
                        value=move || c().progress.map_or(0, |p| p.0)
                        max=move || c().progress.map_or(1, |p| p.1.max(1))></progress>
                </p>
            </Show>
            <Show when=linked fallback=move || view! {
                <form class="couch-login" on:submit=connect>
                    <label>{ty(|t| t.couch_url)}
                        <input id="couch-url" type="url" required placeholder="https://couch.example.ru:5984/crm" bind:value=url /></label>
                    <label>{ty(|t| t.couch_user)}
                        <input id="couch-user" required autocomplete="username" bind:value=user /></label>
                    <label>{ty(|t| t.couch_password)}
                        <input id="couch-password" type="password" required autocomplete="current-password" bind:value=password /></label>
                    <button class="primary" id="couch-connect" type="submit" disabled=move || busy.get()>{ty(|t| t.couch_connect)}</button>
                </form>
            }>
                <p>
                    <code id="couch-db">{move || c().kept.url}</code> " · " {move || c().kept.user}
                    " · " {ty(|t| t.last)} ": " <strong id="couch-last">{last}</strong>
                    " · " {ty(|t| t.sent)} ": " <span id="couch-sent">{move || c().kept.sent}</span>
                    " · " {ty(|t| t.received)} ": " <span id="couch-received">{move || c().kept.received}</span>
                </p>
                <button id="couch-disconnect" on:click=disconnect>{ty(|t| t.couch_disconnect)}</button>
            </Show>
            <Show when=move || error.get().is_some()>
                <p role="alert" class="error" id="couch-error">{move || error.get()}</p>
            </Show>
            <Show when=move || c().cors.is_some()>
                <pre id="couch-cors">{move || c().cors}</pre>
            </Show>
            <ul class="problems" id="couch-problems">
                <For each=move || c().problems key=|p| p.clone() let:p><li>{p}</li></For>
            </ul>
            <p class="hint">{ty(|t| t.couch_stored)}</p>
        </div>
    }
}

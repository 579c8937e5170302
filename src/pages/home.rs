use leptos::prelude::*;

use crate::app::clock;
use crate::app::i18n::tx;
use crate::app::pending::Pending;
use crate::app::person::PersonPicker;
use crate::app::router::Route;
use crate::app::state::{use_app, AppState};
use crate::domain::demo;
use crate::domain::format::group;
use crate::storage::{self, LocalKey, Persistence};

/// Days after which the home page reminds the user to export a backup.
const BACKUP_REMINDER_DAYS: i64 = 7;

#[component]
pub fn Home() -> impl IntoView {
    let s = use_app();
    let empty = move || s.base.with(|b| b.clients.is_empty());
    view! {
        <Show when=empty fallback=|| view! { <Overview /> }>
            <Welcome />
        </Show>
    }
}

#[component]
fn Welcome() -> impl IntoView {
    let s = use_app();
    let loading = Pending::new();
    let load_demo = move |_| {
        let today = clock::today();
        let mine = loading.start();
        leptos::task::spawn_local(async move {
            let _mine = mine;
            // The generator and the writing of a whole base are a piece of their own, fetched
            // on this click.
            match crate::app::pieces::demo_company(s, today).await {
                Ok(opening) => opening.await,
                Err(_) => s.toast(s.tr_untracked().piece_failed.to_string(), true),
            }
        });
    };
    view! {
        <section class="welcome">
            <h1>{tx(|t| t.welcome_title)}</h1>
            <p class="lead">{tx(|t| t.welcome_text)}</p>
            <div class="actions">
                <button class="primary" id="load-demo" on:click=load_demo disabled=move || loading.get()>
                    {tx(|t| t.load_demo)}
                </button>
                <a class="button" href=Route::Backup.href()>{tx(|t| t.import_backup)}</a>
            </div>
            <p class="hint">{tx(|t| t.welcome_hint)}</p>
        </section>
    }
}

/// Makes the demo company and puts it in place of the (empty) base: the demo piece's work.
pub async fn open_demo(s: AppState, today: chrono::NaiveDate) {
    let (demo_settings, batch) = demo::generate(today);
    let clients = batch.clients.len();
    // The demo opens as its letter writer, whose work the demo shows first; a person already
    // chosen on this computer stays.
    let writer = batch
        .staff
        .iter()
        .find(|p| p.role == crate::domain::model::Role::LetterWriter)
        .map(|p| p.id);
    if s.replace(batch).await.is_ok() {
        if let Some(id) = writer.filter(|_| s.me.get_untracked().is_none()) {
            crate::app::person::choose(s, id);
        }
        let mut settings = s.settings.get_untracked();
        if settings.company.is_empty() {
            settings = crate::domain::settings::Settings {
                ui_language: settings.ui_language,
                ..demo_settings
            };
            if let Err(e) = storage::save_settings(&settings) {
                s.storage_error(&e);
            }
            s.settings.set(settings);
        }
        s.toast(
            format!("{} {}", s.tr_untracked().demo_loaded, group(clients as i64)),
            false,
        );
    }
}

#[component]
fn Overview() -> impl IntoView {
    let s = use_app();
    let counts = move || s.base.with(|b| b.counts());
    // The same rule as the letters page's, so the pool is one number everywhere.
    let pool = move || {
        s.base.with(|b| {
            b.clients
                .iter()
                .filter(|c| crate::domain::letters::pool::in_pool(b, c))
                .count()
        })
    };
    let tile = move |label: fn(&crate::app::i18n::Tr) -> &'static str,
                     value: Signal<usize>,
                     id: &'static str,
                     href: String| {
        // Orders come after the first paint: no figure rather than a wrong one.
        let pending = move || id == "orders" && !s.history_ready.get();
        view! {
            <a class="tile" href=href data-count=id aria-busy=move || pending().then_some("true")>
                <span class="value">
                    {move || if pending() { "…".to_string() } else { group(value.get() as i64) }}
                </span>
                <span class="label">{move || label(s.tr())}</span>
            </a>
        }
    };
    let last_backup = storage::get_string(LocalKey::LastBackupAt).ok().flatten();
    let backup_age = last_backup
        .as_deref()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map(|t| (clock::now() - t.with_timezone(&chrono::Utc)).num_days());
    view! {
        <section class="overview">
            <h1>{move || s.settings.with(|st| if st.company.is_empty() { s.tr().brand.to_string() } else { st.company.clone() })}</h1>
            <WhoIsHere />
            <div class="tiles">
                {tile(|t| t.clients, Signal::derive(move || counts().clients), "clients", Route::Clients.href())}
                {tile(|t| t.letter_pool, Signal::derive(pool), "pool", Route::Clients.href())}
                {tile(|t| t.orders, Signal::derive(move || counts().orders), "orders", Route::Clients.href())}
                {tile(|t| t.products, Signal::derive(move || counts().products), "products", Route::Products.href())}
                {tile(|t| t.staff, Signal::derive(move || counts().staff), "staff", Route::Staff.href())}
            </div>
            <ul class="notices">
                {move || match s.persistence.get() {
                    Some(Persistence::Granted) => view! { <li class="ok">{s.tr().persist_granted}</li> }.into_any(),
                    Some(Persistence::Refused) => view! { <li class="warn">{s.tr().persist_refused}</li> }.into_any(),
                    Some(Persistence::Unsupported) => view! { <li class="warn">{s.tr().persist_unsupported}</li> }.into_any(),
                    None => ().into_any(),
                }}
                {move || match backup_age {
                    None => view! { <li class="warn"><a href=Route::Backup.href()>{s.tr().backup_never}</a></li> }.into_any(),
                    Some(d) if d >= BACKUP_REMINDER_DAYS => view! {
                        <li class="warn"><a href=Route::Backup.href()>{format!("{} {d}", s.tr().backup_old)}</a></li>
                    }.into_any(),
                    Some(_) => ().into_any(),
                }}
                {move || s.unreadable.get().into_iter().map(|u| view! {
                    <li class="error">{format!("{}: {u}", s.tr().unreadable_bucket)}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Asked until someone at this computer picks themselves (and only when there is staff to pick).
#[component]
fn WhoIsHere() -> impl IntoView {
    let s = use_app();
    let ask = move || s.me.get().is_none() && s.base.with(|b| b.staff.iter().any(|p| p.active));
    view! {
        <Show when=ask>
            <section class="who-is-here" aria-labelledby="who-is-here-title">
                <h2 id="who-is-here-title">{tx(|t| t.who_is_here_title)}</h2>
                <PersonPicker id="home-person" />
                <p class="hint">{tx(|t| t.who_is_here_hint)}</p>
            </section>
        </Show>
    }
}

#[component]
pub fn NotFound(path: String) -> impl IntoView {
    view! {
        <section>
            <h1>{tx(|t| t.not_found)}</h1>
            <p><code>{path.clone()}</code></p>
            <a href=Route::Home.href()>{tx(|t| t.go_home)}</a>
        </section>
    }
}

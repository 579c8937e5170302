//! The application shell: shared state, routing, the frame around every page, and startup
//! (open the database, load the base, ask for persistent storage, listen to other tabs).

pub mod browser;
pub mod change;
pub mod clock;
pub mod edit;
pub mod i18n;
pub mod leave;
pub mod pending;
pub mod person;
pub mod pieces;
pub mod queue;
pub mod rescue;
pub mod restore;
pub mod router;
pub mod scan;
pub mod sealed;
pub mod state;
pub mod sync;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

use crate::components::nav::Nav;
use crate::components::toasts::Toasts;
use crate::components::update::UpdateBanner;
use crate::pages;
use crate::storage::{self, Db};
use router::{use_route, Route};
use state::{provide_app, AppState, LoadStatus};

#[component]
pub fn App() -> impl IntoView {
    let (settings, settings_error) = match storage::load_settings() {
        Ok(s) => (s, None),
        Err(e) => (Default::default(), Some(e)),
    };
    // A stored value out of range (an older version, a hand edit) would break whole sections:
    // it is brought into range and the user told which fields were.
    let (settings, repaired) = settings.repaired();
    let lang = settings.ui_language.unwrap_or_else(browser::browser_lang);
    let state = AppState::new(lang, settings);
    provide_app(state);
    if !repaired.is_empty() {
        let t = state.tr_untracked();
        let fields: Vec<_> = repaired
            .iter()
            .map(|p| format!("«{}»", t.setting_name(p.field())))
            .collect();
        state.toast(
            format!(
                "{}: {}",
                state.tr_untracked().settings_repaired,
                fields.join(", ")
            ),
            true,
        );
    }
    if let Some(e) = settings_error {
        state.toast(
            format!("{}: {e}", state.tr_untracked().settings_unreadable),
            true,
        );
    }
    leptos::task::spawn_local(start(state));
    let route = use_route(move || state.tr_untracked().leave_unsaved.to_string());
    leave::ask_before_unload();
    slash_focuses_search();

    Effect::new(move || {
        let code = match state.lang.get() {
            crate::domain::model::Lang::Ru => "ru",
            crate::domain::model::Lang::En => "en",
        };
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", code);
        }
        // The tab's title in the interface's language too.
        document().set_title(&format!("{} — CRM", state.tr().brand));
    });
    // A page opened from the menu or a link starts at its top, not where the last one was left.
    Effect::new(move || {
        route.track();
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });

    view! {
        <Nav route=route />
        <UpdateBanner />
        {clock::set_to().map(|at| view! {
            <p class="clock-set" role="status">
                {move || state.tr().clock_set} " " {crate::domain::format::dmy_hm(at)}
            </p>
        })}
        <main id="main">
            {move || match state.status.get() {
                LoadStatus::Loading => view! { <p class="loading">{state.tr().loading}</p> }.into_any(),
                LoadStatus::Failed(e) => view! {
                    <section class="fatal" role="alert">
                        <h1>{state.tr().storage_failed}</h1>
                        <p>{e.to_string()}</p>
                        <p>{state.tr().storage_failed_hint}</p>
                    </section>
                }.into_any(),
                LoadStatus::Ready => view! { <pieces::Pages route=route /> }.into_any(),
            }}
        </main>
        <Toasts />
    }
}

/// The pages in the first load: the start page and the one for a wrong address.
fn page_of_first_load(route: Route) -> AnyView {
    match route {
        Route::NotFound(path) => view! { <pages::home::NotFound path=path /> }.into_any(),
        _ => view! { <pages::home::Home /> }.into_any(),
    }
}

async fn start(state: AppState) {
    match Db::open().await {
        Ok(db) => state::set_db(db),
        Err(e) => {
            state.status.set(LoadStatus::Failed(e));
            return;
        }
    }
    if let Err(e) = sync::init().await {
        state.storage_error(&e);
    }
    // Settings stored with a replaced base, if the browser closed before they were copied.
    state.apply_pending_settings().await;
    state.reload().await;
    person::open_start(state);
    change::listen(state);
    // Beside the rest of the start: fetching the engine's piece must not hold up the request for
    // persistent storage.
    leptos::task::spawn_local(async move {
        if sync::configured().await && pieces::sync_engine(state).await.is_err() {
            state.toast(state.tr_untracked().piece_failed.to_string(), true);
        }
    });
    state
        .persistence
        .set(Some(storage::request_persistence().await));
    rescue::panic_if_asked();
}

/// «/» anywhere but in a field jumps to the client search, as in most tools people know.
fn slash_focuses_search() {
    let cb = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(|ev: web_sys::KeyboardEvent| {
        if ev.key() != "/" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if typing {
            return;
        }
        ev.prevent_default();
        if let Some(input) = document()
            .get_element_by_id("client-search")
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = input.focus();
        } else {
            router::navigate(&Route::Clients);
        }
    });
    let _ = window().add_event_listener_with_callback("keydown", cb.as_ref().unchecked_ref());
    cb.forget();
}

use leptos::prelude::*;

use crate::app::i18n::tx;
use crate::app::person::PersonPicker;
use crate::app::router::Route;
use crate::app::state::use_app;
use crate::app::sync::{couch::Link, Folder};
use crate::domain::model::Lang;
use crate::storage;

#[component]
pub fn Nav(route: ReadSignal<Route>) -> impl IntoView {
    let s = use_app();
    let link = move |target: Route, label: fn(&crate::app::i18n::Tr) -> &'static str| {
        let href = target.href();
        let current = Memo::new(move |_| {
            let r = route.get();
            r == target
                || (target == Route::Clients
                    && matches!(
                        r,
                        Route::Client(_)
                            | Route::NewClient
                            | Route::Duplicates
                            | Route::Changes
                            | Route::Import
                            | Route::Quality
                            | Route::Lists
                    ))
                || (target == Route::Sales && matches!(r, Route::Person(_)))
                || (target == Route::Letters
                    && matches!(r, Route::Answers | Route::LetterFigures | Route::Print(_)))
        });
        view! {
            <a href=href class:current=current aria-current=move || current.get().then_some("page")>
                {move || label(s.tr())}
            </a>
        }
    };
    let switch = move |lang: Lang| {
        s.lang.set(lang);
        let mut settings = s.settings.get_untracked();
        settings.ui_language = Some(lang);
        if let Err(e) = storage::save_settings(&settings) {
            s.storage_error(&e);
        }
        s.settings.set(settings);
    };
    view! {
        <header class="top">
            <a class="brand" href="#/">{tx(|t| t.brand)}</a>
            <nav aria-label="main">
                {link(Route::Letters, |t| t.l.section)}
                {link(Route::Clients, |t| t.clients)}
                {link(Route::Sales, |t| t.s.sales)}
                {link(Route::Corporate, |t| t.s.corporate)}
                {link(Route::Dashboard, |t| t.s.dashboard)}
                {link(Route::Products, |t| t.products)}
                {link(Route::Staff, |t| t.staff)}
                {link(Route::Backup, |t| t.backup)}
                {link(Route::Settings, |t| t.settings)}
            </nav>
            <span class="busy" class:on=move || s.busy()>{tx(|t| t.saving)}</span>
            <SyncPill current=Signal::derive(move || route.get() == Route::Sync) />
            <PersonPicker id="nav-person" />
            <div class="lang" role="group" aria-label="language">
                <button class:on=move || s.lang.get() == Lang::Ru on:click=move |_| switch(Lang::Ru)>"RU"</button>
                <button class:on=move || s.lang.get() == Lang::En on:click=move |_| switch(Lang::En)>"EN"</button>
            </div>
        </header>
    }
}

/// Sync in the menu: where it stands, one click from its page, on every screen (so a computer
/// that stopped syncing is noticed).
#[component]
fn SyncPill(current: Signal<bool>) -> impl IntoView {
    let s = use_app();
    let st = crate::app::sync::status();
    let couch = move || st.with(|x| x.couch.link.clone());
    let text = move || {
        let y = s.tr().y;
        let hm = |t| format!("⇅ {}", crate::app::clock::local(t).format("%H:%M"));
        match couch() {
            Link::Off => {}
            Link::Live | Link::Away(_) | Link::OtherTab => {
                return st.with(|x| x.couch.kept.last).map_or("⇅".to_string(), hm)
            }
            Link::LoggedOut | Link::Connecting => return format!("⇅ {}", y.couch),
        }
        st.with(|x| match &x.folder {
            Folder::Ready(_) => match x.kept.last {
                Some(t) => format!("⇅ {}", crate::app::clock::local(t).format("%H:%M")),
                None => "⇅".to_string(),
            },
            Folder::NeedsPermission(_) => format!("⇅ {}", y.pill_permission),
            Folder::None | Folder::Unknown => "⇅".to_string(),
        })
    };
    let title = move || {
        let y = s.tr().y;
        match couch() {
            Link::Off => {}
            Link::Away(why) => return format!("{}: {} {why}", y.sync, y.couch_retrying),
            Link::LoggedOut => return format!("{}: {}", y.sync, y.couch_login_again),
            _ => return format!("{}: {}", y.sync, y.couch_live),
        }
        st.with(|x| match &x.folder {
            Folder::Ready(_) if !x.problems.is_empty() => format!("{}: {}", y.sync, y.problems),
            Folder::Ready(_) => format!("{}: {}", y.sync, y.last),
            Folder::NeedsPermission(_) => format!("{}: {}", y.sync, y.grant),
            Folder::None | Folder::Unknown => format!("{}: {}", y.sync, y.folder_none),
        })
    };
    view! {
        <a class="sync-pill" id="nav-sync" href=Route::Sync.href()
            class:current=move || current.get()
            class:warn=move || st.with(|x| matches!(x.folder, Folder::NeedsPermission(_)) || !x.problems.is_empty()
                || matches!(x.couch.link, Link::Away(_) | Link::LoggedOut))
            title=title aria-label=title>
            {text}
        </a>
    }
}

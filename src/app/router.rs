//! Routing on the URL's hash (`#/clients/<id>`): it works from any static server and offline,
//! and a reload lands on the same screen.

use leptos::prelude::*;
use uuid::Uuid;
use wasm_bindgen::{closure::Closure, JsCast};

use crate::domain::model::Id;

/// What the print view lays out: A4 letters, DL or C5 envelopes, or A4 sheets of address labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintKind {
    Letters,
    Dl,
    C5,
    Labels,
}

impl PrintKind {
    pub const ALL: [PrintKind; 4] = [
        PrintKind::Letters,
        PrintKind::Dl,
        PrintKind::C5,
        PrintKind::Labels,
    ];

    fn slug(self) -> &'static str {
        match self {
            PrintKind::Letters => "a4",
            PrintKind::Dl => "dl",
            PrintKind::C5 => "c5",
            PrintKind::Labels => "labels",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Clients,
    NewClient,
    Duplicates,
    Changes,
    Import,
    Quality,
    Lists,
    Client(Id),
    Letters,
    Answers,
    LetterFigures,
    Print(PrintKind),
    Products,
    Staff,
    Person(Id),
    Sales,
    Corporate,
    Dashboard,
    Settings,
    Backup,
    Sync,
    NotFound(String),
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_matches('/');
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            [""] => Route::Home,
            ["clients"] => Route::Clients,
            ["clients", "new"] => Route::NewClient,
            ["clients", "duplicates"] => Route::Duplicates,
            ["clients", "changes"] => Route::Changes,
            ["clients", "import"] => Route::Import,
            ["clients", "quality"] => Route::Quality,
            ["clients", "lists"] => Route::Lists,
            ["clients", id] => match Uuid::parse_str(id) {
                Ok(id) => Route::Client(id),
                Err(_) => Route::NotFound(path.to_string()),
            },
            ["letters"] => Route::Letters,
            ["letters", "answers"] => Route::Answers,
            ["letters", "figures"] => Route::LetterFigures,
            ["letters", "print", kind] => match PrintKind::ALL.iter().find(|k| k.slug() == *kind) {
                Some(k) => Route::Print(*k),
                None => Route::NotFound(path.to_string()),
            },
            ["products"] => Route::Products,
            ["staff"] => Route::Staff,
            ["staff", id] => match Uuid::parse_str(id) {
                Ok(id) => Route::Person(id),
                Err(_) => Route::NotFound(path.to_string()),
            },
            ["sales"] => Route::Sales,
            ["corporate"] => Route::Corporate,
            ["dashboard"] => Route::Dashboard,
            ["settings"] => Route::Settings,
            ["backup"] => Route::Backup,
            ["sync"] => Route::Sync,
            _ => Route::NotFound(path.to_string()),
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Clients => "#/clients".into(),
            Route::NewClient => "#/clients/new".into(),
            Route::Duplicates => "#/clients/duplicates".into(),
            Route::Changes => "#/clients/changes".into(),
            Route::Import => "#/clients/import".into(),
            Route::Quality => "#/clients/quality".into(),
            Route::Lists => "#/clients/lists".into(),
            Route::Client(id) => format!("#/clients/{id}"),
            Route::Letters => "#/letters".into(),
            Route::Answers => "#/letters/answers".into(),
            Route::LetterFigures => "#/letters/figures".into(),
            Route::Print(k) => format!("#/letters/print/{}", k.slug()),
            Route::Products => "#/products".into(),
            Route::Staff => "#/staff".into(),
            Route::Person(id) => format!("#/staff/{id}"),
            Route::Sales => "#/sales".into(),
            Route::Corporate => "#/corporate".into(),
            Route::Dashboard => "#/dashboard".into(),
            Route::Settings => "#/settings".into(),
            Route::Backup => "#/backup".into(),
            Route::Sync => "#/sync".into(),
            Route::NotFound(p) => format!("#/{p}"),
        }
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The current route as a signal, following `hashchange`. With an edit unsaved
/// (`app::leave`), `question` is asked first; a «no» puts the old address back, without a
/// history entry of its own.
pub fn use_route(question: impl Fn() -> String + 'static) -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::parse(&current_hash()));
    let shown = std::cell::RefCell::new(current_hash());
    if let Some(w) = web_sys::window() {
        let cb = Closure::<dyn Fn()>::new(move || {
            let hash = current_hash();
            if hash == *shown.borrow() {
                return;
            }
            if !super::leave::may_leave(&question()) {
                let back = if shown.borrow().is_empty() {
                    "#/".to_string()
                } else {
                    shown.borrow().clone()
                };
                if let Some(Ok(history)) = web_sys::window().map(|w| w.history()) {
                    let _ = history.replace_state_with_url(
                        &wasm_bindgen::JsValue::NULL,
                        "",
                        Some(&back),
                    );
                }
                return;
            }
            *shown.borrow_mut() = hash.clone();
            set_route.set(Route::parse(&hash));
        });
        let _ = w.add_event_listener_with_callback("hashchange", cb.as_ref().unchecked_ref());
        // The listener lives as long as the page.
        cb.forget();
    }
    route
}

pub fn navigate(route: &Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&route.href());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip() {
        let id = Uuid::from_u128(7);
        for r in [
            Route::Home,
            Route::Clients,
            Route::NewClient,
            Route::Duplicates,
            Route::Changes,
            Route::Import,
            Route::Quality,
            Route::Lists,
            Route::Client(id),
            Route::Letters,
            Route::Answers,
            Route::LetterFigures,
            Route::Print(PrintKind::Letters),
            Route::Print(PrintKind::Labels),
            Route::Products,
            Route::Staff,
            Route::Person(id),
            Route::Sales,
            Route::Corporate,
            Route::Dashboard,
            Route::Settings,
            Route::Backup,
            Route::Sync,
        ] {
            assert_eq!(Route::parse(&r.href()), r);
        }
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(
            Route::parse("#/clients/xyz"),
            Route::NotFound("clients/xyz".into())
        );
    }
}

//! Who is at this computer: a person picked from the staff list, or the administrator. A local
//! choice kept in this browser, not a login (the app has no passwords; a shared database is where
//! access is protected). Every record this computer creates carries them (`domain::author`), and
//! each role starts where its work is.

use leptos::prelude::*;

use super::router::{navigate, Route};
use super::state::AppState;
use crate::domain::model::{Id, Role, ADMINISTRATOR};
use crate::storage::{self, LocalKey};

/// The person chosen on this computer before, if any.
pub fn load() -> Option<Id> {
    storage::get_string(LocalKey::Person)
        .ok()
        .flatten()
        .and_then(|t| t.parse().ok())
}

/// Makes `id` the person at this computer, remembered in this browser.
pub fn choose(s: AppState, id: Id) {
    if let Err(e) = storage::set_string(LocalKey::Person, &id.to_string()) {
        s.storage_error(&e);
    }
    s.me.set(Some(id));
}

/// The name shown for an author: the staff member's, «administrator», or nothing known.
pub fn name_of(s: AppState, by: Option<Id>) -> String {
    match by {
        None => String::new(),
        Some(id) if id == ADMINISTRATOR => s.tr_untracked().administrator.to_string(),
        Some(id) => s
            .base
            .with_untracked(|b| b.staff.get(&id).map(|p| p.name.clone()))
            .unwrap_or_default(),
    }
}

/// Where a person's work is: the page the app opens on for them.
pub fn start_of(s: AppState, me: Id) -> Route {
    let role = s.base.with_untracked(|b| b.staff.get(&me).map(|p| p.role));
    match role {
        Some(Role::LetterWriter) => Route::Letters,
        Some(Role::Salesperson) => Route::Person(me),
        Some(Role::AccountManager) => Route::Corporate,
        Some(Role::BaseKeeper) => Route::Quality,
        Some(Role::Director) | None => Route::Dashboard,
    }
}

/// Opened at the app's bare address, the app goes to the work of the person at the computer;
/// `#/` (the brand link) is still the overview.
pub fn open_start(s: AppState) {
    let bare = window()
        .location()
        .hash()
        .map(|h| h.is_empty())
        .unwrap_or(false);
    if let Some(me) = s.me.get_untracked().filter(|_| bare) {
        navigate(&start_of(s, me));
    }
}

/// A choice of the person at this computer: the active staff and the administrator.
#[component]
pub fn PersonPicker(#[prop(into)] id: String) -> impl IntoView {
    let s = super::state::use_app();
    let people = Memo::new(move |_| {
        s.base.with(|b| {
            let mut v: Vec<(Id, String, Role)> = b
                .staff
                .iter()
                .filter(|p| p.active)
                .map(|p| (p.id, p.name.clone(), p.role))
                .collect();
            crate::domain::sort::sort_by(&mut v, |a, b| a.1.cmp(&b.1));
            v
        })
    });
    let on_change = move |ev: leptos::ev::Event| {
        if let Ok(id) = event_target_value(&ev).parse::<Id>() {
            let first = s.me.get_untracked().is_none();
            choose(s, id);
            if first {
                navigate(&start_of(s, id));
            }
        }
    };
    let label_id = format!("{id}-label");
    view! {
        <label class="field person-picker" id=label_id>
            <span class="label">{move || s.tr().who_is_here}</span>
            <select id=id on:change=on_change prop:value=move || s.me.get().map(|m| m.to_string()).unwrap_or_default()>
                <option value="" disabled=true selected=move || s.me.get().is_none()>{move || s.tr().pick_yourself}</option>
                {move || people.get().into_iter().map(|(id, name, role)| view! {
                    <option value=id.to_string() selected=move || s.me.get() == Some(id)>
                        {format!("{name} — {}", s.tr().role_name(role))}
                    </option>
                }).collect_view()}
                <option value=ADMINISTRATOR.to_string() selected=move || s.me.get() == Some(ADMINISTRATOR)>
                    {move || s.tr().administrator}
                </option>
            </select>
        </label>
    }
}

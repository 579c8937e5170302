//! Leaving a page with unsaved edits asks first: a link, the menu, the back button (all change the
//! address's hash) or closing the tab. The page with a draft says whether it is unsaved; the
//! router asks before it follows a new address, and puts the old one back on a «no».

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static UNSAVED: Cell<bool> = const { Cell::new(false) };
}

/// Whether the page shown holds an edit not yet saved.
pub fn unsaved() -> bool {
    UNSAVED.with(Cell::get)
}

/// Follows `dirty` for as long as the calling page is shown.
pub fn guard(dirty: Memo<bool>) {
    Effect::new(move || UNSAVED.with(|u| u.set(dirty.get())));
    on_cleanup(|| UNSAVED.with(|u| u.set(false)));
}

/// Asks whether to leave anyway; `true` when there is nothing to lose.
pub fn may_leave(question: &str) -> bool {
    !unsaved() || window().confirm_with_message(question).unwrap_or(false)
}

/// The browser's own question when the tab is closed or reloaded with an edit unsaved.
pub fn ask_before_unload() {
    let cb = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        if unsaved() {
            ev.prevent_default();
            if let Some(ev) = ev.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                ev.set_return_value("unsaved");
            }
        }
    });
    let _ = window().add_event_listener_with_callback("beforeunload", cb.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    cb.forget();
}

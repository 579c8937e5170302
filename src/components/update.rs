//! «A new version is ready»: shown when the service worker has installed a newer build
//! (public/sw-register.js says so); the app reloads into it only when the person clicks, and asks
//! first if a card holds an unsaved edit. Without a service worker (an old browser, a page not
//! served over https) nothing is shown.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::app::i18n::tx;
use crate::app::state::{use_app, AppState};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = pismoUpdateWaiting, catch)]
    fn update_waiting() -> Result<bool, JsValue>;
    #[wasm_bindgen(js_name = pismoUpdate, catch)]
    fn update_now() -> Result<(), JsValue>;
}

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let s = use_app();
    let ready = RwSignal::new(update_waiting().unwrap_or(false));
    let on_ready = window_event_listener_untyped("pismo-update", move |_| ready.set(true));
    on_cleanup(move || on_ready.remove());
    let update = move |_| {
        if crate::app::leave::may_leave(s.tr_untracked().leave_unsaved) {
            // A draft kept as the field was left is still being written: reload after it.
            when_idle(s, || {
                let _ = update_now();
            });
        }
    };
    view! {
        <Show when=move || ready.get()>
            <p class="update-ready" id="update-ready" role="status">
                {tx(|t| t.update_ready)} " "
                <button class="small" id="update-now" on:click=update>{tx(|t| t.update_now)}</button>
                " "
                <button class="small link" id="update-later" on:click=move |_| ready.set(false)>{tx(|t| t.update_later)}</button>
            </p>
        </Show>
    }
}

/// Runs `then` once no write is under way.
fn when_idle(s: AppState, then: impl FnOnce() + 'static) {
    if !s.writing.get_untracked() {
        then();
    } else {
        set_timeout(
            move || when_idle(s, then),
            std::time::Duration::from_millis(50),
        );
    }
}

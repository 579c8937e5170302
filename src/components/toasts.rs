use leptos::prelude::*;

use crate::app::i18n::tx;
use crate::app::state::use_app;

/// Messages after an action; errors stay until closed.
#[component]
pub fn Toasts() -> impl IntoView {
    let s = use_app();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || s.toasts.get() key=|t| t.id let:toast>
                <div class=if toast.error { "toast error" } else { "toast" }>
                    <span>{toast.text.clone()}</span>
                    <button
                        class="close"
                        aria-label=tx(|t| t.close)
                        on:click=move |_| s.toasts.update(|ts| ts.retain(|x| x.id != toast.id))
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}

//! A labelled form field with its validation message beside it.

use leptos::prelude::*;

use crate::app::i18n::Tr;
use crate::app::state::use_app;

pub type Label = fn(&Tr) -> &'static str;

#[component]
pub fn Field(
    label: Label,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(into, optional)] error: Signal<Option<String>>,
    /// Names the field for tests and autofill, e.g. `phones[0].number`.
    #[prop(optional)]
    name: &'static str,
    #[prop(optional)] kind: &'static str,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] wide: bool,
) -> impl IntoView {
    let s = use_app();
    let id = format!("f-{}", crate::app::browser::new_id().simple());
    let err_id = format!("{id}-err");
    let kind = if kind.is_empty() { "text" } else { kind };
    view! {
        <label class="field" class:wide=wide class:invalid=move || error.get().is_some()>
            <span class="label">{move || label(s.tr())}</span>
            <input
                id=id
                type=kind
                name=name
                placeholder=placeholder
                prop:value=move || value.get()
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=err_id.clone()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
            <span class="error" id=err_id role="alert">{move || error.get()}</span>
        </label>
    }
}

#[component]
pub fn TextArea(
    label: Label,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(into, optional)] error: Signal<Option<String>>,
    #[prop(optional)] name: &'static str,
) -> impl IntoView {
    let s = use_app();
    view! {
        <label class="field wide" class:invalid=move || error.get().is_some()>
            <span class="label">{move || label(s.tr())}</span>
            <textarea
                name=name
                rows="3"
                prop:value=move || value.get()
                aria-invalid=move || error.get().is_some().then_some("true")
                on:input=move |ev| on_input.run(event_target_value(&ev))
            ></textarea>
            <span class="error" role="alert">{move || error.get()}</span>
        </label>
    }
}

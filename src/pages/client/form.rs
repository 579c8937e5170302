//! The client's own fields: name, ИНН, phones, e-mails, addresses, owner, do-not-contact, notes.

use leptos::prelude::*;

use super::Draft;
use crate::app::clock::{local, now};
use crate::app::i18n::tx;
use crate::app::state::use_app;
use crate::components::field::{Field, TextArea};
use crate::domain::format::dmy;
use crate::domain::model::*;

#[component]
pub fn MainFields(draft: Draft) -> impl IntoView {
    let s = use_app();
    let c = draft.client;
    let text =
        move |get: fn(&Client) -> &String| Signal::derive(move || c.with(|c| get(c).clone()));
    let segments_text = RwSignal::new(c.with_untracked(|c| c.segments.join(", ")));
    let owners = move || {
        s.base.with(|b| {
            b.staff
                .iter()
                .filter(|st| matches!(st.role, Role::Salesperson | Role::AccountManager))
                .map(|st| (st.id, st.name.clone(), st.active))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <fieldset class="grid">
            <legend>{tx(|t| t.client_fields)}</legend>
            <label class="field">
                <span class="label">{tx(|t| t.kind)}</span>
                <select name="kind" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    c.update(|c| c.kind = if v == "person" { ClientKind::Person } else { ClientKind::Company });
                }>
                    <option value="company" selected=move || c.with(|c| c.kind == ClientKind::Company)>{tx(|t| t.company)}</option>
                    <option value="person" selected=move || c.with(|c| c.kind == ClientKind::Person)>{tx(|t| t.person)}</option>
                </select>
            </label>
            <Field label=|t| t.legal_form name="legal_form" value=text(|c| &c.legal_form)
                on_input=move |v: String| c.update(|c| c.legal_form = v) placeholder="ООО" />
            <Field label=|t| t.name name="name" wide=true value=text(|c| &c.name)
                on_input=move |v: String| c.update(|c| c.name = v) error=draft.error("name".into()) />
            <Field label=|t| t.inn name="inn" value=text(|c| &c.inn)
                on_input=move |v: String| c.update(|c| c.inn = v) error=draft.error("inn".into()) />
            <Field label=|t| t.kpp name="kpp" value=text(|c| &c.kpp)
                on_input=move |v: String| c.update(|c| c.kpp = v) error=draft.error("kpp".into()) />
            <Field label=|t| t.segments name="segments" value=Signal::derive(move || segments_text.get())
                on_input=move |v: String| {
                    let parsed = v.split(',').map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect();
                    segments_text.set(v);
                    c.update(|c| c.segments = parsed);
                } />
            <label class="field">
                <span class="label">{tx(|t| t.owner)}</span>
                <select name="owner" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    c.update(|c| c.owner = uuid::Uuid::parse_str(&v).ok());
                }>
                    <option value="" selected=move || c.with(|c| c.owner.is_none())>{tx(|t| t.owner_nobody)}</option>
                    {move || owners().into_iter().map(|(id, name, active)| view! {
                        <option value=id.to_string() selected=move || c.with(|c| c.owner == Some(id))>
                            {name}{if active { "" } else { " ✕" }}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <label class="check">
                <input type="checkbox" name="corporate" prop:checked=move || c.with(|c| c.corporate)
                    on:change=move |ev| c.update(|c| c.corporate = event_target_checked(&ev)) />
                {tx(|t| t.s.corporate_client)}
            </label>
            <label class="field">
                <span class="label">{tx(|t| t.letter_language)}</span>
                <select name="language" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    c.update(|c| c.language = if v == "en" { Lang::En } else { Lang::Ru });
                }>
                    <option value="ru" selected=move || c.with(|c| c.language == Lang::Ru)>"Русский"</option>
                    <option value="en" selected=move || c.with(|c| c.language == Lang::En)>"English"</option>
                </select>
            </label>
        </fieldset>
        <Phones draft=draft />
        <Emails draft=draft />
        <Addresses draft=draft />
        <fieldset class="grid">
            <legend>{tx(|t| t.status)}</legend>
            <label class="check">
                <input type="checkbox" name="dnc"
                    prop:checked=move || c.with(|c| c.do_not_contact.is_some())
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        c.update(|c| c.do_not_contact = on.then(|| DoNotContact { reason: String::new(), since: now() }));
                    } />
                {tx(|t| t.do_not_contact)}
            </label>
            <Show when=move || c.with(|c| c.do_not_contact.is_some())>
                <Field label=|t| t.reason name="dnc_reason" wide=true
                    value=Signal::derive(move || c.with(|c| c.do_not_contact.as_ref().map(|d| d.reason.clone()).unwrap_or_default()))
                    on_input=move |v: String| c.update(|c| if let Some(d) = c.do_not_contact.as_mut() { d.reason = v }) />
            </Show>
            <div class="field">
                <span class="label">{tx(|t| t.verified)}</span>
                <span>
                    {move || c.with(|c| c.verified_at.map(|t| dmy(local(t).date())).unwrap_or_else(|| "—".into()))}
                    " "
                    <button type="button" on:click=move |_| c.update(|c| c.verified_at = Some(now()))>{tx(|t| t.confirmed_today)}</button>
                </span>
            </div>
            <TextArea label=|t| t.notes name="notes" value=text(|c| &c.notes) on_input=move |v: String| c.update(|c| c.notes = v) />
        </fieldset>
    }
}

#[component]
fn Phones(draft: Draft) -> impl IntoView {
    let c = draft.client;
    // Only the number of rows re-renders the list, so typing keeps the focus.
    let n = Memo::new(move |_| c.with(|c| c.phones.len()));
    view! {
        <fieldset class="grid">
            <legend>{tx(|t| t.phones)}</legend>
            {move || (0..n.get()).map(|i| view! {
                <div class="line">
                    <Field label=|t| t.phone name="phone"
                        value=Signal::derive(move || c.with(|c| c.phones.get(i).map(|p| p.number.clone()).unwrap_or_default()))
                        on_input=move |v: String| c.update(|c| if let Some(p) = c.phones.get_mut(i) { p.number = v })
                        error=draft.error(format!("phones[{i}].number")) placeholder="+7 912 345-67-89" />
                    <Field label=|t| t.label name="phone_label"
                        value=Signal::derive(move || c.with(|c| c.phones.get(i).map(|p| p.label.clone()).unwrap_or_default()))
                        on_input=move |v: String| c.update(|c| if let Some(p) = c.phones.get_mut(i) { p.label = v }) />
                    <button type="button" class="remove" aria-label=tx(|t| t.remove)
                        on:click=move |_| c.update(|c| { if i < c.phones.len() { c.phones.remove(i); } })>"×"</button>
                </div>
            }).collect_view()}
            <button type="button" class="add" on:click=move |_| c.update(|c| c.phones.push(Phone::default()))>
                {tx(|t| t.add_phone)}
            </button>
        </fieldset>
    }
}

#[component]
fn Emails(draft: Draft) -> impl IntoView {
    let c = draft.client;
    let n = Memo::new(move |_| c.with(|c| c.emails.len()));
    view! {
        <fieldset class="grid">
            <legend>{tx(|t| t.emails)}</legend>
            {move || (0..n.get()).map(|i| view! {
                <div class="line">
                    <Field label=|t| t.email name="email" kind="email"
                        value=Signal::derive(move || c.with(|c| c.emails.get(i).map(|p| p.address.clone()).unwrap_or_default()))
                        on_input=move |v: String| c.update(|c| if let Some(p) = c.emails.get_mut(i) { p.address = v })
                        error=draft.error(format!("emails[{i}].address")) />
                    <button type="button" class="remove" aria-label=tx(|t| t.remove)
                        on:click=move |_| c.update(|c| { if i < c.emails.len() { c.emails.remove(i); } })>"×"</button>
                </div>
            }).collect_view()}
            <button type="button" class="add" on:click=move |_| c.update(|c| c.emails.push(Email::default()))>
                {tx(|t| t.add_email)}
            </button>
        </fieldset>
    }
}

#[component]
fn Addresses(draft: Draft) -> impl IntoView {
    let c = draft.client;
    let n = Memo::new(move |_| c.with(|c| c.addresses.len()));
    let part = move |i: usize, get: fn(&Address) -> &String| {
        Signal::derive(move || {
            c.with(|c| {
                c.addresses
                    .get(i)
                    .map(|a| get(a).clone())
                    .unwrap_or_default()
            })
        })
    };
    view! {
        <fieldset class="grid">
            <legend>{tx(|t| t.addresses)}</legend>
            {move || (0..n.get()).map(|i| view! {
                <div class="line address">
                    <Field label=|t| t.postcode name="postcode" value=part(i, |a| &a.postcode)
                        on_input=move |v: String| c.update(|c| if let Some(a) = c.addresses.get_mut(i) { a.postcode = v; a.returned = false })
                        error=draft.error(format!("addresses[{i}].postcode")) />
                    <Field label=|t| t.region name="region" value=part(i, |a| &a.region)
                        on_input=move |v: String| c.update(|c| if let Some(a) = c.addresses.get_mut(i) { a.region = v; a.returned = false }) />
                    <Field label=|t| t.city name="city" value=part(i, |a| &a.city)
                        on_input=move |v: String| c.update(|c| if let Some(a) = c.addresses.get_mut(i) { a.city = v; a.returned = false }) />
                    <Field label=|t| t.street name="street" wide=true value=part(i, |a| &a.street)
                        on_input=move |v: String| c.update(|c| if let Some(a) = c.addresses.get_mut(i) { a.street = v; a.returned = false }) />
                    // A fixed address is no longer «returned»; the badge clears it when the address
                    // was right after all.
                    <Show when=move || c.with(|c| c.addresses.get(i).is_some_and(|a| a.returned))>
                        <button type="button" class="badge warn" title=tx(|t| t.mail_returned_clear)
                            on:click=move |_| c.update(|c| if let Some(a) = c.addresses.get_mut(i) { a.returned = false })>
                            {tx(|t| t.mail_returned)}
                        </button>
                    </Show>
                    <button type="button" class="remove" aria-label=tx(|t| t.remove)
                        on:click=move |_| c.update(|c| { if i < c.addresses.len() { c.addresses.remove(i); } })>"×"</button>
                </div>
            }).collect_view()}
            <button type="button" class="add" on:click=move |_| c.update(|c| c.addresses.push(Address::default()))>
                {tx(|t| t.add_address)}
            </button>
        </fieldset>
    }
}

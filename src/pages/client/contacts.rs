//! The client's contact persons: whom a letter greets by name and patronymic.

use leptos::prelude::*;

use super::Draft;
use crate::app::browser::new_id;
use crate::app::i18n::tx;
use crate::components::field::Field;
use crate::domain::model::*;

fn blank_contact() -> ContactPerson {
    ContactPerson {
        id: new_id(),
        last: String::new(),
        first: String::new(),
        patronymic: String::new(),
        gender: None,
        position: String::new(),
        phones: vec![Phone::default()],
        emails: vec![Email::default()],
    }
}

#[component]
pub fn Contacts(draft: Draft) -> impl IntoView {
    let c = draft.client;
    let n = Memo::new(move |_| c.with(|c| c.contacts.len()));
    let text = move |i: usize, get: fn(&ContactPerson) -> String| {
        Signal::derive(move || c.with(|c| c.contacts.get(i).map(get).unwrap_or_default()))
    };
    let edit = move |i: usize, set: fn(&mut ContactPerson, String)| {
        move |v: String| {
            c.update(|c| {
                if let Some(p) = c.contacts.get_mut(i) {
                    set(p, v)
                }
            })
        }
    };
    view! {
        <fieldset class="contacts">
            <legend>{tx(|t| t.contact_persons)}</legend>
            {move || (0..n.get()).map(|i| view! {
                <div class="contact grid">
                    <Field label=|t| t.last_name name="contact_last" value=text(i, |p| p.last.clone())
                        on_input=edit(i, |p, v| p.last = v) error=draft.error(format!("contacts[{i}].last")) />
                    <Field label=|t| t.first_name name="contact_first" value=text(i, |p| p.first.clone())
                        on_input=edit(i, |p, v| p.first = v) />
                    <Field label=|t| t.patronymic name="contact_patronymic" value=text(i, |p| p.patronymic.clone())
                        on_input=edit(i, |p, v| p.patronymic = v) />
                    <label class="field">
                        <span class="label">{tx(|t| t.gender)}</span>
                        <select name="contact_gender" on:change=move |ev| {
                            let g = match event_target_value(&ev).as_str() {
                                "male" => Some(Gender::Male),
                                "female" => Some(Gender::Female),
                                _ => None,
                            };
                            c.update(|c| if let Some(p) = c.contacts.get_mut(i) { p.gender = g });
                        }>
                            <option value="" selected=move || c.with(|c| c.contacts.get(i).is_some_and(|p| p.gender.is_none()))>
                                {tx(|t| t.gender_unknown)}
                            </option>
                            <option value="male" selected=move || c.with(|c| c.contacts.get(i).is_some_and(|p| p.gender == Some(Gender::Male)))>
                                {tx(|t| t.male)}
                            </option>
                            <option value="female" selected=move || c.with(|c| c.contacts.get(i).is_some_and(|p| p.gender == Some(Gender::Female)))>
                                {tx(|t| t.female)}
                            </option>
                        </select>
                    </label>
                    <Field label=|t| t.position name="contact_position" value=text(i, |p| p.position.clone())
                        on_input=edit(i, |p, v| p.position = v) />
                    <Field label=|t| t.phone name="contact_phone"
                        value=text(i, |p| p.phones.first().map(|x| x.number.clone()).unwrap_or_default())
                        on_input=edit(i, |p, v| match p.phones.first_mut() {
                            Some(x) => x.number = v,
                            None => p.phones.push(Phone { number: v, label: String::new() }),
                        })
                        error=draft.error(format!("contacts[{i}].phones[0].number")) />
                    <Field label=|t| t.email name="contact_email"
                        value=text(i, |p| p.emails.first().map(|x| x.address.clone()).unwrap_or_default())
                        on_input=edit(i, |p, v| match p.emails.first_mut() {
                            Some(x) => x.address = v,
                            None => p.emails.push(Email { address: v, label: String::new() }),
                        })
                        error=draft.error(format!("contacts[{i}].emails[0].address")) />
                    <button type="button" class="remove" aria-label=tx(|t| t.remove)
                        on:click=move |_| c.update(|c| { if i < c.contacts.len() { c.contacts.remove(i); } })>"×"</button>
                </div>
            }).collect_view()}
            <button type="button" class="add" on:click=move |_| c.update(|c| c.contacts.push(blank_contact()))>
                {tx(|t| t.add_contact)}
            </button>
        </fieldset>
    }
}

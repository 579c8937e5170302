//! The people of the company: salespeople with their capacity, the account manager, the letter
//! writer and the client-base keeper.

use leptos::prelude::*;

use crate::app::browser::new_id;
use crate::app::clock::now;
use crate::app::i18n::{problem_text, tx};
use crate::app::state::use_app;
use crate::components::field::Field;
use crate::domain::base::{Base, Batch};
use crate::domain::model::*;
use crate::domain::validate::validate_staff;

fn blank() -> Staff {
    Staff {
        id: new_id(),
        name: String::new(),
        role: Role::Salesperson,
        capacity: 50,
        email: String::new(),
        phone: String::new(),
        active: true,
        updated_at: now(),
    }
}

const ROLES: [Role; 5] = [
    Role::Salesperson,
    Role::AccountManager,
    Role::LetterWriter,
    Role::BaseKeeper,
    Role::Director,
];

#[component]
pub fn StaffPage() -> impl IntoView {
    let s = use_app();
    let editing: RwSignal<Option<Staff>> = RwSignal::new(None);
    let rows = Memo::new(move |_| {
        s.base.with(|b| {
            let mut v: Vec<(Staff, usize)> = b
                .staff
                .iter()
                .map(|st| {
                    (
                        st.clone(),
                        b.clients.iter().filter(|c| c.owner == Some(st.id)).count(),
                    )
                })
                .collect();
            crate::domain::sort::sort_by(&mut v, |a, b| {
                (a.0.role as u8, &a.0.name).cmp(&(b.0.role as u8, &b.0.name))
            });
            v
        })
    });
    let delete = move |st: Staff, clients: usize| {
        if clients > 0 {
            s.toast(s.tr_untracked().staff_has_clients, true);
            return;
        }
        if s.confirm(|t| t.confirm_delete) {
            s.save_then(
                Base::tombstone(RecordKind::Staff, st.id, now()),
                |t| t.deleted,
                || (),
            );
        }
    };
    view! {
        <section class="staff">
            <div class="toolbar">
                <h1>{tx(|t| t.staff)}</h1>
                <span class="spacer"></span>
                <button class="primary" id="new-staff" on:click=move |_| editing.set(Some(blank()))>{tx(|t| t.new_staff)}</button>
            </div>
            {move || editing.get().map(|st| view! { <StaffEditor staff=st editing=editing /> })}
            <table class="dense">
                <thead>
                    <tr>
                        <th>{tx(|t| t.name)}</th>
                        <th>{tx(|t| t.role)}</th>
                        <th class="num">{tx(|t| t.active_clients)}</th>
                        <th>{tx(|t| t.email)}</th>
                        <th>{tx(|t| t.phone)}</th>
                        <th></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || rows.get() key=|(st, n)| (st.id, st.updated_at, *n) let:row>
                        <tr class:muted=!row.0.active>
                            <td><a href=crate::app::router::Route::Person(row.0.id).href()>{row.0.name.clone()}</a></td>
                            <td>{move || s.tr().role_name(row.0.role)}</td>
                            <td class="num">{if row.0.capacity > 0 { format!("{} / {}", row.1, row.0.capacity) } else { row.1.to_string() }}</td>
                            <td>{row.0.email.clone()}</td>
                            <td>{row.0.phone.clone()}</td>
                            <td class="actions">
                                <button on:click={let st = row.0.clone(); move |_| editing.set(Some(st.clone()))}>{tx(|t| t.edit)}</button>
                                <button class="danger" on:click={let st = row.0.clone(); move |_| delete(st.clone(), row.1)}>{tx(|t| t.delete)}</button>
                            </td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn StaffEditor(staff: Staff, editing: RwSignal<Option<Staff>>) -> impl IntoView {
    let s = use_app();
    let st = RwSignal::new(staff);
    let tried = RwSignal::new(false);
    let err = move |field: &'static str| {
        Signal::derive(move || {
            let problems = st.with(validate_staff);
            problems
                .into_iter()
                .find(|x| x.field == field && (tried.get() || field != "name"))
                .map(|x| problem_text(s.lang.get(), x.problem).to_string())
        })
    };
    let text = move |get: fn(&Staff) -> String| Signal::derive(move || st.with(get));
    let save = move |_| {
        tried.set(true);
        let mut staff = st.get_untracked();
        if !validate_staff(&staff).is_empty() {
            s.toast(s.tr_untracked().fix_marked, true);
            return;
        }
        staff.updated_at = now();
        let batch = Batch {
            staff: vec![staff],
            ..Batch::default()
        };
        s.save_then(batch, |t| t.saved, move || editing.set(None));
    };
    view! {
        <div class="editor grid" role="group">
            <Field label=|t| t.name name="staff_name" wide=true value=text(|x| x.name.clone())
                on_input=move |v: String| st.update(|x| x.name = v) error=err("name") />
            <label class="field">
                <span class="label">{tx(|t| t.role)}</span>
                <select name="role" on:change=move |ev| {
                    let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                    st.update(|x| x.role = ROLES[i.min(ROLES.len() - 1)]);
                }>
                    {ROLES.iter().enumerate().map(|(i, r)| view! {
                        <option value=i.to_string() selected=st.with_untracked(|x| x.role == *r)>{move || s.tr().role_name(*r)}</option>
                    }).collect_view()}
                </select>
            </label>
            <Field label=|t| t.capacity name="capacity" value=text(|x| x.capacity.to_string())
                on_input=move |v: String| st.update(|x| x.capacity = v.trim().parse().unwrap_or(0)) error=err("capacity") />
            <Field label=|t| t.email name="staff_email" value=text(|x| x.email.clone())
                on_input=move |v: String| st.update(|x| x.email = v) error=err("email") />
            <Field label=|t| t.phone name="staff_phone" value=text(|x| x.phone.clone())
                on_input=move |v: String| st.update(|x| x.phone = v) error=err("phone") />
            <label class="check">
                <input type="checkbox" prop:checked=move || st.with(|x| x.active)
                    on:change=move |ev| st.update(|x| x.active = event_target_checked(&ev)) />
                {tx(|t| t.active)}
            </label>
            <div class="actions wide">
                <button class="primary" id="save-staff" on:click=save>{tx(|t| t.save)}</button>
                <button on:click=move |_| editing.set(None)>{tx(|t| t.cancel)}</button>
            </div>
        </div>
    }
}

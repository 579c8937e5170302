//! One client: its fields, contact persons, orders and history. Edits go to a draft; «Save»
//! validates it and commits it with a history entry per changed contact field.

mod contacts;
mod form;
mod letters;
mod likely;
mod orders;
mod steps;
mod work;

use leptos::prelude::*;

use crate::app::browser::new_id;
use crate::app::clock::now;
use crate::app::i18n::{problem_text, tx};
use crate::app::pending::Pending;
use crate::app::router::{navigate, Route};
use crate::app::state::use_app;
use crate::domain::base::Batch;
use crate::domain::contact::{EmailProblem, PhoneProblem};
use crate::domain::format::dmy_hm;
use crate::domain::history;
use crate::domain::model::*;
use crate::domain::validate::{validate_client, Problem};

/// The draft being edited and its problems, shared by the page's sections.
#[derive(Clone, Copy)]
pub struct Draft {
    pub client: RwSignal<Client>,
    pub tried: RwSignal<bool>,
}

impl Draft {
    /// The message for one field, when it has a problem worth showing now.
    pub fn error(self, field: String) -> Signal<Option<String>> {
        let s = use_app();
        Signal::derive(move || {
            let tried = self.tried.get();
            self.client.with(|c| {
                validate_client(c)
                    .into_iter()
                    .find(|p| p.field == field && worth_showing(p.problem, tried))
                    .map(|p| problem_text(s.lang.get(), p.problem).to_string())
            })
        })
    }
}

/// A blank phone or e-mail row is dropped on save, so it is never an error; an empty name is
/// one only once the user has tried to save.
fn worth_showing(problem: Problem, tried: bool) -> bool {
    match problem {
        Problem::Phone(PhoneProblem::Empty) | Problem::Email(EmailProblem::Empty) => false,
        Problem::EmptyName => tried,
        _ => true,
    }
}

fn blank_client() -> Client {
    // One empty phone, e-mail and address to type into.
    Client {
        addresses: vec![Address::default()],
        phones: vec![Phone::default()],
        emails: vec![Email::default()],
        ..Client::named(new_id(), "", now())
    }
}

/// Empty phone, e-mail and address rows are form scaffolding, not data.
fn without_blanks(mut c: Client) -> Client {
    c.phones.retain(|p| !p.number.trim().is_empty());
    c.emails.retain(|e| !e.address.trim().is_empty());
    c.addresses.retain(|a| !history::address_line(a).is_empty());
    for p in &mut c.contacts {
        p.phones.retain(|x| !x.number.trim().is_empty());
        p.emails.retain(|x| !x.address.trim().is_empty());
    }
    c.name = c.name.trim().to_string();
    c
}

#[component]
pub fn ClientPage(id: Option<Id>) -> impl IntoView {
    let s = use_app();
    let stored = id.and_then(|id| s.base.with_untracked(|b| b.clients.get(&id).cloned()));
    if id.is_some() && stored.is_none() {
        return view! {
            <section>
                <h1>{tx(|t| t.client_missing)}</h1>
                <a href=Route::Clients.href()>{tx(|t| t.back_to_clients)}</a>
            </section>
        }
        .into_any();
    }
    let is_new = stored.is_none();
    let draft = Draft {
        client: RwSignal::new(stored.clone().unwrap_or_else(blank_client)),
        tried: RwSignal::new(false),
    };
    let client_id = draft.client.with_untracked(|c| c.id);
    let original = StoredValue::new(stored);
    // A new client is unsaved once something was typed into its blank form.
    let blank = draft.client.get_untracked();
    let dirty = Memo::new(move |_| {
        original.with_value(|o| {
            draft
                .client
                .with(|c| o.as_ref().map_or(*c != blank, |o| o != c))
        })
    });

    let saving = Pending::new();
    // A save under way is not an edit to lose: leaving then does not ask (a failed save says so).
    crate::app::leave::guard(Memo::new(move |_| dirty.get() && !saving.get()));
    let save = move || {
        // Enter in a field submits too: a save under way is not started twice.
        if saving.get_untracked() {
            return;
        }
        draft.tried.set(true);
        let mut c = without_blanks(draft.client.get_untracked());
        if !validate_client(&c).is_empty() {
            s.toast(s.tr_untracked().fix_marked, true);
            return;
        }
        let at = now();
        c.updated_at = at;
        let old = original.get_value();
        // The batch of an edit from one version to another: remade if another tab saved the
        // client meanwhile and the edit is merged with it (`app::edit`).
        let build = move |from: Option<&Client>, to: &Client| {
            let changes = history::changes(from, to, to.updated_at, new_id);
            // A new owner typed in here is a hand-over like any other: logged with who had it.
            let handed = s.base.with_untracked(|b| {
                crate::domain::sales::owner_change(b, from, to, None, to.updated_at, new_id())
            });
            Batch {
                clients: vec![to.clone()],
                changes,
                activities: handed.into_iter().collect(),
                ..Batch::default()
            }
        };
        let mine = saving.start();
        leptos::task::spawn_local(async move {
            let _mine = mine;
            if let Ok(saved) = crate::app::edit::save_client(s, old, c, build).await {
                let t = s.tr_untracked();
                let c = saved.client;
                if !saved.conflicts.is_empty() {
                    let fields: Vec<String> =
                        saved.conflicts.iter().map(|f| t.field_path(f)).collect();
                    s.toast(
                        format!("{}: {}", t.saved_over_other_tab, fields.join(", ")),
                        true,
                    );
                } else if !saved.from_other_tab.is_empty() {
                    let fields: Vec<String> = saved
                        .from_other_tab
                        .iter()
                        .map(|f| t.field_path(f))
                        .collect();
                    s.toast(
                        format!("{}: {}", t.saved_with_other_tab, fields.join(", ")),
                        false,
                    );
                } else {
                    s.toast(t.saved, false);
                }
                original.set_value(Some(c.clone()));
                draft.client.set(c);
                draft.tried.set(false);
                if is_new {
                    navigate(&Route::Client(client_id));
                }
            }
        });
    };

    let delete = move |_| {
        if s.confirm(|t| t.confirm_delete_client) {
            let batch = s.base.with_untracked(|b| b.delete_client(client_id, now()));
            s.save_then(batch, |t| t.deleted, || navigate(&Route::Clients));
        }
    };

    let title = move || {
        draft.client.with(|c| {
            if c.name.trim().is_empty() {
                s.tr().new_client.to_string()
            } else {
                crate::domain::format::full_name(c)
            }
        })
    };

    view! {
        <section class="client">
            <div class="toolbar">
                <a class="back" href=Route::Clients.href()>{tx(|t| t.back_to_clients)}</a>
                <h1 id="client-title">{title}</h1>
                <span class="spacer"></span>
                <Show when=move || dirty.get()>
                    <span class="unsaved">{tx(|t| t.unsaved)}</span>
                </Show>
                <button class="primary" id="save-client" on:click=move |_| save() disabled=move || saving.get()>
                    {tx(|t| t.save)}
                </button>
                <Show when=move || !is_new>
                    <button class="danger" id="delete-client" on:click=delete>{tx(|t| t.delete)}</button>
                </Show>
            </div>
            <form
                class="client-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    save();
                }
            >
                <Show when=move || is_new>
                    <likely::Likely draft=draft />
                </Show>
                <form::MainFields draft=draft />
                <contacts::Contacts draft=draft />
                // Enter in any field saves.
                <button type="submit" hidden></button>
            </form>
            <Show
                when=move || !is_new
                fallback=move || view! { <p class="hint">{tx(|t| t.save_first_for_orders)}</p> }
            >
                <orders::Orders client=client_id />
                <work::ClientWork client=client_id />
                <letters::ClientLetters client=client_id />
                <History client=client_id draft=draft.client />
            </Show>
        </section>
    }
    .into_any()
}

#[component]
fn History(client: Id, draft: RwSignal<Client>) -> impl IntoView {
    let s = use_app();
    let entries = Memo::new(move |_| {
        s.base.with(|b| {
            let mut v: Vec<ChangeLogEntry> = b
                .changes
                .iter()
                .filter(|e| e.client == client)
                .cloned()
                .collect();
            crate::domain::sort::sort_by_key(&mut v, |e| std::cmp::Reverse(e.at));
            v
        })
    });
    view! {
        <section class="history">
            <h2>{tx(|t| t.history)}</h2>
            <Show when=move || entries.with(Vec::is_empty)>
                <p class="hint">{tx(|t| t.history_empty)}</p>
            </Show>
            <table class="dense">
                <tbody>
                    <For each=move || entries.get() key=|e| e.id let:e>
                        {match e.lost.clone() {
                            Some(lost) => view! { <Conflict entry=e.clone() lost=lost draft=draft /> }.into_any(),
                            None => view! {
                                <tr>
                                    <td class="num">{dmy_hm(crate::app::clock::local(e.at))}</td>
                                    <td>{let f = e.field.clone(); move || s.tr().field_path(&f)}</td>
                                    <td class="old">{s.base.with_untracked(|b| history::shown(b, &e.field, &e.old))}</td>
                                    <td>"→"</td>
                                    <td>{s.base.with_untracked(|b| history::shown(b, &e.field, &e.new))}</td>
                                    <td class="by">{crate::app::person::name_of(s, e.by)}</td>
                                </tr>
                            }.into_any(),
                        }}
                    </For>
                </tbody>
            </table>
        </section>
    }
}

/// A value another computer's later edit replaced (sync): both values, and a way to put the
/// replaced one back into the form, to be saved like any edit.
#[component]
fn Conflict(
    entry: ChangeLogEntry,
    lost: serde_json::Value,
    draft: RwSignal<Client>,
) -> impl IntoView {
    let s = use_app();
    let field = entry
        .field
        .split('[')
        .next()
        .unwrap_or_default()
        .to_string();
    let shown = |v: &str| s.base.with_untracked(|b| history::shown(b, &field, v));
    let (old, new) = (shown(&entry.old), shown(&entry.new));
    let path = entry.field.clone();
    let restore = move |_| {
        let back = draft.with_untracked(|c| crate::domain::sync::restore(c, &path, &lost));
        if let Some(back) = back {
            draft.set(back);
            s.toast(s.tr_untracked().y.restored, false);
        }
    };
    view! {
        <tr class="conflict">
            <td class="num">{dmy_hm(crate::app::clock::local(entry.at))}</td>
            <td>{let f = field.clone(); move || s.tr().field_path(&f)}</td>
            <td colspan="4">
                {tx(|t| t.y.conflict)} ": " {tx(|t| t.y.kept)} " «" {new} "», "
                {tx(|t| t.y.replaced)} " «" <span class="old">{old}</span> "» "
                <button class="small" on:click=restore>{tx(|t| t.y.restore)}</button>
            </td>
        </tr>
    }
}

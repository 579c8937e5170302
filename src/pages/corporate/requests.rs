//! The relay board: a corporate client's request is logged, sent to Finance, Technical, Quality
//! or Sales, answered, relayed to the client and closed, each step with its message and time.
//! Open requests first, overdue on top; closed ones stay findable by the filter and the search.

use leptos::prelude::*;

use super::{picked, ClientPicker, Corporate};
use crate::app::browser::new_id;
use crate::app::clock::{local, now, tz};
use crate::app::i18n::{tx, Said};
use crate::app::pending::Pending;
use crate::app::router::Route;
use crate::app::state::use_app;
use crate::components::field::Label;
use crate::domain::base::Batch;
use crate::domain::corporate::{self, Status, DEPARTMENTS};
use crate::domain::format::{dmy_hm, full_name};
use crate::domain::model::*;
use crate::domain::text::fold;

const BOARD: [Status; 4] = [
    Status::New,
    Status::WithDepartment,
    Status::Answered,
    Status::Relayed,
];

/// Which requests the board shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Show {
    Open,
    Closed,
    All,
}

/// Closed requests are shown at most this many, newest first; the search finds older ones.
const CLOSED_SHOWN: usize = 200;

#[component]
pub fn NewRequest(clients: Memo<Vec<Corporate>>) -> impl IntoView {
    let s = use_app();
    let client = RwSignal::new(None::<Id>);
    let department = RwSignal::new(Department::Finance);
    let subject = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let logging = Pending::new();
    let log_request = move |_| {
        let Some(c) = picked(client, clients) else {
            return;
        };
        let owner = clients.with_untracked(|v| v.iter().find(|x| x.0 == c).and_then(|x| x.2));
        let from = s.base.with_untracked(|b| {
            owner
                .and_then(|o| b.staff.get(&o))
                .map(|x| x.name.clone())
                .unwrap_or_default()
        });
        let r = s.settings.with_untracked(|set| {
            corporate::open(
                c,
                department.get_untracked(),
                &subject.get_untracked(),
                &message.get_untracked(),
                owner,
                &from,
                now(),
                set,
                tz(),
                new_id(),
            )
        });
        match r {
            Ok(r) => s.save_then_in(
                Some(logging),
                Batch {
                    requests: vec![r],
                    ..Batch::default()
                },
                |t| t.s.request_logged,
                move || {
                    subject.set(String::new());
                    message.set(String::new());
                },
            ),
            Err(e) => s.toast(e.said(s.tr_untracked()), true),
        }
    };
    view! {
        <fieldset class="new-request">
            <legend>{tx(|t| t.s.new_request)}</legend>
            <ClientPicker id="request-client" clients=clients chosen=client />
            <label class="field">
                <span class="label">{tx(|t| t.s.department)}</span>
                <select id="request-department" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(d) = DEPARTMENTS.iter().find(|d| format!("{d:?}") == v) { department.set(*d); }
                }>
                    {DEPARTMENTS.iter().map(|d| { let d = *d; view! { <option value=format!("{d:?}")>{move || s.tr().department(d)}</option> } }).collect_view()}
                </select>
            </label>
            <label class="field wide">
                <span class="label">{tx(|t| t.s.subject)}</span>
                <input id="request-subject" prop:value=subject on:input=move |ev| subject.set(event_target_value(&ev)) />
            </label>
            <label class="field wide">
                <span class="label">{tx(|t| t.s.message)}</span>
                <input id="request-message" prop:value=message on:input=move |ev| message.set(event_target_value(&ev)) />
            </label>
            <button class="primary" id="log-request" disabled=move || logging.get() on:click=log_request>{tx(|t| t.s.log_request)}</button>
        </fieldset>
    }
}

/// Whether a request matches the words searched for: its client, subject or any message.
fn matches(r: &Request, client: &str, words: &[String]) -> bool {
    let text = fold(&format!(
        "{client} {} {}",
        r.subject,
        r.messages
            .iter()
            .map(|m| m.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    ));
    words.iter().all(|w| text.contains(w.as_str()))
}

#[component]
pub fn Board() -> impl IntoView {
    let s = use_app();
    let show = RwSignal::new(Show::Open);
    let search = RwSignal::new(String::new());
    let board = Memo::new(move |_| {
        let at = now();
        let which = show.get();
        let words: Vec<String> = fold(&search.get())
            .split_whitespace()
            .map(str::to_string)
            .collect();
        s.base.with(|b| {
            let mut v: Vec<(Request, String, bool)> = b
                .requests
                .iter()
                .filter(|r| {
                    let closed = corporate::status(r) == Status::Closed;
                    match which {
                        Show::Open => !closed,
                        Show::Closed => closed,
                        Show::All => true,
                    }
                })
                .filter_map(|r| {
                    let name = b.clients.get(&r.client).map(full_name).unwrap_or_default();
                    matches(r, &name, &words).then(|| (r.clone(), name, corporate::overdue(r, at)))
                })
                .collect();
            // Open: overdue first, then by due time; closed: the latest first.
            crate::domain::sort::sort_by_key(&mut v, |(r, _, late)| {
                let open = corporate::status(r) != Status::Closed;
                (
                    !open,
                    !*late,
                    if open {
                        r.due.timestamp()
                    } else {
                        -r.opened.timestamp()
                    },
                )
            });
            if which != Show::Open {
                v.truncate(CLOSED_SHOWN);
            }
            v
        })
    });
    let choices: [(Show, Label); 3] = [
        (Show::Open, |t| t.s.requests_open),
        (Show::Closed, |t| t.s.requests_closed),
        (Show::All, |t| t.s.requests_all),
    ];
    view! {
        <div class="toolbar board-filter">
            <div class="tabs" role="tablist" aria-label=tx(|t| t.s.relay)>
                {choices.into_iter().map(|(k, label)| view! {
                    <button role="tab" class:current=move || show.get() == k aria-selected=move || (show.get() == k).to_string() on:click=move |_| show.set(k)>{tx(label)}</button>
                }).collect_view()}
            </div>
            <input id="board-search" type="search" aria-label=tx(|t| t.s.find_request) placeholder=tx(|t| t.s.find_request) prop:value=search on:input=move |ev| search.set(event_target_value(&ev)) />
            <span class="count" id="board-count">{move || board.with(Vec::len)}</span>
        </div>
        <table class="dense board" id="board">
            <thead><tr>
                <th>{tx(|t| t.s.client)}</th><th>{tx(|t| t.s.department)}</th><th>{tx(|t| t.s.subject)}</th>
                <th>{tx(|t| t.s.due)}</th><th>{tx(|t| t.s.status)}</th><th></th>
            </tr></thead>
            <tbody>
                {move || board.get().into_iter().map(|(r, name, late)| view! { <RequestRow request=r name=name late=late /> }).collect_view()}
            </tbody>
        </table>
    }
}

/// One request: the client, the department, the thread under its subject, the due time (late
/// ones marked) and the step that takes it on.
#[component]
fn RequestRow(request: Request, name: String, late: bool) -> impl IntoView {
    let s = use_app();
    let r = request;
    let advance = move |r: Request, to: Status, text: String| {
        let from = match to {
            Status::Answered => s.tr_untracked().department(r.department).to_string(),
            _ => s.base.with_untracked(|b| {
                r.staff
                    .and_then(|x| b.staff.get(&x))
                    .map(|x| x.name.clone())
                    .unwrap_or_default()
            }),
        };
        match corporate::step(&r, to, &from, &text, now()) {
            Ok(r) => s.save_then(
                Batch {
                    requests: vec![r],
                    ..Batch::default()
                },
                |t| t.s.request_moved,
                || {},
            ),
            Err(e) => s.toast(e.said(s.tr_untracked()), true),
        }
    };
    let status = corporate::status(&r);
    let next = BOARD
        .iter()
        .copied()
        .find(|x| *x > status)
        .unwrap_or(Status::Closed);
    let text = RwSignal::new(String::new());
    let thread: Vec<String> = r
        .messages
        .iter()
        .map(|m| format!("{} · {}: {}", dmy_hm(local(m.at)), m.from, m.text))
        .collect();
    let last = thread.last().cloned().unwrap_or_default();
    let r2 = r.clone();
    view! {
        <tr class:overdue=late data-status=format!("{status:?}").to_lowercase()>
            <td><a href=Route::Client(r.client).href()>{name}</a></td>
            <td>{move || s.tr().department(r.department)}</td>
            <td>{r.subject.clone()}
                <details class="thread">
                    <summary class="hint">{last}</summary>
                    {thread.into_iter().map(|m| view! { <div class="message">{m}</div> }).collect_view()}
                </details>
            </td>
            <td class="num">{dmy_hm(local(r.due))}{late.then(|| view! { <span class="badge bad">{tx(|t| t.s.overdue)}</span> })}</td>
            <td>{move || s.tr().request_status(status)}</td>
            <td class="actions-cell">
                {(status != Status::Closed).then(|| view! {
                    {matches!(next, Status::Answered | Status::Relayed).then(|| view! {
                        <input class="step-text" aria-label=tx(|t| t.s.answer_text) placeholder=tx(|t| t.s.answer_text) prop:value=text on:input=move |ev| text.set(event_target_value(&ev)) />
                    })}
                    <button class="step" on:click=move |_| advance(r2.clone(), next, text.get_untracked())>"→ " {move || s.tr().request_status(next)}</button>
                })}
            </td>
        </tr>
    }
}

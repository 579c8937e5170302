//! Answers: the letters sent, newest first, to find the one a client answered and record what
//! they said; complaints waiting for follow-up; clients whose address a letter came back from.

use leptos::prelude::*;

use super::answer::AnswerControl;
use super::{use_section, Tabs};
use crate::app::clock::now;
use crate::app::i18n::tx;
use crate::app::router::Route;
use crate::domain::base::Batch;
use crate::domain::format::{dmy, full_name};
use crate::domain::letters::answer::{fix_address_queue, open_complaints};
use crate::domain::letters::figures::sent_on;
use crate::domain::model::*;
use crate::domain::text::fold;

/// More rows than this are not drawn; the filter narrows them.
const SHOWN: usize = 200;

#[derive(Clone, PartialEq)]
struct SentRow {
    letter: Id,
    client: Id,
    name: String,
    day: chrono::NaiveDate,
    subject: String,
    answer: Option<ResponseKind>,
}

#[component]
pub fn AnswersPage() -> impl IntoView {
    let s = use_section();
    let filter = RwSignal::new(String::new());
    let unanswered = RwSignal::new(true);
    let open: RwSignal<Option<Id>> = RwSignal::new(None);
    let rows = Memo::new(move |_| {
        let f = fold(&filter.get());
        let only_open = unanswered.get();
        s.base.with(|b| {
            let mut v: Vec<SentRow> = b
                .letters
                .iter()
                .filter(|l| !only_open || l.response.is_none())
                .filter_map(|l| {
                    let day = sent_on(l)?;
                    let c = b.clients.get(&l.client)?;
                    let name = full_name(c);
                    (f.is_empty() || fold(&name).contains(&f)).then(|| SentRow {
                        letter: l.id,
                        client: c.id,
                        name,
                        day,
                        subject: l.subject.clone(),
                        answer: l.response.as_ref().map(|r| r.kind),
                    })
                })
                .collect();
            crate::domain::sort::sort_by(&mut v, |a, b| {
                b.day.cmp(&a.day).then_with(|| a.name.cmp(&b.name))
            });
            v
        })
    });
    view! {
        <section class="letters answers">
            <Tabs current=Route::Answers />
            <div class="followup-panels">
                <Complaints />
                <FixAddresses />
            </div>
            <div class="toolbar">
                <h1>{tx(|t| t.l.answers)}</h1>
                <input type="search" class="search" id="answers-filter" aria-label=move || s.tr().l.find_client placeholder=move || s.tr().l.find_client
                    prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev)) />
                <label class="check">
                    <input type="checkbox" prop:checked=move || unanswered.get()
                        on:change=move |ev| unanswered.set(event_target_checked(&ev)) />
                    {tx(|t| t.l.only_unanswered)}
                </label>
                <span class="count">{move || rows.with(Vec::len)}</span>
            </div>
            <table class="dense sent-letters">
                <thead>
                    <tr>
                        <th>{tx(|t| t.l.sent_col)}</th>
                        <th>{tx(|t| t.name)}</th>
                        <th>{tx(|t| t.l.subject)}</th>
                        <th>{tx(|t| t.l.answer)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || rows.get().into_iter().take(SHOWN).map(|r| {
                        let letter = r.letter;
                        view! {
                            <tr class="sent-row" on:click=move |_| open.set(Some(letter))>
                                <td class="num">{dmy(r.day)}</td>
                                <td><a href=Route::Client(r.client).href()>{r.name}</a></td>
                                <td>{r.subject}</td>
                                <td>
                                    {move || r.answer.map(|k| (s.tr().l.answer_kind)(k)).unwrap_or(s.tr().l.no_answer)}
                                    " "
                                    <button class="open-answer" on:click=move |_| open.set(Some(letter))>{tx(|t| t.l.record_answer)}</button>
                                </td>
                            </tr>
                            <Show when=move || open.get() == Some(letter)>
                                <tr class="answer-row"><td colspan="4"><AnswerControl letter=letter /></td></tr>
                            </Show>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <Show when=move || rows.with(|r| r.len() > SHOWN)>
                <p class="hint">{tx(|t| t.l.narrow_down)}</p>
            </Show>
        </section>
    }
}

#[component]
fn Complaints() -> impl IntoView {
    let s = use_section();
    let list = Memo::new(move |_| {
        s.base.with(|b| {
            open_complaints(b)
                .into_iter()
                .map(|l| {
                    let name = b.clients.get(&l.client).map(full_name).unwrap_or_default();
                    (l.clone(), name)
                })
                .collect::<Vec<_>>()
        })
    });
    let done = move |mut l: Letter| {
        if let Some(r) = l.response.as_mut() {
            r.followed_up = true;
        }
        l.updated_at = now();
        s.save_then(
            Batch {
                letters: vec![l],
                ..Batch::default()
            },
            |t| t.saved,
            || (),
        );
    };
    view! {
        <div class="panel followup">
            <h2>{tx(|t| t.l.complaints)} " " <span class="count">{move || list.with(Vec::len)}</span></h2>
            {move || if list.with(Vec::is_empty) {
                view! { <p class="empty">{tx(|t| t.l.no_complaints)}</p> }.into_any()
            } else {
                view! {
                    <ul class="followups">
                        {list.get().into_iter().map(|(l, name)| {
                            let note = l.response.as_ref().map(|r| r.note.clone()).unwrap_or_default();
                            let client = l.client;
                            view! {
                                <li>
                                    <a href=Route::Client(client).href()>{name}</a>
                                    " — " {note} " "
                                    <button on:click=move |_| done(l.clone())>{tx(|t| t.l.followed_up)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}

/// The client-base section's fix-address queue, shown here because letters fill it.
#[component]
fn FixAddresses() -> impl IntoView {
    let s = use_section();
    let list = Memo::new(move |_| {
        s.base.with(|b| {
            fix_address_queue(b)
                .into_iter()
                .map(|c| (c.id, full_name(c)))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="panel followup" id="fix-addresses">
            <h2>{tx(|t| t.l.fix_addresses)} " " <span class="count">{move || list.with(Vec::len)}</span></h2>
            <p class="hint">{tx(|t| t.l.fix_addresses_hint)}</p>
            <ul class="followups">
                {move || list.get().into_iter().map(|(id, name)| view! {
                    <li><a href=Route::Client(id).href()>{name}</a></li>
                }).collect_view()}
            </ul>
        </div>
    }
}

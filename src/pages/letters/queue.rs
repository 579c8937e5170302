//! Today's queue: the day's clients on the left, the chosen letter with the client's history on
//! the right; mark sent one by one or all at once; skip, postpone, add a client by hand.

use leptos::prelude::*;

use super::card::LetterCard;
use super::{long_date, use_section, Tabs};
use crate::app::browser::new_id;
use crate::app::clock::{now, today};
use crate::app::i18n::tx;
use crate::app::pending::Pending;
use crate::app::queue::{change, Change};
use crate::app::router::{PrintKind, Route};
use crate::app::state::{use_app, AppState};
use crate::domain::base::{Base, Batch};
use crate::domain::format::full_name;
use crate::domain::letters::pool::{breakdown, pool, pool_status, OutOfPool};
use crate::domain::letters::rotation::{forecast, why_no_letters, NoLetters};
use crate::domain::letters::send::{day_letters, default_channel, letter_record, LetterText};
use crate::domain::model::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RowState {
    New,
    Edited,
    Sent,
    /// Handed over, opted out or otherwise out of the pool since the queue was made.
    Left,
}

#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: Id,
    name: String,
    place: String,
    state: RowState,
}

fn rows(base: &Base, ids: &[Id], day: chrono::NaiveDate) -> Vec<Row> {
    ids.iter()
        .filter_map(|id| base.clients.get(id))
        .map(|c| {
            let stored = crate::domain::letters::send::stored_for_day(base, c.id, day);
            let state = match stored.map(|l| l.status) {
                Some(LetterStatus::Sent) => RowState::Sent,
                _ if pool_status(base, c).is_err() => RowState::Left,
                Some(_) => RowState::Edited,
                None => RowState::New,
            };
            Row {
                id: c.id,
                name: full_name(c),
                place: c
                    .addresses
                    .first()
                    .map(|a| a.city.clone())
                    .unwrap_or_default(),
                state,
            }
        })
        .collect()
}

/// Every unsent letter of the day, as sent now: the writer's edits where there are any.
fn mark_all(s: AppState, marking: Pending, ids: Vec<Id>) {
    let day = today();
    let at = now();
    let batch = s.base.with_untracked(|b| {
        s.settings.with_untracked(|set| {
            let letters = day_letters(b, set, day, &ids)
                .into_iter()
                .filter(|l| {
                    l.stored
                        .as_ref()
                        .is_none_or(|l| l.status != LetterStatus::Sent)
                })
                .filter_map(|l| {
                    let c = b
                        .clients
                        .get(&l.client)
                        .filter(|c| pool_status(b, c).is_ok())?;
                    let text = LetterText {
                        subject: &l.subject,
                        body: &l.body,
                        channel: l
                            .stored
                            .as_ref()
                            .map(|x| x.channel)
                            .unwrap_or_else(|| default_channel(c)),
                        sent_at: Some(at),
                        phrasing: l.draft.as_ref().map_or("", |d| d.phrasing.as_str()),
                    };
                    Some(letter_record(
                        b,
                        c,
                        day,
                        &text,
                        l.stored.as_ref(),
                        at,
                        new_id,
                    ))
                })
                .collect();
            Batch {
                letters,
                ..Batch::default()
            }
        })
    });
    if batch.letters.is_empty() {
        return;
    }
    s.save_then_in(Some(marking), batch, |t| t.l.all_marked_sent, || ());
}

#[component]
pub fn QueuePage() -> impl IntoView {
    let s = use_section();
    let selected: RwSignal<Option<Id>> = RwSignal::new(None);
    let list = Memo::new(move |_| {
        let ids = s.queue.with(|q| q.as_ref().map(|q| q.clients()));
        ids.map(|ids| s.base.with(|b| rows(b, &ids, today())))
    });
    // The first unsent letter is open unless the writer chose another.
    Effect::new(move || {
        let Some(rows) = list.get() else { return };
        let current = selected.get_untracked();
        if current.is_none_or(|id| rows.iter().all(|r| r.id != id)) {
            let first = rows
                .iter()
                .find(|r| matches!(r.state, RowState::New | RowState::Edited))
                .or(rows.first());
            selected.set(first.map(|r| r.id));
        }
    });
    let next_unsent = move || {
        let rows = list.get_untracked().unwrap_or_default();
        let at = selected
            .get_untracked()
            .and_then(|id| rows.iter().position(|r| r.id == id))
            .unwrap_or(0);
        let after = (at + 1..rows.len()).chain(0..at);
        let next = after
            .filter(|i| matches!(rows[*i].state, RowState::New | RowState::Edited))
            .find(|i| Some(rows[*i].id) != selected.get_untracked());
        if let Some(i) = next {
            selected.set(Some(rows[i].id));
            // The «sent» button is gone with the letter it sent: the keyboard goes on from the
            // next letter's line, once the list has redrawn.
            set_timeout(move || focus_row(i), std::time::Duration::ZERO);
        }
    };
    let counts = move || {
        list.with(|l| {
            l.as_ref().map(|rows| {
                let sent = rows.iter().filter(|r| r.state == RowState::Sent).count();
                (sent, rows.len())
            })
        })
    };
    let forecast_line = move || {
        let pool = s.base.with(|b| pool(b).len());
        let f = s.settings.with(|set| forecast(pool, set, today()));
        let t = s.tr();
        let ends = f.ends_on.map(|d| long_date(s, d)).unwrap_or_default();
        (t.l.forecast)(
            f.pool,
            f.quota,
            f.working_days,
            &ends,
            f.min_quota,
            s.settings.with(|x| x.cycle_days),
        )
    };
    let out_of_pool = move || {
        let (_, out) = s.base.with(breakdown);
        let l = s.tr().l;
        let parts: Vec<String> = out
            .into_iter()
            .map(|(r, n)| {
                let name = match r {
                    OutOfPool::Owned => l.reason_owned,
                    OutOfPool::DoNotContact => l.reason_dnc,
                    OutOfPool::Merged => l.reason_merged,
                    OutOfPool::Unreachable => l.reason_unreachable,
                };
                format!("{name} {n}")
            })
            .collect();
        format!("{}: {}.", l.out_of_pool, parts.join(", "))
    };
    let move_by = move |step: isize| {
        let rows = list.get_untracked().unwrap_or_default();
        let at = selected
            .get_untracked()
            .and_then(|id| rows.iter().position(|r| r.id == id));
        if let Some(i) = at {
            let j = (i as isize + step).clamp(0, rows.len() as isize - 1) as usize;
            selected.set(Some(rows[j].id));
            focus_row(j);
        }
    };
    let unsent = move || {
        list.get_untracked()
            .unwrap_or_default()
            .into_iter()
            .filter(|r| matches!(r.state, RowState::New | RowState::Edited))
            .map(|r| r.id)
            .collect::<Vec<_>>()
    };

    let marking = Pending::new();
    view! {
        <section class="letters">
            <Tabs current=Route::Letters />
            <div class="toolbar">
                <h1>{tx(|t| t.l.todays_letters)} ", " {move || long_date(s, today())}</h1>
                <span class="count" id="queue-count">{move || counts().map(|(sent, all)| (s.tr().l.sent_of)(sent, all))}</span>
                <span class="spacer"></span>
                <button class="primary" id="mark-all-sent"
                    disabled=move || marking.get() || counts().is_none_or(|(sent, all)| sent == all)
                    on:click=move |_| if s.confirm(|t| t.l.confirm_mark_all) { mark_all(s, marking, unsent()) }>
                    {tx(|t| t.l.mark_all_sent)}
                </button>
                <span class="print-links" role="group" aria-label="print">
                    {PrintKind::ALL.iter().map(|k| {
                        let k = *k;
                        view! { <a class="button" href=Route::Print(k).href()>{move || (s.tr().l.print_kind)(k)}</a> }
                    }).collect_view()}
                </span>
            </div>
            <p class="hint forecast" id="forecast">{forecast_line}</p>
            <p class="hint forecast" id="out-of-pool">{out_of_pool}</p>
            {move || match list.get() {
                None => view! { <p class="loading">{tx(|t| t.l.planning)}</p> }.into_any(),
                Some(rows) if rows.is_empty() => view! {
                    <NoLettersToday />
                    <AddToQueue />
                }.into_any(),
                Some(rows) => view! {
                    <div class="queue">
                        <div class="queue-side">
                            <ol class="queue-list" id="queue-list"
                                on:keydown=move |ev| match ev.key().as_str() {
                                    "ArrowDown" => { ev.prevent_default(); move_by(1) }
                                    "ArrowUp" => { ev.prevent_default(); move_by(-1) }
                                    _ => {}
                                }>
                                {rows.into_iter().map(|r| {
                                    let id = r.id;
                                    let state = match r.state {
                                        RowState::New => "new",
                                        RowState::Edited => "edited",
                                        RowState::Sent => "sent",
                                        RowState::Left => "left",
                                    };
                                    view! {
                                        <li>
                                            <button class=format!("q {state}") class:current=move || selected.get() == Some(id)
                                                aria-current=move || (selected.get() == Some(id)).then_some("true")
                                                on:click=move |_| selected.set(Some(id))>
                                                <span class="dot" title=move || state_text(s, r.state)></span>
                                                <span class="who">{r.name}</span>
                                                <small>{r.place}</small>
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                            <AddToQueue />
                        </div>
                        <div class="letter-pane">
                            {move || selected.get().map(|id| view! { <LetterCard id=id on_sent=Callback::new(move |_| next_unsent()) /> })}
                        </div>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

fn state_text(s: AppState, state: RowState) -> &'static str {
    let l = s.tr().l;
    match state {
        RowState::New => l.state_new,
        RowState::Edited => l.state_edited,
        RowState::Sent => l.state_sent,
        RowState::Left => l.state_left,
    }
}

fn focus_row(i: usize) {
    use wasm_bindgen::JsCast;
    let el = document()
        .query_selector(&format!("#queue-list li:nth-child({}) button", i + 1))
        .ok()
        .flatten()
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
    }
}

/// Why the queue is empty, in words that are true today, with the way on for an empty base.
#[component]
fn NoLettersToday() -> impl IntoView {
    let s = use_app();
    let why = move || {
        let (clients, pool) = s.base.with(|b| (b.clients.len(), pool(b).len()));
        s.settings
            .with(|set| why_no_letters(clients, pool, set, today()))
    };
    move || {
        let l = s.tr().l;
        match why() {
            NoLetters::EmptyBase => view! {
                <p class="empty" id="no-letters">
                    {l.no_letters_empty_base}" "
                    <a href=Route::Home.href()>{l.go_home}</a>" · "
                    <a href=Route::Import.href()>{l.go_import}</a>
                </p>
            }
            .into_any(),
            other => {
                let text = match other {
                    NoLetters::DayOff => l.no_letters_day_off,
                    NoLetters::ZeroQuota => l.no_letters_zero_quota,
                    NoLetters::EmptyPool => l.no_letters_empty_pool,
                    _ => l.no_letters_all_written,
                };
                view! { <p class="empty" id="no-letters">{text}</p> }.into_any()
            }
        }
    }
}

/// Adds a pool client to today's queue by hand: type a name, pick from what matches.
#[component]
fn AddToQueue() -> impl IntoView {
    let s = use_section();
    let text = RwSignal::new(String::new());
    let found = Memo::new(move |_| {
        let q = text.get();
        if q.trim().chars().count() < 2 {
            return Vec::new();
        }
        let queued = s
            .queue
            .with(|q| q.as_ref().map(|q| q.clients()).unwrap_or_default());
        let ids = s.index.with(|idx| {
            s.base.with(|b| {
                crate::domain::search::query(
                    idx,
                    &b.clients,
                    &crate::domain::search::ClientQuery {
                        text: q.clone(),
                        ..Default::default()
                    },
                )
            })
        });
        s.base.with(|b| {
            ids.iter()
                .filter_map(|id| b.clients.get(id))
                .filter(|c| !queued.contains(&c.id) && pool_status(b, c).is_ok())
                .take(8)
                .map(|c| (c.id, full_name(c)))
                .collect::<Vec<_>>()
        })
    });
    let add = move |id: Id| {
        leptos::task::spawn_local(async move {
            match change(s, Change::Add(id)).await {
                Ok(()) => text.set(String::new()),
                Err(e) => s.storage_error(&e),
            }
        });
    };
    view! {
        <div class="add-to-queue">
            <label class="field">
                <span class="label">{tx(|t| t.l.add_by_hand)}</span>
                <input type="search" id="queue-add" prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev)) />
            </label>
            <ul class="found">
                {move || found.get().into_iter().map(|(id, name)| view! {
                    <li><button on:click=move |_| add(id)>{"+ "}{name}</button></li>
                }).collect_view()}
            </ul>
        </div>
    }
}

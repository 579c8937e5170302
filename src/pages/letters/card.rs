//! One letter of the day: the draft, editable in place (kept when the field is left), the
//! client's history beside it, and what can be done with it: send, e-mail, skip, postpone.

use leptos::prelude::*;

use super::answer::AnswerControl;
use crate::app::browser::{download, new_id};
use crate::app::clock::{local, now, today};
use crate::app::i18n::tx;
use crate::app::pending::Pending;
use crate::app::queue::{change, Change};
use crate::app::router::Route;
use crate::app::state::{use_app, AppState};
use crate::domain::base::Batch;
use crate::domain::format::{dmy, dmy_hm, file_name, full_name, money};
use crate::domain::letters::mail::{eml, mailto};
use crate::domain::letters::pool::usable_email;
use crate::domain::letters::russian::{ago, ago_en};
use crate::domain::letters::send::*;
use crate::domain::model::*;

/// Who an e-mailed letter is from: the signing name, and the settings' address or else the
/// e-mail of the person at this computer.
fn sender(s: AppState, client: Id) -> (String, Option<String>) {
    let name = s
        .settings
        .with_untracked(|x| x.sender_for(client_lang(s, client))[1].to_string());
    let set = s
        .settings
        .with_untracked(|x| x.sender_address().ok().flatten());
    let mine = || {
        let me = s.me.get_untracked()?;
        let email = s
            .base
            .with_untracked(|b| b.staff.get(&me).map(|p| p.email.clone()))?;
        crate::domain::contact::normalize_email(&email).ok()
    };
    (name, set.or_else(mine))
}

/// The letter as it stands in the card.
struct Written {
    subject: String,
    body: String,
    channel: Channel,
    /// The composer's phrasing of the draft shown (empty for a kept or sent one).
    phrasing: String,
}

/// Saves the text as a kept draft, or as the sent letter when `sent` is set.
fn save(
    s: AppState,
    pending: Pending,
    id: Id,
    Written {
        subject,
        body,
        channel,
        phrasing,
    }: Written,
    sent: bool,
    then: impl FnOnce() + 'static,
) {
    let day = today();
    let at = now();
    let record = s.base.with_untracked(|b| {
        let c = b.clients.get(&id)?;
        let stored = stored_for_day(b, id, day);
        let text = LetterText {
            subject: &subject,
            body: &body,
            channel,
            sent_at: sent.then_some(at),
            phrasing: &phrasing,
        };
        Some(letter_record(b, c, day, &text, stored, at, new_id))
    });
    let Some(letter) = record else { return };
    let batch = Batch {
        letters: vec![letter],
        ..Batch::default()
    };
    if sent {
        s.save_then_in(Some(pending), batch, |t| t.l.marked_sent, then);
    } else {
        s.save_then_in(Some(pending), batch, |t| t.l.draft_kept, then);
    }
}

#[component]
pub(super) fn LetterCard(id: Id, #[prop(into)] on_sent: Callback<()>) -> impl IntoView {
    let s = use_app();
    let day = today();
    let Some(client) = s.base.with_untracked(|b| b.clients.get(&id).cloned()) else {
        return view! { <p class="empty">{tx(|t| t.client_missing)}</p> }.into_any();
    };
    let Some(DayLetter {
        subject: subject0,
        body: body0,
        stored: stored0,
        draft,
        ..
    }) = s.base.with_untracked(|b| {
        s.settings
            .with_untracked(|set| day_letters(b, set, day, &[id]).pop())
    })
    else {
        return view! { <p class="empty">{tx(|t| t.client_missing)}</p> }.into_any();
    };
    let warnings = draft
        .as_ref()
        .map(|d| d.warnings.clone())
        .unwrap_or_default();
    let phrasing = StoredValue::new(
        draft
            .as_ref()
            .map(|d| d.phrasing.clone())
            .unwrap_or_default(),
    );
    // What the draft says about the client, to check at a glance before sending.
    let facts = draft.and_then(|d| {
        let last = d.facts.last_order?;
        let ago = match client.language {
            Lang::Ru => ago(last, day),
            Lang::En => ago_en(last, day),
        }
        .unwrap_or_default();
        Some(format!(
            "{} ({ago}): {}",
            dmy(last),
            d.facts.ordered.join(", ")
        ))
    });
    let subject = RwSignal::new(subject0);
    let body = RwSignal::new(body0);
    let stored = Memo::new(move |_| s.base.with(|b| stored_for_day(b, id, day).cloned()));
    let sent = move || stored.with(|l| l.as_ref().is_some_and(|l| l.status == LetterStatus::Sent));
    let channel = RwSignal::new(
        stored0
            .as_ref()
            .map(|l| l.channel)
            .unwrap_or_else(|| default_channel(&client)),
    );
    let email = usable_email(&client);
    let lines = envelope_lines(&client);
    // The letter's own writes: a kept draft and «sent» wait for each other, not for other writes.
    let saving = Pending::new();
    let written = move || Written {
        subject: subject.get_untracked(),
        body: body.get_untracked(),
        channel: channel.get_untracked(),
        phrasing: phrasing.get_value(),
    };
    let keep = move || {
        if sent() {
            return;
        }
        let unchanged = stored.with_untracked(|l| {
            l.as_ref().is_some_and(|l| {
                l.subject == subject.get_untracked() && l.body == body.get_untracked()
            })
        });
        if !unchanged {
            save(s, saving, id, written(), false, || ());
        }
    };
    let send = move |_| save(s, saving, id, written(), true, move || on_sent.run(()));
    let skip = move |_| {
        leptos::task::spawn_local(async move {
            if let Err(e) = change(s, Change::Skip(id)).await {
                s.storage_error(&e);
            }
        })
    };
    let postpone_days = RwSignal::new(14u32);
    let postpone = move |_| {
        leptos::task::spawn_local(async move {
            if let Err(e) = change(s, Change::Postpone(id, postpone_days.get_untracked())).await {
                s.storage_error(&e);
            }
        })
    };
    let mail_link = {
        let email = email.clone();
        move || {
            let to = email.clone()?;
            Some(match mailto(&to, &subject.get(), &body.get()) {
                Some(link) => {
                    view! { <a class="button" id="mailto" href=link>{tx(|t| t.l.open_in_mail)}</a> }
                        .into_any()
                }
                None => {
                    let to = to.clone();
                    view! {
                        <button id="eml" on:click=move |_| {
                            let (sender, address) = sender(s, id);
                            let text = eml((&sender, address.as_deref()), &to, &subject.get_untracked(), &body.get_untracked(), now());
                            let name = s.base.with_untracked(|b| b.clients.get(&id).map(full_name)).unwrap_or_default();
                            if let Err(e) = download(&file_name(&name, "letter", today(), "eml"), "message/rfc822", &text) {
                                s.toast(e, true);
                            }
                        }>{tx(|t| t.l.download_eml)}</button>
                    }.into_any()
                }
            })
        }
    };
    let name = full_name(&client);
    view! {
        <article class="letter-card" id="letter-card">
            <div class="letter-main">
                <header class="letter-head">
                    <h2><a href=Route::Client(id).href()>{name}</a></h2>
                    <div class="to">
                        {lines.map(|l| view! { <span class="address">{l.join(", ")}</span> })}
                        {email.clone().map(|e| view! { <span class="email">{e}</span> })}
                    </div>
                    {facts.map(|f| view! { <p class="facts" id="draft-facts">{tx(|t| t.l.last_order)} ": " {f}</p> })}
                    {(!warnings.is_empty()).then(|| view! {
                        <ul class="draft-warnings">
                            {warnings.iter().map(|w| { let w = *w; view! { <li>{move || (s.tr().l.warning)(w)}</li> } }).collect_view()}
                        </ul>
                    })}
                </header>
                <label class="field wide">
                    <span class="label">{tx(|t| t.l.subject)}</span>
                    <input name="subject" prop:value=move || subject.get() readonly=sent
                        on:input=move |ev| subject.set(event_target_value(&ev)) on:change=move |_| keep() />
                </label>
                <label class="field wide">
                    <span class="label">{tx(|t| t.l.body)}</span>
                    <textarea name="body" class="body" rows="18" prop:value=move || body.get() readonly=sent
                        on:input=move |ev| body.set(event_target_value(&ev)) on:change=move |_| keep()></textarea>
                </label>
                {move || if sent() {
                    let when = stored.with(|l| l.as_ref().and_then(|l| l.sent_at)).map(|t| dmy_hm(local(t))).unwrap_or_default();
                    let letter = stored.with(|l| l.as_ref().map(|l| l.id));
                    view! {
                        <p class="sent-note" id="sent-note">{tx(|t| t.l.sent_on)} " " {when}</p>
                        {letter.map(|l| view! { <AnswerControl letter=l /> })}
                    }.into_any()
                } else {
                    view! {
                        <div class="actions letter-actions">
                            <button class="primary" id="mark-sent" disabled=move || saving.get() on:click=send>{tx(|t| t.l.mark_sent)}</button>
                            <select aria-label="channel" on:change=move |ev| channel.set(if event_target_value(&ev) == "email" { Channel::Email } else { Channel::Post })>
                                <option value="post" selected=move || channel.get() == Channel::Post>{tx(|t| t.l.by_post)}</option>
                                <option value="email" selected=move || channel.get() == Channel::Email>{tx(|t| t.l.by_email)}</option>
                            </select>
                            {mail_link.clone()}
                            <span class="spacer"></span>
                            <button id="skip" on:click=skip title=move || s.tr().l.skip_hint>{tx(|t| t.l.skip)}</button>
                            <select aria-label="postpone days" on:change=move |ev| postpone_days.set(event_target_value(&ev).parse().unwrap_or(14))>
                                {[7u32, 14, 30, 60].into_iter().map(|d| view! { <option value=d.to_string() selected=d == 14>{move || (s.tr().l.days)(d)}</option> }).collect_view()}
                            </select>
                            <button id="postpone" on:click=postpone>{tx(|t| t.l.postpone)}</button>
                        </div>
                    }.into_any()
                }}
            </div>
            <History id=id />
        </article>
    }
    .into_any()
}

fn client_lang(s: AppState, id: Id) -> Lang {
    s.base
        .with_untracked(|b| b.clients.get(&id).map(|c| c.language))
        .unwrap_or_default()
}

/// The client's orders and earlier letters with their answers, newest first.
#[component]
fn History(id: Id) -> impl IntoView {
    let s = use_app();
    let orders = Memo::new(move |_| {
        s.base.with(|b| {
            let mut v: Vec<Order> = b.orders_of(&id).into_iter().cloned().collect();
            crate::domain::sort::sort_by_key(&mut v, |o| std::cmp::Reverse(o.date));
            v.truncate(8);
            v
        })
    });
    let letters = Memo::new(move |_| {
        s.base.with(|b| {
            let mut v: Vec<Letter> = b
                .letters
                .iter()
                .filter(|l| {
                    l.client == id && l.status == LetterStatus::Sent && l.planned_for != today()
                })
                .cloned()
                .collect();
            crate::domain::sort::sort_by_key(&mut v, |l| std::cmp::Reverse(l.sent_at));
            v
        })
    });
    view! {
        <aside class="letter-history" aria-label="history">
            <h3>{tx(|t| t.orders)}</h3>
            {move || if orders.with(Vec::is_empty) {
                view! { <p class="empty">{tx(|t| t.l.no_orders)}</p> }.into_any()
            } else {
                view! {
                    <ul class="orders">
                        {orders.get().into_iter().map(|o| {
                            let items = o.lines.iter().map(|l| l.description.clone()).collect::<Vec<_>>().join(", ");
                            let total = o.total_kop();
                            view! {
                                <li>
                                    <span class="num">{dmy(o.date)}</span>
                                    <span class="num total">{move || money(total, s.lang.get())}</span>
                                    <div class="items">{items}</div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h3>{tx(|t| t.l.earlier_letters)}</h3>
            {move || if letters.with(Vec::is_empty) {
                view! { <p class="empty">{tx(|t| t.l.no_earlier_letters)}</p> }.into_any()
            } else {
                view! {
                    <ul class="earlier">
                        {letters.get().into_iter().map(|l| {
                            let day = l.sent_at.map(|t| dmy(t.date_naive())).unwrap_or_default();
                            let answer = l.response.as_ref().map(|r| r.kind);
                            view! {
                                <li>
                                    <span class="num">{day}</span> " "
                                    <span>{l.subject.clone()}</span>
                                    <div class="answer-kind">{move || answer.map(|k| (s.tr().l.answer_kind)(k)).unwrap_or(s.tr().l.no_answer)}</div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </aside>
    }
}

//! Recording an answer to a sent letter. «Interested» hands the client to a salesperson, the one
//! with most free capacity proposed first.

use leptos::prelude::*;

use crate::app::browser::new_id;
use crate::app::clock::now;
use crate::app::i18n::{tx, Said};
use crate::app::pending::Pending;
use crate::app::state::use_app;
use crate::domain::letters::answer::{record_answer, salespeople, suggest_salesperson, Answer};
use crate::domain::model::*;

const KINDS: [ResponseKind; 5] = [
    ResponseKind::Interested,
    ResponseKind::NotNow,
    ResponseKind::Complaint,
    ResponseKind::OptOut,
    ResponseKind::Returned,
];

fn kind_slug(k: ResponseKind) -> &'static str {
    match k {
        ResponseKind::Interested => "interested",
        ResponseKind::NotNow => "not_now",
        ResponseKind::Complaint => "complaint",
        ResponseKind::OptOut => "opt_out",
        ResponseKind::Returned => "returned",
    }
}

#[component]
pub(crate) fn AnswerControl(letter: Id) -> impl IntoView {
    let s = use_app();
    let recorded = Memo::new(move |_| {
        s.base
            .with(|b| b.letters.get(&letter).and_then(|l| l.response.clone()))
    });
    let kind: RwSignal<Option<ResponseKind>> = RwSignal::new(None);
    let to: RwSignal<Option<Id>> = RwSignal::new(None);
    let note = RwSignal::new(String::new());
    let people = Memo::new(move |_| {
        s.base.with(|b| {
            salespeople(b)
                .into_iter()
                .map(|(st, n)| (st.id, st.name.clone(), n, st.capacity))
                .collect::<Vec<_>>()
        })
    });
    let choose = move |k: ResponseKind| {
        kind.set(Some(k));
        if k == ResponseKind::Interested && to.get_untracked().is_none() {
            // The freest under capacity; when everyone is full, the least loaded (with a warning).
            let best = s.base.with_untracked(|b| {
                suggest_salesperson(b).or_else(|| salespeople(b).first().map(|(st, _)| st.id))
            });
            to.set(best);
        }
    };
    let saving = Pending::new();
    let save = move |_| {
        let answer = match kind.get_untracked() {
            None => return,
            Some(ResponseKind::Interested) => match to.get_untracked() {
                Some(to) => Answer::Interested { to },
                None => {
                    s.toast(s.tr_untracked().l.no_salespeople, true);
                    return;
                }
            },
            Some(ResponseKind::NotNow) => Answer::NotNow,
            Some(ResponseKind::Complaint) => Answer::Complaint,
            Some(ResponseKind::OptOut) => Answer::OptOut,
            Some(ResponseKind::Returned) => Answer::Returned,
        };
        let result = s.base.with_untracked(|b| {
            record_answer(b, letter, answer, &note.get_untracked(), now(), new_id)
        });
        // The toast names who got the client, so the writer can tell them.
        let given = match answer {
            Answer::Interested { to } => s
                .base
                .with_untracked(|b| b.staff.get(&to).map(|p| p.name.clone())),
            _ => None,
        };
        match result {
            Ok(batch) => s.save_then_say(
                Some(saving),
                batch,
                move |t| match given {
                    Some(name) => (t.l.handed_to)(&name),
                    None => t.l.answer_saved.to_string(),
                },
                move || kind.set(None),
            ),
            Err(e) => s.toast(e.said(s.tr_untracked()), true),
        }
    };
    view! {
        <div class="answer-control">
            {move || recorded.get().map(|r| view! {
                <p class="recorded" id="answer-recorded">
                    {move || s.tr().l.answer}": " <strong>{move || (s.tr().l.answer_kind)(r.kind)}</strong>
                    {(!r.note.is_empty()).then(|| format!(" — {}", r.note))}
                </p>
            })}
            <div class="answer-kinds" role="group" aria-label="answer">
                <span class="label">{move || if recorded.with(Option::is_some) { s.tr().l.change_answer } else { s.tr().l.record_answer }}</span>
                {KINDS.into_iter().map(|k| view! {
                    <button class="kind" id=format!("answer-{}", kind_slug(k)) class:on=move || kind.get() == Some(k)
                        aria-pressed=move || (kind.get() == Some(k)).to_string()
                        on:click=move |_| choose(k)>{move || (s.tr().l.answer_kind)(k)}</button>
                }).collect_view()}
            </div>
            <Show when=move || kind.get().is_some()>
                <div class="answer-form">
                    <Show when=move || kind.get() == Some(ResponseKind::Interested)>
                        <label class="field">
                            <span class="label">{tx(|t| t.l.hand_over_to)}</span>
                            <select id="hand-over-to" on:change=move |ev| to.set(event_target_value(&ev).parse().ok())>
                                {move || people.get().into_iter().map(|(id, name, n, cap)| view! {
                                    <option value=id.to_string() selected=move || to.get() == Some(id)>
                                        {format!("{name} — {n}/{cap}")}
                                    </option>
                                }).collect_view()}
                            </select>
                        </label>
                        <Show when=move || people.with(|p| p.iter().any(|(id, _, n, cap)| Some(*id) == to.get() && n >= cap))>
                            <span class="badge warn">{tx(|t| t.l.over_capacity)}</span>
                        </Show>
                    </Show>
                    <label class="field wide">
                        <span class="label">{tx(|t| t.l.answer_note)}</span>
                        <input id="answer-note" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
                    </label>
                    <button class="primary" id="save-answer" disabled=move || saving.get() on:click=save>
                        {move || if kind.get() == Some(ResponseKind::Interested) { s.tr().l.hand_over } else { s.tr().l.save_answer }}
                    </button>
                </div>
            </Show>
        </div>
    }
}

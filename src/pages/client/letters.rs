//! The client's side of letter sales: whether it is in the letter pool (and why not), the letters
//! it was sent, and their answers, which can be recorded here when the client phones.

use leptos::prelude::*;

use crate::app::i18n::tx;
use crate::app::state::use_app;
use crate::domain::format::dmy;
use crate::domain::letters::figures::sent_on;
use crate::domain::letters::pool::{pool_status, OutOfPool};
use crate::domain::model::*;
use crate::pages::letters::answer::AnswerControl;

/// One row of the client's letters: when it went, what it was about, and who recorded the answer.
#[derive(Clone, PartialEq)]
struct SentLetter {
    id: Id,
    day: chrono::NaiveDate,
    subject: String,
    answer: Option<ResponseKind>,
    by: Option<Id>,
}

#[component]
pub fn ClientLetters(client: Id) -> impl IntoView {
    let s = use_app();
    let status = Memo::new(move |_| {
        s.base.with(|b| {
            let c = b.clients.get(&client)?;
            let owner = c
                .owner
                .and_then(|o| b.staff.get(&o))
                .map(|st| st.name.clone());
            Some((pool_status(b, c), owner.unwrap_or_default()))
        })
    });
    let letters = Memo::new(move |_| {
        s.base.with(|b| {
            let mut v: Vec<SentLetter> = b
                .letters
                .iter()
                .filter(|l| l.client == client)
                .filter_map(|l| {
                    Some(SentLetter {
                        id: l.id,
                        day: sent_on(l)?,
                        subject: l.subject.clone(),
                        answer: l.response.as_ref().map(|r| r.kind),
                        by: l.response.as_ref().and_then(|r| r.by),
                    })
                })
                .collect();
            crate::domain::sort::sort_by_key(&mut v, |x| std::cmp::Reverse(x.day));
            v
        })
    });
    let open: RwSignal<Option<Id>> = RwSignal::new(None);
    let status_text = move || {
        let l = s.tr().l;
        match status.get() {
            None => String::new(),
            Some((Ok(()), _)) => l.in_pool.to_string(),
            Some((Err(OutOfPool::Owned), owner)) => format!("{} {owner}", l.out_owned),
            Some((Err(OutOfPool::DoNotContact), _)) => l.out_dnc.to_string(),
            Some((Err(OutOfPool::Merged), _)) => l.out_merged.to_string(),
            Some((Err(OutOfPool::Unreachable), _)) => l.out_unreachable.to_string(),
        }
    };
    view! {
        <section class="client-letters">
            <h2>{tx(|t| t.l.section)}</h2>
            <p class="pool-status" id="pool-status">{status_text}</p>
            <table class="dense">
                <tbody>
                    {move || letters.get().into_iter().map(|SentLetter { id, day, subject, answer, by }| view! {
                        <tr>
                            <td class="num">{dmy(day)}</td>
                            <td>{subject}</td>
                            <td>{move || answer.map(|k| (s.tr().l.answer_kind)(k)).unwrap_or(s.tr().l.no_answer)}</td>
                            <td class="by">{crate::app::person::name_of(s, by)}</td>
                            <td class="actions"><button on:click=move |_| open.set(Some(id))>{tx(|t| t.l.record_answer)}</button></td>
                        </tr>
                        <Show when=move || open.get() == Some(id)>
                            <tr><td colspan="5"><AnswerControl letter=id /></td></tr>
                        </Show>
                    }).collect_view()}
                </tbody>
            </table>
            <Show when=move || letters.with(Vec::is_empty)>
                <p class="hint">{tx(|t| t.l.no_earlier_letters)}</p>
            </Show>
        </section>
    }
}

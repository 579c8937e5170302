//! The sales side of a client: next steps, the activity log (what «actively worked» means) and the deals,
//! from contract to payment, each paid deal becoming an order in the history above.

use leptos::prelude::*;

use super::steps::ClientSteps;
use crate::app::browser::new_id;
use crate::app::clock::{local, now, on_day, today};
use crate::app::i18n::{tx, Said};
use crate::app::pending::Pending;
use crate::app::state::{use_app, AppState};
use crate::domain::base::Batch;
use crate::domain::format::{dmy, dmy_hm, money, parse_money};
use crate::domain::model::*;
use crate::domain::sales::{self, deals, steps};
use chrono::NaiveDate;

const KINDS: [ActivityKind; 5] = [
    ActivityKind::Call,
    ActivityKind::Meeting,
    ActivityKind::Email,
    ActivityKind::Letter,
    ActivityKind::Note,
];

fn apply(
    s: AppState,
    pending: Option<Pending>,
    result: Result<Batch, deals::DealError>,
    done: fn(&crate::app::i18n::Tr) -> &'static str,
) {
    match result {
        Ok(batch) => s.save_then_in(pending, batch, done, || {}),
        Err(e) => s.toast(e.said(s.tr_untracked()), true),
    }
}

#[component]
pub fn ClientWork(client: Id) -> impl IntoView {
    let s = use_app();
    let owner = Memo::new(move |_| {
        s.base
            .with(|b| b.clients.get(&client).and_then(|c| c.owner))
    });
    view! {
        <section class="work">
            <ClientSteps client=client />
            <Deals client=client owner=owner />
            <Activities client=client owner=owner />
        </section>
    }
}

/// The client's deals, newest first, and a new one.
#[component]
fn Deals(client: Id, owner: Memo<Option<Id>>) -> impl IntoView {
    let s = use_app();
    let list = Memo::new(move |_| {
        s.base.with(|b| {
            // Each deal with its next step, so a step planned redraws the deal.
            let mut v: Vec<(Deal, Option<NextStep>)> = b
                .deals
                .iter()
                .filter(|d| d.client == client)
                .map(|d| (d.clone(), steps::of_deal(b, d.id).cloned()))
                .collect();
            crate::domain::sort::sort_by_key(&mut v, |(d, _)| std::cmp::Reverse(d.opened));
            v
        })
    });
    let title = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let opening = Pending::new();
    let open_deal = move |_| {
        let kop = parse_money(&amount.get_untracked()).unwrap_or(0);
        let result = deals::open(
            client,
            owner.get_untracked(),
            &title.get_untracked(),
            kop,
            now(),
            new_id(),
        )
        .map(|d| Batch {
            deals: vec![d],
            ..Batch::default()
        });
        if result.is_ok() {
            title.set(String::new());
            amount.set(String::new());
        }
        apply(s, Some(opening), result, |t| t.s.deal_opened);
    };
    view! {
        <h2>{tx(|t| t.s.deals)}</h2>
        <div class="new-deal">
            <input id="deal-title" aria-label=tx(|t| t.s.deal_title) placeholder=tx(|t| t.s.deal_title) prop:value=title on:input=move |ev| title.set(event_target_value(&ev)) />
            <input id="deal-amount" class="num" inputmode="decimal" aria-label=tx(|t| t.s.amount) placeholder=tx(|t| t.s.amount) prop:value=amount on:input=move |ev| amount.set(event_target_value(&ev)) />
            <button id="open-deal" disabled=move || opening.get() on:click=open_deal>{tx(|t| t.s.open_deal)}</button>
        </div>
        <table class="dense" id="deals">
            <tbody>
                {move || list.get().into_iter().map(|(d, step)| view! { <DealRow deal=d step=step /> }).collect_view()}
            </tbody>
        </table>
    }
}

/// One deal: its stages, payments and next step, and what can be done with it while it is open.
#[component]
fn DealRow(deal: Deal, step: Option<NextStep>) -> impl IntoView {
    let s = use_app();
    let d = deal;
    let next = move |d: Deal| {
        let Some(stage) = DealStage::FLOW.iter().copied().find(|x| *x > d.stage) else {
            return;
        };
        let r = s
            .base
            .with_untracked(|b| deals::move_to(b, &d, stage, "", now(), new_id));
        apply(s, None, r, |t| t.s.deal_moved);
    };
    let lose = move |d: Deal| {
        let reason = window()
            .prompt_with_message(s.tr_untracked().s.lost_reason)
            .ok()
            .flatten()
            .unwrap_or_default();
        if reason.trim().is_empty() {
            return;
        }
        let r = s
            .base
            .with_untracked(|b| deals::move_to(b, &d, DealStage::Lost, &reason, now(), new_id));
        apply(s, None, r, |t| t.s.deal_moved);
    };
    let pay = move |d: Deal, typed: String, day: NaiveDate| {
        let kop = parse_money(&typed).unwrap_or(0);
        let r = s
            .base
            .with_untracked(|b| deals::pay(b, &d, kop, on_day(day), now(), new_id));
        apply(s, None, r, |t| t.s.payment_saved);
    };
    let (d1, d2, d3) = (d.clone(), d.clone(), d.clone());
    let typed = RwSignal::new(String::new());
    let day = RwSignal::new(today());
    let open = d.stage.is_open();
    let detail = detail(s, &d, step);
    view! {
        <tr data-stage=format!("{:?}", d.stage).to_lowercase()>
            <td class="num">{dmy(local(d.opened).date())}</td>
            <td>{d.title.clone()}<div class="hint deal-steps">{detail}</div></td>
            <td class="num">{money(d.amount_kop, s.lang.get_untracked())}</td>
            <td class="stage">{move || s.tr().deal_stage(d.stage)}
                {(!d.lost_reason.is_empty()).then(|| format!(" — {}", d.lost_reason))}</td>
            <td class="num">{tx(|t| t.s.paid)} " " {money(d.paid_kop(), s.lang.get_untracked())}</td>
            <td class="actions-cell">
                {open.then(|| view! {
                    <button class="next-stage" on:click=move |_| next(d1.clone())>{tx(|t| t.s.next_stage)}</button>
                    <input class="pay-amount num" size="8" aria-label=tx(|t| t.s.pay_amount) placeholder=tx(|t| t.s.pay) prop:value=typed on:input=move |ev| typed.set(event_target_value(&ev)) />
                    <input class="pay-date" type="date" aria-label=tx(|t| t.s.pay_date) max=today().to_string() prop:value=move || day.get().to_string() on:change=move |ev| if let Ok(x) = event_target_value(&ev).parse() { day.set(x) } />
                    <button class="pay" on:click=move |_| pay(d2.clone(), typed.get_untracked(), day.get_untracked())>{tx(|t| t.s.pay)}</button>
                    <button class="lose" on:click=move |_| lose(d3.clone())>{tx(|t| t.s.lose)}</button>
                })}
            </td>
        </tr>
    }
}

/// Who sells the deal, each stage with its date, each payment with its date, its next step.
fn detail(s: AppState, d: &Deal, step: Option<NextStep>) -> String {
    let t = s.tr_untracked();
    let lang = s.lang.get_untracked();
    // Who sells it, each stage with its date, each payment with its date.
    let seller = s.base.with_untracked(|b| {
        d.staff
            .and_then(|x| b.staff.get(&x))
            .map(|x| x.name.clone())
    });
    let stages = d
        .stages
        .iter()
        .map(|(x, at)| format!("{} {}", t.deal_stage(*x), dmy(local(*at).date())))
        .collect::<Vec<_>>()
        .join(" → ");
    let payments = d
        .payments
        .iter()
        .map(|p| format!("{} {}", money(p.amount_kop, lang), dmy(local(p.at).date())))
        .collect::<Vec<_>>()
        .join("; ");
    let next_step = step
        .map(|x| format!("{}: {} — {}", t.s.next_step, x.text, dmy(x.due)))
        .unwrap_or_default();
    [seller.unwrap_or_default(), stages, payments, next_step]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The log of work with the client, newest first, and a new entry.
#[component]
fn Activities(client: Id, owner: Memo<Option<Id>>) -> impl IntoView {
    let s = use_app();
    let log = Memo::new(move |_| {
        s.base.with(|b| {
            let mut v: Vec<(Activity, String)> = b
                .activities
                .iter()
                .filter(|a| a.client == client)
                .map(|a| {
                    let who = a
                        .staff
                        .and_then(|x| b.staff.get(&x))
                        .map(|x| x.name.clone())
                        .unwrap_or_default();
                    (a.clone(), who)
                })
                .collect();
            crate::domain::sort::sort_by_key(&mut v, |(a, _)| std::cmp::Reverse(a.at));
            v
        })
    });
    let kind = RwSignal::new(ActivityKind::Call);
    let text = RwSignal::new(String::new());
    let logging = Pending::new();
    let add = move |_| {
        // The author is the person at this computer; with nobody chosen, the owner.
        let batch = sales::log(
            client,
            s.me.get_untracked().or(owner.get_untracked()),
            kind.get_untracked(),
            &text.get_untracked(),
            now(),
            new_id(),
        );
        s.save_then_in(
            Some(logging),
            batch,
            |t| t.s.activity_logged,
            move || text.set(String::new()),
        );
    };
    view! {
        <h2>{tx(|t| t.s.activities)}</h2>
        <div class="new-activity">
            <select id="activity-kind" aria-label=tx(|t| t.s.activity_kind) on:change=move |ev| {
                let v = event_target_value(&ev);
                if let Some(k) = KINDS.iter().find(|k| format!("{k:?}") == v) { kind.set(*k); }
            }>
                {KINDS.iter().map(|k| { let k = *k; view! { <option value=format!("{k:?}")>{move || s.tr().activity(k)}</option> } }).collect_view()}
            </select>
            <input id="activity-text" aria-label=tx(|t| t.s.activity_text) placeholder=tx(|t| t.s.activity_text) prop:value=text on:input=move |ev| text.set(event_target_value(&ev)) />
            <button id="log-activity" disabled=move || logging.get() on:click=add>{tx(|t| t.s.log_activity)}</button>
        </div>
        <table class="dense" id="activities">
            <tbody>
                {move || log.get().into_iter().map(|(a, who)| view! {
                    <tr>
                        <td class="num">{dmy_hm(local(a.at))}</td>
                        <td>{move || s.tr().activity(a.kind)}</td>
                        <td>{who}</td>
                        <td>{a.text.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

//! The account manager's relay board: a corporate client's request is logged, sent to Finance,
//! Technical, Quality or Sales, answered, relayed to the client and closed, each step with its
//! message and time; overdue requests stand out. Response-time figures per department, the
//! corporate clients' contracts, and a status summary to print or e-mail to a client.

use leptos::prelude::*;

use crate::app::browser::new_id;
use crate::app::clock::{local, now, today, tz};
use crate::app::i18n::{tx, Said};
use crate::app::pending::Pending;
use crate::app::router::Route;
use crate::app::state::use_app;
use crate::components::period::PeriodPicker;
use crate::domain::base::Batch;
use crate::domain::corporate::{self, Status, DEPARTMENTS};
use crate::domain::format::{dmy, dmy_hm, full_name, money};
use crate::domain::letters::figures::Period;
use crate::domain::model::*;

const BOARD: [Status; 4] = [
    Status::New,
    Status::WithDepartment,
    Status::Answered,
    Status::Relayed,
];

fn hours(x: Option<corporate::Spread>, pick: fn(&corporate::Spread) -> f64) -> String {
    x.map(|s| format!("{:.1}", pick(&s)))
        .unwrap_or_else(|| "—".into())
}

#[component]
pub fn CorporatePage() -> impl IntoView {
    let s = use_app();
    let clients = Memo::new(move |_| {
        s.base.with(|b| {
            let mut v: Vec<(Id, String, Option<Id>)> = b
                .clients
                .iter()
                .filter(|c| c.corporate && c.merged_into.is_none())
                .map(|c| (c.id, full_name(c), c.owner))
                .collect();
            crate::domain::sort::sort_by(&mut v, |a, b| a.1.cmp(&b.1));
            v
        })
    });
    let client = RwSignal::new(None::<Id>);
    let department = RwSignal::new(Department::Finance);
    let subject = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let logging = Pending::new();
    let log_request = move |_| {
        let Some(c) = client
            .get_untracked()
            .or_else(|| clients.with_untracked(|v| v.first().map(|x| x.0)))
        else {
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
    let board = Memo::new(move |_| {
        let at = now();
        s.base.with(|b| {
            let mut v: Vec<(Request, String, bool)> = b
                .requests
                .iter()
                .filter(|r| corporate::status(r) != Status::Closed)
                .map(|r| {
                    let name = b.clients.get(&r.client).map(full_name).unwrap_or_default();
                    (r.clone(), name, corporate::overdue(r, at))
                })
                .collect();
            crate::domain::sort::sort_by_key(&mut v, |(r, _, late)| (!*late, r.due));
            v
        })
    });
    let period = RwSignal::new(Period::month_of(today()));
    let figures = Memo::new(move |_| {
        let p = period.get();
        s.settings
            .with(|set| s.base.with(|b| corporate::figures(b, &p, now(), set, tz())))
    });
    let revenue = Memo::new(move |_| {
        let p = period.get();
        s.base.with(|b| corporate::revenue(b, &p))
    });
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
    let contracts = Memo::new(move |_| {
        s.base.with(|b| {
            let mut v: Vec<(Contract, String)> = b
                .contracts
                .iter()
                .map(|c| {
                    (
                        c.clone(),
                        b.clients.get(&c.client).map(full_name).unwrap_or_default(),
                    )
                })
                .collect();
            crate::domain::sort::sort_by_key(&mut v, |(c, _)| std::cmp::Reverse(c.signed_on));
            v
        })
    });
    let move_contract = move |c: Contract, v: String| {
        let Some(stage) = ContractStage::ALL
            .iter()
            .copied()
            .find(|x| format!("{x:?}") == v)
        else {
            return;
        };
        if stage == c.stage {
            return;
        }
        let batch = Batch {
            contracts: vec![corporate::advance(&c, stage, now())],
            ..Batch::default()
        };
        s.save_then(batch, |t| t.s.contract_moved, || {});
    };
    let number = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let add_contract = move |_| {
        let Some(c) = client
            .get_untracked()
            .or_else(|| clients.with_untracked(|v| v.first().map(|x| x.0)))
        else {
            return;
        };
        let kop = crate::domain::format::parse_money(&amount.get_untracked()).unwrap_or(0);
        if number.get_untracked().trim().is_empty() || kop <= 0 {
            s.toast(s.tr_untracked().s.contract_needs, true);
            return;
        }
        let at = now();
        let contract = Contract {
            id: new_id(),
            client: c,
            number: number.get_untracked().trim().to_string(),
            amount_kop: kop,
            stage: ContractStage::Signed,
            stages: vec![(ContractStage::Signed, at)],
            signed_on: today(),
            updated_at: at,
        };
        s.save_then(
            Batch {
                contracts: vec![contract],
                ..Batch::default()
            },
            |t| t.s.contract_added,
            move || {
                number.set(String::new());
                amount.set(String::new());
            },
        );
    };
    let summary = Memo::new(move |_| {
        let c = client
            .get()
            .or_else(|| clients.with(|v| v.first().map(|x| x.0)))?;
        let company = s.settings.with(|x| x.company.clone());
        let text = s
            .base
            .with(|b| corporate::summary::summary(b, c, &company, tz()))?;
        let to = s
            .base
            .with(|b| {
                b.clients
                    .get(&c)
                    .and_then(crate::domain::letters::pool::usable_email)
            })
            .unwrap_or_default();
        Some((text, to))
    });
    let email = move |_| {
        let Some(((subject, body), to)) = summary.get_untracked() else {
            return;
        };
        match crate::domain::letters::mail::mailto(&to, &subject, &body) {
            Some(url) => {
                let _ = window().location().set_href(&url);
            }
            None => {
                let _ = crate::app::browser::download("status.txt", "text/plain", &body);
            }
        }
    };
    view! {
        <section class="corporate">
            <div class="toolbar">
                <h1>{tx(|t| t.s.corporate)}</h1>
                <span class="spacer"></span>
                <span class="figure">{tx(|t| t.s.overdue_now)} ": " <b id="overdue-now">{move || figures.with(|f| f.iter().map(|d| d.overdue).sum::<usize>())}</b></span>
            </div>
            <Show when=move || clients.with(Vec::is_empty)>
                <p class="hint">{tx(|t| t.s.no_corporate)}</p>
            </Show>
            <fieldset class="new-request">
                <legend>{tx(|t| t.s.new_request)}</legend>
                <select id="request-client" aria-label=tx(|t| t.s.client) on:change=move |ev| client.set(uuid::Uuid::parse_str(&event_target_value(&ev)).ok())>
                    {move || clients.get().into_iter().map(|(id, name, _)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                </select>
                <select id="request-department" aria-label=tx(|t| t.s.department) on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(d) = DEPARTMENTS.iter().find(|d| format!("{d:?}") == v) { department.set(*d); }
                }>
                    {DEPARTMENTS.iter().map(|d| { let d = *d; view! { <option value=format!("{d:?}")>{move || s.tr().department(d)}</option> } }).collect_view()}
                </select>
                <input id="request-subject" placeholder=tx(|t| t.s.subject) prop:value=subject on:input=move |ev| subject.set(event_target_value(&ev)) />
                <input id="request-message" placeholder=tx(|t| t.s.message) prop:value=message on:input=move |ev| message.set(event_target_value(&ev)) />
                <button class="primary" id="log-request" disabled=move || logging.get() on:click=log_request>{tx(|t| t.s.log_request)}</button>
            </fieldset>
            <table class="dense board" id="board">
                <thead><tr>
                    <th>{tx(|t| t.s.client)}</th><th>{tx(|t| t.s.department)}</th><th>{tx(|t| t.s.subject)}</th>
                    <th>{tx(|t| t.s.due)}</th><th></th><th></th>
                </tr></thead>
                <tbody>
                    {move || board.get().into_iter().map(|(r, name, late)| {
                        let status = corporate::status(&r);
                        let next = BOARD.iter().copied().find(|x| *x > status).unwrap_or(Status::Closed);
                        let text = RwSignal::new(String::new());
                        let thread: Vec<String> = r.messages.iter().map(|m| format!("{} · {}: {}", dmy_hm(local(m.at)), m.from, m.text)).collect();
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
                                    {matches!(next, Status::Answered | Status::Relayed).then(|| view! {
                                        <input class="step-text" placeholder=tx(|t| t.s.answer_text) prop:value=text on:input=move |ev| text.set(event_target_value(&ev)) />
                                    })}
                                    <button class="step" on:click=move |_| advance(r2.clone(), next, text.get_untracked())>"→ " {move || s.tr().request_status(next)}</button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <div class="toolbar">
                <h2>{tx(|t| t.s.response_times)}</h2>
                <PeriodPicker period=period />
                <span class="spacer"></span>
                <span class="figure">{tx(|t| t.s.revenue_in_period)} ": " <b id="corporate-revenue">{move || money(revenue.get(), s.lang.get())}</b></span>
            </div>
            <table class="dense" id="response-times">
                <thead><tr>
                    <th>{tx(|t| t.s.department)}</th>
                    <th class="num">{tx(|t| t.s.to_answer)} ", " {tx(|t| t.s.median)}</th><th class="num">{tx(|t| t.s.p90)}</th>
                    <th class="num">{tx(|t| t.s.to_client)} ", " {tx(|t| t.s.median)}</th><th class="num">{tx(|t| t.s.p90)}</th>
                    <th class="num">{tx(|t| t.s.overdue_now)}</th>
                </tr></thead>
                <tbody>
                    {move || figures.get().into_iter().map(|f| view! {
                        <tr data-department=format!("{:?}", f.department).to_lowercase()>
                            <td>{move || s.tr().department(f.department)}</td>
                            <td class="num">{hours(f.to_answer, |x| x.median)} <span class="hint">{f.to_answer.map(|x| format!(" ({})", x.count))}</span></td>
                            <td class="num">{hours(f.to_answer, |x| x.p90)}</td>
                            <td class="num">{hours(f.to_client, |x| x.median)}</td>
                            <td class="num">{hours(f.to_client, |x| x.p90)}</td>
                            <td class="num">{f.overdue}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h2 class="summary-title">{tx(|t| t.s.summary_for_client)}</h2>
            <div class="client-summary">
                <pre id="client-summary">{move || summary.get().map(|((_, body), _)| body)}</pre>
                <div class="actions">
                    <button on:click=move |_| { let _ = window().print(); }>{tx(|t| t.s.print)}</button>
                    <button id="summary-email" on:click=email>"E-mail"</button>
                </div>
            </div>
            <h2>{tx(|t| t.s.contracts)}</h2>
            <div class="new-deal">
                <input id="contract-number" placeholder=tx(|t| t.s.contract_number) prop:value=number on:input=move |ev| number.set(event_target_value(&ev)) />
                <input id="contract-amount" class="num" placeholder=tx(|t| t.s.amount) prop:value=amount on:input=move |ev| amount.set(event_target_value(&ev)) />
                <button id="add-contract" on:click=add_contract>{tx(|t| t.s.add_contract)}</button>
            </div>
            <table class="dense" id="contracts">
                <tbody>
                    {move || contracts.get().into_iter().map(|(c, name)| {
                        let stage = c.stage;
                        let c2 = c.clone();
                        let t = s.tr();
                        let steps = c.stages.iter().map(|(x, at)| format!("{} {}", t.contract_stage(*x), dmy(local(*at).date()))).collect::<Vec<_>>().join(" → ");
                        view! {
                        <tr>
                            <td>{c.number.clone()}</td>
                            <td><a href=Route::Client(c.client).href()>{name}</a></td>
                            <td class="num">{dmy(c.signed_on)}</td>
                            <td class="num">{money(c.amount_kop, s.lang.get_untracked())}</td>
                            <td>
                                <select class="contract-stage" aria-label=tx(|t| t.s.next_contract_stage) on:change=move |ev| move_contract(c2.clone(), event_target_value(&ev))>
                                    {ContractStage::ALL.iter().map(|x| { let x = *x; view! { <option value=format!("{x:?}") selected=x == stage>{move || s.tr().contract_stage(x)}</option> } }).collect_view()}
                                </select>
                            </td>
                            <td class="hint contract-steps">{steps}</td>
                        </tr>
                    }}).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

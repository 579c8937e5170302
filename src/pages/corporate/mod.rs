//! The account manager's page: their next steps, the relay board of corporate clients' requests
//! (`requests`), response-time figures per department and the period's revenue, a status summary
//! to print or e-mail to a client (`summary`), and the contracts (`contracts`). The summary and a
//! new contract each have their own choice of client.

mod contracts;
mod requests;
mod summary;

use leptos::prelude::*;

use crate::app::clock::{now, today, tz};
use crate::app::i18n::tx;
use crate::app::state::use_app;
use crate::components::agenda::Agenda;
use crate::components::period::PeriodPicker;
use crate::domain::corporate;
use crate::domain::format::{full_name, hours_minutes, money};
use crate::domain::letters::figures::Period;
use crate::domain::model::*;

/// A corporate client: id, name, account manager.
type Corporate = (Id, String, Option<Id>);

/// Working hours as «3:54», or a dash when nothing was measured.
fn hours(x: Option<corporate::Spread>, pick: fn(&corporate::Spread) -> f64) -> String {
    x.map(|s| hours_minutes(pick(&s)))
        .unwrap_or_else(|| "—".into())
}

/// The client chosen in a picker, or the first one while none was.
fn picked(chosen: RwSignal<Option<Id>>, clients: Memo<Vec<Corporate>>) -> Option<Id> {
    chosen
        .get()
        .filter(|c| clients.with(|v| v.iter().any(|x| x.0 == *c)))
        .or_else(|| clients.with(|v| v.first().map(|x| x.0)))
}

/// A labelled choice of one corporate client.
#[component]
fn ClientPicker(
    id: &'static str,
    clients: Memo<Vec<Corporate>>,
    chosen: RwSignal<Option<Id>>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="label">{tx(|t| t.s.client)}</span>
            <select id=id on:change=move |ev| chosen.set(uuid::Uuid::parse_str(&event_target_value(&ev)).ok())>
                {move || clients.get().into_iter().map(|(c, name, _)| view! {
                    <option value=c.to_string() selected=move || picked(chosen, clients) == Some(c)>{name}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

#[component]
pub fn CorporatePage() -> impl IntoView {
    let s = use_app();
    let clients = Memo::new(move |_| {
        s.base.with(|b| {
            let mut v: Vec<Corporate> = b
                .clients
                .iter()
                .filter(|c| c.corporate && c.merged_into.is_none())
                .map(|c| (c.id, full_name(c), c.owner))
                .collect();
            crate::domain::sort::sort_by(&mut v, |a, b| a.1.cmp(&b.1));
            v
        })
    });
    // The account manager at this computer, or the first on the staff.
    let manager = Signal::derive(move || {
        s.base.with(|b| {
            let me = s.me.get().and_then(|m| b.staff.get(&m));
            me.filter(|p| p.role == Role::AccountManager)
                .or_else(|| {
                    b.staff
                        .iter()
                        .find(|p| p.active && p.role == Role::AccountManager)
                })
                .map(|p| p.id)
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
        s.base.with(|b| corporate::revenue(b, &p, tz()))
    });
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
            <Agenda staff=manager />
            <requests::NewRequest clients=clients />
            <requests::Board />
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
            <p class="hint">{tx(|t| t.s.hours_hint)}</p>
            <summary::Summary clients=clients />
            <contracts::Contracts clients=clients />
        </section>
    }
}

//! One salesperson: their next steps due today and overdue, what the letters handed them and
//! they have not yet called, their active clients against capacity with each one's last
//! contact, their open deals with each one's next step, revenue by month this year, and their
//! clients gone quiet.

use leptos::prelude::*;

use super::QuietList;
use crate::app::clock::{local, today};
use crate::app::i18n::tx;
use crate::app::router::Route;
use crate::app::state::use_app;
use crate::components::agenda::{due_class, Agenda};
use crate::components::chart::{Bar, BarChart};
use crate::domain::format::{dmy, full_name, money};
use crate::domain::letters::figures::Period;
use crate::domain::model::*;
use crate::domain::sales::{self, deals, steps};

#[component]
pub fn PersonPage(id: Id) -> impl IntoView {
    let s = use_app();
    let person = Memo::new(move |_| s.base.with(|b| b.staff.get(&id).cloned()));
    let clients = Memo::new(move |_| {
        s.base.with(|b| {
            let last = sales::last_contact(b);
            sales::book(b, id)
                .into_iter()
                .map(|c| (c.id, full_name(c), last.get(&c.id).copied()))
                .collect::<Vec<_>>()
        })
    });
    let open = Memo::new(move |_| {
        s.base.with(|b| {
            b.deals
                .iter()
                .filter(|d| d.staff == Some(id) && d.stage.is_open())
                .map(|d| {
                    let name = b.clients.get(&d.client).map(full_name).unwrap_or_default();
                    let next = steps::of_deal(b, d.id).cloned();
                    (d.clone(), name, next)
                })
                .collect::<Vec<_>>()
        })
    });
    let handed = Memo::new(move |_| {
        s.base.with(|b| {
            sales::handed_over(b, id)
                .into_iter()
                .filter_map(|h| Some((b.clients.get(&h.client).map(full_name)?, h)))
                .collect::<Vec<_>>()
        })
    });
    let chart = move || {
        let year = Period::year_of(today());
        let months = s.base.with(|b| deals::revenue_by_month(b, Some(id), &year));
        let bars: Vec<Bar> = months
            .into_iter()
            .map(|(m, kop)| Bar {
                label: m.format("%m").to_string(),
                values: vec![kop as f64 / 100.0],
            })
            .collect();
        view! { <BarChart id="chart-revenue" title=s.tr().s.revenue_by_month.to_string() bars=bars series=vec![s.tr().s.revenue.to_string()] /> }
    };
    view! {
        <section class="person">
            <div class="toolbar">
                <a class="back" href=Route::Sales.href()>{tx(|t| t.s.sales)}</a>
                <h1 id="person-name">{move || person.get().map(|p| p.name).unwrap_or_default()}</h1>
                <span class="spacer"></span>
                <span class="figure">{tx(|t| t.s.active_clients)} ": " <b id="book-count">{move || {
                    let cap = person.get().map(|p| sales::capacity(&p)).unwrap_or(0);
                    format!("{} / {cap}", clients.with(Vec::len))
                }}</b></span>
            </div>
            <Agenda staff=Signal::derive(move || Some(id)) />
            <Show when=move || handed.with(|h| !h.is_empty())>
                <h2>{tx(|t| t.s.handed_over)}</h2>
                <table class="dense" id="handed-over">
                    <thead><tr><th>{tx(|t| t.s.client)}</th><th class="num">{tx(|t| t.s.handed_on)}</th><th>{tx(|t| t.s.their_answer)}</th></tr></thead>
                    <tbody>
                        {move || handed.get().into_iter().map(|(name, h)| view! {
                            <tr>
                                <td><a href=Route::Client(h.client).href()>{name}</a></td>
                                <td class="num">{dmy(local(h.at).date())}</td>
                                <td>{h.note}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </Show>
            <div class="charts">{chart}</div>
            <h2>{tx(|t| t.s.open_deals)}</h2>
            <table class="dense" id="person-deals">
                <thead><tr><th>{tx(|t| t.s.client)}</th><th>{tx(|t| t.s.deal_title)}</th><th>{tx(|t| t.s.stage)}</th><th class="num">{tx(|t| t.s.amount)}</th><th>{tx(|t| t.s.next_step)}</th></tr></thead>
                <tbody>
                    {move || open.get().into_iter().map(|(d, name, next)| view! {
                        <tr>
                            <td><a href=Route::Client(d.client).href()>{name}</a></td>
                            <td>{d.title.clone()}</td>
                            <td>{move || s.tr().deal_stage(d.stage)}</td>
                            <td class="num">{money(d.amount_kop, s.lang.get_untracked())}</td>
                            {match next {
                                Some(x) => view! { <td class=format!("next-step {}", due_class(&x))>{x.text.clone()} " — " {dmy(x.due)}</td> }.into_any(),
                                None => view! { <td class="next-step none">{tx(|t| t.s.no_next_step)}</td> }.into_any(),
                            }}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <QuietList owner=id />
            <h2>{tx(|t| t.s.active_clients)}</h2>
            <table class="dense" id="book">
                <thead><tr><th>{tx(|t| t.s.client)}</th><th class="num">{tx(|t| t.s.last_contact)}</th></tr></thead>
                <tbody>
                    {move || clients.get().into_iter().map(|(cid, name, last)| view! {
                        <tr>
                            <td><a href=Route::Client(cid).href()>{name}</a></td>
                            <td class="num">{last.map(|t| dmy(local(t).date())).unwrap_or_else(|| "—".into())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

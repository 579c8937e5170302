//! The sales section: every salesperson's book against capacity, open deals and revenue this
//! month, the pipeline by stage, the share of the base actively worked, and the clients gone quiet
//! (keep them, or send them back to the letter pool in one click).

pub mod person;

use leptos::prelude::*;

use crate::app::browser::new_id;
use crate::app::clock::{now, today};
use crate::app::i18n::tx;
use crate::app::router::Route;
use crate::app::state::{use_app, AppState};
use crate::components::period::PeriodPicker;
use crate::domain::format::{dmy, full_name, group, money};
use crate::domain::letters::figures::Period;
use crate::domain::model::*;
use crate::domain::sales::{self, deals};

/// «Keep»: a note that resets the quiet clock; «release»: back to the letter pool, logged.
pub fn keep_or_release(s: AppState, client: Id, owner: Id, keep: bool) {
    let at = now();
    // The person at this computer did it; with nobody chosen, the owner is the best guess.
    let by = s.me.get_untracked().or(Some(owner));
    if keep {
        let text = s.tr_untracked().s.kept_note;
        let batch = sales::log(client, by, ActivityKind::Note, text, at, new_id());
        s.save_then(batch, |t| t.s.kept, || {});
    } else if let Some(batch) = s
        .base
        .with_untracked(|b| sales::reassign(b, client, None, by, at, new_id))
    {
        s.save_then(batch, |t| t.s.released, || {});
    }
}

#[component]
pub fn QuietList(#[prop(optional)] owner: Option<Id>) -> impl IntoView {
    let s = use_app();
    let quiet = Memo::new(move |_| {
        let days = s.settings.with(|x| x.inactive_days);
        s.base.with(|b| {
            sales::quiet(b, now(), days)
                .into_iter()
                .filter(|q| owner.is_none_or(|o| q.owner == o))
                .filter_map(|q| {
                    let c = b.clients.get(&q.client)?;
                    let who = b
                        .staff
                        .get(&q.owner)
                        .map(|x| x.name.clone())
                        .unwrap_or_default();
                    Some((q, full_name(c), who))
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="panel quiet">
            <h2>{tx(|t| t.s.quiet)} " " <span class="count" id="quiet-count">{move || quiet.with(Vec::len)}</span></h2>
            <Show when=move || quiet.with(Vec::is_empty)>
                <p class="hint">{tx(|t| t.s.quiet_none)}</p>
            </Show>
            <table class="dense" id="quiet">
                <tbody>
                    {move || quiet.get().into_iter().map(|(q, name, who)| {
                        let (client, owner) = (q.client, q.owner);
                        view! {
                            <tr>
                                <td><a href=Route::Client(client).href()>{name}</a></td>
                                <td>{who}</td>
                                <td class="num">{q.last.map(|t| dmy(crate::app::clock::local(t).date())).unwrap_or_else(|| s.tr_untracked().s.never.to_string())}</td>
                                <td class="actions-cell">
                                    <button class="keep" on:click=move |_| keep_or_release(s, client, owner, true)>{tx(|t| t.s.keep)}</button>
                                    <button class="release" on:click=move |_| keep_or_release(s, client, owner, false)>{tx(|t| t.s.release)}</button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
pub fn SalesPage() -> impl IntoView {
    let s = use_app();
    let period = RwSignal::new(Period::month_of(today()));
    let rows = Memo::new(move |_| {
        let period = period.get();
        s.base.with(|b| {
            let revenue = deals::revenue_by_staff(b, &period);
            let mut v: Vec<(Staff, usize, usize, i64)> = b
                .staff
                .iter()
                .filter(|st| st.role == Role::Salesperson && st.active)
                .map(|st| {
                    let open = b
                        .deals
                        .iter()
                        .filter(|d| d.staff == Some(st.id) && d.stage.is_open())
                        .count();
                    let kop = revenue.get(&Some(st.id)).copied().unwrap_or(0);
                    (st.clone(), sales::book(b, st.id).len(), open, kop)
                })
                .collect();
            crate::domain::sort::sort_by(&mut v, |a, b| a.0.name.cmp(&b.0.name));
            (v, revenue.values().sum::<i64>())
        })
    });
    let pipeline = Memo::new(move |_| s.base.with(|b| deals::pipeline(b, None)));
    let worked = Memo::new(move |_| {
        let days = s.settings.with(|x| x.inactive_days);
        s.base.with(|b| sales::worked_share(b, now(), days))
    });
    view! {
        <section class="sales">
            <div class="toolbar">
                <h1>{tx(|t| t.s.sales)}</h1>
                <PeriodPicker period=period />
                <span class="spacer"></span>
                <span class="figure" id="worked-share">{tx(|t| t.s.worked_share)} ": " <b>{move || {
                    let (w, all) = worked.get();
                    format!("{:.1}\u{a0}% ({} / {})", if all == 0 { 0.0 } else { w as f64 * 100.0 / all as f64 }, group(w as i64), group(all as i64))
                }}</b></span>
            </div>
            <table class="dense" id="salespeople">
                <thead><tr>
                    <th>{tx(|t| t.s.salespeople)}</th><th class="num">{tx(|t| t.s.active_clients)}</th>
                    <th class="num">{tx(|t| t.s.open_deals)}</th><th class="num">{tx(|t| t.s.revenue_in_period)}</th>
                </tr></thead>
                <tbody>
                    {move || rows.get().0.into_iter().map(|(st, n, open, kop)| {
                        let cap = sales::capacity(&st);
                        let over = n as u32 > cap;
                        view! {
                        <tr>
                            <td><a href=Route::Person(st.id).href()>{st.name.clone()}</a></td>
                            <td class="num" class:over=over>{format!("{n} / {cap}")}</td>
                            <td class="num">{open}</td>
                            <td class="num">{money(kop, s.lang.get_untracked())}</td>
                        </tr>
                    }}).collect_view()}
                </tbody>
                <tfoot><tr>
                    <th colspan="3">{tx(|t| t.s.sales_total)}</th>
                    <td class="num" id="sales-total">{move || money(rows.get().1, s.lang.get())}</td>
                </tr></tfoot>
            </table>
            <h2>{tx(|t| t.s.pipeline)}</h2>
            <table class="dense" id="pipeline">
                <tbody>
                    {move || pipeline.get().into_iter().map(|(stage, (n, kop))| view! {
                        <tr>
                            <td>{move || s.tr().deal_stage(stage)}</td>
                            <td class="num">{n}</td>
                            <td class="num">{money(kop, s.lang.get_untracked())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <QuietList />
        </section>
    }
}

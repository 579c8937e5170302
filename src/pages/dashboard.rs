//! The dashboard: each section's product as a live number for a period (month, quarter, year or
//! custom), a chart of each over the months, a CSV export and a print view.

use leptos::prelude::*;

use crate::app::browser::{download, now, today, tz};
use crate::app::i18n::{tx, Tr};
use crate::app::scan::ensure;
use crate::app::state::use_app;
use crate::components::chart::{Bar, BarChart};
use crate::domain::dashboard::{csv, dashboard, series, Inputs};
use crate::domain::format::{group, money};
use crate::domain::letters::figures::Period;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    Month,
    Quarter,
    Year,
    Custom,
}

fn percent(x: f64) -> String {
    format!("{:.0}\u{a0}%", x * 100.0)
}

fn chart_title(t: &Tr, key: &str) -> String {
    match key {
        "letters_revenue" => format!("{}, ₽", t.s.letters_revenue),
        "letters_sent" => t.l.series_sent.to_string(),
        "response_rate_percent" => format!("{}, %", t.s.response_rate),
        "worked_share_percent" => format!("{}, %", t.s.worked_share),
        "sales_revenue" => format!("{} ({}), ₽", t.s.revenue, t.s.sales),
        "corporate_revenue" => format!("{} ({}), ₽", t.s.revenue, t.s.corporate),
        "answer_median_hours" => format!("{}, {}", t.s.response_times, t.s.median),
        _ => t.s.lists_given.to_string(),
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let s = use_app();
    ensure(s);
    let span = RwSignal::new(Span::Month);
    let from = RwSignal::new(Period::month_of(today()).from);
    let to = RwSignal::new(today());
    let period = Memo::new(move |_| match span.get() {
        Span::Month => Period::month_of(today()),
        Span::Quarter => Period::quarter_of(today()),
        Span::Year => Period::year_of(today()),
        Span::Custom => Period {
            from: from.get(),
            to: to.get().max(from.get()),
        },
    });
    let figures = Memo::new(move |_| {
        let pending = s.duplicates.with(|d| d.as_ref().map(|d| d.pending()));
        s.settings.with(|set| {
            s.base.with(|b| {
                let i = Inputs {
                    settings: set,
                    today: today(),
                    now: now(),
                    tz: tz(),
                    pending: pending.as_ref(),
                };
                (
                    dashboard(b, period.get(), &i),
                    series(b, &period.get(), set, tz()),
                )
            })
        })
    });
    let export = move |_| {
        let text = figures.with_untracked(|(d, sr)| csv(d, sr));
        let p = period.get_untracked();
        if let Err(e) = download(
            &format!("pismo-dashboard-{}-{}.csv", p.from, p.to),
            "text/csv",
            &format!("\u{feff}{text}"),
        ) {
            s.toast(e, true);
        }
    };
    let lang = move || s.lang.get();
    let tile = |id: &'static str,
                label: fn(&Tr) -> &'static str,
                value: Box<dyn Fn() -> String + Send + Sync>| {
        view! {
            <div class="tile" data-figure=id>
                <span class="label">{tx(label)}</span>
                <span class="value">{value}</span>
            </div>
        }
    };
    let d = move || figures.with(|(d, _)| d.clone());
    view! {
        <section class="dashboard">
            <div class="toolbar">
                <h1>{tx(|t| t.s.dashboard)}</h1>
                <div class="tabs" role="tablist" aria-label=tx(|t| t.s.period)>
                    {[(Span::Month, (|t: &Tr| t.s.month) as fn(&Tr) -> &'static str), (Span::Quarter, |t: &Tr| t.s.quarter), (Span::Year, |t: &Tr| t.s.year), (Span::Custom, |t: &Tr| t.s.custom)]
                        .into_iter().map(|(k, label)| view! {
                            <button role="tab" class:current=move || span.get() == k aria-selected=move || (span.get() == k).to_string() on:click=move |_| span.set(k)>{tx(label)}</button>
                        }).collect_view()}
                </div>
                <Show when=move || span.get() == Span::Custom>
                    <label>{tx(|t| t.s.from)} " " <input type="date" id="period-from" prop:value=move || from.get().to_string() on:change=move |ev| if let Ok(d) = event_target_value(&ev).parse() { from.set(d) } /></label>
                    <label>{tx(|t| t.s.to)} " " <input type="date" id="period-to" prop:value=move || to.get().to_string() on:change=move |ev| if let Ok(d) = event_target_value(&ev).parse() { to.set(d) } /></label>
                </Show>
                <span class="hint">{move || { let p = period.get(); format!("{} — {}", p.from.format("%d.%m.%Y"), p.to.format("%d.%m.%Y")) }}</span>
                <span class="spacer"></span>
                <button id="dashboard-csv" on:click=export>{tx(|t| t.s.export_csv)}</button>
                <button on:click=move |_| { let _ = window().print(); }>{tx(|t| t.s.print)}</button>
            </div>
            <div class="sections">
                <section class="panel" id="dash-letters">
                    <h2>{tx(|t| t.s.letters_section)}</h2>
                    {tile("letters_revenue", |t| t.s.letters_revenue, Box::new(move || money(d().letters_revenue_kop, lang())))}
                    {tile("letters_per_day", |t| t.s.letters_per_day, Box::new(move || { let x = d(); format!("{:.1} ({})", x.letters_per_day, x.quota) }))}
                    {tile("coverage", |t| t.s.coverage, Box::new(move || percent(d().coverage)))}
                    {tile("response_rate", |t| t.s.response_rate, Box::new(move || d().response_rate.map(percent).unwrap_or_else(|| "—".into())))}
                </section>
                <section class="panel" id="dash-sales">
                    <h2>{tx(|t| t.s.sales)}</h2>
                    {tile("sales_revenue", |t| t.s.revenue, Box::new(move || money(d().sales_revenue_kop, lang())))}
                    {tile("worked_share", |t| t.s.worked_share, Box::new(move || { let (w, all) = d().worked; percent(if all == 0 { 0.0 } else { w as f64 / all as f64 }) }))}
                    <table class="dense">
                        <tbody>
                            {move || d().sales_by_staff.into_iter().map(|(name, kop)| view! { <tr><td>{name}</td><td class="num">{money(kop, lang())}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
                </section>
                <section class="panel" id="dash-corporate">
                    <h2>{tx(|t| t.s.corporate)}</h2>
                    {tile("corporate_revenue", |t| t.s.revenue, Box::new(move || money(d().corporate_revenue_kop, lang())))}
                    {tile("answer_hours", |t| t.s.response_times, Box::new(move || { let x = d(); match (x.answer_median_hours, x.answer_p90_hours) { (Some(m), Some(p)) => format!("{m:.1} / {p:.1}"), _ => "—".into() } }))}
                    {tile("overdue", |t| t.s.overdue_now, Box::new(move || d().overdue.to_string()))}
                </section>
                <section class="panel" id="dash-base">
                    <h2>{tx(|t| t.s.base_section)}</h2>
                    {tile("pending_duplicates", |t| t.s.pending_duplicates, Box::new(move || d().pending_duplicates.map(|n| n.to_string()).unwrap_or_else(|| "…".into())))}
                    {tile("confirmed", |t| t.s.confirmed, Box::new(move || percent(d().confirmed_share)))}
                    {tile("invalid_contacts", |t| t.s.invalid_contacts, Box::new(move || group(d().invalid_contacts as i64)))}
                    {tile("lists_given", |t| t.s.lists_given, Box::new(move || { let x = d(); format!("{} ({})", x.lists_given, group(x.addresses_given as i64)) }))}
                </section>
            </div>
            <div class="charts">
                {move || {
                    let t = s.tr();
                    figures.with(|(_, sr)| sr.iter().map(|ser| {
                        let bars: Vec<Bar> = ser.months.iter().map(|(m, v)| Bar { label: m.format("%m.%y").to_string(), values: vec![v.max(0.0).min(f64::from(u32::MAX)) as u32] }).collect();
                        let title = chart_title(t, ser.key);
                        view! { <BarChart title=title.clone() bars=bars series=vec![title] /> }
                    }).collect_view())
                }}
            </div>
        </section>
    }
}

//! The dashboard: each section's product as a live number for a period (month, quarter, year or
//! custom), a chart of each over the months, a CSV export and a print view. Opening it also keeps
//! this month's snapshot of the base's state, which later months' charts draw on.

use leptos::prelude::*;

use crate::app::browser::{download, new_id};
use crate::app::clock::{now, today, tz};
use crate::app::i18n::{tx, Tr};
use crate::app::scan::ensure;
use crate::app::state::use_app;
use crate::components::chart::{Bar, BarChart};
use crate::components::period::PeriodPicker;
use crate::domain::base::Batch;
use crate::domain::dashboard::{csv, dashboard, refresh_snapshot, series, CsvLook, Inputs, Series};
use crate::domain::format::{group, hours_minutes, money};
use crate::domain::letters::figures::Period;

fn percent(x: f64) -> String {
    format!("{:.0}\u{a0}%", x * 100.0)
}

fn chart_title(t: &Tr, key: &str) -> String {
    match key {
        "letters_revenue" => format!("{}, ₽", t.s.letters_revenue),
        "letters_sent" => t.s.letters_sent.to_string(),
        "coverage_percent" => format!("{}, %", t.s.coverage),
        "response_rate_percent" => format!("{}, %", t.s.response_rate),
        "worked_share_percent" => format!("{}, %", t.s.worked_share),
        "sales_revenue_by_staff" => format!("{} ({}), ₽", t.s.revenue, t.s.sales),
        "corporate_revenue" => format!("{} ({}), ₽", t.s.revenue, t.s.corporate),
        "answer_median_hours" => format!("{}, {}", t.s.response_times, t.s.median),
        "answer_p90_hours" => format!("{}, {}", t.s.response_times, t.s.p90),
        "overdue_at_month_end" => t.s.overdue_month_end.to_string(),
        "pending_duplicates" => t.s.pending_duplicates.to_string(),
        "confirmed_share_percent" => format!("{}, %", t.s.confirmed),
        "invalid_contacts" => t.s.invalid_contacts.to_string(),
        _ => t.s.lists_given.to_string(),
    }
}

/// The base's state is known only from the months someone looked at it.
fn from_snapshots(key: &str) -> bool {
    matches!(
        key,
        "coverage_percent" | "pending_duplicates" | "confirmed_share_percent" | "invalid_contacts"
    )
}

/// One chart per figure; the parts of a stacked figure (revenue per salesperson) go on one chart.
/// The sales total is that chart's height, so it gets no chart of its own.
fn charts(t: &'static Tr, sr: &[Series]) -> impl IntoView {
    let mut keys: Vec<&'static str> = Vec::new();
    for s in sr {
        if !keys.contains(&s.key) && s.key != "sales_revenue" {
            keys.push(s.key);
        }
    }
    keys.into_iter()
        .map(|key| {
            let parts: Vec<&Series> = sr.iter().filter(|s| s.key == key).collect();
            let months = parts.first().map(|p| p.months.len()).unwrap_or(0);
            let bars: Vec<Bar> = (0..months)
                .map(|k| {
                    let label = parts[0].months[k].0.format("%m.%y").to_string();
                    let values: Option<Vec<f64>> = parts.iter().map(|p| p.months[k].1).collect();
                    Bar {
                        label,
                        values: values.unwrap_or_default(),
                    }
                })
                .collect();
            let title = chart_title(t, key);
            let names: Vec<String> = parts
                .iter()
                .map(|p| match &p.part {
                    Some(n) if n.is_empty() => t.s.no_salesperson.to_string(),
                    Some(n) => n.clone(),
                    None => title.clone(),
                })
                .collect();
            let stacked = parts.len() > 1;
            let note = if from_snapshots(key) { t.s.from_snapshots.to_string() } else { String::new() };
            view! { <BarChart title=title bars=bars series=names stacked=stacked name=key note=note /> }
        })
        .collect_view()
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let s = use_app();
    ensure(s);
    let period = RwSignal::new(Period::month_of(today()));
    let figures = Memo::new(move |_| {
        // A scan made before the last change to the clients is not this month's figure.
        let pending = s
            .duplicates
            .with(|d| d.as_ref().filter(|d| !d.stale).map(|d| d.pending()));
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
                    series(b, &period.get(), set, tz(), now()),
                )
            })
        })
    });
    // Keeps this month's snapshot of the base's state in step with what is shown; not before the
    // stored snapshots (loaded after the first paint) are in, or it would start a second one.
    // The id is remembered too: a second change can come before the first write is in the base.
    let month_id = StoredValue::new(None);
    Effect::new(move |_| {
        if !s.history_ready.get() {
            return;
        }
        let id = move || month_id.get_value().unwrap_or_else(new_id);
        let fresh = figures.with(|(d, _)| {
            s.base
                .with_untracked(|b| refresh_snapshot(b, d, today(), now(), id))
        });
        if let Some(snap) = fresh {
            month_id.set_value(Some(snap.id));
            leptos::task::spawn_local(async move {
                let batch = Batch {
                    snapshots: vec![snap],
                    ..Batch::default()
                };
                if s.commit(batch).await.is_err() {
                    leptos::logging::warn!("the dashboard snapshot was not saved");
                }
            });
        }
    });
    let export = move |_| {
        let t = s.tr_untracked();
        let label = |key: &str| t.dashboard_column(key).unwrap_or(key).to_string();
        let look = CsvLook {
            lang: s.lang.get_untracked(),
            label: &label,
        };
        let text = figures.with_untracked(|(d, sr)| csv(d, sr, &look));
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
                <PeriodPicker period=period />
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
                    {tile("answer_hours", |t| t.s.answer_tile, Box::new(move || { let x = d(); match (x.answer_median_hours, x.answer_p90_hours) { (Some(m), Some(p)) => format!("{} / {}", hours_minutes(m), hours_minutes(p)), _ => "—".into() } }))}
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
                {move || figures.with(|(_, sr)| charts(s.tr(), sr))}
            </div>
        </section>
    }
}

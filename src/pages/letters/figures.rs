//! The section's figures for a period: letters against the quota, cycle coverage, answers,
//! hand-overs, revenue from letters (with the attribution rule spelled out), time against phoning,
//! and letters and answers by week.

use leptos::prelude::*;

use super::phrasings::Phrasings;
use super::{use_section, Tabs};
use crate::app::clock::today;
use crate::app::i18n::tx;
use crate::app::router::Route;
use crate::components::chart::{Bar, BarChart};
use crate::domain::format::{dmy, group, money};
use crate::domain::letters::figures::{figures, Period};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    Month,
    LastMonth,
    Quarter,
    Year,
}

fn percent(x: f64) -> String {
    format!("{:.0}\u{a0}%", x * 100.0)
}

fn hours(minutes: u64) -> String {
    format!("{}:{:02}", group(minutes as i64 / 60), minutes % 60)
}

#[component]
pub fn FiguresPage() -> impl IntoView {
    let s = use_section();
    let span = RwSignal::new(Span::Month);
    let period = move || match span.get() {
        Span::Month => Period::month_of(today()),
        Span::LastMonth => Period::last_month_of(today()),
        Span::Quarter => Period::quarter_of(today()),
        Span::Year => Period::year_of(today()),
    };
    let f = Memo::new(move |_| {
        let p = period();
        s.base
            .with(|b| s.settings.with(|set| figures(b, set, today(), p)))
    });
    let tile = move |id: &'static str,
                     label: fn(&crate::app::i18n::Tr) -> &'static str,
                     value: Signal<String>| {
        view! {
            <div class="tile" id=id>
                <span class="value">{move || value.get()}</span>
                <span class="label">{tx(label)}</span>
            </div>
        }
    };
    let v = move |g: fn(
        &crate::domain::letters::figures::LetterFigures,
        crate::domain::model::Lang,
    ) -> String| { Signal::derive(move || f.with(|f| g(f, s.lang.get()))) };
    view! {
        <section class="letters figures">
            <Tabs current=Route::LetterFigures />
            <div class="toolbar">
                <h1>{tx(|t| t.l.figures)}</h1>
                <select id="period" aria-label="period" on:change=move |ev| span.set(match event_target_value(&ev).as_str() {
                    "last-month" => Span::LastMonth,
                    "quarter" => Span::Quarter,
                    "year" => Span::Year,
                    _ => Span::Month,
                })>
                    <option value="month">{tx(|t| t.l.this_month)}</option>
                    <option value="last-month">{tx(|t| t.l.last_month)}</option>
                    <option value="quarter">{tx(|t| t.l.this_quarter)}</option>
                    <option value="year">{tx(|t| t.l.this_year)}</option>
                </select>
                <span class="hint">{move || { let p = period(); format!("{} — {}", dmy(p.from), dmy(p.to)) }}</span>
                <span class="spacer"></span>
                <button on:click=move |_| { let _ = window().print(); }>{tx(|t| t.l.print)}</button>
            </div>
            <div class="tiles">
                {tile("fig-sent", |t| t.l.fig_sent, v(|f, _| group(i64::from(f.sent))))}
                {tile("fig-coverage", |t| t.l.fig_coverage, v(|f, _| format!("{} ({} / {})", percent(f.coverage()), group(f.covered as i64), group(f.pool as i64))))}
                {tile("fig-response", |t| t.l.fig_response, v(|f, _| f.response_rate().map(percent).unwrap_or_else(|| "—".into())))}
                {tile("fig-handed", |t| t.l.fig_handed_over, v(|f, _| group(i64::from(f.handed_over))))}
                {tile("fig-revenue", |t| t.l.fig_revenue, v(|f, lang| money(f.revenue_kop, lang)))}
                {tile("fig-orders", |t| t.l.fig_orders, v(|f, _| group(i64::from(f.orders))))}
                {tile("fig-writing", |t| t.l.fig_writing, v(|f, _| hours(f.minutes_writing)))}
                {tile("fig-phoning", |t| t.l.fig_phoning, v(|f, _| hours(f.minutes_phoning)))}
            </div>
            <p class="hint rule" id="attribution-rule">{move || (s.tr().l.attribution_rule)(s.settings.with(|x| x.attribution_days))}</p>
            <p class="hint">{move || f.with(|f| (s.tr().l.answers_breakdown)(f))}</p>
            {move || {
                let f = f.get();
                let t = s.tr();
                let per_day = f.per_day.iter().map(|(d, n)| Bar::counts(d.format("%d.%m").to_string(), &[*n])).collect();
                let weeks = f.weeks.iter().map(|w| Bar::counts(w.start.format("%d.%m").to_string(), &[w.sent, w.answers])).collect();
                view! {
                    <div class="charts">
                        <BarChart id="chart-days" title=t.l.chart_days.to_string() bars=per_day
                            series=vec![t.l.series_sent.to_string()] target=(f.quota, t.l.quota.to_string()) />
                        <BarChart id="chart-weeks" title=t.l.chart_weeks.to_string() bars=weeks
                            series=vec![t.l.series_sent.to_string(), t.l.series_answers.to_string()] />
                    </div>
                }
            }}
            <Phrasings period=Signal::derive(period) />
        </section>
    }
}

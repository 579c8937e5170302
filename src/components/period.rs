//! The period picker of the figures pages: this or last month, this quarter or year, or any
//! two dates.

use leptos::prelude::*;

use crate::app::clock::today;
use crate::app::i18n::{tx, Tr};
use crate::domain::letters::figures::Period;

type Text = fn(&Tr) -> &'static str;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    Month,
    LastMonth,
    Quarter,
    Year,
    Custom,
}

/// Tabs and, for a custom period, two dates; the chosen period is written to `period`.
#[component]
pub fn PeriodPicker(period: RwSignal<Period>) -> impl IntoView {
    let span = RwSignal::new(Span::Month);
    let from = RwSignal::new(period.get_untracked().from);
    let to = RwSignal::new(period.get_untracked().to);
    Effect::new(move |_| {
        let p = match span.get() {
            Span::Month => Period::month_of(today()),
            Span::LastMonth => Period::last_month_of(today()),
            Span::Quarter => Period::quarter_of(today()),
            Span::Year => Period::year_of(today()),
            // A «to» before «from» is read as the single day «from».
            Span::Custom => Period {
                from: from.get(),
                to: to.get().max(from.get()),
            },
        };
        if period.get_untracked() != p {
            period.set(p);
        }
    });
    let tabs: [(Span, Text); 5] = [
        (Span::Month, |t| t.s.month),
        (Span::LastMonth, |t| t.s.last_month),
        (Span::Quarter, |t| t.s.quarter),
        (Span::Year, |t| t.s.year),
        (Span::Custom, |t| t.s.custom),
    ];
    view! {
        <div class="tabs" role="tablist" aria-label=tx(|t| t.s.period)>
            {tabs.into_iter().map(|(k, label)| view! {
                <button role="tab" class:current=move || span.get() == k aria-selected=move || (span.get() == k).to_string() on:click=move |_| span.set(k)>{tx(label)}</button>
            }).collect_view()}
        </div>
        <Show when=move || span.get() == Span::Custom>
            <label class="screen-only">{tx(|t| t.s.from)} " " <input type="date" id="period-from" prop:value=move || from.get().to_string() on:change=move |ev| if let Ok(d) = event_target_value(&ev).parse() { from.set(d) } /></label>
            <label class="screen-only">{tx(|t| t.s.to)} " " <input type="date" id="period-to" prop:value=move || to.get().to_string() on:change=move |ev| if let Ok(d) = event_target_value(&ev).parse() { to.set(d) } /></label>
        </Show>
        <span class="hint period-dates">{move || { let p = period.get(); format!("{} — {}", p.from.format("%d.%m.%Y"), p.to.format("%d.%m.%Y")) }}</span>
    }
}

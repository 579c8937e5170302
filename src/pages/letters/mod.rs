//! Letter sales: today's queue with its drafts, the answers, the section's figures, and the print
//! views. The rules (rotation, composer, hand-off, attribution) live in `domain::letters`.

pub(crate) mod answer;
mod answers;
mod card;
mod figures;
mod phrasings;
mod print;
mod queue;

pub use answers::AnswersPage;
pub use figures::FiguresPage;
pub use print::PrintPage;
pub use queue::QueuePage;

use leptos::prelude::*;

use crate::app::i18n::{tx, Tr};
use crate::app::router::Route;
use crate::app::state::{use_app, AppState};

/// The section's own navigation: today, answers, figures.
#[component]
fn Tabs(current: Route) -> impl IntoView {
    let tab = move |r: Route, label: fn(&Tr) -> &'static str| {
        let on = r == current;
        view! {
            <a href=r.href() class:current=on aria-current=on.then_some("page")>{tx(label)}</a>
        }
    };
    view! {
        <nav class="tabs" aria-label="letters">
            {tab(Route::Letters, |t| t.l.today)}
            {tab(Route::Answers, |t| t.l.answers)}
            {tab(Route::LetterFigures, |t| t.l.figures)}
        </nav>
    }
}

/// Makes sure today's queue is read or planned once the letters and orders are loaded.
fn ensure_queue(s: AppState) {
    Effect::new(move || {
        let stale = s.queue.with(|q| {
            q.as_ref()
                .is_none_or(|q| q.date != crate::app::clock::today())
        });
        if s.history_ready.get() && stale {
            leptos::task::spawn_local(async move {
                if let Err(e) = crate::app::queue::ensure(s).await {
                    s.storage_error(&e);
                }
            });
        }
    });
}

/// «26 ноября 2026 г.» / «26 November 2026»: how the letters' date line reads.
fn long_date(s: AppState, d: chrono::NaiveDate) -> String {
    match s.lang.get() {
        crate::domain::model::Lang::Ru => crate::domain::letters::russian::date_line(d),
        crate::domain::model::Lang::En => d.format("%-d %B %Y").to_string(),
    }
}

fn use_section() -> AppState {
    let s = use_app();
    ensure_queue(s);
    s
}

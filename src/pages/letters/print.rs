//! The print views: the day's letters on A4 (letterhead, date, address block, body), DL and C5
//! envelopes, and A4 sheets of 3 × 8 address labels. Shown on screen as paper, printed through the
//! browser's dialog; print CSS sets the paper size of each kind (style/print.css).

use leptos::prelude::*;

use super::use_section;
use crate::app::clock::today;
use crate::app::i18n::tx;
use crate::app::router::{PrintKind, Route};
use crate::components::labels::LabelSheets;
use crate::domain::letters::russian::date_line;
use crate::domain::letters::send::{day_letters, envelope_lines};
use crate::domain::model::*;

#[derive(Clone, PartialEq)]
struct Piece {
    lines: Vec<String>,
    body: String,
    date: String,
}

fn paragraphs(body: &str) -> impl IntoView {
    body.split("\n\n")
        .map(|p| {
            let lines: Vec<String> = p.lines().map(str::to_string).collect();
            view! {
                <p>{lines.into_iter().enumerate().map(|(i, l)| view! { {(i > 0).then(|| view! { <br /> })} {l} }).collect_view()}</p>
            }
        })
        .collect_view()
}

#[component]
pub fn PrintPage(kind: PrintKind) -> impl IntoView {
    let s = use_section();
    // The day's letters that go by post; e-mailed ones are counted, not printed.
    let pieces = Memo::new(move |_| {
        let ids = s.queue.with(|q| q.as_ref().map(|q| q.clients()))?;
        let day = today();
        Some(s.base.with(|b| {
            s.settings.with(|set| {
                let mut by_email = 0;
                let mut v = Vec::new();
                for l in day_letters(b, set, day, &ids) {
                    let Some(c) = b.clients.get(&l.client) else {
                        continue;
                    };
                    let body = l.body;
                    let lines = match envelope_lines(c) {
                        Some(lines)
                            if l.stored.as_ref().is_none_or(|x| x.channel == Channel::Post) =>
                        {
                            lines
                        }
                        _ => {
                            by_email += 1;
                            continue;
                        }
                    };
                    let date = match c.language {
                        Lang::Ru => date_line(day),
                        Lang::En => day.format("%-d %B %Y").to_string(),
                    };
                    v.push(Piece { lines, body, date });
                }
                (v, by_email)
            })
        }))
    });
    let sender = move || {
        s.settings.with(|set| {
            let mut lines = vec![set.company.clone()];
            lines.extend(set.return_address.lines().map(str::to_string));
            lines.retain(|l| !l.trim().is_empty());
            lines
        })
    };
    let block = |lines: Vec<String>| {
        lines
            .into_iter()
            .map(|l| view! { <div>{l}</div> })
            .collect_view()
    };
    let sheets = move || {
        let (list, _) = pieces.get()?;
        Some(match kind {
            PrintKind::Letters => list
                .into_iter()
                .map(|p| {
                    view! {
                        <article class="sheet a4">
                            <header class="letterhead">{block(sender())}</header>
                            <div class="recipient">{block(p.lines)}</div>
                            <div class="date">{p.date}</div>
                            <div class="letter-body">{paragraphs(&p.body)}</div>
                        </article>
                    }
                })
                .collect_view()
                .into_any(),
            PrintKind::Dl | PrintKind::C5 => {
                let class = if kind == PrintKind::Dl {
                    "sheet envelope dl"
                } else {
                    "sheet envelope c5"
                };
                list.into_iter()
                    .map(|p| {
                        view! {
                            <article class=class>
                                <div class="from">{block(sender())}</div>
                                <div class="to">{block(p.lines)}</div>
                            </article>
                        }
                    })
                    .collect_view()
                    .into_any()
            }
            PrintKind::Labels => view! {
                <LabelSheets labels=list.into_iter().map(|p| p.lines).collect() />
            }
            .into_any(),
        })
    };
    view! {
        <section class=format!("print-view {}", match kind { PrintKind::Letters => "k-a4", PrintKind::Dl => "k-dl", PrintKind::C5 => "k-c5", PrintKind::Labels => "k-labels" })>
            <div class="toolbar screen-only">
                <a href=Route::Letters.href()>{tx(|t| t.l.back_to_queue)}</a>
                <h1>{move || (s.tr().l.print_kind)(kind)}</h1>
                <span class="count">{move || pieces.with(|p| p.as_ref().map(|(v, _)| v.len()))}</span>
                <span class="hint">{move || pieces.with(|p| p.as_ref().filter(|(_, e)| *e > 0).map(|(_, e)| (s.tr().l.not_printed_email)(*e)))}</span>
                <span class="spacer"></span>
                {PrintKind::ALL.iter().filter(|k| **k != kind).map(|k| { let k = *k; view! { <a class="button" href=Route::Print(k).href()>{move || (s.tr().l.print_kind)(k)}</a> } }).collect_view()}
                <button class="primary" id="print" on:click=move |_| { let _ = window().print(); }>{tx(|t| t.l.print)}</button>
            </div>
            <div class="sheets" id="sheets">{sheets}</div>
        </section>
    }
}

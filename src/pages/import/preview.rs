//! Every row of the file with what will become of it, filtered by outcome, a page at a time.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::app::i18n::{problem_text, tx};
use crate::app::state::use_app;
use crate::domain::import::apply::{Fate, Plan};
use crate::domain::import::report::fate_text;
use crate::domain::import::rows::RowCheck;
use crate::domain::model::{Client, Id};

/// Rows shown at first and added by «show more».
const PAGE: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    All,
    New,
    Merged,
    InBase,
    Warnings,
    Refused,
}

impl Filter {
    const ALL: [(Filter, &'static str); 6] = [
        (Filter::All, "all"),
        (Filter::New, "new"),
        (Filter::Merged, "merged"),
        (Filter::InBase, "in-base"),
        (Filter::Warnings, "warnings"),
        (Filter::Refused, "refused"),
    ];

    fn label(self, t: &crate::app::i18n::Tr) -> &'static str {
        match self {
            Filter::All => t.b.rows_all,
            Filter::New => t.b.rows_new,
            Filter::Merged => t.b.rows_merged,
            Filter::InBase => t.b.rows_in_base,
            Filter::Warnings => t.b.rows_warnings,
            Filter::Refused => t.b.rows_refused,
        }
    }

    fn keeps(self, fate: Fate, warned: bool) -> bool {
        match self {
            Filter::All => true,
            Filter::New => matches!(fate, Fate::Created(_)),
            Filter::Merged => matches!(fate, Fate::MergedIntoRow(_)),
            Filter::InBase => matches!(
                fate,
                Fate::Updated(_) | Fate::Unchanged(_) | Fate::Skipped(_)
            ),
            Filter::Warnings => warned && fate != Fate::Refused,
            Filter::Refused => fate == Fate::Refused,
        }
    }
}

/// The phones and e-mails a client ends up with (a new row's with its repeats merged in).
fn contacts(c: &Client) -> String {
    c.phones
        .iter()
        .map(|p| p.number.as_str())
        .chain(c.emails.iter().map(|e| e.address.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub fn Rows(checks: Vec<RowCheck>, planned: Memo<Option<Plan>>) -> impl IntoView {
    let s = use_app();
    let filter = RwSignal::new(Filter::All);
    let shown = RwSignal::new(PAGE);
    let checks = StoredValue::new(checks);
    // Each row with its fate and, for a client made or filled in, what it will hold.
    let rows = Memo::new(move |_| {
        let plan = planned.get()?;
        let result: HashMap<Id, &Client> = plan.batch.clients.iter().map(|c| (c.id, c)).collect();
        let f = filter.get();
        Some(checks.with_value(|list| {
            list.iter()
                .zip(&plan.fates)
                .filter(|(c, r)| f.keeps(r.fate, !c.problems.is_empty()))
                .map(|(c, r)| {
                    let held = match r.fate {
                        Fate::Created(id) | Fate::Updated(id) => {
                            result.get(&id).map(|c| contacts(c)).unwrap_or_default()
                        }
                        _ => String::new(),
                    };
                    (c.clone(), r.fate, held)
                })
                .collect::<Vec<_>>()
        }))
    });
    let existing_name = move |id: Id| {
        s.base.with_untracked(|b| {
            b.clients
                .get(&id)
                .map(crate::domain::format::full_name)
                .unwrap_or_default()
        })
    };
    let outcome = move |fate: Fate| {
        let text = fate_text(&fate, s.lang.get_untracked());
        match fate {
            Fate::Updated(id) | Fate::Unchanged(id) | Fate::Skipped(id) => {
                format!("{text}: {}", existing_name(id))
            }
            _ => text,
        }
    };
    view! {
        <label class="field">
            <span class="label">{tx(|t| t.b.show_rows)}</span>
            <select id="import-filter" on:change=move |ev| {
                let v = event_target_value(&ev);
                filter.set(Filter::ALL.iter().find(|(_, k)| *k == v).map_or(Filter::All, |(f, _)| *f));
                shown.set(PAGE);
            }>
                {Filter::ALL.iter().map(|(f, key)| { let f = *f; view! {
                    <option value=*key selected=move || filter.get() == f>{move || f.label(s.tr())}</option>
                }}).collect_view()}
            </select>
        </label>
        <table class="dense" id="import-rows">
            <thead><tr>
                <th>{tx(|t| t.b.line)}</th><th>{tx(|t| t.name)}</th><th>{tx(|t| t.b.verdict)}</th>
                <th>{tx(|t| t.b.result_contacts)}</th><th>{tx(|t| t.b.problems)}</th>
            </tr></thead>
            <tbody>
                {move || rows.get().unwrap_or_default().into_iter().take(shown.get()).map(|(r, fate, held)| {
                    let lang = s.lang.get_untracked();
                    let problems = r.problems.iter()
                        .map(|(f, p)| format!("{}: {}", s.tr_untracked().field_path(f), problem_text(lang, *p)))
                        .collect::<Vec<_>>().join("; ");
                    view! {
                        <tr class:bad=fate == Fate::Refused class:warn=!r.problems.is_empty() && fate != Fate::Refused>
                            <td class="num">{r.line}</td>
                            <td>{crate::domain::format::full_name(&r.client)}</td>
                            <td>{outcome(fate)}</td>
                            <td>{held}</td>
                            <td>{problems}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <Show when=move || rows.with(|r| r.as_ref().is_some_and(|r| r.len() > shown.get()))>
            <button id="import-more" on:click=move |_| shown.update(|n| *n += PAGE)>
                {tx(|t| t.b.show_more)} " (" {move || rows.with(|r| r.as_ref().map_or(0, |r| r.len().saturating_sub(shown.get())))} ")"
            </button>
        </Show>
    }
}

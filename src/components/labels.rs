//! A4 sheets of 3 × 8 address labels (70 × 37 mm), for the day's letters and for address lists.

use leptos::prelude::*;

use crate::domain::mailing::label::label_size;

pub const LABELS_PER_SHEET: usize = 24;

#[component]
pub fn LabelSheets(labels: Vec<Vec<String>>) -> impl IntoView {
    labels
        .chunks(LABELS_PER_SHEET)
        .map(|chunk| {
            view! {
                <article class="sheet labels">
                    {chunk.iter().map(|lines| view! {
                        <div class=label_size(lines).class()>{lines.iter().map(|l| view! { <div>{l.clone()}</div> }).collect_view()}</div>
                    }).collect_view()}
                </article>
            }
        })
        .collect_view()
}

//! Which phrasings of each paragraph get answers, for the figures' period, and the setting that
//! lets the composer favour them (letters::learning).

use leptos::prelude::*;

use crate::app::i18n::tx;
use crate::app::state::use_app;
use crate::domain::format::{group, money};
use crate::domain::letters::figures::Period;
use crate::domain::letters::learning::{examples, learn};
use crate::storage;

#[component]
pub(super) fn Phrasings(#[prop(into)] period: Signal<Period>) -> impl IntoView {
    let s = use_app();
    let rows = Memo::new(move |_| {
        let p = period.get();
        s.base.with(|b| {
            s.settings.with(|set| {
                let learned = learn(b, set.attribution_days, Some(p));
                let shown = examples(b, set, &learned);
                learned
                    .rows()
                    .into_iter()
                    .map(|(slot, key, t)| {
                        let full = format!("{slot}.{key}");
                        (
                            slot.to_string(),
                            shown.get(&full).cloned().unwrap_or(full),
                            t,
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let favour = move |ev| {
        let mut next = s.settings.get_untracked();
        next.favour_answers = event_target_checked(&ev);
        match storage::save_settings(&next) {
            Ok(()) => s.settings.set(next),
            Err(e) => s.storage_error(&e),
        }
    };
    view! {
        <section class="phrasings" id="phrasings">
            <h2>{tx(|t| t.l.phrasings)}</h2>
            <label class="check">
                <input type="checkbox" id="favour-answers" on:change=favour
                    prop:checked=move || s.settings.with(|x| x.favour_answers) />
                {tx(|t| t.l.favour_answers)}
            </label>
            <p class="hint">{tx(|t| t.l.favour_hint)}</p>
            <table class="dense">
                <thead><tr>
                    <th scope="col">{tx(|t| t.l.paragraph_col)}</th>
                    <th scope="col">{tx(|t| t.l.phrasing_col)}</th>
                    <th scope="col" class="num">{tx(|t| t.l.letters_col)}</th>
                    <th scope="col" class="num">{tx(|t| t.l.answers_col)}</th>
                    <th scope="col" class="num">{tx(|t| t.l.rate_col)}</th>
                    <th scope="col" class="num">{tx(|t| t.l.fig_handed_over)}</th>
                    <th scope="col" class="num">{tx(|t| t.l.fig_revenue)}</th>
                </tr></thead>
                <tbody>
                    {move || {
                        let t = s.tr();
                        let lang = s.lang.get();
                        rows.get().into_iter().map(|(slot, example, tally)| {
                            let rate = tally.rate().map_or_else(
                                || t.l.too_few.to_string(),
                                |r| format!("{:.1}\u{a0}%", r * 100.0),
                            );
                            view! {
                                <tr>
                                    <td>{(t.l.paragraph)(&slot)}</td>
                                    <td class="phrase">{example}</td>
                                    <td class="num">{group(i64::from(tally.letters))}</td>
                                    <td class="num">{group(i64::from(tally.answered))}</td>
                                    <td class="num rate">{rate}</td>
                                    <td class="num">{group(i64::from(tally.interested))}</td>
                                    <td class="num">{money(tally.revenue_kop, lang)}</td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </section>
    }
}

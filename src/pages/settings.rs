//! Settings of this installation: who signs the letters and how the rotation runs.

use leptos::prelude::*;

use crate::app::i18n::tx;
use crate::app::person::PersonPicker;
use crate::app::state::use_app;
use crate::components::field::{Field, TextArea};
use crate::domain::model::Lang;
use crate::domain::settings::Settings;
use crate::storage;

/// A typed number: empty is 0, more digits than fit is the largest number (so the range check
/// names it instead of the field silently keeping another value).
fn parse_number(text: &str) -> u32 {
    let t = text.trim();
    if t.is_empty() {
        return 0;
    }
    t.parse()
        .unwrap_or(if t.bytes().all(|b| b.is_ascii_digit()) {
            u32::MAX
        } else {
            0
        })
}

fn parse_holidays(text: &str) -> Result<Vec<chrono::NaiveDate>, String> {
    text.split(['\n', ',', ';'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| crate::domain::format::parse_date(l).ok_or_else(|| l.to_string()))
        .collect()
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let s = use_app();
    let d = RwSignal::new(s.settings.get_untracked());
    let holidays = RwSignal::new(d.with_untracked(|d| {
        d.holidays
            .iter()
            .map(|h| crate::domain::format::dmy(*h))
            .collect::<Vec<_>>()
            .join("\n")
    }));
    let number = move |get: fn(&Settings) -> u32| Signal::derive(move || d.with(get).to_string());
    let text = move |get: fn(&Settings) -> String| Signal::derive(move || d.with(get));
    // The problem of one field (its name in the backup file), shown under it.
    let problem = move |field: &'static str| {
        Signal::derive(move || {
            let p = d.with(|d| d.problems().into_iter().find(|p| p.field() == field))?;
            Some(s.tr().settings_problem(p))
        })
    };
    let bad_holiday = Signal::derive(move || {
        parse_holidays(&holidays.get())
            .err()
            .map(|l| format!("{}: {l}", s.tr().bad_date))
    });
    let save = move |_| {
        let mut next = d.get_untracked();
        match parse_holidays(&holidays.get_untracked()) {
            Ok(h) => next.holidays = h,
            Err(_) => {
                s.toast(s.tr_untracked().fix_marked, true);
                return;
            }
        }
        if !next.problems().is_empty() {
            s.toast(s.tr_untracked().fix_marked, true);
            return;
        }
        match storage::save_settings(&next) {
            Ok(()) => {
                if let Some(l) = next.ui_language {
                    s.lang.set(l);
                }
                s.settings.set(next);
                s.toast(s.tr_untracked().saved, false);
            }
            Err(e) => s.storage_error(&e),
        }
    };
    let weekdays = move || s.tr().weekdays;
    view! {
        <section class="settings">
            <div class="toolbar">
                <h1>{tx(|t| t.settings)}</h1>
                <span class="spacer"></span>
                <button class="primary" id="save-settings" on:click=save>{tx(|t| t.save)}</button>
            </div>
            <fieldset class="grid">
                <legend>{tx(|t| t.sender)}</legend>
                <Field label=|t| t.company name="company" wide=true value=text(|d| d.company.clone()) on_input=move |v: String| d.update(|d| d.company = v) error=problem("company") />
                <Field label=|t| t.sender_name name="sender_name" value=text(|d| d.sender_name.clone()) on_input=move |v: String| d.update(|d| d.sender_name = v) error=problem("sender_name") />
                <Field label=|t| t.sender_title name="sender_title" wide=true value=text(|d| d.sender_title.clone()) on_input=move |v: String| d.update(|d| d.sender_title = v) error=problem("sender_title") />
                <Field label=|t| t.sender_email name="sender_email" kind="email" wide=true value=text(|d| d.sender_email.clone()) on_input=move |v: String| d.update(|d| d.sender_email = v) error=problem("sender_email") placeholder="letters@example.ru" />
                <TextArea label=|t| t.signature name="signature" value=text(|d| d.signature.clone()) on_input=move |v: String| d.update(|d| d.signature = v) error=problem("signature") />
                <TextArea label=|t| t.return_address name="return_address" value=text(|d| d.return_address.clone()) on_input=move |v: String| d.update(|d| d.return_address = v) error=problem("return_address") />
            </fieldset>
            <fieldset class="grid">
                <legend>{tx(|t| t.sender_en)}</legend>
                <Field label=|t| t.company name="company_en" wide=true value=text(|d| d.company_en.clone()) on_input=move |v: String| d.update(|d| d.company_en = v) error=problem("company_en") placeholder="Lavrovy Venets" />
                <Field label=|t| t.sender_name name="sender_name_en" value=text(|d| d.sender_name_en.clone()) on_input=move |v: String| d.update(|d| d.sender_name_en = v) error=problem("sender_name_en") placeholder="Ivan Petrov" />
                <Field label=|t| t.sender_title name="sender_title_en" wide=true value=text(|d| d.sender_title_en.clone()) on_input=move |v: String| d.update(|d| d.sender_title_en = v) error=problem("sender_title_en") />
                <TextArea label=|t| t.signature name="signature_en" value=text(|d| d.signature_en.clone()) on_input=move |v: String| d.update(|d| d.signature_en = v) error=problem("signature_en") />
            </fieldset>
            <fieldset class="grid">
                <legend>{tx(|t| t.rotation)}</legend>
                <Field label=|t| t.quota name="quota" kind="number" value=number(|d| d.quota)
                    on_input=move |v: String| d.update(|d| d.quota = parse_number(&v))
                    error=problem("quota") />
                <Field label=|t| t.cycle_days name="cycle_days" kind="number" value=number(|d| d.cycle_days)
                    on_input=move |v: String| d.update(|d| d.cycle_days = parse_number(&v))
                    error=problem("cycle_days") />
                <Field label=|t| t.minutes_per_letter name="minutes_per_letter" kind="number" value=number(|d| d.minutes_per_letter)
                    on_input=move |v: String| d.update(|d| d.minutes_per_letter = parse_number(&v))
                    error=problem("minutes_per_letter") />
                <Field label=|t| t.minutes_per_call name="minutes_per_call" kind="number" value=number(|d| d.minutes_per_call)
                    on_input=move |v: String| d.update(|d| d.minutes_per_call = parse_number(&v))
                    error=problem("minutes_per_call") />
                <Field label=|t| t.attribution_days name="attribution_days" kind="number" value=number(|d| d.attribution_days)
                    on_input=move |v: String| d.update(|d| d.attribution_days = parse_number(&v))
                    error=problem("attribution_days") />
                <Field label=|t| t.s.new_within_months name="new_within_months" kind="number" value=number(|d| d.new_within_months)
                    on_input=move |v: String| d.update(|d| d.new_within_months = parse_number(&v))
                    error=problem("new_within_months") />
                <Field label=|t| t.s.inactive_days name="inactive_days" kind="number" value=number(|d| d.inactive_days)
                    on_input=move |v: String| d.update(|d| d.inactive_days = parse_number(&v))
                    error=problem("inactive_days") />
                <Field label=|t| t.s.work_from name="work_from" kind="number" value=number(|d| d.work_from)
                    on_input=move |v: String| d.update(|d| d.work_from = parse_number(&v))
                    error=problem("work_from") />
                <Field label=|t| t.s.work_to name="work_to" kind="number" value=number(|d| d.work_to)
                    on_input=move |v: String| d.update(|d| d.work_to = parse_number(&v))
                    error=problem("work_to") />
                <Field label=|t| t.s.answer_finance name="answer_finance" kind="number" value=number(|d| d.answer_hours[0])
                    on_input=move |v: String| d.update(|d| d.answer_hours[0] = parse_number(&v))
                    error=problem("answer_hours[0]") />
                <Field label=|t| t.s.answer_technical name="answer_technical" kind="number" value=number(|d| d.answer_hours[1])
                    on_input=move |v: String| d.update(|d| d.answer_hours[1] = parse_number(&v))
                    error=problem("answer_hours[1]") />
                <Field label=|t| t.s.answer_quality name="answer_quality" kind="number" value=number(|d| d.answer_hours[2])
                    on_input=move |v: String| d.update(|d| d.answer_hours[2] = parse_number(&v))
                    error=problem("answer_hours[2]") />
                <Field label=|t| t.s.answer_sales name="answer_sales" kind="number" value=number(|d| d.answer_hours[3])
                    on_input=move |v: String| d.update(|d| d.answer_hours[3] = parse_number(&v))
                    error=problem("answer_hours[3]") />
                <div class="field wide">
                    <span class="label">{tx(|t| t.working_days)}</span>
                    <span class="days">
                        {(0..7).map(|i| view! {
                            <label class="check">
                                <input type="checkbox" prop:checked=move || d.with(|d| d.working_days[i])
                                    on:change=move |ev| d.update(|d| d.working_days[i] = event_target_checked(&ev)) />
                                {move || weekdays()[i]}
                            </label>
                        }).collect_view()}
                    </span>
                    <span class="error">{move || problem("working_days").get()}</span>
                </div>
                <label class="field wide" class:invalid=move || bad_holiday.get().is_some()>
                    <span class="label">{tx(|t| t.holidays)}</span>
                    <textarea name="holidays" rows="3" placeholder="01.01.2027" prop:value=move || holidays.get()
                        on:input=move |ev| holidays.set(event_target_value(&ev))></textarea>
                    <span class="error">{move || bad_holiday.get()}</span>
                </label>
            </fieldset>
            <fieldset class="grid">
                <legend>{tx(|t| t.interface)}</legend>
                <label class="field">
                    <span class="label">{tx(|t| t.ui_language)}</span>
                    <select name="ui_language" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        d.update(|d| d.ui_language = match v.as_str() { "ru" => Some(Lang::Ru), "en" => Some(Lang::En), _ => None });
                    }>
                        <option value="" selected=move || d.with(|d| d.ui_language.is_none())>{tx(|t| t.browser_language)}</option>
                        <option value="ru" selected=move || d.with(|d| d.ui_language == Some(Lang::Ru))>"Русский"</option>
                        <option value="en" selected=move || d.with(|d| d.ui_language == Some(Lang::En))>"English"</option>
                    </select>
                </label>
            </fieldset>
            <fieldset class="grid" id="this-computer">
                <legend>{tx(|t| t.who_is_here_title)}</legend>
                <PersonPicker id="settings-person" />
                <p class="hint wide">{tx(|t| t.who_is_here_hint)}</p>
            </fieldset>
        </section>
    }
}

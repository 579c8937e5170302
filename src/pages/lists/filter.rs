//! The filter of an address list: every control writes straight into the [`ListFilter`].

use leptos::prelude::*;
use uuid::Uuid;

use crate::app::i18n::tx;
use crate::app::state::use_app;
use crate::domain::mailing::segments;
use crate::domain::model::*;

#[component]
pub fn FilterForm(filter: RwSignal<ListFilter>) -> impl IntoView {
    let s = use_app();
    let all_segments = Memo::new(move |_| s.base.with(segments));
    let owner_value = move || match filter.with(|f| f.owner) {
        OwnerFilter::Any => "any".to_string(),
        OwnerFilter::Nobody => "nobody".into(),
        OwnerFilter::Owned => "owned".into(),
        OwnerFilter::Staff(id) => id.to_string(),
    };
    let set_owner = move |v: String| {
        let owner = match v.as_str() {
            "nobody" => OwnerFilter::Nobody,
            "owned" => OwnerFilter::Owned,
            other => Uuid::parse_str(other)
                .map(OwnerFilter::Staff)
                .unwrap_or(OwnerFilter::Any),
        };
        filter.update(|f| f.owner = owner);
    };
    let kind_value = move || match filter.with(|f| f.kind) {
        None => "any",
        Some(ClientKind::Company) => "company",
        Some(ClientKind::Person) => "person",
    };
    view! {
        <fieldset class="channel">
            <legend>{tx(|t| t.q.channel)}</legend>
            <label><input type="radio" name="channel" id="channel-post"
                prop:checked=move || filter.with(|f| f.channel == ListChannel::Post)
                on:change=move |_| filter.update(|f| f.channel = ListChannel::Post) /> {tx(|t| t.q.by_post)}</label>
            <label><input type="radio" name="channel" id="channel-email"
                prop:checked=move || filter.with(|f| f.channel == ListChannel::Email)
                on:change=move |_| filter.update(|f| f.channel = ListChannel::Email) /> {tx(|t| t.q.by_email)}</label>
            <label><input type="checkbox" id="also-other"
                prop:checked=move || filter.with(|f| f.also_other)
                on:change=move |ev| filter.update(|f| f.also_other = event_target_checked(&ev)) />
                {move || if filter.with(|f| f.channel == ListChannel::Post) { s.tr().q.also_email } else { s.tr().q.also_post }}</label>
        </fieldset>
        <label class="field">
            <span class="label">{tx(|t| t.q.kind)}</span>
            <select id="list-kind" prop:value=kind_value on:change=move |ev| {
                let kind = match event_target_value(&ev).as_str() {
                    "company" => Some(ClientKind::Company),
                    "person" => Some(ClientKind::Person),
                    _ => None,
                };
                filter.update(|f| f.kind = kind);
            }>
                <option value="any">{tx(|t| t.q.any)}</option>
                <option value="company">{tx(|t| t.q.companies)}</option>
                <option value="person">{tx(|t| t.q.persons)}</option>
            </select>
        </label>
        <fieldset class="segments" id="list-segments">
            <legend>{tx(|t| t.q.segments)}</legend>
            {move || all_segments.get().into_iter().map(|seg| {
                let value = seg.clone();
                let checked = {
                    let seg = seg.clone();
                    move || filter.with(|f| f.segments.contains(&seg))
                };
                view! {
                    <label><input type="checkbox" value=seg.clone() prop:checked=checked on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let value = value.clone();
                        filter.update(|f| {
                            f.segments.retain(|x| *x != value);
                            if on {
                                f.segments.push(value);
                            }
                        });
                    } /> {seg}</label>
                }
            }).collect_view()}
        </fieldset>
        <label class="field">
            <span class="label">{tx(|t| t.q.place)}</span>
            <input id="list-place" prop:value=move || filter.with(|f| f.place.clone())
                on:change=move |ev| filter.update(|f| f.place = event_target_value(&ev)) />
        </label>
        <label class="field">
            <span class="label">{tx(|t| t.q.owner)}</span>
            <select id="list-owner" prop:value=owner_value on:change=move |ev| set_owner(event_target_value(&ev))>
                <option value="any">{tx(|t| t.q.owner_any)}</option>
                <option value="nobody">{tx(|t| t.q.owner_nobody)}</option>
                <option value="owned">{tx(|t| t.q.owner_owned)}</option>
                {move || s.base.with(|b| b.staff.iter().filter(|st| st.active).map(|st| view! {
                    <option value=st.id.to_string()>{st.name.clone()}</option>
                }).collect_view())}
            </select>
        </label>
    }
}

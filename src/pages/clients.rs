use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::app::i18n::tx;
use crate::app::router::{navigate, Route};
use crate::app::state::use_app;
use crate::components::virtual_list::VirtualList;
use crate::domain::contact::normalize_phone;
use crate::domain::format::{full_name, group};
use crate::domain::search::{query, ClientQuery, OwnerFilter};

const ROW_HEIGHT: u32 = 34;

#[component]
pub fn Clients() -> impl IntoView {
    let s = use_app();
    let text = RwSignal::new(String::new());
    let owner = RwSignal::new(String::from("any"));
    let segment = RwSignal::new(String::new());

    let segments = Memo::new(move |_| {
        s.base.with(|b| {
            b.clients
                .iter()
                .flat_map(|c| c.segments.iter().cloned())
                .collect::<BTreeSet<String>>()
        })
    });
    let results = Memo::new(move |_| {
        let q = ClientQuery {
            text: text.get(),
            owner: match owner.get().as_str() {
                "any" => OwnerFilter::Any,
                "nobody" => OwnerFilter::Nobody,
                id => uuid::Uuid::parse_str(id)
                    .map(OwnerFilter::Staff)
                    .unwrap_or_default(),
            },
            segment: Some(segment.get()).filter(|s| !s.is_empty()),
        };
        s.index
            .with(|idx| s.base.with(|b| query(idx, &b.clients, &q)))
    });
    let count = Signal::derive(move || results.with(Vec::len));

    let row = move |i: usize| {
        let id = results.with(|r| r.get(i).copied());
        let Some(id) = id else { return ().into_any() };
        s.base.with(|b| {
            let Some(c) = b.clients.get(&id) else { return ().into_any() };
            let phone = c
                .phones
                .first()
                .map(|p| normalize_phone(&p.number).map(|n| n.display()).unwrap_or_else(|_| p.number.clone()))
                .unwrap_or_default();
            let owner = c
                .owner
                .and_then(|o| b.staff.get(&o))
                .map(|st| st.name.clone())
                .unwrap_or_default();
            let city = c.addresses.first().map(|a| a.city.clone()).unwrap_or_default();
            let email = c.emails.first().map(|e| e.address.clone()).unwrap_or_default();
            let name = full_name(c);
            view! {
                <a class="row" role="row" href=Route::Client(id).href() class:dnc=c.do_not_contact.is_some()>
                    <span role="cell" class="name">{name}</span>
                    <span role="cell">{city}</span>
                    <span role="cell" class="num">{phone}</span>
                    <span role="cell">{email}</span>
                    <span role="cell">{owner}</span>
                    <span role="cell">{c.segments.join(", ")}</span>
                </a>
            }
            .into_any()
        })
    };

    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" {
            if let Some(id) = results.with_untracked(|r| r.first().copied()) {
                navigate(&Route::Client(id));
            }
        }
    };

    view! {
        <section class="clients">
            <div class="toolbar">
                <h1>{tx(|t| t.clients)}</h1>
                <input
                    type="search"
                    id="client-search"
                    class="search"
                    autofocus
                    placeholder=tx(|t| t.search_placeholder)
                    aria-label=tx(|t| t.search_placeholder)
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    on:keydown=on_key
                />
                <select id="owner-filter" aria-label=tx(|t| t.owner) on:change=move |ev| owner.set(event_target_value(&ev))>
                    <option value="any">{tx(|t| t.owner_any)}</option>
                    <option value="nobody">{tx(|t| t.owner_nobody)}</option>
                    {move || s.base.with(|b| b.staff.iter().filter(|st| st.active).map(|st| view! {
                        <option value=st.id.to_string()>{st.name.clone()}</option>
                    }).collect_view())}
                </select>
                <select id="segment-filter" aria-label=tx(|t| t.segment) on:change=move |ev| segment.set(event_target_value(&ev))>
                    <option value="">{tx(|t| t.segment_any)}</option>
                    {move || segments.get().into_iter().map(|seg| view! { <option value=seg.clone()>{seg.clone()}</option> }).collect_view()}
                </select>
                <Show when=move || !s.index.with(|i| i.ready()) && !text.with(String::is_empty)>
                    <span class="hint" id="indexing">{tx(|t| t.indexing)}</span>
                </Show>
                <span class="count" id="result-count">{move || format!("{} {}", s.tr().found, group(count.get() as i64))}</span>
                <a class="button" href=Route::Import.href() id="open-import">{tx(|t| t.b.import_csv)}</a>
                <a class="button" href=Route::Changes.href() id="open-changes">{tx(|t| t.b.recent_changes)}</a>
                <a class="button" href=Route::Duplicates.href() id="open-duplicates">{tx(|t| t.b.open_duplicates)}</a>
                <a class="button" href=Route::Quality.href() id="open-quality">{tx(|t| t.q.quality)}</a>
                <a class="button" href=Route::Lists.href() id="open-lists">{tx(|t| t.q.lists)}</a>
                <a class="button primary" href=Route::NewClient.href() id="new-client">{tx(|t| t.new_client)}</a>
            </div>
            <div class="table" role="table" aria-label=tx(|t| t.clients)>
                <div class="row head" role="row">
                    <span role="columnheader">{tx(|t| t.name)}</span>
                    <span role="columnheader">{tx(|t| t.city)}</span>
                    <span role="columnheader">{tx(|t| t.phone)}</span>
                    <span role="columnheader">{tx(|t| t.email)}</span>
                    <span role="columnheader">{tx(|t| t.owner)}</span>
                    <span role="columnheader">{tx(|t| t.segments)}</span>
                </div>
                <VirtualList count=count row_height=ROW_HEIGHT render=row />
            </div>
            <Show when=move || count.get() == 0 && s.index.with(|i| i.ready())>
                <p class="empty">{tx(|t| t.nothing_found)}</p>
            </Show>
        </section>
    }
}

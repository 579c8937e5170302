//! Duplicates: the proposed clusters, most certain first, each with its reasons; the records side by
//! side with a choice per field; merge, «not duplicates», and the merges that can still be undone.

use leptos::prelude::*;

use crate::app::browser::new_id;
use crate::app::clock::now;
use crate::app::i18n::{tx, Said};
use crate::app::pending::Pending;
use crate::app::router::Route;
use crate::app::scan::{decided, ensure, rescan};
use crate::app::state::{use_app, AppState};
use crate::domain::base::{Base, Batch};
use crate::domain::dedup::merge::{merge, not_duplicate, undo, Choices};
use crate::domain::dedup::{Cluster, Field, Match};
use crate::domain::format::{dmy_hm, full_name};
use crate::domain::history::address_line;
use crate::domain::model::*;

fn reason(s: AppState, field: Field, how: Match) -> String {
    let b = s.tr().b;
    let f = match field {
        Field::Inn => b.f_inn,
        Field::Phone => b.f_phone,
        Field::Email => b.f_email,
        Field::Name => b.f_name,
        Field::Person => b.f_person,
        Field::Contact => b.f_contact,
        Field::Kpp => b.f_kpp,
        Field::Address => b.f_address,
        Field::Postcode => b.f_postcode,
        Field::LegalForm => b.f_legal_form,
    };
    let h = match how {
        Match::Same => b.m_same,
        Match::Close => b.m_close,
        Match::Similar => b.m_similar,
        Match::Shared => b.m_shared,
        Match::Unrelated => b.m_unrelated,
        Match::SameStreet => b.m_same_street,
        Match::SameCity => b.m_same_city,
        Match::Different => b.m_different,
    };
    format!("{f}: {h}")
}

/// The record that survives by default: the one with most orders, then the oldest.
fn default_survivor(base: &Base, members: &[Id]) -> Id {
    members
        .iter()
        .copied()
        .max_by_key(|id| {
            let orders = base.orders.iter().filter(|o| o.client == *id).count();
            let created = base.clients.get(id).map(|c| c.created_at);
            (orders, std::cmp::Reverse(created))
        })
        .unwrap_or_default()
}

#[component]
pub fn DuplicatesPage() -> impl IntoView {
    let s = use_app();
    let clusters = Memo::new(move |_| {
        s.duplicates
            .with(|d| d.as_ref().map(|d| d.clusters.clone()))
    });
    let open: RwSignal<usize> = RwSignal::new(0);
    // And again after every change to the clients (a merge here, an edit in another tab).
    ensure(s);
    // A fresh scan each visit; «not a duplicate» decisions arrive with the history, after the
    // first paint.
    Effect::new(move || {
        if s.history_ready.get() {
            rescan(s);
        }
    });
    let merges = Memo::new(move |_| {
        s.base.with(|b| {
            let mut v: Vec<(Id, Timestamp, String)> = b
                .decisions
                .iter()
                .filter_map(|d| match &d.what {
                    DecisionKind::Merge {
                        survivor,
                        merged,
                        undone_at: None,
                        ..
                    } => Some((
                        d.id,
                        d.at,
                        format!(
                            "{} ← {}",
                            b.clients.get(survivor).map(full_name).unwrap_or_default(),
                            merged.len()
                        ),
                    )),
                    _ => None,
                })
                .collect();
            crate::domain::sort::sort_by_key(&mut v, |x| std::cmp::Reverse(x.1));
            v
        })
    });
    let done_with = move |i: usize| {
        if let Some(members) = clusters
            .with_untracked(|c| c.as_ref().and_then(|c| c.get(i)).map(|c| c.members.clone()))
        {
            decided(s, &members);
        }
    };
    let undo_merge = move |id: Id| match s.base.with_untracked(|b| undo(b, id, now())) {
        Ok(batch) => s.save_then(batch, |t| t.b.merge_undone, move || rescan(s)),
        Err(e) => s.toast(e.said(s.tr_untracked()), true),
    };
    view! {
        <section class="duplicates">
            <div class="toolbar">
                <a class="back" href=Route::Clients.href()>{tx(|t| t.back_to_clients)}</a>
                <h1>{tx(|t| t.b.duplicates)}</h1>
                <span class="count" id="cluster-count">{move || clusters.with(|c| c.as_ref().map(Vec::len))}</span>
                <span class="spacer"></span>
                <button on:click=move |_| rescan(s)>{tx(|t| t.b.scan_again)}</button>
            </div>
            {move || match clusters.get() {
                None => view! { <p class="loading">{tx(|t| t.b.searching)}</p> }.into_any(),
                Some(list) if list.is_empty() => view! { <p class="empty" id="no-duplicates">{tx(|t| t.b.no_duplicates)}</p> }.into_any(),
                Some(list) => {
                    let i = open.get().min(list.len() - 1);
                    view! {
                        <div class="dup-layout">
                            <ol class="clusters" id="clusters">
                                {list.iter().enumerate().map(|(k, c)| {
                                    let names = s.base.with_untracked(|b| c.members.iter().filter_map(|id| b.clients.get(id)).map(full_name).collect::<Vec<_>>().join(" · "));
                                    let pct = (c.score * 100.0).round() as i64;
                                    view! {
                                        <li><button class:current=k == i on:click=move |_| open.set(k)>
                                            <span class="score">{format!("{pct}%")}</span> {names}
                                        </button></li>
                                    }
                                }).collect_view()}
                            </ol>
                            <ClusterView cluster=list[i].clone() on_done=Callback::new(move |_| done_with(i)) />
                        </div>
                    }.into_any()
                }
            }}
            <div class="panel">
                <h2>{tx(|t| t.b.recent_merges)}</h2>
                <ul class="merges" id="merges">
                    {move || merges.get().into_iter().map(|(id, at, what)| view! {
                        <li>
                            <span class="num">{dmy_hm(crate::app::clock::local(at))}</span> " " {what} " "
                            <button class="undo" on:click=move |_| undo_merge(id)>{tx(|t| t.b.undo)}</button>
                        </li>
                    }).collect_view()}
                </ul>
            </div>
        </section>
    }
}

#[component]
fn ClusterView(cluster: Cluster, #[prop(into)] on_done: Callback<()>) -> impl IntoView {
    let s = use_app();
    let members = cluster.members.clone();
    let survivor = RwSignal::new(s.base.with_untracked(|b| default_survivor(b, &members)));
    let auto = cluster.pairs.iter().all(|p| p.auto_merge);
    // What spoke for the match first, then what spoke against it.
    let mut evidence: Vec<&crate::domain::dedup::Evidence> = cluster
        .pairs
        .iter()
        .flat_map(|p| p.evidence.iter())
        .collect();
    evidence.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    let mut reasons: Vec<(Field, Match)> = Vec::new();
    for e in evidence {
        if !reasons.contains(&(e.field, e.how)) {
            reasons.push((e.field, e.how));
        }
    }
    let clients: Vec<Client> = s.base.with_untracked(|b| {
        members
            .iter()
            .filter_map(|id| b.clients.get(id).cloned())
            .collect()
    });
    let suggest = {
        let clients = clients.clone();
        move |keep: Id| Choices::suggested(&clients.iter().collect::<Vec<_>>(), keep)
    };
    let choices = RwSignal::new(suggest(survivor.get_untracked()));
    let orders = s.base.with_untracked(|b| {
        members
            .iter()
            .map(|id| b.orders.iter().filter(|o| o.client == *id).count())
            .collect::<Vec<_>>()
    });
    let staff_name = move |id: Option<Id>| {
        s.base.with_untracked(|b| {
            id.and_then(|i| b.staff.get(&i))
                .map(|st| st.name.clone())
                .unwrap_or_default()
        })
    };

    type Get = fn(&Client) -> String;
    let ids: Vec<Id> = clients.iter().map(|c| c.id).collect();
    // One radio per record for a single-valued field; `values` in the records' order.
    let choice_row = move |key: &'static str,
                           label: fn(&crate::app::i18n::Tr) -> &'static str,
                           values: Vec<String>,
                           set: fn(&mut Choices, Id),
                           read: fn(&Choices) -> Id| {
        let cells = ids
            .iter()
            .zip(values)
            .map(|(&id, value)| {
                view! {
                    <td>
                        <label class="pick">
                            <input type="radio" name=format!("pick-{key}")
                                prop:checked=move || read(&choices.get()) == id
                                on:change=move |_| choices.update(|ch| set(ch, id)) />
                            {value}
                        </label>
                    </td>
                }
            })
            .collect_view();
        view! { <tr><th>{tx(label)}</th>{cells}</tr> }
    };
    let values = |get: &dyn Fn(&Client) -> String| clients.iter().map(get).collect::<Vec<_>>();
    let list_row = |label: fn(&crate::app::i18n::Tr) -> &'static str, get: Get| {
        let cells = clients
            .iter()
            .map(|c| view! { <td>{get(c)}</td> })
            .collect_view();
        view! { <tr><th>{tx(label)}</th>{cells}</tr> }
    };
    // One decision per cluster at a time: merge and «not duplicates» wait for each other.
    let deciding = Pending::new();
    let do_merge = move |_| {
        if !auto && !s.confirm(|t| t.b.confirm_forms_differ) {
            return;
        }
        let keep = survivor.get_untracked();
        let others: Vec<Id> = members.iter().copied().filter(|id| *id != keep).collect();
        match s
            .base
            .with_untracked(|b| merge(b, keep, &others, &choices.get_untracked(), now(), new_id))
        {
            Ok(batch) => s.save_then_in(
                Some(deciding),
                batch,
                |t| t.b.merged,
                move || on_done.run(()),
            ),
            Err(e) => s.toast(e.said(s.tr_untracked()), true),
        }
    };
    let pairs: Vec<(Id, Id)> = cluster.pairs.iter().map(|p| (p.a, p.b)).collect();
    let not_dupes = move |_| {
        let at = now();
        let mut batch = Batch::default();
        for (a, b) in &pairs {
            batch
                .decisions
                .extend(not_duplicate(*a, *b, at, new_id()).decisions);
        }
        s.save_then_in(
            Some(deciding),
            batch,
            |t| t.b.marked_not_duplicates,
            move || on_done.run(()),
        );
    };
    view! {
        <div class="cluster" id="cluster">
            <p class="reasons" id="reasons">
                {reasons.into_iter().map(|(f, h)| view! { <span class="reason">{move || reason(s, f, h)}</span> }).collect_view()}
            </p>
            {(!auto).then(|| view! { <p class="badge warn">{tx(|t| t.b.forms_differ)}</p> })}
            <table class="dense side-by-side">
                <thead>
                    <tr>
                        <th>{tx(|t| t.b.survives)}</th>
                        {clients.iter().map(|c| {
                            let id = c.id;
                            view! {
                                <th>
                                    <label class="pick">
                                        <input type="radio" name="survivor" prop:checked=move || survivor.get() == id
                                            on:change={let suggest = suggest.clone(); move |_| { survivor.set(id); choices.set(suggest(id)); }} />
                                        <a href=Route::Client(id).href()>{full_name(c)}</a>
                                    </label>
                                </th>
                            }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {choice_row("name", |t| t.name, values(&|c| c.name.clone()), |ch, id| ch.name = id, |ch| ch.name)}
                    {choice_row("legal_form", |t| t.legal_form, values(&|c| c.legal_form.clone()), |ch, id| ch.legal_form = id, |ch| ch.legal_form)}
                    {choice_row("inn", |t| t.inn, values(&|c| c.inn.clone()), |ch, id| ch.inn = id, |ch| ch.inn)}
                    {list_row(|t| t.phone, |c| c.phones.iter().map(|p| p.number.clone()).collect::<Vec<_>>().join(", "))}
                    {list_row(|t| t.email, |c| c.emails.iter().map(|e| e.address.clone()).collect::<Vec<_>>().join(", "))}
                    {list_row(|t| t.addresses, |c| c.addresses.iter().map(address_line).collect::<Vec<_>>().join("; "))}
                    {choice_row("owner", |t| t.owner, values(&|c| staff_name(c.owner)), |ch, id| ch.owner = id, |ch| ch.owner)}
                    {choice_row("dnc", |t| t.do_not_contact, values(&|c| c.do_not_contact.as_ref().map(|d| d.reason.clone()).unwrap_or_else(|| "—".into())), |ch, id| ch.do_not_contact = id, |ch| ch.do_not_contact)}
                    <tr><th>{tx(|t| t.orders)}</th>{orders.into_iter().map(|n| view! { <td class="num">{n}</td> }).collect_view()}</tr>
                </tbody>
            </table>
            <p class="hint">{tx(|t| t.b.merge_hint)}</p>
            <div class="actions">
                <button class="primary" id="merge" disabled=move || deciding.get() on:click=do_merge>{tx(|t| t.b.merge)}</button>
                <button id="not-duplicates" disabled=move || deciding.get() on:click=not_dupes>{tx(|t| t.b.not_duplicates)}</button>
            </div>
        </div>
    }
}

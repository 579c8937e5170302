//! The client's order history, with an editor for one order at a time.

use leptos::prelude::*;

use crate::app::browser::new_id;
use crate::app::clock::{now, today};
use crate::app::i18n::{problem_text, tx};
use crate::app::state::use_app;
use crate::domain::base::{Base, Batch};
use crate::domain::format::{dmy, money, money_input, parse_money};
use crate::domain::model::*;
use crate::domain::validate::validate_order;

fn blank_order(client: Id) -> Order {
    Order {
        id: new_id(),
        client,
        date: today(),
        lines: vec![OrderLine {
            product: None,
            description: String::new(),
            qty: 1,
            price_kop: 0,
        }],
        source: OrderSource::Sales,
        stage: OrderStage::Contract,
        staff: None,
        letter: None,
        updated_at: now(),
    }
}

#[component]
pub fn Orders(client: Id) -> impl IntoView {
    let s = use_app();
    let editing: RwSignal<Option<Order>> = RwSignal::new(None);
    let orders = Memo::new(move |_| {
        s.base.with(|b| {
            b.orders_of(&client)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let total = move || orders.with(|o| o.iter().map(Order::total_kop).sum::<i64>());
    let delete = move |id: Id| {
        if s.confirm(|t| t.confirm_delete_order) {
            s.save_then(
                Base::tombstone(RecordKind::Order, id, now()),
                |t| t.deleted,
                || (),
            );
        }
    };
    view! {
        <section class="orders">
            <div class="toolbar">
                <h2>{tx(|t| t.orders)}</h2>
                <span class="count">{move || if s.history_ready.get() {
                    format!("{} · {}", orders.with(Vec::len), money(total(), s.lang.get()))
                } else {
                    s.tr().loading.to_string()
                }}</span>
                <span class="spacer"></span>
                <button id="add-order" on:click=move |_| editing.set(Some(blank_order(client)))>{tx(|t| t.add_order)}</button>
            </div>
            {move || editing.get().map(|o| view! { <OrderEditor order=o editing=editing /> })}
            <table class="dense orders-table">
                <thead>
                    <tr>
                        <th>{tx(|t| t.date)}</th>
                        <th>{tx(|t| t.what)}</th>
                        <th>{tx(|t| t.source)}</th>
                        <th>{tx(|t| t.stage)}</th>
                        <th class="num">{tx(|t| t.total)}</th>
                        <th></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || orders.get() key=|o| (o.id, o.updated_at) let:o>
                        <tr>
                            <td class="num">{dmy(o.date)}</td>
                            <td>{o.lines.iter().map(|l| format!("{} × {}", l.description, l.qty)).collect::<Vec<_>>().join("; ")}</td>
                            <td>{move || s.tr().order_source(o.source)}</td>
                            <td>{move || s.tr().order_stage(o.stage)}</td>
                            <td class="num">{let kop = o.total_kop(); move || money(kop, s.lang.get())}</td>
                            <td class="actions">
                                <button on:click={let o = o.clone(); move |_| editing.set(Some(o.clone()))}>{tx(|t| t.edit)}</button>
                                <button class="danger" on:click={let id = o.id; move |_| delete(id)}>{tx(|t| t.delete)}</button>
                            </td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn OrderEditor(order: Order, editing: RwSignal<Option<Order>>) -> impl IntoView {
    let s = use_app();
    let o = RwSignal::new(order);
    let tried = RwSignal::new(false);
    let bad_price = RwSignal::new(Vec::<usize>::new());
    let n = Memo::new(move |_| o.with(|o| o.lines.len()));
    let products = move || {
        s.base.with(|b| {
            let mut v: Vec<(Id, String, i64)> = b
                .products
                .iter()
                .map(|p| (p.id, p.name.clone(), p.price_kop))
                .collect();
            crate::domain::sort::sort_by(&mut v, |a, b| a.1.cmp(&b.1));
            v
        })
    };
    let line_error = move |i: usize, field: &'static str| {
        move || {
            tried.get().then(|| {
                o.with(|o| {
                    validate_order(o)
                        .into_iter()
                        .find(|p| p.field == format!("lines[{i}].{field}"))
                        .map(|p| problem_text(s.lang.get(), p.problem))
                })
            })?
        }
    };
    let save = move |_| {
        tried.set(true);
        let mut order = o.get_untracked();
        if !validate_order(&order).is_empty() || !bad_price.with_untracked(Vec::is_empty) {
            s.toast(s.tr_untracked().fix_marked, true);
            return;
        }
        order.updated_at = now();
        let batch = Batch {
            orders: vec![order],
            ..Batch::default()
        };
        s.save_then(batch, |t| t.saved, move || editing.set(None));
    };
    view! {
        <div class="editor" role="group" aria-label=tx(|t| t.order)>
            <div class="grid">
                <label class="field">
                    <span class="label">{tx(|t| t.date)}</span>
                    <input type="date" name="order_date" value=o.with_untracked(|o| o.date.to_string())
                        on:input=move |ev| if let Ok(d) = event_target_value(&ev).parse() { o.update(|o| o.date = d) } />
                </label>
                <label class="field">
                    <span class="label">{tx(|t| t.source)}</span>
                    <select name="order_source" on:change=move |ev| {
                        let v = match event_target_value(&ev).as_str() { "letter" => OrderSource::Letter, "corporate" => OrderSource::Corporate, _ => OrderSource::Sales };
                        o.update(|o| o.source = v);
                    }>
                        {[OrderSource::Sales, OrderSource::Letter, OrderSource::Corporate].into_iter().map(|src| view! {
                            <option value=format!("{src:?}").to_lowercase() selected=o.with_untracked(|o| o.source == src)>{move || s.tr().order_source(src)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="label">{tx(|t| t.stage)}</span>
                    <select name="order_stage" on:change=move |ev| {
                        let v = match event_target_value(&ev).as_str() { "contract" => OrderStage::Contract, "paid" => OrderStage::Paid, "shipped" => OrderStage::Shipped, _ => OrderStage::Closed };
                        o.update(|o| o.stage = v);
                    }>
                        {[OrderStage::Contract, OrderStage::Paid, OrderStage::Shipped, OrderStage::Closed].into_iter().map(|st| view! {
                            <option value=format!("{st:?}").to_lowercase() selected=o.with_untracked(|o| o.stage == st)>{move || s.tr().order_stage(st)}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            {move || (0..n.get()).map(|i| {
                let initial = o.with_untracked(|o| o.lines.get(i).cloned());
                let Some(initial) = initial else { return ().into_any() };
                view! {
                    <div class="line order-line">
                        <label class="field">
                            <span class="label">{tx(|t| t.product)}</span>
                            <select name="line_product" on:change=move |ev| {
                                let id = uuid::Uuid::parse_str(&event_target_value(&ev)).ok();
                                let p = id.and_then(|id| s.base.with_untracked(|b| b.products.get(&id).cloned()));
                                o.update(|o| if let Some(l) = o.lines.get_mut(i) {
                                    l.product = id;
                                    if let Some(p) = p { l.description = p.name; l.price_kop = p.price_kop; }
                                });
                            }>
                                <option value="">"—"</option>
                                {move || products().into_iter().map(|(id, name, _)| view! {
                                    <option value=id.to_string() selected=initial.product == Some(id)>{name}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        <label class="field wide">
                            <span class="label">{tx(|t| t.description)}</span>
                            <input name="line_description" prop:value=move || o.with(|o| o.lines.get(i).map(|l| l.description.clone()).unwrap_or_default())
                                on:input=move |ev| o.update(|o| if let Some(l) = o.lines.get_mut(i) { l.description = event_target_value(&ev) }) />
                            <span class="error">{line_error(i, "description")}</span>
                        </label>
                        <label class="field narrow">
                            <span class="label">{tx(|t| t.qty)}</span>
                            <input name="line_qty" inputmode="numeric" value=initial.qty.to_string()
                                on:input=move |ev| { let q = event_target_value(&ev).trim().parse().unwrap_or(0); o.update(|o| if let Some(l) = o.lines.get_mut(i) { l.qty = q }) } />
                            <span class="error">{line_error(i, "qty")}</span>
                        </label>
                        <label class="field narrow">
                            <span class="label">{tx(|t| t.price)}</span>
                            <input name="line_price" inputmode="decimal"
                                prop:value=move || o.with(|o| o.lines.get(i).map(|l| money_input(l.price_kop)).unwrap_or_default())
                                on:change=move |ev| match parse_money(&event_target_value(&ev)) {
                                    Some(k) => { bad_price.update(|b| b.retain(|x| *x != i)); o.update(|o| if let Some(l) = o.lines.get_mut(i) { l.price_kop = k }) }
                                    None => bad_price.update(|b| b.push(i)),
                                } />
                            <span class="error">{move || bad_price.with(|b| b.contains(&i)).then(|| s.tr().bad_money)}</span>
                        </label>
                        <button type="button" class="remove" aria-label=tx(|t| t.remove)
                            on:click=move |_| o.update(|o| { if i < o.lines.len() { o.lines.remove(i); } })>"×"</button>
                    </div>
                }.into_any()
            }).collect_view()}
            <div class="actions">
                <button type="button" class="add" on:click=move |_| o.update(|o| o.lines.push(OrderLine { product: None, description: String::new(), qty: 1, price_kop: 0 }))>
                    {tx(|t| t.add_line)}
                </button>
                <span class="spacer"></span>
                <strong>{move || money(o.with(Order::total_kop), s.lang.get())}</strong>
                <button class="primary" id="save-order" on:click=save>{tx(|t| t.save)}</button>
                <button on:click=move |_| editing.set(None)>{tx(|t| t.cancel)}</button>
            </div>
        </div>
    }
}

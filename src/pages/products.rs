//! The catalogue: what the company sells, how a letter names it, and when it appeared (letters
//! tell clients about products introduced since their last order).

use leptos::prelude::*;

use crate::app::browser::new_id;
use crate::app::clock::{now, today};
use crate::app::i18n::{problem_text, tx, Tr};
use crate::app::state::use_app;
use crate::components::field::Field;
use crate::domain::base::{Base, Batch};
use crate::domain::format::{dmy, money, money_input, parse_money};
use crate::domain::model::*;
use crate::domain::validate::validate_product;

fn blank() -> Product {
    Product {
        id: new_id(),
        name: String::new(),
        letter_form: String::new(),
        letter_form_en: String::new(),
        category: String::new(),
        introduced_on: today(),
        price_kop: 0,
        discontinued: false,
        updated_at: now(),
    }
}

#[component]
pub fn Products() -> impl IntoView {
    let s = use_app();
    let editing: RwSignal<Option<Product>> = RwSignal::new(None);
    let rows = Memo::new(move |_| {
        s.base.with(|b| {
            let mut v: Vec<Product> = b.products.iter().cloned().collect();
            crate::domain::sort::sort_by(&mut v, |a, b| {
                (&a.category, a.introduced_on, &a.name).cmp(&(
                    &b.category,
                    b.introduced_on,
                    &b.name,
                ))
            });
            v
        })
    });
    // English letters name a product without an English form in Russian: said where it is fixed.
    let english_clients = Memo::new(move |_| {
        s.base
            .with(|b| b.clients.iter().any(|c| c.language == Lang::En))
    });
    let missing_en = move || {
        rows.with(|v| {
            v.iter()
                .filter(|p| !p.discontinued && p.letter_form_en.trim().is_empty())
                .count()
        })
    };
    let delete = move |p: Product| {
        let used = s.base.with_untracked(|b| {
            b.orders
                .iter()
                .any(|o| o.lines.iter().any(|l| l.product == Some(p.id)))
        });
        let question: fn(&Tr) -> &'static str = if used {
            |t| t.confirm_delete_used_product
        } else {
            |t| t.confirm_delete
        };
        if s.confirm(question) {
            s.save_then(
                Base::tombstone(RecordKind::Product, p.id, now()),
                |t| t.deleted,
                || (),
            );
        }
    };
    view! {
        <section class="products">
            <div class="toolbar">
                <h1>{tx(|t| t.products)}</h1>
                <span class="count">{move || rows.with(Vec::len)}</span>
                <span class="spacer"></span>
                <button class="primary" id="new-product" on:click=move |_| editing.set(Some(blank()))>{tx(|t| t.new_product)}</button>
            </div>
            {move || editing.get().map(|p| view! { <ProductEditor product=p editing=editing /> })}
            {move || (english_clients.get() && missing_en() > 0).then(|| view! {
                <p class="likely" id="missing-en">{(s.tr().l.missing_en)(missing_en())}</p>
            })}
            <table class="dense">
                <thead>
                    <tr>
                        <th>{tx(|t| t.category)}</th>
                        <th>{tx(|t| t.name)}</th>
                        <th>{tx(|t| t.letter_form)}</th>
                        <th>{tx(|t| t.introduced_on)}</th>
                        <th class="num">{tx(|t| t.price)}</th>
                        <th></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || rows.get() key=|p| (p.id, p.updated_at) let:p>
                        <tr class:muted=p.discontinued>
                            <td>{p.category.clone()}</td>
                            <td>{p.name.clone()}</td>
                            <td>
                                {p.letter_form.clone()}
                                {(!p.discontinued && p.letter_form_en.trim().is_empty()).then(|| view! {
                                    <span class="badge warn missing-en" title=move || s.tr().letter_form_en>"EN?"</span>
                                })}
                            </td>
                            <td class="num">{dmy(p.introduced_on)}</td>
                            <td class="num">{move || money(p.price_kop, s.lang.get())}</td>
                            <td class="actions">
                                <button on:click={let p = p.clone(); move |_| editing.set(Some(p.clone()))}>{tx(|t| t.edit)}</button>
                                <button class="danger" on:click={let p = p.clone(); move |_| delete(p.clone())}>{tx(|t| t.delete)}</button>
                            </td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn ProductEditor(product: Product, editing: RwSignal<Option<Product>>) -> impl IntoView {
    let s = use_app();
    let p = RwSignal::new(product);
    let tried = RwSignal::new(false);
    let price = RwSignal::new(p.with_untracked(|p| money_input(p.price_kop)));
    let price_ok = move || parse_money(&price.get()).is_some();
    let err = move |field: &'static str| {
        Signal::derive(move || {
            tried.get().then(|| {
                p.with(|p| {
                    validate_product(p)
                        .into_iter()
                        .find(|x| x.field == field)
                        .map(|x| problem_text(s.lang.get(), x.problem).to_string())
                })
            })?
        })
    };
    let text = move |get: fn(&Product) -> String| Signal::derive(move || p.with(get));
    let save = move |_| {
        tried.set(true);
        let mut product = p.get_untracked();
        if !validate_product(&product).is_empty() || !price_ok() {
            s.toast(s.tr_untracked().fix_marked, true);
            return;
        }
        product.updated_at = now();
        let batch = Batch {
            products: vec![product],
            ..Batch::default()
        };
        s.save_then(batch, |t| t.saved, move || editing.set(None));
    };
    view! {
        <div class="editor grid" role="group">
            <Field label=|t| t.name name="product_name" wide=true value=text(|p| p.name.clone())
                on_input=move |v: String| p.update(|p| p.name = v) error=err("name") />
            <Field label=|t| t.letter_form name="letter_form" wide=true value=text(|p| p.letter_form.clone())
                on_input=move |v: String| p.update(|p| p.letter_form = v) error=err("letter_form") placeholder="хрустальные кубки" />
            <Field label=|t| t.letter_form_en name="letter_form_en" wide=true value=text(|p| p.letter_form_en.clone())
                on_input=move |v: String| p.update(|p| p.letter_form_en = v) placeholder="crystal cups" />
            <Field label=|t| t.category name="category" value=text(|p| p.category.clone())
                on_input=move |v: String| p.update(|p| p.category = v) />
            <label class="field">
                <span class="label">{tx(|t| t.introduced_on)}</span>
                <input type="date" name="introduced_on" value=p.with_untracked(|p| p.introduced_on.to_string())
                    on:input=move |ev| if let Ok(d) = event_target_value(&ev).parse() { p.update(|p| p.introduced_on = d) } />
            </label>
            <Field label=|t| t.price name="product_price" value=Signal::derive(move || price.get())
                on_input=move |v: String| {
                    if let Some(k) = parse_money(&v) { p.update(|p| p.price_kop = k) }
                    price.set(v);
                }
                error=Signal::derive(move || (!price_ok()).then(|| s.tr().bad_money.to_string())) />
            <label class="check">
                <input type="checkbox" prop:checked=move || p.with(|p| p.discontinued)
                    on:change=move |ev| p.update(|p| p.discontinued = event_target_checked(&ev)) />
                {tx(|t| t.discontinued)}
            </label>
            <div class="actions wide">
                <button class="primary" id="save-product" on:click=save>{tx(|t| t.save)}</button>
                <button on:click=move |_| editing.set(None)>{tx(|t| t.cancel)}</button>
            </div>
        </div>
    }
}

//! The corporate clients' contracts, each stage with its date, and a new contract for the client
//! chosen beside it.

use leptos::prelude::*;

use super::{picked, ClientPicker, Corporate};
use crate::app::browser::new_id;
use crate::app::clock::{local, now, today};
use crate::app::i18n::tx;
use crate::app::router::Route;
use crate::app::state::use_app;
use crate::domain::base::Batch;
use crate::domain::corporate;
use crate::domain::format::{dmy, full_name, money, parse_money};
use crate::domain::model::*;

#[component]
pub fn Contracts(clients: Memo<Vec<Corporate>>) -> impl IntoView {
    let s = use_app();
    let contracts = Memo::new(move |_| {
        s.base.with(|b| {
            let mut v: Vec<(Contract, String)> = b
                .contracts
                .iter()
                .map(|c| {
                    let name = b.clients.get(&c.client).map(full_name).unwrap_or_default();
                    (c.clone(), name)
                })
                .collect();
            crate::domain::sort::sort_by_key(&mut v, |(c, _)| std::cmp::Reverse(c.signed_on));
            v
        })
    });
    let move_contract = move |c: Contract, v: String| {
        let Some(stage) = ContractStage::ALL
            .iter()
            .copied()
            .find(|x| format!("{x:?}") == v)
        else {
            return;
        };
        if stage == c.stage {
            return;
        }
        let batch = Batch {
            contracts: vec![corporate::advance(&c, stage, now())],
            ..Batch::default()
        };
        s.save_then(batch, |t| t.s.contract_moved, || {});
    };
    let chosen = RwSignal::new(None::<Id>);
    let number = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let add_contract = move |_| {
        let Some(client) = picked(chosen, clients) else {
            return;
        };
        let kop = parse_money(&amount.get_untracked()).unwrap_or(0);
        if number.get_untracked().trim().is_empty() || kop <= 0 {
            s.toast(s.tr_untracked().s.contract_needs, true);
            return;
        }
        let at = now();
        let contract = Contract {
            id: new_id(),
            client,
            number: number.get_untracked().trim().to_string(),
            amount_kop: kop,
            stage: ContractStage::Signed,
            stages: vec![(ContractStage::Signed, at)],
            signed_on: today(),
            updated_at: at,
        };
        let batch = Batch {
            contracts: vec![contract],
            ..Batch::default()
        };
        s.save_then(
            batch,
            |t| t.s.contract_added,
            move || {
                number.set(String::new());
                amount.set(String::new());
            },
        );
    };
    view! {
        <h2>{tx(|t| t.s.contracts)}</h2>
        <div class="new-deal new-contract">
            <ClientPicker id="contract-client" clients=clients chosen=chosen />
            <label class="field">
                <span class="label">{tx(|t| t.s.contract_number)}</span>
                <input id="contract-number" prop:value=number on:input=move |ev| number.set(event_target_value(&ev)) />
            </label>
            <label class="field">
                <span class="label">{tx(|t| t.s.amount)}</span>
                <input id="contract-amount" class="num" inputmode="decimal" prop:value=amount on:input=move |ev| amount.set(event_target_value(&ev)) />
            </label>
            <button id="add-contract" on:click=add_contract>{tx(|t| t.s.add_contract)}</button>
        </div>
        <table class="dense" id="contracts">
            <tbody>
                {move || contracts.get().into_iter().map(|(c, name)| {
                    let stage = c.stage;
                    let c2 = c.clone();
                    let t = s.tr();
                    let stages = c.stages.iter().map(|(x, at)| format!("{} {}", t.contract_stage(*x), dmy(local(*at).date()))).collect::<Vec<_>>().join(" → ");
                    view! {
                        <tr>
                            <td>{c.number.clone()}</td>
                            <td><a href=Route::Client(c.client).href()>{name}</a></td>
                            <td class="num">{dmy(c.signed_on)}</td>
                            <td class="num">{money(c.amount_kop, s.lang.get_untracked())}</td>
                            <td>
                                <select class="contract-stage" aria-label=tx(|t| t.s.next_contract_stage) on:change=move |ev| move_contract(c2.clone(), event_target_value(&ev))>
                                    {ContractStage::ALL.iter().map(|x| { let x = *x; view! { <option value=format!("{x:?}") selected=x == stage>{move || s.tr().contract_stage(x)}</option> } }).collect_view()}
                                </select>
                            </td>
                            <td class="hint contract-steps">{stages}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

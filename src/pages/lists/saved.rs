//! Saved list definitions: save the filter under a name, load it back, delete it.

use leptos::prelude::*;

use crate::app::browser::new_id;
use crate::app::clock::now;
use crate::app::i18n::tx;
use crate::app::pending::Pending;
use crate::app::state::use_app;
use crate::domain::base::Batch;
use crate::domain::model::*;
use crate::domain::text::fold;

#[component]
pub fn SavedLists(
    filter: RwSignal<ListFilter>,
    name: RwSignal<String>,
    saved: RwSignal<Option<Id>>,
) -> impl IntoView {
    let s = use_app();
    let lists = Memo::new(move |_| {
        s.base.with(|b| {
            let mut v: Vec<AddressList> = b.address_lists.iter().cloned().collect();
            crate::domain::sort::sort_by_cached_key(&mut v, |l| fold(&l.name));
            v
        })
    });
    let saving = Pending::new();
    let save = move |_| {
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            s.toast(s.tr_untracked().q.name_required, true);
            return;
        }
        // Saving under the name of another saved list updates that one.
        let id = lists
            .with_untracked(|l| l.iter().find(|x| fold(&x.name) == fold(&n)).map(|x| x.id))
            .or(saved.get_untracked())
            .unwrap_or_else(new_id);
        let list = AddressList {
            id,
            name: n,
            filter: filter.get_untracked(),
            updated_at: now(),
        };
        s.save_then_in(
            Some(saving),
            Batch {
                address_lists: vec![list],
                ..Batch::default()
            },
            |t| t.q.list_saved,
            move || saved.set(Some(id)),
        );
    };
    let delete = move |id: Id| {
        let batch = Batch {
            tombstones: vec![Tombstone {
                id,
                kind: RecordKind::AddressList,
                deleted_at: now(),
            }],
            ..Batch::default()
        };
        s.save_then(
            batch,
            |t| t.q.list_deleted,
            move || {
                if saved.get_untracked() == Some(id) {
                    saved.set(None);
                }
            },
        );
    };
    view! {
        <div class="saved-lists">
            <label class="field">
                <span class="label">{tx(|t| t.q.list_name)}</span>
                <input id="list-name" prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) />
            </label>
            <button id="save-list" disabled=move || saving.get() on:click=save>{tx(|t| t.q.save_list)}</button>
            <h2>{tx(|t| t.q.saved_lists)}</h2>
            <ul id="saved-lists">
                {move || lists.get().into_iter().map(|l| {
                    let (id, f, n) = (l.id, l.filter.clone(), l.name.clone());
                    view! {
                        <li class:current=move || saved.get() == Some(id)>
                            <button class="link" on:click=move |_| {
                                filter.set(f.clone());
                                name.set(n.clone());
                                saved.set(Some(id));
                            }>{l.name.clone()}</button>
                            <button class="small" aria-label=tx(|t| t.q.delete) on:click=move |_| delete(id)>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

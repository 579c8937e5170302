//! The restore points on the backup page: the bases kept before imports and restores.

use leptos::prelude::*;

use crate::app::clock::local;
use crate::app::i18n::tx;
use crate::app::pending::Pending;
use crate::app::restore::{self, Cause};
use crate::app::state::use_app;
use crate::domain::format::{dmy_hm, group};

/// The bases kept before imports and restores, newest first, each with its restore button.
#[component]
pub fn RestorePoints(points: LocalResource<Vec<restore::Point>>) -> impl IntoView {
    let s = use_app();
    let restoring = Pending::new();
    let cause = move |c: Cause| {
        let t = s.tr();
        match c {
            Cause::ReplaceImport => t.rp_replace,
            Cause::MergeImport => t.rp_merge,
            Cause::CsvImport => t.rp_csv,
            Cause::ImportUndo => t.rp_undo,
            Cause::Restore => t.rp_restore,
        }
    };
    let restore = move |p: restore::Point| {
        if !s.confirm(|t| t.confirm_restore) {
            return;
        }
        let mine = restoring.start();
        leptos::task::spawn_local(async move {
            let _mine = mine;
            match restore::restore(s, &p).await {
                Ok(()) => s.toast(s.tr_untracked().restored, false),
                // A failed replace has said so itself.
                Err(e) if matches!(e, crate::storage::StorageError::Codec { .. }) => {
                    s.storage_error(&e)
                }
                Err(_) => {}
            }
            points.refetch();
        });
    };
    view! {
        <div class="panel" id="restore-points">
            <h2>{tx(|t| t.restore_points)}</h2>
            <p class="hint">{tx(|t| t.restore_points_hint)}</p>
            {move || {
                let list = points.get().unwrap_or_default();
                if list.is_empty() {
                    return view! { <p class="hint">{tx(|t| t.no_restore_points)}</p> }.into_any();
                }
                view! {
                    <table class="dense">
                        <tbody>
                            {list.into_iter().map(|p| {
                                let at = dmy_hm(local(p.at));
                                let clients = group(p.clients as i64);
                                let c = p.cause;
                                view! {
                                    <tr>
                                        <td class="num">{at}</td>
                                        <td>{move || cause(c)}</td>
                                        <td class="num">{clients} " " {tx(|t| t.clients_word)}</td>
                                        <td><button class="restore" disabled=move || restoring.get()
                                            on:click=move |_| restore(p.clone())>{tx(|t| t.restore)}</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </div>
    }
}

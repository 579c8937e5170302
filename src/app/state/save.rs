//! Saving from a control: a batch committed in the background, a toast when storage took it,
//! and the control's own «busy» while it runs. A failure is shown by `commit` itself.

use super::AppState;
use crate::app::i18n::Tr;
use crate::app::pending::Pending;
use crate::domain::base::Batch;

impl AppState {
    /// Commits `batch` in the background; when storage took it, says `done` and runs `then`.
    /// A failure is shown by `commit` itself.
    pub fn save_then(
        self,
        batch: Batch,
        done: fn(&Tr) -> &'static str,
        then: impl FnOnce() + 'static,
    ) {
        self.save_then_in(None, batch, done, then);
    }

    /// [`AppState::save_then`] counted in the `pending` of the control that started it.
    pub fn save_then_in(
        self,
        pending: Option<Pending>,
        batch: Batch,
        done: fn(&Tr) -> &'static str,
        then: impl FnOnce() + 'static,
    ) {
        self.save_then_say(pending, batch, move |t| done(t).to_string(), then);
    }

    /// [`AppState::save_then_in`] with a message made when the batch is saved.
    pub fn save_then_say(
        self,
        pending: Option<Pending>,
        batch: Batch,
        done: impl FnOnce(&Tr) -> String + 'static,
        then: impl FnOnce() + 'static,
    ) {
        let mine = pending.map(Pending::start);
        leptos::task::spawn_local(async move {
            let _mine = mine;
            if self.commit(batch).await.is_ok() {
                self.toast(done(self.tr_untracked()), false);
                then();
            }
        });
    }
}

//! Pending state of writes. Each control that writes (a save button, «merge», «mark as sent») has
//! its own [`Pending`]: it is on while a write that control started is under way and is not
//! cleared when some other write finishes first. The app keeps one more for all writes, behind the
//! «saving» note in the menu (`AppState::busy`).

use leptos::prelude::*;

/// The writes one control has under way, counted.
#[derive(Clone, Copy)]
pub struct Pending(RwSignal<u32>);

impl Default for Pending {
    fn default() -> Self {
        Pending::new()
    }
}

impl Pending {
    pub fn new() -> Self {
        Pending(RwSignal::new(0))
    }

    /// Whether a write of this control is under way (tracked).
    pub fn get(self) -> bool {
        self.0.get() > 0
    }

    /// [`Pending::get`] outside the view, as a click handler asks.
    pub fn get_untracked(self) -> bool {
        self.0.get_untracked() > 0
    }

    /// Counts one write until the returned guard is dropped, which a failed or abandoned write
    /// does too. Taken before the write is spawned, so a second click finds the control pending.
    pub fn start(self) -> InFlight {
        self.0.update(|n| *n += 1);
        InFlight(self.0)
    }
}

/// One write in flight, counted in its [`Pending`] until dropped.
pub struct InFlight(RwSignal<u32>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.update(|n| *n = n.saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_finishing_leaves_the_others_pending() {
        let owner = Owner::new();
        owner.with(|| {
            let save = Pending::new();
            let merge = Pending::new();
            let first = save.start();
            let second = save.start();
            let merging = merge.start();
            drop(first);
            assert!(save.get(), "the second save is still under way");
            drop(merging);
            assert!(!merge.get());
            assert!(
                save.get(),
                "another control's write does not clear this one"
            );
            drop(second);
            assert!(!save.get());
        });
    }
}

//! The duplicate scan, shared: the duplicates page runs it, the data-quality and address-list
//! pages use its result (clients pending a merge) or start it when there is none yet.

use std::cell::Cell;
use std::collections::HashSet;

use leptos::prelude::*;

use super::browser::next_tick;
use super::clock::now;
use super::state::AppState;
use crate::domain::dedup::merge::not_duplicates;
use crate::domain::dedup::{find, profiles, settle, Cluster, DedupSettings};
use crate::domain::model::{Id, Timestamp};

/// Clients profiled between two repaints.
const SLICE: usize = 5000;

thread_local! {
    /// The latest scan started; an older one still running stops instead of finishing last.
    static GENERATION: Cell<u64> = const { Cell::new(0) };
    /// A scan is under way: a page asking for one then does not start another.
    static RUNNING: Cell<bool> = const { Cell::new(false) };
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scan {
    pub clusters: Vec<Cluster>,
    pub at: Timestamp,
    /// Clients or decisions changed since (`change::apply`): still shown, scanned again by the
    /// pages that need it, and not written into the month's snapshot.
    pub stale: bool,
}

impl Scan {
    /// Every client in a proposed cluster: they wait for a merge or a «not a duplicate».
    pub fn pending(&self) -> HashSet<Id> {
        self.clusters
            .iter()
            .flat_map(|c| c.members.iter().copied())
            .collect()
    }
}

/// Scans the base again, after the history (with the «not a duplicate» decisions) is loaded.
/// The last scan stays on view until this one is done.
pub fn rescan(s: AppState) {
    RUNNING.with(|r| r.set(true));
    let generation = GENERATION.with(|g| {
        g.set(g.get() + 1);
        g.get()
    });
    let current = move || GENERATION.with(Cell::get) == generation;
    leptos::task::spawn_local(async move {
        // Let «searching…» paint first: a large base takes a few seconds.
        next_tick().await;
        // Profiles are half the work and need no whole view of the base: a slice at a time.
        let count = s.base.with_untracked(|b| b.clients.len());
        let mut all = Vec::with_capacity(count);
        for start in (0..count).step_by(SLICE) {
            if !current() {
                return;
            }
            s.base.with_untracked(|b| {
                let end = (start + SLICE).min(b.clients.len());
                all.extend(profiles(b.clients.as_slice()[start.min(end)..end].iter()));
            });
            next_tick().await;
        }
        if !current() {
            return;
        }
        let clusters = s.base.with_untracked(|b| {
            // The base may have changed between slices.
            settle(&mut all, &b.clients);
            find(&all, &not_duplicates(b), &DedupSettings::default())
        });
        RUNNING.with(|r| r.set(false));
        s.duplicates.set(Some(Scan {
            clusters,
            at: now(),
            stale: false,
        }));
    });
}

/// Scans once the history is in, and again whenever the base changed since the last scan.
pub fn ensure(s: AppState) {
    Effect::new(move || {
        let wanted = s.duplicates.with(|d| d.as_ref().is_none_or(|d| d.stale));
        if s.history_ready.get() && wanted && !RUNNING.with(Cell::get) {
            rescan(s);
        }
    });
}

/// Takes the decided cluster out of the last scan (its records were merged or told apart).
pub fn decided(s: AppState, members: &[Id]) {
    s.duplicates.update(|d| {
        if let Some(d) = d {
            d.clusters.retain(|c| c.members != members);
        }
    });
}

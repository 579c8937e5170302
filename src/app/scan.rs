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
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scan {
    pub clusters: Vec<Cluster>,
    pub at: Timestamp,
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
pub fn rescan(s: AppState) {
    s.duplicates.set(None);
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
        s.duplicates.set(Some(Scan {
            clusters,
            at: now(),
        }));
    });
}

/// Scans once the history is in, unless a scan is already there.
pub fn ensure(s: AppState) {
    Effect::new(move || {
        if s.history_ready.get() && s.duplicates.with_untracked(Option::is_none) {
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

//! The whole client base in memory: what the app works on and what storage loads and saves.
//! Changes are expressed as a [`Batch`] so the same edit is applied in memory and written to storage
//! in one atomic transaction.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

mod batch;
pub mod buckets;
mod change;
mod table;

pub use batch::{Batch, Counts, Slices};
pub use change::Changed;
pub use table::Table;

use super::model::*;
use super::record::{each_kind, record_kinds, KindFn, Record, Visit};
use super::sync::Clocks;

macro_rules! base_struct {
    ($($t:ident => $v:ident, $f:ident, $s:literal, $l:ident, $o:ident;)*) => {
        #[derive(Debug, Clone, Default)]
        pub struct Base {
            $(pub $f: Table<$t>,)*
            pub tombstones: HashMap<Id, Tombstone>,
            /// Each record's clocks for sync, by record id (see `sync::Clocks`).
            pub clocks: HashMap<Id, Clocks>,
            /// Clients no letter can reach (no usable postal address, no valid e-mail), kept up to
            /// date by [`Base::apply`]: the rotation asks this of 100,000 clients at once, and
            /// reading every client's addresses from memory each time costs more than its budget.
            unreachable: FxHashSet<Id>,
            /// Each client's order total in kopecks, kept up to date by [`Base::apply`] for the
            /// same reason: summing 190,000 orders' lines (each in its own allocation) per
            /// rotation is slow.
            revenue: FxHashMap<Id, i64>,
        }

        impl Base {
            /// Every record, borrowed (for a backup written without copying the base first); the
            /// tombstones, kept in a map, are passed in as a sorted list.
            pub fn slices<'a>(
                &'a self,
                tombstones: &'a [Tombstone],
                clocks: &'a [Clocks],
            ) -> Slices<'a> {
                Slices {
                    $($f: self.$f.as_slice(),)*
                    tombstones,
                    clocks,
                }
            }

            /// Everything in the base as one batch (a backup, or a replace-import into storage).
            pub fn to_batch(&self) -> Batch {
                Batch {
                    $($f: self.$f.as_slice().to_vec(),)*
                    tombstones: self.tombstone_list(),
                    clocks: self.clock_list(),
                }
            }
        }
    };
}

record_kinds!(base_struct);

/// Puts a batch's records of each kind into the base (see [`Base::apply`]).
struct Put<'a> {
    base: &'a mut Base,
    batch: &'a Batch,
}

impl Visit for Put<'_> {
    fn visit<K: Record>(&mut self) {
        for r in K::rows(self.batch) {
            self.base.tombstones.remove(&r.id());
            K::table_mut(self.base).upsert(r.clone());
        }
    }
}

/// Removes one record of the dispatched kind.
struct Remove<'a> {
    base: &'a mut Base,
    id: Id,
}

impl KindFn for Remove<'_> {
    type Out = ();
    fn call<K: Record>(self) {
        drop(K::table_mut(self.base).remove(&self.id));
    }
}

/// Collects the tombstones for every record of a client, of every kind that belongs to one.
struct Dependents<'a> {
    base: &'a Base,
    client: Id,
    at: Timestamp,
    out: Vec<Tombstone>,
}

impl Visit for Dependents<'_> {
    fn visit<K: Record>(&mut self) {
        if !K::OWNED {
            return;
        }
        let (client, at) = (self.client, self.at);
        self.out.extend(
            K::table(self.base)
                .iter()
                .filter(|r| r.client() == Some(client))
                .map(|r| Tombstone {
                    id: r.id(),
                    kind: K::KIND,
                    deleted_at: at,
                }),
        );
    }
}

impl Base {
    pub fn counts(&self) -> Counts {
        Counts {
            tombstones: self.tombstones.len(),
            ..self.slices(&[], &[]).counts()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.counts().total() == 0
    }

    /// Applies a batch: puts replace records with the same id, tombstones remove them.
    pub fn apply(&mut self, batch: &Batch) {
        for c in &batch.clients {
            if crate::letters::pool::reachable(c) {
                self.unreachable.remove(&c.id);
            } else {
                self.unreachable.insert(c.id);
            }
        }
        for o in &batch.orders {
            if let Some(old) = self.orders.get(&o.id) {
                *self.revenue.entry(old.client).or_insert(0) -= old.total_kop();
            }
            *self.revenue.entry(o.client).or_insert(0) += o.total_kop();
        }
        each_kind(&mut Put { base: self, batch });
        for t in &batch.tombstones {
            match t.kind {
                RecordKind::Client => drop(self.unreachable.remove(&t.id)),
                RecordKind::Order => {
                    if let Some(old) = self.orders.get(&t.id) {
                        *self.revenue.entry(old.client).or_insert(0) -= old.total_kop();
                    }
                }
                _ => {}
            }
            t.kind.dispatch(Remove {
                base: self,
                id: t.id,
            });
            self.tombstones.insert(t.id, t.clone());
        }
        for c in &batch.clocks {
            self.clocks.insert(c.id, c.clone());
        }
    }

    /// Whether a letter can reach this stored client (see [`pool::reachable`](crate::letters::pool::reachable)).
    pub fn is_reachable(&self, id: &Id) -> bool {
        !self.unreachable.contains(id)
    }

    /// The total of a client's orders, in kopecks.
    pub fn revenue_of(&self, client: &Id) -> i64 {
        self.revenue.get(client).copied().unwrap_or(0)
    }

    /// The tombstones in a stable order (when, then which).
    pub fn tombstone_list(&self) -> Vec<Tombstone> {
        let mut tombstones: Vec<Tombstone> = self.tombstones.values().cloned().collect();
        crate::sort::sort_by_key(&mut tombstones, |t| (t.deleted_at, t.id));
        tombstones
    }

    /// The clocks in a stable order (by record id).
    pub fn clock_list(&self) -> Vec<Clocks> {
        let mut clocks: Vec<Clocks> = self.clocks.values().cloned().collect();
        crate::sort::sort_by_key(&mut clocks, |c| c.id);
        clocks
    }

    pub fn from_batch(batch: &Batch) -> Base {
        let mut b = Base::default();
        b.apply(batch);
        b
    }

    /// The orders of one client, newest first.
    pub fn orders_of(&self, client: &Id) -> Vec<&Order> {
        let mut v: Vec<&Order> = self.orders.iter().filter(|o| o.client == *client).collect();
        crate::sort::sort_by(&mut v, |a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
        v
    }

    /// A delete of a client takes every record that belongs to it along (its orders, letters,
    /// requests, history, activities, deals, contracts: every kind marked `client` in
    /// `record_kinds!`): a tombstone for each, so no orphan is left and no older copy brings
    /// them back.
    pub fn delete_client(&self, id: Id, at: Timestamp) -> Batch {
        let mut dependents = Dependents {
            base: self,
            client: id,
            at,
            out: vec![Tombstone {
                id,
                kind: RecordKind::Client,
                deleted_at: at,
            }],
        };
        each_kind(&mut dependents);
        Batch {
            tombstones: dependents.out,
            ..Batch::default()
        }
    }

    pub fn tombstone(kind: RecordKind, id: Id, at: Timestamp) -> Batch {
        Batch {
            tombstones: vec![Tombstone {
                id,
                kind,
                deleted_at: at,
            }],
            ..Batch::default()
        }
    }
}

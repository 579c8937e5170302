//! The whole client base in memory: what the app works on and what storage loads and saves.
//! Changes are expressed as a [`Batch`] so the same edit is applied in memory and written to storage
//! in one atomic transaction.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

mod batch;
pub mod buckets;
mod table;

pub use batch::{Batch, Counts, Slices};
pub use table::Table;

use super::model::*;
use super::record::Record;

#[derive(Debug, Clone, Default)]
pub struct Base {
    pub clients: Table<Client>,
    pub products: Table<Product>,
    pub orders: Table<Order>,
    pub letters: Table<Letter>,
    pub staff: Table<Staff>,
    pub requests: Table<Request>,
    pub changes: Table<ChangeLogEntry>,
    pub decisions: Table<Decision>,
    pub address_lists: Table<AddressList>,
    pub mailings: Table<Mailing>,
    pub activities: Table<Activity>,
    pub deals: Table<Deal>,
    pub contracts: Table<Contract>,
    pub snapshots: Table<Snapshot>,
    pub tombstones: HashMap<Id, Tombstone>,
    /// Clients no letter can reach (no usable postal address, no valid e-mail), kept up to date by
    /// [`Base::apply`]: the rotation asks this of 100,000 clients at once, and reading every
    /// client's addresses from memory each time costs more than its whole budget.
    unreachable: FxHashSet<Id>,
    /// Each client's order total in kopecks, kept up to date by [`Base::apply`] for the same
    /// reason: summing 190,000 orders' lines (each in its own allocation) per rotation is slow.
    revenue: FxHashMap<Id, i64>,
}

impl Base {
    pub fn counts(&self) -> Counts {
        Counts {
            tombstones: self.tombstones.len(),
            ..self.slices(&[]).counts()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.counts().total() == 0
    }

    /// Applies a batch: puts replace records with the same id, tombstones remove them.
    pub fn apply(&mut self, batch: &Batch) {
        fn put<T: Record>(t: &mut Table<T>, rows: &[T], tomb: &mut HashMap<Id, Tombstone>) {
            for r in rows {
                tomb.remove(&r.id());
                t.upsert(r.clone());
            }
        }
        put(&mut self.clients, &batch.clients, &mut self.tombstones);
        for c in &batch.clients {
            if crate::letters::pool::reachable(c) {
                self.unreachable.remove(&c.id);
            } else {
                self.unreachable.insert(c.id);
            }
        }
        put(&mut self.products, &batch.products, &mut self.tombstones);
        for o in &batch.orders {
            if let Some(old) = self.orders.get(&o.id) {
                *self.revenue.entry(old.client).or_insert(0) -= old.total_kop();
            }
            *self.revenue.entry(o.client).or_insert(0) += o.total_kop();
        }
        put(&mut self.orders, &batch.orders, &mut self.tombstones);
        put(&mut self.letters, &batch.letters, &mut self.tombstones);
        put(&mut self.staff, &batch.staff, &mut self.tombstones);
        put(&mut self.requests, &batch.requests, &mut self.tombstones);
        put(&mut self.changes, &batch.changes, &mut self.tombstones);
        put(&mut self.decisions, &batch.decisions, &mut self.tombstones);
        put(
            &mut self.address_lists,
            &batch.address_lists,
            &mut self.tombstones,
        );
        put(&mut self.mailings, &batch.mailings, &mut self.tombstones);
        put(
            &mut self.activities,
            &batch.activities,
            &mut self.tombstones,
        );
        put(&mut self.deals, &batch.deals, &mut self.tombstones);
        put(&mut self.contracts, &batch.contracts, &mut self.tombstones);
        put(&mut self.snapshots, &batch.snapshots, &mut self.tombstones);
        for t in &batch.tombstones {
            match t.kind {
                RecordKind::Client => {
                    self.unreachable.remove(&t.id);
                    drop(self.clients.remove(&t.id));
                }
                RecordKind::Product => drop(self.products.remove(&t.id)),
                RecordKind::Order => {
                    if let Some(old) = self.orders.remove(&t.id) {
                        *self.revenue.entry(old.client).or_insert(0) -= old.total_kop();
                    }
                }
                RecordKind::Letter => drop(self.letters.remove(&t.id)),
                RecordKind::Staff => drop(self.staff.remove(&t.id)),
                RecordKind::Request => drop(self.requests.remove(&t.id)),
                RecordKind::Change => drop(self.changes.remove(&t.id)),
                RecordKind::Decision => drop(self.decisions.remove(&t.id)),
                RecordKind::AddressList => drop(self.address_lists.remove(&t.id)),
                RecordKind::Mailing => drop(self.mailings.remove(&t.id)),
                RecordKind::Activity => drop(self.activities.remove(&t.id)),
                RecordKind::Deal => drop(self.deals.remove(&t.id)),
                RecordKind::Contract => drop(self.contracts.remove(&t.id)),
                RecordKind::Snapshot => drop(self.snapshots.remove(&t.id)),
            }
            self.tombstones.insert(t.id, t.clone());
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

    /// Everything in the base as one batch (a backup, or a replace-import into storage).
    /// Every record, borrowed (for a backup written without copying the base first); the
    /// tombstones, kept in a map, are passed in as a sorted list.
    pub fn slices<'a>(&'a self, tombstones: &'a [Tombstone]) -> Slices<'a> {
        Slices {
            clients: self.clients.as_slice(),
            products: self.products.as_slice(),
            orders: self.orders.as_slice(),
            letters: self.letters.as_slice(),
            staff: self.staff.as_slice(),
            requests: self.requests.as_slice(),
            changes: self.changes.as_slice(),
            decisions: self.decisions.as_slice(),
            address_lists: self.address_lists.as_slice(),
            mailings: self.mailings.as_slice(),
            activities: self.activities.as_slice(),
            deals: self.deals.as_slice(),
            contracts: self.contracts.as_slice(),
            snapshots: self.snapshots.as_slice(),
            tombstones,
        }
    }

    /// The tombstones in a stable order (when, then which).
    pub fn tombstone_list(&self) -> Vec<Tombstone> {
        let mut tombstones: Vec<Tombstone> = self.tombstones.values().cloned().collect();
        crate::sort::sort_by_key(&mut tombstones, |t| (t.deleted_at, t.id));
        tombstones
    }

    pub fn to_batch(&self) -> Batch {
        let tombstones = self.tombstone_list();
        Batch {
            clients: self.clients.as_slice().to_vec(),
            products: self.products.as_slice().to_vec(),
            orders: self.orders.as_slice().to_vec(),
            letters: self.letters.as_slice().to_vec(),
            staff: self.staff.as_slice().to_vec(),
            requests: self.requests.as_slice().to_vec(),
            changes: self.changes.as_slice().to_vec(),
            decisions: self.decisions.as_slice().to_vec(),
            address_lists: self.address_lists.as_slice().to_vec(),
            mailings: self.mailings.as_slice().to_vec(),
            activities: self.activities.as_slice().to_vec(),
            deals: self.deals.as_slice().to_vec(),
            contracts: self.contracts.as_slice().to_vec(),
            snapshots: self.snapshots.as_slice().to_vec(),
            tombstones,
        }
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

    /// A delete of a client takes its orders, letters, requests and history with it: a tombstone
    /// for each, so no orphan is left and no older copy brings them back.
    pub fn delete_client(&self, id: Id, at: Timestamp) -> Batch {
        let mut tombstones = vec![Tombstone {
            id,
            kind: RecordKind::Client,
            deleted_at: at,
        }];
        let mut dependents = |kind: RecordKind, ids: Vec<Id>| {
            tombstones.extend(ids.into_iter().map(|id| Tombstone {
                id,
                kind,
                deleted_at: at,
            }))
        };
        dependents(
            RecordKind::Order,
            self.orders
                .iter()
                .filter(|o| o.client == id)
                .map(|o| o.id)
                .collect(),
        );
        dependents(
            RecordKind::Letter,
            self.letters
                .iter()
                .filter(|o| o.client == id)
                .map(|o| o.id)
                .collect(),
        );
        dependents(
            RecordKind::Request,
            self.requests
                .iter()
                .filter(|o| o.client == id)
                .map(|o| o.id)
                .collect(),
        );
        dependents(
            RecordKind::Change,
            self.changes
                .iter()
                .filter(|o| o.client == id)
                .map(|o| o.id)
                .collect(),
        );
        Batch {
            tombstones,
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

//! A set of records to write together, its counts, and every record of a batch or a base
//! borrowed (for writing a backup without a copy).

use serde::{Deserialize, Serialize};

use crate::model::*;

/// A set of writes that must land together.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    pub clients: Vec<Client>,
    pub products: Vec<Product>,
    pub orders: Vec<Order>,
    pub letters: Vec<Letter>,
    pub staff: Vec<Staff>,
    pub requests: Vec<Request>,
    pub changes: Vec<ChangeLogEntry>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub address_lists: Vec<AddressList>,
    #[serde(default)]
    pub mailings: Vec<Mailing>,
    #[serde(default)]
    pub activities: Vec<Activity>,
    #[serde(default)]
    pub deals: Vec<Deal>,
    #[serde(default)]
    pub contracts: Vec<Contract>,
    #[serde(default)]
    pub snapshots: Vec<Snapshot>,
    pub tombstones: Vec<Tombstone>,
}

/// Every record of a batch or a base, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct Slices<'a> {
    pub clients: &'a [Client],
    pub products: &'a [Product],
    pub orders: &'a [Order],
    pub letters: &'a [Letter],
    pub staff: &'a [Staff],
    pub requests: &'a [Request],
    pub changes: &'a [ChangeLogEntry],
    pub decisions: &'a [Decision],
    pub address_lists: &'a [AddressList],
    pub mailings: &'a [Mailing],
    pub activities: &'a [Activity],
    pub deals: &'a [Deal],
    pub contracts: &'a [Contract],
    pub snapshots: &'a [Snapshot],
    pub tombstones: &'a [Tombstone],
}

impl Slices<'_> {
    pub fn counts(&self) -> Counts {
        Counts {
            clients: self.clients.len(),
            products: self.products.len(),
            orders: self.orders.len(),
            letters: self.letters.len(),
            staff: self.staff.len(),
            requests: self.requests.len(),
            changes: self.changes.len(),
            decisions: self.decisions.len(),
            address_lists: self.address_lists.len(),
            mailings: self.mailings.len(),
            activities: self.activities.len(),
            deals: self.deals.len(),
            contracts: self.contracts.len(),
            snapshots: self.snapshots.len(),
            tombstones: self.tombstones.len(),
        }
    }
}

impl<'a> From<&'a Batch> for Slices<'a> {
    fn from(b: &'a Batch) -> Slices<'a> {
        Slices {
            clients: &b.clients,
            products: &b.products,
            orders: &b.orders,
            letters: &b.letters,
            staff: &b.staff,
            requests: &b.requests,
            changes: &b.changes,
            decisions: &b.decisions,
            address_lists: &b.address_lists,
            mailings: &b.mailings,
            activities: &b.activities,
            deals: &b.deals,
            contracts: &b.contracts,
            snapshots: &b.snapshots,
            tombstones: &b.tombstones,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub clients: usize,
    pub products: usize,
    pub orders: usize,
    pub letters: usize,
    pub staff: usize,
    pub requests: usize,
    pub changes: usize,
    pub decisions: usize,
    pub address_lists: usize,
    pub mailings: usize,
    pub activities: usize,
    pub deals: usize,
    pub contracts: usize,
    pub snapshots: usize,
    pub tombstones: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.clients
            + self.products
            + self.orders
            + self.letters
            + self.staff
            + self.requests
            + self.changes
            + self.decisions
            + self.address_lists
            + self.mailings
            + self.activities
            + self.deals
            + self.contracts
            + self.snapshots
            + self.tombstones
    }
}

impl Batch {
    /// The ids of every record the batch puts (not its tombstones): a record put after its
    /// deletion is alive again.
    pub fn put_ids(&self) -> std::collections::HashSet<Id> {
        let mut ids = std::collections::HashSet::new();
        ids.extend(self.clients.iter().map(|r| r.id));
        ids.extend(self.products.iter().map(|r| r.id));
        ids.extend(self.orders.iter().map(|r| r.id));
        ids.extend(self.letters.iter().map(|r| r.id));
        ids.extend(self.staff.iter().map(|r| r.id));
        ids.extend(self.requests.iter().map(|r| r.id));
        ids.extend(self.changes.iter().map(|r| r.id));
        ids.extend(self.decisions.iter().map(|r| r.id));
        ids.extend(self.address_lists.iter().map(|r| r.id));
        ids.extend(self.mailings.iter().map(|r| r.id));
        ids.extend(self.activities.iter().map(|r| r.id));
        ids.extend(self.deals.iter().map(|r| r.id));
        ids.extend(self.contracts.iter().map(|r| r.id));
        ids.extend(self.snapshots.iter().map(|r| r.id));
        ids
    }

    pub fn is_empty(&self) -> bool {
        self.counts().total() == 0
    }

    pub fn counts(&self) -> Counts {
        Slices::from(self).counts()
    }
}

//! The one list of record kinds, and what every stored record has in common.
//!
//! [`record_kinds!`] below is the only place the kinds are listed. Everything that needs one line
//! per kind is derived from it: [`RecordKind`], the [`Record`] impls, the fields of `Batch`,
//! `Slices`, `Counts` and `Base`, which stores startup reads first, what a client's deletion
//! takes with it. Code that does the same thing to every kind is written once, generically, and run
//! for each kind by [`each_kind`] (a visitor) or [`RecordKind::dispatch`] (one kind chosen at run
//! time). Adding a kind is one line here plus its own type; `kinds_tests` fails if it is missing
//! from a fixture, a backup, a bucket or a merge. The backup reader of a released version is the
//! exception on purpose: it is a frozen, explicit list (see `backup::v1`).

use serde::{de::DeserializeOwned, Deserialize, Serialize};

use super::base::{Base, Batch, Slices, Table};
use super::model::*;
use super::sync::Clocks;

/// Calls `$callback!` with every record kind, one line each:
/// `Type => Variant, field, "store", loads, belongs_to;` where
/// - `field` names it in a `Batch`, a `Base` and a backup file;
/// - `"store"` is its name in storage keys (`client/07`) and in `RecordKind`'s serde form;
/// - `loads` is `First` (read before the first paint: enough to list, search and edit clients)
///   or `History` (read right after);
/// - `belongs_to` is `client` for records of one client (their `client` field; they are deleted
///   and merged with it) or `none`.
macro_rules! record_kinds {
    ($callback:ident) => {
        $callback! {
            Client => Client, clients, "client", First, none;
            Product => Product, products, "product", First, none;
            Order => Order, orders, "order", History, client;
            Letter => Letter, letters, "letter", History, client;
            Staff => Staff, staff, "staff", First, none;
            Request => Request, requests, "request", History, client;
            ChangeLogEntry => Change, changes, "change", History, client;
            Decision => Decision, decisions, "decision", History, none;
            AddressList => AddressList, address_lists, "address_list", History, none;
            Mailing => Mailing, mailings, "mailing", History, none;
            Activity => Activity, activities, "activity", History, client;
            Deal => Deal, deals, "deal", History, client;
            Contract => Contract, contracts, "contract", History, client;
            Snapshot => Snapshot, snapshots, "snapshot", History, none;
            NextStep => NextStep, steps, "step", History, client;
        }
    };
}
pub(crate) use record_kinds;

/// When startup reads a kind from storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Load {
    /// Before the first paint.
    First,
    /// Right after, merged in while the page is already live.
    History,
}

/// Anything storage keeps in buckets by id: every record, and tombstones.
pub trait Keyed: Clone + Serialize + DeserializeOwned + 'static {
    /// The bucket key prefix, and the name of the kind in storage.
    const STORE: &'static str;
    /// The field that holds this kind in a `Batch`, a `Base` and a backup file (`clients`).
    const FIELD: &'static str;
    fn key(&self) -> Id;
    /// This kind's records in a batch.
    fn rows(b: &Batch) -> &Vec<Self>;
    fn rows_mut(b: &mut Batch) -> &mut Vec<Self>;
    fn slice<'a>(s: &Slices<'a>) -> &'a [Self];
}

/// A stored record of one of the kinds of [`record_kinds!`].
pub trait Record: Keyed {
    const KIND: RecordKind;
    const LOAD: Load;
    /// Whether records of this kind belong to one client.
    const OWNED: bool;
    fn id(&self) -> Id;
    fn updated_at(&self) -> Timestamp;
    /// The client this record belongs to; `None` for kinds that belong to none.
    fn client(&self) -> Option<Id>;
    /// The same record, now the `client`'s, changed `at`; for kinds that belong to no client, the
    /// record unchanged (callers move only records whose [`client`](Record::client) is some).
    fn with_client(&self, client: Id, at: Timestamp) -> Self;
    fn table(b: &Base) -> &Table<Self>;
    fn table_mut(b: &mut Base) -> &mut Table<Self>;
}

impl Keyed for Tombstone {
    const STORE: &'static str = "tombstone";
    const FIELD: &'static str = "tombstones";
    fn key(&self) -> Id {
        self.id
    }
    fn rows(b: &Batch) -> &Vec<Self> {
        &b.tombstones
    }
    fn rows_mut(b: &mut Batch) -> &mut Vec<Self> {
        &mut b.tombstones
    }
    fn slice<'a>(s: &Slices<'a>) -> &'a [Self] {
        s.tombstones
    }
}

impl Keyed for Clocks {
    const STORE: &'static str = "clock";
    const FIELD: &'static str = "clocks";
    fn key(&self) -> Id {
        self.id
    }
    fn rows(b: &Batch) -> &Vec<Self> {
        &b.clocks
    }
    fn rows_mut(b: &mut Batch) -> &mut Vec<Self> {
        &mut b.clocks
    }
    fn slice<'a>(s: &Slices<'a>) -> &'a [Self] {
        s.clocks
    }
}

/// Something done to every kind in turn: `visit::<K>()` is called once per kind.
pub trait Visit {
    fn visit<K: Record>(&mut self);
}

/// Something done to one kind chosen at run time (see [`RecordKind::dispatch`]).
pub trait KindFn {
    type Out;
    fn call<K: Record>(self) -> Self::Out;
}

/// Something done to every stored kind, tombstones included (storage's buckets).
pub trait VisitStored {
    fn visit<K: Keyed>(&mut self);
}

/// Something done to one stored kind chosen by its store name (see [`dispatch_store`]).
pub trait StoredFn {
    type Out;
    fn call<K: Keyed>(self) -> Self::Out;
}

macro_rules! owned_client {
    (client, $s:ident) => {
        Some($s.client)
    };
    (none, $s:ident) => {
        None
    };
}

macro_rules! with_client {
    (client, $s:ident, $c:ident, $at:ident) => {
        Self {
            client: $c,
            updated_at: $at,
            ..$s.clone()
        }
    };
    (none, $s:ident, $c:ident, $at:ident) => {{
        let _ = ($c, $at);
        $s.clone()
    }};
}

macro_rules! is_owned {
    (client) => {
        true
    };
    (none) => {
        false
    };
}

macro_rules! declare_kinds {
    ($($t:ident => $v:ident, $f:ident, $s:literal, $l:ident, $o:ident;)*) => {
        /// Every kind of record, by the name it has in storage and in a tombstone.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
        pub enum RecordKind {
            $(#[serde(rename = $s)] $v,)*
        }

        impl RecordKind {
            pub const ALL: &'static [RecordKind] = &[$(RecordKind::$v,)*];

            pub const fn as_str(self) -> &'static str {
                match self {
                    $(RecordKind::$v => $s,)*
                }
            }

            /// When startup reads this kind.
            pub const fn load(self) -> Load {
                match self {
                    $(RecordKind::$v => Load::$l,)*
                }
            }

            /// Runs `f` for this kind's record type.
            pub fn dispatch<F: KindFn>(self, f: F) -> F::Out {
                match self {
                    $(RecordKind::$v => f.call::<$t>(),)*
                }
            }
        }

        /// Calls `v.visit::<K>()` for every record kind, in the order of the list.
        pub fn each_kind(v: &mut impl Visit) {
            $(v.visit::<$t>();)*
        }

        /// Calls `v.visit::<K>()` for every stored kind: the records, then tombstones.
        pub fn each_stored(v: &mut impl VisitStored) {
            $(v.visit::<$t>();)*
            v.visit::<Clocks>();
            v.visit::<Tombstone>();
        }

        /// Runs `f` for the stored kind named `store`; `None` for a name this version does not know.
        pub fn dispatch_store<F: StoredFn>(store: &str, f: F) -> Option<F::Out> {
            match store {
                $($s => Some(f.call::<$t>()),)*
                "clock" => Some(f.call::<Clocks>()),
                "tombstone" => Some(f.call::<Tombstone>()),
                _ => None,
            }
        }

        /// Every store name, tombstones last: the order a batch is written in.
        pub const STORES: &[&str] = &[$($s,)* "clock", "tombstone"];

        $(
            impl Keyed for $t {
                const STORE: &'static str = $s;
                const FIELD: &'static str = stringify!($f);
                fn key(&self) -> Id {
                    self.id
                }
                fn rows(b: &Batch) -> &Vec<Self> {
                    &b.$f
                }
                fn rows_mut(b: &mut Batch) -> &mut Vec<Self> {
                    &mut b.$f
                }
                fn slice<'a>(s: &Slices<'a>) -> &'a [Self] {
                    s.$f
                }
            }

            impl Record for $t {
                const KIND: RecordKind = RecordKind::$v;
                const LOAD: Load = Load::$l;
                const OWNED: bool = is_owned!($o);
                fn id(&self) -> Id {
                    self.id
                }
                fn updated_at(&self) -> Timestamp {
                    self.updated_at
                }
                fn client(&self) -> Option<Id> {
                    owned_client!($o, self)
                }
                fn with_client(&self, client: Id, at: Timestamp) -> Self {
                    with_client!($o, self, client, at)
                }
                fn table(b: &Base) -> &Table<Self> {
                    &b.$f
                }
                fn table_mut(b: &mut Base) -> &mut Table<Self> {
                    &mut b.$f
                }
            }
        )*
    };
}

record_kinds!(declare_kinds);

/// The stores startup reads at `load`; tombstones come first, with the clients.
pub fn stores_loaded(load: Load) -> Vec<&'static str> {
    let mut stores: Vec<&'static str> = RecordKind::ALL
        .iter()
        .filter(|k| k.load() == load)
        .map(|k| k.as_str())
        .collect();
    match load {
        Load::First => stores.push(Tombstone::STORE),
        // Only sync needs the clocks: they come with the history.
        Load::History => stores.push(Clocks::STORE),
    }
    stores
}

/// Storage splits each kind into this many buckets by id, so one edit rewrites one small bucket
/// while a whole import writes a few hundred values instead of one per record (see ARCHITECTURE.md).
pub const BUCKETS: u32 = 64;

pub fn bucket_of(id: &Id) -> u32 {
    // v4 UUIDs are random in their last bytes; demo ids are too (see demo::Rng::uuid).
    (id.as_u128() % u128::from(BUCKETS)) as u32
}

#[cfg(test)]
mod tests;

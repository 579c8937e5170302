//! What every stored record has in common, so storage, backup and merge handle them generically.

use serde::{de::DeserializeOwned, Serialize};

use super::model::*;

pub trait Record: Clone + Serialize + DeserializeOwned + 'static {
    const KIND: RecordKind;
    fn id(&self) -> Id;
    fn updated_at(&self) -> Timestamp;
}

/// Anything storage keeps in buckets by id: every record, and tombstones.
pub trait Keyed: Clone + Serialize + DeserializeOwned + 'static {
    /// The bucket key prefix, and the name of the kind in storage.
    const STORE: &'static str;
    fn key(&self) -> Id;
}

impl Keyed for Tombstone {
    const STORE: &'static str = "tombstone";
    fn key(&self) -> Id {
        self.id
    }
}

macro_rules! record {
    ($t:ty, $kind:expr) => {
        impl Keyed for $t {
            const STORE: &'static str = $kind.as_str();
            fn key(&self) -> Id {
                self.id
            }
        }

        impl Record for $t {
            const KIND: RecordKind = $kind;
            fn id(&self) -> Id {
                self.id
            }
            fn updated_at(&self) -> Timestamp {
                self.updated_at
            }
        }
    };
}

record!(Client, RecordKind::Client);
record!(Product, RecordKind::Product);
record!(Order, RecordKind::Order);
record!(Letter, RecordKind::Letter);
record!(Staff, RecordKind::Staff);
record!(Request, RecordKind::Request);
record!(ChangeLogEntry, RecordKind::Change);
record!(Decision, RecordKind::Decision);
record!(AddressList, RecordKind::AddressList);
record!(Mailing, RecordKind::Mailing);
record!(Activity, RecordKind::Activity);
record!(Deal, RecordKind::Deal);
record!(Contract, RecordKind::Contract);
record!(Snapshot, RecordKind::Snapshot);

/// Records that belong to one client: what a duplicate merge moves to the survivor, and its
/// undo moves back.
pub trait ClientOwned: Record {
    fn client(&self) -> Id;
    /// The same record, now the `client`'s, changed `at`.
    fn with_client(&self, client: Id, at: Timestamp) -> Self;
}

macro_rules! client_owned {
    ($($t:ty),*) => {$(
        impl ClientOwned for $t {
            fn client(&self) -> Id {
                self.client
            }
            fn with_client(&self, client: Id, at: Timestamp) -> Self {
                Self {
                    client,
                    updated_at: at,
                    ..self.clone()
                }
            }
        }
    )*};
}

client_owned!(
    Order,
    Letter,
    Request,
    ChangeLogEntry,
    Activity,
    Deal,
    Contract
);

/// Storage splits each kind into this many buckets by id, so one edit rewrites one small bucket
/// while a whole import writes a few hundred values instead of one per record (see ARCHITECTURE.md).
pub const BUCKETS: u32 = 64;

pub fn bucket_of(id: &Id) -> u32 {
    // v4 UUIDs are random in their last bytes; demo ids are too (see demo::Rng::uuid).
    (id.as_u128() % u128::from(BUCKETS)) as u32
}

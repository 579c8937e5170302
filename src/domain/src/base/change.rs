//! What a committed batch changed, small enough to tell other tabs (and, with sync, other
//! computers): each record's store name and id. The receiver reads only the buckets those records
//! live in and takes just those records from them, instead of reading the whole base again.

use std::collections::{BTreeSet, HashSet};

use serde::{Deserialize, Serialize};

use super::buckets::key;
use super::Batch;
use crate::model::Id;
use crate::record::{bucket_of, each_stored, Keyed, VisitStored};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changed {
    /// `(store, id)`: `("client", …)` for a client put, `("tombstone", …)` for a deletion.
    pub records: Vec<(String, Id)>,
}

impl Changed {
    pub fn of(batch: &Batch) -> Changed {
        struct Collect<'a>(&'a Batch, Vec<(String, Id)>);
        impl VisitStored for Collect<'_> {
            fn visit<K: Keyed>(&mut self) {
                let rows = K::rows(self.0);
                self.1
                    .extend(rows.iter().map(|r| (K::STORE.to_string(), r.key())));
            }
        }
        let mut c = Collect(batch, Vec::new());
        each_stored(&mut c);
        Changed { records: c.1 }
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The storage keys of the buckets the changed records live in, each once.
    pub fn bucket_keys(&self) -> Vec<String> {
        let keys: BTreeSet<String> = self
            .records
            .iter()
            .map(|(store, id)| key(store, bucket_of(id)))
            .collect();
        keys.into_iter().collect()
    }

    /// Of the records read from those buckets, the changed ones.
    pub fn pick(&self, mut stored: Batch) -> Batch {
        struct Keep<'a> {
            batch: &'a mut Batch,
            wanted: HashSet<(&'a str, Id)>,
        }
        impl VisitStored for Keep<'_> {
            fn visit<K: Keyed>(&mut self) {
                let wanted = &self.wanted;
                K::rows_mut(self.batch).retain(|r| wanted.contains(&(K::STORE, r.key())));
            }
        }
        let wanted = self
            .records
            .iter()
            .map(|(store, id)| (store.as_str(), *id))
            .collect();
        each_stored(&mut Keep {
            batch: &mut stored,
            wanted,
        });
        stored
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::buckets::{decode, encode, kind_of};
    use crate::base::Base;
    use crate::demo;
    use crate::model::{RecordKind, Tombstone};
    use chrono::NaiveDate;

    #[test]
    fn another_tab_reads_only_the_touched_buckets_and_gets_exactly_the_change() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let (_, all) = demo::generate_sized(today, 300);
        let stored = encode(&all, None).expect("encodes");
        let mut mine = Base::from_batch(&all);
        let mut theirs = Base::from_batch(&all);

        let mut edited = all.clients[3].clone();
        edited.notes = "Звонили, новый телефон".into();
        let gone = all.orders[5].clone();
        let change = Batch {
            clients: vec![edited.clone()],
            tombstones: vec![Tombstone {
                id: gone.id,
                kind: RecordKind::Order,
                deleted_at: edited.updated_at,
            }],
            ..Batch::default()
        };
        mine.apply(&change);
        // Storage as it is after the write: the changed records in their buckets.
        let after_write: Vec<(String, Vec<u8>)> = {
            let mut b = mine.to_batch();
            b.tombstones = mine.tombstone_list();
            encode(&b, None).expect("encodes")
        };

        let changed = Changed::of(&change);
        let keys = changed.bucket_keys();
        assert_eq!(keys.len(), 2, "{keys:?}");
        assert!(keys.iter().any(|k| kind_of(k) == "client"));
        assert!(keys.iter().any(|k| kind_of(k) == "tombstone"));
        assert!(
            keys.len() < stored.len() / 10,
            "only a few buckets are read"
        );

        let read: Vec<(String, Vec<u8>)> = after_write
            .into_iter()
            .filter(|(k, _)| keys.contains(k))
            .collect();
        let (batch, errors) = decode(read);
        assert!(errors.is_empty());
        let picked = changed.pick(batch);
        assert_eq!(picked.clients, vec![edited.clone()]);
        assert_eq!(picked.tombstones.len(), 1);
        assert_eq!(picked.counts().total(), 2);

        theirs.apply(&picked);
        assert_eq!(theirs.clients.get(&edited.id), Some(&edited));
        assert!(theirs.orders.get(&gone.id).is_none());
        assert_eq!(theirs.counts(), mine.counts());
    }

    #[test]
    fn the_message_is_small_json() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let (_, all) = demo::generate_sized(today, 50);
        let change = Batch {
            clients: vec![all.clients[0].clone()],
            ..Batch::default()
        };
        let text = serde_json::to_string(&Changed::of(&change)).expect("encodes");
        assert!(text.len() < 80, "{text}");
        let back: Changed = serde_json::from_str(&text).expect("decodes");
        assert_eq!(back, Changed::of(&change));
    }
}

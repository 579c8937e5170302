//! The client base in IndexedDB. Records are kept as JSON strings in buckets (`client/07` holds
//! the clients whose id falls in bucket 7): one edit rewrites one small bucket, a whole import
//! writes a few hundred values, and every write is one transaction (ARCHITECTURE.md has the numbers).

use std::collections::{BTreeMap, HashSet};

use rexie::{KeyRange, ObjectStore, Rexie, Store, TransactionMode};
use wasm_bindgen::JsValue;

use super::codec::{codec, encode_all, encode_all_from, key, parse_all};
use super::StorageError;
use crate::domain::backup::spans::Source;
use crate::domain::base::{Base, Batch};
use crate::domain::json;
use crate::domain::model::{Id, RecordKind};
use crate::domain::record::{bucket_of, Keyed};

pub const DB_NAME: &str = "pismo";
/// What startup reads before the first paint: enough to list, search and edit clients.
pub const FIRST_STORES: [&str; 4] = ["client", "product", "staff", "tombstone"];
/// What it reads right after: the clients' history.
pub const HISTORY_STORES: [&str; 11] = [
    "order",
    "letter",
    "request",
    "change",
    "decision",
    "address_list",
    "mailing",
    "activity",
    "deal",
    "contract",
    "snapshot",
];
const ALL_STORES: [&str; 15] = [
    "client",
    "product",
    "staff",
    "tombstone",
    "order",
    "letter",
    "request",
    "change",
    "decision",
    "address_list",
    "mailing",
    "activity",
    "deal",
    "contract",
    "snapshot",
];
/// Version 1: stores `buckets` and `meta`. Raise it with a migration in [`Db::open_named`].
pub const SCHEMA_VERSION: u32 = 1;
const BUCKETS: &str = "buckets";
const META: &str = "meta";
/// Past this the open is reported as blocked by another tab instead of waiting silently.
const OPEN_TIMEOUT_MS: i32 = 8000;

pub struct Db {
    rexie: Rexie,
}

/// What was in storage at startup.
pub struct Loaded {
    pub base: Base,
    /// Buckets that could not be read; they are left untouched in storage and reported.
    pub unreadable: Vec<StorageError>,
}

/// Resolves after `ms` milliseconds (or never, outside a window).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

impl Db {
    pub async fn open() -> Result<Db, StorageError> {
        Db::open_named(DB_NAME).await
    }

    /// Opens (creating or upgrading) a database; tests use their own names.
    pub async fn open_named(name: &str) -> Result<Db, StorageError> {
        Db::open_at(name, SCHEMA_VERSION).await
    }

    #[doc(hidden)]
    /// Opens at an explicit version: only tests need another than [`SCHEMA_VERSION`].
    pub async fn open_at(name: &str, version: u32) -> Result<Db, StorageError> {
        let has_idb = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("indexedDB")).ok())
            .is_some_and(|v| !v.is_undefined() && !v.is_null());
        if !has_idb {
            return Err(StorageError::Unavailable(
                "this browser has no IndexedDB".into(),
            ));
        }
        let open = Rexie::builder(name)
            .version(version)
            .add_object_store(ObjectStore::new(BUCKETS))
            .add_object_store(ObjectStore::new(META))
            .build();
        let timeout = sleep(OPEN_TIMEOUT_MS);
        futures_select(open, timeout)
            .await
            .ok_or(StorageError::BlockedUpgrade)?
            .map(|rexie| Db { rexie })
            .map_err(StorageError::from)
    }

    pub fn close(self) {
        self.rexie.close();
    }

    /// Reads everything. A bucket that does not parse is reported and skipped, never overwritten
    /// by a later write of the same bucket (writes merge into what is stored, see `write`).
    pub async fn load(&self) -> Result<Loaded, StorageError> {
        let (batch, unreadable) = self.load_stores(&ALL_STORES).await?;
        Ok(Loaded {
            base: Base::from_batch(&batch),
            unreadable,
        })
    }

    /// Reads the records of some kinds only (their storage names, e.g. `"client"`): startup reads
    /// the clients first and their history after the first paint.
    pub async fn load_stores(
        &self,
        stores: &[&str],
    ) -> Result<(Batch, Vec<StorageError>), StorageError> {
        let tx = self
            .rexie
            .transaction(&[BUCKETS], TransactionMode::ReadOnly)?;
        let store = tx.store(BUCKETS)?;
        let mut grouped: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        let mut unreadable = Vec::new();
        for kind in stores {
            // Every key of a kind lies between "kind/" and "kind/\u{ffff}".
            let range = KeyRange::bound(
                &JsValue::from_str(&format!("{kind}/")),
                &JsValue::from_str(&format!("{kind}/\u{ffff}")),
                None,
                None,
            )
            .map_err(rexie::Error::from)?;
            let keys = store.get_all_keys(Some(range.clone()), None).await?;
            let values = store.get_all(Some(range), None).await?;
            for (k, v) in keys.into_iter().zip(values) {
                let (Some(k), Some(v)) = (k.as_string(), v.as_string()) else {
                    unreadable.push(codec(kind, "a stored value is not text"));
                    continue;
                };
                grouped.entry((*kind).to_string()).or_default().push((k, v));
            }
        }
        let mut batch = Batch::default();
        let u = &mut unreadable;
        parse_all(&mut grouped, &mut batch.clients, u);
        parse_all(&mut grouped, &mut batch.products, u);
        parse_all(&mut grouped, &mut batch.orders, u);
        parse_all(&mut grouped, &mut batch.letters, u);
        parse_all(&mut grouped, &mut batch.staff, u);
        parse_all(&mut grouped, &mut batch.requests, u);
        parse_all(&mut grouped, &mut batch.changes, u);
        parse_all(&mut grouped, &mut batch.decisions, u);
        parse_all(&mut grouped, &mut batch.address_lists, u);
        parse_all(&mut grouped, &mut batch.mailings, u);
        parse_all(&mut grouped, &mut batch.activities, u);
        parse_all(&mut grouped, &mut batch.deals, u);
        parse_all(&mut grouped, &mut batch.contracts, u);
        parse_all(&mut grouped, &mut batch.snapshots, u);
        parse_all(&mut grouped, &mut batch.tombstones, u);
        Ok((batch, unreadable))
    }

    /// Writes a batch atomically: every touched bucket is read, the batch merged into it and
    /// written back in one transaction, so another tab's records in the same bucket survive.
    pub async fn write(&self, batch: &Batch) -> Result<(), StorageError> {
        if batch.is_empty() {
            return Ok(());
        }
        let tx = self
            .rexie
            .transaction(&[BUCKETS], TransactionMode::ReadWrite)?;
        let store = tx.store(BUCKETS)?;
        let deleted = |kind: RecordKind| -> HashSet<Id> {
            batch
                .tombstones
                .iter()
                .filter(|t| t.kind == kind)
                .map(|t| t.id)
                .collect()
        };
        let result = async {
            merge_kind(&store, &batch.clients, &deleted(RecordKind::Client)).await?;
            merge_kind(&store, &batch.products, &deleted(RecordKind::Product)).await?;
            merge_kind(&store, &batch.orders, &deleted(RecordKind::Order)).await?;
            merge_kind(&store, &batch.letters, &deleted(RecordKind::Letter)).await?;
            merge_kind(&store, &batch.staff, &deleted(RecordKind::Staff)).await?;
            merge_kind(&store, &batch.requests, &deleted(RecordKind::Request)).await?;
            merge_kind(&store, &batch.changes, &deleted(RecordKind::Change)).await?;
            merge_kind(&store, &batch.decisions, &deleted(RecordKind::Decision)).await?;
            merge_kind(
                &store,
                &batch.address_lists,
                &deleted(RecordKind::AddressList),
            )
            .await?;
            merge_kind(&store, &batch.mailings, &deleted(RecordKind::Mailing)).await?;
            merge_kind(&store, &batch.activities, &deleted(RecordKind::Activity)).await?;
            merge_kind(&store, &batch.deals, &deleted(RecordKind::Deal)).await?;
            merge_kind(&store, &batch.contracts, &deleted(RecordKind::Contract)).await?;
            merge_kind(&store, &batch.snapshots, &deleted(RecordKind::Snapshot)).await?;
            // A record brought back (put after an earlier delete) loses its tombstone.
            let revived: HashSet<Id> = batch.put_ids();
            merge_kind(&store, &batch.tombstones, &revived).await?;
            Ok(())
        }
        .await;
        finish(tx, result).await
    }

    /// Replaces the whole stored base with `batch` in one transaction (a replace-import).
    pub async fn replace_all(&self, batch: &Batch) -> Result<(), StorageError> {
        let entries = encode_all(batch)?;
        self.put_entries(entries, true).await
    }

    /// [`Db::replace_all`] with a backup read by `backup::read_keeping`: its records' own text is
    /// stored, not encoded again.
    pub async fn replace_all_from(
        &self,
        batch: &Batch,
        source: Option<&Source>,
    ) -> Result<(), StorageError> {
        let entries = encode_all_from(batch, source)?;
        self.put_entries(entries, true).await
    }

    /// The lowest write: puts `(key, value)` pairs in one transaction, after clearing the store
    /// when asked. Any failure aborts the transaction, so nothing of it is stored.
    #[doc(hidden)]
    pub async fn put_entries(
        &self,
        entries: Vec<(String, JsValue)>,
        clear: bool,
    ) -> Result<(), StorageError> {
        let tx = self
            .rexie
            .transaction(&[BUCKETS], TransactionMode::ReadWrite)?;
        let store = tx.store(BUCKETS)?;
        let result = async {
            if clear {
                store.clear().await?;
            }
            store
                .put_all(
                    entries
                        .into_iter()
                        .map(|(k, v)| (v, Some(JsValue::from_str(&k)))),
                )
                .await?;
            Ok(())
        }
        .await;
        finish(tx, result).await
    }

    pub async fn get_meta(&self, name: &str) -> Result<Option<String>, StorageError> {
        let tx = self.rexie.transaction(&[META], TransactionMode::ReadOnly)?;
        let v = tx.store(META)?.get(JsValue::from_str(name)).await?;
        Ok(v.and_then(|v| v.as_string()))
    }

    pub async fn set_meta(&self, name: &str, value: &str) -> Result<(), StorageError> {
        let tx = self
            .rexie
            .transaction(&[META], TransactionMode::ReadWrite)?;
        let result = async {
            tx.store(META)?
                .put(&JsValue::from_str(value), Some(&JsValue::from_str(name)))
                .await?;
            Ok(())
        }
        .await;
        finish(tx, result).await
    }
}

/// Commits on success; on failure aborts, so a half-done write never lands.
async fn finish(
    tx: rexie::Transaction,
    result: Result<(), StorageError>,
) -> Result<(), StorageError> {
    match result {
        Ok(()) => {
            tx.done().await?;
            Ok(())
        }
        Err(e) => {
            // The transaction may already have been aborted by the failing request.
            let _ = tx.abort().await;
            Err(e)
        }
    }
}

async fn read_bucket<T: serde::de::DeserializeOwned>(
    store: &Store,
    key: &str,
) -> Result<Vec<T>, StorageError> {
    match store.get(JsValue::from_str(key)).await? {
        None => Ok(Vec::new()),
        Some(v) => {
            let text = v.as_string().ok_or_else(|| codec(key, "not text"))?;
            json::parse(&text).map_err(|e| codec(key, e))
        }
    }
}

/// Merges puts and deletions into the stored buckets of one kind.
async fn merge_kind<T: Keyed>(
    store: &Store,
    puts: &[T],
    deleted: &HashSet<Id>,
) -> Result<(), StorageError> {
    let mut by_bucket: BTreeMap<u32, Vec<&T>> = BTreeMap::new();
    for r in puts {
        by_bucket.entry(bucket_of(&r.key())).or_default().push(r);
    }
    for id in deleted {
        by_bucket.entry(bucket_of(id)).or_default();
    }
    for (bucket, rows) in by_bucket {
        let k = key(T::STORE, bucket);
        let mut stored: Vec<T> = read_bucket(store, &k).await?;
        let before = stored.len();
        stored.retain(|s| !deleted.contains(&s.key()) && !rows.iter().any(|r| r.key() == s.key()));
        if rows.is_empty() && stored.len() == before {
            continue;
        }
        stored.extend(rows.into_iter().cloned());
        let text = serde_json::to_string(&stored).map_err(|e| codec(&k, e))?;
        store
            .put(&JsValue::from_str(&text), Some(&JsValue::from_str(&k)))
            .await?;
    }
    Ok(())
}

/// The first of two futures to finish: `Some` with the first's output, `None` if the second won.
async fn futures_select<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> Option<A::Output> {
    use std::pin::pin;
    use std::task::Poll;
    let mut a = pin!(a);
    let mut b = pin!(b);
    std::future::poll_fn(move |cx| {
        if let Poll::Ready(v) = a.as_mut().poll(cx) {
            return Poll::Ready(Some(v));
        }
        if b.as_mut().poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        Poll::Pending
    })
    .await
}

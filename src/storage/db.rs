//! The client base in IndexedDB. Records are kept as JSON (UTF-8 bytes) in buckets (`client/07` holds
//! the clients whose id falls in bucket 7): one edit rewrites one small bucket, a whole import
//! writes a few hundred values, and every write is one transaction (ARCHITECTURE.md has the numbers).

use rexie::{KeyRange, ObjectStore, Rexie, TransactionMode};
use wasm_bindgen::JsValue;

use super::codec::{bytes, values};
use super::tx::{finish, futures_select, sleep, value_size};
use super::StorageError;
use crate::domain::backup::spans::Source;
use crate::domain::base::buckets::{self, Merge};
use crate::domain::base::{Base, Batch};
use crate::domain::model::Client;
use crate::domain::record::{self, Keyed};

pub const DB_NAME: &str = "pismo";
/// Version 1: stores `buckets` and `meta`. Raise it with a migration in [`Db::open_named`].
pub const SCHEMA_VERSION: u32 = 1;
const BUCKETS: &str = "buckets";
pub(super) const META: &str = "meta";
/// Past this the open is reported as blocked by another tab instead of waiting silently.
const OPEN_TIMEOUT_MS: i32 = 8000;

pub struct Db {
    pub(super) rexie: Rexie,
    /// Which stored base this tab has in memory (meta `base_id`, new at every replace): a write
    /// from a tab that still holds the replaced base must not land in the new one.
    pub(super) generation: std::cell::RefCell<Option<String>>,
}

const BASE_ID: &str = "base_id";

/// What was in storage at startup.
pub struct Loaded {
    pub base: Base,
    /// Buckets that could not be read; they are left untouched in storage and reported.
    pub unreadable: Vec<StorageError>,
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
            .map(|rexie| Db {
                rexie,
                generation: Default::default(),
            })
            .map_err(StorageError::from)
    }

    /// Remembers which base is stored now; run before the base is read into memory.
    pub async fn read_generation(&self) -> Result<(), StorageError> {
        let id = self.get_meta(BASE_ID).await?;
        *self.generation.borrow_mut() = id;
        Ok(())
    }

    pub fn close(self) {
        self.rexie.close();
    }

    /// Reads everything. A bucket that does not parse is reported and skipped, never overwritten
    /// by a later write of the same bucket (writes merge into what is stored, see `write`).
    pub async fn load(&self) -> Result<Loaded, StorageError> {
        let (batch, unreadable) = self.load_stores(record::STORES).await?;
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
        let mut stored = Vec::new();
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
                let k = k.as_string().unwrap_or_else(|| (*kind).to_string());
                match bytes(&k, v) {
                    Ok(v) => stored.push((k, v)),
                    Err(e) => unreadable.push(e),
                }
            }
        }
        let (batch, errors) = buckets::decode(stored);
        unreadable.extend(errors.into_iter().map(StorageError::from));
        Ok((batch, unreadable))
    }

    /// Reads some buckets by key (those another tab's change touched, see `Changed`). A key
    /// with nothing stored is skipped; a bucket that does not parse is reported.
    pub async fn read_buckets(
        &self,
        keys: &[String],
    ) -> Result<(Batch, Vec<StorageError>), StorageError> {
        let tx = self
            .rexie
            .transaction(&[BUCKETS], TransactionMode::ReadOnly)?;
        let store = tx.store(BUCKETS)?;
        let mut stored = Vec::new();
        let mut unreadable = Vec::new();
        for k in keys {
            if let Some(v) = store.get(JsValue::from_str(k)).await? {
                match bytes(k, v) {
                    Ok(v) => stored.push((k.clone(), v)),
                    Err(e) => unreadable.push(e),
                }
            }
        }
        let (batch, errors) = buckets::decode(stored);
        unreadable.extend(errors.into_iter().map(StorageError::from));
        Ok((batch, unreadable))
    }

    /// Writes a batch atomically: every touched bucket is read, the batch merged into it and
    /// written back in one transaction, so another tab's records in the same bucket survive.
    pub async fn write(&self, batch: &Batch) -> Result<(), StorageError> {
        self.write_expecting(batch, &[]).await
    }

    /// [`Db::write`] of an edit made from a known version: if a client in `expected` is stored
    /// otherwise (another tab saved it, or sync merged another computer's edit into it, which
    /// may leave `updated_at` as it was), nothing is written and the answer is
    /// [`StorageError::Changed`], so the edit can be merged with the stored version. Checked
    /// inside the write's own transaction, so no save can slip in between.
    pub async fn write_expecting(
        &self,
        batch: &Batch,
        expected: &[Client],
    ) -> Result<(), StorageError> {
        if batch.is_empty() {
            return Ok(());
        }
        let tx = self
            .rexie
            .transaction(&[BUCKETS, META], TransactionMode::ReadWrite)?;
        let store = tx.store(BUCKETS)?;
        let merge = Merge::new(batch);
        let mut size = 0;
        let result = async {
            let stored_base = tx.store(META)?.get(JsValue::from_str(BASE_ID)).await?;
            if stored_base.and_then(|v| v.as_string()) != *self.generation.borrow() {
                return Err(StorageError::Replaced);
            }
            let mut changed = Vec::new();
            for want in expected {
                let id = &want.id;
                let k = buckets::key(Client::STORE, record::bucket_of(id));
                let Some(v) = store.get(JsValue::from_str(&k)).await? else {
                    continue;
                };
                let (stored, _) = buckets::decode(vec![(k.clone(), bytes(&k, v)?)]);
                if let Some(c) = stored.clients.iter().find(|c| c.id == *id) {
                    if c != want {
                        changed.push(*id);
                    }
                }
            }
            if !changed.is_empty() {
                return Err(StorageError::Changed(changed));
            }
            for k in merge.keys() {
                let stored = match store.get(JsValue::from_str(k)).await? {
                    Some(v) => Some(bytes(k, v)?),
                    None => None,
                };
                if let Some(new) = merge.apply(k, stored.as_deref())? {
                    size += new.len();
                    store
                        .put(
                            &js_sys::Uint8Array::from(new.as_slice()),
                            Some(&JsValue::from_str(k)),
                        )
                        .await?;
                }
            }
            Ok(())
        }
        .await;
        finish(tx, result, size).await
    }

    /// Replaces the whole stored base with `batch` in one transaction (a replace-import).
    pub async fn replace_all(&self, batch: &Batch) -> Result<(), StorageError> {
        self.replace_all_with(batch, None, &[]).await
    }

    /// [`Db::replace_all`] with a backup read by `backup::read_keeping`: its records' own text is
    /// stored, not encoded again.
    pub async fn replace_all_from(
        &self,
        batch: &Batch,
        source: Option<&Source>,
    ) -> Result<(), StorageError> {
        self.replace_all_with(batch, source, &[]).await
    }

    /// [`Db::replace_all_from`] with named `meta` values written in the same transaction: what
    /// belongs to the new base besides its records (its settings, its letter queue) is stored
    /// with it or not at all.
    pub async fn replace_all_with(
        &self,
        batch: &Batch,
        source: Option<&Source>,
        meta: &[(&str, String)],
    ) -> Result<(), StorageError> {
        // Only told apart from the previous one: two random 53-bit numbers.
        let id = format!(
            "{:x}-{:x}",
            (js_sys::Math::random() * 9e15) as u64,
            (js_sys::Math::random() * 9e15) as u64
        );
        let mut meta = meta.to_vec();
        meta.push((BASE_ID, id.clone()));
        self.put_entries_with(values(buckets::encode(batch, source)?), true, &meta)
            .await?;
        *self.generation.borrow_mut() = Some(id);
        Ok(())
    }

    /// The lowest write: puts `(key, value)` pairs in one transaction, after clearing the store
    /// when asked. Any failure aborts the transaction, so nothing of it is stored.
    #[doc(hidden)]
    pub async fn put_entries(
        &self,
        entries: Vec<(String, JsValue)>,
        clear: bool,
    ) -> Result<(), StorageError> {
        self.put_entries_with(entries, clear, &[]).await
    }

    /// [`Db::put_entries`] with `meta` values in the same transaction.
    #[doc(hidden)]
    pub async fn put_entries_with(
        &self,
        entries: Vec<(String, JsValue)>,
        clear: bool,
        meta: &[(&str, String)],
    ) -> Result<(), StorageError> {
        let tx = self
            .rexie
            .transaction(&[BUCKETS, META], TransactionMode::ReadWrite)?;
        let store = tx.store(BUCKETS)?;
        let meta_store = tx.store(META)?;
        let size = entries.iter().map(|(_, v)| value_size(v)).sum::<usize>()
            + meta.iter().map(|(_, v)| v.len()).sum::<usize>();
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
            for (name, value) in meta {
                meta_store
                    .put(&JsValue::from_str(value), Some(&JsValue::from_str(name)))
                    .await?;
            }
            Ok(())
        }
        .await;
        finish(tx, result, size).await
    }

    pub async fn get_meta(&self, name: &str) -> Result<Option<String>, StorageError> {
        let tx = self.rexie.transaction(&[META], TransactionMode::ReadOnly)?;
        let v = tx.store(META)?.get(JsValue::from_str(name)).await?;
        Ok(v.and_then(|v| v.as_string()))
    }

    /// Forgets a named value (nothing happens if there is none).
    pub async fn delete_meta(&self, name: &str) -> Result<(), StorageError> {
        let tx = self
            .rexie
            .transaction(&[META], TransactionMode::ReadWrite)?;
        let result = async {
            tx.store(META)?.delete(JsValue::from_str(name)).await?;
            Ok(())
        }
        .await;
        finish(tx, result, 0).await
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
        finish(tx, result, value.len()).await
    }
}

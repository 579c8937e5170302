//! The buckets storage keeps records in (`client/07` holds the clients whose id falls in bucket
//! 7, as one JSON array in UTF-8): a batch to bucket texts, bucket texts to a batch, and a batch
//! merged into stored buckets. Storage only moves these bytes in and out of IndexedDB.
//!
//! This lives in the domain, not in storage, so that the (de)serialising code is compiled here:
//! the domain crate is optimised for speed, the app crate for size, and a generic function is
//! compiled where it is instantiated. The whole base passes through here at startup and import.

use std::collections::{BTreeMap, HashSet};

use super::Batch;
use crate::backup::spans::Source;
use crate::json;
use crate::model::*;
use crate::record::{bucket_of, dispatch_store, each_stored, Keyed, StoredFn, VisitStored};

/// The storage key of bucket `bucket` of a kind (`client/07`).
pub fn key(kind: &str, bucket: u32) -> String {
    format!("{kind}/{bucket:02}")
}

/// The kind a bucket key belongs to (`client` of `client/07`).
pub fn kind_of(key: &str) -> &str {
    key.split_once('/').map_or(key, |(kind, _)| kind)
}

/// A bucket that could not be written or read, by its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketError {
    pub key: String,
    pub message: String,
}

impl BucketError {
    fn new(key: &str, e: impl ToString) -> Self {
        Self {
            key: key.to_string(),
            message: e.to_string(),
        }
    }
}

/// Every bucket of `batch` as `(key, JSON text in UTF-8)`. With `source` (a backup read by
/// `backup::read_keeping`), the records' own text from the file is joined instead of encoding
/// them again: the same values, as that text is what they were parsed from.
pub fn encode(
    batch: &Batch,
    source: Option<&Source>,
) -> Result<Vec<(String, Vec<u8>)>, BucketError> {
    struct Encode<'a> {
        batch: &'a Batch,
        source: Option<&'a Source>,
        out: Vec<(String, Vec<u8>)>,
        failed: Option<BucketError>,
    }
    impl VisitStored for Encode<'_> {
        fn visit<K: Keyed>(&mut self) {
            if self.failed.is_none() {
                let rows = K::rows(self.batch);
                self.failed = encode_rows(rows, self.source, &mut self.out).err();
            }
        }
    }
    let mut e = Encode {
        batch,
        source,
        out: Vec::new(),
        failed: None,
    };
    each_stored(&mut e);
    match e.failed {
        Some(error) => Err(error),
        None => Ok(e.out),
    }
}

fn encode_rows<T: Keyed>(
    rows: &[T],
    source: Option<&Source>,
    out: &mut Vec<(String, Vec<u8>)>,
) -> Result<(), BucketError> {
    if let Some(texts) = source.and_then(|s| s.records::<T>(rows.len())) {
        let mut by_bucket: BTreeMap<u32, Vec<u8>> = BTreeMap::new();
        for (r, text) in rows.iter().zip(texts) {
            let bucket = by_bucket
                .entry(bucket_of(&r.key()))
                .or_insert_with(|| b"[".to_vec());
            if bucket.len() > 1 {
                bucket.push(b',');
            }
            bucket.extend_from_slice(text.as_bytes());
        }
        for (bucket, mut text) in by_bucket {
            text.push(b']');
            out.push((key(T::STORE, bucket), text));
        }
        return Ok(());
    }
    let mut by_bucket: BTreeMap<u32, Vec<&T>> = BTreeMap::new();
    for r in rows {
        by_bucket.entry(bucket_of(&r.key())).or_default().push(r);
    }
    for (bucket, rows) in by_bucket {
        let k = key(T::STORE, bucket);
        let text = to_json(&rows).map_err(|e| BucketError::new(&k, e))?;
        out.push((k, text));
    }
    Ok(())
}

/// Reads buckets `(key, UTF-8 JSON)` of any kinds into one batch. A bucket that does not parse (or of
/// a kind this version does not know) is reported and skipped; the others are read.
pub fn decode(buckets: Vec<(String, Vec<u8>)>) -> (Batch, Vec<BucketError>) {
    let mut batch = Batch::default();
    let mut unreadable = Vec::new();
    struct Decode<'a> {
        text: &'a [u8],
        batch: &'a mut Batch,
    }
    impl StoredFn for Decode<'_> {
        type Out = Result<(), String>;
        fn call<K: Keyed>(self) -> Result<(), String> {
            parse::<K>(self.text).map(|rows| K::rows_mut(self.batch).extend(rows))
        }
    }
    for (k, text) in buckets {
        let decode = Decode {
            text: &text,
            batch: &mut batch,
        };
        match dispatch_store(kind_of(&k), decode) {
            Some(Ok(())) => {}
            Some(Err(e)) => unreadable.push(BucketError::new(&k, e)),
            None => unreadable.push(BucketError::new(
                &k,
                "a kind of record this version does not know",
            )),
        }
    }
    (batch, unreadable)
}

/// A batch to be merged into the stored buckets: which buckets it touches and, bucket by bucket,
/// their new text from their stored text. Records of other tabs in the same bucket survive.
pub struct Merge<'a> {
    batch: &'a Batch,
    /// Per bucket key: the positions of the batch's records of that kind falling in it.
    buckets: BTreeMap<String, Vec<usize>>,
    /// Per kind: the ids the batch deletes; for tombstones, the ids it brings back.
    removed: BTreeMap<&'static str, HashSet<Id>>,
}

impl<'a> Merge<'a> {
    pub fn new(batch: &'a Batch) -> Self {
        let mut removed: BTreeMap<&'static str, HashSet<Id>> = BTreeMap::new();
        for t in &batch.tombstones {
            removed.entry(t.kind.as_str()).or_default().insert(t.id);
        }
        // A record brought back (put after an earlier delete) loses its tombstone.
        removed.insert(Tombstone::STORE, batch.put_ids());
        struct Touch<'a> {
            batch: &'a Batch,
            buckets: BTreeMap<String, Vec<usize>>,
        }
        impl VisitStored for Touch<'_> {
            fn visit<K: Keyed>(&mut self) {
                for (i, r) in K::rows(self.batch).iter().enumerate() {
                    self.buckets
                        .entry(key(K::STORE, bucket_of(&r.key())))
                        .or_default()
                        .push(i);
                }
            }
        }
        let mut touch = Touch {
            batch,
            buckets: BTreeMap::new(),
        };
        each_stored(&mut touch);
        let mut buckets = touch.buckets;
        for (kind, ids) in &removed {
            for id in ids {
                buckets.entry(key(kind, bucket_of(id))).or_default();
            }
        }
        Self {
            batch,
            buckets,
            removed,
        }
    }

    /// The keys of the buckets to read and merge, in a stable order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.buckets.keys().map(String::as_str)
    }

    /// The new text of bucket `k` given its stored text, or `None` if it stays as it is.
    pub fn apply(&self, k: &str, stored: Option<&[u8]>) -> Result<Option<Vec<u8>>, BucketError> {
        let Some(positions) = self.buckets.get(k) else {
            return Ok(None);
        };
        let kind = kind_of(k);
        let none = HashSet::new();
        let removed = self.removed.get(kind).unwrap_or(&none);
        struct MergeRows<'a> {
            k: &'a str,
            stored: Option<&'a [u8]>,
            batch: &'a Batch,
            positions: &'a [usize],
            removed: &'a HashSet<Id>,
        }
        impl StoredFn for MergeRows<'_> {
            type Out = Result<Option<Vec<u8>>, BucketError>;
            fn call<K: Keyed>(self) -> Self::Out {
                let rows = K::rows(self.batch);
                merge_rows(self.k, self.stored, rows, self.positions, self.removed)
            }
        }
        let merge = MergeRows {
            k,
            stored,
            batch: self.batch,
            positions,
            removed,
        };
        dispatch_store(kind, merge).unwrap_or(Ok(None))
    }
}

/// One compiled copy per record type, shared by [`encode`] and [`Merge`]: inlined at the
/// domain's opt-level, each caller carried its own (84 KB of wasm in `encode` alone).
#[inline(never)]
fn to_json<T: Keyed>(rows: &[&T]) -> Result<Vec<u8>, serde_json::Error> {
    serde_json::to_vec(rows)
}

/// Parses through `json::parse` (serde_json's `&str` reader): the backup reader instantiates it
/// for every record type already, and a second reader (`from_slice`) for the same types cost
/// 35 KB of the first load.
#[inline(never)]
fn parse<T: Keyed>(bytes: &[u8]) -> Result<Vec<T>, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    json::parse(text).map_err(|e| e.to_string())
}

fn merge_rows<T: Keyed>(
    k: &str,
    stored: Option<&[u8]>,
    rows: &[T],
    positions: &[usize],
    removed: &HashSet<Id>,
) -> Result<Option<Vec<u8>>, BucketError> {
    let mut kept: Vec<T> = match stored {
        Some(text) => parse(text).map_err(|e| BucketError::new(k, e))?,
        None => Vec::new(),
    };
    let puts: Vec<&T> = positions.iter().filter_map(|&i| rows.get(i)).collect();
    let put_ids: HashSet<Id> = puts.iter().map(|r| r.key()).collect();
    let before = kept.len();
    kept.retain(|s| !removed.contains(&s.key()) && !put_ids.contains(&s.key()));
    if puts.is_empty() && kept.len() == before {
        return Ok(None);
    }
    let rows: Vec<&T> = kept.iter().chain(puts).collect();
    to_json(&rows).map(Some).map_err(|e| BucketError::new(k, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use chrono::NaiveDate;

    fn small() -> Batch {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default();
        demo::generate_sized(today, 300).1
    }

    #[test]
    fn a_batch_encoded_into_buckets_decodes_to_the_same_records() {
        let batch = small();
        let buckets = encode(&batch, None).expect("encodes");
        assert!(buckets
            .iter()
            .all(|(k, t)| k.contains('/') && t.starts_with(b"[")));
        let (back, errors) = decode(buckets);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(back.counts(), batch.counts());
        let mut a = batch.clients.clone();
        let mut b = back.clients.clone();
        a.sort_by_key(|c| c.id);
        b.sort_by_key(|c| c.id);
        assert_eq!(a, b);
    }

    #[test]
    fn a_bucket_that_does_not_parse_is_named_and_the_others_are_read() {
        let batch = small();
        let mut buckets = encode(&batch, None).expect("encodes");
        let (bad_key, _) = buckets[0].clone();
        buckets[0].1 = b"[{\"id\": 12".to_vec();
        buckets.push(("gadget/01".into(), b"[]".to_vec()));
        let (back, errors) = decode(buckets);
        let keys: Vec<&str> = errors.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, [bad_key.as_str(), "gadget/01"]);
        assert!(back.clients.len() < batch.clients.len());
        assert_eq!(back.orders.len(), batch.orders.len());
    }

    #[test]
    fn merging_puts_and_deletions_keeps_the_other_records_of_a_bucket() {
        let batch = small();
        let stored: BTreeMap<String, Vec<u8>> =
            encode(&batch, None).expect("encodes").into_iter().collect();
        let mut edited = batch.clients[0].clone();
        edited.name = "ООО «Новое имя»".into();
        let gone = batch.clients[1].clone();
        let change = Batch {
            clients: vec![edited.clone()],
            tombstones: vec![Tombstone {
                id: gone.id,
                kind: RecordKind::Client,
                deleted_at: edited.updated_at,
            }],
            ..Batch::default()
        };
        let merge = Merge::new(&change);
        let keys: Vec<String> = merge.keys().map(String::from).collect();
        assert!(keys.contains(&key("client", bucket_of(&edited.id))));
        assert!(keys.contains(&key("client", bucket_of(&gone.id))));
        assert!(keys.iter().any(|k| kind_of(k) == "tombstone"));
        let mut after = stored.clone();
        for k in &keys {
            if let Some(text) = merge
                .apply(k, stored.get(k).map(Vec::as_slice))
                .expect("merges")
            {
                after.insert(k.clone(), text);
            }
        }
        let (back, errors) = decode(after.into_iter().collect());
        assert!(errors.is_empty());
        assert_eq!(back.clients.len(), batch.clients.len() - 1);
        assert!(!back.clients.iter().any(|c| c.id == gone.id));
        let found = back.clients.iter().find(|c| c.id == edited.id);
        assert_eq!(found.map(|c| c.name.as_str()), Some("ООО «Новое имя»"));
        assert_eq!(back.tombstones.len(), batch.tombstones.len() + 1);
    }

    #[test]
    fn a_record_put_again_loses_its_tombstone_and_an_unchanged_bucket_is_left_alone() {
        let batch = small();
        let client = batch.clients[0].clone();
        let tomb = Tombstone {
            id: client.id,
            kind: RecordKind::Client,
            deleted_at: client.updated_at,
        };
        let tomb_key = key("tombstone", bucket_of(&client.id));
        let stored = serde_json::to_vec(&[&tomb]).expect("encodes");
        let change = Batch {
            clients: vec![client],
            ..Batch::default()
        };
        let merge = Merge::new(&change);
        assert_eq!(
            merge
                .apply(&tomb_key, Some(&stored))
                .expect("merges")
                .as_deref(),
            Some(&b"[]"[..])
        );
        assert_eq!(merge.apply(&tomb_key, Some(b"[]")).expect("merges"), None);
    }
}

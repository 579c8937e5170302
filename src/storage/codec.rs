//! Records to and from the JSON text storage keeps in buckets (`client/07`): what each bucket
//! key is, and how a batch becomes bucket values and back, with every failure named.

use std::collections::BTreeMap;

use wasm_bindgen::JsValue;

use super::StorageError;
use crate::domain::backup::spans::Source;
use crate::domain::base::Batch;
use crate::domain::json;
use crate::domain::record::{bucket_of, Keyed};

pub(super) fn key(kind: &str, bucket: u32) -> String {
    format!("{kind}/{bucket:02}")
}

pub(super) fn codec(key: &str, e: impl ToString) -> StorageError {
    StorageError::Codec {
        key: key.to_string(),
        message: e.to_string(),
    }
}

pub(super) fn parse_all<T: Keyed>(
    grouped: &mut BTreeMap<String, Vec<(String, String)>>,
    out: &mut Vec<T>,
    unreadable: &mut Vec<StorageError>,
) {
    for (k, v) in grouped.remove(T::STORE).unwrap_or_default() {
        match json::parse::<Vec<T>>(&v) {
            Ok(rows) => out.extend(rows),
            Err(e) => unreadable.push(codec(&k, e)),
        }
    }
}

/// Each bucket of `rows` as a JSON array. With `source`, the records' own text from the backup
/// file is joined instead of encoding them again (same values: that text is what they were
/// parsed from).
fn encode_kind<T: Keyed>(
    rows: &[T],
    source: Option<&Source>,
    out: &mut Vec<(String, JsValue)>,
) -> Result<(), StorageError> {
    if let Some(texts) = source.and_then(|s| s.records::<T>(rows.len())) {
        let mut by_bucket: BTreeMap<u32, String> = BTreeMap::new();
        for (r, text) in rows.iter().zip(texts) {
            let bucket = by_bucket
                .entry(bucket_of(&r.key()))
                .or_insert_with(|| "[".into());
            if bucket.len() > 1 {
                bucket.push(',');
            }
            bucket.push_str(text);
        }
        for (bucket, mut text) in by_bucket {
            text.push(']');
            out.push((key(T::STORE, bucket), JsValue::from_str(&text)));
        }
        return Ok(());
    }
    let mut by_bucket: BTreeMap<u32, Vec<&T>> = BTreeMap::new();
    for r in rows {
        by_bucket.entry(bucket_of(&r.key())).or_default().push(r);
    }
    for (bucket, rows) in by_bucket {
        let k = key(T::STORE, bucket);
        let text = serde_json::to_string(&rows).map_err(|e| codec(&k, e))?;
        out.push((k, JsValue::from_str(&text)));
    }
    Ok(())
}

pub(super) fn encode_all(b: &Batch) -> Result<Vec<(String, JsValue)>, StorageError> {
    encode_all_from(b, None)
}

pub(super) fn encode_all_from(
    b: &Batch,
    source: Option<&Source>,
) -> Result<Vec<(String, JsValue)>, StorageError> {
    let s = source;
    let mut out = Vec::new();
    encode_kind(&b.clients, s, &mut out)?;
    encode_kind(&b.products, s, &mut out)?;
    encode_kind(&b.orders, s, &mut out)?;
    encode_kind(&b.letters, s, &mut out)?;
    encode_kind(&b.staff, s, &mut out)?;
    encode_kind(&b.requests, s, &mut out)?;
    encode_kind(&b.changes, s, &mut out)?;
    encode_kind(&b.decisions, s, &mut out)?;
    encode_kind(&b.address_lists, s, &mut out)?;
    encode_kind(&b.mailings, s, &mut out)?;
    encode_kind(&b.activities, s, &mut out)?;
    encode_kind(&b.deals, s, &mut out)?;
    encode_kind(&b.contracts, s, &mut out)?;
    encode_kind(&b.snapshots, s, &mut out)?;
    encode_kind(&b.tombstones, s, &mut out)?;
    Ok(out)
}

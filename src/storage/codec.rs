//! Records to and from the JSON text storage keeps in buckets (`client/07`): what each bucket
//! key is, and how a batch becomes bucket values and back, with every failure named.

use std::collections::BTreeMap;

use wasm_bindgen::JsValue;

use super::StorageError;
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

fn encode_kind<T: Keyed>(rows: &[T], out: &mut Vec<(String, JsValue)>) -> Result<(), StorageError> {
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
    let mut out = Vec::new();
    encode_kind(&b.clients, &mut out)?;
    encode_kind(&b.products, &mut out)?;
    encode_kind(&b.orders, &mut out)?;
    encode_kind(&b.letters, &mut out)?;
    encode_kind(&b.staff, &mut out)?;
    encode_kind(&b.requests, &mut out)?;
    encode_kind(&b.changes, &mut out)?;
    encode_kind(&b.decisions, &mut out)?;
    encode_kind(&b.address_lists, &mut out)?;
    encode_kind(&b.mailings, &mut out)?;
    encode_kind(&b.activities, &mut out)?;
    encode_kind(&b.deals, &mut out)?;
    encode_kind(&b.contracts, &mut out)?;
    encode_kind(&b.snapshots, &mut out)?;
    encode_kind(&b.tombstones, &mut out)?;
    Ok(out)
}

//! Bucket texts (`domain::base::buckets`, which knows what is in them) to IndexedDB values and
//! back, with every failure named.

use wasm_bindgen::{JsCast, JsValue};

use super::StorageError;
use crate::domain::base::buckets::BucketError;

fn codec(key: &str, e: impl ToString) -> StorageError {
    StorageError::Codec {
        key: key.to_string(),
        message: e.to_string(),
    }
}

impl From<BucketError> for StorageError {
    fn from(e: BucketError) -> Self {
        StorageError::Codec {
            key: e.key,
            message: e.message,
        }
    }
}

/// Buckets go to IndexedDB as bytes (UTF-8 JSON), not strings: handing 166 MB of text to
/// JavaScript as strings cost 0.5 s of UTF-8 decoding on import and as much encoding back at
/// startup, while bytes are copied as they are.
pub(super) fn values(entries: Vec<(String, Vec<u8>)>) -> Vec<(String, JsValue)> {
    entries
        .into_iter()
        .map(|(k, bytes)| (k, js_sys::Uint8Array::from(bytes.as_slice()).into()))
        .collect()
}

/// The bytes of a stored bucket: bytes as written now, or text as versions before 2026-11-27
/// wrote it (read as it is; it becomes bytes the next time the bucket is written).
pub(super) fn bytes(key: &str, value: JsValue) -> Result<Vec<u8>, StorageError> {
    if let Some(text) = value.as_string() {
        return Ok(text.into_bytes());
    }
    match value.dyn_into::<js_sys::Uint8Array>() {
        Ok(array) => Ok(array.to_vec()),
        Err(_) => Err(codec(key, "a stored value is neither bytes nor text")),
    }
}

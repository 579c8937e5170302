//! The end of a transaction and the small waits around opening one: what `db` needs from the
//! browser beyond rexie.

use wasm_bindgen::{JsCast, JsValue};

use super::StorageError;

/// Resolves after `ms` milliseconds (or never, outside a window).
pub(super) async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits for the transaction's outcome: only a committed transaction is a stored write. The
/// browser may refuse it at commit after every request succeeded (a full disk or quota), which
/// the transaction reports as an abort, not as a failed request; `size` (the bytes it tried to
/// store) tells whether the quota is the likely cause. On a failure it aborts, so a half-done
/// write never lands.
pub(super) async fn finish(
    tx: rexie::Transaction,
    result: Result<(), StorageError>,
    size: usize,
) -> Result<(), StorageError> {
    match result {
        Ok(()) => match tx.done().await? {
            rexie::TransactionResult::Committed => Ok(()),
            rexie::TransactionResult::Aborted => Err(refused(size).await),
        },
        Err(e) => {
            // The transaction may already have been aborted by the failing request.
            let _ = tx.abort().await;
            Err(e)
        }
    }
}

/// Why the browser aborted a transaction whose requests all succeeded. It does not say (rexie
/// keeps the transaction's error to itself), so ask how full storage is: if what we tried to
/// write does not fit in what is left, it is the quota. The estimate does not always know (a
/// quota lowered by DevTools, compression): then it is `Refused`, which says what is most likely.
async fn refused(size: usize) -> StorageError {
    match super::persist::estimate().await {
        Some((usage, quota)) if usage + size as f64 >= quota * 0.9 => StorageError::Quota,
        _ => StorageError::Refused,
    }
}

/// Bytes of a value about to be stored (buckets are byte arrays; old ones were text).
pub(super) fn value_size(v: &JsValue) -> usize {
    v.dyn_ref::<js_sys::Uint8Array>()
        .map(|a| a.length() as usize)
        .or_else(|| v.as_string().map(|s| s.len()))
        .unwrap_or(0)
}

/// The first of two futures to finish: `Some` with the first's output, `None` if the second won.
pub(super) async fn futures_select<A: std::future::Future, B: std::future::Future>(
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

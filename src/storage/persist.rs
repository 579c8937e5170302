//! Asking the browser to keep our data: without it, a browser under disk pressure may evict
//! the only copy of a company's client base.

use wasm_bindgen_futures::JsFuture;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    Granted,
    Refused,
    /// The browser has no StorageManager (old browser, or not a secure context).
    Unsupported,
}

pub async fn request_persistence() -> Persistence {
    let Some(window) = web_sys::window() else {
        return Persistence::Unsupported;
    };
    let navigator = window.navigator();
    let has_storage = js_sys::Reflect::get(&navigator, &"storage".into())
        .is_ok_and(|v| !v.is_undefined() && !v.is_null());
    if !has_storage {
        return Persistence::Unsupported;
    }
    let manager = navigator.storage();
    let already = match manager.persisted() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_bool()),
        Err(_) => None,
    };
    if already == Some(true) {
        return Persistence::Granted;
    }
    match manager.persist() {
        Ok(p) => match JsFuture::from(p).await.ok().and_then(|v| v.as_bool()) {
            Some(true) => Persistence::Granted,
            Some(false) => Persistence::Refused,
            None => Persistence::Unsupported,
        },
        Err(_) => Persistence::Unsupported,
    }
}

/// How much this origin stores and may store, in bytes (`navigator.storage.estimate()`); `None`
/// where the browser cannot say.
pub async fn estimate() -> Option<(f64, f64)> {
    let navigator = web_sys::window()?.navigator();
    let has_storage = js_sys::Reflect::get(&navigator, &"storage".into())
        .is_ok_and(|v| !v.is_undefined() && !v.is_null());
    if !has_storage {
        return None;
    }
    let answer = JsFuture::from(navigator.storage().estimate().ok()?)
        .await
        .ok()?;
    let number = |name: &str| js_sys::Reflect::get(&answer, &name.into()).ok()?.as_f64();
    Some((number("usage")?, number("quota")?))
}

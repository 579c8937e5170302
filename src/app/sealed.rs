//! Encrypted backups in the browser: the container of `domain::backup::sealed` (its layout,
//! nonces and associated data) sealed and opened with WebCrypto, a chunk at a time, so the same
//! file opens in the app and in `pismo-cli open`.

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::backup::sealed::{Header, SealedError, HEADER_LEN};

fn subtle() -> Result<web_sys::SubtleCrypto, String> {
    let w = web_sys::window().ok_or("no window")?;
    let crypto = w.crypto().map_err(|_| "this browser has no WebCrypto")?;
    Ok(crypto.subtle())
}

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

fn js(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

/// The AES-256-GCM key of `password` under the header's salt and iteration count.
async fn key(password: &str, h: &Header) -> Result<web_sys::CryptoKey, String> {
    let s = subtle()?;
    let raw = Uint8Array::from(password.as_bytes());
    let usages = js_sys::Array::of1(&JsValue::from_str("deriveKey"));
    let base = JsFuture::from(
        s.import_key_with_str("raw", &raw, "PBKDF2", false, &usages)
            .map_err(js)?,
    )
    .await
    .map_err(js)?;
    let params = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("iterations", h.iterations.into()),
        ("salt", Uint8Array::from(&h.salt[..]).into()),
    ]);
    let kind = object(&[("name", "AES-GCM".into()), ("length", 256.into())]);
    let usages = js_sys::Array::of2(&"encrypt".into(), &"decrypt".into());
    let key = JsFuture::from(
        s.derive_key_with_object_and_object(&params, &base.unchecked_into(), &kind, false, &usages)
            .map_err(js)?,
    )
    .await
    .map_err(js)?;
    Ok(key.unchecked_into())
}

fn gcm(h: &Header, index: u32, last: bool) -> Object {
    object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(&h.nonce(index)[..]).into()),
        (
            "additionalData",
            Uint8Array::from(&h.aad(index, last)[..]).into(),
        ),
    ])
}

/// Seals a backup's bytes with `password` (a new random salt and nonce prefix).
pub async fn seal(plain: &[u8], password: &str) -> Result<Vec<u8>, String> {
    let mut salt = [0u8; 16];
    let mut prefix = [0u8; 8];
    let crypto = web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(|_| "this browser has no WebCrypto")?;
    crypto
        .get_random_values_with_u8_array(&mut salt)
        .map_err(js)?;
    crypto
        .get_random_values_with_u8_array(&mut prefix)
        .map_err(js)?;
    let h = Header::new(salt, prefix);
    let k = key(password, &h).await?;
    let s = subtle()?;
    let mut out = h.encode();
    let pieces: Vec<&[u8]> = if plain.is_empty() {
        vec![&[]]
    } else {
        plain.chunks(h.chunk as usize).collect()
    };
    let count = pieces.len();
    for (i, piece) in pieces.into_iter().enumerate() {
        let index = u32::try_from(i).map_err(|_| "the backup is too large")?;
        let data = Uint8Array::from(piece);
        let sealed = JsFuture::from(
            s.encrypt_with_object_and_js_u8_array(&gcm(&h, index, i + 1 == count), &k, &data)
                .map_err(js)?,
        )
        .await
        .map_err(js)?;
        out.extend_from_slice(&Uint8Array::new(&sealed).to_vec());
    }
    Ok(out)
}

/// Opens a sealed backup; a wrong password and a changed file are one error, as in the CLI.
pub async fn open(sealed: &[u8], password: &str) -> Result<Vec<u8>, OpenError> {
    let h = Header::parse(sealed).map_err(OpenError::Sealed)?;
    let body = &sealed[HEADER_LEN..];
    let k = key(password, &h).await.map_err(OpenError::Browser)?;
    let s = subtle().map_err(OpenError::Browser)?;
    let mut out = Vec::with_capacity(body.len());
    for (index, range, last) in h.sealed_chunks(body.len()).map_err(OpenError::Sealed)? {
        let data = Uint8Array::from(&body[range]);
        let promise = s
            .decrypt_with_object_and_js_u8_array(&gcm(&h, index, last), &k, &data)
            .map_err(|e| OpenError::Browser(js(e)))?;
        let plain = JsFuture::from(promise)
            .await
            .map_err(|_| OpenError::Sealed(SealedError::WrongPasswordOrDamaged))?;
        out.extend_from_slice(&Uint8Array::new(&plain).to_vec());
    }
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    Sealed(SealedError),
    /// WebCrypto itself failed (an old browser, not a secure context).
    Browser(String),
}

//! Talking to CouchDB from the page: `fetch` with the session cookie (`credentials: 'include'`),
//! through a few lines of JavaScript (web-sys's fetch wants a dozen features for the same).

use serde_json::Value;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export async function request(method, url, body, signal) {
  const init = { method, credentials: 'include', headers: { Accept: 'application/json' } };
  if (signal) init.signal = signal;
  if (body != null) { init.body = body; init.headers['Content-Type'] = 'application/json'; }
  const r = await fetch(url, init);
  return [r.status, await r.text()];
}
export async function reachable(url) {
  try { await fetch(url, { mode: 'no-cors', credentials: 'omit' }); return true; } catch (e) { return false; }
}
export function controller() { return new AbortController(); }
export function signal_of(c) { return c.signal; }
export function abort(c) { c.abort(); }
export function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }
"#)]
extern "C" {
    /// The request's promise: sent at once, awaited later (a page is fetched while the one
    /// before is merged).
    #[wasm_bindgen(js_name = request)]
    fn js_request(
        method: &str,
        url: &str,
        body: Option<String>,
        signal: &JsValue,
    ) -> js_sys::Promise;
    async fn reachable(url: &str) -> JsValue;
    pub fn controller() -> JsValue;
    pub fn signal_of(c: &JsValue) -> JsValue;
    pub fn abort(c: &JsValue);
    pub async fn sleep(ms: u32);
}

/// Why a request did not give an answer to work with.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// No answer: the server is away, the network is down, or CORS forbids the page to read it.
    Network(String),
    /// The session is gone (or never was): log in again.
    Unauthorized,
    /// Logged in, but not a member of this database.
    Forbidden,
    NotFound,
    /// Any other status, with the server's words.
    Status(u16, String),
    /// Cut off on purpose (a local edit wants to be sent, or sync stopped).
    Aborted,
}

impl Failure {
    /// Worth retrying after a pause (the server may come back).
    pub fn passing(&self) -> bool {
        match self {
            Failure::Network(_) => true,
            Failure::Status(s, _) => *s >= 500 || *s == 408 || *s == 429,
            _ => false,
        }
    }
}

/// A request under way.
pub struct Pending(js_sys::Promise);

/// Sends a request now; its answer is read with [`Pending::answer`].
pub fn send(method: &str, url: &str, body: Option<&Value>, signal: Option<&JsValue>) -> Pending {
    send_text(method, url, body.map(Value::to_string), signal)
}

/// Sends a body already written as JSON text.
pub fn send_text(
    method: &str,
    url: &str,
    body: Option<String>,
    signal: Option<&JsValue>,
) -> Pending {
    Pending(js_request(
        method,
        url,
        body,
        signal.unwrap_or(&JsValue::NULL),
    ))
}

impl Pending {
    /// The answer's JSON on a 2xx status.
    pub async fn answer(self) -> Result<Value, Failure> {
        let answer = wasm_bindgen_futures::JsFuture::from(self.0)
            .await
            .map_err(|e| {
                let name = js_sys::Reflect::get(&e, &"name".into())
                    .ok()
                    .and_then(|n| n.as_string());
                if name.as_deref() == Some("AbortError") {
                    Failure::Aborted
                } else {
                    Failure::Network(crate::app::sync::glue::message(&e))
                }
            })?;
        let pair = js_sys::Array::from(&answer);
        let status = pair.get(0).as_f64().unwrap_or(0.0) as u16;
        let text = pair.get(1).as_string().unwrap_or_default();
        let json = serde_json::from_str(&text).unwrap_or(Value::String(text));
        match status {
            200..=299 => Ok(json),
            401 => Err(Failure::Unauthorized),
            403 => Err(Failure::Forbidden),
            404 => Err(Failure::NotFound),
            s => Err(Failure::Status(s, json.to_string())),
        }
    }
}

/// One request; the answer's JSON on a 2xx status.
pub async fn call(
    method: &str,
    url: &str,
    body: Option<&Value>,
    signal: Option<&JsValue>,
) -> Result<Value, Failure> {
    send(method, url, body, signal).answer().await
}

/// Whether anything answers at `url` at all, CORS aside: told apart from a CORS refusal, which
/// looks the same to the page as a server that is away.
pub async fn answers(url: &str) -> bool {
    reachable(url).await.as_bool().unwrap_or(false)
}

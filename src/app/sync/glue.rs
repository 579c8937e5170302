//! The File System Access API, which web-sys offers only behind unstable flags: a few lines of
//! JavaScript, each one call. A folder is the one the user picked (Chrome, Edge, Yandex Browser)
//! or, in tests, the origin's private file system, which has the same handle API.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
async function dir(h, create) { return await h.getDirectoryHandle('pismo-sync', { create }); }
export function can_pick() { return typeof window.showDirectoryPicker === 'function'; }
export async function opfs() { return await navigator.storage.getDirectory(); }
export async function pick() {
  return await window.showDirectoryPicker({ id: 'pismo-sync', mode: 'readwrite' });
}
export async function permission(h, ask) {
  if (typeof h.queryPermission !== 'function') return 'granted';
  const o = { mode: 'readwrite' };
  let p = await h.queryPermission(o);
  if (p !== 'granted' && ask) p = await h.requestPermission(o);
  return p;
}
export async function list(h, me) {
  const root = await dir(h, true);
  await root.getDirectoryHandle(me, { create: true });
  const out = {};
  for await (const [name, e] of root.entries()) {
    if (e.kind !== 'directory') continue;
    const names = [];
    for await (const [n, f] of e.entries()) if (f.kind === 'file') names.push(n);
    out[name] = names;
  }
  return JSON.stringify(out);
}
export async function read(h, dev, name) {
  const d = await (await dir(h, false)).getDirectoryHandle(dev);
  return await (await (await d.getFileHandle(name)).getFile()).text();
}
export async function write(h, dev, name, text) {
  const d = await (await dir(h, true)).getDirectoryHandle(dev, { create: true });
  const w = await (await d.getFileHandle(name, { create: true })).createWritable();
  await w.write(text);
  await w.close();
}
export async function remove(h, dev, name) {
  const d = await (await dir(h, false)).getDirectoryHandle(dev);
  await d.removeEntry(name);
}
export function lock(name) {
  if (!navigator.locks) return Promise.resolve(() => {});
  return new Promise((res) => {
    navigator.locks.request(name, { ifAvailable: true }, (l) => {
      if (!l) { res(null); return undefined; }
      return new Promise((release) => res(release));
    });
  });
}
export function folder_name(h) { return (h && h.name) || ''; }
"#)]
extern "C" {
    pub fn can_pick() -> bool;
    #[wasm_bindgen(catch)]
    pub async fn opfs() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    pub async fn pick() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    pub async fn permission(h: &JsValue, ask: bool) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    pub async fn list(h: &JsValue, me: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    pub async fn read(h: &JsValue, dev: &str, name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    pub async fn write(h: &JsValue, dev: &str, name: &str, text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    pub async fn remove(h: &JsValue, dev: &str, name: &str) -> Result<JsValue, JsValue>;
    /// A release function while this tab holds the lock `name`, `null` if another tab does.
    #[wasm_bindgen(catch)]
    pub async fn lock(name: &str) -> Result<JsValue, JsValue>;
    pub fn folder_name(h: &JsValue) -> String;
}

/// A JavaScript error as a sentence.
pub fn message(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

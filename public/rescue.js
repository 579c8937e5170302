// The way out when the app has stopped on an error (see src/app/rescue.rs). It runs without the
// app's WebAssembly, which is dead after a panic: it reads IndexedDB and localStorage directly and
// offers everything stored as a backup file in the app's own format (docs/backup-format.md,
// version 1), so the user can keep a copy before reloading.
'use strict';

/** Every stored bucket's text, by the kind's field name in a backup (`client/07` → `clients`). */
function pismoReadBuckets(fields) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('pismo');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['buckets'], 'readonly');
      const store = tx.objectStore('buckets');
      const keys = store.getAllKeys();
      const values = store.getAll();
      tx.oncomplete = () => {
        const decoder = new TextDecoder();
        const out = {};
        keys.result.forEach((key, i) => {
          const field = fields[String(key).split('/')[0]];
          if (!field) return;
          const v = values.result[i];
          const text = typeof v === 'string' ? v : decoder.decode(v);
          const inner = text.trim().replace(/^\[/, '').replace(/\]$/, '').trim();
          if (inner) (out[field] = out[field] || []).push(inner);
        });
        db.close();
        resolve(out);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** Downloads the stored base; `fields` maps storage names to backup fields (from the app). */
async function pismoRescueBackup(button) {
  const status = document.getElementById('rescue-status');
  try {
    const fields = JSON.parse(document.getElementById('rescue').dataset.kinds);
    const buckets = await pismoReadBuckets(fields);
    let settings = localStorage.getItem('pismo.settings') || '{}';
    try { JSON.parse(settings); } catch (_) { settings = '{}'; }
    const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const parts = [`{"format":"pismo-backup","version":1,"exported_at":"${at}","app":"pismo rescue","settings":${settings}`];
    for (const field of Object.values(fields)) {
      const list = buckets[field] || [];
      parts.push(`,"${field}":[`);
      list.forEach((text, i) => parts.push(i ? ',' + text : text));
      parts.push(']');
    }
    parts.push('}');
    const url = URL.createObjectURL(new Blob(parts, { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `pismo-rescue-${at.slice(0, 10)}.json`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    status.textContent = status.dataset.done;
  } catch (e) {
    status.textContent = `${status.dataset.failed}: ${e}`;
  }
}

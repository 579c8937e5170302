// Faults the browser causes and values that used to crash the app: each ends in a clear message,
// with memory and storage as they were (docs/RELIABILITY.md lists them with these tests).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { serve, freshBrowser, ready, tileCount, loadDemo, root } from './helpers.mjs';

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

/** Lowers this origin's storage quota as a full disk would (Chromium's DevTools protocol). */
async function setQuota(b, bytes) {
  const cdp = await b.context.newCDPSession(b.page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.origin.replace(/\/$/, ''), quotaSize: bytes });
}

const errorToast = (page) => page.waitForSelector('.toast.error');

/** Exports a backup from the backup page (with a password if given); the download. */
async function exportBackup(page, password = '') {
  await page.goto(server.url + '#/backup');
  await page.waitForSelector('#export-backup:not([disabled])');
  if (password) await page.fill('#export-password', password);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-backup')]);
  return download;
}

test('a full storage quota: the demo is not said to be loaded, and nothing of it is kept', async () => {
  const b = await freshBrowser();
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await setQuota(b, 256 * 1024);
    await b.page.click('#load-demo');
    const toast = await errorToast(b.page);
    assert.match(await toast.innerText(), /Не сохранено: .*(место для данных|закончилось место)/);
    assert.equal(await b.page.locator('[data-count="clients"]').count(), 0, 'memory unchanged: no clients shown');
    await b.page.reload();
    await ready(b.page);
    assert.equal(await b.page.locator('#load-demo').count(), 1, 'after a reload the base is still empty');
  } finally {
    await b.close();
  }
});

test('a full storage quota: a save that does not fit keeps the stored client and says so', async () => {
  const b = await freshBrowser();
  try {
    // Room for the demo company and not much more, beside the app's own files the service
    // worker keeps for working offline.
    await b.page.goto(server.url);
    await ready(b.page);
    await b.page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated');
    const app = await b.page.evaluate(() => navigator.storage.estimate().then((e) => e.usage));
    await setQuota(b, app + 8_000_000);
    await b.page.click('#load-demo');
    await b.page.waitForSelector('[data-count="clients"]');
    const clients = await tileCount(b.page, 'clients');
    await b.page.goto(server.url + '#/clients');
    await b.page.waitForSelector('.vlist a.row');
    const listed = await b.page.locator('.vlist a.row .name').first().innerText();
    await b.page.click('.vlist a.row');
    await b.page.waitForSelector('[name="name"]');
    const name = await b.page.inputValue('[name="name"]');
    await b.page.fill('[name="name"]', `${name} (переименован)`);
    // Eight million characters of notes, as a pasted mail thread with attachments inline might
    // be; random, because Chromium compresses what it stores and repeated text would fit.
    await b.page.$eval('[name="notes"]', (el) => {
      const bytes = new Uint8Array(6_000_000);
      for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
      let text = '';
      for (let i = 0; i < bytes.length; i += 30000) text += btoa(String.fromCharCode(...bytes.subarray(i, i + 30000)));
      el.value = text;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await b.page.click('#save-client');
    const toast = await errorToast(b.page);
    assert.match(await toast.innerText(), /Не сохранено/);
    assert.equal(await b.page.inputValue('[name="name"]'), `${name} (переименован)`, 'what was typed stays to retry');
    // Leaving now loses the edit: the app asks, and the user gives up on it.
    const asked = [];
    b.page.once('dialog', (d) => { asked.push(d.message()); d.accept(); });
    await b.page.goto(server.url + '#/clients');
    await b.page.waitForSelector('.vlist a.row');
    assert.match(asked[0] ?? '', /не сохранены/);
    assert.equal(await b.page.locator('.vlist a.row .name').first().innerText(), listed, 'memory did not take the refused edit');
    await b.page.reload();
    await ready(b.page);
    await b.page.goto(server.url + '#/');
    assert.equal(await tileCount(b.page, 'clients'), clients);
    await b.page.goto(server.url + '#/clients');
    await b.page.waitForSelector('.vlist a.row');
    assert.equal(await b.page.locator('.vlist a.row .name').first().innerText(), listed, 'storage kept the old client');
  } finally {
    await b.close();
  }
});

test('settings out of range: refused on the page, repaired from storage, no section crashes', async () => {
  const b = await freshBrowser();
  try {
    await loadDemo(b.page, server.url);
    await b.page.goto(server.url + '#/settings');
    await b.page.fill('[name="inactive_days"]', '100000000');
    const error = b.page.locator('label:has([name="inactive_days"]) .error');
    assert.equal(await error.innerText(), 'Допустимо от 7 до 3650');
    await b.page.click('#save-settings');
    await errorToast(b.page);
    const stored = await b.page.evaluate(() => JSON.parse(localStorage.getItem('pismo.settings') ?? '{}').inactive_days);
    assert.notEqual(stored, 100000000, 'nothing out of range was stored');

    // A value out of range already stored (an older version, a hand edit) is brought into range.
    await b.page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('pismo.settings') ?? '{}');
      Object.assign(s, { inactive_days: 100000000, cycle_days: 4294967295, answer_hours: [4294967295, 16, 24, 8] });
      localStorage.setItem('pismo.settings', JSON.stringify(s));
    });
    await b.page.reload();
    await ready(b.page);
    const toast = await errorToast(b.page);
    assert.match(await toast.innerText(), /исправлены.*Цикл, дней.*Дней без контакта до возврата в письма.*Срок ответа финансов/);
    assert.doesNotMatch(await toast.innerText(), /_/, 'no internal setting names');
    for (const route of ['#/sales', '#/letters', '#/letters/figures', '#/dashboard', '#/corporate']) {
      await b.page.goto(server.url + route);
      await b.page.waitForSelector('main > section');
    }
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('a panic leaves a notice with a backup of everything stored, not a dead page', async () => {
  const b = await freshBrowser();
  try {
    await loadDemo(b.page, server.url);
    const clients = await tileCount(b.page, 'clients');
    await b.page.goto(server.url.replace('?', '?panic-test&'));
    const notice = await b.page.waitForSelector('#rescue[role="alertdialog"]');
    assert.match(await notice.innerText(), /Приложение остановилось из-за ошибки/);
    assert.match(await notice.innerText(), /a test asked for this panic/);
    const [download] = await Promise.all([b.page.waitForEvent('download'), b.page.click('#rescue-backup')]);
    const backup = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(backup.format, 'pismo-backup');
    assert.equal(backup.version, 1);
    assert.equal(backup.clients.length, clients);
    assert.ok(backup.orders.length > 0 && backup.staff.length > 0, 'every kind is in it');
    await b.page.waitForSelector('#rescue-status:has-text("Копия сохранена")');

    // A file that is not UTF-8 text is refused, not imported with «�» in place of letters.
    await b.page.goto(server.url + '#/backup');
    await ready(b.page);
    const broken = join(mkdtempSync(join(tmpdir(), 'pismo-utf8-')), 'broken.json');
    writeFileSync(broken, Buffer.concat([
      Buffer.from('{"format":"pismo-backup","version":1,"exported_at":"2026-11-20T10:00:00Z","clients":[{"id":"6f1c1d4e-0000-4000-8000-000000000001","name":"'),
      Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), // «Привет» in Windows-1251
      Buffer.from('","created_at":"2026-11-20T10:00:00Z","updated_at":"2026-11-20T10:00:00Z"}]}'),
    ]));
    await b.page.setInputFiles('#import-file', broken);
    assert.match(await b.page.innerText('#import-error'), /это не текст резервной копии/);
    assert.equal(await b.page.locator('#import-preview').count(), 0);

    // The rescued file is a backup the app takes back whole.
    await b.page.goto(server.url + '#/backup');
    await ready(b.page);
    await b.page.setInputFiles('#import-file', await download.path());
    await b.page.waitForSelector('#import-preview');
    assert.equal(await b.page.locator('#import-error').count(), 0);
    assert.match(await b.page.innerText('#merge-stats'), /0/);
  } finally {
    await b.close();
  }
});

test('a restored backup brings its letter queue and settings: nobody is written to twice', async () => {
  const first = await freshBrowser();
  let file;
  let skipped;
  try {
    const { page } = first;
    await loadDemo(page, server.url);
    await page.goto(server.url + '#/settings');
    await page.fill('[name="quota"]', '35');
    await page.click('#save-settings');
    await page.goto(server.url + '#/letters');
    await page.waitForSelector('#queue-list li');
    await page.click('#queue-list li:nth-child(2) button');
    skipped = await page.innerText('#letter-card h2');
    await page.click('#skip');
    await page.waitForFunction(() => document.querySelectorAll('#queue-list li').length === 34);
    file = await (await exportBackup(page)).path();
    const json = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(json.letters_day.queue.skipped.length, 1);

    // Another computer restores it and opens the letters of the same day.
    const other = await freshBrowser();
    other.page.on('dialog', (d) => d.accept());
    try {
      await other.page.goto(server.url + '#/backup');
      await ready(other.page);
      await other.page.setInputFiles('#import-file', file);
      await other.page.waitForSelector('#import-preview');
      await other.page.click('#import-replace');
      await other.page.waitForSelector('.toast >> text=Импорт завершён');
      await other.page.goto(server.url + '#/letters');
      await other.page.waitForSelector('#queue-list li');
      assert.equal(await other.page.locator('#queue-list li').count(), 34, 'the same day, the same quota');
      assert.ok(!(await other.page.innerText('#queue-list')).includes(skipped), 'the skipped client stays out');
      await other.page.reload();
      await ready(other.page);
      await other.page.goto(server.url + '#/settings');
      assert.equal(await other.page.inputValue('[name="quota"]'), '35', 'settings came with the records');
      assert.deepEqual(other.errors, []);
    } finally {
      await other.close();
    }
  } finally {
    await first.close();
  }
});

test('two tabs edit one client: both edits are kept, the same field is said, typing survives', async () => {
  const b = await freshBrowser();
  try {
    const one = b.page;
    await loadDemo(one, server.url);
    await one.goto(server.url + '#/clients');
    await one.click('.vlist a.row');
    await one.waitForSelector('[name="name"]');
    const url = one.url();
    const name = await one.inputValue('[name="name"]');
    const two = await b.context.newPage();
    await two.goto(url);
    await two.waitForSelector('[name="name"]');

    await one.fill('[name="name"]', `${name} (переименован)`);
    await two.fill('[name="notes"]', 'Просили перезвонить в январе');
    await one.click('#save-client');
    await one.waitForSelector('.toast >> text=Сохранено');
    await two.waitForTimeout(500);
    assert.equal(await two.inputValue('[name="notes"]'), 'Просили перезвонить в январе', 'what is typed here stays');

    await two.click('#save-client');
    await two.waitForSelector('.toast >> text=Сохранено вместе с правками из другой вкладки');
    assert.equal(await two.inputValue('[name="name"]'), `${name} (переименован)`, 'the other tab’s rename is in');
    await one.reload();
    await one.waitForSelector('[name="name"]');
    assert.equal(await one.inputValue('[name="name"]'), `${name} (переименован)`);
    assert.equal(await one.inputValue('[name="notes"]'), 'Просили перезвонить в январе');

    // The same field in both: this save's value is kept and the user is told.
    await one.fill('[name="name"]', `${name} (первая)`);
    await two.fill('[name="name"]', `${name} (вторая)`);
    await one.click('#save-client');
    await one.waitForSelector('.toast >> text=Сохранено');
    await two.click('#save-client');
    const toast = await two.waitForSelector('.toast.error');
    assert.match(await toast.innerText(), /изменили и в другой вкладке/);
    await one.reload();
    await one.waitForSelector('[name="name"]');
    assert.equal(await one.inputValue('[name="name"]'), `${name} (вторая)`);
    // The value that lost is in the client's history (which arrives just after the first paint).
    await one.waitForSelector('.history td.old:has-text("(первая)")');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('a restore point is kept before a replace-import, and one click brings the base back', async () => {
  const b = await freshBrowser();
  b.page.on('dialog', (d) => d.accept());
  try {
    const { page } = b;
    await loadDemo(page, server.url);
    const clients = await tileCount(page, 'clients');
    const small = JSON.stringify({ format: 'pismo-backup', version: 1, exported_at: '2026-11-20T10:00:00Z', clients: [
      { id: '6f1c1d4e-0000-4000-8000-000000000001', name: 'Единственный клиент', created_at: '2026-11-20T10:00:00Z', updated_at: '2026-11-20T10:00:00Z' },
    ] });
    const file = join(mkdtempSync(join(tmpdir(), 'pismo-rp-')), 'small.json');
    writeFileSync(file, small);
    await page.goto(server.url + '#/backup');
    await page.waitForSelector('#export-backup:not([disabled])');
    await page.setInputFiles('#import-file', file);
    await page.waitForSelector('#import-preview');
    await page.click('#import-replace');
    await page.waitForSelector('.toast >> text=Импорт завершён');
    await page.goto(server.url + '#/');
    assert.equal(await tileCount(page, 'clients'), 1);

    await page.goto(server.url + '#/backup');
    const row = page.locator('#restore-points tr', { hasText: 'перед заменой из резервной копии' });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(clients.toLocaleString('ru-RU').replace(/\s/g, '\\s')));
    await row.locator('button.restore').click();
    await page.waitForSelector('.toast >> text=База восстановлена');
    await page.goto(server.url + '#/');
    assert.equal(await tileCount(page, 'clients'), clients);
    await page.reload();
    await ready(page);
    assert.equal(await tileCount(page, 'clients'), clients, 'restored in storage, not only on screen');
    await page.goto(server.url + '#/backup');
    await page.locator('#restore-points tr', { hasText: 'перед восстановлением' }).waitFor();
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

/** Values a hostile file or a careless paste puts in every free-text field. */
const HOSTILE = [
  '<img src=x onerror="window.pwned=1">', '=HYPERLINK("http://evil.example";"x")', '\u200b\u200b',
  'İİДОБ.ẞẞ5', '\u202eевреП\u202c', '😀'.repeat(40), 'я'.repeat(3000), '"; DROP TABLE clients; --', '\n\n\t',
];
const TEXT = new Set(['name', 'notes', 'street', 'city', 'region', 'postcode', 'title', 'text', 'description',
  'letter_form', 'letter_form_en', 'subject', 'body', 'position', 'last', 'first', 'patronymic', 'label',
  'number', 'address', 'legal_form', 'inn', 'lost_reason', 'reason', 'given_to', 'email', 'phone']);

/** The backup with every free-text field hostile and every amount and quantity at its limit. */
function poison(backup) {
  let n = 0;
  const walk = (v) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (TEXT.has(k) && typeof x === 'string') v[k] = HOSTILE[n++ % HOSTILE.length];
      else if (k === 'segments' && Array.isArray(x)) v[k] = [HOSTILE[n++ % HOSTILE.length]];
      else if ((k === 'price_kop' || k === 'amount_kop') && typeof x === 'number') v[k] = n++ % 2 ? 9007199254740991 : -5;
      else if (k === 'qty' && typeof x === 'number') v[k] = 4294967295;
      else walk(x);
    }
  };
  for (const [k, v] of Object.entries(backup)) if (k !== 'settings') walk(v);
  Object.assign(backup.settings, { quota: 1000, cycle_days: 730, inactive_days: 3650, attribution_days: 730, answer_hours: [1000, 1000, 1000, 1000] });
  return backup;
}

test('every page opens on a base whose every field is hostile or extreme', async () => {
  const b = await freshBrowser();
  b.page.on('dialog', (d) => d.accept());
  try {
    const { page } = b;
    await loadDemo(page, server.url);
    const download = await exportBackup(page);
    const backup = poison(JSON.parse(readFileSync(await download.path(), 'utf8')));
    const file = join(mkdtempSync(join(tmpdir(), 'pismo-hostile-')), 'hostile.json');
    writeFileSync(file, JSON.stringify(backup));
    await page.setInputFiles('#import-file', file);
    await page.waitForSelector('#import-preview');
    await page.click('#import-replace');
    await page.waitForSelector('.toast >> text=Импорт завершён');

    const client = backup.clients[7].id;
    const person = backup.staff[0].id;
    const routes = ['#/', '#/clients', `#/clients/${client}`, '#/clients/new', '#/clients/changes', '#/clients/import',
      '#/clients/quality', '#/clients/lists', '#/clients/duplicates', '#/letters', '#/letters/answers', '#/letters/figures',
      '#/letters/print/a4', '#/letters/print/dl', '#/letters/print/c5', '#/letters/print/labels', '#/products', '#/staff',
      `#/staff/${person}`, '#/sales', '#/corporate', '#/dashboard', '#/settings', '#/backup'];
    for (const route of routes) {
      await page.goto(server.url + route);
      await page.waitForSelector('main > section, main .print', { timeout: 20000 });
      await page.waitForTimeout(300);
      assert.equal(await page.locator('#rescue').count(), 0, `${route} panicked: ${b.errors.join('\n')}`);
      if (process.env.PISMO_SHOTS && ['#/clients', `#/clients/${client}`, '#/letters'].includes(route)) {
        await page.screenshot({ path: join(process.env.PISMO_SHOTS, `hostile-${route.split('/')[1] || 'home'}-${route.length}.png`) });
      }
    }
    assert.equal(await page.evaluate(() => window.pwned), undefined, 'no markup from the data ran');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('an encrypted backup: sealed on export, opened only with its password, also one the CLI sealed', async () => {
  const b = await freshBrowser();
  b.page.on('dialog', (d) => d.accept());
  try {
    const { page } = b;
    await loadDemo(page, server.url);
    const clients = await tileCount(page, 'clients');
    const download = await exportBackup(page, 'Лавровый венец');
    assert.match(download.suggestedFilename(), /\.json\.pismoenc$/);
    const bytes = readFileSync(await download.path());
    assert.equal(bytes.subarray(0, 8).toString(), 'PISMOENC');
    assert.ok(!bytes.includes(Buffer.from('pismo-backup')), 'nothing of the base is readable');

    // Another computer: the wrong password changes nothing; the right one opens it.
    const other = await freshBrowser();
    other.page.on('dialog', (d) => d.accept());
    try {
      const p = other.page;
      await p.goto(server.url + '#/backup');
      await ready(p);
      await p.setInputFiles('#import-file', await download.path());
      await p.fill('#import-password', 'лавровый венец');
      await p.click('#open-backup');
      assert.match(await p.innerText('#import-error'), /неверный пароль/);
      assert.equal(await p.locator('#import-preview').count(), 0);
      await p.fill('#import-password', 'Лавровый венец');
      await p.click('#open-backup');
      await p.waitForSelector('#import-preview');
      await p.click('#import-replace');
      await p.waitForSelector('.toast >> text=Импорт завершён');
      await p.goto(server.url + '#/');
      assert.equal(await tileCount(p, 'clients'), clients);

      // A file `pismo-cli seal` wrote opens here the same way.
      await p.goto(server.url + '#/backup');
      await p.setInputFiles('#import-file', join(root, 'tests/fixtures/backup-v1.pismoenc'));
      await p.fill('#import-password', 'Лавровый венец');
      await p.click('#open-backup');
      await p.waitForSelector('#import-preview');
      assert.deepEqual(other.errors, []);
    } finally {
      await other.close();
    }
  } finally {
    await b.close();
  }
});

/** A backup of `n` clients with nothing but a name, made here (ids deterministic). */
function bigBackup(n) {
  const at = '2026-11-20T10:00:00Z';
  const hex = (i) => i.toString(16).padStart(12, '0');
  const clients = Array.from({ length: n }, (_, i) => ({
    id: `7a1c1d4e-0000-4000-8000-${hex(i)}`, name: `Клиент ${i}`, created_at: at, updated_at: at,
  }));
  return JSON.stringify({ format: 'pismo-backup', version: 1, exported_at: at, clients });
}

/** Kills every process of the browser that uses `dir` as its profile, as a crash or a power cut. */
function killBrowser(dir) {
  const r = spawnSync('pkill', ['-KILL', '-f', dir]);
  assert.ok(!r.error && r.status === 0, `pkill found no browser to kill: ${r.error ?? r.status}`);
}

test('the browser killed in the middle of a 100,000-client import: the old base or the new one, whole', async (t) => {
  const file = join(mkdtempSync(join(tmpdir(), 'pismo-kill-')), 'big.json');
  writeFileSync(file, bigBackup(100_000));
  for (const delay of [100, 700, 2000]) {
    const b = await freshBrowser({ keep: true });
    b.page.on('dialog', (d) => d.accept());
    let before;
    try {
      await loadDemo(b.page, server.url);
      before = await tileCount(b.page, 'clients');
      await b.page.goto(server.url + '#/backup');
      await b.page.waitForSelector('#export-backup:not([disabled])');
      await b.page.setInputFiles('#import-file', file);
      await b.page.waitForSelector('#import-preview', { timeout: 60000 });
      await b.page.click('#import-replace');
      await new Promise((r) => setTimeout(r, delay));
      killBrowser(b.dir);
    } finally {
      await b.context.close().catch(() => {});
    }
    const again = await freshBrowser({ dir: b.dir });
    try {
      await again.page.goto(server.url + '#/');
      await ready(again.page);
      const after = await tileCount(again.page, 'clients');
      assert.ok(after === before || after === 100_000, `after a kill ${delay} ms in: ${after} clients`);
      t.diagnostic(`killed ${delay} ms after «replace»: ${after === before ? 'the old base' : 'the new base'}, whole`);
    } finally {
      await again.close();
    }
  }
});

// The foundation's whole user flow in a real browser, against the release build:
// demo → search by phone in another format → edit → reload → export → import elsewhere → corrupt file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, freshBrowser, ready, tileCount, loadDemo } from './helpers.mjs';

let server;
const work = mkdtempSync(join(tmpdir(), 'pismo-flow-'));
before(async () => { server = await serve(); });
after(() => server?.stop());

async function counts(page, url) {
  await page.goto(url + '#/');
  await page.waitForSelector('[data-count="clients"]');
  const out = {};
  for (const k of ['clients', 'orders', 'products', 'staff']) out[k] = await tileCount(page, k);
  return out;
}

test('demo, search, edit, reload, export, import, corrupt import', async () => {
  const a = await freshBrowser();
  a.page.on('dialog', (d) => d.accept());
  let exported;
  let before;
  try {
    const { page } = a;
    await page.goto(server.url);
    await ready(page);
    assert.ok(await page.isVisible('#load-demo'), 'an empty base offers the demo');
    assert.ok(await page.isVisible('a[href="#/backup"]'), 'and a backup import');
    await page.click('#load-demo');
    await page.waitForSelector('[data-count="clients"]');
    before = await counts(page, server.url);
    assert.ok(before.clients >= 3000, `demo clients: ${before.clients}`);
    assert.ok(before.orders > 4000, `demo orders: ${before.orders}`);
    assert.equal(before.staff, 10, 'the ten people of the demo company');

    // Find a client by its phone typed in another format.
    await page.goto(server.url + '#/clients');
    await page.waitForSelector('.vlist a.row');
    const row = page.locator('.vlist a.row').nth(5);
    const name = await row.locator('.name').innerText();
    const phone = await row.locator('[role=cell]').nth(2).innerText();
    const d = phone.replace(/\D/g, '').slice(1); // ten digits
    assert.equal(d.length, 10, `phone shown in one form: ${phone}`);
    const typed = `8 (${d.slice(0, 3)}) ${d.slice(3)}`;
    await page.fill('#client-search', typed);
    await page.waitForFunction((n) => {
      const first = document.querySelector('.vlist a.row .name');
      return first && first.textContent === n;
    }, name);
    const found = Number((await page.innerText('#result-count')).replace(/\D/g, ''));
    assert.ok(found >= 1 && found <= 3, `search by phone found ${found}`);

    // A bad phone is refused with a message next to the field.
    await page.press('#client-search', 'Enter');
    await page.waitForSelector('#client-title');
    const url = page.url();
    const phoneInput = page.locator('input[name="phone"]').first();
    await phoneInput.fill('12-34');
    await page.click('#save-client');
    const err = page.locator('label.field.invalid .error').first();
    await err.waitFor();
    assert.match(await err.innerText(), /цифр/);

    // A good one is saved, and survives a reload.
    await phoneInput.fill('+7 (900) 123-45-67');
    await page.click('#save-client');
    await page.waitForSelector('.toast >> text=Сохранено');
    await page.reload();
    await ready(page);
    assert.equal(page.url(), url);
    await page.waitForSelector('#client-title');
    assert.equal(await page.locator('input[name="phone"]').first().inputValue(), '+7 (900) 123-45-67');
    await page.locator('.history tbody tr').first().waitFor();
    assert.match(await page.innerText('.history'), /\+7 \(900\) 123-45-67/, 'the change is in the history');
    await page.goto(server.url + '#/clients');
    await page.fill('#client-search', '9001234567');
    await page.waitForFunction((n) => document.querySelector('.vlist a.row .name')?.textContent === n, name);

    // Export a backup.
    await page.goto(server.url + '#/backup');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-backup')]);
    exported = join(work, 'backup.json');
    await download.saveAs(exported);
    const json = JSON.parse(readFileSync(exported, 'utf8'));
    assert.equal(json.format, 'pismo-backup');
    assert.equal(json.version, 1);
    assert.equal(json.clients.length, before.clients);
    assert.deepEqual(a.errors, []);
  } finally {
    await a.close();
  }

  // Another computer: a fresh profile imports the file and shows the same counts.
  const b = await freshBrowser();
  b.page.on('dialog', (d) => d.accept());
  try {
    const { page } = b;
    await page.goto(server.url + '#/backup');
    await ready(page);
    await page.setInputFiles('#import-file', exported);
    await page.waitForSelector('#import-preview');
    assert.match(await page.innerText('#import-preview'), /3\s?0\d\d/);
    assert.match(await page.innerText('#merge-stats'), /добавится [1-9]/);
    await page.click('#import-replace');
    await page.waitForSelector('.toast >> text=Импорт завершён');
    const after = await counts(page, server.url);
    assert.deepEqual(after, before);

    // The edited phone travelled with the backup.
    await page.goto(server.url + '#/clients');
    await page.fill('#client-search', '+7 900 123 45 67');
    await page.waitForFunction(() => document.querySelectorAll('.vlist a.row').length === 1);

    // A corrupt file: a clear message, and nothing changes.
    const cut = join(work, 'cut.json');
    writeFileSync(cut, readFileSync(exported, 'utf8').slice(0, 5000));
    await page.goto(server.url + '#/backup');
    await page.setInputFiles('#import-file', cut);
    const msg = await page.locator('#import-error').innerText();
    assert.match(msg, /cut\.json/);
    assert.match(msg, /обрезан|JSON/);
    assert.equal(await page.locator('#import-preview').count(), 0, 'no preview, nothing to apply');

    // A file from a newer version, and one that is not ours.
    const newer = join(work, 'newer.json');
    writeFileSync(newer, JSON.stringify({ format: 'pismo-backup', version: 99, exported_at: '2030-01-01T00:00:00Z', clients: [] }));
    await page.setInputFiles('#import-file', newer);
    await page.waitForFunction(() => /99/.test(document.querySelector('#import-error')?.textContent ?? ''));
    const hostile = join(work, 'hostile.json');
    writeFileSync(hostile, JSON.stringify({ format: 'pismo-backup', version: 1, exported_at: '2026-01-01T00:00:00Z',
      clients: [{ id: 'not-a-uuid', name: '<img src=x onerror=alert(1)>', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' }] }));
    await page.setInputFiles('#import-file', hostile);
    await page.waitForFunction(() => /clients\[0\]\.id/.test(document.querySelector('#import-error')?.textContent ?? ''));

    assert.deepEqual(await counts(page, server.url), before, 'the stored base is exactly as it was');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('the interface switches between Russian and English and remembers it', async () => {
  const c = await freshBrowser();
  try {
    const { page } = c;
    await page.goto(server.url);
    await ready(page);
    assert.match(await page.innerText('#load-demo'), /демо/);
    await page.click('.lang button >> text=EN');
    assert.match(await page.innerText('#load-demo'), /Load the demo company/);
    await page.reload();
    await ready(page);
    assert.match(await page.innerText('#load-demo'), /Load the demo company/);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.title(), 'Pismo — CRM', 'the tab title follows the language');
    await page.click('.lang button >> text=RU');
    assert.equal(await page.title(), 'Письмо — CRM');
  } finally {
    await c.close();
  }
});

test('a page opened from the menu starts at its top', async () => {
  const c = await freshBrowser();
  try {
    const { page } = c;
    await loadDemo(page, server.url);
    await page.click('nav a[href="#/dashboard"]');
    await page.waitForSelector('main > section');
    await page.waitForTimeout(300);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    assert.ok(await page.evaluate(() => window.scrollY) > 0, 'the dashboard is taller than the window');
    await page.click('nav a[href="#/letters"]');
    await page.waitForSelector('#queue-list li');
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    assert.deepEqual(c.errors, []);
  } finally {
    await c.close();
  }
});

test('leaving a client card with unsaved edits asks first', async () => {
  const c = await freshBrowser();
  try {
    const { page } = c;
    await loadDemo(page, server.url);
    await page.goto(server.url + '#/clients');
    await page.locator('.vlist a.row').first().click();
    await page.waitForSelector('#client-title');
    const name = page.locator('input[name="name"]');
    const typed = (await name.inputValue()) + ' (правка)';
    await name.fill(typed);
    await page.waitForSelector('.unsaved');
    // «No»: the card stays, with the edit, and the address is the card's again.
    const url = page.url();
    const asked = [];
    page.once('dialog', (d) => { asked.push(d.message()); d.dismiss(); });
    await page.click('nav a[href="#/sales"]');
    await page.waitForTimeout(300);
    assert.match(asked[0] ?? '', /не сохранены/);
    assert.equal(page.url(), url);
    assert.equal(await name.inputValue(), typed);
    // «Yes»: the menu's page opens, and the edit is not saved.
    page.once('dialog', (d) => d.accept());
    await page.click('nav a[href="#/sales"]');
    await page.waitForSelector('#salespeople');
    await page.goBack();
    await page.waitForSelector('#client-title');
    assert.notEqual(await page.locator('input[name="name"]').inputValue(), typed);
    // A card without edits, and a new client's blank form, are left without a question.
    page.on('dialog', (d) => { asked.push(d.message()); d.dismiss(); });
    await page.click('nav a[href="#/letters"]');
    await page.waitForSelector('#queue-list li');
    await page.goto(server.url + '#/clients/new');
    await page.waitForSelector('#client-title');
    await page.click('nav a[href="#/dashboard"]');
    await page.waitForSelector('.dashboard');
    assert.equal(asked.length, 1, asked.join(' | '));
    assert.deepEqual(c.errors, []);
  } finally {
    await c.close();
  }
});

test('every field on every page has a label, and the menu works at 1024 px with a visible focus', async () => {
  const c = await freshBrowser();
  try {
    const { page } = c;
    await page.setViewportSize({ width: 1024, height: 768 });
    await loadDemo(page, server.url);
    const unlabelled = () => page.$$eval('input, select, textarea', (els) => els
      .filter((e) => e.type !== 'hidden' && e.offsetParent !== null)
      .filter((e) => !(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.closest('label')
        || (e.id && document.querySelector(`label[for="${e.id}"]`))))
      .map((e) => `${location.hash} ${e.tagName.toLowerCase()}#${e.id}[name=${e.name}]`));
    const routes = ['#/', '#/clients', '#/clients/new', '#/clients/duplicates', '#/clients/changes', '#/clients/import',
      '#/clients/quality', '#/clients/lists', '#/letters', '#/letters/answers', '#/letters/figures', '#/products',
      '#/staff', '#/sales', '#/corporate', '#/dashboard', '#/settings', '#/backup', '#/sync'];
    const found = [];
    for (const route of routes) {
      await page.goto(server.url + route);
      await page.waitForSelector('main > section');
      await page.waitForTimeout(300);
      found.push(...await unlabelled());
    }
    await page.goto(server.url + '#/clients');
    await page.locator('.vlist a.row').first().click();
    await page.waitForSelector('#client-title');
    found.push(...await unlabelled());
    assert.deepEqual(found, []);

    // At 1024 px every menu item is on screen and opens its page.
    const links = await page.$$eval('header.top nav a', (as) => as.map((a) => {
      const r = a.getBoundingClientRect();
      return { href: a.getAttribute('href'), inside: r.left >= 0 && r.right <= window.innerWidth && r.height > 0 };
    }));
    assert.ok(links.length >= 9);
    assert.deepEqual(links.filter((l) => !l.inside), []);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll');
    await page.click('header.top nav a[href="#/settings"]');
    await page.waitForSelector('.settings');
    // The keyboard focus on the dark menu is drawn in white, not the page's dark green.
    await page.focus('header.top nav a[href="#/sales"]');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, inMenu: !!document.activeElement.closest('header.top') };
    });
    assert.deepEqual(ring, { style: 'solid', width: 2, color: 'rgb(255, 255, 255)', inMenu: true });
    assert.deepEqual(c.errors, []);
  } finally {
    await c.close();
  }
});

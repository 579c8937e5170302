// Offline and installable (issue 16): the service worker keeps every file of the build, so the
// app opens and works with its data without the network; a new build is announced and taken
// only when the person agrees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, freshBrowser, ready, tileCount, loadDemo, root, freePort, waitForPort, CLOCK } from './helpers.mjs';

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

/** Waits until the service worker controls the page (the first visit is taken over at once). */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout: 30000 });
}

test('the build is installable: a manifest with icons, a service worker listing every file, precompressed twins', async () => {
  const dist = join(root, 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  assert.match(html, /<link rel="manifest" href="manifest\.webmanifest"/);
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.webmanifest'), 'utf8'));
  for (const size of ['192x192', '512x512']) {
    const icon = manifest.icons.find((i) => i.sizes === size);
    assert.ok(icon && existsSync(join(dist, icon.src)), `icon ${size}`);
  }
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  assert.doesNotMatch(sw, /__PISMO_/);
  const files = JSON.parse(sw.match(/const FILES = (\[.*\]);/)[1]);
  for (const f of files) assert.ok(existsSync(join(dist, f)), f);
  assert.ok(files.includes('index.html') && files.some((f) => f.endsWith('.wasm')) && files.some((f) => f.endsWith('.css')));
  for (const f of files.filter((f) => /\.(html|js|wasm|css)$/.test(f))) {
    assert.ok(existsSync(join(dist, `${f}.br`)) && existsSync(join(dist, `${f}.gz`)), `${f} precompressed`);
  }
});

test('offline: the app opens after a reload without the network and works with its data', async () => {
  const b = await freshBrowser();
  try {
    const { page, context } = b;
    await loadDemo(page, server.url);
    const clients = await tileCount(page, 'clients');
    await controlled(page);
    await context.setOffline(true);
    await page.reload();
    await ready(page);
    assert.equal(await tileCount(page, 'clients'), clients);
    // A search, a client card and an edit saved, all offline.
    await page.goto(server.url + '#/clients');
    await page.waitForSelector('.vlist a.row');
    await page.locator('.vlist a.row').first().click();
    await page.waitForSelector('#client-title');
    await page.fill('textarea[name="notes"]', 'Записано без сети');
    await page.click('#save-client');
    await page.waitForSelector('.toast >> text=Сохранено');
    await page.reload();
    await ready(page);
    await page.waitForSelector('#client-title');
    assert.equal(await page.inputValue('textarea[name="notes"]'), 'Записано без сети');
    await context.setOffline(false);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('a new version is announced and taken only when the person agrees', async () => {
  // A copy of the build on its own server, so the «new version» touches no other test.
  const copy = mkdtempSync(join(tmpdir(), 'pismo-dist-'));
  cpSync(join(root, 'dist'), copy, { recursive: true });
  const port = await freePort();
  const proc = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', copy], { stdio: 'ignore' });
  await waitForPort(port);
  const url = `http://127.0.0.1:${port}/?clock=${CLOCK}`;
  const b = await freshBrowser();
  try {
    const { page } = b;
    await loadDemo(page, url);
    await controlled(page);
    const before = await page.evaluate(() => caches.keys());
    // The next build: another version of the worker.
    const sw = join(copy, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = "([0-9a-f]+)"/, 'const VERSION = "$1-next"'));
    // Typing in a letter when the new version arrives: nothing reloads by itself.
    await page.goto(url + '#/letters');
    await page.waitForSelector('textarea[name=body]');
    await page.fill('textarea[name=body]', 'Черновик, который нельзя потерять');
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.waitForSelector('#update-ready');
    await page.waitForTimeout(1000);
    assert.equal(await page.inputValue('textarea[name=body]'), 'Черновик, который нельзя потерять');
    // Agreed: the page reloads into the new version; its cache alone is kept.
    await Promise.all([page.waitForEvent('load'), page.click('#update-now')]);
    await ready(page);
    await page.waitForFunction((old) => caches.keys().then((k) => k.length === 1 && !old.includes(k[0])), before);
    assert.match((await page.evaluate(() => caches.keys()))[0], /-next$/);
    assert.equal(await page.locator('#update-ready').count(), 0);
    // The draft being typed was kept: the field was left for the button, and the reload waited.
    await page.goto(url + '#/letters');
    await page.waitForSelector('textarea[name=body]');
    assert.equal(await page.inputValue('textarea[name=body]'), 'Черновик, который нельзя потерять');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    proc.kill();
    rmSync(copy, { recursive: true, force: true });
  }
});

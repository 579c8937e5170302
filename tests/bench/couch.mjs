// CouchDB sync figures (docs/BENCHMARKS.md, «Sync through CouchDB»), measured, not asserted:
// - pismo-cli seeding a database with the demo company at N clients (with its orders);
// - a browser's first sync of that database (pull), with its progress;
// - one edit on one computer reaching another with continuous sync;
// - a browser pushing a base of N clients into an empty database (its first sync the other way).
// Against pouchdb-server in memory (tests/couch), on this machine. Run: `make bench-couch`
// (CLIENTS=10000 for a quick run).
import { writeFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, freshBrowser, ready, root, CLOCK } from '../e2e/helpers.mjs';
import { couchServer, ADMIN, USER } from '../e2e/couch.mjs';

const clients = Number(process.env.CLIENTS ?? 100000);
const work = mkdtempSync(join(tmpdir(), 'pismo-bench-couch-'));
const cli = join(root, 'target', 'release', 'pismo-cli');
const env = { ...process.env, PISMO_COUCH_USER: ADMIN.user, PISMO_COUCH_PASSWORD: ADMIN.password };
// PARTS=pull,edit,push to measure some only.
const parts = new Set((process.env.PARTS ?? 'cli,pull,edit,push').split(','));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function connect(page, url, db) {
  await page.goto(url + '#/sync');
  await ready(page);
  await page.fill('#couch-url', db);
  await page.fill('#couch-user', USER.user);
  await page.fill('#couch-password', USER.password);
  const t0 = Date.now();
  const samples = [];
  await page.click('#couch-connect');
  for (;;) {
    const [link, progress] = await page.evaluate(() => [
      document.querySelector('#couch')?.dataset.link,
      document.querySelector('#couch-progress')?.getAttribute('value'),
    ]);
    if (progress) samples.push(`${seconds(Date.now() - t0)}: ${progress}`);
    if (link === 'live') break;
    if (Date.now() - t0 > 15 * 60000 || (link === 'away' && Date.now() - t0 > 60000)) {
      throw new Error(`no sync: ${await page.innerText('#couch')}`);
    }
    await page.waitForTimeout(500);
  }
  return { ms: Date.now() - t0, samples };
}

const server = await serve();
let couch = await couchServer();
try {
  const file = join(work, 'demo.json');
  writeFileSync(file, execFileSync(cli, ['demo', '--date', CLOCK.slice(0, 10), '--clients', String(clients)], { maxBuffer: 1 << 30 }));
  const stats = JSON.parse(execFileSync(cli, ['stats', file], { encoding: 'utf8' }));
  console.log(`BENCH base: ${stats.clients} clients, ${stats.orders} orders, ${stats.letters} letters`);
  const db = await couch.database('bench');
  let t0 = Date.now();
  // Only the browser's push needs no seeded database.
  if (parts.has('cli') || parts.has('pull') || parts.has('edit')) {
    execFileSync(cli, ['couch', 'push', file, `${couch.direct}/bench`], { env, stdio: 'inherit' });
    console.log(`BENCH pismo-cli couch push (seeding): ${seconds(Date.now() - t0)}`);
  }
  if (parts.has('cli')) {
    t0 = Date.now();
    execFileSync(cli, ['couch', 'pull', `${couch.direct}/bench`], { env, maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'inherit'] });
    console.log(`BENCH pismo-cli couch pull (nightly backup): ${seconds(Date.now() - t0)}`);
  }

  const a = await freshBrowser();
  const b = await freshBrowser();
  if (process.env.PERF) a.page.on('console', (m) => { if (m.text().startsWith('PERF')) console.log(m.text()); });
  if (parts.has('pull') || parts.has('edit')) try {
    const first = await connect(a.page, server.url, db);
    console.log(`BENCH first sync, pull into an empty browser: ${seconds(first.ms)} (progress: ${first.samples.filter((_, i) => i % 10 === 0).join(', ')})`);
    if (parts.has('edit')) await oneEdit(a, b, db);
  } finally {
    await a.close();
    await b.close();
  }
  if (parts.has('push')) {
    // A server of its own: the in-memory one holding the seeded database as well spends its time
    // collecting garbage (66 s instead of 57 s), which no real CouchDB does.
    couch.stop();
    couch = await couchServer();
    await pushWhole(file);
  }
} finally {
  server.stop();
  couch.stop();
}
// Playwright's and the proxy's sockets would keep node waiting.
process.exit(0);

async function oneEdit(a, b, db) {
    const second = await connect(b.page, server.url, db);
    console.log(`BENCH first sync, second computer: ${seconds(second.ms)}`);

    // One edit: A saves a client's notes; B, on its sync page, counts it received.
    const runs = [];
    for (let i = 0; i < 5; i++) {
      await a.page.evaluate(() => { location.hash = '#/clients'; });
      await a.page.waitForSelector('.vlist a.row');
      await a.page.locator('.vlist a.row').nth(i).click();
      await a.page.waitForSelector('#client-title');
      await a.page.fill('textarea[name=notes]', `Правка ${i} ${Date.now()}`);
      const before = Number(await b.page.innerText('#couch-received'));
      const start = Date.now();
      await a.page.click('#save-client');
      await b.page.waitForFunction((n) => Number(document.querySelector('#couch-received').textContent) > n, before, { timeout: 60000, polling: 20 });
      runs.push(Date.now() - start);
    }
    console.log(`BENCH one edit reaching the other computer: ${runs.map((r) => `${r} ms`).join(', ')}`);
}

// The other way: a computer that holds the base pushes it into an empty database.
async function pushWhole(file) {
  const c = await freshBrowser();
  if (process.env.PERF) c.page.on('console', (m) => { if (m.text().startsWith('PERF')) console.log(m.text()); });
  c.page.on('dialog', (d) => d.accept());
  try {
    await c.page.goto(server.url + '#/backup');
    await ready(c.page);
    await c.page.setInputFiles('#import-file', file);
    await c.page.waitForSelector('#import-preview', { timeout: 300000 });
    await c.page.click('#import-replace');
    await c.page.waitForSelector('.toast >> text=Импорт завершён', { timeout: 300000 });
    const empty = await couch.database('bench-push');
    const push = await connect(c.page, server.url, empty);
    const held = await couch.req('GET', `${couch.direct}/bench-push`);
    console.log(`BENCH first sync, push of the whole base into an empty database: ${seconds(push.ms)} (${held.doc_count} documents on the server)`);
  } finally {
    await c.close();
  }
}

// The first load within DESIGN.md's budget, and each section's code fetched on its first visit
// only (issue 16). Weighed as tests/e2e/weigh.mjs says; `make bench` prints the same figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, freshBrowser, loadDemo } from './helpers.mjs';
import { measure, BUDGET, SECTIONS } from './weigh.mjs';

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

test('the start page fetches at most 400 KB gzipped; each section brings its own piece when first opened', async () => {
  const twice = [...SECTIONS, ['letters again', '#/letters/answers'], ['clients again', '#/clients']];
  const m = await measure(server, { sections: twice });
  assert.deepEqual(m.errors, []);
  assert.ok(m.total <= BUDGET, `first load ${m.total} bytes gzipped, budget ${BUDGET}: ${JSON.stringify(m.start)}`);
  assert.ok(m.start.some((f) => /pismo_bg\.wasm$/.test(f.file)), 'the main module is in the first load');
  assert.ok(!m.start.some((f) => /split_/.test(f.file)), 'no section piece in the first load');
  for (const p of m.pieces.slice(0, SECTIONS.length)) {
    // The client card shares the clients' piece; every other section brings one of its own.
    if (p.name === 'client card') continue;
    assert.ok(p.files.some((f) => /split_\w+\.wasm$/.test(f.file)), `${p.name} fetched its piece: ${JSON.stringify(p.files)}`);
  }
  for (const p of m.pieces.slice(SECTIONS.length)) {
    assert.deepEqual(p.files, [], `${p.name}: nothing fetched a second time`);
  }
});

test('a section whose piece cannot be fetched says so, keeps the data, and opens on «try again»', async () => {
  // Without the service worker, which would have every piece in its cache after the first load.
  const b = await freshBrowser({ serviceWorkers: 'block' });
  const page = b.page;
  try {
    await loadDemo(page, server.url);
    let blocked = true;
    await page.route(/split_dashboard\.wasm$/, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
    await page.goto(server.url + '#/dashboard');
    await page.waitForSelector('main [role=alert]');
    assert.match(await page.innerText('main [role=alert]'), /Раздел не загрузился/);
    // The rest of the app goes on: another section opens, the base is there.
    await page.goto(server.url + '#/clients');
    await page.waitForSelector('#client-search');
    // Back to it: asked again (nothing cached of the failure), still no network for it.
    await page.goto(server.url + '#/dashboard');
    await page.waitForSelector('main [role=alert]');
    blocked = false;
    await page.click('main [role=alert] button >> text=Попробовать ещё раз');
    await page.waitForSelector('main h1 >> text=Сводка');
    assert.deepEqual(b.errors.filter((e) => !/Failed to load resource|Failed to fetch|split_dashboard/.test(e)), []);
  } finally {
    await b.close();
  }
});

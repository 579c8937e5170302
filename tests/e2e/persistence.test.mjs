// The base survives a browser restart, and two open tabs see each other's changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { serve, freshBrowser, ready, tileCount } from './helpers.mjs';

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

test('a browser restart keeps everything', async () => {
  const first = await freshBrowser({ keep: true });
  let clients;
  try {
    await first.page.goto(server.url);
    await ready(first.page);
    await first.page.click('#load-demo');
    await first.page.waitForSelector('[data-count="clients"]');
    clients = await tileCount(first.page, 'clients');
  } finally {
    await first.close();
  }
  const again = await freshBrowser({ dir: first.dir });
  try {
    await again.page.goto(server.url);
    await ready(again.page);
    await again.page.waitForSelector('[data-count="clients"]');
    assert.equal(await tileCount(again.page, 'clients'), clients);
  } finally {
    await again.close();
    rmSync(first.dir, { recursive: true, force: true });
  }
});

test('two tabs: a change in one shows in the other', async () => {
  const b = await freshBrowser();
  try {
    const one = b.page;
    await one.goto(server.url);
    await ready(one);
    await one.click('#load-demo');
    await one.waitForSelector('[data-count="clients"]');
    const two = await b.context.newPage();
    await two.goto(server.url + '#/staff');
    await ready(two);
    await two.waitForSelector('td >> text=Андрей Викторович Соколов');

    await one.goto(server.url + '#/staff');
    await one.click('tr:has-text("Андрей Викторович Соколов") >> text=Изменить');
    await one.fill('[name="staff_name"]', 'Андрей Викторович Соколов-Старший');
    await one.click('#save-staff');
    await one.waitForSelector('td >> text=Андрей Викторович Соколов-Старший');

    await two.waitForSelector('td >> text=Андрей Викторович Соколов-Старший', { timeout: 5000 });
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

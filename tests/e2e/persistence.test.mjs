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
    await again.page.goto(server.url + '#/');
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

    // The other tab applies the change where it stands: what is typed there stays, the page is
    // not reloaded, and a client created or renamed here is found by its search at once.
    await two.goto(server.url + '#/clients');
    await two.evaluate(() => { window.pismoStayed = true; });
    await two.fill('#client-search', 'Лицей № 2');
    await one.goto(server.url + '#/clients/new');
    await one.fill('[name="name"]', 'Лицей № 2');
    await one.fill('[name="city"]', 'Пермь');
    await one.click('#save-client');
    await one.waitForURL(/#\/clients\/[0-9a-f-]{36}$/);
    const names = () => two.$$eval('.vlist a.row .name', (els) => els.map((e) => e.textContent));
    await two.waitForFunction(() => [...document.querySelectorAll('.vlist a.row .name')].some((e) => e.textContent === 'Лицей № 2'), null, { timeout: 5000 });
    await one.fill('[name="name"]', 'Лицей № 2 имени А. С. Пушкина');
    await one.click('#save-client');
    await two.waitForFunction(() => [...document.querySelectorAll('.vlist a.row .name')].some((e) => e.textContent === 'Лицей № 2 имени А. С. Пушкина'), null, { timeout: 5000 });
    const shown = await names();
    assert.equal(shown.filter((n) => n === 'Лицей № 2 имени А. С. Пушкина').length, 1, 'renamed once');
    assert.equal(shown.filter((n) => n === 'Лицей № 2').length, 0, 'the old name is gone, not added twice');
    assert.equal(await two.inputValue('#client-search'), 'Лицей № 2', 'what was typed stays');
    assert.equal(await two.evaluate(() => window.pismoStayed), true, 'the page was not reloaded');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

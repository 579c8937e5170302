// A client typed in again is shown before it is saved (the review, merge and undo of duplicates
// are walked in client-base.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, freshBrowser, loadDemo } from './helpers.mjs';

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

test('a client typed in again is shown before it is saved', async () => {
  const b = await freshBrowser();
  b.page.on('dialog', (d) => d.accept());
  try {
    const { page } = b;
    await loadDemo(page, server.url);

    // Typing in a client who exists already: it is shown before saving.
    await page.goto(server.url + '#/clients');
    await page.waitForSelector('.vlist a.row');
    const row = page.locator('.vlist a.row').nth(7);
    const existing = await row.locator('.name').innerText();
    const phone = await row.locator('[role=cell]').nth(2).innerText();
    await page.click('#new-client');
    await page.waitForSelector('[name="name"]');
    const digits = phone.replace(/\D/g, '').slice(1);
    await page.fill('[name="phone"]', `8 (${digits.slice(0, 3)}) ${digits.slice(3)}`);
    await page.waitForSelector('#likely');
    assert.ok((await page.innerText('#likely')).includes(existing), `«${existing}» proposed`);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

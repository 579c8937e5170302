// Duplicates in a real browser: demo → the planted copies are proposed with reasons → merge choosing
// the copy's name → the copy's orders are on the survivor → undo → both back → «not duplicates» →
// not proposed again after a reload; a client typed in again is shown before it is saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, freshBrowser, loadDemo } from './helpers.mjs';

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

async function clusterCount(page) {
  await page.waitForSelector('#cluster-count:not(:empty)');
  return Number(await page.innerText('#cluster-count'));
}

test('duplicates: review, merge, undo, not duplicates', async () => {
  const b = await freshBrowser();
  b.page.on('dialog', (d) => d.accept());
  try {
    const { page } = b;
    await loadDemo(page, server.url);

    await page.goto(server.url + '#/clients');
    await page.click('#open-duplicates');
    const found = await clusterCount(page);
    assert.equal(found, 12, 'the twelve planted copies');
    const reasons = await page.innerText('#reasons');
    assert.match(reasons, /(телефон|e-mail|название|ИНН): (совпадает|похоже)/);

    // The two records side by side; keep the first, take the second's name.
    const names = await page.$$eval('#cluster thead th a', (as) => as.map((a) => a.textContent));
    assert.equal(names.length, 2);
    const ordersBefore = await page.$$eval('#cluster tbody tr:last-child td', (tds) => tds.map((td) => Number(td.textContent)));
    await page.locator('input[name="survivor"]').first().check();
    const nameCells = page.locator('input[name="pick-name"]');
    const chosenName = await page.locator('#cluster tbody tr:first-child td').nth(1).innerText();
    await nameCells.nth(1).check();
    await page.click('#merge');
    await page.waitForFunction((n) => Number(document.querySelector('#cluster-count')?.textContent) === n, found - 1);
    assert.equal(await page.locator('#merges li').count(), 1);

    // The survivor carries both records' orders and the chosen name.
    await page.goto(server.url + '#/clients');
    await page.fill('#client-search', chosenName.trim());
    await page.waitForSelector('.vlist a.row');
    await page.locator('.vlist a.row').first().click();
    await page.waitForSelector('#client-title');
    await page.waitForSelector('.orders-table tbody tr');
    const orderRows = await page.locator('.orders-table tbody tr').count();
    assert.ok(orderRows >= ordersBefore[0] + ordersBefore[1], `orders on the survivor: ${orderRows} vs ${ordersBefore}`);

    // Undo: both records come back and the pair is proposed again.
    await page.goto(server.url + '#/clients/duplicates');
    await clusterCount(page);
    await page.click('#merges li .undo');
    await page.waitForFunction(() => document.querySelectorAll('#merges li').length === 0);
    await page.waitForFunction((n) => Number(document.querySelector('#cluster-count')?.textContent) === n, found);

    // «Not duplicates» is remembered, also after a reload.
    await page.click('#not-duplicates');
    await page.waitForFunction((n) => Number(document.querySelector('#cluster-count')?.textContent) === n, found - 1);
    await page.reload();
    assert.equal(await clusterCount(page), found - 1);

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

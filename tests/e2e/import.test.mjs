// CSV import in a real browser: a Windows-1251 file with «;» as Excel writes it, with a new client,
// a demo client written again and a row repeated → columns guessed → preview says which is which →
// apply → the new client is in the base, nothing doubled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, freshBrowser, loadDemo, tileCount } from './helpers.mjs';

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

/** Windows-1251, as Russian Excel saves «CSV (разделители — точка с запятой)». */
function cp1251(text) {
  const out = [];
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (c < 0x80) out.push(c);
    else if (c >= 0x410 && c <= 0x44f) out.push(c - 0x410 + 0xc0);
    else if (c === 0x401) out.push(0xa8);
    else if (c === 0x451) out.push(0xb8);
    else if (c === 0xab || c === 0xbb) out.push(c);
    else if (c === 0x2116) out.push(0xb9);
    else throw new Error(`no cp1251 for ${ch}`);
  }
  return Buffer.from(out);
}

test('import a Windows-1251 CSV with duplicates', async () => {
  const b = await freshBrowser();
  b.page.on('dialog', (d) => d.accept());
  try {
    const { page } = b;
    await loadDemo(page, server.url);
    const before = await tileCount(page, 'clients');

    // A demo client as the file will repeat it: by its phone, in another format.
    await page.goto(server.url + '#/clients');
    await page.waitForSelector('.vlist a.row');
    const row = page.locator('.vlist a.row').nth(4);
    const name = await row.locator('.name').innerText();
    const phone = (await row.locator('[role=cell]').nth(2).innerText()).replace(/\D/g, '').slice(1);
    const csv = [
      'Наименование;ИНН;Телефон;E-mail;Адрес',
      'ООО "Северное сияние";7707083893;+7 912 000-11-22;siyanie@mail.ru;"620014, Екатеринбург, ул. Малышева, 5"',
      `${name};;8 (${phone.slice(0, 3)}) ${phone.slice(3)};;`,
      'Северное сияние, ООО;;8 912 000 11 22;;',
      'Кривой клиент;12345;;не почта;',
    ].join('\r\n');
    const dir = mkdtempSync(join(tmpdir(), 'pismo-csv-'));
    const file = join(dir, 'clients.csv');
    writeFileSync(file, cp1251(csv));

    await page.click('#open-import');
    await page.setInputFiles('#csv-file', file);
    await page.waitForSelector('#import-summary');
    assert.equal(await page.$eval('select[name="col-0"]', (s) => s.value), 'name');
    assert.equal(await page.$eval('select[name="col-2"]', (s) => s.value), 'phone');
    const summary = await page.innerText('#import-summary');
    assert.match(summary, /Новых: 2, уже есть в базе: 1, повторов в файле: 1, строк с ошибками: 1/);
    const preview = await page.innerText('#import-preview');
    assert.ok(preview.includes(`уже есть: ${name}`) || preview.includes('уже есть:'), preview);

    // All or nothing: the bad row stops it until it is to be skipped.
    await page.click('#apply-import');
    await page.waitForSelector('.toast.error');
    await page.check('#skip-invalid');
    await page.click('#apply-import');
    await page.waitForURL(/#\/clients$/);
    await page.goto(server.url + '#/');
    assert.equal(await tileCount(page, 'clients'), before + 1, 'one new client, nothing doubled');
    await page.goto(server.url + '#/clients');
    await page.fill('#client-search', 'Северное сияние');
    await page.waitForSelector('.vlist a.row');
    assert.equal(await page.locator('.vlist a.row').count(), 1);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

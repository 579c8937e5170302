// The client-base section's whole flow in a real browser (issue 4): a Windows-1251 «;» CSV with
// duplicates of demo clients → columns guessed → the preview flags them → apply, nothing doubled →
// the duplicates page shows a cluster with reasons → merge choosing a field → both records' orders
// on the survivor → undo → both back → «not duplicates» → not proposed after a reload → the data
// quality page → an address list for one segment, saved, exported as CSV in both encodings and
// read back, and logged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, freshBrowser, loadDemo, tileCount, cp1251 } from './helpers.mjs';

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

async function clusterCount(page) {
  await page.waitForSelector('#cluster-count:not(:empty)');
  return Number(await page.innerText('#cluster-count'));
}

const countIs = (page, n) => page.waitForFunction((n) => Number(document.querySelector('#cluster-count')?.textContent) === n, n);

async function importCsv(page, url) {
  const before = await tileCount(page, 'clients');
  // Two demo clients as the file repeats them: by phone in another format, and by e-mail.
  await page.goto(url + '#/clients');
  await page.waitForSelector('.vlist a.row');
  const row = page.locator('.vlist a.row').nth(4);
  const name = await row.locator('.name').innerText();
  const phone = (await row.locator('[role=cell]').nth(2).innerText()).replace(/\D/g, '').slice(1);
  const csv = [
    'Наименование;ИНН;Телефон;E-mail;Адрес;Сегмент',
    'ООО "Северное сияние";7707083893;+7 912 000-11-22;siyanie@mail.ru;"620014, Екатеринбург, ул. Малышева, 5";Компании',
    `${name};;8 (${phone.slice(0, 3)}) ${phone.slice(3)};;;`,
    'Северное сияние, ООО;;8 912 000 11 22;;;',
    'Кривой клиент;12345;;не почта;;',
  ].join('\r\n');
  const file = join(mkdtempSync(join(tmpdir(), 'pismo-csv-')), 'clients.csv');
  writeFileSync(file, cp1251(csv));

  await page.click('#open-import');
  await page.setInputFiles('#csv-file', file);
  await page.waitForSelector('#import-summary');
  assert.equal(await page.$eval('select[name="col-0"]', (s) => s.value), 'name');
  assert.equal(await page.$eval('select[name="col-2"]', (s) => s.value), 'phone');
  assert.match(await page.innerText('#import-summary'), /Новых: 2, уже есть в базе: 1, повторов в файле \(объединяются\): 1, с замечаниями: 1, не импортируются: 0/);
  const preview = await page.innerText('#import-rows');
  assert.ok(preview.includes(`уже в базе, нового нет: ${name}`), preview);
  assert.match(preview, /объединена со строкой 2/);
  // Filtered to the rows with remarks: the crooked one, kept with what is wrong in it.
  await page.selectOption('#import-filter', 'warnings');
  assert.equal(await page.locator('#import-rows tbody tr').count(), 1);
  assert.match(await page.innerText('#import-rows tbody'), /Кривой клиент[\s\S]*ИНН/);
  await page.selectOption('#import-filter', 'all');

  await page.click('#apply-import');
  await page.waitForSelector('#import-report');
  assert.match(await page.innerText('#import-fates'), /новый клиент: 2[\s\S]*объединённые повторы: 1/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-import-report')]);
  const report = readFileSync(await download.path(), 'utf8');
  assert.ok(report.startsWith('\ufeffСтрока;Наименование;Итог;Клиент (id);Замечания\r\n'), report);
  assert.equal(report.trim().split('\r\n').length, 5, 'a line for every row of the file');
  await page.goto(url + '#/');
  assert.equal(await tileCount(page, 'clients'), before + 2, 'two new clients, nothing doubled');

  // The whole import undone, after a reload too: the base is as it was; then imported again.
  await page.goto(url + '#/clients/import');
  await page.reload();
  await page.waitForSelector('#undo-import');
  await page.click('#undo-import');
  await page.waitForSelector('.toast >> text=Импорт отменён');
  await page.goto(url + '#/');
  assert.equal(await tileCount(page, 'clients'), before);
  await page.goto(url + '#/clients/import');
  await page.setInputFiles('#csv-file', file);
  await page.waitForSelector('#import-summary');
  await page.click('#apply-import');
  await page.waitForSelector('#import-report');
}

async function mergeUndoNotDuplicates(page, url) {
  await page.goto(url + '#/clients');
  await page.click('#open-duplicates');
  const found = await clusterCount(page);
  assert.ok(found >= 10, `the planted copies: ${found}`);
  assert.match(await page.innerText('#reasons'), /(телефон|e-mail|название|ИНН): (совпадает|похоже)/);

  // The two records side by side; keep the first, take the second's name.
  const names = await page.$$eval('#cluster thead th a', (as) => as.map((a) => a.textContent));
  assert.equal(names.length, 2);
  const orders = await page.$$eval('#cluster tbody tr:last-child td', (tds) => tds.map((td) => Number(td.textContent)));
  await page.locator('input[name="survivor"]').first().check();
  const chosenName = await page.locator('#cluster tbody tr:first-child td').nth(1).innerText();
  await page.locator('input[name="pick-name"]').nth(1).check();
  await page.click('#merge');
  await countIs(page, found - 1);
  assert.equal(await page.locator('#merges li').count(), 1);

  await page.goto(url + '#/clients');
  await page.fill('#client-search', chosenName.trim());
  await page.waitForSelector('.vlist a.row');
  await page.locator('.vlist a.row').first().click();
  await page.waitForSelector('.orders-table tbody tr');
  const onSurvivor = await page.locator('.orders-table tbody tr').count();
  assert.ok(onSurvivor >= orders[0] + orders[1], `orders on the survivor: ${onSurvivor} vs ${orders}`);

  // Undo: both records are back, each with its own orders, and the pair is proposed again.
  await page.goto(url + '#/clients/duplicates');
  await clusterCount(page);
  await page.click('#merges li .undo');
  await page.waitForFunction(() => document.querySelectorAll('#merges li').length === 0);
  await countIs(page, found);
  const back = await page.$$eval('#cluster tbody tr:last-child td', (tds) => tds.map((td) => Number(td.textContent)));
  assert.deepEqual(back, orders);

  await page.click('#not-duplicates');
  await countIs(page, found - 1);
  await page.reload();
  assert.equal(await clusterCount(page), found - 1, '«not duplicates» is remembered');
}

async function dataQuality(page, url) {
  await page.goto(url + '#/clients');
  await page.click('#open-quality');
  await page.click('[data-issue="unconfirmed"]');
  await page.waitForSelector('#quality-clients tr');
  const count = async () => Number(await page.innerText('[data-issue="unconfirmed"] .num'));
  const before = await count();
  assert.ok(before > 0);
  const first = await page.locator('#quality-clients tr a').first().innerText();
  await page.locator('#quality-clients tr .confirm').first().click();
  await page.waitForFunction((n) => Number(document.querySelector('[data-issue="unconfirmed"] .num')?.textContent) === n, before - 1);
  assert.notEqual(await page.locator('#quality-clients tr a').first().innerText(), first);
  // Pending duplicates come from the scan and open the duplicates page.
  await page.click('[data-issue="duplicate"]');
  await page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-issue="duplicate"] .num')?.textContent ?? ''));
  assert.ok(Number(await page.innerText('[data-issue="duplicate"] .num')) >= 2);
}

async function addressList(page, url) {
  await page.goto(url + '#/clients');
  await page.click('#open-lists');
  const school = page.locator('#list-segments label', { hasText: 'Школы' }).locator('input');
  await school.check();
  await page.waitForFunction(() => Number(document.querySelector('#list-count')?.textContent.replace(/\D/g, '')) > 0);
  const listed = Number((await page.innerText('#list-count')).replace(/\D/g, ''));
  assert.match(await page.innerText('#left-out'), /не беспокоить: \d+/);
  const firstRecipient = await page.locator('#list-rows tr td').first().innerText();

  // Saved under a name, and back after a reload.
  await page.fill('#list-name', 'Школы — осень');
  await page.click('#save-list');
  await page.waitForSelector('#saved-lists li');
  await page.reload();
  await page.locator('#saved-lists li button.link', { hasText: 'Школы — осень' }).click();
  await page.waitForFunction((n) => Number(document.querySelector('#list-count')?.textContent.replace(/\D/g, '')) === n, listed);
  assert.ok(await school.isChecked());

  await page.fill('#given-to', 'Типография «Печатник»');
  const [utf8] = await Promise.all([page.waitForEvent('download'), page.click('#csv-utf8')]);
  const bytes = readFileSync(await utf8.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM, so Excel reads UTF-8');
  const text = bytes.subarray(3).toString('utf8');
  const lines = text.trimEnd().split('\r\n');
  assert.equal(lines[0], 'Получатель;Контактное лицо;Индекс;Регион;Город;Адрес;E-mail;Сегменты');
  assert.equal(lines.length - 1, listed, 'every address of the list, each on its line');
  assert.ok(lines.slice(1).every((l) => l.includes('Школы')), 'only the segment');
  assert.ok(text.includes(firstRecipient.replace(/"/g, '""')), firstRecipient);

  const [cp] = await Promise.all([page.waitForEvent('download'), page.click('#csv-1251')]);
  const decoded = new TextDecoder('windows-1251').decode(readFileSync(await cp.path()));
  assert.equal(decoded, text, 'the same list in Windows-1251');

  await page.waitForFunction(() => document.querySelectorAll('#mailing-log tbody tr').length === 2);
  const log = await page.innerText('#mailing-log');
  assert.match(log, /Школы — осень\tТипография «Печатник»\tcsv-1251\t/);
  assert.ok(log.includes(String(listed)) || log.includes(listed.toLocaleString('ru-RU')));

  // Labels as printed: however long the recipient's name, the postcode stays on the label.
  await page.click('#print-labels');
  await page.waitForSelector('#label-sheets .label');
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => {
    document.querySelector('#label-sheets .label div').textContent =
      'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 113 с углублённым изучением отдельных предметов»';
  });
  const cut = await page.$$eval('#label-sheets .label', (labels) => labels.flatMap((l) => {
    const box = l.getBoundingClientRect();
    const last = l.lastElementChild.getBoundingClientRect();
    return last.bottom <= box.bottom + 0.5 && last.right <= box.right + 0.5 ? [] : [l.innerText];
  }));
  assert.deepEqual(cut, [], 'labels whose last line does not fit');
  await page.emulateMedia({ media: 'screen' });
}

test('client base: import, duplicates, quality, address list', async () => {
  const b = await freshBrowser();
  b.page.on('dialog', (d) => d.accept());
  try {
    const { page } = b;
    await loadDemo(page, server.url);
    await importCsv(page, server.url);
    await mergeUndoNotDuplicates(page, server.url);
    await dataQuality(page, server.url);
    await addressList(page, server.url);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

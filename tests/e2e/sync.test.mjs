// Two computers, one base, through a shared folder. Two browser profiles are the two computers;
// each uses its private file system as «the shared folder» (`?sync-folder=private`), and the test
// plays the cloud drive: it copies the files each computer wrote to the other, as Yandex Disk would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, freshBrowser, ready, loadDemo, tileCount, CLOCK } from './helpers.mjs';

let server;
let url;
before(async () => {
  server = await serve();
  url = server.url + '&sync-folder=private';
});
after(() => server?.stop());

/** Every file under pismo-sync/ in a computer's folder: [{ dev, name, text }]. */
async function files(page) {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    let sync;
    try { sync = await root.getDirectoryHandle('pismo-sync'); } catch { return []; }
    const out = [];
    for await (const [dev, d] of sync.entries()) {
      if (d.kind !== 'directory') continue;
      for await (const [name, f] of d.entries()) out.push({ dev, name, text: await (await f.getFile()).text() });
    }
    return out;
  });
}

/** Writes files into a computer's folder (the ones it does not have), as a cloud drive does. */
async function put(page, list) {
  await page.evaluate(async (list) => {
    const root = await navigator.storage.getDirectory();
    const sync = await root.getDirectoryHandle('pismo-sync', { create: true });
    for (const { dev, name, text } of list) {
      const d = await sync.getDirectoryHandle(dev, { create: true });
      try { await d.getFileHandle(name); continue; } catch { /* missing: write it */ }
      const w = await (await d.getFileHandle(name, { create: true })).createWritable();
      await w.write(text);
      await w.close();
    }
  }, list);
}

/** The cloud drive brings both folders in step. */
async function cloud(a, b) {
  const [fa, fb] = [await files(a), await files(b)];
  await put(b, fa);
  await put(a, fb);
}

/** Opens a page of the app: by its hash when the app is open (a full load would set the test
 *  clock back to its start), by the address otherwise. */
async function go(page, hash) {
  if (page.url().startsWith(server.origin)) {
    await page.evaluate((h) => { location.hash = h; }, hash);
  } else {
    await page.goto(url + hash);
  }
  await ready(page);
}

/** Opens the sync page and syncs now; returns the status text. */
async function syncNow(page) {
  await go(page, '#/sync');
  try {
    await page.waitForSelector('#sync-now:not([disabled])');
  } catch (e) {
    console.log('DEBUG', page.url(), await page.innerText('main'));
    throw e;
  }
  const runs = Number(await page.getAttribute('#sync-status', 'data-runs'));
  await page.click('#sync-now');
  await page.waitForFunction((n) => Number(document.querySelector('#sync-status').dataset.runs) > n, runs, { timeout: 60000 });
  return page.innerText('#sync-status');
}

async function problems(page) {
  return (await page.locator('#sync-problems li').allInnerTexts());
}

/** Computer A with the demo company, and computer B that got the whole base from the folder. */
async function twoComputers() {
  const a = await freshBrowser();
  const b = await freshBrowser();
  await loadDemo(a.page, url);
  await syncNow(a.page);
  // B opens the app before it knows the folder (a page is needed to reach its file system).
  await b.page.goto(server.url);
  await ready(b.page);
  await cloud(a.page, b.page);
  await b.page.goto(url + '#/sync');
  await ready(b.page);
  await b.page.waitForFunction(() => Number(document.querySelector('#sync-status')?.dataset.runs) > 0, null, { timeout: 60000 });
  return { a, b };
}

/** Saves the open client form and waits until it is stored. */
async function saveClient(page) {
  await page.click('#save-client');
  await page.waitForSelector('.toast:not(.error)');
  // A new client's page moves to its own address once saved: wait for it, or the move may come
  // after the test has gone on to another page and take it back.
  await page.waitForFunction(() => /^#\/clients\/[0-9a-f-]{36}$/.test(location.hash));
}

async function openClient(page, name) {
  await go(page, '#/clients');
  await page.fill('#client-search', name);
  await page.waitForFunction((n) => [...document.querySelectorAll('.vlist a.row .name')].some((e) => e.textContent === n), name);
  await page.locator('.vlist a.row', { has: page.locator('.name', { hasText: name }) }).first().click();
  await page.waitForSelector('#client-title');
}

test('folder: the letter writer hands a client over on A; the salesperson sees it on B', async () => {
  const { a, b } = await twoComputers();
  try {
    await go(a.page, '#/');
    const clients = await tileCount(a.page, 'clients');
    await go(b.page, '#/');
    await ready(b.page);
    assert.equal(await tileCount(b.page, 'clients'), clients, 'B has the whole base from the folder');
    assert.equal(await tileCount(b.page, 'orders'), await tileCount(a.page, 'orders'));

    // On A: a letter sent, the answer «interested», the client handed to the proposed salesperson.
    await go(a.page, '#/letters');
    await a.page.waitForSelector('#queue-list li');
    await a.page.click('#queue-list li:first-child button');
    const client = await a.page.innerText('#letter-card h2');
    await a.page.click('#mark-sent');
    await a.page.waitForSelector('#queue-list button.sent');
    await a.page.click('#queue-list button.sent');
    await a.page.click('#answer-interested');
    await a.page.waitForSelector('#hand-over-to');
    const seller = (await a.page.$eval('#hand-over-to', (s) => s.options[s.selectedIndex].textContent)).split(' — ')[0];
    await a.page.click('#save-answer');
    await a.page.waitForSelector('#answer-recorded');

    const status = await syncNow(a.page);
    assert.match(status, /Отправлено записей: [1-9]/);
    await cloud(a.page, b.page);
    await syncNow(b.page);
    assert.deepEqual(await problems(b.page), []);
    assert.match(await b.page.innerText('#sync-devices'), /Иван Петрович Петров/, 'B sees who is at A');

    // On B, used by the salesperson: the client is in their book, with the letter and the answer.
    await openClient(b.page, client);
    assert.match(await b.page.innerText('#pool-status'), new RegExp(`работает ${seller}`));
    assert.match(await b.page.innerText('.client-letters'), /Заинтересован/);
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
  } finally {
    await a.close();
    await b.close();
  }
});

test('folder: edits made apart are all kept; the same field keeps the later one, the other can be put back; a deletion reaches the other computer', async () => {
  const { a, b } = await twoComputers();
  try {
    await go(a.page, '#/clients');
    await a.page.waitForSelector('.vlist a.row .name');
    const [first, second] = await a.page.locator('.vlist a.row .name').evaluateAll((els) => els.slice(0, 2).map((e) => e.textContent));

    // Apart: A changes the notes, B the INN of the same client.
    await openClient(a.page, first);
    // The list shows the legal form before the name; the form edits the name alone.
    const name = await a.page.inputValue('input[name=name]');
    const shown = (suffix) => first.replace(name, `${name} ${suffix}`);
    await a.page.fill('textarea[name=notes]', 'Звонить после обеда (A)');
    await saveClient(a.page);
    await openClient(b.page, first);
    await b.page.fill('input[name=inn]', '7707083893');
    await saveClient(b.page);
    // Both change the name; B's edit is the later one: B is opened three minutes later by the
    // test clock (which starts at its set moment whenever a page loads).
    await openClient(a.page, first);
    await a.page.fill('input[name=name]', `${name} (A)`);
    await saveClient(a.page);
    await b.page.goto(url.replace(CLOCK, '2026-11-26T09:33'));
    await ready(b.page);
    await openClient(b.page, first);
    await b.page.fill('input[name=name]', `${name} (B)`);
    await saveClient(b.page);
    // A deletes a client B never touched.
    await openClient(a.page, second);
    a.page.once('dialog', (d) => d.accept());
    await a.page.click('#delete-client');
    await a.page.waitForURL(/#\/clients$/);

    await syncNow(a.page);
    await cloud(a.page, b.page);
    await syncNow(b.page);
    await cloud(a.page, b.page);
    await syncNow(a.page);
    assert.deepEqual(await problems(a.page), []);
    assert.deepEqual(await problems(b.page), []);

    for (const page of [a.page, b.page]) {
      await openClient(page, shown('(B)'));
      assert.equal(await page.inputValue('textarea[name=notes]'), 'Звонить после обеда (A)');
      assert.equal(await page.inputValue('input[name=inn]'), '7707083893');
      const conflict = page.locator('.history tr.conflict').first();
      assert.match(await conflict.innerText(), new RegExp(`изменено на двух компьютерах.*оставлено «${name} \\(B\\)».*заменено «${name} \\(A\\)»`, 's'));
    }
    await go(b.page, '#/clients');
    await b.page.fill('#client-search', second);
    await b.page.waitForTimeout(300);
    assert.equal(await b.page.locator('.vlist a.row .name', { hasText: second }).count(), 0, 'deleted on B too');

    // The replaced value is put back on A, and that reaches B.
    await openClient(a.page, shown('(B)'));
    await a.page.click('.history tr.conflict button');
    assert.equal(await a.page.inputValue('input[name=name]'), `${name} (A)`, 'back in the form');
    await a.page.click('#save-client');
    await a.page.waitForFunction((n) => document.querySelector('#client-title')?.textContent.includes(n), `${name} (A)`);
    await syncNow(a.page);
    await cloud(a.page, b.page);
    await syncNow(b.page);
    await openClient(b.page, shown('(A)'));
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
  } finally {
    await a.close();
    await b.close();
  }
});

test('folder: a foreign or truncated file is named and skipped, the rest is taken', async () => {
  const { a, b } = await twoComputers();
  try {
    await go(a.page, '#/clients/new');
    await a.page.fill('input[name=name]', 'Школа № 7');
    await saveClient(a.page);
    await syncNow(a.page);
    const mine = (await files(a.page)).filter((f) => !f.name.includes('snapshot'));
    const dev = mine[0].dev;
    const last = mine.sort((x, y) => x.name.localeCompare(y.name)).at(-1);
    // The cloud drive brought a stray document and a conflict copy; the newest file arrives cut short.
    await put(b.page, [
      { dev, name: 'notes.txt', text: 'hello' },
      { dev, name: `${last.name.replace('.json', '')} (1).json`, text: last.text },
      { dev, name: last.name, text: last.text.slice(0, last.text.length / 2) },
    ]);
    await syncNow(b.page);
    const seen = (await problems(b.page)).join('\n');
    assert.match(seen, new RegExp(`pismo-sync/${dev}/notes.txt`));
    assert.match(seen, new RegExp(`pismo-sync/${dev}/${last.name}: `), 'the truncated file is named');
    // The whole file arrives: it is read next time.
    await b.page.evaluate(async ({ dev, name, text }) => {
      const d = await (await (await navigator.storage.getDirectory()).getDirectoryHandle('pismo-sync')).getDirectoryHandle(dev);
      const w = await (await d.getFileHandle(name)).createWritable();
      await w.write(text);
      await w.close();
    }, last);
    await syncNow(b.page);
    await openClient(b.page, 'Школа № 7');
    assert.deepEqual(b.errors, []);
  } finally {
    await a.close();
    await b.close();
  }
});

test('folder: the account manager relays a request to Finance; Finance answers on its own computer; the answer and its time come back', async () => {
  const { a, b } = await twoComputers();
  try {
    const board = (page, status) => page.waitForFunction((s) => [...document.querySelectorAll('#board tr')]
      .some((tr) => tr.textContent.includes('Акт сверки по договору № 17-КС') && tr.dataset.status === s), status);
    // A, the account manager: the client's request, passed to Finance.
    await go(a.page, '#/corporate');
    await a.page.waitForSelector('#request-client option', { state: 'attached' });
    const counted = async () => Number(((await a.page.innerText('#response-times tr[data-department="finance"] td:nth-child(2)')).match(/\((\d+)\)/) ?? [0, 0])[1]);
    const before = await counted();
    const client = await a.page.$eval('#request-client', (s) => [...s.options].find((o) => o.value)?.textContent);
    await a.page.selectOption('#request-client', { label: client });
    await a.page.selectOption('#request-department', 'Finance');
    await a.page.fill('#request-subject', 'Акт сверки по договору № 17-КС');
    await a.page.fill('#request-message', 'Просят до пятницы');
    await a.page.click('#log-request');
    const onA = a.page.locator('#board tr', { hasText: 'Акт сверки по договору № 17-КС' });
    await onA.waitFor();
    await onA.locator('.step').click();
    await board(a.page, 'withdepartment');
    await syncNow(a.page);
    await cloud(a.page, b.page);
    await syncNow(b.page);

    // B, Finance: the request is there, with the department; the answer is written there.
    await go(b.page, '#/corporate');
    await board(b.page, 'withdepartment');
    const onB = b.page.locator('#board tr', { hasText: 'Акт сверки по договору № 17-КС' });
    await onB.locator('.step-text').fill('Акт сверки отправлен на почту');
    await onB.locator('.step').click();
    await board(b.page, 'answered');
    await syncNow(b.page);
    await cloud(a.page, b.page);
    await syncNow(a.page);

    // A: the answer arrived; relayed to the client, the response time is counted.
    await go(a.page, '#/corporate');
    await board(a.page, 'answered');
    assert.match(await onA.innerText(), /Акт сверки отправлен на почту/);
    await onA.locator('.step-text').fill('Сообщил клиенту');
    await onA.locator('.step').click();
    await board(a.page, 'relayed');
    assert.equal(await counted(), before + 1, 'the response time counts it');
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
  } finally {
    await a.close();
    await b.close();
  }
});

test('file: without folder access, changes since the last exchange go as a file and merge the same way', async () => {
  const a = await freshBrowser();
  const b = await freshBrowser();
  try {
    await loadDemo(a.page, server.url);
    const exported = async () => {
      await go(a.page, '#/sync');
      const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.click('#sync-export')]);
      assert.match(download.suggestedFilename(), /^pismo-changes-[0-9a-f]+-2026-11-26-\d{4}\.json$/);
      return download.path();
    };
    const load = async (path) => {
      await go(b.page, '#/sync');
      const before = await b.page.locator('.toast').count();
      await b.page.setInputFiles('#sync-import', path);
      await b.page.waitForFunction((n) => document.querySelectorAll('.toast').length > n, before);
      return b.page.locator('.toast').last().innerText();
    };
    // The first file is the whole base.
    const first = await exported();
    await b.page.goto(server.url);
    await ready(b.page);
    assert.match(await load(first), /Принято записей: \d{4,}/);
    await go(b.page, '#/');
    await go(a.page, '#/');
    assert.equal(await tileCount(b.page, 'clients'), await tileCount(a.page, 'clients'));

    // Then only what changed: one client's notes.
    await go(a.page, '#/clients');
    await a.page.waitForSelector('.vlist a.row .name');
    const name = await a.page.locator('.vlist a.row .name').first().innerText();
    await openClient(a.page, name);
    await a.page.fill('textarea[name=notes]', 'Передали по флешке');
    await saveClient(a.page);
    const second = await exported();
    const text = (await import('node:fs')).readFileSync(second, 'utf8');
    assert.ok(JSON.parse(text).versions.length < 10, 'the changes only, not the base');
    assert.match(await load(second), /Принято записей: [1-9]/);
    await openClient(b.page, name);
    assert.equal(await b.page.inputValue('textarea[name=notes]'), 'Передали по флешке');
    // The same file again changes nothing; B's own file is refused.
    assert.match(await load(second), /Принято записей: 0/);
    await go(b.page, '#/sync');
    const [own] = await Promise.all([b.page.waitForEvent('download'), b.page.click('#sync-export')]);
    assert.match(await load(await own.path()), /этого же компьютера/);
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
  } finally {
    await a.close();
    await b.close();
  }
});

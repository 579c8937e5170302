// Letter sales in a real browser, on the tests' working day (helpers.mjs' CLOCK):
// demo → today's queue of 40 → the first draft names the last order and how long ago → edit →
// reload keeps the queue and the edit → mark sent → print view shows it → «interested», hand over →
// the client leaves the pool and is the salesperson's → the figures change. Then skip and reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, freshBrowser, loadDemo, tileCount } from './helpers.mjs';

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());


// An oracle for «how long ago» written from the rules, not from the app's code.
function plural(n, one, few, many) {
  const a = n % 10;
  const b = n % 100;
  if (a === 1 && b !== 11) return one;
  if (a >= 2 && a <= 4 && (b < 12 || b > 14)) return few;
  return many;
}
function monthsBetween([d1, m1, y1], [d2, m2, y2]) {
  let m = (y2 - y1) * 12 + (m2 - m1);
  if (d2 < d1) m -= 1;
  return Math.max(0, m);
}
// A letter writes small numbers in words: «два года назад».
const WORDS = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять', 'десять',
  'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать',
  'восемнадцать', 'девятнадцать', 'двадцать'];
const words = (n) => (n <= 20 ? WORDS[n] : n < 30 ? `двадцать ${WORDS[n - 20]}` : String(n));
function agoRu(months) {
  if (months === 1) return 'месяц назад';
  if (months === 6) return 'полгода назад';
  if (months < 12) return `${words(months)} ${plural(months, 'месяц', 'месяца', 'месяцев')} назад`;
  if (months <= 16) return 'год назад';
  if (months <= 21) return 'полтора года назад';
  const y = Math.floor((months + 6) / 12);
  return `${words(y)} ${plural(y, 'год', 'года', 'лет')} назад`;
}
const IN_MONTH = ['январе', 'феврале', 'марте', 'апреле', 'мае', 'июне', 'июле', 'августе', 'сентябре', 'октябре', 'ноябре', 'декабре'];

async function figure(page, id) {
  await page.waitForSelector(`#${id} .value`);
  return (await page.innerText(`#${id} .value`)).replace(/\s/g, '');
}

async function poolSize(page) {
  await page.waitForSelector('#forecast');
  const text = await page.innerText('#forecast');
  return Number(text.match(/В пуле ([\d\s\u202f]+)/)[1].replace(/\D/g, ''));
}

test('letters: queue, draft, edit, send, print, answer, hand over, figures', async () => {
  const b = await freshBrowser();
  b.page.on('dialog', (d) => d.accept());
  try {
    const { page } = b;
    await loadDemo(page, server.url);

    // The demo has written letters for a month: the figures are not empty.
    await page.goto(server.url + '#/letters/figures');
    const sentBefore = Number(await figure(page, 'fig-sent'));
    const handedBefore = Number(await figure(page, 'fig-handed'));
    assert.ok(sentBefore > 0, 'the demo has letters sent this month');
    const bars = await page.$$eval('#chart-days svg rect', (rs) => rs.filter((r) => Number(r.getAttribute('height')) > 0).length);
    assert.ok(bars >= 15, `the daily chart shows the month's letters: ${bars} bars`);
    assert.match(await page.innerText('#attribution-rule'), /90 дней/);

    // Today's queue: 40 letters.
    await page.goto(server.url + '#/letters');
    await page.waitForSelector('#queue-list li');
    assert.equal(await page.locator('#queue-list li').count(), 40);
    assert.match(await page.innerText('#queue-count'), /0 из 40/);
    // The day is the app's clock, set by the tests' address, and the page says the clock is set.
    assert.match(await page.innerText('.letters h1'), /26 ноября/);
    assert.match(await page.innerText('.clock-set'), /26\.11\.2026 09:3\d/);
    const pool = await poolSize(page);
    await page.goto(server.url + '#/');
    assert.equal(await tileCount(page, 'pool'), pool, 'the pool is one number on the home page and on Letters');
    await page.goto(server.url + '#/letters');
    await page.waitForSelector('#queue-list li');

    // The first draft names what the client last ordered and how long ago.
    await page.waitForSelector('#draft-facts');
    const first = await page.innerText('#letter-card h2');
    const facts = await page.innerText('#draft-facts');
    const [, dd, mm, yyyy, forms] = facts.match(/(\d\d)\.(\d\d)\.(\d{4}) \([^)]*\): (.+)$/);
    const newest = await page.locator('.letter-history .orders li .num').first().innerText();
    assert.equal(newest, `${dd}.${mm}.${yyyy}`, 'the facts name the newest order in the history');
    const body = await page.inputValue('textarea[name=body]');
    const firstForm = forms.split(', ')[0];
    // Two forms with one noun share it («стеклянные и деревянные плакетки»): every word is there.
    assert.ok(firstForm.split(' ').every((w) => body.includes(w)), `the draft names «${firstForm}»:\n${body}`);
    const months = monthsBetween([+dd, +mm, +yyyy], [26, 11, 2026]);
    const when = [agoRu(months), `в ${IN_MONTH[+mm - 1]} ${yyyy} года`];
    assert.ok(when.some((w) => body.toLowerCase().includes(w)), `«${when[0]}» in:\n${body}`);
    assert.ok(!/\{|\}|\[|\]|undefined|null/.test(body), 'no placeholders');

    // E-mail: a letter this long is too long for a mailto: link (`mail::MAILTO_MAX`), so it is an
    // .eml file a mail program opens as a draft.
    assert.ok(await page.isVisible('#eml') && !(await page.isVisible('#mailto')));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#eml')]);
    const eml = (await import('node:fs')).readFileSync(await download.path(), 'utf8');
    assert.match(eml, /Content-Type: text\/plain; charset=UTF-8/);
    assert.match(eml, /Subject: =\?UTF-8\?B\?/);
    // From the settings' sender address, in a file named for the client.
    assert.match(eml, /^From: =\?UTF-8\?B\?[^\r]+\r\n <letters@lavr-venets\.ru>\r\n/);
    const stem = first.replace(/[^\p{L}\p{N}-]+/gu, '_').replace(/^_/, '').slice(0, 60).replace(/_$/, '');
    assert.equal(download.suggestedFilename(), `${stem}-2026-11-26.eml`);
    assert.ok(Buffer.from(eml.split('\r\n\r\n')[1].replace(/\r\n/g, ''), 'base64').toString('utf8').includes(firstForm.split(' ').pop()));

    // Edit a sentence; leaving the field keeps the edit, and a reload shows the same queue.
    const added = 'Спасибо, что выбрали нас в прошлый раз.';
    const edited = body.replace('\n\n', `\n\n${added} `);
    await page.fill('textarea[name=body]', edited);
    await page.locator('textarea[name=body]').blur();
    await page.waitForSelector('#queue-list button.edited');
    await page.reload();
    await page.waitForSelector('#letter-card');
    assert.equal(await page.innerText('#letter-card h2'), first, 'the same first client after a reload');
    assert.equal(await page.inputValue('textarea[name=body]'), edited, 'the edit was kept');

    // Mark it sent: the sent text is stored as sent.
    // From the keyboard: «sent» is a button like any other.
    await page.focus('#mark-sent');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#queue-list button.sent');
    assert.match(await page.innerText('#queue-count'), /1 из 40/);
    // The keyboard goes on from the next letter: its line in the queue has the focus.
    await page.waitForFunction(() => document.activeElement?.closest('#queue-list li') && document.activeElement.getAttribute('aria-current') === 'true');
    assert.notEqual(await page.innerText('#letter-card h2'), first);

    // The print view has the letter, as edited, with the client's address.
    await page.goto(server.url + '#/letters/print/a4');
    await page.waitForSelector('#sheets .sheet.a4');
    const sheets = await page.innerText('#sheets');
    assert.ok(sheets.includes(added), 'the printed letter is the edited one');
    assert.ok(sheets.includes('26 ноября 2026 г.'), 'dated');
    assert.equal(await page.locator('#sheets .sheet.a4').count() <= 40, true);

    // The client answered: interested. Hand over to the proposed salesperson.
    await page.goto(server.url + '#/letters');
    await page.click('#queue-list button.sent');
    await page.click('#answer-interested');
    await page.waitForSelector('#hand-over-to');
    const option = await page.$eval('#hand-over-to', (s) => s.options[s.selectedIndex].textContent);
    const seller = option.split(' — ')[0];
    const [load, capacity] = option.split(' — ')[1].split('/').map(Number);
    assert.ok(load < capacity, `proposed salesperson has room: ${option}`);
    const wish = 'Нужны медали к турниру 20 декабря, позвонить до обеда';
    await page.fill('#answer-note', wish);
    await page.click('#save-answer');
    await page.waitForSelector('#answer-recorded');
    assert.match(await page.innerText('#answer-recorded'), /Заинтересован/);
    // The toast says who got the client.
    await page.waitForFunction((n) => [...document.querySelectorAll('.toast')].some((t) => t.textContent.includes(`клиент передан: ${n}`)), seller);
    assert.equal(await poolSize(page), pool - 1, 'the client left the pool');

    // The client is the salesperson's now.
    await page.goto(server.url + '#/clients');
    await page.fill('#client-search', first);
    await page.waitForFunction((n) => [...document.querySelectorAll('.vlist a.row .name')].some((e) => e.textContent === n), first);
    const row = page.locator('.vlist a.row', { has: page.locator('.name', { hasText: first }) }).first();
    assert.ok((await row.innerText()).includes(seller), `owner is ${seller}`);
    await row.click();
    await page.waitForSelector('#pool-status');
    assert.match(await page.innerText('#pool-status'), new RegExp(`работает ${seller}`));
    assert.match(await page.innerText('.client-letters'), /Заинтересован/);
    // The salesperson's page lists the client as handed over with the answer's note, and not
    // among the clients gone quiet: the hand-off started the clock.
    await page.goto(server.url + '#/sales');
    await page.locator('#salespeople tbody tr', { hasText: seller }).locator('a').first().click();
    await page.waitForSelector('#handed-over tbody tr');
    const handed = await page.innerText('#handed-over');
    assert.ok(handed.includes(first) && handed.includes(wish) && handed.includes('26.11.2026'), handed);
    assert.ok(!(await page.locator('#quiet').allInnerTexts()).join('').includes(first), 'not quiet a minute after the hand-off');
    // The hand-over is in the feed of changes across the base, newest first.
    await page.goto(server.url + '#/clients/changes');
    await page.waitForSelector('#changes tr');
    const latest = await page.innerText('#changes tr:first-child');
    assert.ok(latest.includes(first) && latest.includes('Ответственный') && latest.includes(seller), latest);
    assert.ok(!/owner|do_not_contact|phones/.test(await page.innerText('#changes')), 'no internal field names');

    // The figures moved.
    await page.goto(server.url + '#/letters/figures');
    assert.equal(Number(await figure(page, 'fig-sent')), sentBefore + 1);
    assert.equal(Number(await figure(page, 'fig-handed')), handedBefore + 1);
    // Answers are counted against the letters of the same period, so never above 100 %;
    // «не сейчас» is one of the answers listed.
    const rate = Number((await figure(page, 'fig-response')).replace(/[^\d]/g, ''));
    assert.ok(rate <= 100, `response rate ${rate} %`);
    assert.match(await page.innerText('.figures'), /не сейчас \d+/);
    // Last month: the whole of October, by the tests' clock (26 November).
    await page.selectOption('#period', 'last-month');
    await page.waitForFunction(() => document.querySelector('.figures .toolbar .hint').textContent.includes('01.10.2026 — 31.10.2026'));
    assert.ok(Number(await figure(page, 'fig-sent')) > 0, 'the demo wrote letters in October');

    // Skip a client: it leaves today's list, and stays out after a reload.
    await page.goto(server.url + '#/letters');
    await page.click('#queue-list li:nth-child(2) button');
    const skipped = await page.innerText('#letter-card h2');
    await page.click('#skip');
    await page.waitForFunction(() => document.querySelectorAll('#queue-list li').length === 39);
    await page.reload();
    await page.waitForSelector('#queue-list li');
    assert.equal(await page.locator('#queue-list li').count(), 39);
    assert.ok(!(await page.innerText('#queue-list')).includes(skipped));
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('letters: which phrasings get answers, and the composer told to favour them', async () => {
  const b = await freshBrowser();
  try {
    const { page } = b;
    await loadDemo(page, server.url);
    await page.goto(server.url + '#/letters/figures');
    await page.selectOption('#period', 'year');
    await page.waitForSelector('#phrasings tbody tr');
    const rows = await page.$$eval('#phrasings tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    assert.ok(rows.length >= 20, `${rows.length} phrasings`);
    // Each phrasing is shown as a letter put it, with its letters; a rate only with enough of them.
    const question = rows.find((r) => r[0] === 'Вопрос' && /понравил/i.test(r[1]));
    assert.ok(question, JSON.stringify(rows.slice(0, 5)));
    for (const r of rows) {
      const letters = Number(r[2].replace(/\D/g, ''));
      assert.ok(letters > 0, r.join(' | '));
      if (letters < 30) assert.equal(r[4], 'мало писем', r.join(' | '));
      else assert.match(r[4], /^\d+,?\d*\s%$|^\d+\.\d\s%$/, r.join(' | '));
    }
    // The setting is kept across a reload.
    assert.equal(await page.isChecked('#favour-answers'), false);
    await page.check('#favour-answers');
    await page.reload();
    await page.waitForSelector('#phrasings tbody tr');
    assert.equal(await page.isChecked('#favour-answers'), true);
    // The day's drafts are still written (now favouring what was answered).
    await page.goto(server.url + '#/letters');
    await page.waitForSelector('#draft-facts');
    assert.ok((await page.inputValue('textarea[name=body]')).length > 200);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('letters: opened before the base arrives, the queue says the base is empty, then fills', async () => {
  const b = await freshBrowser();
  try {
    const { page } = b;
    const url = new URL(server.url);
    await page.goto(`${url.origin}/${url.search}#/letters`);
    await page.waitForSelector('#no-letters');
    const said = await page.innerText('#no-letters');
    assert.match(said, /В базе пока нет клиентов/, said);
    assert.doesNotMatch(said, /нерабочий день/, 'an empty base is not called a day off');
    // The way on is one click away: the home page with the demo button.
    await page.click('#no-letters a[href="#/"]');
    await page.click('#load-demo');
    await page.waitForSelector('[data-count="clients"]');
    // Back to Letters through the menu, no reload: the day's queue takes the new clients.
    await page.click('nav a[href="#/letters"]');
    await page.waitForSelector('#queue-list li');
    const planned = await page.locator('#queue-list li').count();
    assert.equal(planned, 40, 'the day planned while the base was empty is filled once it arrives');
    await page.reload();
    await page.waitForSelector('#queue-list li');
    assert.equal(await page.locator('#queue-list li').count(), 40, 'and stays so after a reload');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

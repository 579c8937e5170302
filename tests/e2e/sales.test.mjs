// Sales and corporate sales in a real browser (issue 5): demo → a salesperson's page shows ~50
// active clients → a deal opened and moved to paid → an order in the client's history and in the
// revenue figure → a client marked corporate with the account manager → a request to Finance
// logged, answered, relayed → the response-time figure counts it → the dashboard shows all four
// sections for this month and exports CSV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, freshBrowser, loadDemo } from './helpers.mjs';

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

const rub = (text) => Number(text.replace(/[^\d,]/g, '').replace(',', '.'));

test('sales and corporate: deal to order, request relayed, dashboard', async () => {
  const b = await freshBrowser();
  b.page.on('dialog', (d) => d.accept());
  try {
    const { page } = b;
    await loadDemo(page, server.url);

    // A salesperson's book: about fifty active clients against a capacity of fifty.
    await page.click('nav a[href="#/sales"]');
    await page.waitForSelector('#salespeople tbody tr');
    const sellerRow = page.locator('#salespeople tbody tr').first();
    const seller = await sellerRow.locator('td').first().innerText();
    const revenueBefore = rub(await sellerRow.locator('td').nth(3).innerText());
    await sellerRow.locator('a').click();
    await page.waitForSelector('#book tbody tr');
    const [active, capacity] = (await page.innerText('#book-count')).split('/').map((x) => Number(x.trim()));
    assert.equal(capacity, 50);
    assert.ok(active >= 40 && active <= 50, `active clients: ${active}`);
    assert.equal(await page.locator('#book tbody tr').count(), active);

    // A client gone quiet goes back to the letter pool in one click, logged.
    const quiet = Number(await page.innerText('#quiet-count'));
    assert.ok(quiet > 0, 'the demo has clients gone quiet');
    {
      const href = await page.locator('#quiet tr a').first().getAttribute('href');
      await page.locator('#quiet tr .release').first().click();
      await page.waitForFunction((n) => Number(document.querySelector('#quiet-count')?.textContent) === n, quiet - 1);
      await page.waitForFunction((n) => document.querySelectorAll('#book tbody tr').length === n, active - 1);
      await page.goto(server.url + href);
      await page.waitForSelector('#activities tr:has-text("возвращён в письма")');
      assert.equal(await page.$eval('select[name="owner"]', (s) => s.value), '', 'nobody owns it now');
      await page.goBack();
      await page.waitForSelector('#book tbody tr');
    }

    // A deal on one of them, moved to paid: it becomes an order.
    await page.locator('#book tbody tr a').first().click();
    await page.waitForSelector('#client-title');
    await page.waitForSelector('.orders-table');
    const ordersBefore = await page.locator('.orders-table tbody tr').count();
    await page.fill('#deal-title', 'Кубки на областной турнир');
    await page.fill('#deal-amount', '15 000');
    await page.click('#open-deal');
    const deal = page.locator('#deals tr', { hasText: 'Кубки на областной турнир' });
    await deal.waitFor();
    assert.equal(await deal.getAttribute('data-stage'), 'contract');
    // A next step for the deal, due today (the tests' clock: 26 November).
    await page.fill('#step-text', 'Позвонить: согласовать макет');
    await page.fill('#step-due', '2026-11-26');
    await page.selectOption('#step-deal', { label: 'Кубки на областной турнир' });
    await page.click('#add-step');
    await page.waitForSelector('#steps tr:has-text("Позвонить: согласовать макет")');
    await page.waitForFunction(() => /Следующий шаг: Позвонить: согласовать макет — 26\.11\.2026/.test(document.querySelector('#deals').innerText));
    await deal.locator('.next-stage').click();
    await page.waitForFunction(() => [...document.querySelectorAll('#deals tr')].some((tr) => tr.dataset.stage === 'invoiced'));
    // Paid in full: the money came on 20 November and is entered today.
    await deal.locator('.pay-amount').fill('15 000');
    await deal.locator('.pay-date').fill('2026-11-20');
    await deal.locator('.pay').click();
    await page.waitForFunction(() => [...document.querySelectorAll('#deals tr')].some((tr) => tr.dataset.stage === 'paid'));
    await page.waitForFunction((n) => document.querySelectorAll('.orders-table tbody tr').length === n + 1, ordersBefore);
    assert.ok((await page.locator('.orders-table tbody tr', { hasText: 'Кубки на областной турнир' }).innerText()).includes('20.11.2026'), 'the order is dated when the money came');
    // The deal shows who sells it, each stage with its date, the payment and the next step.
    const steps = await deal.locator('.deal-steps').innerText();
    assert.ok(steps.startsWith(seller), steps);
    assert.match(steps, /\d\d\.\d\d\.\d{4} → .+ \d\d\.\d\d\.\d{4} → .+ 20\.11\.2026 · 15\s000\s₽ 20\.11\.2026 · Следующий шаг: Позвонить: согласовать макет — 26\.11\.2026$/);
    await page.fill('#activity-text', 'Договорились об отгрузке');
    await page.click('#log-activity');
    await page.waitForSelector('#activities tr:has-text("Договорились об отгрузке")');

    await page.click('nav a[href="#/sales"]');
    const row = page.locator('#salespeople tbody tr', { hasText: seller });
    await row.waitFor();
    assert.equal(rub(await row.locator('td').nth(3).innerText()), revenueBefore + 15000, 'in the revenue figure');
    // The seller's start page: today's step on top, done in one click.
    await row.locator('a').first().click();
    const due = page.locator('#agenda tr', { hasText: 'Позвонить: согласовать макет' });
    await due.waitFor();
    assert.ok((await due.innerText()).includes('26.11.2026'));
    assert.ok(await page.$eval('#agenda', (a) => a.compareDocumentPosition(document.querySelector('#book')) & Node.DOCUMENT_POSITION_FOLLOWING), 'above the book');
    await due.locator('.step-done').click();
    await due.waitFor({ state: 'detached' });
    await page.click('nav a[href="#/sales"]');
    await row.waitFor();
    // Revenue by a chosen period: the year holds at least this month.
    const monthTotal = rub(await page.innerText('#sales-total'));
    assert.ok(monthTotal >= 15000);
    await page.locator('.sales .tabs button', { hasText: 'Год' }).click();
    await page.waitForFunction((m) => {
      const n = Number(document.querySelector('#sales-total').innerText.replace(/[^\d,]/g, '').replace(',', '.'));
      return n > m;
    }, monthTotal);

    // A client made corporate, with the account manager as its owner.
    await page.goto(server.url + '#/clients');
    await page.waitForSelector('.vlist a.row');
    await page.locator('.vlist a.row').nth(10).click();
    await page.waitForSelector('#client-title');
    const client = (await page.innerText('#client-title')).trim();
    await page.check('input[name="corporate"]');
    const manager = await page.$eval('select[name="owner"]', (s) => [...s.options].find((o) => o.textContent.includes('Белова'))?.value);
    assert.ok(manager, 'the demo has an account manager');
    await page.selectOption('select[name="owner"]', manager);
    await page.click('#save-client');
    await page.waitForFunction(() => !document.querySelector('.unsaved'));

    // A request to Finance, through every step of the relay.
    await page.click('nav a[href="#/corporate"]');
    await page.waitForSelector('#request-client option', { state: 'attached' });
    const counted = async () => {
      const text = await page.innerText('#response-times tr[data-department="finance"] td:nth-child(2)');
      return Number((text.match(/\((\d+)\)/) ?? [0, 0])[1]);
    };
    const before = await counted();
    await page.selectOption('#request-client', { label: client });
    await page.selectOption('#request-department', 'Finance');
    await page.fill('#request-subject', 'Где счёт-фактура по договору?');
    await page.fill('#request-message', 'Звонок главного бухгалтера');
    await page.click('#log-request');
    const req = page.locator('#board tr', { hasText: 'Где счёт-фактура по договору?' });
    await req.waitFor();
    assert.equal(await req.getAttribute('data-status'), 'new');
    await req.locator('.step').click();
    await page.waitForFunction(() => [...document.querySelectorAll('#board tr')].some((tr) => tr.textContent.includes('Где счёт-фактура') && tr.dataset.status === 'withdepartment'));
    await req.locator('.step-text').fill('Счёт-фактура отправлена через ЭДО');
    await req.locator('.step').click();
    await page.waitForFunction(() => [...document.querySelectorAll('#board tr')].some((tr) => tr.textContent.includes('Где счёт-фактура') && tr.dataset.status === 'answered'));
    await req.locator('.step-text').fill('Сообщил клиенту');
    await req.locator('.step').click();
    await page.waitForFunction(() => [...document.querySelectorAll('#board tr')].some((tr) => tr.textContent.includes('Где счёт-фактура') && tr.dataset.status === 'relayed'));
    assert.equal(await counted(), before + 1, 'the response-time figure counts it');
    // Response times read as hours and minutes.
    assert.match(await page.innerText('#response-times tr[data-department="finance"] td:nth-child(2)'), /^\d+:\d\d/);
    // The client's status summary, for the client chosen for it: the request is answered.
    await page.selectOption('#summary-client', { label: client });
    await page.waitForFunction(() => /Где счёт-фактура по договору\? — (ответ готов|answered)/.test(document.querySelector('#client-summary').innerText));
    // Closed, the request leaves the open board and is found among the closed ones.
    await req.locator('.step').click();
    await page.waitForFunction(() => ![...document.querySelectorAll('#board tr')].some((tr) => tr.textContent.includes('Где счёт-фактура')));
    await page.locator('.board-filter .tabs button', { hasText: 'Закрытые' }).click();
    await page.fill('#board-search', 'счёт-фактура');
    await page.waitForFunction(() => [...document.querySelectorAll('#board tr')].some((tr) => tr.textContent.includes('Где счёт-фактура') && tr.dataset.status === 'closed'));
    await page.locator('.board-filter .tabs button', { hasText: 'Открытые' }).click();
    await page.fill('#board-search', '');

    // Corporate revenue by a chosen period: a year holds at least the month.
    const corpMonth = rub(await page.innerText('#corporate-revenue'));
    await page.locator('.corporate .tabs button', { hasText: 'Год' }).click();
    await page.waitForFunction((m) => {
      const v = document.querySelector('#corporate-revenue').innerText;
      return Number(v.replace(/[^\d,]/g, '').replace(',', '.')) > m;
    }, corpMonth);

    // A contract for the client chosen beside it; paid, it counts in the period's revenue.
    await page.selectOption('#contract-client', { label: client });
    await page.fill('#contract-number', 'К-999/26');
    await page.fill('#contract-amount', '1 234 567');
    await page.click('#add-contract');
    const contract = page.locator('#contracts tr', { hasText: 'К-999/26' });
    await contract.waitFor();
    assert.ok((await contract.innerText()).includes(client), await contract.innerText());
    const yearBefore = rub(await page.innerText('#corporate-revenue'));
    await contract.locator('select.contract-stage').selectOption('Paid');
    await page.waitForFunction(() => /→/.test([...document.querySelectorAll('#contracts tr')].find((tr) => tr.textContent.includes('К-999/26')).querySelector('.contract-steps').innerText));
    // Each stage with its date.
    assert.match(await contract.locator('.contract-steps').innerText(), /\d\d\.\d\d\.\d{4} → .+ \d\d\.\d\d\.\d{4}$/);
    await page.waitForFunction((m) => {
      const v = document.querySelector('#corporate-revenue').innerText;
      return Math.round(Number(v.replace(/[^\d,]/g, '').replace(',', '.'))) === m;
    }, Math.round(yearBefore + 1234567));

    // The dashboard: four sections for this month, a chart over time for each figure, a CSV.
    await page.click('nav a[href="#/dashboard"]');
    for (const id of ['#dash-letters', '#dash-sales', '#dash-corporate', '#dash-base']) {
      await page.waitForSelector(id);
    }
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-figure="pending_duplicates"] .value').innerText.trim()));
    assert.equal(await page.locator('.charts .chart').count(), 14);
    // The base's state is charted from monthly snapshots: opening the dashboard wrote this month's.
    await page.waitForSelector('[data-chart="pending_duplicates"] rect');
    assert.equal(await page.locator('[data-chart="pending_duplicates"] rect').count(), 1, 'only this month so far');
    assert.ok((await page.locator('[data-chart="sales_revenue_by_staff"] .legend .key').count()) >= 6, 'stacked by salesperson');
    // The axis labels are drawn at the chart's width: readable, not a scaled-down 7 px.
    const sizes = await page.$$eval('.dashboard .chart svg text.x', (ts) => ts.map((t) => t.getBoundingClientRect().height));
    assert.ok(sizes.length > 0 && Math.min(...sizes) >= 11, `label heights ${Math.min(...sizes)} px`);
    assert.ok(rub(await page.innerText('[data-figure="sales_revenue"] .value')) >= 15000);
    assert.ok(rub(await page.innerText('[data-figure="letters_revenue"] .value')) > 0);
    assert.match(await page.innerText('[data-figure="answer_hours"] .value'), /\d/);
    assert.match(await page.innerText('[data-figure="confirmed"] .value'), /%/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dashboard-csv')]);
    const csv = readFileSync(await download.path(), 'utf8');
    // For Russian Excel: Russian names, decimal commas, dates as «01.11.2026»; no machine keys.
    assert.ok(csv.startsWith('\ufeffПоказатель;01.11.2026 — 30.11.2026\r\n'), csv.slice(0, 60));
    assert.match(csv, /Выручка продаж, ₽;\d+,\d\d\r\n/);
    assert.match(csv, /Запросов просрочено;\d+\r\n/);
    assert.match(csv, /\r\nМесяц;Выручка от писем, ₽;Писем отправлено;Охват цикла, %;/);
    assert.ok(!/[a-z]+_[a-z]+/.test(csv), 'no machine keys');
    const pendingNow = Number(await page.innerText('[data-figure="pending_duplicates"] .value'));
    assert.match(csv, new RegExp(`\r\n11\\.2026;[^\r]*;${pendingNow},00;[\\d,]+;[\\d,]+;[\\d,]+\r\n$`), 'this month\'s row ends with the snapshot figures and the addresses given');

    // A year's figures are at least the month's.
    const monthSales = rub(await page.innerText('[data-figure="sales_revenue"] .value'));
    await page.locator('.dashboard .tabs button', { hasText: 'Год' }).click();
    await page.waitForFunction((m) => {
      const v = document.querySelector('[data-figure="sales_revenue"] .value').innerText;
      return Number(v.replace(/[^\d,]/g, '').replace(',', '.')) > m;
    }, monthSales);

    // The print view: no navigation, buttons or date inputs, every chart and the period on paper.
    await page.locator('.dashboard .tabs button', { hasText: 'Свой' }).click();
    await page.waitForSelector('#period-from');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#period-from').isVisible(), false);
    assert.ok(await page.locator('.period-dates').isVisible());
    assert.equal(await page.locator('nav').first().isVisible(), false);
    assert.equal(await page.locator('#dashboard-csv').isVisible(), false);
    assert.ok(await page.locator('[data-chart="invalid_contacts"] svg').isVisible());
    await page.emulateMedia({ media: 'screen' });

    // The snapshot is stored with the base: it is in a backup after a reload.
    await page.reload();
    await page.click('nav a[href="#/backup"]');
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('#export-backup')]);
    const backup = JSON.parse(readFileSync(await file.path(), 'utf8'));
    assert.equal(backup.snapshots.length, 1);
    assert.equal(backup.snapshots[0].pending_duplicates, pendingNow);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

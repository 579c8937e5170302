// Takes screenshots of the main screens into tests/e2e/out/ to look at (`make screenshots`).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve, freshBrowser, ready, root } from './helpers.mjs';

const out = join(root, 'tests', 'e2e', 'out');
mkdirSync(out, { recursive: true });
const server = await serve();
const b = await freshBrowser();
try {
  const { page } = b;
  await page.goto(server.url);
  await ready(page);
  await page.screenshot({ path: join(out, 'welcome.png') });
  await page.click('#load-demo');
  await page.waitForSelector('[data-count="clients"]');
  await page.screenshot({ path: join(out, 'home.png') });
  await page.goto(server.url + '#/clients');
  await page.waitForSelector('.vlist a.row');
  await page.screenshot({ path: join(out, 'clients.png') });
  await page.click('.vlist a.row >> nth=3');
  await page.waitForSelector('#client-title');
  await page.screenshot({ path: join(out, 'client.png'), fullPage: true });
  await page.goto(server.url + '#/letters');
  await page.waitForSelector('#letter-card');
  await page.screenshot({ path: join(out, 'letters.png'), fullPage: true });
  await page.click('#mark-sent');
  await page.waitForSelector('#queue-list button.sent');
  await page.click('#queue-list button.sent');
  await page.waitForSelector('#answer-interested');
  await page.click('#answer-interested');
  await page.screenshot({ path: join(out, 'letter-answer.png'), fullPage: true });
  for (const kind of ['a4', 'dl', 'c5', 'labels']) {
    await page.goto(server.url + '#/letters/print/' + kind);
    await page.waitForSelector('#sheets .sheet');
    await page.screenshot({ path: join(out, `print-${kind}.png`) });
  }
  await page.pdf?.({ path: join(out, 'letters.pdf') }).catch(() => {});
  await page.goto(server.url + '#/letters/answers');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, 'answers.png'), fullPage: true });
  await page.goto(server.url + '#/letters/figures');
  await page.waitForSelector('#chart-days');
  await page.screenshot({ path: join(out, 'figures.png'), fullPage: true });
  await page.goto(server.url + '#/clients/duplicates');
  await page.waitForSelector('#cluster');
  await page.screenshot({ path: join(out, 'duplicates.png'), fullPage: true });
  await page.goto(server.url + '#/clients/quality');
  await page.waitForSelector('#issues');
  await page.click('[data-issue="unconfirmed"]');
  await page.waitForSelector('#quality-clients tr');
  await page.screenshot({ path: join(out, 'quality.png') });
  await page.goto(server.url + '#/clients/lists');
  await page.waitForSelector('#list-segments input');
  await page.click('#list-segments input >> nth=1');
  await page.waitForSelector('#list-rows tr');
  await page.screenshot({ path: join(out, 'lists.png'), fullPage: true });
  for (const name of ['sales', 'corporate', 'dashboard']) {
    await page.goto(server.url + '#/' + name);
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(out, `${name}.png`), fullPage: name !== 'corporate' });
  }
  // The dashboard as it prints (A4, no navigation), and as a PDF to open.
  await page.goto(server.url + '#/dashboard');
  await page.waitForSelector('[data-chart="pending_duplicates"] rect');
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(out, 'dashboard-print.png'), fullPage: true });
  await page.pdf({ path: join(out, 'dashboard.pdf'), format: 'A4', printBackground: false });
  await page.emulateMedia({ media: 'screen' });
  await page.goto(server.url + '#/sales');
  await page.click('#salespeople a >> nth=0');
  await page.waitForSelector('#book tr');
  await page.screenshot({ path: join(out, 'person.png') });
  await page.click('#book tbody tr a >> nth=0');
  await page.waitForSelector('#deals');
  await page.evaluate(() => document.querySelector('#deals').scrollIntoView());
  await page.screenshot({ path: join(out, 'client-work.png') });
  for (const name of ['products', 'staff', 'settings', 'backup']) {
    await page.goto(server.url + '#/' + name);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
  }
  if (b.errors.length) console.log('page errors:', b.errors);
} finally {
  await b.close();
  server.stop();
}

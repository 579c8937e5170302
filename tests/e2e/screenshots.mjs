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

// What the browser fetches, weighed as a host serving gzip sends it: the start page's first load
// against DESIGN.md's 400 KB budget, and what each section adds on its first visit (its piece of
// the wasm). Shared by tests/e2e/first-load.test.mjs (the budget held) and `make bench`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root, freshBrowser, ready } from './helpers.mjs';

export const BUDGET = 400 * 1024;

/** The sections in the order a visitor might open them, each by one of its addresses. */
export const SECTIONS = [
  ['clients', '#/clients'],
  ['client card', '#/clients/new'],
  ['base tools', '#/clients/duplicates'],
  ['letters', '#/letters'],
  ['sales', '#/sales'],
  ['corporate', '#/corporate'],
  ['dashboard', '#/dashboard'],
  ['company', '#/settings'],
  ['backup, import, sync', '#/backup'],
];

const gzipped = new Map();
function weigh(path) {
  if (!gzipped.has(path)) gzipped.set(path, gzipSync(readFileSync(join(root, 'dist', path)), { level: 9 }).length);
  return gzipped.get(path);
}

/** The page's own requests to its origin (the service worker's caching of every file is its own,
 *  in the background, after the page has loaded). */
function record(page, origin) {
  const seen = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin !== new URL(origin).origin || url.pathname === '/sw.js') return;
    const path = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    if (!seen.includes(path)) seen.push(path);
  });
  return seen;
}

const files = (paths) => paths.map((file) => ({ file, gz: weigh(file) }));
const sum = (list) => list.reduce((s, f) => s + f.gz, 0);

/** Opens the start page on a fresh profile, then each section; returns what each step fetched. */
export async function measure(server, { sections = SECTIONS } = {}) {
  const b = await freshBrowser();
  try {
    const seen = record(b.page, server.origin);
    await b.page.goto(server.url);
    await ready(b.page);
    await b.page.waitForLoadState('networkidle');
    const start = files(seen.splice(0));
    const pieces = [];
    for (const [name, hash] of sections) {
      await b.page.goto(server.url + hash);
      await ready(b.page);
      await b.page.waitForLoadState('networkidle');
      const got = files(seen.splice(0));
      pieces.push({ name, hash, files: got, total: sum(got) });
    }
    return { start, total: sum(start), pieces, errors: b.errors };
  } finally {
    await b.close();
  }
}

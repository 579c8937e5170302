// Shared by the end-to-end tests: serve dist/ on 127.0.0.1 and drive Debian's Chromium.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..');

const CHROME_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function waitForPort(port, ms = 10000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}

/** The moment every end-to-end test runs at, whatever the machine's date: a Thursday late in a
 *  month, so «this month» has weeks of demo data and the day is a working day. The app reads it
 *  from its address (`?clock=`, see src/app/clock.rs), so every page the tests open keeps it. */
export const CLOCK = '2026-11-26T09:30';
export const TODAY = new Date(`${CLOCK}:00`);

/** Serves the release build in dist/; returns { url, stop }; `url` carries the test clock. */
export async function serve() {
  const port = await freePort();
  const proc = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', join(root, 'dist')], {
    stdio: 'ignore',
  });
  await waitForPort(port);
  return { url: `http://127.0.0.1:${port}/?clock=${CLOCK}`, origin: `http://127.0.0.1:${port}/`, stop: () => proc.kill() };
}

/** A browser with a fresh profile (a new user on a new computer), or with the profile in `dir`
 *  (the same user after a browser restart; `keep` leaves it on disk when closed).
 *  `serviceWorkers: 'block'`: a browser that keeps no files of the app (plain http elsewhere). */
export async function freshBrowser({ dir = mkdtempSync(join(tmpdir(), 'pismo-e2e-')), keep = false, serviceWorkers = 'allow' } = {}) {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROME_ARGS,
    acceptDownloads: true,
    serviceWorkers,
    locale: 'ru-RU',
    viewport: { width: 1280, height: 860 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  // Chromium logs every failed request to another server (CouchDB away, answering 500): that is
  // the network, not the app, and the app's own status tells about it.
  const network = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const from = m.location()?.url ?? '';
    const foreign = from && !from.startsWith(new URL(page.url() || 'about:blank').origin);
    (foreign && m.text().startsWith('Failed to load resource') ? network : errors).push(m.text());
  });
  return {
    context,
    page,
    errors,
    network,
    dir,
    close: async () => { await context.close(); if (!keep) rmSync(dir, { recursive: true, force: true }); },
  };
}

/** Waits until the app has loaded the base from storage. */
export async function ready(page) {
  await page.waitForFunction(() => !document.querySelector('.loading') && document.querySelector('main > section'));
}

/** The number shown on a home-page tile. */
export async function tileCount(page, name) {
  // Orders arrive after the first paint; their tile shows "…" until then.
  await page.waitForFunction((n) => /\d/.test(document.querySelector(`[data-count="${n}"] .value`)?.textContent ?? ''), name);
  const text = await page.locator(`[data-count="${name}"] .value`).innerText();
  return Number(text.replace(/\D/g, ''));
}

/** Opens the app on an empty profile and loads the demo company. */
export async function loadDemo(page, url) {
  await page.goto(url);
  await ready(page);
  await page.click('#load-demo');
  await page.waitForSelector('[data-count="clients"]');
}

/** Windows-1251 bytes of a text, as Russian Excel saves «CSV (разделители — точка с запятой)». */
export function cp1251(text) {
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

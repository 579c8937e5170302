// The first load within DESIGN.md's budget, and each section's code fetched on its first visit
// only (issue 16). Weighed as tests/e2e/weigh.mjs says; `make bench` prints the same figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './helpers.mjs';
import { measure, BUDGET, SECTIONS } from './weigh.mjs';

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

test('the start page fetches at most 400 KB gzipped; each section brings its own piece when first opened', async () => {
  const twice = [...SECTIONS, ['letters again', '#/letters/answers'], ['clients again', '#/clients']];
  const m = await measure(server, { sections: twice });
  assert.deepEqual(m.errors, []);
  assert.ok(m.total <= BUDGET, `first load ${m.total} bytes gzipped, budget ${BUDGET}: ${JSON.stringify(m.start)}`);
  assert.ok(m.start.some((f) => /pismo_bg\.wasm$/.test(f.file)), 'the main module is in the first load');
  assert.ok(!m.start.some((f) => /split_/.test(f.file)), 'no section piece in the first load');
  for (const p of m.pieces.slice(0, SECTIONS.length)) {
    // The client card shares the clients' piece; every other section brings one of its own.
    if (p.name === 'client card') continue;
    assert.ok(p.files.some((f) => /split_\w+\.wasm$/.test(f.file)), `${p.name} fetched its piece: ${JSON.stringify(p.files)}`);
  }
  for (const p of m.pieces.slice(SECTIONS.length)) {
    assert.deepEqual(p.files, [], `${p.name}: nothing fetched a second time`);
  }
});

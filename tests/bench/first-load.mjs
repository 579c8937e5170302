// `make bench`: the first load as Chromium fetches it (gzipped as a host would send it) against
// the 400 KB budget, and what each section's first visit adds. Figures go to docs/BENCHMARKS.md.
import { serve } from '../e2e/helpers.mjs';
import { measure, BUDGET } from '../e2e/weigh.mjs';

const server = await serve();
try {
  const m = await measure(server);
  for (const f of m.start) console.log(`BENCH first-load ${f.file.padEnd(48)} ${String(f.gz).padStart(8)} gz`);
  console.log(`BENCH first-load total ${m.total} bytes gzipped, budget ${BUDGET}, ratio ${(m.total / BUDGET).toFixed(2)}`);
  for (const p of m.pieces) {
    console.log(`BENCH section ${p.name.padEnd(22)} ${String(p.total).padStart(8)} gz in ${p.files.length} files (${p.hash})`);
  }
} finally {
  server.stop();
}

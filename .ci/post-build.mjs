// Trunk's post_build hook (Trunk.toml): builds the app's wasm and makes the staged build
// installable and servable.
// 0. The wasm, cut into a first load and one piece per section (.ci/wasm-pieces.mjs).
// 1. The service worker: its version (a hash of every file of the build) and its file list, in
//    place of the markers in public/sw.js; a build without them fails here, loudly.
// 2. Precompressed twins of every text and wasm file (`.gz`, `.br`), for a static server that
//    serves them as they are (docs/HOSTING.md).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync, unlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { buildPieces } from './wasm-pieces.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('post-build: TRUNK_STAGING_DIR is not set (run by trunk build)');

await buildPieces(dir, { release: process.env.TRUNK_PROFILE === 'release', split: process.env.PISMO_SPLIT !== '0' });

function files(at) {
  return readdirSync(at).flatMap((name) => {
    const path = join(at, name);
    return statSync(path).isDirectory() ? files(path) : [relative(dir, path)];
  });
}

// Twins left by an earlier run in the same staging directory are made anew.
for (const f of files(dir).filter((f) => /\.(gz|br)$/.test(f))) unlinkSync(join(dir, f));

const all = files(dir).filter((f) => f !== 'sw.js').sort();
const hash = createHash('sha256');
for (const f of all) hash.update(f).update('\0').update(readFileSync(join(dir, f)));
const version = hash.digest('hex').slice(0, 16);

const swPath = join(dir, 'sw.js');
const template = readFileSync(swPath, 'utf8');
if (!template.includes("'__PISMO_VERSION__'") || !template.includes('__PISMO_FILES__')) {
  throw new Error('post-build: sw.js has no version or file-list marker; the build would not work offline');
}
writeFileSync(swPath, template.replace("'__PISMO_VERSION__'", JSON.stringify(version)).replace('__PISMO_FILES__', JSON.stringify(all)));

let twins = 0;
for (const f of files(dir).filter((f) => /\.(html|js|mjs|wasm|css|svg|json|webmanifest)$/.test(f))) {
  const bytes = readFileSync(join(dir, f));
  writeFileSync(join(dir, `${f}.gz`), gzipSync(bytes, { level: 9 }));
  writeFileSync(join(dir, `${f}.br`), brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
  twins += 1;
}
console.log(`post-build: service worker ${version} with ${all.length} files; ${twins} files precompressed (.gz, .br)`);

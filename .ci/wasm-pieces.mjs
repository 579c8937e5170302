// The app's wasm, built and cut into pieces (issue 16), as the first step of Trunk's post_build
// hook (.ci/post-build.mjs). Trunk has no place for the cut between the link and wasm-bindgen,
// so index.html has no rust link for Trunk and this script does what Trunk's rust step did:
//
//   cargo (feature `split`, relocations kept)  →  wasm-split-cli: a main module, one piece per
//   split point of src/app/pieces.rs (and pieces the sections share), and the loader
//   __wasm_split.js  →  wasm-bindgen --target web on the main module  →  wasm-opt on every piece
//   →  dist/wasm-<hash>/ and the start script in index.html.
//
// Any step failing, a split point without its piece or a piece without its loader fails the build:
// a wasm with split points that was not cut does not run. PISMO_SPLIT=0 builds the plain wasm
// (for comparing; nothing tests it).
import { execFile, execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function run(cmd, args, env = {}) {
  console.log(`wasm-pieces: ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

function filesUnder(at, base = at) {
  return readdirSync(at).flatMap((name) => {
    const path = join(at, name);
    return statSync(path).isDirectory() ? filesUnder(path, base) : [relative(base, path)];
  });
}

/** The target's rustflags of .cargo/config.toml: RUSTFLAGS would replace them, so they are repeated. */
function configRustflags() {
  const text = readFileSync(join(root, '.cargo/config.toml'), 'utf8');
  const m = text.match(/^rustflags\s*=\s*(\[.*\])\s*$/m);
  if (!m) throw new Error('wasm-pieces: no rustflags line in .cargo/config.toml');
  return JSON.parse(m[1]);
}

/** The split points declared in src/app/pieces.rs (`fn name / load_name(`). */
function declaredPieces() {
  const text = readFileSync(join(root, 'src/app/pieces.rs'), 'utf8');
  return [...text.matchAll(/^\s*fn (\w+) \/ load_\w+\(/gm)].map((m) => m[1]);
}

export async function buildPieces(dist, { release, split }) {
  const profile = release ? 'release' : 'debug';
  const flags = configRustflags();
  if (split) flags.push('-Clink-args=--emit-relocs');
  // The domain is built for speed natively (Cargo.toml) but for size here: at opt-level 3 its
  // reading of the base made the start page's wasm 80 KB (gzipped) heavier; see docs/BENCHMARKS.md.
  const domainForSize = ['--config', 'profile.release.package.pismo-domain.opt-level="s"'];
  run('cargo', ['build', '--locked', '--offline', '--target', 'wasm32-unknown-unknown', '--bin', 'pismo',
    ...(release ? ['--release', ...domainForSize] : []), ...(split ? ['--features', 'split'] : [])],
    { RUSTFLAGS: flags.join(' ') });
  const raw = join(root, `target/wasm32-unknown-unknown/${profile}/pismo.wasm`);

  const work = join(root, 'target/pieces');
  rmSync(work, { recursive: true, force: true });
  const cut = join(work, 'cut');
  const out = join(work, 'out');
  mkdirSync(cut, { recursive: true });
  mkdirSync(out, { recursive: true });

  let main = raw;
  if (split) {
    run('wasm-split-cli', [raw, cut, '--target', 'web', '--out-name', 'pismo']);
    main = join(cut, 'pismo.wasm');
    const loader = readFileSync(join(cut, '__wasm_split.js'), 'utf8');
    for (const name of declaredPieces()) {
      if (!loader.includes(`__wasm_split_load_${name}`)) {
        throw new Error(`wasm-pieces: the split point «${name}» has no loader in __wasm_split.js`);
      }
    }
    for (const f of readdirSync(cut)) if (f !== 'pismo.wasm') copyFileSync(join(cut, f), join(out, f));
  }
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, '--out-name', 'pismo',
    ...(split ? ['--keep-lld-exports', '--no-demangle'] : []), main]);
  if (split && readFileSync(join(out, 'pismo_bg.wasm')).includes('__wasm_split_placeholder__')) {
    throw new Error('wasm-pieces: the main module still imports the placeholder: the cut did not happen');
  }
  if (release) {
    const wasm = readdirSync(out).filter((f) => f.endsWith('.wasm'));
    console.log(`wasm-pieces: wasm-opt -Oz on ${wasm.length} wasm files`);
    // The features Rust's wasm32 target uses by default; wasm-opt keeps to what it is told. The
    // name sections go (-Oz keeps none of them useful), and with them a warning per piece.
    const features = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
      '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];
    const queue = [...wasm];
    const worker = async () => {
      for (let f = queue.shift(); f; f = queue.shift()) {
        const args = ['-Oz', '--strip-debug', ...features, join(out, f), '-o', join(out, f)];
        try {
          await promisify(execFile)('wasm-opt', args, { cwd: root });
        } catch (e) {
          console.error(`wasm-pieces: wasm-opt ${args.join(' ')}\n${e.stderr ?? e}`);
          throw e;
        }
      }
    };
    await Promise.all(Array.from({ length: availableParallelism() }, worker));
  }

  if (release) {
    // wasm-bindgen's glue and the pieces' loader are in the first load: minified (terser, pinned
    // in .ci/tools), −40 % of their weight. Their exports and `import.meta.url` stay as they are.
    for (const f of filesUnder(out).filter((f) => f.endsWith('.js'))) {
      run('terser', [join(out, f), '--module', '--compress', '--mangle', '--output', join(out, f)]);
    }
  }

  // One folder per build, named by its content: a page of an older build still finds its own
  // pieces (through the service worker's cache of that build), and a host may cache them forever.
  const files = filesUnder(out).sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update('\0').update(readFileSync(join(out, f)));
  const folder = `wasm-${hash.digest('hex').slice(0, 16)}`;
  for (const old of readdirSync(dist).filter((f) => f.startsWith('wasm-'))) rmSync(join(dist, old), { recursive: true });
  cpSync(out, join(dist, folder), { recursive: true });

  const indexPath = join(dist, 'index.html');
  const index = readFileSync(indexPath, 'utf8');
  if (!index.includes('</head>')) throw new Error('wasm-pieces: index.html has no </head>');
  const start = [
    `<link rel="modulepreload" href="${folder}/pismo.js" crossorigin="anonymous">`,
    `<link rel="preload" href="${folder}/pismo_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous">`,
    `<script type="module">import init from './${folder}/pismo.js'; init({ module_or_path: './${folder}/pismo_bg.wasm' });</script>`,
  ].join('\n    ');
  // Trunk leaves the skipped rust link as it was; the start script takes its place.
  const skipped = /<link data-trunk rel="rust"[^>]*>/;
  if (!skipped.test(index)) throw new Error('wasm-pieces: index.html has no (skipped) rust link to replace');
  writeFileSync(indexPath, index.replace(skipped, start));
  const pieces = files.filter((f) => f.endsWith('.wasm')).length;
  console.log(`wasm-pieces: ${folder}: ${pieces} wasm file(s) (${split ? 'cut in pieces' : 'one piece'})`);
  return folder;
}

if (!existsSync(join(root, 'src/app/pieces.rs'))) throw new Error('wasm-pieces: src/app/pieces.rs is gone');

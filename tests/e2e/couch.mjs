// The CouchDB the end-to-end tests sync through: pouchdb-server 4.2.0 (the CouchDB protocol, in
// memory; installed by `make npm` into tests/couch), with an administrator, a user of the role
// «pismo» and a database, set up as docs/sync.md tells an administrator. In front of it a small
// proxy the test can switch off or make answer 500, as a server that goes away mid-sync.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, freePort, waitForPort } from './helpers.mjs';

export const ADMIN = { user: 'admin', password: 'admin-pass' };
export const USER = { user: 'sales', password: 'sales-pass' };

async function req(method, url, body, auth = ADMIN) {
  const headers = { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` };
  // The server closes idle connections after 5 s; a request that met one closing is sent again.
  let r;
  for (let attempt = 0; ; attempt++) {
    try {
      r = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      break;
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
  const text = await r.text();
  if (r.status >= 300 && r.status !== 412) throw new Error(`${method} ${url}: ${r.status} ${text}`);
  return JSON.parse(text);
}

let built = false;

/** Runs pismo-cli (built once, as `make test-native` builds it): { stdout, stderr }; throws with
 *  its stderr when it fails. */
export function cli(args, { env = {} } = {}) {
  if (!built) {
    execFileSync('cargo', ['build', '--locked', '--quiet', '--bin', 'pismo-cli'], { cwd: root, stdio: 'inherit' });
    built = true;
  }
  const r = spawnSync(join(root, 'target', 'debug', 'pismo-cli'), args, {
    cwd: root, maxBuffer: 1 << 30, encoding: 'utf8', env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`pismo-cli ${args.join(' ')}: ${r.stderr}`);
  return { stdout: r.stdout, stderr: r.stderr };
}

/** Starts the server and the proxy; `url` is the proxy's. */
export async function couchServer() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pismo-couch-'));
  const couch = join(root, 'tests', 'couch');
  const proc = spawn(process.execPath, [
    '-r', join(couch, 'create-db-fix.cjs'),
    join(couch, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server'),
    '--in-memory', '--host', '127.0.0.1', '--port', String(port),
  ], { cwd: dir, stdio: 'ignore' });
  await waitForPort(port);
  const direct = `http://127.0.0.1:${port}`;
  await fetch(`${direct}/_config/admins/${ADMIN.user}`, { method: 'PUT', body: JSON.stringify(ADMIN.password) });
  await req('PUT', `${direct}/_users/org.couchdb.user:${USER.user}`, { name: USER.user, password: USER.password, roles: ['pismo'], type: 'user' });

  let mode = 'up';
  let cut = null;
  const sockets = new Set();
  const proxy = http.createServer((inc, out) => {
    if (mode === 'down') { inc.socket.destroy(); return; }
    if (mode === '500' && inc.method !== 'OPTIONS') {
      out.writeHead(500, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': inc.headers.origin ?? '*', 'Access-Control-Allow-Credentials': 'true' });
      out.end('{"error":"internal_server_error","reason":"test"}');
      return;
    }
    if (cut && cut.match.test(inc.url) && --cut.left < 0) {
      // The connection goes in the middle of the sync, as a server that is switched off.
      mode = 'down';
      cut = null;
      inc.socket.destroy();
      return;
    }
    const fwd = http.request({ host: '127.0.0.1', port, method: inc.method, path: inc.url, headers: inc.headers }, (res) => {
      const headers = { ...res.headers };
      // A CouchDB whose CORS was never set up.
      if (mode === 'nocors') for (const h of Object.keys(headers)) if (h.startsWith('access-control-')) delete headers[h];
      out.writeHead(res.statusCode, headers);
      res.pipe(out);
    });
    fwd.on('error', () => inc.socket.destroy());
    inc.pipe(fwd);
  });
  proxy.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  const proxyPort = await freePort();
  await new Promise((r) => proxy.listen(proxyPort, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${proxyPort}`,
    direct,
    /** 'up', 'down' (every connection cut, as a server that is gone), '500', or 'nocors'. */
    mode(m) {
      mode = m;
      if (m !== 'up') for (const s of sockets) s.destroy();
    },
    /** Lets `n` requests whose path matches `match` through, then cuts every connection. */
    cutAfter(match, n) { cut = { match, left: n }; },
    /** A database the user may use (CouchDB 3 makes new databases admin-only). */
    async database(name) {
      await req('PUT', `${direct}/${name}`);
      await req('PUT', `${direct}/${name}/_security`, { admins: { names: [], roles: [] }, members: { names: [], roles: ['pismo'] } });
      return `${proxyUrl()}/${name}`;
    },
    req,
    stop() {
      for (const s of sockets) s.destroy();
      proxy.close();
      proxy.closeAllConnections?.();
      proc.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  function proxyUrl() { return `http://127.0.0.1:${proxyPort}`; }
}

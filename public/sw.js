// Pismo's service worker: every file of one build kept in one cache, so the app opens and works
// without the network. The build (.ci/post-build.mjs) writes the version and the file list in
// place of the two markers below and refuses to finish if they are missing. A new build is a new
// worker: it waits until the person at the computer agrees to update (the app asks, never in the
// middle of their work), then takes over and the old cache is removed.
const VERSION = '__PISMO_VERSION__';
const FILES = __PISMO_FILES__;
const CACHE = `pismo-${VERSION}`;

self.addEventListener('install', (event) => {
  // `reload`: the files themselves, not whatever the HTTP cache kept of an older build.
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('pismo-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'pismo-update') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Only the app's own files: a CouchDB server, a synced folder's requests and writes pass by.
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Every address of the app (a hash, `?clock=`) is its one page.
    event.respondWith(caches.match('index.html', { cacheName: CACHE }).then((hit) => hit || fetch(request)));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
});

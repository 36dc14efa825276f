// SpectraCAM web demo: works offline after the first visit. Written into dist/ by
// vite/serviceWorker.ts, which fills in the version and the list of files.
const VERSION = __VERSION__;
const PRECACHE = __PRECACHE__;
const CACHE = `spectracam-web-demo-${VERSION}`;
/** Files fetched on use and kept (ONNX Runtime's WebGPU build). */
const ON_USE = 'spectracam-web-demo-on-use';

// Installing reads every file through the HTTP cache: content-hashed scripts and the versioned
// ONNX Runtime the visit already loaded come from it without a request; the others are
// revalidated (304, no body).
const IMMUTABLE = /^(assets|ort\/[^/]+)\//;
self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: IMMUTABLE.test(url) ? 'default' : 'no-cache' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('spectracam-web-demo-') && key !== CACHE && key !== ON_USE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

// Cache first: the cached files are one build's, all of a version. Navigations get the cached
// page whatever their query. Anything not cached goes to the network; ONNX Runtime's other files
// are kept as they come.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const navigation = request.mode === 'navigate';
      const hit = (await cache.match(request, { ignoreSearch: navigation })) ?? (navigation ? await cache.match('./') : undefined);
      if (hit) return hit;
      const onUse = await caches.open(ON_USE);
      const kept = await onUse.match(request);
      if (kept) return kept;
      const response = await fetch(request);
      if (response.ok && /\/ort\/[^/]+\/[^/]+\.(wasm|mjs)$/.test(new URL(request.url).pathname)) {
        event.waitUntil(onUse.put(request, response.clone()));
      }
      return response;
    })(),
  );
});

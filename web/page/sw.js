// The event kiosk's service worker (docs/kiosk.md, "Offline"): after the first load the kiosk
// runs with no network at all, reloads and browser restarts included. Registered only in kiosk
// mode (web/page/boot.js): a resident's browser always gets the current version.
//
// The app shell is cached under this build's version (the build writes it below, from a hash of
// the shell's files), so a deployment is one new cache. A new version installs in the background
// and waits: the page lets it take over only between respondents. Survey files can change
// without a rebuild, so they are fetched from the network first and kept apart.
'use strict';

const VERSION = '__CANVASS_VERSION__';
const SHELL_CACHE = `canvass-shell-${VERSION}`;
const SURVEY_CACHE = 'canvass-surveys';
const SHELL = ['./', 'index.html', 'canvass.js', 'canvass.wasm', 'boot.js', 'semantics.js', 'style.css', 'favicon.svg',
  'privacy.html', 'privacy-pl.html', 'privacy.css'];
const NETWORK_WAIT_MS = 4000;  // unreliable Wi-Fi: fall back to the kept copy rather than hang
const safeSurveyFile = (file) => typeof file === 'string' && /^[A-Za-z0-9._/-]+\.json$/.test(file) &&
  file.split('/').every((part) => part !== '' && !part.startsWith('.'));

async function keepSurveys() {
  const cache = await caches.open(SURVEY_CACHE);
  const manifest = await fetch('surveys/manifest.json', { cache: 'no-cache' });
  if (!manifest.ok) return;
  await cache.put('surveys/manifest.json', manifest.clone());
  const listed = (await manifest.json()).surveys;
  await Promise.all((Array.isArray(listed) ? listed : []).filter((s) => s && safeSurveyFile(s.file)).map(async (s) => {
    const survey = await fetch(`surveys/${s.file}`, { cache: 'no-cache' });
    if (survey.ok) await cache.put(`surveys/${s.file}`, survey);
  }));
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    // Past the HTTP cache: a new version must not keep an old file beside a new one.
    await (await caches.open(SHELL_CACHE)).addAll(SHELL.map((file) => new Request(file, { cache: 'reload' })));
    await keepSurveys();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('canvass-shell-') && name !== SHELL_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// The page says nobody is answering: the waiting version may take over now.
self.addEventListener('message', (event) => {
  if (event.data === 'canvass-activate') self.skipWaiting();
});

async function networkFirst(request) {
  const cache = await caches.open(SURVEY_CACHE);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('slow network')), NETWORK_WAIT_MS)),
    ]);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch {
    const kept = await cache.match(request, { ignoreSearch: true });
    if (kept) return kept;
    throw new Error(`${request.url} is not available offline`);
  }
}

async function cacheFirst(request) {
  const kept = await caches.match(request, { cacheName: SHELL_CACHE, ignoreSearch: request.mode === 'navigate' });
  return kept || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  const path = url.pathname.slice(new URL(self.registration.scope).pathname.length);
  event.respondWith(path.startsWith('surveys/') ? networkFirst(event.request) : cacheFirst(event.request));
});

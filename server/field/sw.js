/**
 * @file The field app's service worker: it keeps the app's shell (every file of
 * `js/files.js`) in a cache named after the shell's version, so that the app opens with
 * no network after its first visit, and answers those files from the cache first. The
 * registry's API (`/v1/…`) is never cached: what a handset keeps lives in IndexedDB.
 */
import { FILES, VERSION } from './js/files.js';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(VERSION).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  // An older shell's cache goes once this one is in charge.
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== VERSION).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin
      || !url.pathname.startsWith('/field/')) {
    return;
  }
  event.respondWith(
    caches.open(VERSION)
      .then((cache) => cache.match(event.request, { ignoreSearch: true }))
      .then((hit) => hit || fetch(event.request)),
  );
});

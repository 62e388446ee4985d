// Career Goals service worker (careergoals/pwa.py renders it). It keeps only the shell: the
// offline page and our own static files. Pages always come from the network and are never
// kept, so nothing private stays on the device after signing out.
"use strict";
const PREFIX = "careergoals-shell-";
const CACHE = PREFIX + "{{ version }}";
const OFFLINE_URL = "{{ offline_url|escapejs }}";
const SHELL = JSON.parse("{{ shell_json|escapejs }}");

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE)
      .then(function (cache) { return cache.addAll(SHELL); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (keys) {
        return Promise.all(keys.filter(function (key) {
          return key.indexOf(PREFIX) === 0 && key !== CACHE;
        }).map(function (key) { return caches.delete(key); }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Always the network; only when it fails, the kept offline page.
    event.respondWith(fetch(request).catch(function () {
      return caches.open(CACHE).then(function (cache) { return cache.match(OFFLINE_URL); });
    }));
    return;
  }
  if (url.pathname.indexOf("{{ static_prefix|escapejs }}") === 0) {
    // Our static files: the kept copy first, else the network (which is not kept).
    event.respondWith(caches.open(CACHE).then(function (cache) {
      return cache.match(request).then(function (hit) { return hit || fetch(request); });
    }));
  }
  // Anything else is left to the browser and never kept.
});

// The service worker: keeps a copy of the page's own files, so that it reopens at once and
// without a network. Cache first: a file is served from the copy, and fetched again in the
// background; a changed file (another ETag) replaces the copy, for the next visit. Only
// same-origin GET requests are handled; nothing is ever sent anywhere.

const CACHE = "qingwen-v2";
const FILES = [
    "./",
    "./index.html",
    "./boot.js",
    "./main.js",
    "./app.js",
    "./input.js",
    "./cleaned.js",
    "./outline.js",
    "./terms.js",
    "./storage.js",
    "./encoding.js",
    "./html-document.js",
    "./corpus.js",
    "./pool.js",
    "./pool-worker.js",
    "./examples/en.txt",
    "./examples/zh.txt",
    "./strings.js",
    "./limits.js",
    "./worker.js",
    "./style.css",
    "./favicon.svg",
    "./vendor/wordcloud2.js",
    "./pkg/index.js",
    "./pkg/qingwen.js",
    "./pkg/qingwen_bg.wasm",
];

self.addEventListener("install", (event) => {
    event.waitUntil(
        caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()),
    );
});

self.addEventListener("activate", (event) => {
    event.waitUntil(
        caches.keys()
            .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
            .then(() => self.clients.claim()),
    );
});

self.addEventListener("fetch", (event) => {
    const { request } = event;
    if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
    event.respondWith(
        caches.open(CACHE).then(async (cache) => {
            const hit = await cache.match(request, { ignoreSearch: true });
            const fresh = fetch(request);
            if (!hit) {
                return fresh.then((response) => {
                    if (response.ok) event.waitUntil(cache.put(request, response.clone()));
                    return response;
                }, () => Response.error());
            }
            // Revalidated in the background (the server answers 304 for an unchanged file; its
            // body, from the HTTP cache, is then not read).
            event.waitUntil(
                fresh.then((response) => {
                    if (response.ok && response.headers.get("ETag") !== hit.headers.get("ETag")) return cache.put(request, response);
                    return response.body?.cancel();
                }).catch(() => {}),
            );
            return hit;
        }),
    );
});

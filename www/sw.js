// The service worker: keeps a copy of the page's own files, so that it reopens at once and
// without a network. Cache first: a file is served from the copy. The copy is refreshed in the
// background once the page says it is ready (main.js posts "refresh"): every file is fetched
// again, and a changed one (another ETag) replaces the copy, for the next visit. Not while the
// page starts: a fetch per file then doubled the requests of a repeat visit, on the threads
// and the server the start waits for. Only same-origin GET requests are handled; nothing is
// ever sent anywhere.

const CACHE = "qingwen-v2";
const FILES = [
    "./",
    "./index.html",
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
    // Where the browser supports it (Chromium 123+: static routing), it serves the start's files
    // from the copy itself, without running this worker: a repeat visit's requests then wait
    // neither for this worker to start nor for its fetch handler (a hop per request on the
    // start's critical path, four deep). Only these exact paths, without a query: the rest
    // (a query, the PDF reader's files cached on first use) still goes through "fetch" below.
    if (typeof event.addRoutes === "function" && typeof URLPattern === "function") {
        const routes = FILES.map((file) => ({
            condition: { urlPattern: new URLPattern({ pathname: new URL(file, self.location.href).pathname, search: "" }), requestMethod: "GET" },
            source: "cache",
        }));
        event.waitUntil(event.addRoutes(routes).catch(() => {}));
    }
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
            if (hit) return hit;
            return fetch(request).then((response) => {
                if (response.ok) event.waitUntil(cache.put(request, response.clone()));
                return response;
            }, () => Response.error());
        }),
    );
});

self.addEventListener("message", (event) => {
    if (event.data === "refresh" && !refreshing) {
        refreshing = refresh().finally(() => (refreshing = null));
        event.waitUntil(refreshing);
    }
});

/** The refresh under way, if any: one at a time, however many tabs ask. */
let refreshing = null;

/** Fetches every file of the copy again and keeps the changed ones. */
async function refresh() {
    const cache = await caches.open(CACHE);
    for (const request of await cache.keys()) {
        try {
            // (the server answers 304 for an unchanged file; its body, from the HTTP cache, is not read)
            const [hit, response] = await Promise.all([cache.match(request), fetch(request.url, { cache: "no-cache" })]);
            if (response.ok && response.headers.get("ETag") !== hit?.headers.get("ETag")) await cache.put(request, response);
            else await response.body?.cancel();
        } catch {
            // offline or the server is gone: the copy stays as it is
        }
    }
}

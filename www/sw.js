// The service worker: keeps a copy of the page's own files so that it reopens without a
// network. Network first (so a new version is picked up when online), the copy when
// offline. Only same-origin GET requests are handled; nothing is ever sent anywhere.

const CACHE = "qingwen-v1";
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
        fetch(request)
            .then((response) => {
                if (response.ok) {
                    const copy = response.clone();
                    event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
                }
                return response;
            })
            .catch(() => caches.match(request, { ignoreSearch: true }).then((hit) => hit ?? Response.error())),
    );
});

// How soon the page can analyse, beside a minimal page that loads jieba-wasm 2.4.0, both
// served by scripts/static-server.mjs from one server, in headless Chromium. A benchmark:
// figures, not assertions.
//
//   bash scripts/build-wasm.sh && (cd tests && npm ci) && (cd bench && npm ci)   # once
//   node bench/startup.mjs [--runs 5] [--www DIR] [--also DIR]...
//
// --also DIR adds another copy of the page, and may be given more than once (e.g. an older
// commit's, to compare in the same conditions: git archive COMMIT www tests/fixtures/samples |
// tar -x -C /tmp/old && ln -s "$PWD/pkg" /tmp/old/www/pkg; www/examples links to the samples).
// The pages are visited in turn, run by run, so that a busy machine slows them alike.
//
// "Ready" is the moment a page takes text to analyse: for qingwen the Worker has instantiated
// the module (the status line's data-state="ready"; the page also sets <html data-ready> and a
// performance mark "qingwen-ready"); for jieba-wasm, `init()` and a first `cut()` (which builds
// its dictionary) have returned and the page set <html data-ready>. "Dictionary" is the moment
// a first analysis no longer waits for the dictionary: qingwen's Worker builds it in the task
// after "ready" (<html data-warm>; a copy of the page from before that change built it before
// "ready" and set the mark "qingwen-dictionary" then); for jieba-wasm it is "ready".
// Times are the page's own clock (performance.now(): 0 = navigation start).
//
// Cold: a new browser profile (empty HTTP cache, code cache and service worker), in a browser
// left a second to finish starting (LAUNCH_SETTLE_MS). Repeat: the same profile, a new tab, a
// second navigation after the first load has settled. The median of --runs of each is printed.
//
// Tried on 2026-12-02 with copies of the page passed as --also (same runs, 9-21 runs each, load
// 3-9 on 2 shared CPUs, where a median moves by ±30 ms between runs) and not kept, as none moved
// a repeat visit's "ready": the Worker compiling the .wasm itself (its own fetch, or the page's
// response body handed to it as a transferred stream); pool.js imported by the first long paste
// instead of at start; the kept document restored after "ready"; the page's modules preloaded
// at default or high priority instead of low; no service worker (the HTTP cache and 304s).
// Where a repeat visit stands: a copy stripped to the inline script and the Worker (no modules,
// no stylesheet, a one-line body) was ready at 174 ms against the page's 267 (load 6); its
// main thread is in tasks nearly all the way to "ready" with ~80 ms of CPU in them, so on a
// busy machine the start waits for a CPU more than for any file. The dictionary out of the
// .wasm (2.1 MB of its 4.1; a copy built without it): first visit ready 384 -> 266 ms with no
// dictionary fetched at all, 335 with the Worker fetching it beside the module; repeat visit
// unchanged (220 / 240 / 220).
// Tried on 2026-12-03 (load 5-11 on the 2 shared CPUs; 13-21 runs, pages in turn; an
// experiment's script also took the CPU time of all the browser's processes over a repeat
// visit from /proc) and not kept, as none moved a repeat visit beyond the spread:
// - the Worker's dictionary build started only once the page has shown "ready" (it ran beside
//   the main thread's last module evaluation): repeat 321 vs 319 ms, 21 runs;
// - the dictionary's 2.1 MB cut out of the .wasm's data segment (a copy; filling the memory in
//   afterwards was not written: it must happen before any call, after every crash restart and
//   in the pool's Workers): repeat 312 -> 290 and first visit 462 -> 443 in 21 runs, 304 -> 254
//   and 526 -> 459 in 13; the same cut in the stripped copy below: 202 vs 196;
// - the wasm code cache: never written with Chromium's defaults (bench/wasm-code-cache.mjs);
// - a repeat visit with the service worker stopped first (CDP ServiceWorker.stopAllWorkers, as
//   when a user comes back later): 323 vs ~315, 9 runs;
// - the font stacks cut to sans-serif and serif (the names not installed here, looked up in
//   the first layout of every new renderer, whose 33 ms of wall time held 10 of CPU): 287 vs
//   294, 15 runs;
// - a classic Worker instead of a module Worker (worker.js only imports dynamically): an empty
//   Worker posting one message was ready at 122 vs 146 ms (13 runs), but the page stripped to
//   the inline script and the Worker at 179 vs 182 (15 runs).
// Where a repeat visit stands (bench/startup-trace.mjs, quiet machine, load 0.1, ready at 231):
// ~385 ms of CPU before "ready" across 8 threads of 3 processes on 2 CPUs, none of it large:
// the renderer's main thread 98 (the .wasm's bytes 13, layout 11, HTML 5, modules 6, many small
// loading tasks), the browser's main thread 73, the renderer's thread pool 35 (service worker
// loaders, script parsing; validating the module 1.9), the browser's thread pool 28 (Cache
// Storage), IO threads 28, the Worker ~25 before its dictionary build. Three chains end
// together: the .wasm from the service worker's copy (sent at 36 ms, compiled at 201, its bytes
// taken by the main thread between its other tasks), the page's modules (sent at 47, arrived at
// 170-202, evaluated by 227), and the Worker (its script at 62, its four imports at 111-141:
// these go through sw.js's fetch handler, as Chromium's static routing does not cover a
// dedicated worker's requests). In the same conditions (load 5, 5-7 runs): an empty page was
// ready at 56-74 ms, a page that starts a module Worker which posts one message at 133-137, the
// page stripped to the inline script and the Worker at 200-230: the Worker with its module is
// ~130 ms of a repeat visit, the page's own HTML, CSS and modules ~100.

import { mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { startServer } from "../scripts/static-server.mjs";
import { chromiumOptions } from "../tests/support/package.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at === -1 ? fallback : args[at + 1];
};
const RUNS = Number(option("--runs", 5));
const wwwDir = option("--www", join(root, "www"));
/** Other copies of the page to measure beside it (--also, repeatable). */
const alsoDirs = args.flatMap((arg, i) => (arg === "--also" && i + 1 < args.length ? [args[i + 1]] : []));
/** How long the first visit is left to settle (service worker install, code cache writes) before the repeat. */
const SETTLE_MS = 1_500;
/**
 * How long a just-launched browser is left to settle before the cold visit. In its first
 * second, Chromium 156 with a new profile loads its own omnibox WebUI (26 module requests and
 * 260 ms of another renderer's CPU in a trace, bench/startup-trace.mjs), which landed on some
 * cold visits and not others. A cold visit is an empty cache, not a browser being started.
 */
const LAUNCH_SETTLE_MS = 1_000;

const jiebaDir = join(root, "bench/node_modules/jieba-wasm/pkg/web");
if (!existsSync(join(wwwDir, "pkg/index.js"))) throw new Error(`${wwwDir}/pkg is missing: run \`bash scripts/build-wasm.sh\` first`);
if (!existsSync(jiebaDir)) throw new Error("bench/node_modules/jieba-wasm is missing: run `cd bench && npm ci`");
// playwright-core is a dev dependency of tests/ (`cd tests && npm ci`).
const { chromium } = createRequire(join(root, "tests/package.json"))("playwright-core");

// One site: /qingwen/ is the page, /jieba/ a minimal page that loads jieba-wasm's web build.
const site = mkdtempSync(join(tmpdir(), "qingwen-startup-"));
symlinkSync(wwwDir, join(site, "qingwen"));
alsoDirs.forEach((dir, i) => symlinkSync(dir, join(site, `also${i}`)));
symlinkSync(jiebaDir, join(site, "jieba-wasm"));
writeFileSync(
    join(site, "jieba.html"),
    '<!doctype html><meta charset="utf-8"><title>jieba-wasm 2.4.0</title>\n' +
        '<script type="module" src="jieba.js"></script>\n',
);
writeFileSync(
    join(site, "jieba.js"),
    [
        'import init, { cut } from "./jieba-wasm/jieba_rs_wasm.js";',
        "await init();",
        'cut("清文：一句短文。", true);',
        'performance.mark("jieba-ready");',
        'document.documentElement.dataset.warm = "1";',
        'document.documentElement.dataset.ready = "1";',
        "",
    ].join("\n"),
);

/** Runs in each page before its scripts: the times the page first says it is ready and warm. */
function recorder() {
    const check = () => {
        const { dataset } = document.documentElement;
        const status = document.getElementById("status")?.dataset.state;
        if (window.__readyAt === undefined && (dataset.ready || status === "ready")) window.__readyAt = performance.now();
        const built = dataset.warm || (window.__readyAt !== undefined && performance.getEntriesByName("qingwen-dictionary").length);
        if (window.__warmAt === undefined && built) window.__warmAt = performance.now();
    };
    new MutationObserver(check).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready", "data-warm", "data-state"] });
}

/** Visits `url`: { ready, warm } in ms. */
async function readyAt(page, url) {
    await page.goto(url);
    await page.waitForFunction(() => window.__warmAt !== undefined, null, { timeout: 60_000, polling: 20 });
    return page.evaluate(() => ({ ready: window.__readyAt, warm: window.__warmAt }));
}

/** One cold and one repeat visit of `url` in a new profile: [cold, repeat], each { ready, warm }. */
async function visit(url) {
    const profile = mkdtempSync(join(tmpdir(), "qingwen-startup-profile-"));
    const context = await chromium.launchPersistentContext(profile, { ...chromiumOptions, viewport: { width: 1280, height: 900 } });
    try {
        await context.addInitScript(recorder);
        await new Promise((resolve) => setTimeout(resolve, LAUNCH_SETTLE_MS));
        const first = await context.newPage();
        const cold = await readyAt(first, url);
        // the page's service worker, if it has one, has its copy of the files
        await first.evaluate(async () => {
            const registrations = (await navigator.serviceWorker?.getRegistrations()) ?? [];
            // (not for ever: a copy whose install fails, e.g. a file missing, never gets ready)
            const settled = new Promise((resolve) => setTimeout(resolve, 10_000));
            if (registrations.length) await Promise.race([navigator.serviceWorker.ready, settled]);
        });
        await first.waitForTimeout(SETTLE_MS);
        await first.close();
        const second = await context.newPage();
        const repeat = await readyAt(second, url);
        await second.close();
        return [cold, repeat];
    } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
    }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { server, url } = await startServer({ root: site, port: 0 });
try {
    const pages = [
        [`qingwen (${wwwDir})`, `${url}qingwen/`],
        ...alsoDirs.map((dir, i) => [`qingwen (${dir})`, `${url}also${i}/`]),
        ["jieba-wasm 2.4.0 (minimal page)", `${url}jieba.html`],
    ];
    const times = pages.map(() => ({ cold: [], repeat: [], coldWarm: [], repeatWarm: [] }));
    for (let run = 0; run < RUNS; run++) {
        for (const [i, [, pageUrl]] of pages.entries()) {
            const [cold, repeat] = await visit(pageUrl);
            times[i].cold.push(cold.ready);
            times[i].repeat.push(repeat.ready);
            times[i].coldWarm.push(cold.warm);
            times[i].repeatWarm.push(repeat.warm);
        }
    }
    const rows = pages.map(([name], i) => {
        const { cold, repeat, coldWarm, repeatWarm } = times[i];
        const runs = (xs) => xs.map(Math.round).join(" ");
        return [name, ...[cold, coldWarm, repeat, repeatWarm].map((xs) => Math.round(median(xs))), runs(cold), runs(repeat)];
    });
    const table = [["page", "cold ms", "dictionary", "repeat ms", "dictionary", "cold runs", "repeat runs"], ...rows];
    const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
    console.log(`navigation → ready (and → dictionary built), median of ${RUNS}, headless Chromium, localhost; load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${cpus().length} CPUs`);
    for (const row of table) console.log(row.map((cell, i) => String(cell).padEnd(widths[i])).join("  "));
} finally {
    await new Promise((resolve) => server.close(resolve));
    rmSync(site, { recursive: true, force: true });
}

// Does Chromium's code cache for WebAssembly ever serve the page's .wasm? Three visits of the
// page in one browser profile, each a new tab left open a while after its dictionary is built,
// under one trace (CDP Tracing) of the code cache's events only; prints per visit when it was
// ready and what happened: cachedModule (compiled code written, how many times and how big),
// moduleCacheHit (the visit's compile started from it), moduleCacheInvalid. A benchmark tool:
// figures, not assertions.
//
//   node bench/wasm-code-cache.mjs [--www DIR] [--settle-ms 5000] [--js-flags "--wasm-caching-timeout-ms=0"]
//
// What it showed on 2026-12-03 (Chromium 156): with the browser's defaults, nothing is ever
// written or read, and so a repeat visit always compiles. V8 writes the cache once 1 kB of
// optimized code exists, 2 s after the last function was optimized (--wasm-caching-timeout-ms,
// which no page can set), or at once past 1 MB of it (all of it is 28 kB after the dictionary's
// build).
// That delayed write never came, within 5 s (nor with the delay at 500 ms, in a copy of the page
// without a service worker). With the delay at 0 the cache is written (8-28 kB: the functions
// the dictionary's build optimized) and read back: visit 2, served by the service worker's copy
// (a store of its own), writes it there and visit 3 hits it. A hit would save little: the
// compile is lazy and validating the module took 2-21 ms of a background thread's CPU
// (bench/startup-trace.mjs, wasm.ValidateFunctionsStreaming).

import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { startServer } from "../scripts/static-server.mjs";
import { chromiumOptions } from "../tests/support/package.mjs";
import { takeOption } from "./options.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => takeOption(args, name, fallback);
const wwwDir = option("--www", join(root, "www"));
/** How long each visit is left open after its dictionary is built: V8's write waits 2 s. */
const SETTLE_MS = Number(option("--settle-ms", 5_000));
const jsFlags = option("--js-flags", null);
const VISITS = 3;
const CACHE_EVENTS = /^v8\.wasm\.(compiledModule|cachedModule|moduleCacheHit|moduleCacheInvalid)$/;
const { chromium } = createRequire(join(root, "tests/package.json"))("playwright-core");

const site = mkdtempSync(join(tmpdir(), "qingwen-code-cache-"));
symlinkSync(wwwDir, join(site, "qingwen"));
const { server, url } = await startServer({ root: site, port: 0 });
const profile = mkdtempSync(join(tmpdir(), "qingwen-code-cache-profile-"));
const launchArgs = [...chromiumOptions.args, ...(jsFlags ? [`--js-flags=${jsFlags}`] : [])];
const context = await chromium.launchPersistentContext(profile, { ...chromiumOptions, args: launchArgs });
try {
    // The trace is taken from a tab that stays open; the visits are tabs of their own.
    const keeper = context.pages()[0] ?? (await context.newPage());
    const session = await context.newCDPSession(keeper);
    const events = [];
    session.on("Tracing.dataCollected", ({ value }) => events.push(...value));
    const complete = new Promise((resolve) => session.once("Tracing.tracingComplete", resolve));
    await session.send("Tracing.start", {
        traceConfig: { includedCategories: ["disabled-by-default-devtools.timeline", "blink.user_timing"], excludedCategories: ["*"] },
        transferMode: "ReportEvents",
    });
    const readyAt = [];
    for (let visit = 1; visit <= VISITS; visit++) {
        const page = await context.newPage();
        await page.goto(`${url}qingwen/`);
        await page.waitForFunction(() => document.documentElement.dataset.warm !== undefined, null, { timeout: 60_000, polling: 20 });
        readyAt.push(await page.evaluate(() => Number(document.documentElement.dataset.ready)));
        await page.waitForTimeout(SETTLE_MS);
        await page.close();
    }
    await session.send("Tracing.end");
    await complete;
    // A visit's events are those from its navigation to the next one's (the visits are in turn).
    const starts = events
        .filter((e) => e.name === "navigationStart" && e.args?.data?.documentLoaderURL?.includes("/qingwen/"))
        .map((e) => e.ts)
        .sort((a, b) => a - b);
    const found = events.filter((e) => CACHE_EVENTS.test(e.name)).sort((a, b) => a.ts - b.ts);
    console.log(`${wwwDir}; js-flags: ${jsFlags ?? "(none)"}; ${VISITS} visits, each left ${SETTLE_MS} ms after its dictionary was built`);
    readyAt.forEach((ready, i) => {
        const inside = found.filter((e) => e.ts >= (starts[i] ?? Infinity) && e.ts < (starts[i + 1] ?? Infinity));
        // (written again each time more functions were optimized: counted, with the sizes)
        const described = ["moduleCacheHit", "moduleCacheInvalid", "cachedModule"].flatMap((kind) => {
            const of = inside.filter((e) => e.name === `v8.wasm.${kind}`);
            const sizes = of.map((e) => e.args?.producedCacheSize ?? e.args?.consumedCacheSize).filter(Boolean);
            return of.length ? [`${kind} ×${of.length}${sizes.length ? ` (${Math.min(...sizes)}-${Math.max(...sizes)} B)` : ""}`] : [];
        });
        console.log(`visit ${i + 1}: ready at ${ready} ms; code cache: ${described.length ? described.join(", ") : "nothing written or read"}`);
    });
} finally {
    await context.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(profile, { recursive: true, force: true });
    rmSync(site, { recursive: true, force: true });
}

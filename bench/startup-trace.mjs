// Where the page's start-up time goes: one cold and one repeat visit of the page in headless
// Chromium, each under a Chromium trace (CDP Tracing), printed as the critical path to "ready".
// A benchmark tool: figures, not assertions (bench/startup.mjs gives the medians).
//
//   node bench/startup-trace.mjs [--www DIR] [--save DIR] [--profile] [--task-ms 8] [--settle-ms 5000]
//
// --save DIR writes DIR/cold.json and DIR/repeat.json (open them in Perfetto); --profile adds
// V8's sampling profiler (ProfileChunk events) to the trace. The server runs in a process of
// its own. For each visit it prints, on the page's clock (ms since navigation start):
// - the page's marks (qingwen-compiled, -instantiated, -ready, -dictionary);
// - every request of the page's renderer and the Worker's own script: when it was sent and
//   finished, its depth (an upper bound: a request sent after another had finished counts one
//   deeper, whether or not it waited for it), its bytes on the wire (0: from the HTTP cache or
//   the service worker), where it came from and which thread asked for it;
// - the main thread's and the Worker's tasks before ready (wall time, and CPU time: on a
//   machine shared with other jobs the difference is waiting for a CPU), those of at least
//   --task-ms listed with what filled them (parse, script, layout, paint …);
// - the CPU time of every thread of the browser before ready;
// - the v8.wasm events, and whether the compiled module came from the code cache
//   (v8.wasm.moduleCacheHit) or was written to it (cachedModule).

import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { chromiumOptions } from "../tests/support/package.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at === -1 ? fallback : args[at + 1];
};
const wwwDir = option("--www", join(root, "www"));
const saveDir = option("--save", null);
/** Tasks shorter than this are left out of the listing. */
const TASK_MS = Number(option("--task-ms", 8));
/** How long the first visit is left to settle before the repeat (service worker install; V8 writes its wasm code cache 2 s after the last tier-up). */
const SETTLE_MS = Number(option("--settle-ms", 5_000));
const { chromium } = createRequire(join(root, "tests/package.json"))("playwright-core");

const CATEGORIES = [
    "-*",
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "v8.wasm",
    "disabled-by-default-v8.wasm.detailed",
    "v8.execute",
    "v8",
    "blink.user_timing",
    "loading",
    "toplevel",
    "netlog",
    "disabled-by-default-netlog",
    "ServiceWorker",
    "CacheStorage",
    ...(args.includes("--profile") ? ["disabled-by-default-v8.cpu_profiler"] : []),
].join(",");

/** Runs `visit(page)` under a trace; resolves to the trace's events. */
async function traced(context, page, visit) {
    const session = await context.newCDPSession(page);
    const events = [];
    session.on("Tracing.dataCollected", ({ value }) => events.push(...value));
    const done = new Promise((resolve) => session.once("Tracing.tracingComplete", resolve));
    await session.send("Tracing.start", { traceConfig: { recordMode: "recordAsMuchAsPossible", includedCategories: CATEGORIES.split(",").filter((c) => !c.startsWith("-")), excludedCategories: ["*"] }, transferMode: "ReportEvents" });
    await visit();
    await session.send("Tracing.end");
    await done;
    await session.detach();
    return events;
}

async function visitUntilReady(page, url) {
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.warm !== undefined, null, { timeout: 60_000, polling: 20 });
    // the marks and the resources as the page saw them
    return page.evaluate(() => ({
        marks: performance.getEntriesByType("mark").map(({ name, startTime }) => ({ name, startTime })),
    }));
}

/** The thread names of a trace: "pid:tid" → name. */
function threadNames(events) {
    const names = new Map();
    for (const e of events) if (e.ph === "M" && e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args.name);
    return names;
}

/** The CPU time (ms) of task `e` before `ready` (page clock), a task running past it counted in proportion. */
function cpuBefore(e, ready) {
    const cpu = (e.tdur ?? 0) / 1000;
    if (ready === undefined) return cpu;
    const start = (e.ts - t0) / 1000;
    const end = start + e.dur / 1000;
    return end <= ready ? cpu : (cpu * Math.max(0, ready - start)) / (e.dur / 1000);
}
let t0 = 0;

/** Prints the critical-path report of one visit's trace. */
function report(title, events, page) {
    const names = threadNames(events);
    const thread = (e) => names.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
    // time zero: the page's navigationStart mark (the renderer's), else the document's request
    const nav = events.find((e) => e.name === "navigationStart" && e.args?.data?.documentLoaderURL?.startsWith("http"))
        ?? events.find((e) => e.name === "ResourceSendRequest");
    t0 = nav.ts;
    const ms = (ts) => (ts - t0) / 1000;
    const renderer = events.find((e) => e.name === "ResourceSendRequest" && e.args.data.url.endsWith("qingwen_bg.wasm"))?.pid;
    const mainTid = events.find((e) => e.pid === renderer && e.ph === "M" && e.name === "thread_name" && e.args.name === "CrRendererMain")?.tid;
    const workerTids = new Set(events.filter((e) => e.pid === renderer && e.ph === "M" && e.name === "thread_name" && /DedicatedWorker/.test(e.args.name)).map((e) => e.tid));
    const ready = page.marks.find((m) => m.name === "qingwen-ready")?.startTime;

    console.log(`\n== ${title}: ready at ${ready?.toFixed(0)} ms (page clock)`);
    for (const mark of page.marks.filter((m) => m.name.startsWith("qingwen-"))) console.log(`   mark ${mark.name.padEnd(22)} ${mark.startTime.toFixed(1)}`);

    // requests
    const requests = new Map();
    for (const e of events) {
        const data = e.args?.data;
        // (only the page's renderer: a new profile's browser also loads its own WebUI pages)
        if (!data?.requestId || e.pid !== renderer) continue;
        if (e.name === "ResourceSendRequest") requests.set(data.requestId, { url: data.url, sent: ms(e.ts), thread: thread(e), bytes: 0, from: "network" });
        const request = requests.get(data.requestId);
        if (!request) continue;
        if (e.name === "ResourceReceiveResponse") {
            request.response = ms(e.ts);
            request.status = data.statusCode;
            if (data.fromCache) request.from = "HTTP cache";
            if (data.fromServiceWorker) request.from = "service worker";
            if (data.fromMemoryCache) request.from = "memory cache";
        }
        if (e.name === "ResourceFinish") {
            request.finished = ms(e.ts);
            request.bytes = data.encodedDataLength ?? 0;
            request.decoded = data.decodedBodyLength;
        }
    }
    // the Worker's own script is loaded by the browser process: its start and its response
    const workerLoad = events.find((e) => e.name === "DedicatedWorkerHost::StartScriptLoad");
    const workerLoaded = events.find((e) => e.name === "DedicatedWorkerHost::DidStartScriptLoad");
    if (workerLoad) requests.set("worker script", { url: workerLoad.args.script_url, sent: ms(workerLoad.ts), finished: workerLoaded && ms(workerLoaded.ts), thread: "browser (the Worker's script)", bytes: 0, from: "?" });
    const list = [...requests.values()].filter((r) => r.sent <= (ready ?? Infinity) + 1).sort((a, b) => a.sent - b.sent);
    // depth: 1 + the deepest request that had finished before this one was sent
    for (const request of list) {
        const before = list.filter((r) => r !== request && r.finished !== undefined && r.finished <= request.sent && r.depth);
        request.depth = 1 + Math.max(0, ...before.map((r) => r.depth));
    }
    console.log("   request                         sent   finished  depth  bytes on the wire  from / thread");
    let wire = 0;
    for (const r of list) {
        wire += r.bytes;
        const path = new URL(r.url).pathname.replace(/^\/qingwen\//, "");
        console.log(`   ${path.padEnd(28)} ${r.sent.toFixed(1).padStart(7)} ${(r.finished ?? NaN).toFixed(1).padStart(9)} ${String(r.depth).padStart(6)} ${String(r.bytes).padStart(18)}  ${r.from}${r.status === 304 ? " (304)" : ""} / ${r.thread}`);
    }
    console.log(`   ${list.length} requests before ready, ${wire} bytes on the wire, chain ${Math.max(0, ...list.map((r) => r.depth))} deep`);

    // long tasks of the main thread and the Workers
    for (const [label, tids] of [["main thread", new Set([mainTid])], ["Worker", workerTids]]) {
        const before = events.filter((e) => e.pid === renderer && tids.has(e.tid) && e.ph === "X" && e.name === "RunTask" && ms(e.ts) <= (ready ?? Infinity));
        // wall time in tasks, and the thread's CPU time in them (tdur: what a busy machine's waits leave out)
        const wall = before.reduce((sum, e) => sum + e.dur / 1000, 0);
        const cpu = before.reduce((sum, e) => sum + cpuBefore(e, ready), 0);
        console.log(`   ${label}: ${wall.toFixed(0)} ms in tasks before ready, ${cpu.toFixed(0)} ms of it on a CPU; tasks ≥ ${TASK_MS} ms (start +wall, CPU):`);
        for (const task of before.filter((e) => e.dur >= TASK_MS * 1000)) {
            const inside = events.filter((e) => e.pid === task.pid && e.tid === task.tid && e.ph === "X" && e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e.dur >= 2000 && !/RunTask|RunMicrotasks|ThreadController/.test(e.name));
            const parts = inside.sort((a, b) => a.ts - b.ts).slice(0, 8).map((e) => `${e.name}${e.args?.data?.url ? `(${new URL(e.args.data.url).pathname.split("/").pop()})` : ""} ${(e.dur / 1000).toFixed(0)}`);
            console.log(`     ${ms(task.ts).toFixed(1).padStart(7)} +${(task.dur / 1000).toFixed(1).padStart(6)} ${((task.tdur ?? 0) / 1000).toFixed(1).padStart(6)}  ${parts.join(", ")}`);
        }
    }

    // CPU time of every thread of the browser before ready: on a machine shared with other
    // jobs, what the start costs without the waits for a CPU. Every outermost slice of a
    // thread counts, whatever its name: a thread pool's tasks are ThreadPool_RunTask and an IO
    // thread's EpollEvent, which counting RunTask alone left out (~60 ms of a repeat visit's
    // ~380: the Cache Storage reads, the script parsing and wasm validation off the main thread).
    const byThread = new Map();
    const openUntil = new Map(); // thread → end (µs) of its outermost slice open at e.ts
    const slices = events.filter((e) => e.ph === "X" && e.tdur !== undefined && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    for (const e of slices) {
        const id = `${e.pid}:${e.tid}`;
        if ((openUntil.get(id) ?? -Infinity) > e.ts) continue; // nested in a slice counted already
        openUntil.set(id, e.ts + e.dur);
        if (ms(e.ts) < 0 || ms(e.ts) > (ready ?? Infinity)) continue;
        const key = `${e.pid === renderer ? "renderer" : `process ${e.pid}`} ${thread(e)}`;
        byThread.set(key, (byThread.get(key) ?? 0) + cpuBefore(e, ready));
    }
    const cpuTotal = [...byThread.values()].reduce((a, b) => a + b, 0);
    const top = [...byThread].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([key, value]) => `${key} ${value.toFixed(0)}`);
    console.log(`   CPU before ready, all threads: ${cpuTotal.toFixed(0)} ms (${top.join(", ")})`);

    // wasm: compiled or from the code cache
    const wasm = events.filter((e) => /wasm/.test(e.name) && /cache|compiledModule|streamFromResponse|wasm.Compile|AsyncCompile|Instantiate|TopTier|Validate/i.test(e.name));
    // Blink's streaming compile reports v8.wasm.moduleCacheHit (the compiled code came from
    // the code cache), moduleCacheInvalid, or cachedModule (it was written, once V8 has
    // enough top-tier code: TopTierCompilation counts the functions that got there).
    const cacheEvents = events.filter((e) => /^v8\.wasm\.(moduleCacheHit|moduleCacheInvalid|cachedModule|compiledModule)$/.test(e.name));
    console.log(`   v8.wasm events; code cache: ${cacheEvents.length ? cacheEvents.map((e) => e.name).join(", ") : "no hit, no write"}`);
    const seen = new Map();
    for (const e of wasm) {
        const key = `${e.name} ${thread(e)}`;
        const entry = seen.get(key) ?? { first: ms(e.ts), count: 0, dur: 0, args: e.args };
        entry.count += 1;
        entry.dur += (e.dur ?? 0) / 1000;
        seen.set(key, entry);
    }
    for (const [key, { first, count, dur, args }] of seen) {
        const detail = JSON.stringify(args?.data ?? args ?? {}).slice(0, 100);
        console.log(`     ${first.toFixed(1).padStart(7)}  ${key} ×${count}${dur ? ` ${dur.toFixed(1)} ms` : ""} ${detail === "{}" ? "" : detail}`);
    }
}

const site = mkdtempSync(join(tmpdir(), "qingwen-trace-"));
symlinkSync(wwwDir, join(site, "qingwen"));
// The server runs in a process of its own: in this one, the trace's data (tens of MB of JSON
// arriving during the load) held its requests back by hundreds of ms.
const server = spawn(process.execPath, [join(root, "scripts/static-server.mjs"), "--root", site, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
const url = await new Promise((resolve, reject) => {
    server.stdout.on("data", (chunk) => {
        const found = String(chunk).match(/on (http:\S+)/);
        if (found) resolve(found[1]);
    });
    server.once("exit", (code) => reject(new Error(`the server exited (${code})`)));
});
const profile = mkdtempSync(join(tmpdir(), "qingwen-trace-profile-"));
const context = await chromium.launchPersistentContext(profile, { ...chromiumOptions, viewport: { width: 1280, height: 900 } });
try {
    console.log(`${wwwDir}; load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${cpus().length} CPUs`);
    const pageUrl = `${url}qingwen/`;
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // as bench/startup.mjs: the browser finishes starting
    const first = await context.newPage();
    let cold;
    const coldEvents = await traced(context, first, async () => (cold = await visitUntilReady(first, pageUrl)));
    report("cold", coldEvents, cold);
    // (a page without a service worker, e.g. a stripped copy, never gets one ready)
    await first.evaluate(() => Promise.race([navigator.serviceWorker?.ready, new Promise((resolve) => setTimeout(resolve, 10_000))]));
    await first.waitForTimeout(SETTLE_MS);
    await first.close();
    const second = await context.newPage();
    let repeat;
    const repeatEvents = await traced(context, second, async () => (repeat = await visitUntilReady(second, pageUrl)));
    report("repeat", repeatEvents, repeat);
    if (saveDir) {
        mkdirSync(saveDir, { recursive: true });
        writeFileSync(join(saveDir, "cold.json"), JSON.stringify({ traceEvents: coldEvents }));
        writeFileSync(join(saveDir, "repeat.json"), JSON.stringify({ traceEvents: repeatEvents }));
    }
} finally {
    await context.close();
    server.kill();
    rmSync(profile, { recursive: true, force: true });
    rmSync(site, { recursive: true, force: true });
}

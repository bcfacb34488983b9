// The page's pool of Workers (www/pool.js) on the corpus view: a set of documents totalling
// --total-mb (default 50 MB: 100 files of 500 KB cut from the corpus) dropped on the corpus
// panel, analysed with 1 and with 2 Workers (navigator.hardwareConcurrency set before the page
// loads), drop → tables shown, median of --runs; then what a pool Worker costs in memory and
// the time the figures predict for more Workers. Figures, not assertions.
//
//   bash scripts/build-wasm.sh && (cd tests && npm ci)   # once: pkg/, www/pkg, playwright-core
//   node bench/pool.mjs [--runs 3] [--total-mb 50] [--docs 100] [--workers 1,2] [CORPUS]
//
// This machine has 2 cores (shared with other jobs): 1 vs 2 is what it can show. The model
// for n Workers: T(n) = T(1) − A + A / n, A the Workers' time in analyze summed over the
// documents (the page counts it), the rest (reading files, the corpus Worker, the tables) serial.
//
// Then one large paste (--paste-mb, default 50 MB: the corpus repeated, as bench/page.mjs
// pastes it) analysed in parts (www/worker.js's runInParts, src/parts.rs) with 1 and 2 Workers
// (`?workers=N`), paste → result shown, median of --runs; the phases (what splits: the
// segmentation; what does not: cleanup and structure, the replay) are timed in Node on the same
// text with the same wasm in CPU time, and the model for n Workers scales T(1) by their shares.
// --skip-corpus or --skip-paste runs one half.

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";

import { startServer } from "../scripts/static-server.mjs";
import { chromiumOptions } from "../tests/support/package.mjs";
import { corpusPath as corpusOrShared } from "./corpus.mjs";
import { takeOption } from "./options.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => takeOption(args, name, fallback);
const RUNS = Number(option("--runs", 3));
const TOTAL_MB = Number(option("--total-mb", 50));
const DOCS = Number(option("--docs", 100));
const WORKERS = option("--workers", "1,2").split(",").map(Number);
const PASTE_MB = Number(option("--paste-mb", 50));
const skip = (name) => {
    const i = args.indexOf(name);
    if (i >= 0) args.splice(i, 1);
    return i >= 0;
};
const SKIP_CORPUS = skip("--skip-corpus");
const SKIP_PASTE = skip("--skip-paste");
const corpus = readFileSync(corpusOrShared(args[0]), "utf8");

if (!existsSync(`${root}www/pkg/index.js`)) throw new Error("www/pkg is missing: run `bash scripts/build-wasm.sh` first");
const { chromium } = createRequire(`${root}tests/package.json`)("playwright-core");

/** What one pool Worker's module holds once its dictionary is built: its wasm memory after a first call. */
async function workerMemory() {
    const glue = await import(`${root}pkg/qingwen.js`);
    const wasm = glue.initSync({ module: readFileSync(`${root}pkg/qingwen_bg.wasm`) });
    const before = wasm.memory.buffer.byteLength;
    glue.analyze("清文 qingwen：一句短文。");
    return { before, warm: wasm.memory.buffer.byteLength };
}

/** In the page: `docs` files of `bytes` each cut from `text`, dropped on the corpus panel; ms to the tables. */
function dropCorpus({ text, docs, chars }) {
    const files = [];
    for (let i = 0; i < docs; i++) {
        const start = (i * 7919) % text.length;
        let body = text.slice(start);
        while (body.length < chars) body += text;
        files.push(new File([body.slice(0, chars)], `doc-${String(i).padStart(4, "0")}.txt`, { type: "text/plain" }));
    }
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(file);
    const panel = document.getElementById("corpus-panel");
    return new Promise((resolve) => {
        const started = performance.now();
        new MutationObserver((_, observer) => {
            if (panel.dataset.corpusState !== "done") return;
            observer.disconnect();
            resolve({ ms: performance.now() - started, analysisMs: Number(panel.dataset.analysisMs), status: document.getElementById("corpus-status").textContent });
        }).observe(panel, { attributes: true, attributeFilter: ["data-corpus-state"] });
        document.getElementById("corpus-drop").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
}

const load = loadavg().slice(0, 2);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const { server, url } = await startServer({ root: `${root}www`, port: 0 });
const browser = await chromium.launch(chromiumOptions);
// Chinese text is ~3 bytes a character in UTF-8: the documents are cut to that many characters.
const bytesPerChar = Buffer.byteLength(corpus) / corpus.length;
const chars = Math.round((TOTAL_MB * 1e6) / DOCS / bytesPerChar);

async function measure(workers) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
    await context.addInitScript((n) => Object.defineProperty(Navigator.prototype, "hardwareConcurrency", { get: () => n }), workers);
    const page = await context.newPage();
    await page.goto(url);
    await page.locator("html[data-ready]").waitFor({ timeout: 120_000 });
    await page.locator("#corpus summary").click();
    await page.locator('[data-testid="corpus-panel"][data-corpus-state="ready"]').waitFor();
    const result = await page.evaluate(dropCorpus, { text: corpus, docs: DOCS, chars });
    await context.close();
    return result;
}

let times, analysis, status;

/** The corpus view with 1 and 2 Workers. */
async function measureCorpus() {
    times = Object.fromEntries(WORKERS.map((n) => [n, []]));
    analysis = Object.fromEntries(WORKERS.map((n) => [n, []]));
    status = "";
    for (let run = 0; run < RUNS; run++) {
        for (const workers of WORKERS) {
            const { ms, analysisMs, status: said } = await measure(workers);
            times[workers].push(ms);
            analysis[workers].push(analysisMs);
            status = said;
        }
    }
}

function printCorpus() {
    const t1 = median(times[WORKERS[0]]);
    const t2 = median(times[WORKERS[1]] ?? times[WORKERS[0]]);
    // The work that splits: the Workers' time in analyze, summed, in the one-Worker runs; the rest
    // (reading the files, the corpus Worker, the tables, start-up) stays on one thread.
    const a1 = median(analysis[WORKERS[0]]);
    const model = (n) => t1 - a1 + a1 / n;
    // The same from the two timings alone (distorted by other jobs on a loaded machine).
    const serial = Math.min(1, Math.max(0, (2 * t2) / t1 - 1));
    const totalMb = ((DOCS * chars * bytesPerChar) / 1e6).toFixed(1);

    console.log(`The page's corpus view: ${DOCS} documents, ${totalMb} MB in all, dropped → tables shown (median of ${RUNS}; ${cpus().length} cores, load ${load.map((x) => x.toFixed(1)).join(" ")})`);
    console.log(`  (last run: ${status.split("\n")[0]})`);
    console.log("  workers   seconds   MB/s    vs 1");
    for (const workers of WORKERS) {
        const t = median(times[workers]);
        console.log(`  ${String(workers).padStart(7)}   ${(t / 1000).toFixed(2).padStart(7)}   ${((totalMb * 1000) / t).toFixed(2).padStart(5)}   ${(t1 / t).toFixed(2)}×   runs: ${times[workers].map((x) => (x / 1000).toFixed(2)).join(" ")}`);
    }
    if (WORKERS[0] === 1) {
        console.log(`  model: of the 1-Worker time, ${(a1 / 1000).toFixed(2)} s is analysis (splits over n Workers), ${((t1 - a1) / 1000).toFixed(2)} s the rest: 2 ≈ ${(model(2) / 1000).toFixed(2)} s, 4 ≈ ${(model(4) / 1000).toFixed(2)} s (${(t1 / model(4)).toFixed(2)}×), 8 ≈ ${(model(8) / 1000).toFixed(2)} s, given as many free cores`);
        if (WORKERS[1] === 2) console.log(`  (Amdahl's serial share from the 1 and 2 timings alone: ${serial.toFixed(2)}, which other jobs on a busy machine inflate)`);
    }
}

/** In the page: `corpus` repeated to `bytes` UTF-8 bytes (cut after a whole line) pasted; ms to the result shown. */
function pasteLarge({ corpus, bytes }) {
    const unit = corpus.endsWith("\n") ? corpus : `${corpus}\n`;
    const encoded = new TextEncoder().encode(unit);
    const copies = Math.floor(bytes / encoded.length);
    const tail = new TextDecoder().decode(encoded.subarray(0, bytes - encoded.length * copies));
    const text = unit.repeat(copies) + tail.slice(0, tail.lastIndexOf("\n") + 1);
    const status = document.getElementById("status");
    return new Promise((resolve) => {
        const started = performance.now();
        new MutationObserver((_, observer) => {
            if (!["done", "error"].includes(status.dataset.state)) return;
            observer.disconnect();
            resolve({ ms: performance.now() - started, chars: text.length, state: status.dataset.state, status: status.textContent, workers: Number(document.body.dataset.workers) });
        }).observe(status, { attributes: true, attributeFilter: ["data-state"] });
        const input = document.getElementById("input");
        input.value = text;
        input.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste" }));
    });
}

const pasted = Object.fromEntries(WORKERS.map((n) => [n, []]));
let pasteInfo;
let phases;

/** The large paste with 1 and 2 Workers in the page, then its phases in Node. */
async function measurePaste() {
    for (let run = 0; run < RUNS; run++) {
        for (const workers of WORKERS) {
            const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
            const page = await context.newPage();
            await page.goto(`${url}?workers=${workers}`);
            await page.locator("html[data-ready]").waitFor({ timeout: 120_000 });
            const result = await page.evaluate(pasteLarge, { corpus, bytes: PASTE_MB * 1e6 });
            if (result.state !== "done" || result.workers !== workers) throw new Error(`${workers} Workers: ${result.status} (${result.workers} used)`);
            pasted[workers].push(result.ms);
            pasteInfo = result;
            await context.close();
        }
    }
}

/**
 * The phases of the paste in parts in Node, same wasm, in CPU time (this process's user +
 * system: the wasm runs on one thread, and other jobs on a shared machine disturb it less than
 * wall time), medians of 3: `analyze` whole, then in 2 parts as worker.js runs them: the
 * prepared text (cleanup and structure), part 0 segmented in place, part 1's texts copied out
 * and segmented from the copy, the tokens replayed.
 */
async function pastePhases() {
    const glue = await import(`${root}pkg/qingwen.js`);
    const unit = corpus.endsWith("\n") ? corpus : `${corpus}\n`;
    const text = unit.repeat(Math.floor((PASTE_MB * 1e6) / Buffer.byteLength(unit)));
    const runs = { analyze: [], prepare: [], segment: [], finish: [] };
    const cpu = () => {
        const { user, system } = process.cpuUsage();
        return (user + system) / 1e3;
    };
    const lap = (name, f) => {
        const t = cpu();
        const value = f();
        runs[name].push(cpu() - t);
        return value;
    };
    for (let i = 0; i < 3; i++) {
        lap("analyze", () => glue.analyze(text));
        const prepared = lap("prepare", () => new glue.PreparedText(text));
        const parts = lap("segment", () => [prepared.segmentPart(0, 2), glue.segmentPart(prepared.partTexts(1, 2))]);
        lap("finish", () => prepared.finish(parts));
        prepared.free();
    }
    return Object.fromEntries(Object.entries(runs).map(([name, xs]) => [name, median(xs)]));
}

function printPaste() {
    const t1 = median(pasted[1]);
    // The model, in shares of analyze's CPU time: S the serial phases (cleanup and structure,
    // the replay), P the segmentation (copying a part's texts included), split over n Workers.
    const { analyze: a, prepare, segment: p, finish } = phases;
    const share = (n) => (prepare + finish + p / n) / a;
    console.log(`The page's ${PASTE_MB} MB paste (${pasteInfo.chars.toLocaleString("en")} UTF-16 units), paste → result shown, in parts on the pool (median of ${RUNS}; ${cpus().length} cores, load ${loadavg().slice(0, 2).map((x) => x.toFixed(1)).join(" ")})`);
    console.log("  workers   seconds   MB/s    vs 1   model");
    for (const workers of WORKERS) {
        const t = median(pasted[workers]);
        console.log(`  ${String(workers).padStart(7)}   ${(t / 1000).toFixed(2).padStart(7)}   ${((PASTE_MB * 1000) / t).toFixed(2).padStart(5)}   ${(t1 / t).toFixed(2)}×   ${((t1 * share(workers)) / 1000).toFixed(2)} s   runs: ${pasted[workers].map((x) => (x / 1000).toFixed(2)).join(" ")}`);
    }
    const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`  in Node, same wasm, CPU time: analyze ${s(a)}; in 2 parts: clean + structure ${s(prepare)} (once, on one Worker) + segmentation ${s(p)} (splits) + tokens replayed into the analysis ${s(finish)} = ${((100 * (prepare + p + finish)) / a).toFixed(0)}% of analyze`);
    console.log(`  model: T(n) = T(1) × (clean + structure + replay + segmentation / n) / analyze, given n free cores: 2 ≈ ${s(t1 * share(2))} (${(1 / share(2)).toFixed(2)}×), 4 ≈ ${s(t1 * share(4))} (${(1 / share(4)).toFixed(2)}×), 8 ≈ ${s(t1 * share(8))}; the cleanup, one Worker's, bounds it at ${(a / (prepare + finish)).toFixed(2)}×`);
}

if (!SKIP_CORPUS) await measureCorpus();
if (!SKIP_PASTE) await measurePaste();
await browser.close();
server.close();

const memory = await workerMemory();
// After workerMemory, which must see a fresh instance of the module.
if (!SKIP_PASTE) phases = await pastePhases();
const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);
if (!SKIP_CORPUS) printCorpus();
if (!SKIP_PASTE) printPaste();
console.log(`  memory per Worker: the module's wasm memory ${mb(memory.before)} MB at start, ${mb(memory.warm)} MB with the dictionary built (${mb(memory.warm * 4)} MB for a pool of 4), plus the document in hand (~8× its size; a part of a paste: its texts and tokens, ~3× its size)`);

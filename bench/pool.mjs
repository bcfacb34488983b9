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

const times = Object.fromEntries(WORKERS.map((n) => [n, []]));
const analysis = Object.fromEntries(WORKERS.map((n) => [n, []]));
let status = "";
for (let run = 0; run < RUNS; run++) {
    for (const workers of WORKERS) {
        const { ms, analysisMs, status: said } = await measure(workers);
        times[workers].push(ms);
        analysis[workers].push(analysisMs);
        status = said;
    }
}
await browser.close();
server.close();

const memory = await workerMemory();
const t1 = median(times[WORKERS[0]]);
const t2 = median(times[WORKERS[1]] ?? times[WORKERS[0]]);
// The work that splits: the Workers' time in analyze, summed, in the one-Worker runs; the rest
// (reading the files, the corpus Worker, the tables, start-up) stays on one thread.
const a1 = median(analysis[WORKERS[0]]);
const model = (n) => t1 - a1 + a1 / n;
// The same from the two timings alone (distorted by other jobs on a loaded machine).
const serial = Math.min(1, Math.max(0, (2 * t2) / t1 - 1));
const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);
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
console.log(`  memory per Worker: the module's wasm memory ${mb(memory.before)} MB at start, ${mb(memory.warm)} MB with the dictionary built (${mb(memory.warm * 4)} MB for a pool of 4), plus the document in hand (~8× its size)`);

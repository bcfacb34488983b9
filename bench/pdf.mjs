// Time per PDF page, in the page (headless Chromium: the file dropped, read by pdf.js and
// analysed in the page's Worker) and in Node (`qingwen/pdf`: extractLayout, analyzeLayout and
// analyzePdf from the packed package), side by side. Figures, not assertions: medians of
// --runs runs, milliseconds per page.
//
//   bash scripts/build-wasm.sh && (cd tests && npm ci)   # once: pkg/, www/pkg, www/pdfjs
//   node bench/pdf.mjs [--runs 3] [PDF_DIR]
//
// The PDFs: PDF_DIR's, else the evaluation's (../shared/eval/build/pdf, which its make.sh
// builds), else two made here: a 500-page book (tests/support/pdf-writer.mjs) and the
// repository's sample (tests/fixtures/samples/zh-epaper.txt) printed to PDF by Chromium.
// In the page, "read" runs from the drop until the status says the last page is read, and
// "analyse + show" from then until the result is shown; in Node, "read" is extractLayout
// (pdf.js) and "analyse" analyzeLayout.

import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { startServer } from "../scripts/static-server.mjs";
import { chromiumOptions, installPackage } from "../tests/support/package.mjs";
import { bookPdf } from "../tests/support/pdf-writer.mjs";
import { takeOption } from "./options.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => takeOption(args, name, fallback);
const RUNS = Number(option("--runs", 3));
const BOOK_PAGES = 500;
const evalPdfs = join(root, "../shared/eval/build/pdf");
const pdfDir = args[0] ?? (existsSync(evalPdfs) ? evalPdfs : null);

if (!existsSync(join(root, "www/pkg/index.js")) || !existsSync(join(root, "www/pdfjs/pdf.mjs"))) {
    throw new Error("www/pkg or www/pdfjs is missing: run `bash scripts/build-wasm.sh` first");
}
const { chromium } = createRequire(join(root, "tests/package.json"))("playwright-core");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const loadStart = loadavg().slice(0, 2);

const browser = await chromium.launch(chromiumOptions);

/** The PDFs to measure: `{ name, bytes }`. */
async function inputs() {
    if (pdfDir) {
        return readdirSync(pdfDir)
            .filter((name) => name.endsWith(".pdf"))
            .sort()
            .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(pdfDir, name))) }));
    }
    const sample = readFileSync(join(root, "tests/fixtures/samples/zh-epaper.txt"), "utf8");
    const page = await browser.newPage();
    // The sample as a printed page: its first line a heading, each other line a paragraph.
    const [title, ...rest] = sample.split("\n").filter((line) => line.trim());
    await page.setContent(`<!doctype html><meta charset="utf-8"><style>body{font:12pt "Noto Serif CJK SC",serif;margin:2cm}</style><h1></h1>`);
    await page.evaluate(
        ([title, rest]) => {
            document.querySelector("h1").textContent = title;
            for (const line of rest) document.body.append(Object.assign(document.createElement("p"), { textContent: line }));
        },
        [title, rest],
    );
    const printed = new Uint8Array(await page.pdf({ format: "A4" }));
    await page.close();
    return [
        { name: `book-${BOOK_PAGES}.pdf (generated)`, bytes: bookPdf(BOOK_PAGES).bytes },
        { name: "zh-epaper.pdf (the sample, printed)", bytes: printed },
    ];
}

/** Page counts, read with pdf.js in Node. */
async function pageCount(pdfjs, bytes) {
    const doc = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
    const n = doc.numPages;
    await doc.destroy();
    return n;
}

/** Runs in the page: records when the status line changes (text and state), on the page's clock. */
function recorder() {
    window.__states = [];
    new MutationObserver(() => {
        const status = document.getElementById("status");
        if (!status) return;
        const last = window.__states.at(-1);
        if (last?.text !== status.textContent || last?.state !== status.dataset.state) {
            window.__states.push({ state: status.dataset.state, text: status.textContent, at: performance.now() });
        }
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["data-state"] });
}

/** One reading in the page: ms from the drop to the last page read, and to the result shown. */
async function inPage(page, bytes, pages) {
    await page.evaluate(() => (window.__states = []));
    const transfer = await page.evaluateHandle((base64) => {
        const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([data], "bench.pdf", { type: "application/pdf" }));
        return transfer;
    }, Buffer.from(bytes).toString("base64"));
    await page.evaluate(() => (window.__dropped = performance.now()));
    await page.getByTestId("input").dispatchEvent("drop", { dataTransfer: transfer });
    await page.waitForFunction(() => ["done", "error"].includes(window.__states.at(-1)?.state), null, { timeout: 600_000 });
    const { states, dropped } = await page.evaluate(() => ({ states: window.__states, dropped: window.__dropped }));
    const done = states.at(-1);
    if (done.state !== "done") throw new Error(`the page could not read it: ${done.text}`);
    const read = states.find((s) => s.text.includes(`page ${pages} of ${pages}`))?.at ?? done.at;
    return { read: read - dropped, analyse: done.at - read, total: done.at - dropped };
}

const server = await startServer({ root: join(root, "www"), port: 0 });
const installed = await installPackage();
writeFileSync(join(installed.dir, "pdf.mjs"), 'export * from "qingwen/pdf";\nexport { analyzeLayout } from "qingwen";\n');
const node = await import(pathToFileURL(join(installed.dir, "pdf.mjs")).href);
const pdfjs = await import(pathToFileURL(join(root, "tests/node_modules/pdfjs-dist/legacy/build/pdf.mjs")).href);

const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
await context.addInitScript(recorder);
const page = await context.newPage();
await page.goto(server.url);
await page.locator('[data-testid="status"][data-state="ready"]').waitFor({ timeout: 60_000 });

const rows = [];
try {
    for (const { name, bytes } of await inputs()) {
        const pages = await pageCount(pdfjs, bytes);
        const browserRuns = [];
        const nodeRuns = [];
        for (let run = 0; run < RUNS; run++) {
            browserRuns.push(await inPage(page, bytes, pages));
            let started = performance.now();
            const layout = await node.extractLayout(bytes);
            const read = performance.now() - started;
            started = performance.now();
            node.analyzeLayout(layout);
            const analyse = performance.now() - started;
            started = performance.now();
            await node.analyzePdf(bytes);
            nodeRuns.push({ read, analyse, total: performance.now() - started });
        }
        const per = (runs, key) => median(runs.map((r) => r[key])) / pages;
        rows.push({
            name,
            pages,
            page: ["read", "analyse", "total"].map((key) => per(browserRuns, key)),
            node: ["read", "analyse", "total"].map((key) => per(nodeRuns, key)),
        });
    }
} finally {
    await browser.close();
    await new Promise((resolve) => server.server.close(resolve));
    installed.cleanup();
}

const f = (ms) => ms.toFixed(2).padStart(7);
console.log(`ms per PDF page, median of ${RUNS} runs; ${cpus().length} cores, load ${loadStart.map((l) => l.toFixed(1)).join(" ")} at the start`);
console.log(`${"PDF".padEnd(40)} ${"pages".padStart(5)} | page: ${"read".padStart(7)} ${"analyse".padStart(7)} ${"total".padStart(7)} | Node: ${"read".padStart(7)} ${"analyse".padStart(7)} ${"total".padStart(7)} | page/Node`);
for (const { name, pages, page: p, node: n } of rows) {
    console.log(`${name.slice(0, 40).padEnd(40)} ${String(pages).padStart(5)} |       ${p.map(f).join(" ")} |       ${n.map(f).join(" ")} | ${(p[2] / n[2]).toFixed(2)}×`);
}
console.log('page: drop → last page read (pdf.js in the page\'s Worker) → result shown ("analyse" includes the copy to the page and rendering);');
console.log("Node: extractLayout, analyzeLayout, and analyzePdf (both) of qingwen/pdf from the packed package.");

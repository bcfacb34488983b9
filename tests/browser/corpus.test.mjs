// The corpus view in headless Chromium: five files dropped on it give the tables; the CSV
// downloads parse back to the numbers the package computes in Node for the same texts
// (tokens, term counts, document frequencies, rates, sizes); an HTML file's title reaches the
// documents table; a name opens its document in the single-document view; cancel stops a run
// and shows nothing of it; axe finds no violation with the tables shown.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { analyze } from "../../pkg/node.js";
import { repoRoot, samplePath } from "../support/package.mjs";
import { launch, openPage, outputDir, parseCsv, waitDone } from "./page-support.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Five text files (names out of order: the corpus sorts them by name, numbers numerically). */
const FILES = [
    ["10-report.txt", readFileSync(join(repoRoot, "tests/fixtures/samples/en-report.txt"), "utf8")],
    ["2-epaper.txt", readFileSync(samplePath, "utf8")],
    ["3-example.md", readFileSync(join(repoRoot, "www/examples/zh.txt"), "utf8")],
    ["1-example.txt", readFileSync(join(repoRoot, "www/examples/en.txt"), "utf8")],
    ["4-notes.txt", "清文在设备上分析文本。\n\n清文统计词频，清文整理文本。\n"],
];
const ORDER = ["1-example.txt", "2-epaper.txt", "3-example.md", "4-notes.txt", "10-report.txt"];

let browser;
let session;

before(async () => {
    browser = await launch();
    session = await openPage(browser.context, browser.url);
    await session.page.getByTestId("corpus").locator("summary").click();
    await session.page.locator('[data-testid="corpus-panel"][data-corpus-state="ready"]').waitFor();
});

after(async () => {
    await browser?.close();
});

/** Drops `files` (`[name, content]`) on the corpus panel, as a drag from the desktop would. */
async function dropOnCorpus(page, files) {
    const transfer = await page.evaluateHandle((files) => {
        const transfer = new DataTransfer();
        for (const [name, content] of files) {
            transfer.items.add(new File([content], name, { type: name.endsWith(".html") ? "text/html" : "text/plain" }));
        }
        return transfer;
    }, files);
    const target = page.getByTestId("corpus-drop");
    await target.dispatchEvent("dragenter", { dataTransfer: transfer });
    await target.dispatchEvent("dragover", { dataTransfer: transfer });
    await target.dispatchEvent("drop", { dataTransfer: transfer });
}

async function waitCorpusDone(page) {
    await page.locator('[data-testid="corpus-panel"][data-corpus-state="done"]').waitFor({ timeout: 120_000 });
}

async function downloadCsv(page, id) {
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(id).click()]);
    const text = readFileSync(await file.path(), "utf8");
    assert.ok(text.startsWith("\uFEFF"), `${id}: Excel-safe, with a BOM`);
    return { name: file.suggestedFilename(), rows: parseCsv(text) };
}

/** What the package counts of each file in Node: every term (top 0) and the tokens. */
function expected() {
    const docs = new Map();
    for (const [name, content] of FILES) {
        const terms = new Map(analyze(content, { terms: { top: 0 } }).terms.map((t) => [t.term, t.count]));
        const tokens = [...terms.values()].reduce((a, b) => a + b, 0);
        docs.set(name, { size: Buffer.byteLength(content), terms, tokens });
    }
    return docs;
}

test("five dropped files: the tables, and CSV downloads with the package's numbers", async () => {
    const { page } = session;
    await dropOnCorpus(page, FILES);
    await waitCorpusDone(page);
    const docs = expected();

    // The documents table, in file-name order, numbers numerically.
    const names = await page.locator('[data-testid="corpus-documents"] tbody tr td:nth-child(2)').allTextContents();
    assert.deepEqual(names, ORDER);
    const { rows: documents } = await downloadCsv(page, "corpus-csv-documents");
    assert.deepEqual(documents[0], ["name", "title", "date", "size", "tokens", "distinct_terms", "top_terms"]);
    assert.deepEqual(
        documents.slice(1).map((row) => [row[0], Number(row[3]), Number(row[4]), Number(row[5])]),
        ORDER.map((name) => [name, docs.get(name).size, docs.get(name).tokens, docs.get(name).terms.size]),
    );

    // The corpus terms: counts summed over the documents, document frequencies, per 10k.
    const total = [...docs.values()].reduce((sum, d) => sum + d.tokens, 0);
    const { rows: terms } = await downloadCsv(page, "corpus-csv-terms");
    assert.deepEqual(terms[0], ["term", "count", "documents", "per10k"]);
    const vocabulary = new Set([...docs.values()].flatMap((d) => [...d.terms.keys()]));
    assert.equal(terms.length - 1, vocabulary.size, "every term of the corpus");
    for (const [term, count, documentsWith, per10k] of terms.slice(1, 60)) {
        const counts = [...docs.values()].map((d) => d.terms.get(term) ?? 0);
        assert.equal(Number(count), counts.reduce((a, b) => a + b, 0), term);
        assert.equal(Number(documentsWith), counts.filter((c) => c > 0).length, term);
        assert.ok(Math.abs(Number(per10k) - (Number(count) * 10_000) / total) < 0.01, term);
    }
    // The table shown is the CSV's head.
    const shown = await page.locator('[data-testid="corpus-terms"] tbody tr').first().locator("td").allTextContents();
    assert.deepEqual(shown.slice(1, 3), [terms[1][0], Number(terms[1][1]).toLocaleString("en-US")]);

    // 清文 is only in 4-notes.txt: 3 times in 4-notes.txt, so it is its most distinctive term.
    const { rows: distinctive } = await downloadCsv(page, "corpus-csv-distinctive");
    const notes = distinctive.find((row) => row[0] === "4-notes.txt" && row[1] === "1");
    assert.deepEqual(notes.slice(2, 4), ["清文", "3"]);
    const tfidf = (3 / docs.get("4-notes.txt").tokens) * Math.log(5);
    assert.ok(Math.abs(Number(notes[4]) - tfidf) < 1e-4, `${notes[4]} vs ${tfidf}`);

    // The similarity matrix: 5 × 5, 1 on the diagonal, symmetric.
    const { rows: similarity } = await downloadCsv(page, "corpus-csv-similarity");
    assert.deepEqual(similarity[0], ["document", ...ORDER]);
    for (let i = 1; i <= 5; i++) {
        assert.equal(Number(similarity[i][i]), 1);
        for (let j = 1; j <= 5; j++) assert.equal(similarity[i][j], similarity[j][i]);
    }
    // The trend of the top term has one point per document, and the chart draws them.
    assert.equal(await page.locator('[data-testid="corpus-trend"] circle').count(), 5);
    await page.getByTestId("corpus-trend-term").fill("清文");
    await page.getByTestId("corpus-trend-term").press("Enter");
    await page.waitForFunction(() => document.querySelector('[data-testid="corpus-trend"]').getAttribute("aria-label").includes("清文"));
    const { rows: trends } = await downloadCsv(page, "corpus-csv-trends");
    assert.deepEqual(trends[0], ["term", ...ORDER]);

    const [json] = await Promise.all([page.waitForEvent("download"), page.getByTestId("corpus-json").click()]);
    const all = JSON.parse(readFileSync(await json.path(), "utf8"));
    assert.equal(all.documents.length, 5);
    assert.equal(all.terms.length, vocabulary.size);
    await page.screenshot({ path: join(outputDir, "corpus-tables.png"), fullPage: true });
});

test("axe: no violations with the corpus tables shown", async () => {
    const { page } = session;
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
        const { violations } = await globalThis.axe.run(document, { resultTypes: ["violations"] });
        return violations.map((rule) => `${rule.id}: ${rule.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(" | ")}`);
    });
    assert.deepEqual(violations, []);
});

test("a document's name opens it in the single-document view", async () => {
    const { page } = session;
    await page.locator('[data-testid="corpus-documents"] tbody button', { hasText: "2-epaper.txt" }).click();
    await waitDone(page);
    assert.equal(await page.getByTestId("input").inputValue(), FILES[1][1]);
    assert.ok((await page.getByTestId("outline").locator("li").count()) > 0);
});

test("an HTML file's title reaches the documents table", async () => {
    const { page } = session;
    const html = readFileSync(join(repoRoot, "tests/fixtures/sources/notice_short.html"), "utf8");
    await dropOnCorpus(page, [["notice.html", html], FILES[4]]);
    await page.locator('[data-testid="corpus-documents"] tbody tr').nth(1).waitFor();
    await waitCorpusDone(page);
    const row = await page.locator('[data-testid="corpus-documents"] tbody tr').first().locator("td").allTextContents();
    assert.equal(row[1], "4-notes.txt"); // 4 before n
    const htmlRow = await page.locator('[data-testid="corpus-documents"] tbody tr').nth(1).locator("td").allTextContents();
    assert.equal(htmlRow[1], "notice.html");
    // The title is the page's <h1> (its blocks', as the single-document view reads them).
    assert.equal(htmlRow[2], "Changes to the Reading Room");
});

test("a folder opened: its .txt, .md and .html files, named by their path in it", async () => {
    const { page } = session;
    const dir = join(repoRoot, "tests/fixtures/sources");
    const expected = readdirSync(dir)
        .filter((name) => /\.(txt|md|html?)$/.test(name))
        .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
        .map((name) => `sources/${name}`);
    await page.getByTestId("corpus-folder").setInputFiles(dir);
    await waitCorpusDone(page);
    const names = await page.locator('[data-testid="corpus-documents"] tbody tr td:nth-child(2)').allTextContents();
    assert.deepEqual(names, expected);
});

test("cancel stops a run: no tables, and nothing more happens", async () => {
    const { page } = session;
    await page.reload();
    await page.getByTestId("corpus").locator("summary").click();
    await page.locator('[data-testid="corpus-panel"][data-corpus-state="ready"]').waitFor();
    // 60 documents of 400 KB each: seconds of work, so the run is cancelled while it goes.
    const big = FILES[1][1].repeat(120);
    const many = Array.from({ length: 60 }, (_, i) => [`doc-${i}.txt`, big]);
    await dropOnCorpus(page, many);
    await page.getByTestId("corpus-progress-row").waitFor({ state: "visible" });
    await page.getByTestId("corpus-cancel").click();
    await page.locator('[data-testid="corpus-panel"][data-corpus-state="cancelled"]').waitFor();
    assert.equal(await page.getByTestId("corpus-progress-row").isHidden(), true);
    const done = await page.getByTestId("corpus-progress").evaluate((node) => node.value);
    assert.ok(done < 60, `cancelled before the end (${done} of 60 done)`);
    // Give a run that was not stopped the time to finish a few more documents.
    await page.waitForTimeout(2_000);
    assert.equal(await page.getByTestId("corpus-progress").evaluate((node) => node.value), done);
    assert.equal(await page.getByTestId("corpus-results").isHidden(), true);
    assert.equal(await page.locator('[data-testid="corpus-panel"]').getAttribute("data-corpus-state"), "cancelled");
});

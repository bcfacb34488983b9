// A 500-page PDF on the page, in headless Chromium, written at test time
// (tests/support/pdf-writer.mjs): its reading shows progress and stops on Escape and on the
// Cancel button, after which the page analyses the next input; read whole, it gives its 50
// chapters, and its pages shown beside the cleaned text are drawn only near the view (at most
// a few canvases for 500 pages) with alt text, an outline heading or a fix focused scrolls them
// to its page and marks its line there, and the main thread's JS heap stays bounded (CDP
// Performance.getMetrics).

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { bookPdf } from "../support/pdf-writer.mjs";
import { launch, openPage, waitDone } from "./page-support.mjs";

/** Pages of the generated PDF. */
const PAGES = 500;
/** Canvases drawn at once at most: www/pdf-view.js's MAX_DRAWN. */
const MAX_DRAWN = 6;
/**
 * What the main thread's JS heap may grow by, holding the 500 pages' text (1.8 M characters),
 * what the page shows of their analysis and 22 k line places: 9.6 MB measured (Chromium 156,
 * this test; 1.8 → 11.4 MB); five times that leaves room for other builds, not for a leak of
 * the pages read or drawn.
 */
const HEAP_GROWTH_BOUND = 50e6;

let browser;
let session;
let book;

before(async () => {
    book = bookPdf(PAGES);
    browser = await launch();
    session = await openPage(browser.context, browser.url);
});

after(async () => {
    await browser?.close();
});

/** Drops the generated PDF on the page, as a drag from the desktop would. */
async function dropBook(page) {
    const base64 = Buffer.from(book.bytes).toString("base64");
    const transfer = await page.evaluateHandle((base64) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], "book.pdf", { type: "application/pdf" }));
        return transfer;
    }, base64);
    const target = page.getByTestId("input");
    for (const type of ["dragenter", "dragover", "drop"]) {
        await target.dispatchEvent(type, { dataTransfer: transfer });
    }
}

/** Waits until the status says `pattern`. */
async function waitStatus(page, pattern, timeout = 120_000) {
    await page
        .waitForFunction(
            ([source, flags]) => new RegExp(source, flags).test(document.querySelector('[data-testid="status"]')?.textContent ?? ""),
            [pattern.source, pattern.flags],
            { timeout },
        )
        .catch(() => {});
    assert.match(await page.getByTestId("status").textContent(), pattern);
}

/** The main thread's JS heap in bytes, after a garbage collection. */
async function heapUsed(cdp) {
    await cdp.send("HeapProfiler.collectGarbage");
    const { metrics } = await cdp.send("Performance.getMetrics");
    return metrics.find((metric) => metric.name === "JSHeapUsedSize").value;
}

test("a 500-page PDF: progress, cancel, the next input; its pages drawn near the view only", async () => {
    const { page, problems, requests, afterLoad } = session;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const heapBefore = await heapUsed(cdp);

    // Escape stops the reading; the page says so and takes the next input.
    await dropBook(page);
    await waitStatus(page, new RegExp(`page [1-9]\\d* of ${PAGES}`));
    assert.equal(await page.getByTestId("cancel").isVisible(), true);
    await page.keyboard.press("Escape");
    await waitStatus(page, /Stopped reading book\.pdf/);
    assert.equal(await page.getByTestId("status").getAttribute("data-state"), "ready");
    assert.equal(await page.getByTestId("cancel").isVisible(), false);

    // So does the Cancel button.
    await dropBook(page);
    await waitStatus(page, new RegExp(`page [1-9]\\d* of ${PAGES}`));
    await page.getByTestId("cancel").click();
    await waitStatus(page, /Stopped reading book\.pdf/);

    await page.getByTestId("input").fill("一、总体要求\n\n坚持稳中求进，推动高质量发展。\n\n二、主要任务\n\n扩大高水平对外开放。");
    await page.getByTestId("analyze").click();
    await waitDone(page);
    const headings = () => page.locator('[data-testid="outline-heading"]').allTextContents();
    assert.ok((await headings()).some((text) => text.includes("主要任务")));

    // Read whole: its chapters, without the page numbers.
    await dropBook(page);
    await waitStatus(page, /Reading book\.pdf/);
    await waitDone(page);
    const chapters = (await headings()).filter((text) => text.startsWith("Chapter "));
    assert.equal(chapters.length, book.chapters.length, JSON.stringify(chapters.slice(0, 5)));
    // (1.8 M characters: held outside the text box; the cleaned view shows the first 400 k.)
    const cleaned = await page.getByTestId("cleaned").textContent();
    assert.match(cleaned, /Section 20\.\d+ opens with/);
    assert.doesNotMatch(cleaned, /Page 20 of 500/);

    // Its pages beside the cleaned text: all 500 laid out, few drawn.
    await page.getByTestId("show-original").check();
    const original = page.getByTestId("original");
    await page.waitForFunction(() => document.querySelector('[data-testid="pdf-page"][data-drawn]'), null, { timeout: 60_000 });
    assert.equal(await original.locator('[data-testid="pdf-page"]').count(), PAGES);
    const drawn = () => original.locator('[data-testid="pdf-canvas"]').count();
    assert.ok((await drawn()) <= MAX_DRAWN, `${await drawn()} canvases`);
    assert.match(await original.locator('[data-testid="pdf-canvas"]').first().getAttribute("aria-label"), /^Page 1 of 500, beginning “Chapter 1: The /);

    // An outline heading scrolls the pages to its own, drawn, with its line marked.
    const target = book.chapters[39];
    await page.locator('[data-testid="outline-heading"]', { hasText: target.title }).click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="original"]').dataset.targetPage === String(n), target.page);
    const figure = original.locator(`[data-testid="pdf-page"][data-page="${target.page}"]`);
    await figure.locator("canvas").waitFor();
    await page.waitForFunction((n) => document.querySelector(`[data-testid="pdf-page"][data-page="${n}"][data-drawn]`), target.page, { timeout: 60_000 });
    assert.equal(await figure.locator('[data-testid="pdf-mark"]').count(), 1);
    assert.match(await figure.locator("canvas").getAttribute("aria-label"), new RegExp(`^Page ${target.page} of 500, beginning “Chapter 40`));
    assert.ok(await figure.isVisible());
    assert.ok((await drawn()) <= MAX_DRAWN, `${await drawn()} canvases`);
    // The first pages, far from the view now, were released.
    assert.equal(await original.locator('[data-testid="pdf-page"][data-page="1"] canvas').count(), 0);

    // A fix focused (the first: a "Copy code" removed on page 1) scrolls back to its line.
    await page.locator('[data-testid="fix-mark"]').first().focus();
    await page.waitForFunction(() => document.querySelector('[data-testid="original"]').dataset.targetPage === "1");
    await original.locator('[data-page="1"] [data-testid="pdf-mark"]').waitFor();

    // The keyboard scrolls the pages.
    await original.focus();
    const scrolled = await original.evaluate((node) => node.scrollTop);
    await page.keyboard.press("PageDown");
    await page.waitForFunction((top) => document.querySelector('[data-testid="original"]').scrollTop > top, scrolled);

    // Memory: a bounded number of canvases (their bitmaps are outside the JS heap) and a heap
    // that holds the text and its analysis, not the pages.
    assert.ok((await drawn()) <= MAX_DRAWN);
    const heapAfter = await heapUsed(cdp);
    console.log(`main-thread JS heap: ${(heapBefore / 1e6).toFixed(1)} MB before, ${(heapAfter / 1e6).toFixed(1)} MB after`);
    assert.ok(heapAfter - heapBefore < HEAP_GROWTH_BOUND, `heap grew ${heapAfter - heapBefore} bytes`);

    // Back to plain text (the long text is held outside the text box: cleared first): the
    // pages go, the text shows.
    await page.getByTestId("clear-input").click();
    await page.getByTestId("input").fill("清文 qingwen：一句短文。");
    await page.getByTestId("analyze").click();
    await waitDone(page);
    assert.equal(await original.locator('[data-testid="pdf-page"]').count(), 0);
    assert.match(await original.textContent(), /一句短文/);

    for (const url of [...requests, ...afterLoad]) assert.ok(url.startsWith(browser.url), `same origin: ${url}`);
    assert.deepEqual(problems, []);
});

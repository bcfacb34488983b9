// PDF files on the page, in headless Chromium: pdf.js is not requested before a PDF arrives;
// a PDF opened or dropped gives its outline and its text in the input box, and its pages drawn
// as the original side by side, scrolled to an outline heading's page; a scanned, an
// encrypted and a corrupt file each give their message and the next PDF still works; every
// request goes to the page's own origin. The fixtures are written by tests/fixtures/pdf/make.py.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { repoRoot } from "../support/package.mjs";
import { launch, openPage, waitDone } from "./page-support.mjs";

const fixtures = join(repoRoot, "tests/fixtures/pdf");
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let browser;
let session;

before(async () => {
    browser = await launch();
    session = await openPage(browser.context, browser.url);
});

after(async () => {
    await browser?.close();
});

/** Drops the fixture `name` on the page, as a drag from the desktop would. */
async function dropPdf(page, name) {
    const bytes = [...readFileSync(join(fixtures, name))];
    const transfer = await page.evaluateHandle(
        ([name, bytes]) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([new Uint8Array(bytes)], name, { type: "application/pdf" }));
            return transfer;
        },
        [name, bytes],
    );
    const target = page.getByTestId("input");
    for (const type of ["dragenter", "dragover", "drop"]) {
        await target.dispatchEvent(type, { dataTransfer: transfer });
    }
}

const outlineTexts = (page) =>
    page.evaluate(() => [...document.querySelectorAll('[data-testid="outline-heading"]')].map((n) => n.textContent));

/** Waits for an error status that says `pattern` (the previous file's error may still show
 * while the next one is read: waiting for any error would race). */
async function waitError(page, pattern) {
    const status = page.getByTestId("status");
    await page
        .waitForFunction(
            ([source, flags]) => {
                const node = document.querySelector('[data-testid="status"]');
                return node?.dataset.state === "error" && new RegExp(source, flags).test(node.textContent);
            },
            [pattern.source, pattern.flags],
            { timeout: 60_000 },
        )
        .catch(() => {});
    assert.match(await status.textContent(), pattern);
}

test("a PDF opened gives its outline; bad PDFs get their message; only this origin is asked", async () => {
    const { page, requests, afterLoad, problems } = session;
    assert.ok(!requests.some((url) => url.includes("/pdfjs/")), "pdf.js is not loaded with the page");

    await page.getByTestId("file").setInputFiles(join(fixtures, "text.pdf"));
    await waitDone(page);
    const outline = await outlineTexts(page);
    assert.ok(outline.some((text) => text.includes("Scope")), JSON.stringify(outline));
    assert.ok(outline.some((text) => text.includes("Details")), JSON.stringify(outline));
    const input = await page.getByTestId("input").inputValue();
    assert.match(input, /hyphenated word/);
    assert.doesNotMatch(input, /Page 1 of 2/);
    assert.ok(afterLoad.some((url) => url.endsWith("/pdfjs/pdf.mjs")), "pdf.js came when the PDF did");

    // The original side by side is the PDF's pages; an outline heading scrolls them to its own.
    await page.getByTestId("show-original").check();
    const original = page.getByTestId("original");
    await original.locator('[data-testid="pdf-page"][data-drawn]').first().waitFor({ timeout: 60_000 });
    assert.equal(await original.locator('[data-testid="pdf-page"]').count(), 2);
    assert.match(await original.locator("canvas").first().getAttribute("aria-label"), /^Page 1 of 2, beginning “Reading PDF Layouts/);
    const drawnPixels = await original.locator("canvas").first().evaluate((canvas) => {
        const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i] < 128 && data[i + 3] > 0) dark++;
        return dark;
    });
    assert.ok(drawnPixels > 100, `the page's text is drawn (${drawnPixels} dark pixels)`);
    // axe-core on the pages, in the light and the dark scheme: named canvases, contrast.
    for (const scheme of ["light", "dark"]) {
        await page.emulateMedia({ colorScheme: scheme });
        if (!(await page.evaluate(() => Boolean(globalThis.axe)))) await page.evaluate(AXE);
        const violations = await page.evaluate(async () => {
            const { violations } = await globalThis.axe.run('[data-testid="original"]', { resultTypes: ["violations"] });
            return violations.map((rule) => `${rule.id}: ${rule.nodes.map((node) => node.target.join(" ")).join(", ")}`);
        });
        assert.deepEqual(violations, [], scheme);
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.locator('[data-testid="outline-heading"]', { hasText: "Details" }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="original"]').dataset.targetPage === "2");
    assert.equal(await original.locator('[data-page="2"] [data-testid="pdf-mark"]').count(), 1);
    await page.getByTestId("show-original").uncheck();

    await dropPdf(page, "scan.pdf");
    await waitError(page, /no text to read; it would need OCR/);
    await dropPdf(page, "encrypted.pdf");
    await waitError(page, /encrypted/);
    await dropPdf(page, "corrupt.pdf");
    await waitError(page, /not a readable PDF/);

    // The next PDF still works.
    await page.getByTestId("input").fill("");
    await dropPdf(page, "text.pdf");
    await waitDone(page);
    assert.ok((await outlineTexts(page)).some((text) => text.includes("Scope")));

    for (const url of [...requests, ...afterLoad]) {
        assert.ok(url.startsWith(browser.url), `same origin: ${url}`);
    }
    assert.deepEqual(problems, []);
});

// A multi-megabyte paste analysed in parts on the page's pool of Workers (worker.js's
// runInParts, src/parts.rs) gives exactly what the page's Worker alone gives: the whole
// analysis of the .json download (text, blocks, fixes and their ranges, outline, terms,
// keywords, phrases, sections), and the same tables on the page. `?workers=N` forces the
// number of Workers whatever the device's cores.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { repoRoot } from "../support/package.mjs";
import { launch, openPage, waitDone } from "./page-support.mjs";

const TARGET_CHARS = 3_000_000; // UTF-16 units: above worker.js's IN_PARTS_INPUT

/**
 * The repository's own pastes (the samples and the cleanup cases as extracted: PDF pages with
 * footers, running headers, wrapped lines, columns), one after another in a different order
 * each round, until the text is `chars` long (as tests/large_in_parts.rs builds its text).
 */
function fixturesText(chars) {
    const dir = join(repoRoot, "tests/fixtures");
    const pastes = ["zh-epaper.txt", "en-report.txt"].map((name) => readFileSync(join(dir, "samples", name), "utf8"));
    for (const name of readdirSync(join(dir, "cleanup")).sort()) {
        if (name.endsWith(".txt") && !name.endsWith(".expected.txt")) pastes.push(readFileSync(join(dir, "cleanup", name), "utf8"));
    }
    let text = "";
    for (let round = 0; text.length < chars; round++) {
        for (let k = 0; k < pastes.length; k++) text += `${pastes[(k * 7 + round) % pastes.length]}\n\n`;
    }
    return text;
}

const text = fixturesText(TARGET_CHARS);

/**
 * Pastes `text` into the page opened with `?workers=N`, in a browser of its own (the page
 * keeps the last text: a fresh profile has none to analyse first); returns the analysis
 * (.json download) and what the page shows.
 */
async function analyzeWith(workers) {
    const browser = await launch();
    try {
        return await analyzeIn(browser, workers);
    } finally {
        await browser.close();
    }
}

async function analyzeIn(browser, workers) {
    const session = await openPage(browser.context, browser.url);
    const { page } = session;
    await page.goto(`${browser.url}?workers=${workers}`);
    await page.locator('[data-testid="status"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await page.evaluate((text) => {
        const input = document.getElementById("input");
        input.value = text;
        input.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste" }));
    }, text);
    await waitDone(page);
    const used = Number(await page.evaluate(() => document.body.dataset.workers));
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-json").click()]);
    const analysis = JSON.parse(readFileSync(await download.path(), "utf8"));
    const shown = {
        terms: await page.locator('[data-testid="term-row"]').allTextContents(),
        outline: await page.getByTestId("outline-heading").allTextContents(),
        cleaned: (await page.evaluate(() => document.getElementById("cleaned").textContent)).length,
    };
    assert.deepEqual(session.problems, []);
    await page.close();
    return { used, analysis, shown };
}

test("a multi-megabyte paste analysed by 2 and 3 Workers equals the analysis of one", async () => {
    const one = await analyzeWith(1);
    assert.equal(one.used, 1);
    assert.ok(one.analysis.edits.length > 1000 && one.analysis.terms.length > 100, "a real text");
    assert.ok(one.analysis.outline.length > 0 && one.analysis.sections.length > 1);
    for (const workers of [2, 3]) {
        const pooled = await analyzeWith(workers);
        assert.equal(pooled.used, workers, `the pool took part: ${workers} Workers`);
        for (const field of Object.keys(one.analysis)) {
            assert.deepEqual(pooled.analysis[field], one.analysis[field], `${workers} Workers: ${field}`);
        }
        assert.deepEqual(pooled.analysis, one.analysis);
        assert.deepEqual(pooled.shown, one.shown);
    }
    console.log(
        `# ${text.length.toLocaleString()} UTF-16 units: 1, 2 and 3 Workers give the same analysis ` +
            `(${one.analysis.edits.length} fixes, ${one.analysis.blocks.length} blocks, ${one.analysis.sections.length} sections)`,
    );
});

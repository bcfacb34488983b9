// Pasting with Ctrl+V from the clipboard, as a person does (the browser's own paste, not a
// script setting the textarea's value): a paste is analyzed at once, without the pause that
// typing gets; a long paste (12 MB) is taken over by the page and held outside the hidden
// textarea, analyzed whole and shown in part with a notice, and put in the textarea on
// request. Behaviour only: nothing here is timed.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { readSample } from "../support/package.mjs";
import { assertOnlyPoolFiles, launch, openPage, waitDone } from "./page-support.mjs";

const LARGE_BYTES = 12 * 1000 * 1000;

let browser;
let session;

before(async () => {
    browser = await launch();
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    session = await openPage(browser.context, browser.url);
    // What the page has done by the time an input event reaches the document (after the
    // textarea's own listeners, in the same task).
    await session.page.evaluate(() => {
        window.__afterInput = [];
        document.addEventListener("input", (event) => {
            window.__afterInput.push({ type: event.inputType, state: document.getElementById("status").dataset.state });
        });
        // whether the page took the paste over from the browser
        document.addEventListener("paste", (event) => (window.__pasteTakenOver = event.defaultPrevented));
    });
});

after(async () => {
    await browser?.close();
});

/** Puts `text` on the clipboard (from the page) and pastes it into the empty textarea with Ctrl+V. */
async function ctrlV(page, text) {
    await page.evaluate(async (text) => {
        const input = document.getElementById("input");
        input.value = "";
        input.dispatchEvent(new InputEvent("input", { inputType: "deleteContentBackward", bubbles: true }));
        window.__afterInput = [];
        window.__pasteTakenOver = undefined;
        await navigator.clipboard.writeText(text);
    }, text);
    await page.getByTestId("input").focus();
    await page.keyboard.press("Control+V");
}

test("a short paste: the browser's own paste, analyzed at once (no typing pause)", async () => {
    const { page } = session;
    const sample = readSample();
    await ctrlV(page, sample);
    await waitDone(page);
    const events = await page.evaluate(() => window.__afterInput);
    assert.deepEqual(events[0], { type: "insertFromPaste", state: "busy" }, "the run started in the paste's own task");
    assert.equal(await page.evaluate(() => window.__pasteTakenOver), false, "a short paste is the browser's (it can be undone)");
    assert.equal(await page.getByTestId("input").inputValue(), sample.replace(/\r\n?/g, "\n"));
    assert.ok(await page.getByTestId("input").isVisible());
    assert.ok((await page.getByTestId("outline-heading").count()) >= 3);
});

test("a 12 MB paste: held with the textarea hidden, analyzed whole, shown in part with a notice", async () => {
    const { page } = session;
    const unit = `${readSample().trim()}\n\n`;
    const text = unit.repeat(Math.ceil(LARGE_BYTES / Buffer.byteLength(unit)));
    await ctrlV(page, text);
    await waitDone(page);
    const events = await page.evaluate(() => window.__afterInput);
    assert.deepEqual(events[0], { type: "insertFromPaste", state: "busy" });
    assert.equal(await page.evaluate(() => window.__pasteTakenOver), true, "a long paste is put in by the page");
    const lines = text.split("\n").length;
    assert.equal(await page.getByTestId("counter").textContent(), `${text.length.toLocaleString("en-US")} characters · ${lines.toLocaleString("en-US")} lines`);
    assert.ok(!(await page.getByTestId("huge-note").isHidden()), "the huge-text note is shown");
    assert.ok(await page.getByTestId("input").isHidden(), "the textarea is kept out of the layout");
    assert.ok(!(await page.getByTestId("truncated").isHidden()), "the cleaned text is shown in part, with a notice");
    assert.match(await page.getByTestId("truncated").textContent(), /Showing the first 400,000 of/);
    assert.match(await page.getByTestId("status").textContent(), /^Done in/);
    assert.ok((await page.getByTestId("term-row").count()) > 0);
    // On request the whole text goes into the textarea.
    await page.locator("#show-huge").click();
    assert.ok(await page.getByTestId("input").isVisible());
    assert.equal(await page.evaluate(() => document.getElementById("input").value.length), text.length);
    console.log(`# 12 MB Ctrl+V paste: ${text.length.toLocaleString()} UTF-16 units, ${Buffer.byteLength(text).toLocaleString()} bytes; "${await page.getByTestId("status").textContent()}"`);
    assert.deepEqual(session.problems, []);
    assertOnlyPoolFiles(session, browser.url);
});

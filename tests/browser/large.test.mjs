// A 10 MB paste: the page stays responsive. Prints the longest main-thread task seen by a
// PerformanceObserver ("longtask") and the worst timer lag while the Worker analyzes — a
// benchmark figure, not a timed assertion. Then a newer input cancels a stale long run.

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { readSample, startLagProbe } from "../support/package.mjs";
import { assertOnlyPoolFiles, launch, openPage, outputDir, waitDone } from "./page-support.mjs";

const TARGET_BYTES = 10 * 1024 * 1024;

let browser;
let session;

before(async () => {
    browser = await launch();
    await browser.context.addInitScript(() => {
        window.__longest = 0;
        window.__longtasks = 0;
        new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
                window.__longtasks++;
                window.__longest = Math.max(window.__longest, entry.duration);
            }
        }).observe({ type: "longtask", buffered: false });
    });
    session = await openPage(browser.context, browser.url);
});

after(async () => {
    await browser?.close();
});

test("a 10 MB paste: analyzed in the Worker, the longest main-thread task is reported", async () => {
    const { page } = session;
    const sample = readSample();
    const started = Date.now();
    await page.evaluate(startLagProbe);
    const info = await page.evaluate(([sample, target]) => {
        let text = "";
        const bytes = new TextEncoder().encode(sample).length;
        const copies = Math.ceil(target / (bytes + 2));
        text = Array.from({ length: copies }, (_, i) => sample.replace("第001版", `第${i}版`)).join("\n\n");
        window.__longest = 0;
        window.__longtasks = 0;
        const input = document.getElementById("input");
        input.value = text; // what a paste does, then an input event
        input.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste" }));
        return { chars: text.length, bytes: new TextEncoder().encode(text).length };
    }, [sample, TARGET_BYTES]);
    assert.ok(info.bytes >= TARGET_BYTES, `${info.bytes} bytes`);
    // progress is shown while it runs
    await page.waitForFunction(() => /M characters|百万字符/.test(document.getElementById("status").textContent), null, { timeout: 30_000 });
    await waitDone(page);
    const seconds = (Date.now() - started) / 1000;
    const { longest, count, lag } = await page.evaluate(() => {
        clearInterval(window.__probe);
        return { longest: window.__longest, count: window.__longtasks, lag: window.__lag };
    });
    assert.ok((await page.getByTestId("outline-heading").count()) > 3);
    assert.ok(!(await page.getByTestId("truncated").isHidden()), "the very long text is shown in part");
    await page.screenshot({ path: join(outputDir, "10-large.png") });
    console.log(
        `# 10 MB paste: ${info.chars.toLocaleString()} UTF-16 units, ${info.bytes.toLocaleString()} bytes; ` +
            `done after ${seconds.toFixed(1)} s; status "${await page.getByTestId("status").textContent()}"`,
    );
    console.log(`# longest main-thread task: ${Math.round(longest)} ms (${count} long tasks); worst 50 ms-timer lag: ${Math.round(lag)} ms`);
    console.log(`# requests after load: ${session.afterLoad.length} (${session.afterLoad.map((url) => url.replace(browser.url, "")).join(", ")})`);
    assertOnlyPoolFiles(session, browser.url);
    assert.deepEqual(session.problems, []);
});

test("a newer input cancels a stale long run", async () => {
    const { page } = session;
    const sample = readSample();
    // About 18 MB, whatever the sample's size: a run that takes seconds even on a fast machine.
    const copies = Math.ceil(18_000_000 / sample.length);
    await page.evaluate(([sample, copies]) => {
        const input = document.getElementById("input");
        input.value = Array.from({ length: copies }, () => sample).join("\n\n");
        input.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste" }));
        document.getElementById("analyze").click();
    }, [sample, copies]);
    const starts = Number(await page.evaluate(() => document.body.dataset.workerStarts));
    await page.waitForTimeout(2_000); // the long run is under way
    assert.equal(await page.getByTestId("status").getAttribute("data-state"), "busy");
    await page.evaluate(() => {
        const input = document.getElementById("input");
        input.value = "短文。\n\n一、新的标题\n\n新的内容在这里。";
        input.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste" }));
        document.getElementById("analyze").click();
    });
    await waitDone(page);
    assert.ok(await page.getByTestId("input").isVisible(), "a short text is shown in the textarea again");
    assert.equal(Number(await page.evaluate(() => document.body.dataset.workerStarts)), starts + 1, "the Worker was restarted");
    assert.match(await page.getByTestId("cleaned").textContent(), /新的内容在这里/);
    // Restarting the Worker loads its scripts again (same origin, from cache); the page gives it
    // the module the first Worker compiled.
    const foreign = session.afterLoad.filter((request) => !request.startsWith(browser.url));
    assert.deepEqual(foreign, []);
    console.log(`# cancel by restarting the Worker: ${session.afterLoad.length} requests seen (all same-origin; the new Worker reloads its scripts, not the module)`);
});

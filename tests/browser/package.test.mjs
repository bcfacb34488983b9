// The npm package's browser build on a page's main thread, in headless Chromium:
// `import init, { analyze }`, `await init()`, analyze, survive a crash.

import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { chromium } from "playwright-core";

import { startServer } from "../../scripts/static-server.mjs";
import { chromiumOptions, pkgDir, readSample } from "../support/package.mjs";

let site;
let server;
let url;
let browser;

before(async () => {
    site = mkdtempSync(join(tmpdir(), "qingwen-site-"));
    cpSync(pkgDir, join(site, "qingwen"), { recursive: true });
    writeFileSync(
        join(site, "index.html"),
        '<!doctype html><meta charset="utf-8"><title>qingwen package</title>' +
            '<script type="module" src="main.js"></script>',
    );
    writeFileSync(
        join(site, "main.js"),
        `import init, { analyze, __crashForTesting } from "./qingwen/index.js";
        window.run = async (text) => {
            const out = {};
            try { analyze(text); } catch (error) { out.beforeInit = error.message; }
            await init();
            await init();
            const first = analyze(text);
            out.headings = first.blocks.filter((b) => b.kind === "heading").map((b) => b.text);
            out.terms = first.terms.length;
            try { analyze(text, { nope: 1 }); } catch (error) { out.badOptions = error.message; }
            for (const kind of ["panic", "trap"]) {
                try { __crashForTesting(kind); } catch (error) { out[kind] = error.message; }
                out[kind + "Then"] = JSON.stringify(analyze(text)) === JSON.stringify(first);
            }
            return out;
        };
        window.loaded = true;`,
    );
    ({ server, url } = await startServer({ root: site, port: 0 }));
    browser = await chromium.launch(chromiumOptions);
});

after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
    if (site) rmSync(site, { recursive: true, force: true });
});

test("init, analyze, bad options and crash recovery on the main thread", async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(url);
    await page.waitForFunction(() => window.loaded === true);
    const out = await page.evaluate((text) => window.run(text), readSample());

    assert.match(out.beforeInit, /await init\(\)/);
    assert.equal(out.headings.length, 3);
    assert.ok(out.terms > 0);
    assert.match(out.badOptions, /^qingwen: invalid options: unknown field `nope`/);
    assert.match(out.panic, /crashed .*deliberate panic for testing/s);
    assert.match(out.trap, /crashed \(RuntimeError: unreachable/);
    assert.equal(out.panicThen, true, "analyze works after a panic");
    assert.equal(out.trapThen, true, "analyze works after a trap");
    assert.deepEqual(errors, []);
    await page.close();
});

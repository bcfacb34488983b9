// The page in headless Chromium (Debian's, driven by playwright-core): paste the sample,
// analyze, see the outline and the terms, and check that nothing went over the network
// after the page had loaded.

import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { chromium } from "playwright-core";

import { startServer } from "../../scripts/static-server.mjs";
import { readSample, repoRoot } from "../support/package.mjs";

const CHROMIUM = "/usr/bin/chromium";
const outputDir = join(repoRoot, "tests/output");

let server;
let url;
let context;
let profile;

before(async () => {
    assert.ok(
        existsSync(join(repoRoot, "www/pkg/index.js")),
        "www/pkg is missing: run `bash scripts/build-wasm.sh` first",
    );
    ({ server, url } = await startServer({ root: join(repoRoot, "www"), port: 0 }));
    profile = mkdtempSync(join(tmpdir(), "qingwen-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
        viewport: { width: 1280, height: 900 },
    });
});

after(async () => {
    await context?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
    if (profile) rmSync(profile, { recursive: true, force: true });
});

test("paste the sample, analyze: outline, terms, and no request after load", async () => {
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
        if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    const requests = [];
    let loaded = false;
    const afterLoad = [];
    // Requests from the module Worker are reported on the context.
    context.on("request", (request) => {
        requests.push(request.url());
        if (loaded) afterLoad.push(request.url());
    });

    await page.goto(url);
    // Loaded means the Worker has fetched and started the WebAssembly module.
    await page.locator('[data-testid="status"][data-state="ready"]').waitFor({ timeout: 60_000 });
    loaded = true;

    assert.match(await page.getByTestId("privacy").textContent(), /nothing you paste leaves/i);
    assert.ok(requests.some((r) => r.endsWith("/pkg/qingwen_bg.wasm")), "the page loaded the wasm");
    for (const request of requests) assert.ok(request.startsWith(url), `same origin: ${request}`);

    await page.getByTestId("input").fill(readSample());
    await page.getByTestId("analyze").click();
    await page.locator('[data-testid="status"][data-state="done"]').waitFor({ timeout: 60_000 });

    const headings = await page.getByTestId("outline-heading").allTextContents();
    for (const heading of [
        "突出凝心铸魂 高举思想旗帜",
        "紧扣中心大局 汇聚组织力量",
        "坚持选贤任能 锻造骨干队伍",
    ]) {
        assert.ok(headings.includes(heading), `outline shows ${heading}: ${JSON.stringify(headings)}`);
    }
    const rows = page.getByTestId("term-row");
    assert.ok((await rows.count()) > 0, "the terms table has rows");
    assert.ok((await rows.count()) <= 50, "at most 50 terms");
    assert.ok((await page.getByTestId("cleaned").textContent()).length > 1000, "cleaned text shown");

    mkdirSync(outputDir, { recursive: true });
    await page.screenshot({ path: join(outputDir, "page.png"), fullPage: true });

    assert.deepEqual(afterLoad, [], "no request after load");
    assert.deepEqual(problems, []);
    await page.close();
});

test("user text is rendered as text, never as HTML", async () => {
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('[data-testid="status"][data-state="ready"]').waitFor({ timeout: 60_000 });
    const hostile = '<img src=x onerror="window.__pwned=1">标题\n<b>粗体</b>的文字内容。';
    await page.getByTestId("input").fill(hostile);
    await page.getByTestId("analyze").click();
    await page.locator('[data-testid="status"][data-state="done"]').waitFor({ timeout: 60_000 });
    assert.equal(await page.locator("#results img, #results b").count(), 0);
    assert.match(await page.getByTestId("cleaned").textContent(), /<img src=x/);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    await page.close();
});

// Shared by the page's browser tests: serve www/, launch Debian's Chromium, open the page
// with a recorder of every request (page and Worker) and of page errors, and helpers.

import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { chromium } from "playwright-core";

import { startServer } from "../../scripts/static-server.mjs";
import { chromiumOptions, repoRoot } from "../support/package.mjs";

export const outputDir = join(repoRoot, "tests/output");

/** Starts the server and the browser; returns `{ url, context, close }`. */
export async function launch({ viewport = { width: 1280, height: 900 }, locale = "en-US" } = {}) {
    assert.ok(
        existsSync(join(repoRoot, "www/pkg/index.js")),
        "www/pkg is missing: run `bash scripts/build-wasm.sh` first",
    );
    const { server, url } = await startServer({ root: join(repoRoot, "www"), port: 0 });
    const profile = mkdtempSync(join(tmpdir(), "qingwen-chromium-"));
    const context = await chromium.launchPersistentContext(profile, {
        ...chromiumOptions,
        viewport,
        locale,
        acceptDownloads: true,
    });
    mkdirSync(outputDir, { recursive: true });
    return {
        url,
        context,
        async close() {
            await context.close();
            await new Promise((resolve) => server.close(resolve));
            rmSync(profile, { recursive: true, force: true });
        },
    };
}

/**
 * Opens the page and waits until the Worker has loaded the module. Returns
 * `{ page, afterLoad, problems }`: requests made after that point, and page errors.
 */
export async function openPage(context, url) {
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
        if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    const requests = [];
    const afterLoad = [];
    let loaded = false;
    // Requests from the module Worker are reported on the context.
    const record = (request) => {
        requests.push(request.url());
        if (loaded) afterLoad.push(request.url());
    };
    context.on("request", record);
    page.on("close", () => context.off("request", record));
    await page.goto(url);
    await page.locator('[data-testid="status"][data-state="ready"]').waitFor({ timeout: 60_000 });
    // Loading includes the service worker's copy of the page's files, for offline use.
    await page.evaluate(() => navigator.serviceWorker?.ready);
    await page.waitForTimeout(200);
    loaded = true;
    for (const request of requests) assert.ok(request.startsWith(url), `same origin: ${request}`);
    return { page, afterLoad, problems, requests };
}

/**
 * `openPage` with traps for code the page must never run: `window.__xss` counts calls of
 * `alert` (payloads increment it too), and dialogs are counted and dismissed. The session
 * also has `dialogs()`, how many were opened.
 */
export async function openTrappedPage(context, url) {
    await context.addInitScript(() => {
        window.__xss = 0;
        window.alert = () => window.__xss++;
    });
    const session = await openPage(context, url);
    let dialogs = 0;
    session.page.on("dialog", async (dialog) => {
        dialogs++;
        await dialog.dismiss();
    });
    session.dialogs = () => dialogs;
    return session;
}

/** Puts `text` in the input as a paste would and waits for the analysis. */
/**
 * The files a page may request after load: a long paste is analysed in parts on more than one
 * core (worker.js's runInParts), and the pool's Workers load their script and the glue from
 * the page's origin (the compiled module is handed to them). Asserts nothing else was asked.
 */
export function assertOnlyPoolFiles(session, url) {
    const poolFiles = new Set(["pool-worker.js", "pkg/index.js", "pkg/qingwen.js"]);
    for (const asked of session.afterLoad) assert.ok(asked.startsWith(url) && poolFiles.has(asked.slice(url.length)), asked);
}

export async function paste(page, text) {
    await page.getByTestId("input").fill(text);
    await page.getByTestId("analyze").click();
    await waitDone(page);
}

export async function waitDone(page) {
    await page.locator('[data-testid="status"][data-state="done"]').waitFor({ timeout: 120_000 });
}

/** Drops a file with `name` and `content` on the page, as a drag from the desktop would. */
export async function dropFile(page, name, content, type) {
    const transfer = await page.evaluateHandle(
        ([name, content, type]) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([content], name, { type }));
            return transfer;
        },
        [name, content, type],
    );
    const target = page.getByTestId("input");
    await target.dispatchEvent("dragenter", { dataTransfer: transfer });
    await target.dispatchEvent("dragover", { dataTransfer: transfer });
    await target.dispatchEvent("drop", { dataTransfer: transfer });
}

/** Parses CSV (RFC 4180, as qingwen writes it: optional BOM, CRLF) into rows of fields. */
export function parseCsv(text) {
    text = text.replace(/^\uFEFF/, "");
    const rows = [];
    let row = [];
    let field = "";
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') {
                field += '"';
                i++;
            } else if (c === '"') quoted = false;
            else field += c;
        } else if (c === '"') quoted = true;
        else if (c === ",") {
            row.push(field);
            field = "";
        } else if (c === "\r" && text[i + 1] === "\n") {
            /* the \n ends the row */
        } else if (c === "\n") {
            row.push(field);
            rows.push(row);
            row = [];
            field = "";
        } else field += c;
    }
    if (field || row.length) {
        row.push(field);
        rows.push(row);
    }
    return rows;
}

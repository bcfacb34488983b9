// The page in headless Chromium: how soon it is ready, how long a paste takes to show its
// result (made early, 300 ms after navigation, or once ready), and the largest paste
// (weicheng.txt repeated to 50 MB, pasted with Ctrl+V from the clipboard). Prints one table;
// figures, not assertions. Takes about two minutes.
//
//   bash scripts/build-wasm.sh && (cd tests && npm ci)   # once: pkg/, www/pkg, playwright-core
//   node bench/page.mjs [--runs 5] [--huge-mb 50] [--www DIR] [CORPUS]
//
// Times are the page's own clock (performance.now(), 0 = navigation start) read by a
// MutationObserver on the status line: data-state="ready" once the Worker has loaded the
// module, "done" once a result is rendered. Every run opens a fresh browser context (empty
// HTTP cache, no service worker), served by scripts/static-server.mjs from www/.

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";

import { startServer } from "../scripts/static-server.mjs";
import { chromiumOptions, startLagProbe } from "../tests/support/package.mjs";
import { corpusPath as corpusOrShared } from "./corpus.mjs";
import { takeOption } from "./options.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => takeOption(args, name, fallback);
const RUNS = Number(option("--runs", 5));
const HUGE_MB = Number(option("--huge-mb", 50));
// another copy of the page to measure, e.g. an older commit's: git archive COMMIT www | tar -x -C DIR
const wwwDir = option("--www", `${root}www`);
const corpusPath = corpusOrShared(args[0]);
const samplePath = `${root}tests/fixtures/samples/zh-epaper.txt`;
const EARLY_MS = 300;

if (!existsSync(`${wwwDir}/pkg/index.js`)) throw new Error(`${wwwDir}/pkg is missing: run \`bash scripts/build-wasm.sh\` first`);
// playwright-core is a dev dependency of tests/ (`cd tests && npm ci`).
const { chromium } = createRequire(`${root}tests/package.json`)("playwright-core");

const corpus = readFileSync(corpusPath, "utf8");
const sample = existsSync(samplePath) ? readFileSync(samplePath, "utf8") : corpus.slice(0, 3000);

/** Runs in the page before its scripts: records when the status line changes state, and long tasks. */
function recorder() {
    window.__states = [];
    window.__longtasks = [];
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longtasks.push({ start: entry.startTime, ms: entry.duration });
    }).observe({ type: "longtask", buffered: true });
    new MutationObserver(() => {
        // main.js sets data-worker-starts on <body> when it creates the Worker
        if (window.__workerAt === undefined && document.body?.dataset.workerStarts) window.__workerAt = performance.now();
        const status = document.getElementById("status");
        const state = status?.dataset.state;
        const last = window.__states.at(-1);
        if (state && state !== last?.state) window.__states.push({ state, at: performance.now(), text: status.textContent });
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state", "data-worker-starts"] });
}

/** What a paste does to the textarea: the value, then an input event of type insertFromPaste. */
function pasteScript(text) {
    const input = document.getElementById("input");
    input.value = text;
    input.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste", bubbles: true }));
}

const loadStart = loadavg().slice(0, 2);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const stateAt = (states, state, after = 0) => states.find((s) => s.state === state && s.at >= after)?.at;

const { server, url } = await startServer({ root: wwwDir, port: 0 });
const browser = await chromium.launch(chromiumOptions);

async function freshPage(options = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US", ...options });
    await context.addInitScript(recorder);
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("crash", () => errors.push("renderer crashed"));
    return { context, page, errors };
}

async function waitState(page, state, after, timeout = 60_000) {
    await page.waitForFunction(
        ([state, after]) => window.__states.some((s) => s.state === state && s.at >= after) || window.__states.at(-1)?.state === "error",
        [state, after],
        { timeout, polling: 50 },
    );
    const states = await page.evaluate(() => window.__states);
    const error = states.findLast((s) => s.state === "error");
    if (error) throw new Error(`page error state: ${error.text}`);
    return states;
}

try {
    // (a) ready, and (c) a paste once ready, in the same fresh contexts.
    const ready = [];
    const workerAt = [];
    const afterReady = [];
    for (let i = 0; i < RUNS; i++) {
        const { context, page } = await freshPage();
        await page.goto(url);
        let states = await waitState(page, "ready", 0);
        ready.push(stateAt(states, "ready"));
        workerAt.push(await page.evaluate(() => window.__workerAt));
        await page.waitForTimeout(300);
        const pastedAt = await page.evaluate(() => performance.now());
        await page.evaluate(pasteScript, sample);
        states = await waitState(page, "done", pastedAt);
        afterReady.push(stateAt(states, "done", pastedAt) - pastedAt);
        await context.close();
    }

    // (b) a paste 300 ms after navigation, before the Worker is ready.
    const early = [];
    let earlyBeforeReady = 0;
    for (let i = 0; i < RUNS; i++) {
        const { context, page } = await freshPage();
        await context.addInitScript(
            ([text, at]) => {
                const paste = () => {
                    // main.js sets data-worker-starts when it has run and started the Worker.
                    if (!document.body?.dataset.workerStarts) return setTimeout(paste, 5);
                    window.__pastedAt = performance.now();
                    window.__readyAtPaste = document.getElementById("status").dataset.state === "ready";
                    const input = document.getElementById("input");
                    input.value = text;
                    input.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste", bubbles: true }));
                };
                setTimeout(paste, Math.max(0, at - performance.now()));
            },
            [sample, EARLY_MS],
        );
        await page.goto(url);
        await page.waitForFunction(() => window.__pastedAt !== undefined, null, { timeout: 60_000 });
        const pastedAt = await page.evaluate(() => window.__pastedAt);
        const states = await waitState(page, "done", pastedAt);
        if (!(await page.evaluate(() => window.__readyAtPaste))) earlyBeforeReady += 1;
        early.push({ pastedAt, done: stateAt(states, "done", pastedAt) - pastedAt });
        await context.close();
    }

    // (d) the largest paste, as a person makes it: the text on the clipboard, then Ctrl+V in
    // the textarea (the browser's own paste, not a script setting the value).
    const huge = { mb: HUGE_MB };
    {
        const { context, page, errors } = await freshPage({ permissions: ["clipboard-read", "clipboard-write"] });
        await context.addInitScript(() => {
            document.addEventListener("paste", () => (window.__pastedAt ??= performance.now()), true);
        });
        await page.goto(url);
        await waitState(page, "ready", 0);
        const info = await page.evaluate(
            async ([corpus, bytes]) => {
                // weicheng repeated to `bytes` UTF-8 bytes, cut after a whole line
                const unit = corpus.endsWith("\n") ? corpus : `${corpus}\n`;
                const unitBytes = new TextEncoder().encode(unit).length;
                let text = unit.repeat(Math.floor(bytes / unitBytes));
                const rest = new TextEncoder().encode(unit).subarray(0, bytes - unitBytes * Math.floor(bytes / unitBytes));
                const tail = new TextDecoder().decode(rest);
                text += tail.slice(0, tail.lastIndexOf("\n") + 1);
                await navigator.clipboard.writeText(text);
                return { chars: text.length, bytes: new TextEncoder().encode(text).length };
            },
            [corpus, HUGE_MB * 1e6],
        );
        Object.assign(huge, info);
        await page.getByTestId("input").focus();
        await page.evaluate(startLagProbe);
        await page.keyboard.press("Control+V");
        await page.waitForFunction(() => window.__pastedAt !== undefined, null, { timeout: 60_000 });
        const pastedAt = await page.evaluate(() => window.__pastedAt);
        huge.counter = await page.evaluate(() => document.getElementById("counter").textContent);
        const started = Date.now();
        try {
            const states = await waitState(page, "done", pastedAt, 600_000);
            huge.completed = true;
            huge.seconds = (stateAt(states, "done", pastedAt) - pastedAt) / 1000;
            huge.status = states.at(-1).text;
        } catch (error) {
            huge.completed = false;
            huge.seconds = (Date.now() - started) / 1000;
            huge.failure = errors.length ? errors.join("; ") : error.message.split("\n")[0];
            huge.status = await page.evaluate(() => document.getElementById("status").textContent).catch(() => "?");
        }
        if (!errors.includes("renderer crashed")) {
            // let the rendering that follows the result run, so that its tasks are counted
            await page.waitForTimeout(1_000);
            const measured = await page.evaluate((pastedAt) => {
                clearInterval(window.__probe);
                const tasks = window.__longtasks.filter((task) => task.start + task.ms >= pastedAt).map((task) => task.ms);
                tasks.sort((a, b) => b - a);
                return {
                    longest: tasks[0] ?? 0,
                    top: tasks.slice(0, 5),
                    count: tasks.length,
                    lag: window.__lag,
                    truncated: document.getElementById("truncated").hidden ? "" : document.getElementById("truncated").textContent,
                    marks: document.querySelectorAll("#cleaned mark").length,
                    shown: document.getElementById("cleaned").textContent.length,
                };
            }, pastedAt);
            Object.assign(huge, measured);
        }
        await context.close();
    }

    const ms = (x) => (x === null || x === undefined ? "—" : `${Math.round(x)} ms`);
    console.log(`qingwen page (${wwwDir.replace(root, "")}) in headless Chromium ${browser.version()}, scripts/static-server.mjs on 127.0.0.1; ${RUNS} fresh contexts each`);
    console.log(`load average (1, 5 min) at the start ${loadStart.map((x) => x.toFixed(1)).join(", ")}, at the end ${loadavg().slice(0, 2).map((x) => x.toFixed(1)).join(", ")} on ${cpus().length} CPUs`);
    console.log(`paste text: ${samplePath.replace(root, "")} (${sample.length.toLocaleString("en")} characters); large: ${corpusPath} repeated`);
    const rows = [
        ["navigation start → status ready (Worker has loaded the module)", ms(median(ready)), ready.map((x) => Math.round(x)).join(", ")],
        ["navigation start → main.js creates the Worker", ms(median(workerAt)), workerAt.map((x) => Math.round(x)).join(", ")],
        [`paste after ready → result shown`, ms(median(afterReady)), afterReady.map((x) => Math.round(x)).join(", ")],
        [
            `paste at ~${EARLY_MS} ms (at ${early.map((e) => Math.round(e.pastedAt)).join(", ")} ms; before ready in ${earlyBeforeReady}/${RUNS}) → result shown`,
            ms(median(early.map((e) => e.done))),
            `${early.map((e) => Math.round(e.done)).join(", ")}; navigation → result ${ms(median(early.map((e) => e.pastedAt + e.done)))} ` +
                `(vs ready + paste after ready ${ms(median(ready) + median(afterReady))})`,
        ],
        [
            `${HUGE_MB} MB paste, Ctrl+V (${huge.bytes?.toLocaleString("en")} bytes, ${huge.chars?.toLocaleString("en")} UTF-16 units; counter "${huge.counter}") → result shown`,
            huge.completed ? `${huge.seconds.toFixed(1)} s` : `FAILED after ${huge.seconds.toFixed(0)} s`,
            huge.completed ? `status "${huge.status}"` : `${huge.failure}; status "${huge.status}"`,
        ],
        [
            `${HUGE_MB} MB: longest main-thread task (long tasks ≥ 50 ms after the paste)`,
            ms(huge.longest),
            `${huge.count ?? "?"} long tasks, top ${(huge.top ?? []).map((x) => Math.round(x)).join(", ")} ms; worst 50 ms-timer lag ${ms(huge.lag)}`,
        ],
        [`${HUGE_MB} MB: what is shown`, `${(huge.shown ?? 0).toLocaleString("en")} chars`, `${huge.marks ?? 0} highlighted fixes; "${huge.truncated ?? ""}"`],
    ];
    const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i].length), 6));
    console.log(`| ${"measurement".padEnd(widths[0])} | ${"median".padStart(widths[1])} | runs / details |`);
    console.log(`|${"-".repeat(widths[0] + 2)}|${"-".repeat(widths[1] + 2)}|----------------|`);
    for (const [a, b, c] of rows) console.log(`| ${a.padEnd(widths[0])} | ${b.padStart(widths[1])} | ${c} |`);
} finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
}

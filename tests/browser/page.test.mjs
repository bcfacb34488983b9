// The page in headless Chromium (Debian's, driven by playwright-core): paste the sample and
// use every panel — outline, highlighted fixes, terms, KWIC, options, exports — drop a file,
// paste English, switch language; and check that nothing went over the network after the
// page had loaded. Screenshots go to tests/output/.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { readSample, repoRoot } from "../support/package.mjs";
import { dropFile, launch, openPage, outputDir, parseCsv, paste, waitDone } from "./page-support.mjs";

const HEADINGS = ["夯实设施网络 拓展服务阵地", "丰富活动供给 激发群众热情", "创新数字服务 提升治理效能"];
const ENGLISH = `THE QUARTERLY REVIEW
Annual report of the river authority

1. Water quality
The river authority measured water quality at forty sta-
tions along the river. Water quality improved at most stations,
and the authority expects water quality to keep improving.

2. Flood defences
New flood defences were built in three towns. The flood defences
held during the spring floods.

Page 3 of 12
`;

let browser;
let session; // one page used by the tests in order, as a person would
const sample = readSample();

before(async () => {
    browser = await launch();
    session = await openPage(browser.context, browser.url);
});

after(async () => {
    await browser?.close();
});

const shot = (page, name, fullPage = false) => page.screenshot({ path: join(outputDir, name), fullPage });

test("the privacy line is shown and the CSP forbids other origins", async () => {
    const { page } = session;
    assert.match(await page.getByTestId("privacy").textContent(), /nothing you paste leaves/i);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    assert.match(csp, /connect-src 'self'/);
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /https?:|\*/);
});

test("paste the sample: three headings in the outline, terms table, counter", async () => {
    const { page } = session;
    await paste(page, sample);
    const headings = await page.getByTestId("outline-heading").allTextContents();
    for (const heading of HEADINGS) {
        assert.ok(headings.includes(heading), `outline shows ${heading}: ${JSON.stringify(headings)}`);
    }
    assert.match(await page.getByTestId("counter").textContent(), /characters · \d+ lines/);
    assert.ok((await page.getByTestId("cleaned").textContent()).length > 1000, "cleaned text shown");
    await shot(page, "01-sample.png", true);
});

test("the terms table's first rows are the package's top terms, and it sorts and filters", async () => {
    const { page } = session;
    const { analyze } = await import(join(repoRoot, "pkg/node.js"));
    const expected = analyze(sample, { terms: { top: 500 } }).terms;
    const rows = page.getByTestId("term-row");
    assert.equal(await rows.count(), expected.length);
    for (let i = 0; i < 5; i++) {
        const cells = await rows.nth(i).locator("td").allTextContents();
        assert.deepEqual(cells, [String(i + 1), expected[i].term, String(expected[i].count), expected[i].per10k.toFixed(1), expected[i].tag]);
    }
    assert.equal(await page.locator("#chart .chart-row").count(), Math.min(20, expected.length));

    await page.getByTestId("sort-count").click(); // ascending now
    const lowest = await rows.nth(0).locator("td").nth(2).textContent();
    assert.equal(Number(lowest), Math.min(...expected.map((t) => t.count)));
    await page.getByTestId("sort-count").click(); // back to descending

    await page.getByTestId("filter").fill(expected[0].term);
    assert.ok((await rows.count()) >= 1);
    for (const term of await page.locator('[data-testid="term-row"] td.term').allTextContents()) {
        assert.ok(term.includes(expected[0].term), term);
    }
    await page.getByTestId("filter").fill("");
});

test("clicking an outline heading scrolls the cleaned text to it (and Enter does too)", async () => {
    const { page } = session;
    const cleaned = page.getByTestId("cleaned");
    for (const [index, how] of [[2, "click"], [1, "Enter"]]) {
        const heading = page.getByTestId("outline-heading").filter({ hasText: HEADINGS[index] });
        if (how === "click") await heading.click();
        else {
            await heading.focus();
            await page.keyboard.press("Enter");
        }
        const { top, visible } = await cleaned.evaluate((view, text) => {
            const [start] = view.dataset.target.split("-").map(Number);
            const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
            let at = 0;
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                if (at + node.length > start) {
                    const range = document.createRange();
                    range.setStart(node, start - at);
                    range.setEnd(node, Math.min(node.length, start - at + 1));
                    const rect = range.getBoundingClientRect();
                    const box = view.getBoundingClientRect();
                    return { top: view.scrollTop, visible: rect.top >= box.top - 1 && rect.bottom <= box.bottom + 1, text };
                }
                at += node.length;
            }
            return { top: view.scrollTop, visible: false };
        }, HEADINGS[index]);
        assert.ok(top > 0, `${how}: the cleaned text scrolled`);
        assert.ok(visible, `${how}: ${HEADINGS[index]} is in view`);
        const target = await cleaned.getAttribute("data-target");
        const [start, end] = target.split("-").map(Number);
        const text = await page.evaluate(([s, e]) => document.getElementById("cleaned").textContent.slice(s, e), [start, end]);
        assert.equal(text, HEADINGS[index]);
    }
    await shot(page, "02-outline-scrolled.png");
});

test("a highlighted fix shows its original text on hover and on keyboard focus", async () => {
    const { page } = session;
    const marks = page.getByTestId("fix-mark");
    assert.ok((await marks.count()) > 0, "fixes are highlighted");
    // A fix that replaced something visible, so the original is worth reading.
    const index = await page.evaluate(() => {
        const marks = [...document.querySelectorAll("mark.fix")];
        return Math.max(0, marks.findIndex((m) => ["page_footer", "running_header", "look_alike", "space_removed"].includes(m.dataset.kind)));
    });
    const mark = marks.nth(index);
    await mark.scrollIntoViewIfNeeded();
    await mark.hover();
    const tooltip = page.getByTestId("tooltip");
    await tooltip.waitFor({ state: "visible" });
    const shown = await page.getByTestId("tooltip-original").textContent();
    const expected = await mark.evaluate((m, input) => {
        return m.dataset.edit;
    });
    const { analyze } = await import(join(repoRoot, "pkg/node.js"));
    const edit = analyze(sample, { terms: { top: 500 } }).edits[Number(expected)];
    const original = sample.slice(edit.original.start, edit.original.end);
    const visible = original === "" ? null : original.replaceAll("\n", "↵\n").replaceAll("\t", "⇥").replaceAll(" ", "·").replaceAll("\u00a0", "⍽");
    if (visible) assert.equal(shown, visible);
    await shot(page, "03-fix-tooltip.png");
    await page.mouse.move(0, 0);
    await tooltip.waitFor({ state: "hidden" });

    await mark.focus();
    await tooltip.waitFor({ state: "visible" });
    if (visible) assert.equal(await page.getByTestId("tooltip-original").textContent(), visible);
    await page.keyboard.press("Escape");
});

test("the original side by side, and a fix family switched off re-runs the cleaner", async () => {
    const { page } = session;
    await page.getByTestId("show-original").check();
    assert.equal(await page.getByTestId("original").textContent(), sample);
    await shot(page, "04-side-by-side.png");
    await page.getByTestId("show-original").uncheck();
    assert.ok(await page.getByTestId("original").isHidden());

    const before = await page.getByTestId("cleaned").textContent();
    const chip = page.getByTestId("fix-line_join");
    assert.ok(await chip.count(), "the sample has joined lines");
    await page.getByTestId("switch-line_join").uncheck();
    await page.waitForFunction(() => document.querySelector('[data-testid="fix-line_join"] .fix-count')?.textContent === "×0");
    await waitDone(page);
    const after = await page.getByTestId("cleaned").textContent();
    assert.notEqual(after, before);
    assert.equal(await page.locator('mark.fix[data-kind="line_join"]').count(), 0);
    await page.getByTestId("switch-line_join").check();
    await page.waitForFunction(() => document.querySelector('[data-testid="fix-line_join"] .fix-count')?.textContent !== "×0");
    await waitDone(page);
    assert.equal(await page.getByTestId("cleaned").textContent(), before);
});

test("clicking a term shows its KWIC lines; keywords, phrases and sections tabs", async () => {
    const { page } = session;
    const first = page.locator('[data-testid="term-row"] .term-link').first();
    const term = await first.textContent();
    await first.click();
    await page.getByTestId("kwic-line").first().waitFor();
    const lines = await page.getByTestId("kwic-line").allTextContents();
    assert.ok(lines.length > 1);
    for (const line of lines) assert.ok(line.toLowerCase().includes(term), line);
    await page.getByTestId("kwic-line").first().click();
    assert.ok(await page.getByTestId("cleaned").getAttribute("data-target"));

    for (const [tab, rows] of [["keywords", "keyword-row"], ["phrases", "phrase-row"], ["sections", "section-row"]]) {
        await page.getByTestId(`tab-${tab}`).click();
        assert.ok((await page.getByTestId(rows).count()) > 0, `${tab} has rows`);
    }
    await page.getByTestId("tab-cloud").click();
    await page.waitForFunction(() => document.getElementById("cloud").dataset.words > 0);
    await page.waitForTimeout(800); // wordcloud2.js draws over a few frames
    const inked = await page.getByTestId("cloud").evaluate((canvas) => {
        const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i] < 200) dark++;
        return dark;
    });
    assert.ok(inked > 500, `the cloud has words drawn (${inked} dark pixels)`);
    await page.screenshot({ path: join(outputDir, "05b-cloud.png") });
    // arrow keys move between tabs
    await page.getByTestId("tab-sections").focus();
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.getByTestId("tab-terms").getAttribute("aria-selected"), "true");
    await shot(page, "05-kwic.png");
});

test("a CSV download parses back to the table; .txt, .md and .json downloads", async () => {
    const { page } = session;
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-csv").click()]);
    const csv = readFileSync(await download.path(), "utf8");
    assert.ok(csv.startsWith("\uFEFF"), "Excel-safe: a BOM");
    const [header, ...records] = parseCsv(csv);
    assert.deepEqual(header, ["term", "count", "per10k", "tag"]);
    const rows = page.getByTestId("term-row");
    assert.equal(records.length, await rows.count());
    for (let i = 0; i < records.length; i += Math.max(1, Math.floor(records.length / 25))) {
        const [, term, count, per10k, tag] = await rows.nth(i).locator("td").allTextContents();
        assert.deepEqual([records[i][0], records[i][1], Number(records[i][2]).toFixed(1), records[i][3]], [term, count, per10k, tag]);
    }

    const cleaned = await page.evaluate(() => document.getElementById("cleaned").textContent);
    const read = async (id) => {
        const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(id).click()]);
        return { name: file.suggestedFilename(), text: readFileSync(await file.path(), "utf8") };
    };
    const txt = await read("download-txt");
    assert.match(txt.name, /\.txt$/);
    assert.equal(txt.text, cleaned);
    const md = await read("download-md");
    assert.match(md.name, /\.md$/);
    assert.ok(md.text.includes(`## ${HEADINGS[0]}`) || md.text.includes(HEADINGS[0]));
    const json = await read("download-json");
    assert.equal(JSON.parse(json.text).cleaned, cleaned);
});

test("options: custom stopwords drop a term, a bad user-dictionary line is reported", async () => {
    const { page } = session;
    const top = await page.locator('[data-testid="term-row"] .term-link').first().textContent();
    await page.getByTestId("options").locator("summary").click();
    await page.getByTestId("opt-extra").fill(top);
    await page.getByTestId("opt-dict").fill("成渝地区双城经济圈 100 ns\n好词 99999999999999999999999\n");
    await page.getByTestId("opt-dict").blur();
    await page.getByTestId("apply-options").click();
    await waitDone(page);
    const terms = await page.locator('[data-testid="term-row"] .term-link').allTextContents();
    assert.ok(!terms.includes(top), `${top} was dropped`);
    await page.getByTestId("dict-errors").locator("li").first().waitFor();
    assert.match(await page.getByTestId("dict-errors").textContent(), /2/);
    await page.getByTestId("opt-extra").fill("");
    await page.getByTestId("opt-dict").fill("");
    // a POS filter and a minimum length
    await page.getByTestId("opt-pos").fill("n");
    await page.getByTestId("opt-minlen").fill("3");
    await page.getByTestId("apply-options").click();
    await waitDone(page);
    const rows = await page.locator('[data-testid="term-row"]').evaluateAll((rows) =>
        rows.map((row) => [row.querySelector(".term").textContent, row.querySelector(".tag").textContent]));
    assert.ok(rows.length > 0);
    for (const [term, tag] of rows) {
        assert.ok(tag.startsWith("n"), `${term}/${tag} is a noun`);
        assert.ok([...term].length >= 3, `${term} has 3 characters or more`);
    }
    await page.getByTestId("opt-pos").fill("");
    await page.getByTestId("opt-minlen").fill("1");
    await page.getByTestId("apply-options").click();
    await waitDone(page);
});

test("drop a .txt file", async () => {
    const { page } = session;
    await dropFile(page, "sample.txt", sample, "text/plain");
    await page.waitForFunction((n) => document.getElementById("input").value.length === n, sample.length);
    await waitDone(page);
    assert.equal((await page.getByTestId("outline-heading").allTextContents()).filter((h) => HEADINGS.includes(h)).length, 3);
});

test("open an .html file: the text of its body is taken, with a line break per block", async () => {
    const { page } = session;
    const html = "<!doctype html><title>标题页</title><style>p{color:red}</style><h1>一、开篇</h1><p>第一段，<b>加粗</b>文字。</p><script>x()</script><ul><li>条目甲</li><li>条目乙</li></ul>";
    await page.getByTestId("file").setInputFiles({ name: "page.html", mimeType: "text/html", buffer: Buffer.from(html) });
    await page.waitForFunction(() => document.getElementById("input").value.includes("条目乙"));
    await waitDone(page);
    const value = await page.getByTestId("input").inputValue();
    assert.equal(value, "一、开篇\n\n第一段，加粗文字。\n\n条目甲\n\n条目乙");
});

test("paste an English text", async () => {
    const { page } = session;
    await paste(page, ENGLISH);
    const cleaned = await page.getByTestId("cleaned").textContent();
    assert.match(cleaned, /forty stations/);
    const terms = await page.locator('[data-testid="term-row"] .term-link').allTextContents();
    assert.ok(terms.includes("water"), JSON.stringify(terms));
    await shot(page, "06-english.png", true);
});

test("the Chinese UI, and a phone-width screen", async () => {
    const { page } = session;
    await paste(page, sample);
    await page.getByTestId("lang").click();
    assert.equal(await page.getByTestId("privacy").textContent(), "全部在本标签页内运行：你粘贴的内容不会离开你的设备。");
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-Hans");
    assert.match(await page.getByTestId("status").textContent(), /^完成/);
    assert.equal(await page.getByTestId("tab-terms").textContent(), "词频");
    await shot(page, "07-zh.png");
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at 390px (overflow ${overflow}px)`);
    await shot(page, "08-phone.png", true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId("lang").click();
});

test("a browser set to Chinese gets the Chinese UI", async () => {
    const zh = await launch({ locale: "zh-CN" });
    try {
        const { page } = await openPage(zh.context, zh.url);
        assert.equal(await page.getByTestId("analyze").textContent(), "分析");
    } finally {
        await zh.close();
    }
});

test("reopens offline from the service worker's copy", async () => {
    const { page } = session;
    assert.deepEqual(session.afterLoad, [], "no request after load before going offline");
    await browser.context.setOffline(true);
    try {
        await page.reload();
        // (ready, then busy at once: the text kept on the device comes back and is analyzed)
        await page.locator("html[data-ready]").waitFor({ timeout: 60_000 });
        await paste(page, sample);
        assert.ok((await page.getByTestId("outline-heading").allTextContents()).includes(HEADINGS[0]));
    } finally {
        await browser.context.setOffline(false);
    }
    session.afterLoad.length = 0; // the reload loaded the page again (from the copy): not "after load"
});

test("no request after load, no page errors", () => {
    assert.deepEqual(session.afterLoad, [], "no request after load");
    assert.deepEqual(session.problems, []);
    console.log(`# requests after load: ${session.afterLoad.length}`);
});

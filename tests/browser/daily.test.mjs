// Daily use of the page, in headless Chromium: "Try an example" fills the box and analyzes
// it; a click on a highlighted fix undoes that one fix (the cleaned text changes there only,
// the .txt download follows; Ctrl+Z / Ctrl+Shift+Z step through); the text, the undone fix
// and the options come back after a reload; recent documents reopen; "Forget everything"
// clears it all; files in GBK, Big5, UTF-16 LE/BE (with a BOM) and UTF-8 with a BOM are read
// right, and a file that does not decode gets an error naming it and the byte.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { repoRoot } from "../support/package.mjs";
import { launch, openPage, outputDir, paste, waitDone } from "./page-support.mjs";

// The examples are the repository's own samples (www/examples/*.txt link to them).
const EXAMPLE_ZH = readFileSync(join(repoRoot, "www/examples/zh.txt"), "utf8");
const EXAMPLE_EN = readFileSync(join(repoRoot, "www/examples/en.txt"), "utf8");
const FOOTER_ZH = "第 1 页 共 2 页";

let browser;
let session;

before(async () => {
    browser = await launch();
    session = await openPage(browser.context, browser.url);
});

after(async () => {
    await browser?.close();
});

const cleanedText = (page) => page.evaluate(() => document.getElementById("cleaned").textContent);
const inputValue = (page) => page.getByTestId("input").inputValue();

/** Waits until the input is `text` and its analysis is shown (the status may still say "done" from before). */
async function waitInput(page, text) {
    await page.waitForFunction((text) => document.getElementById("input").value === text, text);
    await waitDone(page);
}

/** Waits for a page (re)loaded with a kept document to show its analysis. */
async function waitRestored(page) {
    await page.locator("html[data-ready]").waitFor({ timeout: 60_000 });
    await waitDone(page);
}

/** Waits until what the page shows now is kept: a save made since `since` (a count), none pending. */
async function waitSaved(page, since) {
    await page.waitForFunction((since) => {
        const kept = document.getElementById("kept").dataset;
        return Number(kept.saves ?? 0) > since && kept.pending !== "true";
    }, since);
}

const savesSoFar = (page) => page.evaluate(() => Number(document.getElementById("kept").dataset.saves ?? 0));

/** `after` is `before` with one stretch changed: [start, removed, inserted]. */
function difference(before, after) {
    let start = 0;
    while (start < before.length && before[start] === after[start]) start++;
    let end = 0;
    while (end < before.length - start && end < after.length - start && before.at(-1 - end) === after.at(-1 - end)) end++;
    return [start, before.slice(start, before.length - end), after.slice(start, after.length - end)];
}

/** Does the page's own analyzer take `clean.reject` (the undo-per-fix API)? */
async function hasRejectApi() {
    const { analyze } = await import(join(repoRoot, "pkg/node.js"));
    try {
        analyze("a", { clean: { reject: [] } });
        return true;
    } catch (error) {
        return !/unknown field `reject`/.test(error.message);
    }
}

test("an empty page offers an example: it fills the box in the interface's language and is analyzed", async () => {
    const { page } = session;
    const button = page.getByTestId("example");
    assert.ok(await button.isVisible(), "the example button is shown on the empty page");
    assert.deepEqual(session.afterLoad, [], "the example is not fetched before it is asked for");
    await button.click();
    await waitInput(page, EXAMPLE_EN);
    const cleaned = await cleanedText(page);
    assert.match(cleaned, /a branch library actually/, "the hyphenated word is joined");
    assert.match(cleaned, /audiobooks/, "the word hyphenated across the page break is joined");
    assert.doesNotMatch(cleaned, /Page 1 of 3/, "the page footer is gone");
    assert.ok(await button.isHidden(), "no example button once the box has text");
    assert.ok(session.afterLoad.every((url) => url.startsWith(browser.url)), "fetched from the page's own origin");

    await page.getByTestId("lang").click(); // 中文
    await page.getByTestId("input").fill("");
    await page.getByTestId("example").click();
    await waitInput(page, EXAMPLE_ZH);
    const zh = await cleanedText(page);
    assert.ok(!zh.includes(FOOTER_ZH) && !zh.includes("正文复制"), "footer and copy label removed");
    assert.ok(zh.includes("广场舞大赛、乡村歌手大赛和少儿才艺展演"), "the word the footer split is whole again");
    assert.ok((await page.getByTestId("outline-heading").allTextContents()).includes("丰富活动供给 激发群众热情"));
    await page.screenshot({ path: join(outputDir, "10-example.png"), fullPage: true });
    await page.getByTestId("lang").click(); // back to English
});

test("undo one fix: the cleaned text changes there only, the .txt follows, Ctrl+Z / Ctrl+Shift+Z step, a reload keeps it", async (t) => {
    if (!(await hasRejectApi())) {
        t.skip("the built package has no clean.reject yet (the undo-per-fix core API): rebuild after merging it");
        return;
    }
    const { page } = session;
    if ((await inputValue(page)) !== EXAMPLE_ZH) {
        await page.getByTestId("input").fill("");
        await paste(page, EXAMPLE_ZH);
    }
    const before = await cleanedText(page);
    const footer = page.locator('[data-testid="fix-mark"][data-kind="page_footer"]');
    assert.equal(await footer.count(), 1, "the page footer is one highlighted fix");
    await footer.click();
    await page.locator('[data-testid="fix-rejected"][data-kind="page_footer"]').waitFor();
    await waitDone(page);
    const undone = await cleanedText(page);
    const [at, removed, inserted] = difference(before, undone);
    assert.equal(removed, "", "nothing else of the cleaned text went");
    assert.ok(inserted.includes(FOOTER_ZH), `the footer is back: ${JSON.stringify(inserted)}`);
    assert.ok(inserted.length <= FOOTER_ZH.length + 2, `only the footer and its line breaks came back: ${JSON.stringify(inserted)}`);
    assert.equal(before.slice(0, at) + inserted + before.slice(at), undone);
    assert.equal(await page.getByTestId("fix-undone").locator(".fix-count").textContent(), "×1");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-txt").click()]);
    assert.equal(readFileSync(await download.path(), "utf8"), undone, "the .txt download has the footer back");

    await page.locator("body").click({ position: { x: 2, y: 2 } }); // out of the text boxes
    await page.keyboard.press("Control+z");
    await page.waitForFunction((text) => document.getElementById("cleaned").textContent === text, before);
    await page.keyboard.press("Control+Shift+z");
    await page.waitForFunction((text) => document.getElementById("cleaned").textContent === text, undone);
    await waitDone(page);

    // Enter on the undone fix makes it again, Enter once more undoes it again.
    const rejected = page.locator('[data-testid="fix-rejected"][data-kind="page_footer"]');
    await rejected.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction((text) => document.getElementById("cleaned").textContent === text, before);
    await page.locator('[data-testid="fix-mark"][data-kind="page_footer"]').focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction((text) => document.getElementById("cleaned").textContent === text, undone);
    await waitDone(page);
    await page.screenshot({ path: join(outputDir, "11-undone-fix.png") });

    await waitSaved(page, 0);
    await page.reload();
    await waitRestored(page);
    assert.equal(await inputValue(page), EXAMPLE_ZH, "the text came back");
    assert.equal(await cleanedText(page), undone, "the undone fix is still undone");
    assert.equal(await page.locator('[data-testid="fix-rejected"]').count(), 1);
});

test("the text and the options come back after a reload; recent documents reopen", async () => {
    const { page } = session;
    const first = "第一篇文章\n这是第一篇文章的正文，讲的是江边的图书馆。";
    await page.getByTestId("input").fill("");
    await paste(page, first);
    await page.getByTestId("options").locator("summary").click();
    await page.getByTestId("opt-extra").fill("图书馆");
    await page.getByTestId("opt-stopwords").uncheck();
    const saved = await savesSoFar(page);
    await page.getByTestId("apply-options").click();
    await waitDone(page);
    await waitSaved(page, saved);
    await page.reload();
    await waitRestored(page);
    assert.equal(await inputValue(page), first);
    assert.equal(await page.getByTestId("opt-extra").inputValue(), "图书馆");
    assert.equal(await page.getByTestId("opt-stopwords").isChecked(), false);
    const terms = await page.locator('[data-testid="term-row"] .term-link').allTextContents();
    assert.ok(!terms.includes("图书馆"), "the restored stopword applies");
    await page.getByTestId("options").locator("summary").click();
    await page.getByTestId("opt-extra").fill("");
    await page.getByTestId("opt-stopwords").check();
    await page.getByTestId("apply-options").click();
    await waitDone(page);

    await page.getByTestId("input").fill("");
    const before = await savesSoFar(page);
    await page.getByTestId("example").click();
    await waitInput(page, EXAMPLE_EN);
    await waitSaved(page, before);
    const items = page.getByTestId("recent-item");
    await page.getByTestId("recent").locator("summary").click();
    assert.ok((await items.count()) >= 2, "both documents are listed");
    const titles = await items.locator("button").allTextContents();
    assert.ok(titles.includes("第一篇文章"), JSON.stringify(titles));
    assert.match(await items.first().textContent(), /characters/);
    await items.locator("button", { hasText: "第一篇文章" }).click();
    await waitInput(page, first); // the recent document reopened
});

test("a text too large to keep says so", async () => {
    const { page } = session;
    const size = await page.evaluate(async () => (await import("./storage.js")).KEEP_LIMIT);
    await page.evaluate((n) => {
        const input = document.getElementById("input");
        input.value = "长".repeat(n + 1);
        input.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste", bubbles: true }));
    }, size);
    await page.locator('[data-testid="kept"][data-state="too-large"]').waitFor({ timeout: 30_000 });
    assert.match(await page.getByTestId("kept").textContent(), /not kept/);
    await page.getByTestId("clear-input").click();
    await page.locator('[data-testid="status"][data-state="ready"]').waitFor({ timeout: 30_000 });
});

test("\"Forget everything\" clears the text, the undone fixes, the options and the list, and says so", async () => {
    const { page } = session;
    const saved = await savesSoFar(page);
    await paste(page, EXAMPLE_ZH);
    await waitSaved(page, saved);
    await page.getByTestId("forget").click();
    await page.locator('[data-testid="kept"][data-state="forgotten"]').waitFor();
    assert.match(await page.getByTestId("kept").textContent(), /Forgot everything/);
    assert.equal(await inputValue(page), "");
    assert.ok(await page.getByTestId("recent").isHidden());
    await page.reload();
    await page.locator("html[data-ready]").waitFor({ timeout: 60_000 });
    await page.waitForTimeout(300);
    assert.equal(await inputValue(page), "", "nothing comes back after a reload");
    assert.equal(await page.getByTestId("recent-item").count(), 0);
    const kept = await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name));
    assert.ok(!kept.includes("qingwen") || (await page.evaluate(() => new Promise((resolve) => {
        const request = indexedDB.open("qingwen");
        request.onsuccess = () => {
            const tx = request.result.transaction("documents");
            const count = tx.objectStore("documents").count();
            count.onsuccess = () => resolve(count.result === 0);
        };
    }))), "no document is kept");
});

/** The bytes of `text` in `encoding`, made by Python's codecs (gbk, big5, utf-16-le …). */
function encode(text, encoding) {
    const script = "import sys; sys.stdout.buffer.write(sys.stdin.read().encode(sys.argv[1]))";
    return execFileSync("python3", ["-c", script, encoding], { input: text, env: { ...process.env, PYTHONIOENCODING: "utf-8" } });
}

/** Drops a file of raw `bytes` on the page. */
async function dropBytes(page, name, bytes) {
    const transfer = await page.evaluateHandle(([name, bytes]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], name, { type: "text/plain" }));
        return transfer;
    }, [name, [...bytes]]);
    const target = page.getByTestId("input");
    await target.dispatchEvent("dragenter", { dataTransfer: transfer });
    await target.dispatchEvent("dragover", { dataTransfer: transfer });
    await target.dispatchEvent("drop", { dataTransfer: transfer });
}

const TRADITIONAL = "老街書屋 點亮社區夜讀時光\n走進城東街道的老街書屋，暖黃的燈光下，二十多位居民正安靜地翻閱圖書。這間由舊糧站改造而成的書屋，去年接待讀者超過三萬人次。\n";

test("files in GBK, GB18030, Big5, UTF-16 LE/BE and UTF-8 with a BOM are read right, and the encoding is shown", async () => {
    const { page } = session;
    const cases = [
        ["gbk.txt", EXAMPLE_ZH, encode(EXAMPLE_ZH, "gbk"), "GB18030/GBK", "drop"],
        ["gb18030.txt", `${EXAMPLE_ZH}𦡦`, encode(`${EXAMPLE_ZH}𦡦`, "gb18030"), "GB18030/GBK", "open"],
        ["big5.txt", TRADITIONAL, encode(TRADITIONAL, "big5"), "Big5", "drop"],
        ["utf16le.txt", EXAMPLE_ZH, Buffer.concat([Buffer.from([0xff, 0xfe]), encode(EXAMPLE_ZH, "utf-16-le")]), "UTF-16 LE", "drop"],
        ["utf16be.txt", EXAMPLE_ZH, Buffer.concat([Buffer.from([0xfe, 0xff]), encode(EXAMPLE_ZH, "utf-16-be")]), "UTF-16 BE", "open"],
        ["bom.txt", EXAMPLE_EN, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EXAMPLE_EN)]), "UTF-8", "drop"],
    ];
    for (const [name, text, bytes, shown, how] of cases) {
        await page.getByTestId("input").fill("");
        if (how === "drop") await dropBytes(page, name, bytes);
        else await page.getByTestId("file").setInputFiles({ name, mimeType: "text/plain", buffer: bytes });
        await page.waitForFunction((n) => document.getElementById("input").value.length === n, text.length);
        await waitDone(page);
        assert.equal(await inputValue(page), text, `${name}: the text read is the text written`);
        assert.equal(await page.getByTestId("file-info").textContent(), `${name} · ${shown}`);
    }
    await page.screenshot({ path: join(outputDir, "12-gbk-file.png") });
});

test("the plausibility score tells the right legacy decoding from the wrong one by a wide margin", async () => {
    const { page } = session;
    const scores = await page.evaluate(async ([gbk, big5]) => {
        const { plausibility, MIN_PLAUSIBILITY } = await import("./encoding.js");
        const read = (bytes, encoding) => plausibility(new TextDecoder(encoding).decode(new Uint8Array(bytes)));
        return { min: MIN_PLAUSIBILITY, gbkRight: read(gbk, "gb18030"), gbkWrong: read(gbk, "big5"), big5Right: read(big5, "big5"), big5Wrong: read(big5, "gb18030") };
    }, [[...encode(EXAMPLE_ZH, "gbk")], [...encode(TRADITIONAL, "big5")]]);
    console.log(`# plausibility: GBK as GB18030 ${scores.gbkRight.toFixed(2)}, as Big5 ${scores.gbkWrong.toFixed(2)}; Big5 as Big5 ${scores.big5Right.toFixed(2)}, as GB18030 ${scores.big5Wrong.toFixed(2)}; threshold ${scores.min}`);
    assert.ok(scores.gbkRight >= 0.97 && scores.big5Right >= 0.97, JSON.stringify(scores));
    assert.ok(scores.gbkWrong < 0.6 && scores.big5Wrong < 0.6, JSON.stringify(scores));
});

test("a file that does not decode: an error names the file and the byte, and the box is left as it was", async () => {
    const { page } = session;
    await paste(page, "原来的文字。");
    const good = Buffer.from("清文：一段正常的文字。", "utf8");
    const bytes = Buffer.concat([good, Buffer.from([0xff, 0xfe, 0x41]), good]);
    await dropBytes(page, "broken.txt", bytes);
    await page.locator('[data-testid="status"][data-state="error"]').waitFor();
    const message = await page.getByTestId("status").textContent();
    assert.match(message, /broken\.txt/);
    assert.ok(message.includes(`byte ${good.length}`), message);
    assert.equal(await inputValue(page), "原来的文字。");
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), encode("好", "utf-16-le"), Buffer.from([0x00, 0xdc, 0x41, 0x00])]);
    await dropBytes(page, "lone-surrogate.txt", utf16);
    await page.waitForFunction(() => document.getElementById("status").textContent.includes("lone-surrogate.txt"));
    assert.match(await page.getByTestId("status").textContent(), /UTF-16 LE.*|byte 4/);
    assert.ok((await page.getByTestId("status").textContent()).includes("byte 4"));
});

test("no request to another origin, no page errors", () => {
    for (const url of session.afterLoad) assert.ok(url.startsWith(browser.url), url);
    assert.deepEqual(session.problems, []);
});

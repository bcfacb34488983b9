// Page safety: no way to parse a string as markup or code in the page's sources, and an XSS
// corpus pasted and dropped as .html files executes nothing (a trap counts executions and
// dialogs) and makes no request.

import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { after, before, test } from "node:test";

import { repoRoot } from "../support/package.mjs";
import { dropFile, launch, openTrappedPage, outputDir, paste, waitDone } from "./page-support.mjs";

// Every payload would run `window.__xss++` (or open a dialog) if it ever became live markup.
const X = "window.__xss++";
const PAYLOADS = [
    `<script>${X}</script>`,
    `<img src=x onerror="${X}">`,
    `<img src="x" onerror=alert(1)>`,
    `<svg onload="${X}">`,
    `<svg><script>${X}</script></svg>`,
    `<svg><animate onbegin="${X}" attributeName="x" dur="1s">`,
    `<svg><a xlink:href="javascript:${X}"><text x="20" y="20">click</text></a></svg>`,
    `<math><mtext><table><mglyph><style><img src=x onerror="${X}">`,
    `<math href="javascript:${X}">click</math>`,
    `<a href="javascript:${X}">link</a>`,
    `<a href="JaVaScRiPt:alert(1)">link</a>`,
    `<iframe src="javascript:parent.${X}"></iframe>`,
    `<iframe srcdoc="<script>parent.${X}</script>"></iframe>`,
    `<object data="javascript:${X}"></object>`,
    `<embed src="javascript:${X}">`,
    `<body onload="${X}">`,
    `<details open ontoggle="${X}">`,
    `<input autofocus onfocus="${X}">`,
    `<video><source onerror="${X}"></video>`,
    `<audio src=x onerror="${X}">`,
    `<marquee onstart="${X}">m</marquee>`,
    `<div style="background:url('javascript:${X}')">css</div>`,
    `<style>@import "javascript:${X}";</style>`,
    `<style>*{background:url(x) }</style><link rel=stylesheet href="data:text/css,*{}">`,
    `<form action="javascript:${X}"><button>go</button></form>`,
    `<meta http-equiv="refresh" content="0;url=javascript:${X}">`,
    `<base href="javascript:${X}//">`,
    `<template><img src=x onerror="${X}"></template>`,
    `{{constructor.constructor('${X}')()}}`,
    `\${${X}}`,
    `<%= ${X} %>`,
    `"><img src=x onerror="${X}">`,
    `'><script>${X}</script>`,
    `</textarea><script>${X}</script>`,
    `<noscript><p title="</noscript><img src=x onerror=${X}>">`,
    `<img src="https://example.com/beacon.gif">`,
    `javascript:${X}`,
    `<scr<script>ipt>${X}</scr</script>ipt>`,
];

function sources(dir) {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        // pkg/ is built from js/ (scanned); vendor/ and pdfjs/ are third-party copies.
        if (name === "pkg" || name === "vendor" || name === "pdfjs" || name === "node_modules") return [];
        if (statSync(path).isDirectory()) return sources(path);
        return /\.(m?js|html)$/.test(name) ? [path] : [];
    });
}

test("no innerHTML, outerHTML, insertAdjacentHTML, document.write, eval or new Function in www/ and js/", () => {
    const banned = /\b(innerHTML|outerHTML|insertAdjacentHTML|createContextualFragment|document\.write(ln)?|eval\s*\(|new\s+Function\b|setTimeout\s*\(\s*["'`]|setInterval\s*\(\s*["'`])/;
    const files = [...sources(join(repoRoot, "www")), ...sources(join(repoRoot, "js"))];
    assert.ok(files.length >= 5, `found the sources: ${files.length}`);
    for (const file of files) {
        readFileSync(file, "utf8").split("\n").forEach((line, i) => {
            assert.doesNotMatch(line, banned, `${relative(repoRoot, file)}:${i + 1}: ${line.trim()}`);
        });
    }
});

let browser;
let session;

before(async () => {
    browser = await launch();
    session = await openTrappedPage(browser.context, browser.url);
});

after(async () => {
    await browser?.close();
});

async function assertInert(page, where) {
    await page.waitForTimeout(300); // give any handler a chance to fire
    assert.equal(await page.evaluate(() => window.__xss), 0, `${where}: nothing executed`);
    assert.equal(session.dialogs(), 0, `${where}: no dialog`);
    // (An .html file's original is shown as the page's own block elements, holding text only.)
    const live = await page.locator("#cleaned *:not(mark), #outline *:not(li, ol, button), #results td *:not(button), #kwic *:not(li, button, span, mark), #original *:not(div.source-block, span.source-kind, b.source-lead)").count();
    assert.equal(live, 0, `${where}: no element made from the text`);
}

test(`XSS corpus pasted: ${PAYLOADS.length} payloads, one at a time and all together`, async () => {
    const { page } = session;
    assert.ok(PAYLOADS.length >= 30);
    for (const payload of PAYLOADS) {
        await paste(page, `标题\n${payload}\n正文内容${payload}结束。`);
        assert.ok((await page.getByTestId("cleaned").textContent()).includes(payload.trim().slice(0, 12)), `shown as text: ${payload}`);
    }
    await assertInert(page, "pasted one by one");
    await paste(page, PAYLOADS.join("\n"));
    // make the text views and tooltips live too
    await page.getByTestId("show-original").check();
    const marks = page.getByTestId("fix-mark");
    if (await marks.count()) await marks.first().hover();
    const link = page.locator(".term-link").first();
    if (await link.count()) {
        await link.click();
        await page.getByTestId("kwic-line").first().waitFor();
    }
    await assertInert(page, "pasted together");
    assert.deepEqual(session.problems, [], "pasting reports nothing");
    await page.getByTestId("show-original").uncheck();
    await page.screenshot({ path: join(outputDir, "09-xss-pasted.png") });
});

test("XSS corpus dropped as .html files: the text is taken, nothing is rendered or run", async () => {
    const { page } = session;
    // (The payloads come after the text: one opens a <style> inside MathML that, as HTML
    // parsing goes, swallows the rest of the file as style sheet.)
    const whole = `<!doctype html><html><head><title>t</title><script>${X}</script></head><body><h1>安全测试</h1><p>第一段文字。</p>${PAYLOADS.join("\n<p>")}</body></html>`;
    await dropFile(page, "payloads.html", whole, "text/html");
    await page.waitForFunction(() => document.getElementById("input").value.includes("安全测试"));
    await waitDone(page);
    const value = await page.getByTestId("input").inputValue();
    assert.ok(value.includes("第一段文字。"));
    assert.ok(!value.includes("<script>"), "the markup is gone, only its text is kept");
    await assertInert(page, "dropped as one file");
    for (const [i, payload] of PAYLOADS.entries()) {
        await dropFile(page, `p${i}.htm`, `<p>段落${i}</p>${payload}`, "text/html");
        await page.waitForFunction((i) => document.getElementById("input").value.includes(`段落${i}`), i);
        await waitDone(page);
    }
    await assertInert(page, "dropped one by one");
});

test("no request after load during the XSS tests", () => {
    assert.deepEqual(session.afterLoad, []);
    // Parsing a dropped .html file with DOMParser makes Chromium report the inline handlers
    // and styles it met as blocked by the CSP (the inert document would not run them anyway).
    const csp = /violates the following Content Security Policy directive '(script-src|style-src)/;
    const blocked = session.problems.filter((problem) => csp.test(problem));
    assert.deepEqual(session.problems.filter((problem) => !csp.test(problem)), []);
    console.log(`# XSS payloads: ${PAYLOADS.length}, pasted and dropped; executions: 0; CSP reports while parsing dropped HTML: ${blocked.length}; requests after load: 0`);
});

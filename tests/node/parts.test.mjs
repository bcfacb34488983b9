// The page's binding for a large paste analysed in parts (src/wasm/parts.rs, the glue's
// `PreparedText` and `segmentPart`, used by www/worker.js and www/pool-worker.js): the parts'
// tokens, copied as the page copies them between Workers, finish into exactly `analyze`'s
// result, UTF-16 ranges included; and bad parts are refused.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import * as glue from "../../pkg/qingwen.js";
import { pkgDir, readSample } from "../support/package.mjs";

glue.initSync({ module: readFileSync(join(pkgDir, "qingwen_bg.wasm")) });

/** `analyze` of `text` as worker.js runs it on `workers` Workers, parts copied with structuredClone. */
function inParts(text, options, workers) {
    const prepared = new glue.PreparedText(text, options);
    const parts = prepared.partCount(workers);
    const segmented = [];
    for (let i = 0; i < parts; i++) {
        segmented.push(i === 0 ? prepared.segmentPart(0, parts) : structuredClone(glue.segmentPart(structuredClone(prepared.partTexts(i, parts)), options)));
    }
    const analysis = prepared.finish(segmented);
    prepared.free();
    return analysis;
}

// Characters outside the BMP (two UTF-16 units each) before fixes, so a byte offset passed
// through raw would show.
const text = `𦡦👪 一、总体要求\n${readSample()}\n二、主要任务\n扩大高水平对外开放，推动 2024 年 高质量发展。𦡦👪\n${readSample()}`;

test("a text in parts gives analyze's result, whatever the options", () => {
    for (const options of [
        undefined,
        { terms: { mode: "search", top: 0 } },
        { terms: { keywordMethod: "textrank", userDict: "高水平对外开放 10 n\n坏 的 行", pos: ["n", "v"] } },
        { clean: { pangu: true }, terms: { minLength: 2, keepNumbers: true } },
    ]) {
        const whole = glue.analyze(text, options);
        assert.ok(whole.terms.length > 10 && whole.edits.length > 5);
        for (const workers of [1, 2, 3]) assert.deepEqual(inParts(text, options, workers), whole, `${JSON.stringify(options)}, ${workers} Workers`);
    }
});

test("a part's tokens are typed arrays; the plain stream only when search mode needs it", () => {
    const part = glue.segmentPart(["干部要培养，干部要选拔。", "中华人民共和国成立了。"]);
    assert.ok(part.counted.tokens instanceof Uint32Array && part.counted.texts instanceof Uint32Array);
    assert.equal(part.counted.texts.length, 6);
    assert.equal(part.counted.tokens.length, 2 * (part.counted.texts[2] + part.counted.texts[5]));
    assert.equal(part.counted.spellings[0], "干部");
    assert.equal(part.plain, null);
    assert.ok(glue.segmentPart(["中华人民共和国成立了。"], { terms: { mode: "search" } }).plain.tokens.length > 0);
});

test("bad parts and a second finish are refused", () => {
    const prepared = new glue.PreparedText(text);
    assert.throws(() => prepared.finish([{ counted: { spellings: [], tokens: [1, 2], texts: new Uint32Array(3) } }]), /invalid part: tokens/);
    assert.throws(() => prepared.finish([{ counted: { spellings: [1], tokens: new Uint32Array(), texts: new Uint32Array() } }]), /invalid part: spellings/);
    assert.throws(() => glue.segmentPart([1]), /must be strings/);
    // Parts that do not cover the text leave its terms uncounted, the rest as analyze.
    const lacking = prepared.finish([]);
    assert.deepEqual(lacking.terms, []);
    assert.equal(lacking.cleaned, glue.analyze(text).cleaned);
    assert.throws(() => prepared.finish([]), /already finished/);
    prepared.free();
});

// The fast token API: `tokens` (packed typed arrays), `cut` (string[]) and `iterateTokens`
// give exactly the words, tags and UTF-16 ranges of `segment`, in every mode.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import * as glue from "../../pkg/qingwen.js";
import { pkgDir, readSample, usePackage } from "../support/package.mjs";

const qingwen = usePackage();
// The wasm exports as wasm-bindgen made them, in an instance of their own: the glue's
// `segment` serializes each word out of Rust, the reference for the package's `segment`,
// which is made in JS from `tokens`.
glue.initSync({ module: readFileSync(join(pkgDir, "qingwen_bg.wasm")) });

const TEXT = "𦡦我们中出了一个叛徒👪 qingwen 清文\r\n二○○一年——New York 的中华人民共和国";

/** The glue's segment's tokens as plain [word, tag, start, end] rows. */
const rows = (text, options) =>
    glue.segment(text, options).tokens.map((t) => [t.word, t.tag, t.range.start, t.range.end]);

const OPTIONS = [
    undefined,
    null,
    { terms: { hmm: false } },
    { terms: { mode: "search" } },
    { terms: { userDict: "New York 10 ns\n坏 99999999999999999999999" } },
];

test("segment, made in JS from tokens, is the glue's segment, dictErrors included", () => {
    for (const options of OPTIONS) {
        for (const text of [TEXT, readSample(), ""]) {
            assert.deepEqual(qingwen.segment(text, options), glue.segment(text, options), JSON.stringify(options));
        }
    }
    assert.equal(qingwen.segment("坏", OPTIONS[4]).dictErrors[0].line, 2);
    assert.throws(() => qingwen.segment(42), /qingwen: text must be a string/);
    assert.throws(() => qingwen.segment("文本", { terms: { userDict: 7 } }), /qingwen/);
});

test("tokens packs segment's words, tags and UTF-16 ranges in typed arrays", () => {
    for (const options of OPTIONS) {
        for (const text of [TEXT, readSample(), ""]) {
            const packed = qingwen.tokens(text, options);
            assert.ok(packed.starts instanceof Uint32Array);
            assert.ok(packed.ends instanceof Uint32Array);
            assert.ok(packed.tags instanceof Uint8Array);
            assert.equal(new Set(packed.tagNames).size, packed.tagNames.length, "each tag once");
            const got = [...qingwen.iterateTokens(packed, text)].map((t) => [t.word, t.tag, t.start, t.end]);
            assert.deepEqual(got, rows(text, options), JSON.stringify(options));
            assert.deepEqual(qingwen.cut(text, options), got.map((row) => row[0]), JSON.stringify(options));
        }
    }
});

test("tokens widens its tag ids past 256 different tags (a user dictionary's)", () => {
    const words = Array.from({ length: 300 }, (_, i) => `词${String.fromCharCode(0x4e00 + i)}甲`);
    // A user tag is up to four lowercase letters: q + two letters for each word.
    const tag = (i) => "q" + String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26));
    const userDict = words.map((w, i) => `${w} 100000 ${tag(i)}`).join("\n");
    const text = words.join("，");
    const packed = qingwen.tokens(text, { terms: { userDict } });
    assert.ok(packed.tags instanceof Uint16Array);
    assert.ok(packed.tagNames.length > 256);
    const got = [...qingwen.iterateTokens(packed, text)].map((t) => [t.word, t.tag, t.start, t.end]);
    assert.deepEqual(got, rows(text, { terms: { userDict } }));
    assert.ok(got.some(([word, t]) => word === words[299] && t === tag(299)));
});

test("cut joins a user entry with a space, and rejects what segment rejects", () => {
    assert.ok(qingwen.cut(TEXT, { terms: { userDict: "New York 10 ns" } }).includes("New York"));
    assert.deepEqual(qingwen.cut("我们中出了一个叛徒", { terms: { hmm: false } }), ["我们", "中", "出", "了", "一个", "叛徒"]);
    assert.throws(() => qingwen.cut(null), /qingwen: text must be a string/);
    assert.throws(() => qingwen.tokens("文本", { nope: 1 }), /qingwen/);
    assert.deepEqual(qingwen.cut("清文"), ["清文"]);
});

// The fast token API: `tokens` (packed typed arrays), `cut` (string[]) and `iterateTokens`
// give exactly the words, tags and UTF-16 ranges of `segment`, in every mode.

import assert from "node:assert/strict";
import { test } from "node:test";

import { readSample, usePackage } from "../support/package.mjs";

const qingwen = usePackage();

const TEXT = "𦡦我们中出了一个叛徒👪 qingwen 清文\r\n二○○一年——New York 的中华人民共和国";

/** segment's tokens as plain [word, tag, start, end] rows. */
const rows = (text, options) =>
    qingwen.segment(text, options).tokens.map((t) => [t.word, t.tag, t.range.start, t.range.end]);

test("tokens packs segment's words, tags and UTF-16 ranges in typed arrays", () => {
    for (const options of [undefined, { terms: { hmm: false } }, { terms: { mode: "search" } }, { terms: { userDict: "New York 10 ns" } }]) {
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

test("cut joins a user entry with a space, and rejects what segment rejects", () => {
    assert.ok(qingwen.cut(TEXT, { terms: { userDict: "New York 10 ns" } }).includes("New York"));
    assert.deepEqual(qingwen.cut("我们中出了一个叛徒", { terms: { hmm: false } }), ["我们", "中", "出", "了", "一个", "叛徒"]);
    assert.throws(() => qingwen.cut(null), /qingwen: text must be a string/);
    assert.throws(() => qingwen.tokens("文本", { nope: 1 }), /qingwen/);
    assert.deepEqual(qingwen.cut("清文"), ["清文"]);
});

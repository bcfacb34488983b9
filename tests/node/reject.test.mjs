// Undo per fix through the npm package: an entry of `analyze(text).edits` passed back in
// `clean.reject` (as it is, UTF-16 ranges and all) is not made, and every other fix is.

import assert from "node:assert/strict";
import { test } from "node:test";

import { readSample, usePackage } from "../support/package.mjs";

const qingwen = usePackage();

const sample = readSample();
const same = (a, b) =>
    a.kind === b.kind && a.original.start === b.original.start && a.original.end === b.original.end;

/** Rejects the first line join of `text` and checks the result against the full analysis. */
function rejectFirstJoin(text) {
    const all = qingwen.analyze(text);
    const join = all.edits.find((edit) => edit.kind === "line_join");
    assert.ok(join, "the text has a line join");
    assert.equal(text.slice(join.original.start, join.original.end).trim(), "");
    const undone = qingwen.analyze(text, { clean: { reject: [join] } });
    const at = join.cleaned.start;
    assert.equal(join.cleaned.end, at, "a join leaves nothing in the cleaned text");
    assert.equal(undone.cleaned, `${all.cleaned.slice(0, at)}\n\n${all.cleaned.slice(at)}`);
    assert.equal(undone.blocks.length, all.blocks.length + 1);
    assert.equal(undone.edits.length, all.edits.length - 1);
    assert.ok(!undone.edits.some((edit) => same(edit, join)));
    for (const edit of undone.edits) {
        assert.ok(all.edits.some((other) => same(edit, other)), `${JSON.stringify(edit)} is new`);
    }
    const count = (analysis) => analysis.fixes.find((c) => c.kind === "line_join")?.count ?? 0;
    assert.equal(count(undone), count(all) - 1);
    for (const block of undone.blocks) {
        assert.equal(undone.cleaned.slice(block.range.start, block.range.end), block.text);
    }
}

test("rejecting one edit of the sample changes the cleaned text at that spot only", () => {
    rejectFirstJoin(sample);
});

test("reject ranges are UTF-16 code units, astral characters included", () => {
    rejectFirstJoin(`𦡦👪${sample}`);
});

test("a reject that names no fix changes nothing", () => {
    const all = qingwen.analyze(sample);
    const stale = { kind: "page_footer", original: { start: 1, end: 2 } };
    assert.deepEqual(qingwen.analyze(sample, { clean: { reject: [stale] } }), all);
});

test("a reject range inside a character or past the end is an error", () => {
    const text = "𦡦第一行\n第二行";
    for (const [original, message] of [
        [{ start: 1, end: 3 }, /clean\.reject\[0\]\.original: 1 is inside a character/],
        [{ start: 2, end: 99 }, /clean\.reject\[0\]\.original: 99 is past the end of the text \(9 UTF-16 code units\)/],
    ]) {
        assert.throws(
            () => qingwen.analyze(text, { clean: { reject: [{ kind: "line_join", original }] } }),
            (error) => error instanceof Error && message.test(error.message),
        );
    }
    assert.throws(
        () => qingwen.analyze(text, { clean: { reject: [{ kind: "no_such_fix", original: { start: 0, end: 1 } }] } }),
        /^Error: qingwen: invalid options/,
    );
    assert.equal(qingwen.analyze(text).cleaned.length > 0, true, "the next call works");
});

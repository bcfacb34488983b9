// The page's corpus binding (src/wasm/corpus.rs, the glue's `Corpus`, used by
// www/pool-worker.js): the hand-checked corpus of src/corpus.rs's tests gives the same
// numbers through wasm; sizes, trends, CSV files and bad summaries.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import * as glue from "../../pkg/qingwen.js";
import { pkgDir } from "../support/package.mjs";

glue.initSync({ module: readFileSync(join(pkgDir, "qingwen_bg.wasm")) });

/** a: 猫 3, 狗 1 (4 tokens); b: 猫 1, 鱼 2, 鸟 1 (4 tokens); c: 鱼 2 (2 tokens). */
function corpus() {
    const c = new glue.Corpus();
    c.add({ name: "a", title: "甲", date: "2025-01-02", size: 12, terms: ["猫", "狗"], counts: [3, 1] });
    c.add({ name: "b", size: 12, terms: ["猫", "鱼", "鸟"], counts: [1, 2, 1] });
    c.add({ name: "c", size: 6, terms: ["鱼"], counts: [2] });
    return c;
}
const close = (a, b) => Math.abs(a - b) < 1e-9;

test("the tables of a hand-checked corpus", () => {
    const c = corpus();
    assert.equal(c.length, 3);
    const tables = c.tables();
    assert.deepEqual(
        tables.documents.map((d) => [d.name, d.title, d.date, d.size, d.tokens, d.distinctTerms, d.topTerms]),
        [
            ["a", "甲", "2025-01-02", 12, 4, 2, ["猫", "狗"]],
            ["b", null, null, 12, 4, 3, ["鱼", "猫", "鸟"]],
            ["c", null, null, 6, 2, 1, ["鱼"]],
        ],
    );
    assert.deepEqual(
        tables.terms.map((t) => [t.term, t.count, t.documents, t.per10k]),
        [["猫", 4, 2, 4000], ["鱼", 4, 2, 4000], ["狗", 1, 1, 1000], ["鸟", 1, 1, 1000]],
    );
    // a: 猫 3/4 × ln(3/2), 狗 1/4 × ln 3.
    const a = tables.distinctive[0].terms;
    assert.deepEqual(a.map((t) => t.term), ["猫", "狗"]);
    assert.ok(close(a[0].score, 0.75 * Math.log(1.5)) && close(a[1].score, 0.25 * Math.log(3)));
    // b·c = 4, |b| = √6, |c| = 2.
    assert.ok(close(tables.similarity.matrix[1][2], 4 / (Math.sqrt(6) * 2)));
    assert.deepEqual(c.trend("鱼").points.map((p) => [p.document, p.count, p.per10k]), [["a", 0, 0], ["b", 2, 5000], ["c", 2, 10000]]);
});

test("sizes, CSV files with a BOM", () => {
    const c = corpus();
    const tables = c.tables({ terms: 1, documentTop: 1, trends: 2 });
    assert.equal(tables.terms.length, 1);
    assert.equal(tables.trends.length, 2);
    assert.ok(tables.documents.every((d) => d.topTerms.length === 1));
    const files = new Map(c.csv({ terms: 0 }));
    assert.deepEqual([...files.keys()], ["documents.csv", "terms.csv", "distinctive.csv", "trends.csv", "similarity.csv"]);
    assert.equal(files.get("terms.csv"), "\uFEFFterm,count,documents,per10k\r\n猫,4,2,4000\r\n鱼,4,2,4000\r\n狗,1,1,1000\r\n鸟,1,1,1000\r\n");
});

test("a bad summary or bad sizes is an Error, and the corpus goes on", () => {
    const c = corpus();
    assert.throws(() => c.add({ name: "x", size: 1, terms: ["猫"], counts: [] }), /1 terms but 0 counts/);
    assert.throws(() => c.add({ name: "x", size: 1, terms: ["猫"] }), /invalid document summary/);
    assert.throws(() => c.tables({ rows: 3 }), /invalid table sizes/);
    assert.equal(c.length, 3);
    c.add({ name: "d", size: 1, terms: [], counts: [] });
    assert.equal(c.tables().documents.length, 4);
});

// The npm package as a user gets it: packed, installed into a fresh project, imported by name.
// Compares the wasm API with the native CLI, and checks errors, Unicode ranges and recovery
// from a crash.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { installPackage, readSample, runCli, samplePath } from "../support/package.mjs";

let installed;
let qingwen;
let scratch;

before(async () => {
    installed = await installPackage();
    qingwen = installed.qingwen;
    scratch = mkdtempSync(join(tmpdir(), "qingwen-node-test-"));
});

after(() => {
    installed?.cleanup();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const sample = readSample();
const headings = (analysis) =>
    analysis.blocks.filter((block) => block.kind === "heading").map((block) => block.text);

/** A function from a UTF-8 byte offset into `text` to its UTF-16 offset. */
function utf16Offsets(text) {
    const map = new Int32Array(Buffer.byteLength(text) + 1).fill(-1);
    let bytes = 0;
    let units = 0;
    for (const ch of text) {
        map[bytes] = units;
        bytes += Buffer.byteLength(ch);
        units += ch.length;
    }
    map[bytes] = units;
    return (offset) => {
        assert.ok(map[offset] >= 0, `byte offset ${offset} is not on a character boundary`);
        return map[offset];
    };
}

/**
 * `value` with every non-integer number rounded to 12 significant digits: the wasm's `ln`
 * (Rust's libm) and the native one can differ in the last bit of a score.
 */
function roundFloats(value) {
    if (Array.isArray(value)) return value.map(roundFloats);
    if (typeof value === "number" && !Number.isInteger(value)) return Number(value.toPrecision(12));
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, roundFloats(item)]));
}

/**
 * The CLI's JSON with every byte range made a UTF-16 range, as the wasm API gives them: an
 * edit's `original` indexes the input, every other `{start, end}` indexes `cleaned`.
 */
function cliWithUtf16Ranges(cli, input) {
    const inInput = utf16Offsets(input);
    const inCleaned = utf16Offsets(cli.cleaned);
    const convert = (value, key) => {
        if (Array.isArray(value)) return value.map((item) => convert(item, key));
        if (value === null || typeof value !== "object") return value;
        const keys = Object.keys(value);
        if (keys.length === 2 && typeof value.start === "number" && typeof value.end === "number") {
            const offset = key === "original" ? inInput : inCleaned;
            return { start: offset(value.start), end: offset(value.end) };
        }
        return Object.fromEntries(keys.map((k) => [k, convert(value[k], k)]));
    };
    return convert(cli, "");
}

/** Every `{start, end}` in `analysis` slices back to the text it claims. */
function assertRangesSliceBack(analysis, input) {
    const { cleaned } = analysis;
    const isRange = (r) => Number.isInteger(r.start) && r.start <= r.end;
    const splitsPair = (text, at) =>
        at > 0 && at < text.length && /[\uD800-\uDBFF]/.test(text[at - 1]) &&
        /[\uDC00-\uDFFF]/.test(text[at]);
    for (const block of analysis.blocks) {
        assert.equal(cleaned.slice(block.range.start, block.range.end), block.text);
    }
    const walk = (nodes) => {
        for (const node of nodes) {
            assert.equal(cleaned.slice(node.range.start, node.range.end), node.text);
            walk(node.children);
        }
    };
    walk(analysis.outline);
    for (const edit of analysis.edits) {
        assert.ok(isRange(edit.original) && edit.original.end <= input.length, "original in input");
        assert.ok(isRange(edit.cleaned) && edit.cleaned.end <= cleaned.length, "cleaned in output");
        for (const at of [edit.original.start, edit.original.end]) assert.ok(!splitsPair(input, at));
        for (const at of [edit.cleaned.start, edit.cleaned.end]) assert.ok(!splitsPair(cleaned, at));
    }
}

describe("the installed package", () => {
    test("resolves to the Node entry through the exports map", () => {
        assert.match(installed.resolved, /\/node_modules\/qingwen\/node\.js$/);
        assert.equal(typeof qingwen.analyze, "function");
        assert.equal(typeof qingwen.default, "function");
        assert.equal(typeof qingwen.initSync, "function");
    });

    test("needs no init in Node, and init() is harmless", async () => {
        const before = qingwen.analyze(sample);
        await qingwen.default();
        qingwen.initSync();
        assert.deepEqual(qingwen.analyze(sample), before);
    });

    test("returns a plain object that survives structuredClone and JSON", () => {
        const analysis = qingwen.analyze(sample);
        assert.equal(Object.getPrototypeOf(analysis), Object.prototype);
        assert.deepEqual(structuredClone(analysis), analysis);
        assert.deepEqual(JSON.parse(JSON.stringify(analysis)), analysis);
    });
});

describe("same answer as the CLI", () => {
    test("on the sample: headings, top terms, and the whole contract", () => {
        const cli = runCli(samplePath);
        const wasm = qingwen.analyze(sample);
        assert.deepEqual(headings(wasm), headings(cli));
        assert.ok(headings(wasm).length > 0, "the sample has headings");
        const top = (analysis) => analysis.terms.slice(0, 20).map(({ term, count }) => ({ term, count }));
        assert.deepEqual(top(wasm), top(cli));
        assert.ok(wasm.terms.length > 0, "the sample has terms");
        assert.deepEqual(roundFloats(wasm), roundFloats(cliWithUtf16Ranges(cli, sample)));
    });

    test("UTF-16 ranges with astral characters (𦡦 and 👪)", () => {
        // Astral characters are 4 UTF-8 bytes but 2 UTF-16 code units: every range after them
        // differs between the CLI (bytes) and JS (code units). Put some before, between and
        // inside the fixes the cleaner makes.
        const lines = sample.split("\n");
        const input = lines
            .map((line, i) => (i % 3 === 1 ? `👪${line.replace(/(\d) /, "$1 𦡦 ")}𦡦` : line))
            .join("\n")
            .replace(/ 年/, " 年 👪 𦡦 ");
        assert.ok(input.includes("𦡦") && input.includes("👪"));
        const file = join(scratch, "astral.txt");
        writeFileSync(file, input);
        const wasm = qingwen.analyze(input);
        assert.ok(wasm.cleaned.includes("𦡦") && wasm.cleaned.includes("👪"));
        assert.ok(wasm.edits.length > 0);
        assert.deepEqual(wasm, cliWithUtf16Ranges(runCli(file), input));
        assertRangesSliceBack(wasm, input);
    });

    test("ranges slice back on the sample", () => {
        const analysis = qingwen.analyze(sample);
        assertRangesSliceBack(analysis, sample);
        for (const edit of analysis.edits) {
            const removed = sample.slice(edit.original.start, edit.original.end);
            if (edit.kind === "space_removed") assert.match(removed, /^\s+$/u);
            if (edit.kind === "page_footer") assert.match(removed, /第\s*1\s*页/u);
            if (edit.kind === "copy_label") assert.match(removed, /正文复制/u);
        }
    });
});

describe("bad input throws an Error and the next call works", () => {
    const cases = [
        ["null text", [null]],
        ["undefined text", [undefined]],
        ["a number as text", [42]],
        ["an object as text", [{ text: "x" }]],
        ["options not an object", [sample, 42]],
        ["options an array", [sample, []]],
        ["an unknown option", [sample, { nope: true }]],
        ["an unknown nested option", [sample, { clean: { reflw: true } }]],
        ["a wrong option type", [sample, { clean: { reflow: "yes" } }]],
        ["a negative number option", [sample, { terms: { top: -1 } }]],
        ["a bad maxInputBytes", [sample, { maxInputBytes: "big" }]],
        ["text over maxInputBytes", ["清文".repeat(10), { maxInputBytes: 59 }]],
    ];
    for (const [name, args] of cases) {
        test(name, () => {
            assert.throws(
                () => qingwen.analyze(...args),
                (error) => error instanceof Error && /^qingwen: /.test(error.message),
            );
            assert.deepEqual(headings(qingwen.analyze(sample)), headings(runCli(samplePath)));
        });
    }

    test("text over the default 64 MiB limit, counted in UTF-8 bytes", () => {
        assert.throws(
            () => qingwen.analyze("x".repeat(64 * 1024 * 1024 + 1)),
            /over the 64\.0 MiB limit/,
        );
        assert.throws(() => qingwen.analyze("清文", { maxInputBytes: 5 }), /6 bytes of UTF-8, over the 5 bytes limit/);
        assert.equal(typeof qingwen.analyze("清文", { maxInputBytes: 6 }).cleaned, "string");
        assert.equal(typeof qingwen.analyze("清文", { maxInputBytes: Infinity }).cleaned, "string");
    });

    test("valid options are accepted; null and undefined members mean the default", () => {
        const analysis = qingwen.analyze(sample, {
            clean: { reflow: true, pangu: false, fixSpacing: undefined },
            terms: { top: 5, hmm: true, extraStopwords: ["工作"] },
            maxInputBytes: 1 << 20,
        });
        assert.equal(analysis.terms.length, 5);
        assert.ok(!analysis.terms.some((t) => t.term === "工作"));
        assert.deepEqual(qingwen.analyze(sample, null), qingwen.analyze(sample, { clean: null }));
    });

    test("lone surrogates are read as U+FFFD and keep offsets valid", () => {
        const input = `前\uD800后 2023 年\uDC00。\n${sample}`;
        const analysis = qingwen.analyze(input);
        assert.equal(typeof analysis.cleaned, "string");
        assert.ok(!/[\uD800-\uDFFF]/.test(analysis.cleaned.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "")));
        assertRangesSliceBack(analysis, input);
        assert.deepEqual(headings(qingwen.analyze(sample)), headings(runCli(samplePath)));
    });
});

describe("a crash inside the module", () => {
    for (const kind of ["panic", "trap"]) {
        test(`a ${kind} throws a clear Error, and the next call works`, (t) => {
            const expected = qingwen.analyze(sample);
            const logged = [];
            t.mock.method(console, "error", (...args) => logged.push(args.join(" ")));
            assert.throws(
                () => qingwen.__crashForTesting(kind),
                (error) =>
                    error instanceof Error &&
                    /^qingwen: the WebAssembly module crashed/.test(error.message) &&
                    /next call will work/.test(error.message) &&
                    error.cause !== undefined,
            );
            if (kind === "panic") {
                assert.match(logged.join("\n"), /qingwen panicked: .*deliberate panic for testing/s);
            }
            t.mock.restoreAll();
            assert.deepEqual(qingwen.analyze(sample), expected);
            // And again: recovery is not a one-off.
            assert.throws(() => qingwen.__crashForTesting(kind), /crashed/);
            assert.deepEqual(qingwen.analyze(sample), expected);
        });
    }
});

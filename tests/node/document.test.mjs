// `analyzeDocument` in the installed npm package: a typed document (an HTML page or a rich
// paste as blocks) gives its headings and levels, ranges in UTF-16 units of its input text,
// the same answer as the native CLI's `--document`, clear errors for bad documents, and it is
// exported by the ES and the CommonJS entries alike. Also the page's pure document helpers
// (www/html-document.js), which need no DOM.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { documentText, editDocument, MAX_DEPTH, prepareHtml } from "../../www/html-document.js";
import { cliPath, installPackage } from "../support/package.mjs";

let installed;
let qingwen;

before(async () => {
    installed = await installPackage();
    qingwen = installed.qingwen;
});

after(() => installed?.cleanup());

/** A news article as a rich paste carries it: astral characters, a footer inside a paragraph, a bold lead. */
const ARTICLE = {
    blocks: [
        { kind: "heading", level: 1, text: "稳中求进 行稳致远 𦡦" },
        { kind: "paragraph", text: "本报记者 张三" },
        { kind: "heading", level: 2, text: "一、总体要求 👪" },
        { text: "👪 这一年,全国组织工作会议认真贯彻重要思想,牢牢把握新时\n第 1 页 共 3 页\n代组织工作总遵循。" },
        { kind: "heading", level: 4, text: "(一)加强统筹" },
        { kind: "paragraph", text: "一是加强统筹。各地要统筹推进各项工作,确保落到实处。", lead: "一是加强统筹。" },
        { kind: "list_item", text: "第一项 𦡦 工作" },
        { kind: "quote", text: "引文一句。" },
        { kind: "table_cell", text: "表格" },
        // heading-shaped, but the source says it is a paragraph
        { kind: "paragraph", text: "二、主要任务" },
    ],
};

const kinds = (analysis) => analysis.blocks.map((block) => [block.kind, block.level ?? null, block.text]);

/** A function from a UTF-8 byte offset into `text` to its UTF-16 offset. */
function utf16Offsets(text) {
    const map = new Map();
    let bytes = 0;
    let units = 0;
    for (const ch of text) {
        map.set(bytes, units);
        bytes += Buffer.byteLength(ch);
        units += ch.length;
    }
    map.set(bytes, units);
    return (offset) => {
        assert.ok(map.has(offset), `byte offset ${offset} is not on a character boundary`);
        return map.get(offset);
    };
}

describe("analyzeDocument", () => {
    test("takes block kinds, headings and levels from the document", () => {
        const analysis = qingwen.analyzeDocument(ARTICLE);
        assert.deepEqual(kinds(analysis).slice(0, 5), [
            ["title", null, "稳中求进 行稳致远 𦡦"],
            ["byline", null, "本报记者 张三"],
            ["heading", 1, "一、总体要求 👪"],
            ["paragraph", null, "👪 这一年,全国组织工作会议认真贯彻重要思想,牢牢把握新时代组织工作总遵循。"],
            ["heading", 2, "(一)加强统筹"],
        ]);
        assert.equal(analysis.meta.title, "稳中求进 行稳致远 𦡦");
        assert.equal(analysis.blocks[5].lead, "一是加强统筹。");
        assert.equal(analysis.blocks.find((b) => b.text === "二、主要任务").kind, "paragraph");
        assert.equal(analysis.blocks.find((b) => b.text.startsWith("第一项")).kind, "list_item");
        assert.deepEqual(
            analysis.outline.map((node) => [node.kind, node.text]),
            [["heading", "一、总体要求 👪"]],
        );
        assert.ok(analysis.fixes.some((fix) => fix.kind === "page_footer"));
    });

    test("ranges are UTF-16 units: edits of the blocks joined by a blank line, the rest of cleaned", () => {
        const input = documentText(ARTICLE);
        const analysis = qingwen.analyzeDocument(ARTICLE);
        const footer = analysis.edits.find((edit) => edit.kind === "page_footer");
        assert.match(input.slice(footer.original.start, footer.original.end), /第 1 页 共 3 页/);
        for (const edit of analysis.edits) {
            assert.ok(edit.original.start <= edit.original.end && edit.original.end <= input.length);
            assert.ok(edit.cleaned.start <= edit.cleaned.end && edit.cleaned.end <= analysis.cleaned.length);
        }
        for (const block of analysis.blocks) {
            assert.equal(analysis.cleaned.slice(block.range.start, block.range.end), block.text);
        }
        const walk = (nodes) => {
            for (const node of nodes) {
                assert.equal(analysis.cleaned.slice(node.range.start, node.range.end), node.text);
                walk(node.children);
            }
        };
        walk(analysis.outline);
    });

    test("the same answer as the CLI's --document, ranges aside", () => {
        const cli = JSON.parse(
            execFileSync(cliPath, ["analyze", "-", "--document", "--json"], { input: JSON.stringify(ARTICLE), encoding: "utf8" }),
        );
        const wasm = qingwen.analyzeDocument(ARTICLE);
        assert.deepEqual(kinds(wasm), kinds(cli));
        assert.equal(wasm.cleaned, cli.cleaned);
        const inInput = utf16Offsets(documentText(ARTICLE));
        const inCleaned = utf16Offsets(cli.cleaned);
        assert.deepEqual(
            wasm.edits,
            cli.edits.map((edit) => ({
                kind: edit.kind,
                original: { start: inInput(edit.original.start), end: inInput(edit.original.end) },
                cleaned: { start: inCleaned(edit.cleaned.start), end: inCleaned(edit.cleaned.end) },
            })),
        );
        assert.deepEqual(
            wasm.terms.slice(0, 10).map(({ term, count }) => ({ term, count })),
            cli.terms.slice(0, 10).map(({ term, count }) => ({ term, count })),
        );
    });

    test("an edit passed back as clean.reject is not made", () => {
        const first = qingwen.analyzeDocument(ARTICLE);
        const footer = first.edits.find((edit) => edit.kind === "page_footer");
        const again = qingwen.analyzeDocument(ARTICLE, { clean: { reject: [footer] } });
        assert.ok(!again.edits.some((edit) => edit.kind === "page_footer"));
        assert.match(again.cleaned, /第 1 页 共 3 页/);
    });

    test("a plain object that survives structuredClone; an empty document gives an empty analysis", () => {
        const analysis = qingwen.analyzeDocument(ARTICLE);
        assert.deepEqual(structuredClone(analysis), analysis);
        const empty = qingwen.analyzeDocument({ blocks: [] });
        assert.equal(empty.cleaned, "");
        assert.deepEqual(empty.blocks, []);
        assert.equal(qingwen.analyzeDocument({ blocks: [{ text: "a", level: null, lead: undefined }] }).cleaned, "a");
    });

    const bad = [
        ["no document", [undefined], /the document must be an object/],
        ["null", [null], /the document must be an object/],
        ["a string", ["<p>x</p>"], /the document must be an object/],
        ["an array", [[{ text: "x" }]], /the document must be an object/],
        ["blocks not an array", [{ blocks: "x" }], /invalid document/],
        ["an unknown kind", [{ blocks: [{ kind: "h9", text: "x" }] }], /invalid document: unknown variant `h9`/],
        ["a level out of range", [{ blocks: [{ kind: "heading", level: 300, text: "x" }] }], /invalid document/],
        ["a text not a string", [{ blocks: [{ text: 1 }] }], /invalid document/],
        ["an unknown field", [{ blocks: [{ text: "x", html: "<p>" }] }], /invalid document: unknown field `html`/],
        ["an unknown top-level field", [{ blocks: [], title: "x" }], /invalid document: unknown field `title`/],
        ["bad options", [{ blocks: [] }, { clean: { reflw: true } }], /invalid options/],
        ["over maxInputBytes (blocks and separators counted)", [{ blocks: [{ text: "abc" }, { text: "d" }] }, { maxInputBytes: 5 }], /6 bytes of UTF-8, over the 5 bytes limit/],
    ];
    for (const [name, args, message] of bad) {
        test(`bad input throws a clear Error and the next call works: ${name}`, () => {
            assert.throws(
                () => qingwen.analyzeDocument(...args),
                (error) => error instanceof Error && /^qingwen: /.test(error.message) && message.test(error.message),
            );
            assert.equal(qingwen.analyzeDocument(ARTICLE).meta.title, "稳中求进 行稳致远 𦡦");
        });
    }

    test("at the size limit it is accepted", () => {
        assert.equal(qingwen.analyzeDocument({ blocks: [{ text: "abc" }, { text: "d" }] }, { maxInputBytes: 6 }).blocks.length, 2);
    });

    test("the CommonJS entry exports it too", () => {
        const require = createRequire(join(installed.dir, "consumer.js"));
        const cjs = require("qingwen");
        assert.deepEqual(kinds(cjs.analyzeDocument(ARTICLE)), kinds(qingwen.analyzeDocument(ARTICLE)));
    });
});

describe("the page's document helpers (www/html-document.js)", () => {
    const doc = {
        blocks: [
            { kind: "heading", level: 2, text: "Title" },
            { kind: "paragraph", text: "Body one.", lead: "Body" },
            { kind: "list_item", text: "item" },
        ],
    };
    const before = documentText(doc);

    test("documentText joins the blocks by a blank line, as the core does", () => {
        assert.equal(before, "Title\n\nBody one.\n\nitem");
    });

    test("an edit inside a block keeps every block's kind", () => {
        const after = before.replace("one", "two");
        const edited = editDocument(doc, before, after);
        assert.equal(documentText(edited), after);
        assert.deepEqual(edited.blocks.map((b) => b.kind), ["heading", "paragraph", "list_item"]);
        assert.equal(edited.blocks[1].lead, "Body");
        assert.equal(editDocument(doc, before, before.replace("Body", "Bady")).blocks[1].lead, undefined);
    });

    test("an edit across a separator joins the blocks it touches; a line break typed makes a paragraph", () => {
        for (const after of [before.replace("Title\n\n", "Title\n"), before.replace("\n\nBody", "\nX\nBody"), before.replace(".\n\nitem", "!")]) {
            const edited = editDocument(doc, before, after);
            assert.equal(documentText(edited), after, JSON.stringify(after));
            assert.equal(edited.blocks.length, 2, JSON.stringify(after));
        }
        assert.equal(editDocument(doc, before, before.replace("\n\nBody", "\nX\nBody")).blocks[0].kind, "paragraph");
        assert.equal(editDocument(doc, before, `X${before}`).blocks[0].kind, "heading");
    });

    test("replacing the whole text drops the document", () => {
        assert.equal(editDocument(doc, before, "new text"), null);
        assert.equal(editDocument(doc, before, ""), null);
        assert.equal(editDocument(doc, before, before), doc);
    });

    test("prepareHtml drops script and style contents, renames inline handlers and styles, caps the nesting, in linear time", () => {
        assert.equal(
            prepareHtml('<p style="display:none" onclick=x>a</p><script>alert(1)</script><STYLE>p{}</style ><img src=x onerror="y()">b<script>never closed'),
            '<p data-qingwen-style="display:none" data-qingwen-onclick=x>a</p><img src=x data-qingwen-onerror="y()">b',
        );
        // Tags nested deeper than MAX_DEPTH go (their text stays); omitted end tags and SVG's `/>` do not count.
        const deep = prepareHtml(`${"<div>".repeat(1000)}深${"</div>".repeat(1000)}<p>后`);
        assert.equal(deep, `${"<div>".repeat(MAX_DEPTH)}深${"</div>".repeat(MAX_DEPTH)}<p>后`);
        const loose = `${"<p>段<li>项<br><img src=x>".repeat(1000)}<svg>${'<path d="M0"/>'.repeat(1000)}</svg><svg/>${"<div>".repeat(MAX_DEPTH - 1)}末`;
        assert.equal(prepareHtml(loose), loose);
        assert.equal(prepareHtml(`${"<div/>".repeat(MAX_DEPTH + 5)}x`), `${"<div/>".repeat(MAX_DEPTH)}x`);
        const time = (n) => {
            const html = "<script>".repeat(n) + '<p onx="'.repeat(n) + "<style>".repeat(n);
            const start = performance.now();
            prepareHtml(html);
            return performance.now() - start;
        };
        time(1000);
        const small = Math.max(time(20_000), 1);
        const large = time(200_000);
        assert.ok(large < small * 40, `10× the input took ${(large / small).toFixed(1)}× the time`);
    });
});

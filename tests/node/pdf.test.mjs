// qingwen/pdf as a user gets it: the packed package installed into a fresh project, PDFs read
// with pdf.js and analysed by analyzeLayout; bad PDFs give clear errors; the qingwen-pdf-lines
// command feeds the native CLI. The fixtures are written by tests/fixtures/pdf/make.py.

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";

import { cliPath, installPackage, repoRoot } from "../support/package.mjs";

const fixtures = join(repoRoot, "tests/fixtures/pdf");
const fixture = (name) => readFileSync(join(fixtures, name));
// The evaluation set's PDFs, when the shared data sits next to the repository and its make.sh
// has built them (build/pdf), or where QINGWEN_EVAL_PDFS points (a copy built elsewhere).
const evalPdfs = process.env.QINGWEN_EVAL_PDFS ?? join(repoRoot, "../shared/eval/build/pdf");

let installed;
let pdf;

before(async () => {
    installed = await installPackage();
    pdf = await import(pathToFileURL(join(installed.dir, "node_modules/qingwen/pdf.js")).href);
});

after(() => installed?.cleanup());

describe("analyzePdf", () => {
    test("reads paragraphs, headings and furniture from a two-page PDF", async () => {
        const pages = [];
        const analysis = await pdf.analyzePdf(fixture("text.pdf"), null, {
            onProgress: (done, total) => pages.push([done, total]),
        });
        assert.deepEqual(pages, [
            [1, 2],
            [2, 2],
        ]);
        const blocks = analysis.blocks.map((b) => [b.kind, b.level ?? null, b.text]);
        assert.deepEqual(blocks, [
            ["title", null, "Reading PDF Layouts"],
            ["heading", 1, "Scope"],
            [
                "paragraph",
                null,
                "This paragraph explains what the test covers and wraps over several lines, so that the reader has to join them again. It ends on this line.",
            ],
            [
                "paragraph",
                null,
                "A second paragraph starts with an indent and contains a hyphenated word at the end of its first line, which goes away.",
            ],
            ["heading", 1, "Details"],
            [
                "paragraph",
                null,
                "The second page has one more paragraph, which is long enough to wrap onto a second line of its own.",
            ],
        ]);
        assert.deepEqual(
            analysis.dropped.map((d) => [d.kind, d.page, d.text]),
            [
                ["running_header", 1, "Qingwen Test Report | example.org"],
                ["page_footer", 1, "Page 1 of 2"],
                ["running_header", 2, "Qingwen Test Report | example.org"],
                ["page_footer", 2, "Page 2 of 2"],
            ],
        );
        const fixes = Object.fromEntries(analysis.fixes.map((f) => [f.kind, f.count]));
        assert.equal(fixes.running_header, 2);
        assert.equal(fixes.page_footer, 2);
        assert.equal(fixes.dehyphenate, 1);
        // Every edit's original range indexes `input`, every block range `cleaned`.
        for (const edit of analysis.edits) {
            assert.ok(edit.original.end <= analysis.input.length, JSON.stringify(edit));
        }
        for (const block of analysis.blocks) {
            assert.equal(analysis.cleaned.slice(block.range.start, block.range.end), block.text);
        }
        // Every line has its page and box, and starts where it says in `input` and `cleaned`.
        const details = analysis.places.find((p) => analysis.input.startsWith("Details", p.input));
        assert.equal(details?.page, 2, JSON.stringify(analysis.places));
        assert.ok(analysis.cleaned.startsWith("Details", details.cleaned));
        assert.ok(details.x > 0 && details.y > 0 && details.width > 0 && details.height === 12);
        assert.deepEqual([...new Set(analysis.places.map((p) => p.page))], [1, 2]);
    });

    test("takes an ArrayBuffer and leaves the caller's bytes alone", async () => {
        const bytes = fixture("text.pdf");
        const copy = Uint8Array.from(bytes);
        const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
        const analysis = await pdf.analyzePdf(buffer);
        assert.equal(analysis.meta.title, "Reading PDF Layouts");
        assert.deepEqual(Uint8Array.from(bytes), copy);
        assert.equal(buffer.byteLength, bytes.length, "the ArrayBuffer was not transferred");
    });

    test("a scan, an encrypted PDF and a corrupt file each get their message", async () => {
        await assert.rejects(pdf.analyzePdf(fixture("scan.pdf")), {
            message: `qingwen: ${pdf.NO_TEXT_MESSAGE}`,
        });
        assert.equal(pdf.NO_TEXT_MESSAGE, "this PDF has no text to read; it would need OCR");
        await assert.rejects(pdf.analyzePdf(fixture("encrypted.pdf")), /encrypted with a password/);
        await assert.rejects(pdf.analyzePdf(fixture("corrupt.pdf")), /not a readable PDF/);
        const text = fixture("text.pdf");
        await assert.rejects(pdf.analyzePdf(text.subarray(0, 40)), /not a readable PDF|no text/);
        // And the next PDF still works.
        assert.equal((await pdf.analyzePdf(text)).meta.title, "Reading PDF Layouts");
    });

    test("an aborted signal stops the extraction", async () => {
        const controller = new AbortController();
        const done = pdf.analyzePdf(fixture("text.pdf"), null, {
            signal: controller.signal,
            onProgress: () => controller.abort(),
        });
        await assert.rejects(done, { name: "AbortError" });
    });

    test("bad options and layouts throw Errors", async () => {
        await assert.rejects(pdf.analyzePdf(fixture("text.pdf"), { clean: { nope: 1 } }), /nope/);
        assert.throws(() => installed.qingwen.analyzeLayout([]), /layout must be an object/);
        assert.throws(
            () => installed.qingwen.analyzeLayout({ pages: [{ lines: [{ x: "left" }] }] }),
            /layout is not/,
        );
        const empty = installed.qingwen.analyzeLayout({ pages: [{}, { width: -1, lines: [] }] });
        assert.deepEqual(empty.blocks, []);
    });

    test("importing qingwen alone does not load pdf.js", () => {
        const script = [
            'await import("qingwen");',
            "const loaded = Object.keys(globalThis).some((k) => /pdfjs/i.test(k));",
            'const { analyze } = await import("qingwen");',
            'analyze("清文");',
            "process.stdout.write(String(loaded || globalThis.pdfjsWorker !== undefined));",
        ].join("\n");
        const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
            cwd: installed.dir,
            encoding: "utf8",
        });
        assert.equal(out, "false");
    });
});

describe("qingwen-pdf-lines", () => {
    test("writes positioned lines that the native CLI reads with --layout", (t) => {
        if (!existsSync(cliPath)) {
            t.skip("target/release/qingwen is not built");
            return;
        }
        const bin = join(installed.dir, "node_modules/.bin/qingwen-pdf-lines");
        const lines = execFileSync(bin, [join(fixtures, "text.pdf")], { encoding: "utf8" });
        const layout = JSON.parse(lines);
        assert.equal(layout.pages.length, 2);
        assert.ok(layout.pages[0].lines.some((l) => l.bold && l.font.includes("Bold")));
        const native = JSON.parse(
            execFileSync(cliPath, ["analyze", "--layout", "-", "--json"], {
                input: lines,
                encoding: "utf8",
            }),
        );
        const wasm = installed.qingwen.analyzeLayout(layout);
        assert.deepEqual(
            native.blocks.map((b) => b.text),
            wasm.blocks.map((b) => b.text),
        );
        assert.deepEqual(native.dropped, wasm.dropped);
        const failed = spawnSync(bin, [join(fixtures, "scan.pdf")], { encoding: "utf8" });
        assert.equal(failed.status, 1);
        assert.match(failed.stderr, /no text to read; it would need OCR/);
    });

    test("the evaluation PDFs read with their headings", async (t) => {
        if (!existsSync(evalPdfs)) {
            t.skip(`no ${evalPdfs} (run the evaluation's make.sh)`);
            return;
        }
        for (const name of readdirSync(evalPdfs).filter((n) => n.endsWith(".pdf"))) {
            const analysis = await pdf.analyzePdf(readFileSync(join(evalPdfs, name)));
            assert.ok(analysis.blocks.length > 3, name);
            assert.ok(analysis.meta.title, name);
            assert.ok(
                !analysis.cleaned.includes("第 1 页"),
                `${name}: a page footer is left in the text`,
            );
        }
    });
});

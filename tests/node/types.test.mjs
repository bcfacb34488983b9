// The TypeScript types shipped in the package (written by hand in src/wasm/types.d.ts)
// against what `analyze` really returns and what `defaultOptions` really accepts: a field the
// core adds or renames fails here until the types follow. The string unions (FixKind,
// BlockKind …) are checked against the Rust enums themselves by tests/enums.rs; here against
// the values the package returns and accepts.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { installPackage, readSample } from "../support/package.mjs";

let installed;

before(async () => {
    installed = await installPackage();
});

after(() => installed?.cleanup());

function declarations() {
    return readFileSync(join(installed.dir, "node_modules/qingwen/qingwen.d.ts"), "utf8");
}

/** `{ Name: { field: optional } }` for every `export interface` of the package's .d.ts. */
function declaredInterfaces() {
    const dts = declarations();
    const interfaces = {};
    for (const [, name, body] of dts.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
        interfaces[name] = Object.fromEntries(
            [...body.matchAll(/^\s*(\w+)(\??):/gm)].map(([, field, optional]) => [field, optional === "?"]),
        );
    }
    return interfaces;
}

// Which interface describes each field that holds an object or an array of objects.
const FIELD_TYPES = {
    Analysis: {
        meta: "Meta",
        blocks: "Block",
        outline: "OutlineNode",
        terms: "Term",
        keywords: "Keyword",
        phrases: "Phrase",
        sections: "SectionTerms",
        termsBySection: "TermBySection",
        dictErrors: "DictLineError",
        fixes: "FixCount",
        edits: "Fix",
    },
    Block: { range: "TextRange" },
    OutlineNode: { range: "TextRange", children: "OutlineNode" },
    SectionTerms: { terms: "Term" },
    Fix: { original: "TextRange", cleaned: "TextRange" },
    Options: { clean: "CleanOptions", terms: "TermOptions" },
};

function checkShape(value, type, interfaces, path, seen) {
    const fields = interfaces[type];
    assert.ok(fields, `${path}: no interface ${type} in the .d.ts`);
    seen.add(type);
    for (const key of Object.keys(value)) {
        assert.ok(key in fields, `${path}.${key} is returned but ${type} does not declare it`);
    }
    for (const [field, optional] of Object.entries(fields)) {
        if (!optional) assert.ok(field in value, `${type}.${field} is declared but ${path} lacks it`);
    }
    for (const [field, inner] of Object.entries(FIELD_TYPES[type] ?? {})) {
        const child = value[field];
        if (Array.isArray(child)) {
            child.forEach((item, i) => checkShape(item, inner, interfaces, `${path}.${field}[${i}]`, seen));
        } else if (child !== undefined && child !== null) {
            checkShape(child, inner, interfaces, `${path}.${field}`, seen);
        }
    }
}

test("every field analyze returns is declared, and every required field is returned", () => {
    const interfaces = declaredInterfaces();
    const seen = new Set();
    const analysis = installed.qingwen.analyze(readSample());
    checkShape(analysis, "Analysis", interfaces, "analysis", seen);
    for (const type of ["Meta", "Block", "OutlineNode", "Term", "Keyword", "Phrase", "SectionTerms", "TermBySection", "FixCount", "Fix", "TextRange"]) {
        assert.ok(seen.has(type), `the sample exercised ${type}`);
    }
});

test("Options declares exactly the options analyze accepts", () => {
    const interfaces = declaredInterfaces();
    const defaults = installed.qingwen.defaultOptions();
    checkShape(defaults, "Options", interfaces, "defaultOptions()", new Set());
    for (const [type, value] of [["Options", defaults], ["CleanOptions", defaults.clean], ["TermOptions", defaults.terms]]) {
        assert.deepEqual(Object.keys(interfaces[type]).sort(), Object.keys(value).sort(), type);
    }
    // And the defaults are accepted as they are.
    assert.deepEqual(installed.qingwen.analyze(readSample(), defaults), installed.qingwen.analyze(readSample()));
});

/** The string literals of every `export type Name = "a" | "b";` of the package's .d.ts. */
function declaredUnions() {
    const unions = {};
    for (const [, name, body] of declarations().matchAll(/export type (\w+) =([^;]*);/g)) {
        const members = body.split("|").map((m) => m.trim()).filter(Boolean);
        if (members.every((m) => /^"[^"]*"$/.test(m))) unions[name] = new Set(members.map((m) => m.slice(1, -1)));
    }
    return unions;
}

test("every kind analyze returns is in its declared union", () => {
    const unions = declaredUnions();
    for (const name of ["FixKind", "BlockKind", "NodeKind", "KeywordMethod", "SegmentMode"]) {
        assert.ok(unions[name]?.size > 1, `the .d.ts declares the union ${name}`);
    }
    // The sample, and text that needs most other fixes: CRLF, trailing spaces, a zero-width
    // space, a Kangxi radical, letter spacing, a hyphenated line end, pangu and punctuation.
    const other = "标题\r\n\r\n一、第一部分  \r\n这\u200b是⼀段 2023 年的文字,听 起 来 像 一 段 话\r\nthe docu-\r\nmented text.\r\n";
    const kinds = { fix: new Set(), block: new Set(), node: new Set() };
    for (const [text, options] of [
        [readSample(), undefined],
        [other, undefined],
        [other, { clean: { pangu: true, fullwidthPunctuation: true } }],
    ]) {
        const analysis = installed.qingwen.analyze(text, options);
        for (const f of [...analysis.fixes, ...analysis.edits]) kinds.fix.add(f.kind);
        for (const b of analysis.blocks) kinds.block.add(b.kind);
        const nodes = [...analysis.outline];
        while (nodes.length) {
            const node = nodes.pop();
            kinds.node.add(node.kind);
            nodes.push(...node.children);
        }
    }
    for (const [seen, union] of [[kinds.fix, "FixKind"], [kinds.block, "BlockKind"], [kinds.node, "NodeKind"]]) {
        assert.ok(seen.size > 1, `the texts exercised ${union}`);
        for (const kind of seen) assert.ok(unions[union].has(kind), `${kind} is returned but not in ${union}`);
    }
});

test("every option value in a declared union is accepted, and nothing else", () => {
    const unions = declaredUnions();
    const defaults = installed.qingwen.defaultOptions();
    assert.ok(unions.KeywordMethod.has(defaults.terms.keywordMethod));
    assert.ok(unions.SegmentMode.has(defaults.terms.mode));
    for (const keywordMethod of unions.KeywordMethod) {
        assert.ok(installed.qingwen.analyze("组织工作", { terms: { keywordMethod } }).keywords.length > 0, keywordMethod);
    }
    for (const mode of unions.SegmentMode) {
        assert.ok(installed.qingwen.segment("中华人民共和国", { terms: { mode } }).tokens.length > 0, mode);
    }
    assert.throws(() => installed.qingwen.analyze("x", { terms: { keywordMethod: "bm25" } }), /^Error: qingwen: invalid options/);
    assert.throws(() => installed.qingwen.analyze("x", { terms: { mode: "full" } }), /^Error: qingwen: invalid options/);
});

// The TypeScript types shipped in the package (written by hand in src/wasm.rs) against what
// `analyze` really returns and what `defaultOptions` really accepts: a field the core adds
// or renames fails here until the types follow.

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

/** `{ Name: { field: optional } }` for every `export interface` of the package's .d.ts. */
function declaredInterfaces() {
    const dts = readFileSync(join(installed.dir, "node_modules/qingwen/qingwen.d.ts"), "utf8");
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

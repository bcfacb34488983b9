// The term functions of the npm package on their own (segment, termFrequencies, keywords,
// phrases), as a user calls them, compared with what `analyze` and the CLI report.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { test } from "node:test";

import { readSample, usePackage } from "../support/package.mjs";

const cliPath = fileURLToPath(new URL("../../target/release/qingwen", import.meta.url));

const qingwen = usePackage();

test("segment gives every word with a UTF-16 range that slices back", () => {
    const text = "𦡦我们中出了一个叛徒👪 qingwen 清文";
    const { tokens, dictErrors } = qingwen.segment(text);
    assert.deepEqual(dictErrors, []);
    assert.ok(tokens.length > 5);
    for (const token of tokens) {
        assert.equal(text.slice(token.range.start, token.range.end), token.word);
        assert.equal(typeof token.tag, "string");
    }
    assert.ok(tokens.some((token) => token.word === "叛徒"));
    const custom = qingwen.segment("推动成渝地区双城经济圈建设", {
        terms: { userDict: "成渝地区双城经济圈 100 ns\n坏 99999999999999999999999" },
    });
    assert.ok(custom.tokens.some((token) => token.word === "成渝地区双城经济圈"));
    assert.equal(custom.dictErrors.length, 1);
    assert.equal(custom.dictErrors[0].line, 2);
});

test("termFrequencies, keywords and phrases on the cleaned sample agree with analyze", () => {
    const analysis = qingwen.analyze(readSample());
    const terms = qingwen.termFrequencies(analysis.cleaned);
    const top10 = terms.slice(0, 10).map((t) => t.term);
    for (const word of ["文化", "群众", "服务"]) assert.ok(top10.includes(word), `${word} in ${top10}`);
    assert.deepEqual(terms.slice(0, 5).map((t) => t.term), analysis.terms.slice(0, 5).map((t) => t.term));

    const tfidf = qingwen.keywords(analysis.cleaned, { terms: { keywords: 10 } });
    assert.equal(tfidf.length, 10);
    assert.ok(tfidf.every((k, i) => i === 0 || tfidf[i - 1].score >= k.score));
    const textrank = qingwen.keywords(analysis.cleaned, { terms: { keywordMethod: "textrank", keywords: 5 } });
    assert.equal(textrank.length, 5);

    const phrases = qingwen.phrases(analysis.cleaned).map((p) => p.phrase);
    assert.ok(phrases.includes("公共文化"), phrases.join(" "));
});

test("the term functions reject bad input and the next call works", () => {
    assert.throws(() => qingwen.segment(null), /qingwen/);
    assert.throws(() => qingwen.keywords("文本", { terms: { keywordMethod: "magic" } }), /qingwen/);
    assert.throws(() => qingwen.phrases("文本", { nope: 1 }), /qingwen/);
    assert.ok(qingwen.termFrequencies("清文清文").length >= 1);
});

test("the CLI's segment command and the package segment the same words", () => {
    const line = "时代孕育思想，思想指引航程。";
    const cli = execFileSync(cliPath, ["segment", "-"], { input: line, encoding: "utf8" }).trim().split("  ");
    const js = qingwen.segment(line).tokens.map((t) => t.word);
    assert.deepEqual(js, cli);
});

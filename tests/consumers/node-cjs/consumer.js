// Node 20, CommonJS: `require("qingwen")`, synchronous, no init.
const { analyze, defaultOptions, renderMarkdown } = require("qingwen");

const analysis = analyze("清文：清理从 PDF 复制的文字。\n\n一、背景\n\n清文在本机运行。", defaultOptions());
let badOptions;
try {
    analyze("清文", { nope: 1 });
} catch (error) {
    badOptions = error.message;
}
// The crash recovery of the ES entry survives the conversion to CommonJS.
let crash;
try {
    require("qingwen").__crashForTesting("trap");
} catch (error) {
    crash = error.message;
}
const afterCrash = analyze("清文：清理从 PDF 复制的文字。\n\n一、背景\n\n清文在本机运行。").cleaned;

console.log(JSON.stringify({
    entry: require.resolve("qingwen"),
    cleaned: analysis.cleaned,
    blocks: analysis.blocks.length,
    terms: analysis.terms.map((term) => term.term),
    badOptions,
    crash,
    afterCrash,
    markdown: renderMarkdown(analysis),
    init: typeof require("qingwen").default,
}));

// Bun's runtime: `import { analyze } from "qingwen"`, no init (the Node entry).
import { analyze, defaultOptions, renderMarkdown } from "qingwen";

const analysis = analyze("清文：清理从 PDF 复制的文字。\n\n一、背景\n\n清文在本机运行。", defaultOptions());
console.log(JSON.stringify({
    entry: import.meta.resolve("qingwen"),
    cleaned: analysis.cleaned,
    blocks: analysis.blocks.length,
    terms: analysis.terms.map((term) => term.term),
    markdown: renderMarkdown(analysis),
}));

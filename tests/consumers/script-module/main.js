// No bundler: the page imports the installed package's files by path.
import init, { analyze } from "./node_modules/qingwen/index.js";

await init();
const analysis = analyze("清文：清理从 PDF 复制的文字。\n\n一、背景\n\n清文在本机运行。");
document.getElementById("result").textContent = JSON.stringify({
    cleaned: analysis.cleaned,
    blocks: analysis.blocks.length,
    terms: analysis.terms.map((term) => term.term),
});

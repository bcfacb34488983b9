// A Vite app: Vite finds qingwen_bg.wasm through `new URL(..., import.meta.url)` in the
// package and emits it as an asset of the build.
import init, { analyze } from "qingwen";

await init();
const analysis = analyze("清文：清理从 PDF 复制的文字。\n\n一、背景\n\n清文在本机运行。");
document.getElementById("result").textContent = JSON.stringify({
    cleaned: analysis.cleaned,
    blocks: analysis.blocks.length,
    terms: analysis.terms.map((term) => term.term),
});

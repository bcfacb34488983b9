// `deno bundle` with the README's recipe: the bundle keeps `new URL("qingwen_bg.wasm",
// import.meta.url)`, so qingwen_bg.wasm copied next to it is found by a plain init().
import init, { analyze } from "qingwen";

const result = document.getElementById("result");
try {
    await init();
    const analysis = analyze("清文：清理从 PDF 复制的文字。\n\n一、背景\n\n清文在本机运行。");
    result.textContent = JSON.stringify({
        cleaned: analysis.cleaned,
        blocks: analysis.blocks.length,
        terms: analysis.terms.map((term) => term.term),
    });
} catch (error) {
    result.textContent = JSON.stringify({ error: String(error) });
}

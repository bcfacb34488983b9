// A webpack 5 app with no webpack config: webpack finds qingwen_bg.wasm through
// `new URL(..., import.meta.url)` in the package, emits it as an asset and rewrites the URL.
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

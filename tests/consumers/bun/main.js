// `bun build` with the README's recipe: importing the .wasm emits it (Bun's file loader) and
// gives its URL, which init() is handed.
import init, { analyze } from "qingwen";
import wasmUrl from "qingwen/qingwen_bg.wasm";

const result = document.getElementById("result");
try {
    await init({ module_or_path: wasmUrl });
    const analysis = analyze("清文：清理从 PDF 复制的文字。\n\n一、背景\n\n清文在本机运行。");
    result.textContent = JSON.stringify({
        cleaned: analysis.cleaned,
        blocks: analysis.blocks.length,
        terms: analysis.terms.map((term) => term.term),
    });
} catch (error) {
    result.textContent = JSON.stringify({ error: String(error) });
}

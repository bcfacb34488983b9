// The page stays responsive: the text goes to a module worker, the analysis comes back as a
// plain object (structured clone).
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
worker.onmessage = ({ data }) => {
    document.getElementById("result").textContent = JSON.stringify(
        data.error ? data : {
            cleaned: data.cleaned,
            blocks: data.blocks.length,
            terms: data.terms.map((term) => term.term),
        },
    );
};
worker.onerror = (event) => {
    document.getElementById("result").textContent = JSON.stringify({ error: event.message });
};
worker.postMessage("清文：清理从 PDF 复制的文字。\n\n一、背景\n\n清文在本机运行。");

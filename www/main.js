// The page: sends the pasted text to the Worker (worker.js) and renders what comes back.
// Everything from the text is rendered with textContent, never as HTML.

const TOP_TERMS = 50;
const TYPING_PAUSE_MS = 700;

const $ = (id) => document.getElementById(id);
const input = $("input");
const button = $("analyze");
const status = $("status");
const results = $("results");

const META_LABELS = [
    ["title", "Title"],
    ["subtitle", "Subtitle"],
    ["byline", "Byline"],
    ["source", "Source"],
    ["date", "Date"],
    ["page", "Page"],
];

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
let lastId = 0; // the newest request; older results are dropped
let typingTimer;

worker.addEventListener("message", ({ data }) => {
    switch (data.type) {
        case "ready":
            setStatus("ready", "Ready.");
            if (input.value.trim()) run();
            break;
        case "fatal":
            setStatus("error", `Could not load the analyzer: ${data.message}`);
            break;
        case "result":
            if (data.id !== lastId) return;
            render(data.analysis);
            setStatus("done", summary(data.analysis, data.ms));
            break;
        case "error":
            if (data.id !== lastId) return;
            setStatus("error", data.message);
            break;
    }
});
worker.addEventListener("error", (event) => {
    setStatus("error", `The analyzer stopped: ${event.message || "unknown error"}`);
});

button.addEventListener("click", run);
input.addEventListener("input", () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(run, TYPING_PAUSE_MS);
});
input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run();
});
$("copy").addEventListener("click", async () => {
    try {
        await navigator.clipboard.writeText($("cleaned").textContent);
        setStatus("done", "Copied the cleaned text.");
    } catch {
        setStatus("error", "Copying is not allowed here: select the text and copy it.");
    }
});

function run() {
    clearTimeout(typingTimer);
    const text = input.value;
    lastId += 1;
    if (!text.trim()) {
        results.hidden = true;
        setStatus("ready", "Ready.");
        return;
    }
    setStatus("busy", "Analyzing…");
    worker.postMessage({ id: lastId, text });
}

function setStatus(state, message) {
    status.dataset.state = state;
    status.textContent = message;
}

function summary(analysis, ms) {
    const fixes = analysis.fixes.reduce((sum, fix) => sum + fix.count, 0);
    const chars = [...analysis.cleaned].length;
    return `Done in ${Math.round(ms)} ms: ${chars.toLocaleString()} characters, ` +
        `${fixes.toLocaleString()} ${fixes === 1 ? "fix" : "fixes"}.`;
}

function render(analysis) {
    $("cleaned").textContent = analysis.cleaned;
    renderFixes(analysis.fixes);
    renderMeta(analysis.meta);
    renderOutline(analysis.outline);
    renderTerms(analysis.terms.slice(0, TOP_TERMS));
    results.hidden = false;
}

function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
        if (key === "text") node.textContent = value;
        else if (key === "dataset") Object.assign(node.dataset, value);
        else node.setAttribute(key, value);
    }
    node.append(...children);
    return node;
}

function renderFixes(fixes) {
    $("fixes").replaceChildren(
        ...fixes.map((fix) =>
            el("li", { dataset: { kind: fix.kind } },
                el("span", { class: "fix-kind", text: fix.kind.replaceAll("_", " ") }),
                el("span", { class: "fix-count", text: `×${fix.count}` }),
            )
        ),
    );
}

function renderMeta(meta) {
    const rows = META_LABELS.filter(([key]) => meta[key]).flatMap(([key, label]) => [
        el("dt", { text: label }),
        el("dd", { text: meta[key], dataset: { field: key, testid: `meta-${key}` } }),
    ]);
    $("meta").replaceChildren(...rows);
    $("meta").hidden = rows.length === 0;
}

function renderOutline(nodes) {
    $("outline").replaceChildren(...nodes.map(outlineItem));
    $("outline-empty").hidden = nodes.length > 0;
}

function outlineItem(node) {
    const item = el("li", { class: `node ${node.kind}`, dataset: { kind: node.kind, level: node.level } },
        el("span", { class: "node-text", text: node.text, dataset: { testid: `outline-${node.kind}` } }),
    );
    if (node.children.length) item.append(el("ol", {}, ...node.children.map(outlineItem)));
    return item;
}

function renderTerms(terms) {
    const top = terms[0]?.count ?? 1;
    $("terms-body").replaceChildren(
        ...terms.map((term, index) => {
            const bar = el("span", { class: "bar", "aria-hidden": "true" });
            bar.style.setProperty("--share", String(term.count / top));
            return el("tr", { dataset: { testid: "term-row" } },
                el("td", { class: "rank", text: String(index + 1) }),
                el("td", { class: "term", text: term.term }),
                el("td", { class: "count" }, bar, el("span", { text: String(term.count) })),
            );
        }),
    );
}

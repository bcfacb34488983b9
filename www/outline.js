// The outline panel: the document's title, byline, source and date, and its headings as a
// tree (one Tab stop, arrow keys from one to the next); a heading scrolls the cleaned text to
// it and takes focus there.

import { $, el, on, rove, state, step, t } from "./app.js";
import { scrollToRange } from "./cleaned.js";
import { OUTLINE_LIMIT } from "./limits.js";

on("render", (analysis) => {
    step("meta", () => renderMeta(analysis.meta));
    step("outline", () => renderOutline(analysis.outline));
});

const refreshOutline = rove($("outline"), () => [...$("outline").querySelectorAll(".node-text")].map((node) => [node]), {
    key: (node) => `${node.dataset.start}-${node.dataset.end}`,
    hint: "hint-list",
});
on("language", (analysis) => analysis && renderMeta(analysis.meta));

function renderMeta(meta) {
    const rows = ["title", "subtitle", "byline", "source", "date", "page"].filter((key) => meta[key]).flatMap((key) => [
        el("dt", { text: t(`meta_${key}`) }),
        el("dd", { text: meta[key], lang: state.contentLang, dataset: { field: key, testid: `meta-${key}` } }),
    ]);
    $("meta").replaceChildren(...rows);
    $("meta").hidden = rows.length === 0;
}

let outlineBudget = 0;
function renderOutline(nodes) {
    outlineBudget = OUTLINE_LIMIT;
    const items = [];
    for (const node of nodes) {
        if (outlineBudget <= 0) break;
        items.push(outlineItem(node));
    }
    // The Worker sends the first OUTLINE_LIMIT nodes, and how many there are.
    if (outlineBudget <= 0 && (state.analysis.outlineTotal ?? Infinity) > OUTLINE_LIMIT) {
        items.push(el("li", { class: "note", lang: document.documentElement.lang, text: t("outlineCut", OUTLINE_LIMIT) }));
    }
    $("outline").replaceChildren(...items);
    refreshOutline();
    $("outline-empty").hidden = nodes.length > 0;
}

function outlineItem(node) {
    outlineBudget -= 1;
    const target = el("button", {
        type: "button",
        tabindex: "-1",
        class: "node-text",
        text: node.text,
        dataset: { testid: `outline-${node.kind}`, start: node.range.start, end: node.range.end },
        title: t("goTo"),
    });
    target.addEventListener("click", () => scrollToRange(node.range.start, node.range.end, node.text));
    const item = el("li", { class: `node ${node.kind}`, dataset: { kind: node.kind, level: node.level } }, target);
    const children = [];
    for (const child of node.children) {
        if (outlineBudget <= 0) break;
        children.push(outlineItem(child));
    }
    if (children.length) item.append(el("ol", {}, ...children));
    return item;
}

// The outline panel: the document's title, byline, source and date, and its headings as a
// tree; a heading scrolls the cleaned text to it.

import { $, el, on, state, step, t } from "./app.js";
import { scrollToRange } from "./cleaned.js";
import { OUTLINE_LIMIT } from "./limits.js";

on("render", (analysis) => {
    step("meta", () => renderMeta(analysis.meta));
    step("outline", () => renderOutline(analysis.outline));
});
on("language", (analysis) => analysis && renderMeta(analysis.meta));

function renderMeta(meta) {
    const rows = ["title", "subtitle", "byline", "source", "date", "page"].filter((key) => meta[key]).flatMap((key) => [
        el("dt", { text: t(`meta_${key}`) }),
        el("dd", { text: meta[key], dataset: { field: key, testid: `meta-${key}` } }),
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
        items.push(el("li", { class: "note", text: t("outlineCut", OUTLINE_LIMIT) }));
    }
    $("outline").replaceChildren(...items);
    $("outline-empty").hidden = nodes.length > 0;
}

function outlineItem(node) {
    outlineBudget -= 1;
    const target = el("button", {
        type: "button",
        class: "node-text",
        text: node.text,
        dataset: { testid: `outline-${node.kind}`, start: node.range.start, end: node.range.end },
        title: t("goTo"),
    });
    target.addEventListener("click", () => scrollToRange(node.range.start, node.range.end));
    const item = el("li", { class: `node ${node.kind}`, dataset: { kind: node.kind, level: node.level } }, target);
    const children = [];
    for (const child of node.children) {
        if (outlineBudget <= 0) break;
        children.push(outlineItem(child));
    }
    if (children.length) item.append(el("ol", {}, ...children));
    return item;
}

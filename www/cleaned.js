// The cleaned-text panel: the kinds of fix with their switches, the cleaned text with each
// fix highlighted (its original on hover or focus), the original side by side, and the
// exports (copy, .txt, .md, .json, .csv).

import { $, el, hooks, on, request, run, setStatus, state, step, t } from "./app.js";
import { DISPLAY_LIMIT, MARK_LIMIT } from "./limits.js";
import { FIX_NAMES } from "./strings.js";

/** Which clean option switches each fix kind off. */
const FAMILY = {
    invisible: "normalizeChars",
    look_alike: "normalizeChars",
    copy_label: "removeArtifacts",
    page_footer: "removeArtifacts",
    running_header: "removeArtifacts",
    columns: "reflow",
    line_join: "reflow",
    dehyphenate: "reflow",
    letter_spacing: "reflow",
    layout: "reflow",
    space_removed: "fixSpacing",
    space_added: "pangu",
    punctuation: "fullwidthPunctuation",
};
const ON_BY_DEFAULT = { normalizeChars: true, removeArtifacts: true, reflow: true, fixSpacing: true, pangu: false, fullwidthPunctuation: false };

const cleanedView = $("cleaned");
const originalView = $("original");
const tooltip = $("tooltip");

/** The fix families switched off. */
const disabledFamilies = new Set();
let segments = []; // [{ start, node }] text nodes of the cleaned view, for offset → DOM

hooks.cleanOptions = () => {
    const clean = {};
    for (const [family, onByDefault] of Object.entries(ON_BY_DEFAULT)) {
        clean[family] = onByDefault && !disabledFamilies.has(family);
    }
    return clean;
};

on("render", () => {
    step("fixes", renderFixes);
    step("cleaned", renderCleaned);
    step("original", renderOriginal);
});
on("language", (analysis) => analysis && renderFixes());

/** Shows whitespace in an original slice so that a removed space or line break is visible. */
function visible(text) {
    if (text === "") return t("nothing");
    return text.replaceAll("\n", "↵\n").replaceAll("\t", "⇥").replaceAll(" ", "·").replaceAll("\u00a0", "⍽");
}

function renderFixes() {
    const { analysis, lang } = state;
    const counts = new Map(analysis.fixes.map((fix) => [fix.kind, fix.count]));
    for (const kind of Object.keys(FAMILY)) {
        if (disabledFamilies.has(FAMILY[kind]) && !counts.has(kind)) counts.set(kind, 0);
    }
    $("fixes").replaceChildren(
        ...[...counts].map(([kind, count]) => {
            const family = FAMILY[kind];
            const item = el("li", { dataset: { kind, testid: `fix-${kind}` }, class: "fix-chip" });
            const label = el("span", { class: "fix-kind", text: FIX_NAMES[lang][kind] ?? kind.replaceAll("_", " ") });
            const number = el("span", { class: "fix-count", text: `×${count}` });
            if (family) {
                const box = el("input", {
                    type: "checkbox",
                    dataset: { family, testid: `switch-${kind}` },
                    checked: !disabledFamilies.has(family),
                    title: t("switchFamily"),
                });
                box.addEventListener("change", () => {
                    if (box.checked) disabledFamilies.delete(family);
                    else disabledFamilies.add(family);
                    run();
                });
                item.append(el("label", {}, box, el("span", { class: "swatch", "aria-hidden": "true" }), label, number));
            } else {
                item.append(el("span", { class: "swatch", "aria-hidden": "true" }), label, number);
            }
            return item;
        }),
    );
}

function renderCleaned() {
    const { analysis } = state;
    const text = analysis.cleaned;
    const shown = Math.min(text.length, DISPLAY_LIMIT);
    const fragment = document.createDocumentFragment();
    segments = [];
    let at = 0;
    const addText = (end) => {
        if (end <= at) return;
        const node = document.createTextNode(text.slice(at, end));
        segments.push({ start: at, node });
        fragment.append(node);
        at = end;
    };
    let marked = 0;
    for (const [index, fix] of analysis.edits.entries()) {
        if (marked >= MARK_LIMIT || fix.cleaned.start >= shown) break;
        if (fix.cleaned.start < at) continue; // overlapping: keep the first
        addText(fix.cleaned.start);
        const end = Math.min(fix.cleaned.end, shown);
        const mark = el("mark", {
            class: `fix ${fix.cleaned.start === fix.cleaned.end ? "removal" : ""}`,
            tabindex: "0",
            dataset: { kind: fix.kind, edit: String(index), testid: "fix-mark" },
            "aria-describedby": "tooltip",
        });
        if (end > at) {
            const node = document.createTextNode(text.slice(at, end));
            segments.push({ start: at, node });
            mark.append(node);
            at = end;
        }
        fragment.append(mark);
        marked += 1;
    }
    addText(shown);
    cleanedView.replaceChildren(fragment);
    cleanedView.scrollTop = 0;
    $("truncated").hidden = shown === text.length;
    $("truncated").textContent = t("truncated", shown.toLocaleString(), text.length.toLocaleString());
}

function renderOriginal() {
    originalView.textContent = state.analyzedText.slice(0, DISPLAY_LIMIT);
    originalView.hidden = !$("show-original").checked;
    $("text-views").classList.toggle("side-by-side", $("show-original").checked);
}

function showTooltip(mark) {
    const fix = state.analysis?.edits[Number(mark.dataset.edit)];
    if (!fix) return;
    const original = state.analyzedText.slice(fix.original.start, fix.original.end);
    tooltip.replaceChildren(
        el("strong", { text: `${FIX_NAMES[state.lang][fix.kind] ?? fix.kind} · ${t("original")}` }),
        el("span", { class: "tooltip-text", dataset: { testid: "tooltip-original" }, text: visible(original) }),
    );
    tooltip.hidden = false;
    const box = mark.getBoundingClientRect();
    tooltip.style.left = `${Math.max(4, Math.min(box.left, innerWidth - 300))}px`;
    tooltip.style.top = `${box.bottom + 4}px`;
}

function hideTooltip() {
    tooltip.hidden = true;
}

for (const type of ["mouseover", "focusin"]) {
    cleanedView.addEventListener(type, (event) => {
        const mark = event.target.closest?.("mark.fix");
        if (mark) showTooltip(mark);
    });
}
cleanedView.addEventListener("mouseout", (event) => {
    if (event.target.closest?.("mark.fix")) hideTooltip();
});
cleanedView.addEventListener("focusout", hideTooltip);
cleanedView.addEventListener("scroll", hideTooltip);
document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hideTooltip();
});

/** A DOM Range over UTF-16 offsets [start, end) of the cleaned text, or null if not shown. */
function domRange(start, end) {
    const locate = (offset) => {
        let lo = 0;
        let hi = segments.length - 1;
        if (hi < 0) return null;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (segments[mid].start <= offset) lo = mid;
            else hi = mid - 1;
        }
        const { start: segStart, node } = segments[lo];
        return [node, Math.min(node.length, Math.max(0, offset - segStart))];
    };
    if (start >= Math.min(state.analysis.cleaned.length, DISPLAY_LIMIT)) return null;
    const from = locate(start);
    const to = locate(Math.min(end, DISPLAY_LIMIT));
    if (!from || !to) return null;
    const range = document.createRange();
    range.setStart(...from);
    range.setEnd(...to);
    return range;
}

/** Scrolls the cleaned text so that [start, end) is at its top, and flashes it. */
export function scrollToRange(start, end) {
    const range = domRange(start, end);
    if (!range) {
        setStatus("done", "beyondShown");
        return;
    }
    const rect = range.getBoundingClientRect();
    const box = cleanedView.getBoundingClientRect();
    cleanedView.scrollTop += rect.top - box.top - 12;
    cleanedView.scrollIntoView({ block: "nearest" });
    if (globalThis.CSS?.highlights && globalThis.Highlight) {
        CSS.highlights.set("target", new Highlight(range));
    }
    cleanedView.dataset.target = `${start}-${end}`;
}

// ---- exports --------------------------------------------------------------------------
function download(name, content, type) {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const link = el("a", { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function baseName() {
    const title = state.analysis?.meta.title?.replace(/[\\/:*?"<>|\s]+/gu, "_").slice(0, 40);
    return title || "qingwen";
}

for (const button of document.querySelectorAll("[data-download]")) {
    button.addEventListener("click", async () => {
        if (!state.analysis) return;
        const format = button.dataset.download;
        try {
            if (format === "txt") {
                download(`${baseName()}.txt`, state.analysis.cleaned, "text/plain;charset=utf-8");
                return;
            }
            const table = { keywords: "keywords", phrases: "phrases", sections: "sections" }[state.activeTab] ?? "terms";
            const { content } = await request({ type: "export", format, table });
            const type = { md: "text/markdown", json: "application/json", csv: "text/csv" }[format];
            const name = format === "csv" ? `${baseName()}-${table}.csv` : `${baseName()}.${format}`;
            download(name, content, `${type};charset=utf-8`);
        } catch (error) {
            setStatus("error", error.message);
        }
    });
}

$("copy").addEventListener("click", async () => {
    try {
        await navigator.clipboard.writeText(state.analysis?.cleaned ?? "");
        setStatus("done", "copied");
    } catch {
        setStatus("error", "copyRefused");
    }
});

$("show-original").addEventListener("change", () => state.analysis && renderOriginal());

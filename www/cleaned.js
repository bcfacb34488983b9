// The cleaned-text panel: the kinds of fix with their switches, the cleaned text with each
// fix highlighted (its original on hover or focus; a click or Enter undoes it, again makes it
// again, Ctrl+Z / Ctrl+Shift+Z step through these choices; the marks are one Tab stop, with
// arrow keys or N / P from one to the next), the original side by side, and the exports
// (copy, .txt, .md, .json, .csv).

import { $, announce, download, el, emit, hooks, on, request, rove, run, setStatus, state, step, t } from "./app.js";
import { DISPLAY_LIMIT, MARK_LIMIT } from "./limits.js";
import { FIX_NAMES } from "./strings.js";
import { renderDocumentBlocks } from "./html-document.js";

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
    // Fixes the user undid (entries of an earlier analysis's `edits`): not made this time.
    if (state.rejected.length) clean.reject = state.rejected;
    return clean;
};

/** The fix families switched off, as the names of their clean options (kept by storage.js). */
export function disabledFamilyNames() {
    return [...disabledFamilies];
}

/** Switches off exactly the fix families named (clean option names); the rest on. */
export function setDisabledFamilies(names) {
    disabledFamilies.clear();
    for (const name of names ?? []) if (Object.hasOwn(ON_BY_DEFAULT, name)) disabledFamilies.add(name);
}

// ---- undo per fix ---------------------------------------------------------------------
// state.rejected holds the undone fixes as { kind, original } (UTF-16 range of the input);
// `past` and `future` the earlier and the undone lists of them, for Ctrl+Z and Ctrl+Shift+Z.
const past = [];
const future = [];
/** The mark to focus again once the next analysis is shown (a fix undone or made with the keyboard). */
let refocus = null;

const keyOf = (ref) => `${ref.kind}:${ref.original.start}-${ref.original.end}`;

/** Sets the undone fixes (and forgets the undo history): a new text, or one restored. */
export function setRejected(list) {
    state.rejected = (list ?? []).map(({ kind, original }) => ({ kind, original: { start: original.start, end: original.end } }));
    past.length = 0;
    future.length = 0;
}

function chooseRejected(list) {
    state.rejected = list;
    emit("rejected", list);
    run();
}

/** Undoes the fix `ref` if it is made, or makes it again if it is undone. */
function toggleFix(ref) {
    const key = keyOf(ref);
    const undone = state.rejected.some((other) => keyOf(other) === key);
    past.push(state.rejected);
    future.length = 0;
    chooseRejected(undone ? state.rejected.filter((other) => keyOf(other) !== key) : [...state.rejected, { kind: ref.kind, original: { ...ref.original } }]);
}

function stepHistory(from, to) {
    if (!from.length) return false;
    to.push(state.rejected);
    chooseRejected(from.pop());
    return true;
}

// A text edited by hand moves the ranges the undone fixes name: they are dropped.
on("text", () => {
    if (state.rejected.length || past.length || future.length) {
        setRejected([]);
        emit("rejected", []);
    }
});

/** Where the undone fix `ref` now is in the cleaned text, mapped through the fixes made before it. */
function rejectedSpot(ref, index) {
    const { edits, cleaned } = state.analysis;
    let lo = 0;
    let hi = edits.length; // edits[..lo] end at or before ref starts
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (edits[mid].original.end <= ref.original.start) lo = mid + 1;
        else hi = mid;
    }
    const before = edits[lo - 1];
    const start = before ? before.cleaned.end + (ref.original.start - before.original.end) : ref.original.start;
    const length = ref.original.end - ref.original.start;
    const original = state.analyzedText.slice(ref.original.start, ref.original.end);
    // The input text the fix would have changed stands there; if not (another fix overlapping
    // it, a gap closed up), a thin mark is put where it starts.
    const end = cleaned.slice(start, start + length) === original ? start + length : start;
    return { kind: ref.kind, original: ref.original, cleaned: { start, end }, rejected: index };
}

/** The fix family just switched, `{ kind, on }`: announced once the analysis it asked for is shown. */
let switched = null;

on("render", () => {
    step("fixes", renderFixes);
    step("cleaned", renderCleaned);
    step("original", renderOriginal);
    if (switched) {
        const fixes = state.analysis.fixes.reduce((sum, fix) => sum + fix.count, 0);
        announce(t(switched.on ? "familyOn" : "familyOff", FIX_NAMES[state.lang][switched.kind] ?? switched.kind, fixes.toLocaleString()));
        switched = null;
    }
});
on("language", (analysis) => {
    if (!analysis) return;
    renderFixes();
    for (const mark of cleanedView.querySelectorAll("mark.fix")) nameMark(mark);
});
on("language", (analysis) => analysis && state.analyzedDocument && renderOriginal());

/** Shows whitespace in an original slice so that a removed space or line break is visible. */
function visible(text) {
    if (text === "") return t("nothing");
    return text.replaceAll("\n", "↵\n").replaceAll("\t", "⇥").replaceAll(" ", "·").replaceAll("\u00a0", "⍽");
}

/** Characters of a fix's text said in its mark's name; the rest is cut. */
const LABEL_CHARS = 40;

/** A slice of text as a mark's name says it: quoted, or the line breaks, spaces or invisible characters it is. */
function spoken(text) {
    if (/^[\s\p{Cf}]*$/u.test(text)) {
        const breaks = text.match(/\n/g)?.length ?? 0;
        if (breaks) return t("lineBreaks", breaks);
        if (/^\s+$/u.test(text)) return t("spaces", text.length);
        return [...text].map((c) => `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`).join(" ");
    }
    const chars = [...text.replace(/\s*\n\s*/gu, " ").trim()];
    return t("quoted", chars.length > LABEL_CHARS ? `${chars.slice(0, LABEL_CHARS).join("")}…` : chars.join(""));
}

/**
 * Names a fix mark by what the fix did (or, undone, what it would have removed). The name is
 * in the interface's language, and so is the mark's `lang`: as a button, the mark is read by
 * its name only (its text is still drawn in the text's fonts: .cleaned sets them).
 */
function nameMark(mark) {
    mark.setAttribute("aria-label", markLabel(mark));
    mark.lang = document.documentElement.lang;
}

/** What a fix mark did, in words. */
function markLabel(mark) {
    const fix = fixOf(mark);
    if (!fix) return "";
    const kind = FIX_NAMES[state.lang][fix.kind] ?? fix.kind.replaceAll("_", " ");
    const original = state.analyzedText.slice(fix.original.start, fix.original.end);
    if (mark.dataset.rejected !== undefined) return t("fixUndone", kind, spoken(original));
    const cleaned = state.analysis.cleaned.slice(fix.cleaned.start, fix.cleaned.end);
    if (!cleaned) return t("fixRemoved", kind, spoken(original));
    if (!original) return t("fixInserted", kind, spoken(cleaned));
    return t("fixReplaced", kind, spoken(original), spoken(cleaned));
}

function renderFixes() {
    const { analysis, lang } = state;
    // Drawn anew (after a switch re-ran the analysis, or a language switch): the switch that
    // had focus gets it back.
    const focused = $("fixes").contains(document.activeElement) ? document.activeElement.dataset.testid : null;
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
                    switched = { kind, on: box.checked };
                    run();
                });
                item.append(el("label", {}, box, el("span", { class: "swatch", "aria-hidden": "true" }), label, number));
            } else {
                item.append(el("span", { class: "swatch", "aria-hidden": "true" }), label, number);
            }
            return item;
        }),
        ...(state.rejected.length
            ? [el("li", { class: "fix-chip undone-chip", dataset: { testid: "fix-undone" }, title: t("undoneStatus", state.rejected.length) },
                el("span", { class: "fix-kind", text: t("undone") }),
                el("span", { class: "fix-count", text: `×${state.rejected.length}` }))]
            : []),
    );
    if (focused) {
        const again = $("fixes").querySelector(`[data-testid="${CSS.escape(focused)}"]`);
        if (again) again.focus();
        else {
            $("fixes").querySelector("input")?.focus();
            announce(t("focusMoved", $("fixes").getAttribute("aria-label")));
        }
    }
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
    const labelled = [];
    // The fixes made, and the undone ones where they would be, in the order of the text.
    const fixes = analysis.edits.map((fix, index) => ({ ...fix, index }));
    if (state.rejected.length) {
        fixes.push(...state.rejected.map(rejectedSpot));
        fixes.sort((a, b) => a.cleaned.start - b.cleaned.start || (a.rejected === undefined) - (b.rejected === undefined));
    }
    for (const fix of fixes) {
        if (marked >= MARK_LIMIT || fix.cleaned.start >= shown) break;
        if (fix.cleaned.start < at) continue; // overlapping: keep the first
        addText(fix.cleaned.start);
        const end = Math.min(fix.cleaned.end, shown);
        const undone = fix.rejected !== undefined;
        const mark = el("mark", {
            class: `fix ${fix.cleaned.start === fix.cleaned.end ? "removal" : ""} ${undone ? "rejected" : ""}`,
            tabindex: "-1",
            role: "button",
            "aria-pressed": undone ? "true" : "false",
            dataset: undone
                ? { kind: fix.kind, rejected: String(fix.rejected), key: keyOf(fix), testid: "fix-rejected" }
                : { kind: fix.kind, edit: String(fix.index), key: keyOf(fix), testid: "fix-mark" },
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
        labelled.push(mark);
    }
    addText(shown);
    const scroll = cleanedView.scrollTop;
    cleanedView.replaceChildren(fragment);
    for (const mark of labelled) nameMark(mark);
    refreshMarks();
    if (refocus) {
        // the same text with one fix undone or made again: keep the reader's place
        cleanedView.scrollTop = scroll;
        cleanedView.querySelector(`mark.fix[data-key="${CSS.escape(refocus)}"]`)?.focus({ preventScroll: true });
        refocus = null;
    } else {
        cleanedView.scrollTop = 0;
    }
    $("truncated").hidden = shown === text.length;
    $("truncated").textContent = t("truncated", shown.toLocaleString(), text.length.toLocaleString());
}

/** pdf-view.js, imported when the first PDF's pages are shown. */
let pdfView = null;

function renderOriginal() {
    // From a PDF: its pages. From a typed document (a rich paste, an HTML file): its blocks,
    // marked with their kinds.
    if (state.analyzedPdf && $("show-original").checked) {
        pdfView ??= import("./pdf-view.js");
        const pdf = state.analyzedPdf;
        pdfView
            .then((view) => state.analyzedPdf === pdf && view.showPages(originalView, pdf))
            .catch((error) => setStatus("error", "pdfNotShown", error.message));
    } else {
        pdfView?.then((view) => view.closePages());
        if (state.analyzedDocument) renderDocumentBlocks(originalView, state.analyzedDocument, DISPLAY_LIMIT, (kind, level) => t("sourceKind", kind, level));
        else originalView.textContent = state.analyzedText.slice(0, DISPLAY_LIMIT);
    }
    originalView.hidden = !$("show-original").checked;
    $("text-views").classList.toggle("side-by-side", $("show-original").checked);
}

/** The fix a mark shows, made or undone: `{ kind, original }`. */
function fixOf(mark) {
    if (mark.dataset.rejected !== undefined) return state.rejected[Number(mark.dataset.rejected)];
    return state.analysis?.edits[Number(mark.dataset.edit)];
}

/** The mark whose tooltip is shown (hovered or focused), or null. */
let tipMark = null;

function showTooltip(mark) {
    const fix = fixOf(mark);
    if (!fix) return;
    const undone = mark.dataset.rejected !== undefined;
    const original = state.analyzedText.slice(fix.original.start, fix.original.end);
    tooltip.replaceChildren(
        el("strong", { text: `${FIX_NAMES[state.lang][fix.kind] ?? fix.kind} · ${undone ? t("undone") : t("original")}` }),
        el("span", { class: "tooltip-text", lang: state.contentLang, dataset: { testid: "tooltip-original" }, text: visible(original) }),
        el("span", { class: "tooltip-hint", text: undone ? t("redoFix") : t("undoFix") }),
    );
    tipMark = mark;
    placeTooltip();
}

/** Puts the tooltip by its mark (under it, or over it at the bottom of the window); hidden while the mark is scrolled out of the text box. */
function placeTooltip() {
    if (!tipMark?.isConnected) {
        hideTooltip();
        return;
    }
    const box = tipMark.getBoundingClientRect();
    const view = cleanedView.getBoundingClientRect();
    tooltip.hidden = box.bottom < view.top || box.top > view.bottom;
    if (tooltip.hidden) return;
    tooltip.style.left = `${Math.max(4, Math.min(box.left, innerWidth - tooltip.offsetWidth - 4))}px`;
    const height = tooltip.offsetHeight;
    const above = box.bottom + 4 + height > innerHeight && box.top - 4 - height >= 0;
    tooltip.style.top = `${above ? box.top - 4 - height : box.bottom + 4}px`;
}

function hideTooltip() {
    tooltip.hidden = true;
    tipMark = null;
}

/** The fix mark with keyboard focus, or null. */
const focusedMark = () => (document.activeElement?.matches("#cleaned mark.fix") ? document.activeElement : null);

const refreshMarks = rove(cleanedView, () => [...cleanedView.querySelectorAll("mark.fix")].map((mark) => [mark]), {
    key: (mark) => mark.dataset.key,
    rowKeys: { ArrowRight: 1, ArrowLeft: -1, n: 1, p: -1, Home: "first", End: "last" },
    columnKeys: {},
    hint: "hint-fixes",
});
// N or P in the text box itself: the first fix in view, or the last.
cleanedView.addEventListener("keydown", (event) => {
    const key = event.key.toLowerCase();
    if (event.target !== cleanedView || (key !== "n" && key !== "p") || event.ctrlKey || event.altKey || event.metaKey) return;
    const view = cleanedView.getBoundingClientRect();
    const marks = [...cleanedView.querySelectorAll("mark.fix")];
    const target = key === "n"
        ? marks.find((mark) => mark.getBoundingClientRect().top >= view.top) ?? marks.at(-1)
        : marks.findLast((mark) => mark.getBoundingClientRect().bottom <= view.bottom) ?? marks[0];
    if (!target) return;
    event.preventDefault();
    target.focus();
});

for (const type of ["mouseover", "focusin"]) {
    cleanedView.addEventListener(type, (event) => {
        const mark = event.target.closest?.("mark.fix");
        if (mark) showTooltip(mark);
    });
}
// A fix focused: the original shows where it was (a PDF's page scrolls to its line).
cleanedView.addEventListener("focusin", (event) => {
    const fix = event.target.closest?.("mark.fix") && fixOf(event.target.closest("mark.fix"));
    if (fix) emit("jump", { input: [fix.original.start, fix.original.end] });
});
cleanedView.addEventListener("mouseout", (event) => {
    if (!event.target.closest?.("mark.fix")) return;
    // the mouse leaves a mark: the tooltip of the mark with keyboard focus, if any, stays
    const mark = focusedMark();
    if (mark) showTooltip(mark);
    else hideTooltip();
});
cleanedView.addEventListener("focusout", (event) => {
    if (!event.relatedTarget?.closest?.("#cleaned mark.fix")) hideTooltip();
});
function toggleMark(mark) {
    const fix = fixOf(mark);
    if (!fix) return;
    refocus = keyOf(fix);
    hideTooltip();
    toggleFix(fix);
}
cleanedView.addEventListener("click", (event) => {
    const mark = event.target.closest?.("mark.fix");
    if (mark) toggleMark(mark);
});
cleanedView.addEventListener("keydown", (event) => {
    const mark = event.target.closest?.("mark.fix");
    if (mark && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        toggleMark(mark);
    }
});
document.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key !== "z" && key !== "y") return;
    // The text boxes keep their own undo.
    if (event.target.closest?.("input, textarea, [contenteditable]")) return;
    const redo = key === "y" || event.shiftKey;
    if (stepHistory(redo ? future : past, redo ? past : future)) event.preventDefault();
});
// Scrolling (the text box, or the page) moves the tooltip with its mark.
addEventListener("scroll", () => tipMark && placeTooltip(), { capture: true, passive: true });
addEventListener("resize", () => tipMark && placeTooltip(), { passive: true });
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

/**
 * Scrolls the cleaned text so that [start, end) is at its top, flashes it, and moves focus
 * there (the text box, with the caret at `start`), saying `label` (what was jumped to).
 */
export function scrollToRange(start, end, label) {
    // The original follows, even past the part of the text shown (a PDF's pages show it all).
    emit("jump", { cleaned: [start, end] });
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
    cleanedView.focus({ preventScroll: true });
    getSelection()?.collapse(range.startContainer, range.startOffset);
    announce(t("jumped", label ?? range.toString()));
}

// ---- exports --------------------------------------------------------------------------
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

// The page: sends the pasted text to the Worker (worker.js) and renders what comes back.
// Everything that comes from the user's text is rendered with textContent or as SVG text
// nodes, never parsed as markup (tests/browser/safety.test.mjs greps for the ways to do so).

import { STRINGS, FIX_NAMES } from "./strings.js";
import { DISPLAY_LIMIT, MARK_LIMIT, OUTLINE_LIMIT, SECTION_COLUMNS } from "./limits.js";

const TYPING_PAUSE_MS = 700;
/** A run still going after this long is cancelled by restarting the Worker. */
const RESTART_AFTER_MS = 1_500;
const CHART_TOP = 20;
/** A text longer than this (UTF-16 units) is kept out of the textarea's layout. */
const HUGE_INPUT = 1_000_000;
/** A paste at least this long (UTF-16 units) is inserted without the browser's editing. */
const BIG_PASTE = 100_000;

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

const $ = (id) => document.getElementById(id);
const input = $("input");
const status = $("status");
const results = $("results");
const cleanedView = $("cleaned");
const originalView = $("original");
const tooltip = $("tooltip");

let lang = (localStorage.getItem("qingwen-lang") ?? navigator.language ?? "en").toLowerCase().startsWith("zh") ? "zh" : "en";
const t = (key, ...args) => {
    const value = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
    return typeof value === "function" ? value(...args) : value;
};

// ---- state ----------------------------------------------------------------------------
let worker;
let workerReady = false;
let lastId = 0; // the newest request; older results are dropped
let running = null; // { id, started } of the analysis in flight
let typingTimer;
let progressTimer;
let analysis = null;
let analyzedText = ""; // the input the shown analysis came from
const disabledFamilies = new Set();
let sortKey = "count";
let sortDir = -1;
let activeTab = "terms";
const pending = new Map(); // id → resolve, for KWIC, exports and dictionary checks
let segments = []; // [{ start, node }] text nodes of the cleaned view, for offset → DOM

// ---- the Worker -----------------------------------------------------------------------
function startWorker() {
    workerReady = false;
    document.body.dataset.workerStarts = String(Number(document.body.dataset.workerStarts ?? 0) + 1);
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    worker.addEventListener("message", onWorkerMessage);
    worker.addEventListener("error", (event) => {
        setStatus("error", "workerStopped", event.message || "?");
    });
}

function onWorkerMessage({ data }) {
    switch (data.type) {
        case "ready":
            workerReady = true;
            if (running) {
                // a restarted Worker: send it the newest request again
                worker.postMessage(running.message);
            } else {
                setStatus("ready", "ready");
                if (inputText().trim()) run();
            }
            break;
        case "fatal":
            setStatus("error", "cannotLoad", data.message);
            break;
        case "progress":
            if (data.id !== lastId) return;
            running.stage = data.stage;
            showProgress();
            break;
        case "result":
            performance.mark("qingwen:result-received");
            if (data.id !== lastId) return;
            finishRun();
            analysis = data.analysis;
            analyzedText = running?.text ?? analyzedText;
            running = null;
            render();
            setStatus("done", ...summary(data.ms));
            break;
        case "error":
            if (pending.has(data.id)) {
                pending.get(data.id).reject(new Error(data.message));
                pending.delete(data.id);
                return;
            }
            if (data.id !== lastId) return;
            finishRun();
            running = null;
            setStatus("error", data.message);
            break;
        default:
            if (pending.has(data.id)) {
                pending.get(data.id).resolve(data);
                pending.delete(data.id);
            }
    }
}

function request(message) {
    const id = `r${Math.random().toString(36).slice(2)}`;
    return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ ...message, id });
    });
}

function options() {
    const clean = {};
    for (const [family, on] of Object.entries(ON_BY_DEFAULT)) {
        clean[family] = on && !disabledFamilies.has(family);
    }
    const words = (text) => text.split(/[\s,，、]+/u).filter(Boolean);
    const minLength = Math.max(1, Math.min(20, Number.parseInt($("opt-minlen").value, 10) || 1));
    return {
        clean,
        terms: {
            stopwords: $("opt-stopwords").checked,
            extraStopwords: words($("opt-extra").value),
            userDict: $("opt-dict").value,
            pos: words($("opt-pos").value),
            minLength,
            top: 500,
        },
    };
}

function run() {
    clearTimeout(typingTimer);
    const text = inputText();
    lastId += 1;
    if (running && performance.now() - running.started > RESTART_AFTER_MS) {
        // A long stale run: stop it rather than wait for it.
        worker.terminate();
        startWorker();
    }
    if (!text.trim()) {
        running = null;
        finishRun();
        results.hidden = true;
        setStatus("ready", "ready");
        return;
    }
    const message = { type: "analyze", id: lastId, text, options: options() };
    running = { id: lastId, started: performance.now(), text, message, stage: "queued" };
    if (workerReady) worker.postMessage(message);
    setStatus("busy", "analyzing");
    clearInterval(progressTimer);
    if (text.length >= 200_000) progressTimer = setInterval(showProgress, 500);
}

function showProgress() {
    if (!running) return;
    const seconds = ((performance.now() - running.started) / 1000).toFixed(1);
    const mb = (running.text.length / 1e6).toFixed(1);
    setStatus("busy", "progress", mb, running.stage, seconds);
}

function finishRun() {
    clearInterval(progressTimer);
}

let lastStatus = ["loading", "loading", []];
/** Shows a status: a key of STRINGS with its arguments (re-translated on a language switch), or a message. */
function setStatus(state, keyOrMessage, ...args) {
    lastStatus = [state, keyOrMessage, args];
    status.dataset.state = state;
    status.textContent = Object.hasOwn(STRINGS.en, keyOrMessage) ? t(keyOrMessage, ...args) : keyOrMessage;
}

function summary(ms) {
    const fixes = analysis.fixes.reduce((sum, fix) => sum + fix.count, 0);
    return ["done", Math.round(ms), analysis.cleaned.length.toLocaleString(), fixes.toLocaleString()];
}

// ---- rendering ------------------------------------------------------------------------
function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === "text") node.textContent = value;
        else if (key === "dataset") Object.assign(node.dataset, value);
        else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? "" : value);
    }
    node.append(...children);
    return node;
}

/** Runs a render step inside a performance measure (visible in the browser's profiler). */
function step(name, fn) {
    const start = performance.now();
    fn();
    performance.measure(`qingwen:${name}`, { start, end: performance.now() });
}

function render() {
    step("fixes", renderFixes);
    step("cleaned", renderCleaned);
    step("original", renderOriginal);
    step("meta", () => renderMeta(analysis.meta));
    step("outline", () => renderOutline(analysis.outline));
    step("terms", renderTerms);
    step("chart", renderChart);
    step("keywords", renderKeywords);
    step("phrases", renderPhrases);
    step("sections", renderSections);
    if (activeTab === "cloud") renderCloud();
    $("kwic-box").hidden = true;
    renderDictErrors(analysis.dictErrors);
    results.hidden = false;
}

/** Shows whitespace in an original slice so that a removed space or line break is visible. */
function visible(text) {
    if (text === "") return t("nothing");
    return text.replaceAll("\n", "↵\n").replaceAll("\t", "⇥").replaceAll(" ", "·").replaceAll("\u00a0", "⍽");
}

function renderFixes() {
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
    originalView.textContent = analyzedText.slice(0, DISPLAY_LIMIT);
    originalView.hidden = !$("show-original").checked;
    $("text-views").classList.toggle("side-by-side", $("show-original").checked);
}

function showTooltip(mark) {
    const fix = analysis?.edits[Number(mark.dataset.edit)];
    if (!fix) return;
    const original = analyzedText.slice(fix.original.start, fix.original.end);
    tooltip.replaceChildren(
        el("strong", { text: `${FIX_NAMES[lang][fix.kind] ?? fix.kind} · ${t("original")}` }),
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
    if (start >= Math.min(analysis.cleaned.length, DISPLAY_LIMIT)) return null;
    const from = locate(start);
    const to = locate(Math.min(end, DISPLAY_LIMIT));
    if (!from || !to) return null;
    const range = document.createRange();
    range.setStart(...from);
    range.setEnd(...to);
    return range;
}

/** Scrolls the cleaned text so that [start, end) is at its top, and flashes it. */
function scrollToRange(start, end) {
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
    if (outlineBudget <= 0 && (analysis.outlineTotal ?? Infinity) > OUTLINE_LIMIT) {
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

// ---- terms ----------------------------------------------------------------------------
function termButton(term) {
    return el("button", { type: "button", class: "term-link", text: term, dataset: { term }, title: t("showKwic") });
}

function renderTerms() {
    const filter = $("filter").value.trim().toLowerCase();
    let terms = analysis.terms.map((term, rank) => ({ ...term, rank: rank + 1 }));
    if (filter) terms = terms.filter((term) => term.term.toLowerCase().includes(filter) || term.tag.toLowerCase().startsWith(filter));
    terms.sort((a, b) => {
        const x = a[sortKey];
        const y = b[sortKey];
        const order = typeof x === "string" ? x.localeCompare(y, "zh") : x - y;
        return order * sortDir || a.rank - b.rank;
    });
    $("terms-body").replaceChildren(
        ...terms.map((term) =>
            el("tr", { dataset: { testid: "term-row" } },
                el("td", { class: "rank", text: String(term.rank) }),
                el("td", { class: "term" }, termButton(term.term)),
                el("td", { class: "num", text: String(term.count) }),
                el("td", { class: "num", text: term.per10k.toFixed(1) }),
                el("td", { class: "tag", text: term.tag }),
            )
        ),
    );
    for (const th of document.querySelectorAll("#terms th[aria-sort]")) {
        const key = th.querySelector("button").dataset.sort;
        th.setAttribute("aria-sort", key === sortKey ? (sortDir < 0 ? "descending" : "ascending") : "none");
    }
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs = {}, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
}

function renderChart() {
    const chart = $("chart");
    const top = analysis.terms.slice(0, CHART_TOP);
    const row = 18;
    const labelWidth = 110;
    const width = 420;
    const height = Math.max(row, top.length * row);
    chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const max = top[0]?.count ?? 1;
    chart.replaceChildren(
        ...top.map((term, i) => {
            const y = i * row;
            const bar = (width - labelWidth - 40) * (term.count / max);
            const group = svg("g", { class: "chart-row", "data-term": term.term });
            group.append(
                svg("text", { x: labelWidth - 6, y: y + row - 5, "text-anchor": "end", class: "chart-label" }, term.term),
                svg("rect", { x: labelWidth, y: y + 3, width: Math.max(1, bar), height: row - 6, rx: 2, class: "chart-bar" }),
                svg("text", { x: labelWidth + bar + 4, y: y + row - 5, class: "chart-value" }, String(term.count)),
                svg("title", {}, `${term.term}: ${term.count}`),
            );
            return group;
        }),
    );
}

function renderKeywords() {
    $("keywords-body").replaceChildren(
        ...analysis.keywords.map((keyword, i) =>
            el("tr", { dataset: { testid: "keyword-row" } },
                el("td", { class: "rank", text: String(i + 1) }),
                el("td", { class: "term" }, termButton(keyword.term)),
                el("td", { class: "num", text: keyword.score.toFixed(3) }),
                el("td", { class: "tag", text: keyword.tag }),
            )
        ),
    );
}

function renderPhrases() {
    $("phrases-body").replaceChildren(
        ...analysis.phrases.map((phrase, i) =>
            el("tr", { dataset: { testid: "phrase-row" } },
                el("td", { class: "rank", text: String(i + 1) }),
                el("td", { class: "term" }, termButton(phrase.phrase)),
                el("td", { class: "num", text: String(phrase.count) }),
                el("td", { class: "num", text: phrase.pmi.toFixed(2) }),
                el("td", { class: "num", text: phrase.llr.toFixed(1) }),
            )
        ),
    );
}

function renderSections() {
    // The Worker sends the first SECTION_COLUMNS sections, and the rest summed in one column.
    const names = analysis.sections.slice(0, SECTION_COLUMNS).map((section) => section.heading ?? t("beforeFirstHeading"));
    if (analysis.sectionsTotal > SECTION_COLUMNS) names.push(t("moreSections", analysis.sectionsTotal - SECTION_COLUMNS));
    $("sections-head").replaceChildren(
        el("tr", {},
            el("th", { scope: "col", text: t("colTerm") }),
            el("th", { scope: "col", text: t("total") }),
            ...names.map((name) => el("th", { scope: "col", text: name, class: "section-name" })),
        ),
    );
    $("sections-body").replaceChildren(
        ...analysis.termsBySection.map((row) =>
            el("tr", { dataset: { testid: "section-row" } },
                el("td", { class: "term" }, termButton(row.term)),
                el("td", { class: "num", text: String(row.total) }),
                ...row.counts.map((count) => el("td", { class: count ? "num" : "num zero", text: String(count) })),
            )
        ),
    );
}

/** The top terms as a word cloud, drawn by the vendored wordcloud2.js on a canvas. */
let cloudDrawnFor = null;
function renderCloud() {
    const canvas = $("cloud");
    if (!analysis || cloudDrawnFor === analysis || !globalThis.WordCloud?.isSupported) return;
    cloudDrawnFor = analysis;
    const top = analysis.terms.slice(0, 80);
    const max = top[0]?.count ?? 1;
    globalThis.WordCloud.stop();
    globalThis.WordCloud(canvas, {
        list: top.map((term) => [term.term, term.count]),
        weightFactor: (count) => 12 + 48 * Math.sqrt(count / max),
        fontFamily: getComputedStyle(document.body).fontFamily,
        color: (word, weight) => (weight / max > 0.5 ? "#2f6f5e" : weight / max > 0.2 ? "#3d8b76" : "#5b636d"),
        rotateRatio: 0,
        shuffle: false,
        gridSize: 6,
        backgroundColor: "#ffffff",
        drawOutOfBound: false,
        shrinkToFit: true,
    });
    canvas.dataset.words = String(top.length);
}

async function showKwic(term) {
    const box = $("kwic-box");
    box.hidden = false;
    $("kwic-title").textContent = t("kwicTitle", term);
    $("kwic").replaceChildren();
    try {
        const { hits, total } = await request({ type: "kwic", term, window: 18 });
        $("kwic-title").textContent = t("kwicTitle", term, total);
        $("kwic").replaceChildren(
            ...hits.map((hit) => {
                const line = el("button", { type: "button", class: "kwic-line", dataset: { testid: "kwic-line" } },
                    el("span", { class: "left", text: hit.left }),
                    el("mark", { class: "kw", text: hit.keyword }),
                    el("span", { class: "right", text: hit.right }),
                );
                line.addEventListener("click", () => scrollToRange(hit.range.start, hit.range.end));
                return el("li", {}, line);
            }),
        );
    } catch (error) {
        setStatus("error", error.message);
    }
}

document.addEventListener("click", (event) => {
    const link = event.target.closest?.(".term-link");
    if (link) showKwic(link.dataset.term);
});

for (const button of document.querySelectorAll("button.sort")) {
    button.addEventListener("click", () => {
        const key = button.dataset.sort;
        if (key === sortKey) sortDir = -sortDir;
        else {
            sortKey = key;
            sortDir = key === "term" || key === "tag" ? 1 : -1;
        }
        if (analysis) renderTerms();
    });
}
$("filter").addEventListener("input", () => analysis && renderTerms());

// tabs, with arrow keys as in the ARIA tabs pattern
const tabs = [...document.querySelectorAll('[role="tab"]')];
function selectTab(tab) {
    activeTab = tab.dataset.tab;
    if (activeTab === "cloud") renderCloud();
    for (const other of tabs) {
        const on = other === tab;
        other.setAttribute("aria-selected", String(on));
        other.tabIndex = on ? 0 : -1;
        $(other.getAttribute("aria-controls")).hidden = !on;
    }
}
for (const tab of tabs) {
    tab.addEventListener("click", () => selectTab(tab));
    tab.addEventListener("keydown", (event) => {
        const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (!step) return;
        const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
        selectTab(next);
        next.focus();
    });
}

function renderDictErrors(errors) {
    const list = $("dict-errors");
    list.hidden = !errors?.length;
    list.replaceChildren(...(errors ?? []).map((error) => el("li", { text: t("dictLine", error.line, error.message) })));
}

$("apply-options").addEventListener("click", run);
$("opt-dict").addEventListener("change", async () => {
    try {
        const { errors } = await request({ type: "checkDict", userDict: $("opt-dict").value });
        renderDictErrors(errors);
    } catch (error) {
        setStatus("error", error.message);
    }
});
$("opt-dict-file").addEventListener("change", async (event) => {
    const file = event.target.files?.[0];
    if (!file) return;
    $("opt-dict").value = await file.text();
    $("opt-dict").dispatchEvent(new Event("change"));
});

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
    const title = analysis?.meta.title?.replace(/[\\/:*?"<>|\s]+/gu, "_").slice(0, 40);
    return title || "qingwen";
}

for (const button of document.querySelectorAll("[data-download]")) {
    button.addEventListener("click", async () => {
        if (!analysis) return;
        const format = button.dataset.download;
        try {
            if (format === "txt") {
                download(`${baseName()}.txt`, analysis.cleaned, "text/plain;charset=utf-8");
                return;
            }
            const table = { keywords: "keywords", phrases: "phrases", sections: "sections" }[activeTab] ?? "terms";
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
        await navigator.clipboard.writeText(analysis?.cleaned ?? "");
        setStatus("done", "copied");
    } catch {
        setStatus("error", "copyRefused");
    }
});

$("show-original").addEventListener("change", () => analysis && renderOriginal());

// ---- input ----------------------------------------------------------------------------
/**
 * A text too long for the textarea (over HUGE_INPUT), held here instead, while the textarea
 * is hidden and empty; null when the textarea holds the input. Even hidden, a textarea given a
 * 50 MB value took 0.1 s (11k lines) to 0.5 s (262k lines) in Chromium 156; shown, 6–10 s.
 */
let heldText = null;
const inputText = () => heldText ?? input.value;

/** Puts `text` in the textarea, or holds it outside if it is huge (unless shown on request). */
function setInput(text) {
    if (text.length > HUGE_INPUT && !$("input-panel").classList.contains("show-huge")) {
        heldText = text;
        input.value = "";
    } else {
        heldText = null;
        input.value = text;
    }
}

function updateCounter() {
    const text = inputText();
    let lines = text ? 1 : 0;
    for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) lines += 1;
    $("counter").textContent = t("counter", text.length.toLocaleString(), lines.toLocaleString());
}

/** Keeps a huge text out of the textarea's layout (seconds of main-thread work). */
function checkHuge() {
    const huge = inputText().length > HUGE_INPUT;
    $("input-panel").classList.toggle("huge", huge && !$("input-panel").classList.contains("show-huge"));
    $("huge-note").hidden = !huge;
    if (!huge) $("input-panel").classList.remove("show-huge");
}

$("show-huge").addEventListener("click", () => {
    $("input-panel").classList.add("show-huge");
    if (heldText !== null) {
        input.value = heldText;
        heldText = null;
    }
    checkHuge();
});
$("clear-input").addEventListener("click", () => {
    setInput("");
    checkHuge();
    updateCounter();
    run();
    input.focus();
});

$("analyze").addEventListener("click", run);
input.addEventListener("input", (event) => {
    // The textarea is hidden while a text is held; if it has content, that is the input now.
    if (input.value !== "") heldText = null;
    checkHuge();
    updateCounter();
    clearTimeout(typingTimer);
    // A paste or a drop is a whole text: analyze it now. Typing waits for a pause.
    if (event.inputType === "insertFromPaste" || event.inputType === "insertFromDrop") run();
    else typingTimer = setTimeout(run, TYPING_PAUSE_MS);
});
// Chromium's own paste of 50 MB into the textarea is one 12 s main-thread task (editing, and
// laying the text out in the textarea). A long paste is put in by the page instead, giving
// up its undo step (short ones keep theirs); a huge one is held outside the textarea.
input.addEventListener("paste", (event) => {
    const text = event.clipboardData?.getData("text/plain") ?? "";
    if (text.length < BIG_PASTE) return;
    event.preventDefault();
    const pasted = text.replace(/\r\n?/g, "\n");
    const { selectionStart: from, selectionEnd: to, value } = input;
    setInput(value.slice(0, from) + pasted + value.slice(to));
    if (heldText === null) input.setSelectionRange(from + pasted.length, from + pasted.length);
    input.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste", bubbles: true }));
});
input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run();
});

/**
 * The text of an HTML document, with line breaks between blocks. DOMParser makes an inert
 * document: no script runs, nothing loads, nothing is shown (Chromium still reports the
 * inline handlers and styles it sees to the console as blocked by the page's CSP).
 */
export function htmlToText(html) {
    // Drop style sheets, scripts and the style and on… attributes before parsing: they are not
    // text, and Chromium would log each one it meets as blocked by the CSP. (Only to keep the
    // console quiet: what is left cannot run either way.)
    const quiet = html
        .replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "")
        .replace(/<[a-z][^<>]*>/gi, (tag) => tag.replace(/\s(?:on[a-z]+|style)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi, ""));
    const doc = new DOMParser().parseFromString(quiet, "text/html");
    // Code and style sheets are not text; everything else (SVG and MathML text too) is kept.
    for (const node of doc.querySelectorAll("script, style, template, noscript")) node.remove();
    const BLOCK = /^(P|DIV|H[1-6]|LI|TR|BR|SECTION|ARTICLE|HEADER|FOOTER|BLOCKQUOTE|PRE|UL|OL|TABLE|DD|DT|FIGCAPTION|HR)$/;
    const parts = [];
    const walk = (node) => {
        for (const child of node.childNodes) {
            if (child.nodeType === Node.TEXT_NODE) parts.push(child.nodeValue);
            else if (child.nodeType === Node.ELEMENT_NODE) {
                const block = BLOCK.test(child.nodeName);
                if (block) parts.push("\n");
                walk(child);
                if (block) parts.push("\n");
            }
        }
    };
    walk(doc.body ?? doc);
    return parts.join("").replace(/[ \t]*\n[ \t\n]*\n/g, "\n\n").trim();
}

async function loadFile(file) {
    const text = await file.text();
    const isHtml = /\.html?$/i.test(file.name) || file.type === "text/html";
    setInput(isHtml ? htmlToText(text) : text);
    checkHuge();
    updateCounter();
    setStatus("busy", "loadedFile", file.name);
    run();
}

$("file").addEventListener("change", (event) => {
    const file = event.target.files?.[0];
    if (file) loadFile(file);
    event.target.value = "";
});
for (const type of ["dragenter", "dragover"]) {
    document.addEventListener(type, (event) => {
        event.preventDefault();
        $("input-panel").classList.add("dragging");
    });
}
document.addEventListener("dragleave", (event) => {
    if (!event.relatedTarget) $("input-panel").classList.remove("dragging");
});
document.addEventListener("drop", (event) => {
    event.preventDefault();
    $("input-panel").classList.remove("dragging");
    const file = event.dataTransfer?.files?.[0];
    if (file) loadFile(file);
});

// ---- language -------------------------------------------------------------------------
function applyLanguage() {
    document.documentElement.lang = lang === "zh" ? "zh-Hans" : "en";
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
    for (const node of document.querySelectorAll("[data-i18n-aria]")) node.setAttribute("aria-label", t(node.dataset.i18nAria));
    $("lang").textContent = lang === "zh" ? "English" : "中文";
    $("lang").lang = lang === "zh" ? "en" : "zh-Hans";
    document.title = t("title");
    setStatus(lastStatus[0], lastStatus[1], ...lastStatus[2]);
    updateCounter();
    if (analysis) {
        renderFixes();
        renderMeta(analysis.meta);
        renderSections();
    }
}
$("lang").addEventListener("click", () => {
    lang = lang === "zh" ? "en" : "zh";
    localStorage.setItem("qingwen-lang", lang);
    applyLanguage();
});

applyLanguage();
setStatus("loading", "loading");
startWorker();
// A copy of the page's own files for reopening it offline (sw.js); optional.
if ("serviceWorker" in navigator && location.protocol !== "file:") {
    navigator.serviceWorker.register("./sw.js").catch(() => {});
}

// The terms panel: the term table (sortable, filterable) with its bar chart, keywords,
// phrases, terms by section, the word cloud (and its terms as text), a term's lines in context
// (KWIC), and the term options. Each table and the KWIC lines are one Tab stop, with arrow keys
// from row to row.

import { $, el, hooks, on, request, rove, run, setStatus, state, step, t } from "./app.js";
import { scrollToRange } from "./cleaned.js";
import { readFile } from "./input.js";
import { SECTION_COLUMNS } from "./limits.js";

const CHART_TOP = 20;
/** The word cloud's terms (and its text alternative's). */
const CLOUD_TOP = 80;

/** A table's buttons (sort buttons, terms) as one Tab stop: rows are the table's rows. */
function roveTable(table) {
    return rove(table, () => [...table.querySelectorAll("tr")].map((row) => [...row.querySelectorAll("button")]), {
        key: (button) => button.dataset.term ?? button.dataset.sort,
        hint: "hint-list",
    });
}
const refreshTables = {
    terms: roveTable($("terms")),
    keywords: roveTable($("keywords-body").closest("table")),
    phrases: roveTable($("phrases-body").closest("table")),
    sections: roveTable($("sections-body").closest("table")),
};
const refreshKwic = rove($("kwic"), () => [...$("kwic").querySelectorAll("button")].map((line) => [line]), {
    key: (line) => line.dataset.range,
    hint: "hint-list",
});

let sortKey = "count";
let sortDir = -1;

hooks.termOptions = () => {
    const words = (text) => text.split(/[\s,，、]+/u).filter(Boolean);
    const minLength = Math.max(1, Math.min(20, Number.parseInt($("opt-minlen").value, 10) || 1));
    return {
        stopwords: $("opt-stopwords").checked,
        extraStopwords: words($("opt-extra").value),
        userDict: $("opt-dict").value,
        pos: words($("opt-pos").value),
        minLength,
        top: 500,
    };
};

/** The term options as the user set them (kept by storage.js). */
export function termSettings() {
    return {
        stopwords: $("opt-stopwords").checked,
        extraStopwords: $("opt-extra").value,
        userDict: $("opt-dict").value,
        pos: $("opt-pos").value,
        minLength: $("opt-minlen").value,
    };
}

/** Sets the term options' fields (missing ones to their defaults). */
export function setTermSettings(settings = {}) {
    $("opt-stopwords").checked = settings.stopwords ?? true;
    $("opt-extra").value = settings.extraStopwords ?? "";
    $("opt-dict").value = settings.userDict ?? "";
    $("opt-pos").value = settings.pos ?? "";
    $("opt-minlen").value = settings.minLength ?? "1";
}

on("render", (analysis) => {
    step("terms", renderTerms);
    step("chart", renderChart);
    step("keywords", renderKeywords);
    step("phrases", renderPhrases);
    step("sections", renderSections);
    step("cloud-list", renderCloudList);
    if (state.activeTab === "cloud") renderCloud();
    $("kwic-box").hidden = true;
    renderDictErrors(analysis.dictErrors);
});
on("language", (analysis) => {
    if (!analysis) return;
    renderSections();
    renderCloudList();
});

function termButton(term) {
    return el("button", { type: "button", tabindex: "-1", class: "term-link", text: term, dataset: { term }, title: t("showKwic") });
}

/** A table cell with a term (in the text's language). */
const termCell = (term) => el("td", { class: "term", lang: state.contentLang }, termButton(term));

function renderTerms() {
    const filter = $("filter").value.trim().toLowerCase();
    let terms = state.analysis.terms.map((term, rank) => ({ ...term, rank: rank + 1 }));
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
                termCell(term.term),
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
    refreshTables.terms();
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
    const top = state.analysis.terms.slice(0, CHART_TOP);
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
                svg("text", { x: labelWidth - 6, y: y + row - 5, "text-anchor": "end", class: "chart-label", lang: state.contentLang }, term.term),
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
        ...state.analysis.keywords.map((keyword, i) =>
            el("tr", { dataset: { testid: "keyword-row" } },
                el("td", { class: "rank", text: String(i + 1) }),
                termCell(keyword.term),
                el("td", { class: "num", text: keyword.score.toFixed(3) }),
                el("td", { class: "tag", text: keyword.tag }),
            )
        ),
    );
    refreshTables.keywords();
}

function renderPhrases() {
    $("phrases-body").replaceChildren(
        ...state.analysis.phrases.map((phrase, i) =>
            el("tr", { dataset: { testid: "phrase-row" } },
                el("td", { class: "rank", text: String(i + 1) }),
                termCell(phrase.phrase),
                el("td", { class: "num", text: String(phrase.count) }),
                el("td", { class: "num", text: phrase.pmi.toFixed(2) }),
                el("td", { class: "num", text: phrase.llr.toFixed(1) }),
            )
        ),
    );
    refreshTables.phrases();
}

function renderSections() {
    // The Worker sends the first SECTION_COLUMNS sections, and the rest summed in one column.
    // (a heading is the text's words, the other names the interface's)
    const names = state.analysis.sections.slice(0, SECTION_COLUMNS).map((section) => section.heading === undefined || section.heading === null
        ? [t("beforeFirstHeading")]
        : [section.heading, state.contentLang]);
    if (state.analysis.sectionsTotal > SECTION_COLUMNS) names.push([t("moreSections", state.analysis.sectionsTotal - SECTION_COLUMNS)]);
    $("sections-head").replaceChildren(
        el("tr", {},
            el("th", { scope: "col", text: t("colTerm") }),
            el("th", { scope: "col", text: t("total") }),
            ...names.map(([name, lang]) => el("th", { scope: "col", text: name, lang, class: "section-name" })),
        ),
    );
    $("sections-body").replaceChildren(
        ...state.analysis.termsBySection.map((row) =>
            el("tr", { dataset: { testid: "section-row" } },
                termCell(row.term),
                el("td", { class: "num", text: String(row.total) }),
                ...row.counts.map((count) => el("td", { class: count ? "num" : "num zero", text: String(count) })),
            )
        ),
    );
    refreshTables.sections();
}

/** The word cloud's text alternative: its terms, with their counts. */
function renderCloudList() {
    const top = state.analysis.terms.slice(0, CLOUD_TOP);
    $("cloud-list").replaceChildren(...top.map((term) => el("li", { lang: state.contentLang, text: t("cloudItem", term.term, term.count) })));
}

/** The top terms as a word cloud, drawn by the vendored wordcloud2.js on a canvas. */
let cloudDrawnFor = null;
function renderCloud() {
    const canvas = $("cloud");
    if (!state.analysis || cloudDrawnFor === state.analysis || !globalThis.WordCloud?.isSupported) return;
    const top = state.analysis.terms.slice(0, CLOUD_TOP);
    cloudDrawnFor = state.analysis;
    const max = top[0]?.count ?? 1;
    // The colours of the page's theme (light or dark: style.css).
    const style = getComputedStyle(document.documentElement);
    const colour = (name) => style.getPropertyValue(name).trim();
    globalThis.WordCloud.stop();
    globalThis.WordCloud(canvas, {
        list: top.map((term) => [term.term, term.count]),
        weightFactor: (count) => 12 + 48 * Math.sqrt(count / max),
        fontFamily: getComputedStyle(document.body).fontFamily,
        color: (word, weight) => colour(weight / max > 0.5 ? "--accent" : weight / max > 0.2 ? "--cloud-mid" : "--muted"),
        rotateRatio: 0,
        shuffle: false,
        gridSize: 6,
        backgroundColor: colour("--paper"),
        drawOutOfBound: false,
        shrinkToFit: true,
    });
    canvas.dataset.words = String(top.length);
}
// A change of colour scheme draws the cloud again in the new colours.
matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    cloudDrawnFor = null;
    if (state.activeTab === "cloud") renderCloud();
});

async function showKwic(term) {
    const box = $("kwic-box");
    box.hidden = false;
    // The title is in the interface's language, the term in the text's.
    const title = (total) => {
        const [before, after] = t("kwicTitle", "\u0000", total).split("\u0000");
        $("kwic-title").replaceChildren(before, el("span", { lang: state.contentLang, text: term }), after);
    };
    title();
    $("kwic").replaceChildren();
    try {
        const { hits, total } = await request({ type: "kwic", term, window: 18 });
        title(total);
        $("kwic").replaceChildren(
            ...hits.map((hit) => {
                const line = el("button", { type: "button", tabindex: "-1", class: "kwic-line", dataset: { testid: "kwic-line", range: `${hit.range.start}-${hit.range.end}` } },
                    el("span", { class: "left", text: hit.left }),
                    el("mark", { class: "kw", text: hit.keyword }),
                    el("span", { class: "right", text: hit.right }),
                );
                line.addEventListener("click", () => scrollToRange(hit.range.start, hit.range.end, `${hit.left}${hit.keyword}${hit.right}`.trim()));
                return el("li", {}, line);
            }),
        );
        refreshKwic();
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
        if (state.analysis) renderTerms();
    });
}
$("filter").addEventListener("input", () => state.analysis && renderTerms());

// tabs, with arrow keys as in the ARIA tabs pattern
const tabs = [...document.querySelectorAll('[role="tab"]')];
function selectTab(tab) {
    state.activeTab = tab.dataset.tab;
    if (state.activeTab === "cloud") renderCloud();
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
    const read = await readFile(file);
    if (!read) return;
    $("opt-dict").value = read.text;
    $("opt-dict").dispatchEvent(new Event("change"));
});

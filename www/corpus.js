// The corpus view: many files (opened, dropped, or a folder) analysed one per task on a pool
// of Workers (pool.js), their term counts gathered by the core's Corpus in one more Worker, and
// its tables shown — documents, the corpus's terms, each document's distinctive terms, a
// term's trend (SVG), document similarity (a heat map and the most similar pairs) — with every
// table as CSV and all of it as JSON. A document's name opens it in the single-document view.
//
// 500 documents / 100 MB fit: at most one file per Worker is in memory at a time, and what is
// kept of each is its term counts (in the corpus Worker's wasm memory, 8 bytes a distinct term),
// never its text; a document opened again is read again from its File.
// Loaded when the panel is first opened (main.js), so it costs the page's start nothing.

import { $, contentLang, download, el, hooks, on, pageModule, rove, t } from "./app.js";
import { decodeBytes } from "./encoding.js";
import { documentText, htmlToDocument } from "./html-document.js";
import { htmlToText, loadFile } from "./input.js";
import { PoolTerminated, WorkerPool, poolSize } from "./pool.js";

/** The files the view reads (others in a folder are skipped). */
const CORPUS_FILE = /\.(txt|md|markdown|html?)$/i;
/** Rows of the corpus terms table shown (the CSV and JSON have every term). */
const TERMS_SHOWN = 200;
/** The most similar pairs listed under the heat map. */
const PAIRS_SHOWN = 20;
/** Terms offered for the trend chart (the corpus's most frequent). */
const TREND_TERMS = 50;
/** Sizes of the tables downloaded: every term. */
const EXPORT_SIZES = { terms: 0 };
const SHOWN_SIZES = { terms: TERMS_SHOWN, trends: TREND_TERMS };

const collator = new Intl.Collator(undefined, { numeric: true });

let pool = null; // analyses the documents
let keeper = null; // one Worker that keeps the corpus
/** The run in progress or shown: `{ files, cancelled, tables }`; files[i] is document i of the corpus. */
let current = null;

const panel = $("corpus-panel");
const views = {
    documents: $("corpus-documents"),
    terms: $("corpus-terms"),
    distinctive: $("corpus-distinctive"),
    pairs: $("corpus-pairs"),
};
const rowsOf = (table) => () => [...table.tBodies[0].rows].map((row) => [...row.querySelectorAll("button")]);
const refreshDocuments = rove(views.documents, rowsOf(views.documents), { key: (b) => b.dataset.index, hint: "hint-list" });
const refreshTerms = rove(views.terms, rowsOf(views.terms), { key: (b) => b.dataset.term, hint: "hint-list" });

// ---- reading the files ------------------------------------------------------------------

/** The files of a drop, folders walked (`{ file, name }`, name the path in the drop). */
async function droppedFiles(transfer) {
    const entries = [...(transfer.items ?? [])].map((item) => item.webkitGetAsEntry?.() ?? null);
    if (entries.length === 0 || entries.some((entry) => entry === null)) {
        return [...transfer.files].map((file) => ({ file, name: file.name }));
    }
    const found = [];
    const walk = async (entry, path) => {
        if (entry.isFile) {
            found.push({ file: await new Promise((resolve, reject) => entry.file(resolve, reject)), name: path + entry.name });
        } else if (entry.isDirectory) {
            const reader = entry.createReader();
            for (;;) {
                const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
                if (batch.length === 0) break;
                for (const child of batch) await walk(child, `${path}${entry.name}/`);
            }
        }
    };
    for (const entry of entries) await walk(entry, "");
    return found;
}

/** A file as the Worker analyses it: `{ text }` or `{ text, document }` (an HTML file's blocks). */
async function readForCorpus(file) {
    const { text } = decodeBytes(new Uint8Array(await file.arrayBuffer()), file.name);
    if (!/\.html?$/i.test(file.name)) return { text };
    const document = htmlToDocument(text);
    if (document.blocks.length > 0) return { text: documentText(document), document };
    return { text: htmlToText(text) };
}

// ---- the run ----------------------------------------------------------------------------

/** Analyses `picked` (`{ file, name }`), in file-name order, and shows the corpus tables. */
async function analyzeFiles(picked) {
    cancel(false);
    const files = picked.filter(({ name }) => CORPUS_FILE.test(name)).sort((a, b) => collator.compare(a.name, b.name));
    if (files.length === 0) {
        $("corpus-status").textContent = t("corpusNone");
        return;
    }
    const run = { files: [], cancelled: false, tables: null };
    current = run;
    panel.dataset.corpusState = "running";
    // The module the page compiled as it started: no Worker of the pool compiles it again.
    pool = new WorkerPool(poolSize(), { module: pageModule() });
    keeper = new WorkerPool(1, { module: pageModule() });
    const started = performance.now();
    const options = { terms: hooks.termOptions() };
    const failed = [];
    let next = 0;
    let done = 0;
    let doneBytes = 0;
    let added = 0; // documents handed to the keeper, in file order
    let analysisMs = 0; // the Workers' time in analyze, summed (bench/pool.mjs reads it)
    const finished = new Map(); // index → summary (null: failed), until its turn to be added
    const showProgress = () => {
        $("corpus-progress").max = files.length;
        $("corpus-progress").value = done;
        $("corpus-progress-label").textContent = t("corpusProgress", done, files.length, (doneBytes / 1e6).toFixed(1), pool?.size ?? 1);
    };
    $("corpus-progress-row").hidden = false;
    $("corpus-status").textContent = "";
    showProgress();
    const addInOrder = () => {
        while (finished.has(added)) {
            const summary = finished.get(added);
            finished.delete(added);
            if (summary) {
                // The keeper adds in the order sent and answers in that order: run.files[i]
                // stays the file of the corpus's document i.
                const entry = files[added];
                keeper.run({ type: "corpus", op: "add", summary }).then(
                    () => run.files.push(entry),
                    (error) => run.cancelled || failed.push(t("corpusFailed", entry.name, error.message)),
                );
            }
            added += 1;
        }
    };
    // One loop per Worker and one more: a loop reads its next file only once its last one is
    // analysed, so at most one file per Worker (and one being read) is in memory, and the
    // reading of a file overlaps the analysis of another (with 1 Worker, reading them in turn
    // left it idle ~1/7 of the time: bench/pool.mjs).
    const loop = async () => {
        while (next < files.length && !run.cancelled) {
            const index = next++;
            const { file, name } = files[index];
            let summary = null;
            try {
                const input = await readForCorpus(file);
                if (run.cancelled) return;
                const answer = await pool.run({ type: "summarize", name, size: file.size, ...input, options });
                summary = answer.summary;
                analysisMs += answer.ms;
            } catch (error) {
                if (run.cancelled || error instanceof PoolTerminated) return;
                failed.push(t("corpusFailed", name, error.message));
            }
            done += 1;
            doneBytes += file.size;
            finished.set(index, summary);
            addInOrder();
            showProgress();
        }
    };
    try {
        await keeper.run({ type: "corpus", op: "reset" });
        await Promise.all(Array.from({ length: pool.size + 1 }, loop));
        if (run.cancelled) return;
        const { result: tables } = await keeper.run({ type: "corpus", op: "tables", sizes: SHOWN_SIZES });
        if (run.cancelled) return;
        run.tables = tables;
        pool.terminate(); // the analysers' dictionaries are freed; the keeper stays for exports
        pool = null;
        $("corpus-progress-row").hidden = true;
        const tokens = tables.documents.reduce((sum, d) => sum + d.tokens, 0);
        $("corpus-status").textContent = [t("corpusDone", tables.documents.length, tokens.toLocaleString(), performance.now() - started, failed.length), ...failed].join("\n");
        panel.dataset.analysisMs = String(Math.round(analysisMs));
        panel.dataset.corpusState = "done";
        render(tables);
    } catch (error) {
        if (run.cancelled || error instanceof PoolTerminated) return;
        $("corpus-progress-row").hidden = true;
        $("corpus-status").textContent = error.message;
    }
}

/** Stops the run in progress (its Workers terminated); `say`: show that it was cancelled. */
function cancel(say = true) {
    if (current && !current.tables) current.cancelled = true;
    pool?.terminate();
    pool = null;
    if (current?.cancelled || !say) {
        keeper?.terminate();
        keeper = null;
    }
    $("corpus-progress-row").hidden = true;
    if (say) {
        $("corpus-status").textContent = t("corpusCancelled");
        panel.dataset.corpusState = "cancelled";
    }
}

// ---- the tables -------------------------------------------------------------------------

const number = (n) => n.toLocaleString();
const fixed = (x, digits) => x.toLocaleString(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits });

function render(tables) {
    $("corpus-results").hidden = false;
    const lang = contentLang(tables.terms.slice(0, 100).map((row) => row.term).join(" "));
    for (const node of document.querySelectorAll("#corpus-results [data-content-lang]")) node.lang = lang;
    renderDocuments(tables.documents);
    renderTerms(tables.terms);
    renderDistinctive(tables.distinctive);
    const list = $("corpus-trend-terms");
    list.replaceChildren(...tables.trends.map((trend) => el("option", { value: trend.term })));
    $("corpus-trend-term").value = tables.trends[0]?.term ?? "";
    showTrend(tables.trends[0] ?? null);
    renderSimilarity(tables.similarity);
}

function renderDocuments(rows) {
    const body = views.documents.tBodies[0];
    body.replaceChildren(
        ...rows.map((doc, i) =>
            el(
                "tr",
                {},
                el("td", { text: String(i + 1) }),
                el("td", {}, el("button", { type: "button", class: "term-link", tabindex: "-1", dataset: { index: String(i) }, title: t("openDocument", doc.name), text: doc.name, onclick: () => openDocument(i) })),
                el("td", { text: doc.title ?? "" }),
                el("td", { text: doc.date ?? "" }),
                el("td", { class: "num", text: number(doc.size) }),
                el("td", { class: "num", text: number(doc.tokens) }),
                el("td", { text: doc.topTerms.join(" ") }),
            ),
        ),
    );
    refreshDocuments();
}

function renderTerms(rows) {
    const body = views.terms.tBodies[0];
    body.replaceChildren(
        ...rows.map((row, i) =>
            el(
                "tr",
                {},
                el("td", { text: String(i + 1) }),
                el("td", {}, el("button", { type: "button", class: "term-link", tabindex: "-1", dataset: { term: row.term }, text: row.term, onclick: () => chooseTrend(row.term) })),
                el("td", { class: "num", text: number(row.count) }),
                el("td", { class: "num", text: number(row.documents) }),
                el("td", { class: "num", text: fixed(row.per10k, 1) }),
            ),
        ),
    );
    refreshTerms();
}

function renderDistinctive(rows) {
    views.distinctive.tBodies[0].replaceChildren(
        ...rows.map((row) =>
            el("tr", {}, el("td", { text: row.document }), el("td", { text: row.terms.map((term) => `${term.term} (${fixed(term.score, 4)})`).join("  ") })),
        ),
    );
}

// ---- a term's trend ---------------------------------------------------------------------

const SVG = "http://www.w3.org/2000/svg";
const svg = (tag, attrs = {}, text) => {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
};
let shownTrend = null;

async function chooseTrend(term) {
    $("corpus-trend-term").value = term;
    if (!keeper || !term) return;
    try {
        const { result } = await keeper.run({ type: "corpus", op: "trend", term });
        showTrend(result);
        $("corpus-trend").scrollIntoView({ block: "nearest" });
    } catch (error) {
        $("corpus-status").textContent = error.message;
    }
}

/** Draws `trend` (points in corpus order) in file-name or date order, per 10,000 tokens. */
function showTrend(trend) {
    shownTrend = trend;
    const chart = $("corpus-trend");
    chart.replaceChildren();
    if (!trend || !current?.tables) return;
    const dates = new Map(current.tables.documents.map((doc) => [doc.name, doc.date ?? ""]));
    const points = trend.points.map((point, i) => ({ ...point, i }));
    // Date order: undated documents last, ties in file-name order.
    if ($("corpus-trend-order").value === "date") {
        points.sort((a, b) => (dates.get(a.document) || "\uffff").localeCompare(dates.get(b.document) || "\uffff") || a.i - b.i);
    }
    const width = 640;
    const height = 220;
    const pad = { left: 48, right: 12, top: 12, bottom: 28 };
    const top = Math.max(...points.map((p) => p.per10k), 1e-9);
    const x = (i) => pad.left + (points.length === 1 ? 0.5 : i / (points.length - 1)) * (width - pad.left - pad.right);
    const y = (v) => height - pad.bottom - (v / top) * (height - pad.top - pad.bottom);
    chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
    chart.setAttribute("aria-label", t("trendLabel", trend.term, points.length));
    chart.append(
        svg("line", { x1: pad.left, y1: y(0), x2: width - pad.right, y2: y(0), class: "axis" }),
        svg("line", { x1: pad.left, y1: pad.top, x2: pad.left, y2: y(0), class: "axis" }),
        svg("text", { x: pad.left - 4, y: y(top) + 4, "text-anchor": "end", class: "tick" }, fixed(top, 1)),
        svg("text", { x: pad.left - 4, y: y(0) + 4, "text-anchor": "end", class: "tick" }, "0"),
        svg("text", { x: pad.left, y: height - 8, class: "tick" }, points[0]?.document ?? ""),
        svg("text", { x: width - pad.right, y: height - 8, "text-anchor": "end", class: "tick" }, points.length > 1 ? points.at(-1).document : ""),
        svg("polyline", { points: points.map((p, i) => `${x(i)},${y(p.per10k)}`).join(" "), class: "trend-line" }),
    );
    points.forEach((p, i) => {
        const dot = svg("circle", { cx: x(i), cy: y(p.per10k), r: 3, class: "trend-dot" });
        dot.append(svg("title", {}, t("trendPoint", p.document, p.count, fixed(p.per10k, 1))));
        chart.append(dot);
    });
}

$("corpus-trend-term").addEventListener("change", (event) => chooseTrend(event.target.value.trim()));
$("corpus-trend-order").addEventListener("change", () => showTrend(shownTrend));

// ---- similarity -------------------------------------------------------------------------

function renderSimilarity(similarity) {
    const canvas = $("corpus-heatmap");
    $("corpus-similarity-none").hidden = Boolean(similarity);
    canvas.hidden = !similarity;
    const pairs = [];
    if (similarity) {
        const { matrix, documents } = similarity;
        const n = documents.length;
        const context = canvas.getContext("2d");
        context.clearRect(0, 0, canvas.width, canvas.height);
        const cell = canvas.width / Math.max(n, 1);
        for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
                // White (0) to the accent's dark blue (1).
                const v = matrix[i][j];
                context.fillStyle = `hsl(215 70% ${Math.round(97 - v * 62)}%)`;
                context.fillRect(j * cell, i * cell, Math.ceil(cell), Math.ceil(cell));
                if (j > i) pairs.push([v, i, j]);
            }
        }
        pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
        views.pairs.tBodies[0].replaceChildren(
            ...pairs.slice(0, PAIRS_SHOWN).map(([v, i, j]) => el("tr", {}, el("td", { text: documents[i] }), el("td", { text: documents[j] }), el("td", { class: "num", text: fixed(v, 3) }))),
        );
    } else views.pairs.tBodies[0].replaceChildren();
}

// ---- opening a document, downloads --------------------------------------------------------

/** Opens document `i` in the single-document view (read again from its file). */
function openDocument(i) {
    const entry = current?.files[i];
    if (!entry) return;
    loadFile(entry.file);
    $("input-panel").scrollIntoView({ block: "start" });
    $("input").focus({ preventScroll: true });
}

for (const button of document.querySelectorAll("[data-corpus-csv]")) {
    button.addEventListener("click", async () => {
        if (!keeper || !current?.tables) return;
        try {
            const { result: files } = await keeper.run({ type: "corpus", op: "csv", sizes: EXPORT_SIZES });
            const file = files.find(([name]) => name === button.dataset.corpusCsv);
            if (file) download(`corpus-${file[0]}`, file[1], "text/csv;charset=utf-8");
        } catch (error) {
            $("corpus-status").textContent = error.message;
        }
    });
}

$("corpus-json").addEventListener("click", async () => {
    if (!keeper || !current?.tables) return;
    try {
        const { result } = await keeper.run({ type: "corpus", op: "tables", sizes: EXPORT_SIZES });
        download("corpus.json", JSON.stringify(result, null, 2), "application/json;charset=utf-8");
    } catch (error) {
        $("corpus-status").textContent = error.message;
    }
});

// ---- input ------------------------------------------------------------------------------

$("corpus-cancel").addEventListener("click", () => cancel());
addEventListener("keydown", (event) => {
    if (event.key === "Escape" && pool && current && !current.tables) cancel();
});
for (const id of ["corpus-files", "corpus-folder"]) {
    $(id).addEventListener("change", (event) => {
        const files = [...(event.target.files ?? [])].map((file) => ({ file, name: file.webkitRelativePath || file.name }));
        event.target.value = "";
        analyzeFiles(files);
    });
}
// A drop on the panel is the corpus's, not the text box's (input.js listens on the document).
for (const type of ["dragenter", "dragover"]) {
    panel.addEventListener(type, (event) => {
        event.preventDefault();
        event.stopPropagation();
        panel.classList.add("dragging");
    });
}
panel.addEventListener("dragleave", (event) => {
    if (!panel.contains(event.relatedTarget)) panel.classList.remove("dragging");
});
panel.addEventListener("drop", async (event) => {
    event.preventDefault();
    event.stopPropagation();
    panel.classList.remove("dragging");
    $("corpus").open = true;
    analyzeFiles(await droppedFiles(event.dataTransfer));
});

on("language", () => {
    if (current?.tables) render(current.tables);
});

panel.dataset.corpusState = "ready";

// A PDF's pages as the original beside the cleaned text: pdf.js (www/pdfjs/, from this origin,
// imported with this module when the first PDF's pages are shown) draws each page on a canvas,
// only the pages at or near the view (at most MAX_DRAWN at once: 500 pages hold the memory of a
// few), and releases those scrolled away. A heading clicked in the outline, or a fix focused,
// scrolls to its line on its page and marks it there: the core gives every line of the text
// its page and box (`places`, see analyzeLayout). Loaded by cleaned.js.

import { el, on, state, t } from "./app.js";

/** Pages drawn at once, at most: the view shows one or two, and one above and below wait ready. */
const MAX_DRAWN = 6;
/** Device pixels of a canvas, at most: an A4 page 1,700 pixels high; 16 MB of bitmap. */
const MAX_PIXELS = 4_000_000;
/** Pages within this distance of the view (CSS margin of its box) are drawn before they show. */
const NEAR_MARGIN = "100% 0px";
/** Characters of a page's first line said in its canvas's name. */
const FIRST_LINE_CHARS = 60;
/** Where a line jumped to is put in the view: this share of the view's height from its top. */
const TARGET_AT = 0.3;

let pdfjs = null;

/** pdf.js, with its parser in its own Worker (pdfjs/pdf.worker.mjs, this origin). */
async function loadPdfjs() {
    if (!pdfjs) {
        pdfjs = import("./pdfjs/pdf.mjs").then((library) => {
            library.GlobalWorkerOptions.workerSrc = new URL("./pdfjs/pdf.worker.mjs", import.meta.url).href;
            return library;
        });
    }
    return pdfjs;
}

/**
 * The pages shown: `{ pdf, container, figures, doc, drawn, near, observer }`, `pdf` being
 * `state.analyzedPdf` (`{ file, pages: [{ width, height }], places, input }`), `doc` the
 * promise of pdf.js's document, `drawn` page → `{ canvas, task }`, `near` the pages at or
 * near the view. Null when none are.
 */
let view = null;

/**
 * Shows the pages of `pdf` (state.analyzedPdf) in `container`, drawing those near the view;
 * the same PDF shown again is left as it is (a re-run of its text).
 */
export function showPages(container, pdf) {
    if (view?.pdf === pdf && view.container === container) return;
    closePages();
    const total = pdf.pages.length;
    const figures = pdf.pages.map(({ width, height }, i) => {
        const figure = el("figure", { class: "pdf-page", dataset: { page: String(i + 1), testid: "pdf-page" } },
            el("figcaption", { text: t("pdfPageCaption", i + 1, total) }));
        figure.style.aspectRatio = `${width > 0 ? width : 1} / ${height > 0 ? height : 1}`;
        return figure;
    });
    const list = el("div", { class: "pdf-pages", role: "group", "aria-label": t("pdfPages"), dataset: { testid: "pdf-pages" } }, ...figures);
    container.replaceChildren(list);
    const near = new Set();
    const observer = new IntersectionObserver((entries) => {
        for (const entry of entries) {
            const page = Number(entry.target.dataset.page);
            if (entry.isIntersecting) near.add(page);
            else near.delete(page);
        }
        update();
    }, { root: container, rootMargin: NEAR_MARGIN });
    view = { pdf, container, list, figures, near, observer, drawn: new Map(), doc: openDocument(pdf.file) };
    view.doc.catch((error) => {
        list.dataset.error = "true";
        list.prepend(el("p", { class: "note", dataset: { testid: "pdf-error" }, text: t("pdfNotShown", error?.message ?? String(error)) }));
    });
    for (const figure of figures) observer.observe(figure);
}

/** Stops showing pages: releases their canvases and pdf.js's document. */
export function closePages() {
    if (!view) return;
    const { observer, drawn, doc, list } = view;
    observer.disconnect();
    for (const page of [...drawn.keys()]) release(page);
    list.remove();
    view = null;
    doc.then((opened) => opened.destroy()).catch(() => {});
}

async function openDocument(file) {
    const library = await loadPdfjs();
    const task = library.getDocument({
        data: new Uint8Array(await file.arrayBuffer()),
        cMapUrl: new URL("./pdfjs/cmaps/", import.meta.url).href,
        cMapPacked: true,
        standardFontDataUrl: new URL("./pdfjs/standard_fonts/", import.meta.url).href,
        // Glyphs drawn as paths: no font is loaded into the page (its policy allows only its own).
        disableFontFace: true,
        isEvalSupported: false,
        verbosity: 0,
    });
    return task.promise;
}

/** Draws the pages near the view, nearest the middle first, at most MAX_DRAWN; releases the rest. */
function update() {
    if (!view) return;
    const box = view.container.getBoundingClientRect();
    const middle = box.top + box.height / 2;
    const distance = (page) => {
        const rect = view.figures[page - 1].getBoundingClientRect();
        return Math.abs(rect.top + rect.height / 2 - middle);
    };
    const wanted = [...view.near].sort((a, b) => distance(a) - distance(b)).slice(0, MAX_DRAWN);
    for (const page of [...view.drawn.keys()]) if (!wanted.includes(page)) release(page);
    for (const page of wanted) if (!view.drawn.has(page)) draw(page);
}

/** What a page's canvas is called: its number and the start of its first line. */
function pageLabel(page) {
    const { places, input, pages } = view.pdf;
    const at = places.findIndex((place) => place.page === page);
    let first = "";
    if (at >= 0) {
        const end = places[at + 1]?.input ?? input.length;
        first = input.slice(places[at].input, Math.min(end, places[at].input + FIRST_LINE_CHARS * 2)).replace(/\s+/gu, " ").trim();
        if ([...first].length > FIRST_LINE_CHARS) first = `${[...first].slice(0, FIRST_LINE_CHARS).join("")}…`;
    }
    return t("pdfPage", page, pages.length, first);
}

async function draw(page) {
    const figure = view.figures[page - 1];
    const canvas = el("canvas", { role: "img", "aria-label": pageLabel(page), lang: state.contentLang, dataset: { testid: "pdf-canvas" } });
    const entry = { canvas, task: null };
    const current = view;
    current.drawn.set(page, entry);
    figure.prepend(canvas);
    try {
        const doc = await current.doc;
        if (current.drawn.get(page) !== entry) return;
        const proxy = await doc.getPage(page);
        if (current.drawn.get(page) !== entry) return;
        const base = proxy.getViewport({ scale: 1 });
        const cssWidth = figure.clientWidth || current.container.clientWidth || base.width;
        const scale = Math.min((cssWidth / base.width) * devicePixelRatio, Math.sqrt(MAX_PIXELS / (base.width * base.height)));
        const viewport = proxy.getViewport({ scale });
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        entry.task = proxy.render({ canvas, viewport });
        await entry.task.promise;
        proxy.cleanup();
        if (current.drawn.get(page) === entry) figure.dataset.drawn = "true";
    } catch (error) {
        // A page released while drawn is cancelled; another failure leaves that page blank.
        if (error?.name !== "RenderingCancelledException") figure.dataset.failed = String(error?.message ?? error);
    }
}

/** Frees a drawn page's canvas (its bitmap goes with its size). */
function release(page) {
    const entry = view.drawn.get(page);
    if (!entry) return;
    view.drawn.delete(page);
    entry.task?.cancel();
    entry.canvas.width = 0;
    entry.canvas.height = 0;
    entry.canvas.remove();
    delete view.figures[page - 1].dataset.drawn;
}

// ---- from the text to its page --------------------------------------------------------

/** The index of the last place whose `key` offset is at most `offset` (0 if none). */
function placeAt(places, key, offset) {
    let lo = 0;
    let hi = places.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (places[mid][key] <= offset) lo = mid;
        else hi = mid - 1;
    }
    return lo;
}

/**
 * The input offset of the cleaned text's `offset` in an analysis of the PDF's text that is not
 * the PDF's own (a fix switched off re-analyses the text): through its fixes, which the page
 * has up to MARK_LIMIT of (past them, off by what the fixes not sent changed).
 */
function inputOffset(offset) {
    const edits = state.analysis?.edits ?? [];
    let lo = 0;
    let hi = edits.length;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (edits[mid].cleaned.end <= offset) lo = mid + 1;
        else hi = mid;
    }
    const before = edits[lo - 1];
    return before ? before.original.end + (offset - before.cleaned.end) : offset;
}

/** The places (lines) of `target`, `{ cleaned: [start, end] }` or `{ input: [start, end] }`, on its first page. */
function placesOf(target) {
    const { places } = view.pdf;
    if (!places.length) return [];
    let key = "input";
    let [start, end] = target.input ?? target.cleaned;
    if (target.cleaned) {
        if (state.analysis?.places === places) key = "cleaned";
        else [start, end] = [inputOffset(start), inputOffset(end)];
    }
    const first = placeAt(places, key, start);
    const found = [places[first]];
    for (let i = first + 1; i < places.length && places[i][key] < end && places[i].page === found[0].page; i++) {
        found.push(places[i]);
    }
    return found;
}

/** Scrolls the pages to the lines of `target` (see placesOf) and marks them. */
function jumpTo(target) {
    const lines = placesOf(target);
    if (!lines.length) return;
    const page = lines[0].page;
    const figure = view.figures[page - 1];
    const size = view.pdf.pages[page - 1];
    if (!figure || !(size?.width > 0 && size?.height > 0)) return;
    for (const old of view.list.querySelectorAll(".pdf-mark")) old.remove();
    for (const line of lines) {
        const mark = el("div", { class: "pdf-mark", dataset: { testid: "pdf-mark" }, "aria-hidden": "true" });
        Object.assign(mark.style, {
            left: `${(100 * line.x) / size.width}%`,
            top: `${(100 * line.y) / size.height}%`,
            width: `${(100 * line.width) / size.width}%`,
            height: `${(100 * line.height) / size.height}%`,
        });
        figure.append(mark);
    }
    const { container } = view;
    const rect = figure.getBoundingClientRect();
    const box = container.getBoundingClientRect();
    const lineTop = rect.top + (rect.height * lines[0].y) / size.height;
    container.scrollTop += lineTop - box.top - container.clientHeight * TARGET_AT;
    container.dataset.targetPage = String(page);
}

on("jump", (target) => view && !view.container.hidden && jumpTo(target));
on("language", () => {
    if (!view) return;
    view.list.setAttribute("aria-label", t("pdfPages"));
    for (const [page, { canvas }] of view.drawn) canvas.setAttribute("aria-label", pageLabel(page));
    view.figures.forEach((figure, i) => (figure.querySelector("figcaption").textContent = t("pdfPageCaption", i + 1, view.figures.length)));
});

// The window's width changes how many pages fit in the view.
addEventListener("resize", () => view && update(), { passive: true });

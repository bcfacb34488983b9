// The page's shared state and plumbing: the DOM helpers, the interface language and the
// text's, the status line and the screen-reader announcements, groups of controls that are
// one Tab stop, and the Worker (worker.js) that runs the analysis. The panels (input.js,
// cleaned.js, outline.js, terms.js) register what they render with `on("render", …)` and
// what they re-translate with `on("language", …)`; main.js wires them together.

import { STRINGS } from "./strings.js";

/** A text at least this long (UTF-16 units) shows a progress line while it is analyzed. */
const PROGRESS_INPUT = 200_000;
/** A run still going after this long is cancelled by restarting the Worker. */
const RESTART_AFTER_MS = 1_500;
/**
 * `?workers=N` in the page's address: how many Workers analyse a paste (1: the page's Worker
 * alone), for the tests and bench/page.mjs; without it worker.js decides by the paste's length.
 */
const WORKERS = Number(new URLSearchParams(location.search).get("workers")) || undefined;

export const $ = (id) => document.getElementById(id);

/** An element with attributes, `text` (set as textContent), `dataset`, `on…` listeners and children. */
export function el(tag, props = {}, ...children) {
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

/** Saves `content` as a file named `name` (the browser's download), of MIME type `type`. */
export function download(name, content, type) {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const link = el("a", { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Runs a render step inside a performance measure (visible in the browser's profiler). */
export function step(name, fn) {
    const start = performance.now();
    fn();
    performance.measure(`qingwen:${name}`, { start, end: performance.now() });
}

/** What the panels share. */
export const state = {
    lang: (localStorage.getItem("qingwen-lang") ?? navigator.language ?? "en").toLowerCase().startsWith("zh") ? "zh" : "en",
    /** The analysis shown (the Worker's view of it: see worker.js), or null. */
    analysis: null,
    /** The input the shown analysis came from. */
    analyzedText: "",
    /** The typed document it came from (a rich paste or an HTML file: html-document.js), or null. */
    analyzedDocument: null,
    /**
     * The PDF it came from, `{ file, pages: [{ width, height }], places, input }` (places: each
     * line's page and box, see analyzeLayout), or null; kept while its text is analyzed again.
     */
    analyzedPdf: null,
    /** The tab shown in the terms panel. */
    activeTab: "terms",
    /** The fixes the user undid, `{ kind, original }` (see cleaned.js); sent as `clean.reject`. */
    rejected: [],
    /** The language of the analysed text (a BCP 47 tag, see `contentLang`), for its `lang` attributes. */
    contentLang: "zh-Hans",
};

/** What the panels provide to the analysis: set by input.js, cleaned.js and terms.js. */
export const hooks = {
    /** The text to analyze. */
    inputText: () => "",
    /** The typed document to analyze instead, whose text is the input text, or null. */
    inputDocument: () => null,
    /** The `clean` options. */
    cleanOptions: () => ({}),
    /** The `terms` options. */
    termOptions: () => ({}),
};

const listeners = new Map();
/**
 * Calls `fn` on `event`: "run" (an analysis is asked for), "render" (a new one is shown),
 * "language", "text" ({ fresh }: the input changed; fresh when it was replaced whole, by a
 * file, an example, a recent document or a paste into the empty box), "ready" (the Worker
 * can analyse), "warm" (its dictionary is built: a first analysis no longer waits for it).
 */
export function on(event, fn) {
    if (!listeners.has(event)) listeners.set(event, []);
    listeners.get(event).push(fn);
}
/** Calls the listeners of `event` with `args`. */
export function emit(event, ...args) {
    for (const fn of listeners.get(event) ?? []) fn(...args);
}

/** A string of the interface language: a key of STRINGS, with the arguments of a function value. */
export function t(key, ...args) {
    const value = STRINGS[state.lang][key] ?? STRINGS.en[key] ?? key;
    return typeof value === "function" ? value(...args) : value;
}

// ---- status ---------------------------------------------------------------------------
const status = $("status");
let lastStatus = ["loading", "loading", []];
/** Shows a status: a key of STRINGS with its arguments (re-translated on a language switch), or a message. */
export function setStatus(state, keyOrMessage, ...args) {
    lastStatus = [state, keyOrMessage, args];
    status.dataset.state = state;
    status.textContent = Object.hasOwn(STRINGS.en, keyOrMessage) ? t(keyOrMessage, ...args) : keyOrMessage;
}

function summary(ms) {
    const fixes = state.analysis.fixes.reduce((sum, fix) => sum + fix.count, 0);
    return ["done", Math.round(ms), state.analysis.cleaned.length.toLocaleString(), fixes.toLocaleString()];
}

// ---- the Worker -----------------------------------------------------------------------
let worker;
let workerReady = false;
let compiledModule = null; // the WebAssembly.Module the Worker compiled, for a restarted one
let lastId = 0; // the newest request; older results are dropped
let running = null; // { id, started, text, message, stage } of the analysis in flight
let progressTimer;
const pending = new Map(); // id → { resolve, reject }, for KWIC, exports and dictionary checks

/** The WebAssembly.Module the page compiled as it started (null until then), for more Workers. */
export const pageModule = () => compiledModule;

/**
 * Starts (or restarts) the Worker. The first one was started by index.html while the page was
 * parsed: it is taken over, with what it said meanwhile.
 */
export function startWorker() {
    workerReady = false;
    document.body.dataset.workerStarts = String(Number(document.body.dataset.workerStarts ?? 0) + 1);
    const boot = globalThis.qingwenBoot;
    let early = [];
    if (boot?.early) {
        worker = boot.worker;
        early = boot.stopKeeping();
    } else if (boot) {
        worker = boot.start(compiledModule);
    } else {
        worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    }
    worker.addEventListener("message", onWorkerMessage);
    worker.addEventListener("error", onWorkerError);
    for (const event of early) (event.type === "error" ? onWorkerError : onWorkerMessage)(event);
}

function onWorkerError(event) {
    setStatus("error", "workerStopped", event.message || "?");
}

/** A time on the epoch clock (the Worker's timeOrigin + now) on this page's clock. */
const since = (epochMs) => Math.max(0, epochMs - performance.timeOrigin);

function onWorkerMessage({ data }) {
    switch (data.type) {
        case "ready":
            workerReady = true;
            compiledModule = data.module ?? compiledModule;
            if (document.documentElement.dataset.ready === undefined) {
                // The page can analyse: for bench/startup.mjs and the tests.
                if (data.compiled) performance.mark("qingwen-compiled", { startTime: since(data.compiled) });
                if (data.instantiated) performance.mark("qingwen-instantiated", { startTime: since(data.instantiated) });
                performance.mark("qingwen-ready");
                document.documentElement.dataset.ready = String(Math.round(performance.now()));
            }
            emit("ready");
            if (running) {
                // a restarted Worker: send it the newest request again
                worker.postMessage(running.message);
            } else {
                setStatus("ready", "ready");
                if (hooks.inputText().trim()) run();
            }
            break;
        case "warm":
            // The dictionary is built: for bench/startup.mjs (a paste waits for it until then).
            if (document.documentElement.dataset.warm === undefined) {
                performance.mark("qingwen-dictionary", { startTime: since(data.warmed) });
                document.documentElement.dataset.warm = String(Math.round(performance.now()));
            }
            emit("warm");
            break;
        case "fatal":
            setStatus("error", "cannotLoad", data.message);
            break;
        case "progress":
            if (data.id !== lastId) return;
            running.stage = data.stage;
            if (data.stage === "pdf") setStatus("busy", "readingPdf", running.pdf, ...data.units);
            else showProgress();
            break;
        case "result":
            performance.mark("qingwen:result-received");
            if (data.id !== lastId) return;
            clearInterval(progressTimer);
            // How many Workers analysed it (worker.js: a long paste uses a pool), for the tests.
            document.body.dataset.workers = String(data.workers ?? 1);
            state.analysis = data.analysis;
            // A PDF's text arrives with its analysis: the input box shows it from now on.
            if (data.input !== undefined) emit("pdfText", data.input);
            state.analyzedText = data.input ?? running?.text ?? state.analyzedText;
            state.analyzedDocument = running ? (running.message.document ?? null) : state.analyzedDocument;
            if (data.pages) state.analyzedPdf = { file: running.file, pages: data.pages, places: data.analysis.places ?? [], input: data.input };
            else if (state.analyzedPdf?.input !== state.analyzedText) state.analyzedPdf = null;
            running = null;
            $("cancel").hidden = true;
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
            clearInterval(progressTimer);
            if (running?.cancelled) setStatus("ready", "pdfCancelled", running.pdf);
            else setStatus("error", data.message);
            running = null;
            $("cancel").hidden = true;
            break;
        default:
            if (pending.has(data.id)) {
                pending.get(data.id).resolve(data);
                pending.delete(data.id);
            }
    }
}

/** Sends `message` to the Worker; resolves to its answer (KWIC lines, an export, dictionary errors). */
export function request(message) {
    const id = `r${Math.random().toString(36).slice(2)}`;
    return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ ...message, id });
    });
}

/** Analyzes the input now (an empty input hides the results). */
export function run() {
    emit("run");
    const text = hooks.inputText();
    lastId += 1;
    if (running && performance.now() - running.started > RESTART_AFTER_MS) {
        // A long stale run: stop it rather than wait for it.
        worker.terminate();
        startWorker();
    }
    if (!text.trim()) {
        running = null;
        clearInterval(progressTimer);
        $("results").hidden = true;
        setStatus("ready", "ready");
        return;
    }
    const message = { type: "analyze", id: lastId, text, options: { clean: hooks.cleanOptions(), terms: hooks.termOptions() } };
    if (WORKERS) message.workers = WORKERS;
    const source = hooks.inputDocument();
    if (source) message.document = source;
    running = { id: lastId, started: performance.now(), text, message, stage: "queued" };
    $("cancel").hidden = true;
    if (workerReady) worker.postMessage(message);
    setStatus("busy", "analyzing");
    clearInterval(progressTimer);
    if (text.length >= PROGRESS_INPUT) progressTimer = setInterval(showProgress, 500);
}

/**
 * Reads the PDF `file` in the Worker (pdf.js, fetched from this origin on the first PDF) and
 * shows its analysis; the text read from the pages then fills the input box. Escape cancels.
 */
export async function runPdf(file) {
    emit("run");
    const bytes = await file.arrayBuffer();
    lastId += 1;
    // Undone fixes name ranges of the previous text: none apply to a new document.
    const options = { clean: { ...hooks.cleanOptions(), reject: [] }, terms: hooks.termOptions() };
    const message = { type: "pdf", id: lastId, bytes, options };
    running = { id: lastId, started: performance.now(), text: "", message, stage: "queued", pdf: file.name, file };
    clearInterval(progressTimer);
    if (workerReady) worker.postMessage(message);
    setStatus("busy", "readingPdf", file.name, 0, 0);
    $("cancel").hidden = false;
}

/** Stops reading the PDF in flight (Escape or the Cancel button); the page says so. */
function cancelPdf() {
    if (running?.message.type !== "pdf" || running.cancelled) return;
    running.cancelled = true;
    worker.postMessage({ type: "cancel", id: running.id });
}

addEventListener("keydown", (event) => {
    if (event.key === "Escape") cancelPdf();
});
$("cancel").addEventListener("click", cancelPdf);

function showProgress() {
    if (!running) return;
    const seconds = ((performance.now() - running.started) / 1000).toFixed(1);
    const mb = (running.text.length / 1e6).toFixed(1);
    setStatus("busy", "progress", mb, running.stage, seconds);
}

function render() {
    state.contentLang = contentLang(state.analyzedText);
    for (const node of document.querySelectorAll("[data-content-lang]")) node.lang = state.contentLang;
    // A control focused in a panel that is drawn again: focus goes to the same control drawn
    // anew, else to its group's Tab stop, and the move is announced.
    const focused = document.activeElement;
    const group = groups.find((candidate) => candidate.container.contains(focused) && focused !== candidate.container);
    const key = group?.key(focused);
    emit("render", state.analysis);
    $("results").hidden = false;
    if (group && !focused.isConnected) group.regain(key);
}

// ---- keyboard focus -------------------------------------------------------------------
const announcer = $("announce");
let announceTimer;
/** Says `message` to screen readers (a polite live region), even when it is the same as the last one. */
export function announce(message) {
    clearTimeout(announceTimer);
    announcer.textContent = "";
    // emptied first, so that the same words said twice are said again
    announceTimer = setTimeout(() => {
        announcer.textContent = message;
    }, 50);
}

/** Keys that move focus in a group of controls by rows: steps, or "first" / "last". */
const ROW_KEYS = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: "first", End: "last" };
/** Keys that move focus within a row. */
const COLUMN_KEYS = { ArrowRight: 1, ArrowLeft: -1 };
const groups = [];

/**
 * Makes a group of controls one Tab stop, with keys to move in it (the ARIA "roving
 * tabindex" pattern): the control focused last (at first the first one) has tabindex 0, the
 * others -1. `rows()` lists the controls in reading order, as rows of one or more; `key(node)`
 * names a control so that it is found again once drawn anew; `rowKeys` and `columnKeys`
 * replace ROW_KEYS and COLUMN_KEYS; `hint` is the id of a text saying how to move (given to
 * the Tab stop as its description). Returns `refresh()`, to call once the group is drawn.
 */
export function rove(container, rows, { key = (node) => node.textContent, rowKeys = ROW_KEYS, columnKeys = COLUMN_KEYS, hint } = {}) {
    let stop = null;
    const describe = (node, on) => {
        if (!hint || !node) return;
        const ids = (node.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && id !== hint);
        if (on) ids.push(hint);
        if (ids.length) node.setAttribute("aria-describedby", ids.join(" "));
        else node.removeAttribute("aria-describedby");
    };
    const makeStop = (node) => {
        if (stop === node) return;
        if (stop) {
            stop.tabIndex = -1;
            describe(stop, false);
        }
        stop = node;
        stop.tabIndex = 0;
        describe(stop, true);
    };
    const refresh = () => {
        const all = rows().flat();
        const wanted = stop?.isConnected && all.includes(stop) ? stop : stop ? all.find((node) => key(node) === key(stop)) : null;
        for (const node of all) if (node !== wanted) node.tabIndex = -1;
        stop = null;
        if (wanted ?? all[0]) makeStop(wanted ?? all[0]);
    };
    container.addEventListener("focusin", (event) => {
        if (event.target !== container && rows().some((row) => row.includes(event.target))) makeStop(event.target);
    });
    container.addEventListener("keydown", (event) => {
        if (event.ctrlKey || event.altKey || event.metaKey) return;
        const name = event.key.length === 1 ? event.key.toLowerCase() : event.key;
        const rowStep = rowKeys[name];
        const columnStep = columnKeys[name];
        if (rowStep === undefined && columnStep === undefined) return;
        const grid = rows().filter((row) => row.length);
        const y = grid.findIndex((row) => row.includes(event.target));
        if (y < 0) return;
        const x = grid[y].indexOf(event.target);
        let target;
        if (columnStep !== undefined) target = grid[y][x + columnStep];
        else {
            const to = rowStep === "first" ? 0 : rowStep === "last" ? grid.length - 1 : Math.max(0, Math.min(grid.length - 1, y + rowStep));
            target = grid[to][Math.min(x, grid[to].length - 1)];
        }
        event.preventDefault();
        if (target && target !== event.target) target.focus();
    });
    groups.push({
        container,
        key,
        regain(lost) {
            const all = rows().flat();
            const again = all.find((node) => key(node) === lost);
            if (again && again.checkVisibility()) {
                again.focus();
                return;
            }
            // The control is gone (or hidden): its group's stop, or the panel's heading.
            const place = stop?.checkVisibility() ? stop : container.closest(".panel")?.querySelector("h2");
            if (place && !place.matches("button, [tabindex]")) place.tabIndex = -1;
            place?.focus();
            announce(t("focusMoved", place?.textContent ?? ""));
        },
    });
    return refresh;
}

/** Han characters per letter (Han + Latin) from which a text is taken for Chinese. */
const HAN_SHARE = 0.2; // a Han character is about a word, an English word about five letters: ~half the words Chinese
/** Characters of a text looked at to tell its language. */
const LANG_SAMPLE = 4_000;
/** Common characters written differently in traditional and in simplified Chinese. */
const TRADITIONAL = /[們這說為來對時會發學經過還開關東車長門問間見頭個國與]/gu;
const SIMPLIFIED = /[们这说为来对时会发学经过还开关东车长门问间见头个国与]/gu;

/** The language of `text` as a `lang` value: "zh-Hans", "zh-Hant" or "en" (Latin letters). */
export function contentLang(text) {
    const head = text.slice(0, LANG_SAMPLE);
    const han = head.match(/\p{Script=Han}/gu)?.length ?? 0;
    const latin = head.match(/\p{Script=Latin}/gu)?.length ?? 0;
    if (han === 0 && latin === 0) return state.lang === "zh" ? "zh-Hans" : "en";
    if (han < HAN_SHARE * (han + latin)) return "en";
    return (head.match(TRADITIONAL)?.length ?? 0) > (head.match(SIMPLIFIED)?.length ?? 0) ? "zh-Hant" : "zh-Hans";
}

// The text box takes the language of what is typed or pasted in it.
on("text", () => {
    $("input").lang = contentLang(hooks.inputText());
});

// ---- language -------------------------------------------------------------------------
/** Puts the page's words in the interface language. */
export function applyLanguage() {
    const { lang } = state;
    // Only what differs is written: at start-up the page's HTML is already in English, and
    // rewriting the same words invalidated the style and layout of the page being loaded.
    const set = (node, key, value) => {
        if (node[key] !== value) node[key] = value;
    };
    set(document.documentElement, "lang", lang === "zh" ? "zh-Hans" : "en");
    for (const node of document.querySelectorAll("[data-i18n]")) set(node, "textContent", t(node.dataset.i18n));
    for (const node of document.querySelectorAll("[data-i18n-placeholder]")) set(node, "placeholder", t(node.dataset.i18nPlaceholder));
    for (const node of document.querySelectorAll("[data-i18n-aria]")) set(node, "ariaLabel", t(node.dataset.i18nAria));
    set($("lang"), "textContent", lang === "zh" ? "English" : "中文");
    set($("lang"), "lang", lang === "zh" ? "en" : "zh-Hans");
    set(document, "title", t("title"));
    setStatus(lastStatus[0], lastStatus[1], ...lastStatus[2]);
    emit("language", state.analysis);
}

$("lang").addEventListener("click", () => {
    state.lang = state.lang === "zh" ? "en" : "zh";
    localStorage.setItem("qingwen-lang", state.lang);
    applyLanguage();
});

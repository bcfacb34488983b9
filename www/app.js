// The page's shared state and plumbing: the DOM helpers, the interface language, the status
// line, and the Worker (worker.js) that runs the analysis. The panels (input.js, cleaned.js,
// outline.js, terms.js) register what they render with `on("render", …)` and what they
// re-translate with `on("language", …)`; main.js wires them together.

import { STRINGS } from "./strings.js";

/** A text at least this long (UTF-16 units) shows a progress line while it is analyzed. */
const PROGRESS_INPUT = 200_000;
/** A run still going after this long is cancelled by restarting the Worker. */
const RESTART_AFTER_MS = 1_500;

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
    /** The tab shown in the terms panel. */
    activeTab: "terms",
    /** The fixes the user undid, `{ kind, original }` (see cleaned.js); sent as `clean.reject`. */
    rejected: [],
};

/** What the panels provide to the analysis: set by input.js, cleaned.js and terms.js. */
export const hooks = {
    /** The text to analyze. */
    inputText: () => "",
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
 * can analyse).
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
let lastId = 0; // the newest request; older results are dropped
let running = null; // { id, started, text, message, stage } of the analysis in flight
let progressTimer;
const pending = new Map(); // id → { resolve, reject }, for KWIC, exports and dictionary checks

/**
 * Starts (or restarts) the Worker. The first one was started by boot.js while the page was
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
        worker = boot.start();
    } else {
        worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
        worker.postMessage({ type: "module", module: null });
    }
    worker.addEventListener("message", onWorkerMessage);
    worker.addEventListener("error", onWorkerError);
    for (const event of early) (event.type === "error" ? onWorkerError : onWorkerMessage)(event);
}

function onWorkerError(event) {
    setStatus("error", "workerStopped", event.message || "?");
}

function onWorkerMessage({ data }) {
    switch (data.type) {
        case "ready":
            workerReady = true;
            if (document.documentElement.dataset.ready === undefined) {
                // The page can analyse: for bench/startup.mjs and the tests.
                const since = (epochMs) => Math.max(0, epochMs - performance.timeOrigin);
                if (data.instantiated) performance.mark("qingwen-instantiated", { startTime: since(data.instantiated) });
                if (data.warmed) performance.mark("qingwen-dictionary", { startTime: since(data.warmed) });
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
            state.analysis = data.analysis;
            // A PDF's text arrives with its analysis: the input box shows it from now on.
            if (data.input !== undefined) emit("pdfText", data.input);
            state.analyzedText = data.input ?? running?.text ?? state.analyzedText;
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
            clearInterval(progressTimer);
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
    running = { id: lastId, started: performance.now(), text, message, stage: "queued" };
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
    running = { id: lastId, started: performance.now(), text: "", message, stage: "queued", pdf: file.name };
    clearInterval(progressTimer);
    if (workerReady) worker.postMessage(message);
    setStatus("busy", "readingPdf", file.name, 0, 0);
}

addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || running?.stage !== "pdf") return;
    worker.postMessage({ type: "cancel", id: running.id });
});

function showProgress() {
    if (!running) return;
    const seconds = ((performance.now() - running.started) / 1000).toFixed(1);
    const mb = (running.text.length / 1e6).toFixed(1);
    setStatus("busy", "progress", mb, running.stage, seconds);
}

function render() {
    emit("render", state.analysis);
    $("results").hidden = false;
}

// ---- language -------------------------------------------------------------------------
/** Puts the page's words in the interface language. */
export function applyLanguage() {
    const { lang } = state;
    document.documentElement.lang = lang === "zh" ? "zh-Hans" : "en";
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
    for (const node of document.querySelectorAll("[data-i18n-aria]")) node.setAttribute("aria-label", t(node.dataset.i18nAria));
    $("lang").textContent = lang === "zh" ? "English" : "中文";
    $("lang").lang = lang === "zh" ? "en" : "zh-Hans";
    document.title = t("title");
    setStatus(lastStatus[0], lastStatus[1], ...lastStatus[2]);
    emit("language", state.analysis);
}

$("lang").addEventListener("click", () => {
    state.lang = state.lang === "zh" ? "en" : "zh";
    localStorage.setItem("qingwen-lang", state.lang);
    applyLanguage();
});

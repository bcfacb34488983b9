// The module Worker that runs qingwen's WebAssembly, so the page stays responsive.
//
// Protocol. In: { type: "module", module } first if this Worker is named MODULE_GIVEN (below),
// then { type: "analyze", id, text, document?, options? } (type may be omitted;
// with a typed document, of which `text` is the input text, that is analyzed instead),
// { type: "kwic", id, term, window? } (searches the last cleaned text),
// { type: "export", id, format: "md" | "csv" | "json", table? } (of the last analysis),
// { type: "checkDict", id, userDict },
// { type: "pdf", id, bytes, options? } (a PDF file's ArrayBuffer: see pdf.js; its result carries
// `input`, the text read from the pages, `dropped`, and `pages`, each page's width and height;
// its analysis has `places`), { type: "cancel", id } (stops that PDF). A message sent before
// the module is loaded waits for it.
// A long paste (IN_PARTS_INPUT) is analysed with a pool of Workers (pool.js) when the device
// has more than one core, or as the analyze message's `workers` says (1: this Worker alone):
// see runInParts. Its result says how many Workers took part: { …, workers }.
// Out: { type: "ready", compiled, instantiated, module } once loaded (when, in ms since the
// epoch; the compiled WebAssembly.Module, for a restart), then
// { type: "warm", warmed } once the dictionary is built (a first analysis is fast from then on),
// { type: "progress", id, stage, units } for long inputs (stage "pdf": units [pages done, total]),
// { type: "result", id, analysis, ms }, { type: "kwic", id, term, hits },
// { type: "export", id, format, content }, { type: "dict", id, errors },
// { type: "error", id, message }, or { type: "fatal", message } if the module cannot load.
//
// Loading. The page (index.html's inline script) fetches and compiles the .wasm as it starts,
// and names this Worker MODULE_GIVEN: it then waits for the compiled module. Otherwise it
// fetches and compiles the .wasm itself, first thing, side by side with its own imports
// (dynamic for that reason: a static import would hold this script's first line back until
// the package's scripts had arrived). Measured both ways (bench/startup.mjs, same runs, three
// times 9-15 runs on a loaded machine): equal on a repeat visit (318 ms on average of the
// medians), the page's compile ahead on a first visit (435 against 476 ms): its download
// starts as the page is parsed, this Worker's only once the Worker has started.
//
// Chromium's code cache for WebAssembly does not help here: V8 writes it once 1 kB of
// optimized (TurboFan) code has come up, 2 s after the last tier-up, a timer that in Chromium
// 156 never fired for this page (no v8.wasm.cachedModule trace event within 6 s of the first
// analysis, whether compiled here or in the page); with `--js-flags=--wasm-caching-timeout-ms=0`
// it is written, yet a response served from the service worker's copy never read it back (three
// visits, no v8.wasm.moduleCacheHit). Nor would it move "ready": the compile is lazy (only
// validation streams) and the functions are compiled when first called, by the dictionary
// build after "ready".

/** The package's functions (pkg/index.js), once imported. */
let analyze, analyzeDocument, analyzeLayout, concordance, termsCsv, keywordsCsv, phrasesCsv;
let sectionsCsv, renderMarkdown, checkUserDict;
/** The glue's PreparedText (pkg/qingwen.js), for an analysis in parts; the pool (pool.js). */
let PreparedText, WorkerPool, poolSize;
/** What the page shows (limits.js), once imported. */
let DISPLAY_LIMIT, MARK_LIMIT, OUTLINE_LIMIT, SECTION_COLUMNS;

/**
 * This Worker's name when the page gives it the compiled module (index.html's inline script,
 * as the page starts and for a restart): it then waits for `{ type: "module", module }`
 * (module null: fetch it after all) instead of fetching it.
 */
const MODULE_GIVEN = "qingwen-module-given";
let moduleGiven;

/** { module, at } once compiled (`at`: when); null where it cannot be (init() then fetches it). */
const compiled =
    self.name === MODULE_GIVEN
        ? new Promise((resolve) => (moduleGiven = resolve))
        : typeof WebAssembly.compileStreaming === "function"
          ? WebAssembly.compileStreaming(fetch(new URL("./pkg/qingwen_bg.wasm", import.meta.url))).then(
                (module) => ({ module, at: performance.timeOrigin + performance.now() }),
                () => null,
            )
          : Promise.resolve(null);

// Times on the epoch clock (timeOrigin + now), which the page can compare with its own.
const ready = Promise.all([
    import("./pkg/index.js"),
    // index.js imports the glue: named here too, it is fetched beside index.js, not after it.
    import("./pkg/qingwen.js"),
    import("./limits.js"),
    import("./pool.js"),
    compiled,
])
    .then(async ([pkg, glue, limits, pool, module]) => {
        ({ PreparedText } = glue);
        ({ WorkerPool, poolSize } = pool);
        compiledModule = module?.module ?? null;
        ({ analyze, analyzeDocument, analyzeLayout, concordance, termsCsv, keywordsCsv, phrasesCsv } = pkg);
        ({ sectionsCsv, renderMarkdown, checkUserDict } = pkg);
        ({ DISPLAY_LIMIT, MARK_LIMIT, OUTLINE_LIMIT, SECTION_COLUMNS } = limits);
        await pkg.default(module ? { module_or_path: module.module } : undefined);
        return module;
    })
    .then(
        (module) => {
            const instantiated = performance.timeOrigin + performance.now();
            postMessage({ type: "ready", compiled: module?.at, instantiated, module: module?.module });
            // The first call builds the dictionary (0.05–0.2 s): in a task of its own after "ready",
            // so that the page takes a paste meanwhile. A message that comes first waits for it
            // (this thread runs one task at a time), or builds it itself (it is built once).
            setTimeout(warmUp);
        },
        (error) => postMessage({ type: "fatal", message: messageOf(error) }),
    );

/** Inputs at least this long (UTF-16 units) get progress messages. */
const LONG_INPUT = 200_000;
/**
 * Pastes at least this long (UTF-16 units) are analysed in parts on a pool of Workers. Measured
 * in Node with the page's wasm on weicheng (CPU time, 2 parts, the slower part counted): in
 * parts vs `analyze` 0.93× at 500k units, 1.10× at 1M, 1.21× at 2M, 1.40× at 4M; and a pool
 * Worker's start (instantiate + dictionary, 0.2–0.65 s on a loaded machine) is hidden behind the
 * cleanup (0.26 s at 1M, 0.48 s at 2M) only from about 2M. `bench/pool.mjs --skip-corpus
 * --paste-mb N` times the page itself.
 */
const IN_PARTS_INPUT = 2_000_000;
/** Terms per section sent for the sections table. */
const SECTION_ROWS = 100;

let last = null; // the last analysis, for KWIC and exports
const reading = new Map(); // id → AbortController of a PDF being read
/** The compiled module, when there is one: the pool's Workers get it too. */
let compiledModule = null;
/** The analysis in parts under way: later messages wait for it, as they would for `analyze`. */
let inParts = null;

function warmUp() {
    try {
        analyze("清文 qingwen：一句短文。");
    } catch {
        // not fatal: the paste's own call will report what is wrong
    }
    postMessage({ type: "warm", warmed: performance.timeOrigin + performance.now() });
}

onmessage = async ({ data }) => {
    if (data.type === "module") {
        moduleGiven?.(data.module ? { module: data.module } : null);
        return;
    }
    await ready;
    while (inParts && data.type !== "cancel") await inParts.catch(() => {});
    const { id } = data;
    try {
        switch (data.type ?? "analyze") {
            case "analyze":
                if (workersFor(data) > 1) {
                    // A pool that cannot run (a Worker that does not start, a part that fails)
                    // leaves the text to this Worker alone.
                    inParts = runInParts(data, workersFor(data))
                        .catch(() => runAnalyze(data))
                        .finally(() => (inParts = null));
                    await inParts;
                } else runAnalyze(data);
                break;
            case "pdf":
                await runPdf(data);
                break;
            case "cancel":
                reading.get(id)?.abort();
                break;
            case "kwic": {
                const hits = last ? concordance(last.cleaned, data.term, data.window) : [];
                postMessage({ type: "kwic", id, term: data.term, hits: hits.slice(0, 500), total: hits.length });
                break;
            }
            case "export":
                postMessage({ type: "export", id, format: data.format, content: exportOf(data) });
                break;
            case "checkDict":
                postMessage({ type: "dict", id, errors: checkUserDict(data.userDict) });
                break;
            default:
                throw new Error(`unknown message type ${data.type}`);
        }
    } catch (error) {
        // the package recovers from its own crashes: the next message works either way.
        postMessage({ type: "error", id, message: messageOf(error) });
    }
};

function runAnalyze({ id, text, document, options }) {
    const long = text.length >= LONG_INPUT;
    if (long) postMessage({ type: "progress", id, stage: "analyzing", units: text.length });
    const started = performance.now();
    const analysis = document ? analyzeDocument(document, options) : analyze(text, options);
    if (long) postMessage({ type: "progress", id, stage: "sending", units: text.length });
    postAnalysis(id, analysis, started, { workers: 1 });
}

/** How many Workers analyse the text of `message`: its `workers`, else the pool's size for a long paste. */
function workersFor({ text, document, workers }) {
    if (document) return 1; // a typed document's blocks are cleaned one by one: no long run to share
    if (workers !== undefined) return Math.max(1, Math.floor(workers));
    return text.length >= IN_PARTS_INPUT ? poolSize() : 1;
}

/**
 * `runAnalyze` on `workers` Workers: this one and a pool of `workers - 1`. The core's
 * PreparedText cleans and structures the whole text here (every decision that reads the whole
 * document, once); its counted blocks are cut into `workers` parts, each segmented by one
 * Worker (this one takes the first); the parts' tokens are replayed here into exactly the
 * analysis `analyze` gives (src/parts.rs). The pool's Workers hold a dictionary each (34 MB of
 * wasm memory once warm) and are stopped when the run ends; terminating this Worker stops them.
 */
async function runInParts({ id, text, options }, workers) {
    const started = performance.now();
    const pool = new WorkerPool(workers - 1, { module: compiledModule });
    try {
        // The pool's Workers load the module and build their dictionaries meanwhile.
        const warm = Promise.all(Array.from({ length: workers - 1 }, () => pool.run({ type: "warm", options })));
        // A failure is thrown where the promise is awaited; until then, nothing is unhandled.
        warm.catch(() => {});
        postMessage({ type: "progress", id, stage: "analyzing", units: text.length });
        const prepared = new PreparedText(text, options);
        try {
            const parts = prepared.partCount(workers);
            const others = [];
            for (let i = 1; i < parts; i++) {
                others.push(pool.run({ type: "segment", texts: prepared.partTexts(i, parts), options }).then((answer) => answer.part));
            }
            const theirs = Promise.all(others);
            theirs.catch(() => {});
            const own = parts > 0 ? [prepared.segmentPart(0, parts)] : [];
            const segmented = [...own, ...(await theirs)];
            await warm;
            const analysis = prepared.finish(segmented);
            postMessage({ type: "progress", id, stage: "sending", units: text.length });
            postAnalysis(id, analysis, started, { workers: Math.max(1, parts) });
        } finally {
            prepared.free();
        }
    } finally {
        pool.terminate();
    }
}

/** Reads a PDF (pdf.js, loaded on the first one) and analyses its positioned text. */
async function runPdf({ id, bytes, options }) {
    const started = performance.now();
    const controller = new AbortController();
    reading.set(id, controller);
    try {
        const { readPdf } = await import("./pdf.js");
        const layout = await readPdf(bytes, {
            signal: controller.signal,
            onProgress: (done, total) => postMessage({ type: "progress", id, stage: "pdf", units: [done, total] }),
        });
        const analysis = analyzeLayout(layout, options);
        const pages = layout.pages.map(({ width, height }) => ({ width, height }));
        postAnalysis(id, analysis, started, { input: analysis.input, dropped: analysis.dropped, pages });
    } finally {
        reading.delete(id);
    }
}

/** Sends the page what it shows of `analysis`, with `extra` fields. */
function postAnalysis(id, analysis, started, extra = {}) {
    last = analysis;
    // The page highlights at most MARK_LIMIT fixes in its first DISPLAY_LIMIT units: send only
    // those (a 10 MB text has 100k+ fixes, slow to copy to the main thread); exports use `last`.
    const edits = [];
    for (const edit of analysis.edits) {
        if (edits.length >= MARK_LIMIT || edit.cleaned.start >= DISPLAY_LIMIT) break;
        edits.push(edit);
    }
    // Likewise the page shows no blocks and only SECTION_COLUMNS sections (the rest summed).
    const termsBySection = analysis.termsBySection.slice(0, SECTION_ROWS).map((row) => {
        if (row.counts.length <= SECTION_COLUMNS) return row;
        const rest = row.counts.slice(SECTION_COLUMNS).reduce((a, b) => a + b, 0);
        return { ...row, counts: [...row.counts.slice(0, SECTION_COLUMNS), rest] };
    });
    // The page shows the first OUTLINE_LIMIT outline nodes: a 50 MB text has 100k+, whose copy
    // took the main thread ~0.4 s.
    const view = {
        ...analysis,
        edits,
        outline: firstNodes(analysis.outline, OUTLINE_LIMIT),
        outlineTotal: countNodes(analysis.outline),
        blocks: [],
        sections: analysis.sections.slice(0, SECTION_COLUMNS),
        termsBySection,
        sectionsTotal: analysis.sections.length,
    };
    postMessage({ type: "result", id, analysis: view, ms: performance.now() - started, ...extra });
}

/** The first `limit` nodes of an outline in reading order (depth first), as a tree. */
function firstNodes(nodes, limit) {
    let left = limit;
    const take = (list) => {
        const kept = [];
        for (const node of list) {
            if (left <= 0) break;
            left -= 1;
            kept.push({ ...node, children: take(node.children) });
        }
        return kept;
    };
    return take(nodes);
}

function countNodes(nodes) {
    let count = nodes.length;
    for (const node of nodes) count += countNodes(node.children);
    return count;
}

function exportOf({ format, table }) {
    if (!last) throw new Error("nothing analyzed yet");
    switch (format) {
        case "md":
            return renderMarkdown(last);
        case "json":
            return JSON.stringify(last, null, 2);
        case "csv":
            switch (table ?? "terms") {
                case "terms":
                    return termsCsv(last.terms);
                case "keywords":
                    return keywordsCsv(last.keywords);
                case "phrases":
                    return phrasesCsv(last.phrases);
                case "sections":
                    return sectionsCsv(last.sections, last.termsBySection);
            }
    }
    throw new Error(`unknown export ${format} ${table ?? ""}`);
}

function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}

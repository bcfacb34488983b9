// qingwen for browsers, workers, Deno and bundlers: `import init, { analyze } from "qingwen"`.
//
// A thin layer over wasm-bindgen's generated glue (./qingwen.js). It adds three things:
// - crash recovery. A WebAssembly instance that traps (or panics, which aborts) is left in an
//   undefined state; here such a call throws an `Error` and the instance is replaced by a fresh
//   one from the already compiled module, so the next call works;
// - loading on first use, for the Node entries (node.js, node.cjs): they hand
//   `__loadOnFirstUse` a function that reads the module's bytes, and the first call (or
//   `init()`) instantiates them, synchronously. Nothing is read at import;
// - an error that says how to pass the module when `init()` cannot load it (a bundler that
//   did not emit the .wasm, a bundle without `import.meta.url`).

import initGlue, {
    initSync as initSyncGlue,
    analyze as analyzeGlue,
    analyzeDocument as analyzeDocumentGlue,
    analyzeLayout as analyzeLayoutGlue,
    defaultOptions as defaultOptionsGlue,
    concordance as concordanceGlue,
    termsCsv as termsCsvGlue,
    keywordsCsv as keywordsCsvGlue,
    phrasesCsv as phrasesCsvGlue,
    sectionsCsv as sectionsCsvGlue,
    renderMarkdown as renderMarkdownGlue,
    checkUserDict as checkUserDictGlue,
    tokens as tokensGlue,
    __cutRanges as cutRangesGlue,
    termFrequencies as termFrequenciesGlue,
    keywords as keywordsGlue,
    phrases as phrasesGlue,
    __busy,
    __crashForTesting as crashForTestingGlue,
    __wbg_reset_state,
} from "./qingwen.js";

let ready = false;
let broken = null; // why the module is unusable for good, after a failed restart
let readModule = null; // the Node entries': returns the module's bytes, synchronously

/**
 * Loads and instantiates the WebAssembly module; call (and await) it once before `analyze`.
 * With no argument it fetches `qingwen_bg.wasm` next to this file (in Node: reads it from
 * disk). Calling it again is harmless.
 */
export default async function init(input) {
    if (input === undefined && readModule) {
        loadNow();
        return;
    }
    try {
        await initGlue(input);
    } catch (error) {
        throw loadError(error, input);
    }
    ready = true;
}

/** Like `init`, but synchronous, from the module's bytes or a compiled `WebAssembly.Module`. */
export function initSync(input) {
    initSyncGlue(input);
    ready = true;
}

// For node.js and node.cjs: `read` returns the module's bytes (or a compiled module); it is
// called, and its result instantiated, by the first call that needs the module.
export function __loadOnFirstUse(read) {
    readModule = read;
}

function loadNow() {
    if (!ready) initSync({ module: readModule() });
}

/** Cleans `text`, outlines it and counts its terms. See the README and `Analysis`. */
export const analyze = guarded(analyzeGlue);

/**
 * Like `analyze`, on a typed document (`{ blocks: [{ kind, level, text, lead }] }`): an HTML
 * page or a rich paste whose block structure the source gave. See `Document`.
 */
export const analyzeDocument = guarded(analyzeDocumentGlue);

/** `analyze` for a PDF's positioned text (`Layout`, from `qingwen/pdf`'s `extractLayout`). */
export const analyzeLayout = guarded(analyzeLayoutGlue);

/** The options `analyze` uses when given none, every field filled in. */
export const defaultOptions = guarded(defaultOptionsGlue);

/** Every occurrence of a term in a text, with context (KWIC); UTF-16 ranges. */
export const concordance = guarded(concordanceGlue);

/** Excel-safe CSV (BOM, CRLF) of `terms`, `keywords`, `phrases`, or sections × terms. */
export const termsCsv = guarded(termsCsvGlue);
export const keywordsCsv = guarded(keywordsCsvGlue);
export const phrasesCsv = guarded(phrasesCsvGlue);
export const sectionsCsv = guarded(sectionsCsvGlue);

/** An `analyze` result as Markdown. */
export const renderMarkdown = guarded(renderMarkdownGlue);

/** The lines of a user dictionary that cannot be read. */
export const checkUserDict = guarded(checkUserDictGlue);

/**
 * The words of a text with their part-of-speech tags and UTF-16 ranges: `{ tokens: [{ word,
 * tag, range }], dictErrors }`. Built here from `tokens`, whose typed arrays cross out of wasm
 * at once: making each object in JS is several times faster than serializing it out of Rust
 * (the glue's `segment`, which the Node tests compare with).
 */
export function segment(text, options) {
    const { starts, ends, tags, tagNames } = tokens(text, options);
    const userDict = options?.terms?.userDict;
    const dictErrors = userDict ? checkUserDict(userDict) : [];
    const list = new Array(starts.length);
    for (let i = 0; i < list.length; i++) {
        const start = starts[i];
        const end = ends[i];
        list[i] = { word: text.slice(start, end), tag: tagNames[tags[i]], range: { start, end } };
    }
    return { tokens: list, dictErrors };
}

/** The words of a text packed in typed arrays: UTF-16 `starts` and `ends`, `tags` indexing `tagNames`. */
export const tokens = guarded(tokensGlue);

const cutRanges = guarded(cutRangesGlue);

/**
 * The words of a text as strings, as jieba-wasm's `cut` gives them: the offsets cross out of
 * wasm at once and the words are sliced from the caller's own string, never copied one by one.
 */
export function cut(text, options) {
    const { starts, ends } = cutRanges(text, options);
    const words = new Array(starts.length);
    for (let i = 0; i < words.length; i++) words[i] = text.slice(starts[i], ends[i]);
    return words;
}

/** The words of `packed` (from `tokens(text)`) as `{ word, tag, start, end }`, in order. */
export function* iterateTokens(packed, text) {
    const { starts, ends, tags, tagNames } = packed;
    for (let i = 0; i < starts.length; i++) {
        yield { word: text.slice(starts[i], ends[i]), tag: tagNames[tags[i]], start: starts[i], end: ends[i] };
    }
}

/** The term table of a text alone (no cleanup), counted as `analyze` counts. */
export const termFrequencies = guarded(termFrequenciesGlue);

/** Keywords of a text (TF-IDF or TextRank) and its frequent phrases. */
export const keywords = guarded(keywordsGlue);
export const phrases = guarded(phrasesGlue);

// Crashes the module on purpose ("panic" or "trap"), so tests can check recovery.
export const __crashForTesting = guarded(crashForTestingGlue);

function guarded(call) {
    return function (...args) {
        if (broken) throw new Error(broken);
        if (!ready) {
            if (!readModule) {
                throw new Error(
                    "qingwen: the WebAssembly module is not loaded yet: `await init()` first",
                );
            }
            loadNow();
        }
        try {
            return call(...args);
        } catch (error) {
            if (!crashed(error)) throw error;
            try {
                __wbg_reset_state();
            } catch (resetError) {
                broken =
                    `qingwen: the WebAssembly module crashed (${describe(error)}) and could not ` +
                    `be restarted (${describe(resetError)}); reload the page or restart the process`;
                throw new Error(broken, { cause: error });
            }
            throw new Error(
                `qingwen: the WebAssembly module crashed (${describe(error)}); ` +
                    "it has been restarted, so the next call will work",
                { cause: error },
            );
        }
    };
}

// An error thrown by the glue after the export returned (bad options, text too long …) leaves
// the instance intact. Anything that escaped while Rust was running (a trap, a panic, a stack
// overflow, a JS exception thrown through Rust frames) leaves `__busy()` set.
function crashed(error) {
    if (error instanceof WebAssembly.RuntimeError || error instanceof RangeError) return true;
    try {
        return __busy();
    } catch {
        return true;
    }
}

// What `init` throws when it cannot load the module: the cause, and what to do about it. The
// glue's own errors name the symptom only: "failed to fetch Wasm: 404 …" (the bundler did not
// emit the file), "expected magic word 00 61 73 6d, found 3c 21 64 6f" (a server's HTML page
// instead of the file), "Invalid URL" (no `import.meta.url` in an IIFE bundle).
function loadError(error, input) {
    const reason = describe(error);
    if (/unsafe-eval|Content.Security.Policy/i.test(reason)) {
        return new Error(
            `qingwen: the page's Content-Security-Policy does not allow WebAssembly (${reason}); ` +
                "add 'wasm-unsafe-eval' to its script-src",
            { cause: error },
        );
    }
    const source = isPlainObject(input) ? input.module_or_path : input;
    // Bytes or a compiled module that do not instantiate: nothing was looked for.
    if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return error;
    if (typeof WebAssembly === "object" && source instanceof WebAssembly.Module) return error;
    const where =
        source === undefined
            ? "qingwen_bg.wasm, next to the package's index.js"
            : "the given `module_or_path`";
    let meaning = "";
    if (/magic (word|number)/i.test(reason)) meaning = " (not WebAssembly: an HTML page served for a missing file?)";
    else if (/Invalid URL|not a valid URL/i.test(reason)) meaning = " (no usable import.meta.url: an IIFE bundle?)";
    return new Error(
        `qingwen: could not load the WebAssembly module from ${where}: ${reason}${meaning}. ` +
            "Bundlers that do not emit the .wasm (esbuild, Rollup, `bun build`, `deno bundle`) " +
            "and bundles without `import.meta.url` (IIFE) need it passed in: serve " +
            "qingwen_bg.wasm with your files and call `await init({ module_or_path: wasmUrl })` " +
            "with its URL (the README's \"Use it\" has a recipe for each bundler)",
        { cause: error },
    );
}

function isPlainObject(value) {
    return value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
}

function describe(error) {
    if (error instanceof Error) return `${error.name}: ${error.message}`;
    return String(error);
}

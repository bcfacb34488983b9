// qingwen's public API. The result and option types are generated from the Rust binding
// (src/wasm.rs) into qingwen.d.ts; this file re-exports them with the entry points.

export type {
    Analysis,
    Block,
    BlockKind,
    Concordance,
    CleanOptions,
    DictLineError,
    Fix,
    FixCount,
    FixKind,
    FixRef,
    Keyword,
    Meta,
    Options,
    OutlineNode,
    Phrase,
    SectionTerms,
    Segmentation,
    Term,
    TermBySection,
    TermOptions,
    TextRange,
    Token,
} from "./qingwen.js";

export {
    analyze,
    defaultOptions,
    concordance,
    termsCsv,
    keywordsCsv,
    phrasesCsv,
    sectionsCsv,
    renderMarkdown,
    checkUserDict,
    segment,
    termFrequencies,
    keywords,
    phrases,
} from "./qingwen.js";

/** What `init` and `initSync` accept: the module's URL, a `fetch` response, its bytes, or a compiled module. */
export type InitInput =
    | RequestInfo
    | URL
    | Response
    | BufferSource
    | WebAssembly.Module;

/**
 * Loads and instantiates the WebAssembly module; await it once before `analyze`.
 * With no argument it fetches `qingwen_bg.wasm` next to the package's JS. Calling it again
 * is harmless; in Node the module is loaded on import and this does nothing.
 */
export default function init(
    input?: { module_or_path: InitInput | Promise<InitInput> },
): Promise<void>;

/** Like `init`, but synchronous: from the module's bytes or a compiled `WebAssembly.Module`. */
export function initSync(input: { module: BufferSource | WebAssembly.Module }): void;

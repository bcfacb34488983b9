// qingwen's public API. The result and option types are written in the Rust binding
// (src/wasm/types.d.ts) and end up in qingwen.d.ts; this file re-exports them with the entry
// points.

export type {
    Analysis,
    Block,
    BlockKind,
    Concordance,
    Dropped,
    Layout,
    LayoutAnalysis,
    LayoutLine,
    LayoutPage,
    CleanOptions,
    DictLineError,
    Document,
    Fix,
    FixCount,
    FixKind,
    FixRef,
    Keyword,
    KeywordMethod,
    Meta,
    NodeKind,
    Options,
    OutlineNode,
    PackedTokens,
    Phrase,
    Place,
    SectionTerms,
    Segmentation,
    SegmentMode,
    SourceBlock,
    SourceKind,
    Term,
    TermBySection,
    TermOptions,
    TextRange,
    Token,
} from "./qingwen.js";

export {
    analyze,
    analyzeDocument,
    analyzeLayout,
    defaultOptions,
    concordance,
    termsCsv,
    keywordsCsv,
    phrasesCsv,
    sectionsCsv,
    renderMarkdown,
    checkUserDict,
    segment,
    tokens,
    termFrequencies,
    keywords,
    phrases,
} from "./qingwen.js";

import type { Options, PackedTokens } from "./qingwen.js";

/**
 * The words of `text` as strings, in order, whitespace left out: the shape jieba-wasm's `cut`
 * gives. The same words as `segment(text, options)`, several times faster (sliced from `text`
 * by the offsets of `tokens`).
 */
export function cut(text: string, options?: Options | null): string[];

/** One word of a `PackedTokens`, as `iterateTokens` gives it. */
export interface TokenEntry {
    /** The word as it stands in the text. */
    word: string;
    /** Its part-of-speech tag. */
    tag: string;
    /** Where it starts in the text, in UTF-16 code units. */
    start: number;
    /** Where it ends in the text (exclusive), in UTF-16 code units. */
    end: number;
}

/** The words of `packed` (from `tokens(text)`) one by one, with their text and tag. */
export function iterateTokens(packed: PackedTokens, text: string): IterableIterator<TokenEntry>;

// The DOM's `RequestInfo`, `URL`, `Response`, `BufferSource` and `WebAssembly.Module` are
// described by what qingwen needs of them, so that these types compile without the DOM lib (a
// Node-only project: `"lib": ["es2022"]`, `skipLibCheck: false`); the real ones fit.

/** A URL object: the DOM's, Node's or Deno's `URL`. */
interface UrlLike {
    readonly href: string;
}

/** A `fetch` `Request` for the module, or the `Response` to one. */
interface RequestOrResponseLike {
    readonly url: string;
}

/** The module's bytes: an `ArrayBuffer` or a view of one (`Uint8Array`, Node's `Buffer`). */
type WasmBytes = ArrayBuffer | ArrayBufferView;

/** A compiled `WebAssembly.Module` (an empty interface in the DOM lib too). */
type WasmModule = object;

/** What `init` accepts: the module's URL, a `fetch` request or response, its bytes, or a compiled module. */
export type InitInput = string | UrlLike | RequestOrResponseLike | WasmBytes | WasmModule;

/**
 * Loads and instantiates the WebAssembly module; await it once before `analyze`.
 * With no argument it fetches `qingwen_bg.wasm` next to the package's JS; when a bundler does
 * not emit that file, pass its URL: `await init({ module_or_path: wasmUrl })`. Calling it
 * again is harmless. In Node it is optional: the first call loads the module from disk.
 */
export default function init(
    input?: { module_or_path: InitInput | Promise<InitInput> },
): Promise<void>;

/** Like `init`, but synchronous: from the module's bytes or a compiled `WebAssembly.Module`. */
export function initSync(input: { module: WasmBytes | WasmModule }): void;

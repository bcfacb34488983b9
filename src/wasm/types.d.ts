/** What `analyze` returns: a plain object, safe to `structuredClone`, `postMessage` or `JSON.stringify`. */
export interface Analysis {
    /** The cleaned document: its blocks, separated by a blank line. */
    cleaned: string;
    /** Source, date, page, title, subtitle and byline, where found. */
    meta: Meta;
    /** The document as blocks in reading order. */
    blocks: Block[];
    /** Headings and the lead sentences under them, as a tree. */
    outline: OutlineNode[];
    /** Term frequencies, most frequent first, then by term. */
    terms: Term[];
    /** Keywords by TF-IDF or TextRank, best first. */
    keywords: Keyword[];
    /** Multi-word terms built from adjacent content words, most frequent first. */
    phrases: Phrase[];
    /** Top terms of each top-level section (the text before the first heading first). */
    sections: SectionTerms[];
    /** How often each term of `terms` occurs in each of `sections`. */
    termsBySection: TermBySection[];
    /** User dictionary lines that could not be read (the rest were loaded). */
    dictErrors: DictLineError[];
    /** How many fixes of each kind the cleaner made. */
    fixes: FixCount[];
    /** Every fix, with its range in the input text and in `cleaned`. */
    edits: Fix[];
}

/** The document's metadata; `null` where not found. */
export interface Meta {
    /** The publication, e.g. `四川日报`. */
    source: string | null;
    /** ISO date, e.g. `2024-02-20`. */
    date: string | null;
    /** Page number as printed, e.g. `001`. */
    page: string | null;
    title: string | null;
    subtitle: string | null;
    byline: string | null;
}

/** What a block is. */
export type BlockKind = "title" | "subtitle" | "byline" | "meta" | "heading" | "paragraph" | "list_item";

/** One block of the cleaned document. */
export interface Block {
    kind: BlockKind;
    text: string;
    /** Heading level, 1 for the document's top level (headings only). */
    level?: number;
    /** The paragraph's opening sentence when it works as a sub-heading. */
    lead?: string;
    /** Where `text` is in `Analysis.cleaned`. */
    range: TextRange;
}

/** Whether an outline node is a heading or a lead sentence. */
export type NodeKind = "heading" | "lead";

/** A heading or lead sentence, with what it contains. */
export interface OutlineNode {
    text: string;
    /** Depth: headings keep their level, a lead sits one below its heading. */
    level: number;
    kind: NodeKind;
    /** Index into `Analysis.blocks` of the block it comes from. */
    block: number;
    /** Where `text` is in `Analysis.cleaned`. */
    range: TextRange;
    children: OutlineNode[];
}

/** How often one term occurs. */
export interface Term {
    /** The term (Latin words lowercased). */
    term: string;
    count: number;
    /** Occurrences per 10,000 counted tokens. */
    per10k: number;
    /** jieba's part-of-speech tag (of its first occurrence; `eng` for Latin words). */
    tag: string;
}

/** One keyword and its score. */
export interface Keyword {
    term: string;
    /** TF-IDF weight, or TextRank weight scaled so the best is 1. */
    score: number;
    /** jieba's part-of-speech tag (of its first occurrence). */
    tag: string;
}

/** A multi-word term. */
export interface Phrase {
    /** The words joined (with a space between two Latin words). */
    phrase: string;
    /** The words it is made of. */
    words: string[];
    /** How often the words stand together. */
    count: number;
    /** Pointwise mutual information, in bits. */
    pmi: number;
    /** Dunning's log-likelihood ratio (G²); above 10.83 significant at p < 0.001. */
    llr: number;
}

/** The top terms of one top-level section of the document. */
export interface SectionTerms {
    /** The section's heading; `null` for the text before the first heading. */
    heading: string | null;
    /** Index into `Analysis.blocks` of the section's first block. */
    firstBlock: number;
    /** How many blocks the section has, its heading included. */
    blockCount: number;
    /** Counted tokens in the section (the base of its terms' `per10k`). */
    tokens: number;
    terms: Term[];
}

/** One term's count in each section, in the order of `Analysis.sections`. */
export interface TermBySection {
    term: string;
    total: number;
    counts: number[];
}

/** A user dictionary line that could not be read. */
export interface DictLineError {
    /** 1-based line number in `TermOptions.userDict`. */
    line: number;
    message: string;
}

/** The family of a fix. */
export type FixKind =
    | "line_ending" | "whitespace" | "invisible" | "look_alike" | "copy_label"
    | "page_footer" | "running_header" | "columns" | "line_join" | "dehyphenate" | "letter_spacing"
    | "space_removed" | "space_added" | "punctuation";

/** How many fixes of one kind were made. */
export interface FixCount {
    kind: FixKind;
    count: number;
}

/** A half-open range of UTF-16 code units: `text.slice(start, end)`. */
export interface TextRange {
    start: number;
    end: number;
}

/** One change the cleaner made. */
export interface Fix {
    kind: FixKind;
    /** The replaced range of the input text. */
    original: TextRange;
    /** The range of `cleaned` that replaced it (empty for a removal). */
    cleaned: TextRange;
}

/** A PDF's positioned text, page by page (what `qingwen/pdf`'s `extractLayout` returns). */
export interface Layout {
    pages: LayoutPage[];
}

/** One page: its size and its text; origin at the top-left corner, y grows downwards. */
export interface LayoutPage {
    width: number;
    height: number;
    /** Whole lines or pieces of lines (pdf.js text items), in any order. */
    lines: LayoutLine[];
}

/** A line of text, or a piece of one, with its box and font. Every field is optional. */
export interface LayoutLine {
    /** Left edge. */
    x?: number;
    /** Top edge, from the page's top. */
    y?: number;
    width?: number;
    /** Box height; its bottom is taken as the baseline. */
    height?: number;
    /** Font size (the height when missing). */
    fontSize?: number;
    bold?: boolean;
    italic?: boolean;
    /** The font's name; `-Bold`, `Black`, `Heavy` in it count as bold. */
    font?: string;
    text?: string;
}

/** Page furniture left out of a PDF's text. */
export interface Dropped {
    /** `running_header`, or `page_footer` (page numbers included). */
    kind: FixKind;
    /** The page it was on, from 1. */
    page: number;
    text: string;
}

/** What `analyzeLayout` and `analyzePdf` return: an `Analysis` and what the PDF added. */
export interface LayoutAnalysis extends Analysis {
    /** The text read from the pages, blocks joined by a blank line: what `edits[].original` indexes. */
    input: string;
    /** The running headers, footers and page numbers left out, in page order. */
    dropped: Dropped[];
    /** Where each line of the text is on its page, in the order of the text. */
    places: Place[];
}

/** A line of a PDF's text on its page: where its text starts, and its box. */
export interface Place {
    /** Where the line's text starts in `input` (UTF-16 code units). */
    input: number;
    /** Where it starts in `cleaned` (UTF-16 code units). */
    cleaned: number;
    /** The page, from 1. */
    page: number;
    /** The line's box in the layout's units (PDF points), top-left origin. */
    x: number;
    y: number;
    width: number;
    height: number;
}

/** What `analyze` does; every field is optional. Unknown fields are an error. */
export interface Options {
    clean?: CleanOptions;
    terms?: TermOptions;
    /** Texts longer than this many UTF-8 bytes are refused (default 64 MiB). */
    maxInputBytes?: number;
}

/** Switches for each family of cleanup fixes. */
export interface CleanOptions {
    /** Map look-alike characters, drop zero-width and control characters (default true). */
    normalizeChars?: boolean;
    /** Remove page footers, page numbers, running headers, copy-button labels (default true). */
    removeArtifacts?: boolean;
    /** Put two-column pages one column after the other, rejoin hard-wrapped lines into paragraphs (default true). */
    reflow?: boolean;
    /** Remove the spaces a PDF puts between CJK text and digits, letters, quotes (default true). */
    fixSpacing?: boolean;
    /** Put one space between CJK and Latin letters or digits instead (default false). */
    pangu?: boolean;
    /** Make half-width punctuation inside Chinese sentences full-width (default false). */
    fullwidthPunctuation?: boolean;
    /**
     * Fixes not to make (the user undid them): the input text of each stays, every other fix is
     * made as without them, and `cleaned`, `blocks`, `outline`, `terms`, `fixes` and `edits`
     * follow. Entries of `Analysis.edits` can be passed back as they are.
     */
    reject?: FixRef[];
}

/** Names one fix by its kind and its range in the input text; a `Fix` will do (its `cleaned` is ignored). A reference that names no fix is ignored. */
export interface FixRef {
    kind: FixKind;
    /** The range of the input text the fix replaced, as in `Fix.original` (UTF-16 code units). */
    original: TextRange;
}

/** How text is cut into words: `"default"`, each character in one word; `"search"`, long words also as their parts. */
export type SegmentMode = "default" | "search";

/** How keywords are ranked. */
export type KeywordMethod = "tfidf" | "textrank";

/** Settings for segmentation and term counting. */
export interface TermOptions {
    /** Use jieba's HMM to find words missing from the dictionary (default true). */
    hmm?: boolean;
    /** `"default"`: each character in one word; `"search"`: long words also counted as their parts. */
    mode?: SegmentMode;
    /** Drop the built-in Chinese and English stopwords (default true). */
    stopwords?: boolean;
    /** More words to drop. */
    extraStopwords?: string[];
    /** User dictionary entries, one `word [freq] [tag]` per line. */
    userDict?: string;
    /** Terms shorter than this many characters are not counted (default 1). */
    minLength?: number;
    /** Keep only terms whose POS tag starts with one of these, e.g. `["n", "v"]`. */
    pos?: string[];
    /** Count numbers, numerals and measure words too (default false). */
    keepNumbers?: boolean;
    /** How many terms to return; 0 returns them all (default 200). */
    top?: number;
    /** How many keywords to return; 0 skips keyword extraction (default 20). */
    keywords?: number;
    /** How keywords are ranked (default `"tfidf"`). */
    keywordMethod?: KeywordMethod;
    /** How many phrases to return; 0 skips phrase finding (default 20). */
    phrases?: number;
    /** A phrase must occur at least this often (default 2). */
    phraseMinCount?: number;
    /** How many top terms to list for each top-level section; 0 lists them all (default 10). */
    sectionTop?: number;
}

/** What the source says a block is (`<p>`, `<h1>`–`<h6>`, `<li>`, `<blockquote>`, `<td>`/`<th>`). */
export type SourceKind = "paragraph" | "heading" | "list_item" | "quote" | "table_cell";

/** One block of a typed document. Unknown fields are an error. */
export interface SourceBlock {
    /** What the source says the block is (default `"paragraph"`). */
    kind?: SourceKind;
    /** Heading level as the source numbers it (1 for `<h1>`); read for headings only. */
    level?: number | null;
    /** The block's text; `\n` where the source broke a line inside the block (`<br>`). */
    text: string;
    /** Bold text at the block's start, a lead candidate (`<p><strong>一是加强统筹。</strong>…`). */
    lead?: string | null;
}

/**
 * A document whose block structure the source gave: an HTML page or a rich paste, as blocks.
 * Its input text, which every edit's `original` range indexes, is the blocks' texts joined by
 * a blank line (`"\n\n"`).
 */
export interface Document {
    /** The blocks in reading order. */
    blocks: SourceBlock[];
}

/**
 * Like `analyze`, on a typed document: block boundaries, headings with their levels, list
 * items and bold leads come from `doc`; the text inside each block is cleaned as `analyze`
 * cleans text, and metadata, title and leads are found as there.
 */
export function analyzeDocument(doc: Document, options?: Options | null): Analysis;

/** One occurrence of a term in its context (from `concordance`). */
export interface Concordance {
    /** Up to `window` characters before the occurrence, on its line. */
    left: string;
    /** The occurrence as it stands in the text. */
    keyword: string;
    /** Up to `window` characters after it, on its line. */
    right: string;
    /** Where the occurrence is in the text searched. */
    range: TextRange;
    /** Where the whole context (`left + keyword + right`) is in the text searched. */
    context: TextRange;
}

/** Every occurrence of `term` in `text` (case-insensitive for Latin letters), with `window` characters (default 20) of context each side; ranges in UTF-16 units of `text`. */
export function concordance(text: string, term: string, window?: number): Concordance[];
/** The term table as CSV (`term,count,per10k,tag`), with a BOM and CRLF so Excel reads it as UTF-8. */
export function termsCsv(terms: Term[]): string;
/** Keywords as CSV (`term,score,tag`), Excel-safe. */
export function keywordsCsv(keywords: Keyword[]): string;
/** Phrases as CSV (`phrase,words,count,pmi,llr`), Excel-safe. */
export function phrasesCsv(phrases: Phrase[]): string;
/** The term × section table as CSV (`term,total`, one column per section), Excel-safe. */
export function sectionsCsv(sections: SectionTerms[], termsBySection: TermBySection[]): string;
/** The cleaned document as Markdown: title, headings, leads in bold, list bullets. */
export function renderMarkdown(analysis: Analysis): string;

/** A segmented word: its text, jieba's part-of-speech tag, and its UTF-16 range in the text. */
export interface Token {
    word: string;
    tag: string;
    range: TextRange;
}

/** The words of a text, and the user dictionary lines that could not be read. */
export interface Segmentation {
    tokens: Token[];
    dictErrors: DictLineError[];
}

/** Every word of `text`, in order, with its tag and UTF-16 range (`options.terms`: mode, hmm, userDict); made from `tokens`. */
export function segment(text: string, options?: Options | null): Segmentation;
/**
 * The words of a text packed in typed arrays (what `tokens` returns): word `i` is
 * `text.slice(starts[i], ends[i])`, tagged `tagNames[tags[i]]`. Offsets are UTF-16 code units.
 */
export interface PackedTokens {
    /** Where each word starts in the text. */
    starts: Uint32Array;
    /** Where each word ends in the text (exclusive). */
    ends: Uint32Array;
    /** Each word's part-of-speech tag, as an index into `tagNames` (a `Uint16Array` or `Uint32Array` only when the words have more than 256 different tags, which only a user dictionary's own tags can make). */
    tags: Uint8Array | Uint16Array | Uint32Array;
    /** The tags the words use, each once. */
    tagNames: string[];
}

/** The words of `segment(text, options)` packed in typed arrays: the fastest way to get many words out; see `iterateTokens` and `cut`. */
export function tokens(text: string, options?: Options | null): PackedTokens;
/** The term table of `text` alone (no cleanup, no structure), filtered and counted as `analyze` does. */
export function termFrequencies(text: string, options?: Options | null): Term[];
/** The top `options.terms.keywords` keywords of `text` by `options.terms.keywordMethod` (TF-IDF or TextRank). */
export function keywords(text: string, options?: Options | null): Keyword[];
/** Frequent multi-word phrases of `text`, ranked by count and association. */
export function phrases(text: string, options?: Options | null): Phrase[];
/** The lines of a user dictionary that cannot be read (empty if all can). */
export function checkUserDict(userDict: string): DictLineError[];

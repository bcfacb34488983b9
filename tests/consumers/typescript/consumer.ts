// Every export of qingwen and every result and option type, as an ES module. Compiled with
// `tsc --noEmit --strict` (module and moduleResolution nodenext, then bundler): it passes only
// if the package's .d.ts resolve through its `exports` and describe what it returns.

import init, {
    analyze,
    analyzeDocument,
    analyzeLayout,
    checkUserDict,
    concordance,
    cut,
    defaultOptions,
    initSync,
    iterateTokens,
    keywordsCsv,
    phrasesCsv,
    keywords,
    phrases,
    renderMarkdown,
    sectionsCsv,
    segment,
    termFrequencies,
    termsCsv,
    tokens,
} from "qingwen";
import type {
    Analysis,
    Block,
    BlockKind,
    CleanOptions,
    Concordance,
    DictLineError,
    Document,
    Dropped,
    Fix,
    FixCount,
    FixKind,
    FixRef,
    InitInput,
    KeywordMethod,
    Keyword,
    Layout,
    LayoutAnalysis,
    LayoutLine,
    LayoutPage,
    Meta,
    NodeKind,
    Options,
    OutlineNode,
    PackedTokens,
    Phrase,
    Place,
    Segmentation,
    SectionTerms,
    SegmentMode,
    SourceBlock,
    SourceKind,
    Term,
    Token,
    TermBySection,
    TermOptions,
    TextRange,
    TokenEntry,
} from "qingwen";

const clean: CleanOptions = {
    normalizeChars: true,
    removeArtifacts: true,
    reflow: true,
    fixSpacing: true,
    pangu: false,
    fullwidthPunctuation: false,
    reject: [],
};
const mode: SegmentMode = "search";
const keywordMethod: KeywordMethod = "textrank";
const terms: TermOptions = {
    hmm: true,
    mode,
    stopwords: true,
    extraStopwords: ["我们"],
    userDict: "清文 10 n",
    minLength: 2,
    pos: ["n", "v"],
    keepNumbers: false,
    top: 50,
    keywords: 10,
    keywordMethod,
    phrases: 10,
    phraseMinCount: 2,
    sectionTop: 5,
};
const options: Options = { clean, terms, maxInputBytes: 1 << 20 };

// A typed document (an HTML page or a rich paste as blocks); its input text is the blocks'
// texts joined by a blank line.
const sourceKind: SourceKind = "heading";
const sourceBlocks: SourceBlock[] = [
    { kind: sourceKind, level: 2, text: "总体要求" },
    { kind: "paragraph", text: "一是加强统筹。各地要统筹推进。", lead: "一是加强统筹。" },
    { text: "清文 qingwen", level: null, lead: null },
];
const typedDocument: Document = { blocks: sourceBlocks };
const documentInput = sourceBlocks.map((block) => block.text).join("\n\n");
// @ts-expect-error: a block's kind is a SourceKind.
const wrongKind: SourceBlock = { kind: "h2", text: "x" };

// @ts-expect-error: unknown option fields are a type error, as they are a runtime error.
const wrong: Options = { nope: 1 };
// @ts-expect-error: the text must be a string.
const notText = () => analyze(42);
// @ts-expect-error: renderMarkdown takes an Analysis, not its text.
const notAnalysis = () => renderMarkdown("# title");

const slice = (text: string, range: TextRange): string => text.slice(range.start, range.end);

function headings(nodes: OutlineNode[]): string[] {
    return nodes.flatMap((node) => {
        const kind: NodeKind = node.kind;
        const block: number = node.block;
        return [`${kind}${node.level}@${block}:${node.text}`, ...headings(node.children)];
    });
}

function describeBlock(block: Block, cleaned: string): string {
    const kind: BlockKind = block.kind;
    const level: number | undefined = block.level;
    const lead: string | undefined = block.lead;
    return `${kind} ${level ?? "-"} ${lead ?? ""} ${slice(cleaned, block.range) === block.text}`;
}

function describeMeta(meta: Meta): (string | null)[] {
    return [meta.source, meta.date, meta.page, meta.title, meta.subtitle, meta.byline];
}

function describeTerm(term: Term): string {
    return `${term.term} ${term.count} ${term.per10k.toFixed(1)} ${term.tag}`;
}

function describeKeyword(keyword: Keyword): string {
    return `${keyword.term} ${keyword.score.toFixed(3)} ${keyword.tag}`;
}

function describePhrase(phrase: Phrase): string {
    const words: string[] = phrase.words;
    return `${phrase.phrase} ${words.length} ${phrase.count} ${phrase.pmi} ${phrase.llr}`;
}

function describeSection(section: SectionTerms): string {
    const heading: string | null = section.heading;
    const top: Term[] = section.terms;
    return `${heading ?? "(before the first heading)"} ${section.firstBlock}+${section.blockCount} ${section.tokens} ${top.map(describeTerm)}`;
}

function describeTermBySection(row: TermBySection): string {
    const counts: number[] = row.counts;
    return `${row.term} ${row.total} ${counts.join(",")}`;
}

function describeFix(fix: Fix, input: string, cleaned: string): string {
    const kind: FixKind = fix.kind;
    // A fix passed back as it is names the fix to undo (`clean.reject`).
    const undo: FixRef = fix;
    return `${kind}: ${slice(input, undo.original)} → ${slice(cleaned, fix.cleaned)}`;
}

function describeConcordance(hit: Concordance, text: string): string {
    const context = slice(text, hit.context);
    return `${hit.left}[${hit.keyword}]${hit.right} ${slice(text, hit.range) === hit.keyword} ${context}`;
}

function exports(analysis: Analysis): string[] {
    const csv: string[] = [
        termsCsv(analysis.terms),
        keywordsCsv(analysis.keywords),
        phrasesCsv(analysis.phrases),
        sectionsCsv(analysis.sections, analysis.termsBySection),
    ];
    const markdown: string = renderMarkdown(analysis);
    const problems: DictLineError[] = checkUserDict("清文 10 n\n坏 x y z");
    const hits: Concordance[] = concordance(analysis.cleaned, "清文", 10);
    const fewer: Concordance[] = concordance(analysis.cleaned, "清文");
    const words: Segmentation = segment(analysis.cleaned, { terms: { mode: "search" } });
    const firstWord: Token | undefined = words.tokens[0];
    const counted: Term[] = termFrequencies(analysis.cleaned);
    const top: Keyword[] = keywords(analysis.cleaned, { terms: { keywordMethod: "textrank" } });
    const found: Phrase[] = phrases(analysis.cleaned, null);
    return [
        ...csv,
        markdown,
        ...problems.map((p) => `${p.line} ${p.message}`),
        ...hits.map((hit) => describeConcordance(hit, analysis.cleaned)),
        `${fewer.length}`,
        `${words.dictErrors.length} ${firstWord ? slice(analysis.cleaned, firstWord.range) === firstWord.word : true}`,
        ...counted.map((t) => t.term),
        ...top.map((k) => `${k.term} ${k.score}`),
        ...found.map((f) => f.phrase),
    ];
}

function summarize(input: string, analysis: Analysis): string[] {
    const { cleaned } = analysis;
    const fixes: FixCount[] = analysis.fixes;
    const dictErrors: DictLineError[] = analysis.dictErrors;
    return [
        cleaned,
        ...describeMeta(analysis.meta).map(String),
        ...analysis.blocks.map((block) => describeBlock(block, cleaned)),
        ...headings(analysis.outline),
        ...analysis.terms.map(describeTerm),
        ...analysis.keywords.map(describeKeyword),
        ...analysis.phrases.map(describePhrase),
        ...analysis.sections.map(describeSection),
        ...analysis.termsBySection.map(describeTermBySection),
        ...dictErrors.map((error) => `${error.line}: ${error.message}`),
        ...fixes.map((fix) => `${fix.kind} ×${fix.count}`),
        ...analysis.edits.map((fix) => describeFix(fix, input, cleaned)),
        ...exports(analysis),
    ];
}

export async function inBrowser(url: URL): Promise<string[]> {
    const input: InitInput = url;
    await init({ module_or_path: input });
    await init();
    const defaults: Options = defaultOptions();
    const text = "清文 qingwen";
    return [...summarize(text, analyze(text)), ...summarize(text, analyze(text, defaults))];
}

export function fromBytes(bytes: ArrayBuffer, module?: WebAssembly.Module): string[] {
    initSync({ module: module ?? bytes });
    const text = "清文 qingwen";
    return [...summarize(text, analyze(text, options)), ...summarize(documentInput, analyzeDocument(typedDocument, options))];
}

/** A PDF's positioned text, as qingwen/pdf's extractLayout returns it, analysed. */
export function fromLayout(): string[] {
    const line: LayoutLine = { x: 40, y: 60, width: 200, height: 10, fontSize: 10, bold: false, font: "F", text: "清文" };
    const page: LayoutPage = { width: 300, height: 400, lines: [line] };
    const layout: Layout = { pages: [page] };
    const result: LayoutAnalysis = analyzeLayout(layout, options);
    const dropped: Dropped[] = result.dropped;
    const places: Place[] = result.places;
    return [
        result.input,
        ...dropped.map((d) => `${d.kind} ${d.page} ${d.text}`),
        ...places.map((p) => `${p.page} ${p.input} ${p.cleaned} ${p.x} ${p.y} ${p.width} ${p.height}`),
        ...summarize(result.input, result),
    ];
}

/** The words of a text as strings, packed in typed arrays, and one by one from the packed form. */
export function words(text: string): string[] {
    const strings: string[] = cut(text, options);
    const packed: PackedTokens = tokens(text);
    const entries: TokenEntry[] = Array.from(iterateTokens(packed, text));
    return [...strings, `${packed.starts.length} ${packed.tagNames.join(",")}`, ...entries.map((e) => `${e.word}/${e.tag}@${e.start}-${e.end}`)];
}

export const unused = [wrong, notText, notAnalysis, wrongKind];

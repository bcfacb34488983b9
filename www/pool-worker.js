// A Worker of the pool (pool.js): its own instance of qingwen's WebAssembly module.
//
// Protocol. In: { type: "module", module } first (a compiled WebAssembly.Module, or null to
// fetch it), then one task at a time, each answered by one message with its id:
// { type: "summarize", id, name, size, text, document?, options? } → { type: "summary", id,
//   summary: { name, title, date, size, terms, counts }, ms }: a document analysed (a typed
//   document if given, else `text`) with every term counted (terms.top 0), kept as term texts
//   and their counts: what the corpus needs of it, not its text;
// { type: "corpus", id, op, … } → { type: "corpus", id, result }: the corpus this Worker keeps
//   (the core's Corpus, in wasm memory): op "reset", "add" (summary), "tables" (sizes?),
//   "trend" (term), "csv" (sizes?: [[name, contents]]);
// { type: "segment", id, texts, options? } → { type: "segmented", id, part }: the tokens of a
//   part of a large paste (texts: a part of the page Worker's PreparedText; part: the core's
//   segmentPart, its typed arrays transferred), and { type: "warm", id, options? } →
//   { type: "warm", id }: the dictionary built ahead of a part.
// Any task may answer { type: "error", id, message }; { type: "fatal", message } if the module
// cannot load.

import init, { analyze, analyzeDocument } from "./pkg/index.js";
import { Corpus, segmentPart } from "./pkg/qingwen.js";

let moduleGiven;
const firstMessage = new Promise((resolve) => (moduleGiven = resolve));
const ready = firstMessage
    .then((module) => init(module ? { module_or_path: module } : undefined))
    .catch((error) => {
        postMessage({ type: "fatal", message: messageOf(error) });
        throw error;
    });

let corpus = null;

onmessage = async ({ data }) => {
    if (data.type === "module") {
        moduleGiven(data.module);
        return;
    }
    moduleGiven(null);
    await ready;
    const { id } = data;
    try {
        switch (data.type) {
            case "summarize":
                postMessage(summarize(data));
                break;
            case "corpus":
                postMessage({ type: "corpus", id, result: corpusTask(data) });
                break;
            case "segment": {
                const part = segmentPart(data.texts, data.options);
                const buffers = [part.counted, part.plain].filter(Boolean).flatMap((s) => [s.tokens.buffer, s.texts.buffer]);
                postMessage({ type: "segmented", id, part }, buffers);
                break;
            }
            case "warm":
                segmentPart(["清文：一句短文。"], data.options);
                postMessage({ type: "warm", id });
                break;
            default:
                throw new Error(`unknown task ${data.type}`);
        }
    } catch (error) {
        postMessage({ type: "error", id, message: messageOf(error) });
    }
};

function summarize({ id, name, size, text, document, options = {} }) {
    const started = performance.now();
    const all = { ...options, terms: { ...options.terms, top: 0 } };
    const analysis = document ? analyzeDocument(document, all) : analyze(text, all);
    const terms = new Array(analysis.terms.length);
    const counts = new Array(analysis.terms.length);
    analysis.terms.forEach((term, i) => {
        terms[i] = term.term;
        counts[i] = term.count;
    });
    const { title = null, date = null } = analysis.meta;
    return { type: "summary", id, summary: { name, title, date, size, terms, counts }, ms: performance.now() - started };
}

function corpusTask({ op, summary, sizes, term }) {
    corpus ??= new Corpus();
    switch (op) {
        case "reset":
            corpus.free();
            corpus = new Corpus();
            return corpus.length;
        case "add":
            corpus.add(summary);
            return corpus.length;
        case "tables":
            return corpus.tables(sizes);
        case "trend":
            return corpus.trend(term);
        case "csv":
            return corpus.csv(sizes);
    }
    throw new Error(`unknown corpus task ${op}`);
}

function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}

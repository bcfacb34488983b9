//! The WebAssembly binding: a JS string and options object → [`crate::analyze`] → a plain JS
//! object whose ranges are UTF-16 code-unit offsets.
//!
//! This is the only module that names `wasm_bindgen` / `js_sys`. The npm package does not
//! export these functions directly: `js/index.js` wraps them so that a crash (a panic or a
//! trap) throws an `Error` and the next call runs on a fresh instance.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};

use js_sys::JsString;
use serde::de::value::{Error as DeError, MapAccessDeserializer, MapDeserializer, SeqDeserializer};
use serde::de::{Error as _, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{Analysis, Options, OutlineNode};

/// The default limit on the input text, in UTF-8 bytes (64 MiB).
const DEFAULT_MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// The binding-only option that sets the size limit; it is taken out of the options object
/// before the rest is deserialized into [`Options`].
const MAX_INPUT_BYTES_KEY: &str = "maxInputBytes";

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
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

/** A heading or lead sentence, with what it contains. */
export interface OutlineNode {
    text: string;
    /** Depth: headings keep their level, a lead sits one below its heading. */
    level: number;
    kind: "heading" | "lead";
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

export type FixKind =
    | "line_ending" | "whitespace" | "invisible" | "look_alike" | "copy_label"
    | "page_footer" | "running_header" | "columns" | "line_join" | "dehyphenate" | "letter_spacing"
    | "space_removed" | "space_added" | "punctuation" | "layout";

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

/** Settings for segmentation and term counting. */
export interface TermOptions {
    /** Use jieba's HMM to find words missing from the dictionary (default true). */
    hmm?: boolean;
    /** `"default"`: each character in one word; `"search"`: long words also counted as their parts. */
    mode?: "default" | "search";
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
    keywordMethod?: "tfidf" | "textrank";
    /** How many phrases to return; 0 skips phrase finding (default 20). */
    phrases?: number;
    /** A phrase must occur at least this often (default 2). */
    phraseMinCount?: number;
    /** How many top terms to list for each top-level section; 0 lists them all (default 10). */
    sectionTop?: number;
}
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

/** Every word of `text`, in order, with its tag and UTF-16 range (`options.terms`: mode, hmm, userDict). */
export function segment(text: string, options?: Options | null): Segmentation;
/** The term table of `text` alone (no cleanup, no structure), filtered and counted as `analyze` does. */
export function termFrequencies(text: string, options?: Options | null): Term[];
/** The top `options.terms.keywords` keywords of `text` by `options.terms.keywordMethod` (TF-IDF or TextRank). */
export function keywords(text: string, options?: Options | null): Keyword[];
/** Frequent multi-word phrases of `text`, ranked by count and association. */
export function phrases(text: string, options?: Options | null): Phrase[];
/** The lines of a user dictionary that cannot be read (empty if all can). */
export function checkUserDict(userDict: string): DictLineError[];
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Set while an export runs: if it is still set after the export threw, the call never
/// returned (a trap, a panic, or a JS exception thrown through Rust frames) and the instance's
/// memory may be inconsistent, so the JS wrapper replaces the instance.
static BUSY: AtomicBool = AtomicBool::new(false);

/// Marks an export as running until dropped; a crash skips the drop, which is the point.
struct Busy;

impl Busy {
    fn enter() -> Busy {
        BUSY.store(true, Ordering::Relaxed);
        Busy
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        BUSY.store(false, Ordering::Relaxed);
    }
}

#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(report_panic));
}

/// Logs the panic and throws it as a JS `Error` named `QingwenPanic`.
///
/// Throwing (instead of returning, which aborts with a bare `RuntimeError: unreachable`)
/// carries the message to the caller. Nothing is unwound in Rust either way (the build is
/// `panic=abort`), so the instance must be replaced before its next use; the JS wrapper does
/// that.
fn report_panic(info: &std::panic::PanicHookInfo<'_>) {
    let message = format!("qingwen panicked: {info}");
    console_error(&message);
    let error = js_sys::Error::new(&message);
    error.set_name("QingwenPanic");
    wasm_bindgen::throw_val(error.into());
}

/// Cleans `text`, outlines it and counts its terms; see the package README.
///
/// `options` may be omitted; every field of it is optional. Every range is in UTF-16 code
/// units (what JS strings index): an edit's `original` indexes `text`, every other range
/// indexes `cleaned`.
///
/// Throws an `Error` if `text` is not a string or is over the size limit, or if `options`
/// is not an object of the documented shape.
#[wasm_bindgen(js_name = analyze, unchecked_return_type = "Analysis")]
pub fn analyze_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: JsValue,
) -> Result<JsValue, JsError> {
    let _busy = Busy::enter();
    let (text, mut options) = read_call(&text, options)?;
    reject_to_bytes(&text, &mut options.clean.reject)?;
    let mut analysis = crate::analyze(&text, &options);
    ranges_to_utf16(&text, &mut analysis);
    analysis
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| {
            JsError::new(&format!(
                "qingwen: cannot build the result: {}",
                message_of(error.into())
            ))
        })
}

/// The options `analyze` uses when given none, every field filled in.
#[wasm_bindgen(js_name = defaultOptions, unchecked_return_type = "Options")]
pub fn default_options() -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct WithLimit {
        #[serde(flatten)]
        options: Options,
        max_input_bytes: usize,
    }
    let options = WithLimit {
        options: Options::default(),
        max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
    };
    options
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| JsError::new(&format!("qingwen: {}", message_of(error.into()))))
}

/// Every occurrence of `term` in `text` with `window` characters of context (default 20);
/// see [`crate::kwic::concordance`]. Ranges are UTF-16 code units of `text`.
#[wasm_bindgen(js_name = concordance, skip_typescript)]
pub fn concordance_js(text: &str, term: &str, window: Option<u32>) -> Result<JsValue, JsError> {
    let _busy = Busy::enter();
    let mut hits = crate::kwic::concordance(text, term, window.unwrap_or(20) as usize);
    let offsets = hits
        .iter_mut()
        .flat_map(|hit| {
            [
                &mut hit.range.start,
                &mut hit.range.end,
                &mut hit.context.start,
                &mut hit.context.end,
            ]
        })
        .collect();
    bytes_to_utf16(text, offsets);
    to_js(&hits)
}

/// The words of `text` with their tags and UTF-16 ranges; see [`crate::segment::segment`].
#[wasm_bindgen(js_name = segment, skip_typescript)]
pub fn segment_js(text: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let _busy = Busy::enter();
    let (text, options) = read_call(&text, options)?;
    let mut segmentation = crate::segment::segment(&text, &options.terms);
    let offsets = segmentation
        .tokens
        .iter_mut()
        .flat_map(|token| [&mut token.range.start, &mut token.range.end])
        .collect();
    bytes_to_utf16(&text, offsets);
    to_js(&segmentation)
}

/// The term table of `text` alone; see [`crate::terms::term_frequencies`].
#[wasm_bindgen(js_name = termFrequencies, skip_typescript)]
pub fn term_frequencies_js(text: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let _busy = Busy::enter();
    let (text, options) = read_call(&text, options)?;
    to_js(&crate::terms::term_frequencies(&text, &options.terms))
}

/// The keywords of `text`; see [`crate::keywords::keywords`].
#[wasm_bindgen(js_name = keywords, skip_typescript)]
pub fn keywords_js(text: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let _busy = Busy::enter();
    let (text, options) = read_call(&text, options)?;
    to_js(&crate::keywords::keywords(&text, &options.terms))
}

/// The frequent phrases of `text`; see [`crate::phrases::phrases`].
#[wasm_bindgen(js_name = phrases, skip_typescript)]
pub fn phrases_js(text: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let _busy = Busy::enter();
    let (text, options) = read_call(&text, options)?;
    to_js(&crate::phrases::phrases(&text, &options.terms))
}

/// The term table as Excel-safe CSV; see [`crate::export::terms_csv`].
#[wasm_bindgen(js_name = termsCsv, skip_typescript)]
pub fn terms_csv_js(terms: JsValue) -> Result<String, JsError> {
    let _busy = Busy::enter();
    Ok(crate::export::terms_csv(&from_js::<Vec<_>>(
        terms, "terms",
    )?))
}

/// Keywords as Excel-safe CSV; see [`crate::export::keywords_csv`].
#[wasm_bindgen(js_name = keywordsCsv, skip_typescript)]
pub fn keywords_csv_js(keywords: JsValue) -> Result<String, JsError> {
    let _busy = Busy::enter();
    Ok(crate::export::keywords_csv(&from_js::<Vec<_>>(
        keywords, "keywords",
    )?))
}

/// Phrases as Excel-safe CSV; see [`crate::export::phrases_csv`].
#[wasm_bindgen(js_name = phrasesCsv, skip_typescript)]
pub fn phrases_csv_js(phrases: JsValue) -> Result<String, JsError> {
    let _busy = Busy::enter();
    Ok(crate::export::phrases_csv(&from_js::<Vec<_>>(
        phrases, "phrases",
    )?))
}

/// The term × section table as Excel-safe CSV; see [`crate::export::sections_csv`].
#[wasm_bindgen(js_name = sectionsCsv, skip_typescript)]
pub fn sections_csv_js(sections: JsValue, terms_by_section: JsValue) -> Result<String, JsError> {
    let _busy = Busy::enter();
    let sections: Vec<_> = from_js(sections, "sections")?;
    let table: Vec<_> = from_js(terms_by_section, "termsBySection")?;
    Ok(crate::export::sections_csv(&sections, &table))
}

/// An `analyze` result as Markdown; see [`crate::markdown::render_markdown`] (it reads the
/// blocks' text and kinds, not their ranges, so UTF-16 ranges do no harm).
#[wasm_bindgen(js_name = renderMarkdown, skip_typescript)]
pub fn render_markdown_js(analysis: JsValue) -> Result<String, JsError> {
    let _busy = Busy::enter();
    let analysis: Analysis = from_js(analysis, "analysis")?;
    Ok(crate::markdown::render_markdown(&analysis))
}

/// The unreadable lines of a user dictionary; see [`crate::segment::check_user_dict`].
#[wasm_bindgen(js_name = checkUserDict, skip_typescript)]
pub fn check_user_dict_js(user_dict: &str) -> Result<JsValue, JsError> {
    let _busy = Busy::enter();
    to_js(&crate::segment::check_user_dict(user_dict))
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| JsError::new(&format!("qingwen: {}", message_of(error.into()))))
}

fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|error| {
        JsError::new(&format!(
            "qingwen: invalid {what}: {}",
            message_of(error.into())
        ))
    })
}

/// Whether an export is running or died mid-call; see [`BUSY`]. For the JS wrapper only.
#[wasm_bindgen(js_name = __busy, skip_typescript)]
pub fn busy() -> bool {
    BUSY.load(Ordering::Relaxed)
}

/// Crashes on purpose, so that tests can check a crash is survived: `"panic"` panics (through
/// the panic hook), anything else executes `unreachable` (a bare trap). Not part of the API.
#[wasm_bindgen(js_name = __crashForTesting, skip_typescript)]
pub fn crash_for_testing(kind: &str) {
    let _busy = Busy::enter();
    if kind == "panic" {
        panic!("deliberate panic for testing");
    }
    core::arch::wasm32::unreachable()
}

/// Splits the JS options object into core [`Options`] and the size limit.
/// The text and options of a call that takes both: options first, since they carry the
/// size limit the text is checked against.
fn read_call(text: &JsValue, options: JsValue) -> Result<(String, Options), JsError> {
    let (options, max_input_bytes) = read_options(options)?;
    Ok((read_text(text, max_input_bytes)?, options))
}

fn read_options(options: JsValue) -> Result<(Options, usize), JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok((Options::default(), DEFAULT_MAX_INPUT_BYTES));
    }
    if !options.is_object() || js_sys::Array::is_array(&options) {
        return Err(JsError::new(&format!(
            "qingwen: options must be an object, got {}",
            type_of(&options)
        )));
    }
    let invalid = |message: String| JsError::new(&format!("qingwen: invalid options: {message}"));
    let fields = match serde_wasm_bindgen::from_value(options) {
        Ok(Value::Object(fields)) => fields,
        Ok(other) => {
            return Err(invalid(format!(
                "expected an object, got {}",
                other.describe()
            )))
        }
        Err(error) => return Err(invalid(message_of(error.into()))),
    };
    let mut fields = fields;
    let mut max_input_bytes = DEFAULT_MAX_INPUT_BYTES;
    if let Some(at) = fields
        .iter()
        .position(|(key, _)| key == MAX_INPUT_BYTES_KEY)
    {
        max_input_bytes = match fields.remove(at).1 {
            Value::Int(n) if n >= 0 => usize::try_from(n).unwrap_or(usize::MAX),
            Value::Float(n) if n == f64::INFINITY => usize::MAX,
            other => {
                return Err(invalid(format!(
                    "{MAX_INPUT_BYTES_KEY} must be a non-negative integer or Infinity, got {}",
                    other.describe()
                )))
            }
        };
    }
    let options =
        Options::deserialize(Value::Object(fields)).map_err(|error| invalid(error.to_string()))?;
    Ok((options, max_input_bytes))
}

/// A JS value read whole. serde-wasm-bindgen reads only the fields a struct names, which would
/// make the core's `deny_unknown_fields` useless, so options are read into this first and
/// deserialized from it. `null` and `undefined` object members count as absent.
#[derive(Debug)]
enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// A short description for error messages.
    fn describe(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Int(n) => n.to_string(),
            Value::Float(n) => n.to_string(),
            Value::String(s) => format!("{s:?}"),
            Value::Array(_) => "an array".into(),
            Value::Object(_) => "an object".into(),
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON-like value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Value::deserialize(deserializer)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Int(n))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(i64::try_from(n).map_or(Value::Float(n as f64), Value::Int))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Value::Float(n))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.into()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut fields = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            if !matches!(value, Value::Null) {
                fields.push((key, value));
            }
        }
        Ok(Value::Object(fields))
    }
}

impl IntoDeserializer<'_, DeError> for Value {
    type Deserializer = Value;

    fn into_deserializer(self) -> Value {
        self
    }
}

impl<'de> Deserializer<'de> for Value {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Int(n) => visitor.visit_i64(n),
            Value::Float(n) => visitor.visit_f64(n),
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => visitor.visit_seq(SeqDeserializer::new(items.into_iter())),
            Value::Object(fields) => visitor.visit_map(MapDeserializer::new(fields.into_iter())),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self {
            Value::Null => visitor.visit_none(),
            value => visitor.visit_some(value),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    /// `"Variant"` or `{ "Variant": payload }`, as serde_json reads enums.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self {
            Value::String(s) => visitor.visit_enum(s.into_deserializer()),
            Value::Object(fields) if fields.len() == 1 => visitor.visit_enum(
                MapAccessDeserializer::new(MapDeserializer::new(fields.into_iter())),
            ),
            other => Err(DeError::custom(format!(
                "invalid type: {}, expected a variant name",
                other.describe()
            ))),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// Copies the JS string into Rust, refusing non-strings and texts over `max_bytes` of UTF-8.
///
/// Lone surrogates (invalid UTF-16) become U+FFFD, which keeps every UTF-16 offset valid.
fn read_text(text: &JsValue, max_bytes: usize) -> Result<String, JsError> {
    let Some(js_text) = text.dyn_ref::<JsString>() else {
        return Err(JsError::new(&format!(
            "qingwen: text must be a string, got {}",
            type_of(text)
        )));
    };
    // Every UTF-16 code unit is at least one UTF-8 byte: refuse before copying if we can.
    let units = js_text.length() as usize;
    if units > max_bytes {
        return Err(too_large(units, max_bytes));
    }
    let text = String::from(js_text);
    if text.len() > max_bytes {
        return Err(too_large(text.len(), max_bytes));
    }
    Ok(text)
}

fn too_large(at_least: usize, max_bytes: usize) -> JsError {
    JsError::new(&format!(
        "qingwen: the text is {} of UTF-8, over the {} limit (raise it with the {MAX_INPUT_BYTES_KEY} option)",
        format_bytes(at_least),
        format_bytes(max_bytes)
    ))
}

fn format_bytes(bytes: usize) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / MIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// Rewrites every byte range in `analysis` as a UTF-16 range: an edit's `original` into
/// `input`, everything else (edits' `cleaned`, blocks, outline nodes) into `analysis.cleaned`.
///
/// A byte range added to the core's output must be added here too; the Node tests check that
/// every range slices back to its text.
fn ranges_to_utf16(input: &str, analysis: &mut Analysis) {
    let mut original = Vec::with_capacity(analysis.edits.len() * 2);
    let mut cleaned = Vec::with_capacity((analysis.edits.len() + analysis.blocks.len()) * 2);
    for fix in &mut analysis.edits {
        original.extend([&mut fix.original.start, &mut fix.original.end]);
        cleaned.extend([&mut fix.cleaned.start, &mut fix.cleaned.end]);
    }
    for block in &mut analysis.blocks {
        cleaned.extend([&mut block.range.start, &mut block.range.end]);
    }
    let mut nodes: Vec<&mut OutlineNode> = analysis.outline.iter_mut().collect();
    while let Some(node) = nodes.pop() {
        cleaned.extend([&mut node.range.start, &mut node.range.end]);
        nodes.extend(node.children.iter_mut());
    }
    bytes_to_utf16(input, original);
    bytes_to_utf16(&analysis.cleaned, cleaned);
}

/// Turns byte offsets into `text` into UTF-16 code-unit offsets, in one pass over `text`.
///
/// An offset inside a character (never produced by the core) moves to the end of that
/// character; one past the end of `text` moves to its end.
fn bytes_to_utf16(text: &str, mut offsets: Vec<&mut usize>) {
    offsets.sort_unstable_by_key(|offset| **offset);
    let mut offsets = offsets.into_iter().peekable();
    let mut units = 0;
    for (byte, ch) in text.char_indices() {
        while let Some(offset) = offsets.next_if(|offset| **offset <= byte) {
            *offset = units;
        }
        units += ch.len_utf16();
    }
    for offset in offsets {
        *offset = units;
    }
}

/// Turns the UTF-16 ranges of the fixes to reject into byte ranges of `text`, refusing an
/// offset inside a character or past the end of the text.
fn reject_to_bytes(text: &str, reject: &mut [crate::FixRef]) -> Result<(), JsError> {
    let mut offsets: Vec<(usize, &mut usize)> = reject
        .iter_mut()
        .enumerate()
        .flat_map(|(i, r)| {
            let std::ops::Range { start, end } = &mut r.original;
            [(i, start), (i, end)]
        })
        .collect();
    offsets.sort_unstable_by_key(|(_, offset)| **offset);
    let invalid = |i: usize, offset: usize, why: &str| {
        JsError::new(&format!(
            "qingwen: invalid options: clean.reject[{i}].original: {offset} {why}"
        ))
    };
    const INSIDE: &str = "is inside a character of the text (ranges are UTF-16 code units)";
    let mut offsets = offsets.into_iter().peekable();
    let mut units = 0;
    for (byte, ch) in text.char_indices() {
        while let Some((i, offset)) = offsets.next_if(|(_, offset)| **offset <= units) {
            if *offset < units {
                return Err(invalid(i, *offset, INSIDE));
            }
            *offset = byte;
        }
        units += ch.len_utf16();
    }
    for (i, offset) in offsets {
        if *offset != units {
            let past = format!("is past the end of the text ({units} UTF-16 code units)");
            return Err(invalid(
                i,
                *offset,
                if *offset < units { INSIDE } else { &past },
            ));
        }
        *offset = text.len();
    }
    Ok(())
}

/// The message of a thrown JS value: `error.message` for an `Error`, else `String(value)`.
fn message_of(value: JsValue) -> String {
    match value.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => String::from(JsString::from(value)),
    }
}

/// `typeof value`, except that `null` and arrays are named as such.
fn type_of(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(value) {
        "an array".into()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

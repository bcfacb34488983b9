//! The WebAssembly binding: a JS string (or typed document) and options object →
//! [`crate::analyze`] (or [`crate::analyze_document`]) → a plain JS object whose ranges are
//! UTF-16 code-unit offsets.
//!
//! This is the only module that names `wasm_bindgen` / `js_sys`. The npm package does not
//! export these functions directly: `js/index.js` wraps them so that a crash (a panic or a
//! trap) throws an `Error` and the next call runs on a fresh instance.

mod corpus;
mod parts;
mod tokens;
mod utf16;
mod value;

use std::sync::atomic::{AtomicBool, Ordering};

use js_sys::JsString;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::input::{check_size, DEFAULT_MAX_INPUT_BYTES};
use crate::{Analysis, Document, Error, Options, OutlineNode};
use value::Value;

/// The binding-only option that sets the size limit; it is taken out of the options object
/// before the rest is deserialized into [`Options`].
const MAX_INPUT_BYTES_KEY: &str = "maxInputBytes";

/// The TypeScript declarations of every export and result: the exports themselves are
/// `skip_typescript` (but `analyze` and `defaultOptions`), so these are the package's types.
/// `tests/typescript.rs` checks their string unions against the core's enums, and the Node
/// tests check their interfaces against what the functions return.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");
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
    let analysis = crate::analyze(&text, &options);
    analysis_to_js(&text, analysis)
}

/// `analysis` (byte ranges; `input` is the text its edits' `original` ranges index) as the JS
/// result, its ranges in UTF-16. The cleaned text crosses once, as UTF-16
/// ([`utf16::js_string`]), and a block whose text is the cleaned text at its range (every
/// block of a document detected from that text) gets its slice of it.
fn analysis_to_js(input: &str, mut analysis: Analysis) -> Result<JsValue, JsError> {
    let sliced: Vec<bool> = analysis
        .blocks
        .iter()
        .map(|b| analysis.cleaned.get(b.range.clone()) == Some(b.text.as_str()))
        .collect();
    ranges_to_utf16(input, &mut analysis);
    let cleaned = std::mem::take(&mut analysis.cleaned);
    for (block, &sliced) in analysis.blocks.iter_mut().zip(&sliced) {
        if sliced {
            block.text.clear();
        }
    }
    let cannot = |error: JsValue| {
        JsError::new(&format!(
            "qingwen: cannot build the result: {}",
            message_of(error)
        ))
    };
    let value = analysis
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| cannot(error.into()))?;
    let cleaned = utf16::js_string(&cleaned);
    set_field(value.unchecked_ref(), "cleaned", &cleaned)?;
    let blocks: js_sys::Array = js_sys::Reflect::get(&value, &JsValue::from_str("blocks"))
        .map_err(cannot)?
        .unchecked_into();
    for (i, (block, &sliced)) in analysis.blocks.iter().zip(&sliced).enumerate() {
        if sliced {
            let range = &block.range;
            let text = cleaned.slice(range.start as u32, range.end as u32);
            set_field(blocks.get(i as u32).unchecked_ref(), "text", &text)?;
        }
    }
    Ok(value)
}

/// Analyzes a typed document (an HTML page or a rich paste turned into blocks); see
/// [`crate::analyze_document`].
///
/// Ranges as in `analyze`: an edit's `original` indexes the document's input text, its blocks'
/// texts joined by a blank line; every other range indexes `cleaned`.
///
/// Throws an `Error` if `doc` is not a document of the documented shape, if its text is over
/// the size limit, or if `options` is not an object of the documented shape.
#[wasm_bindgen(js_name = analyzeDocument, skip_typescript)]
pub fn analyze_document_js(doc: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let _busy = Busy::enter();
    let (mut options, max_input_bytes) = read_options(options)?;
    let doc = read_document(doc, max_input_bytes)?;
    let text = doc.text();
    reject_to_bytes(&text, &mut options.clean.reject)?;
    let analysis = crate::analyze_document(&doc, &options);
    analysis_to_js(&text, analysis)
}

/// Cleans, outlines and counts the terms of a PDF's positioned text (`qingwen/pdf`'s
/// `extractLayout` makes it); see [`crate::analyze_layout`]. The result is an `Analysis`
/// plus `input` (the text the edits' `original` ranges index, UTF-16), `dropped` (page
/// headers, footers and numbers left out) and `places` (each line's page and box, with its
/// UTF-16 offsets in `input` and in `cleaned`).
///
/// Throws an `Error` if `layout` is not an object of the documented shape, if the text read
/// from it is over the size limit, or if `options` is not valid.
#[wasm_bindgen(js_name = analyzeLayout, unchecked_return_type = "LayoutAnalysis")]
pub fn analyze_layout_js(
    #[wasm_bindgen(unchecked_param_type = "Layout")] layout: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: JsValue,
) -> Result<JsValue, JsError> {
    let _busy = Busy::enter();
    let (mut options, max_input_bytes) = read_options(options)?;
    if !layout.is_object() || js_sys::Array::is_array(&layout) {
        return Err(JsError::new(&format!(
            "qingwen: layout must be an object {{ pages: [...] }}, got {}",
            type_of(&layout)
        )));
    }
    let layout: crate::Layout = serde_wasm_bindgen::from_value(layout).map_err(|error| {
        JsError::new(&format!(
            "qingwen: layout is not {{ pages: [{{ width, height, lines: [{{ x, y, width, \
             height, fontSize, bold, italic, font, text }}] }}] }}: {}",
            message_of(error.into())
        ))
    })?;
    let laid = crate::pdf_lines::layout_document(&layout);
    drop(layout);
    let input = laid.document.text();
    check_size(input.len(), max_input_bytes).map_err(|error| {
        JsError::new(&format!(
            "qingwen: {error} (raise it with the {MAX_INPUT_BYTES_KEY} option)"
        ))
    })?;
    reject_to_bytes(&input, &mut options.clean.reject)?;
    let mut result = crate::analyze_laid_out(laid, &options);
    ranges_to_utf16(&result.input, &mut result.analysis);
    let (input, cleaned): (Vec<_>, Vec<_>) = result
        .places
        .iter_mut()
        .map(|place| (&mut place.input, &mut place.cleaned))
        .unzip();
    bytes_to_utf16(&result.input, input);
    bytes_to_utf16(&result.analysis.cleaned, cleaned);
    to_js(&result)
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

/// Every occurrence of `term` in `text` with `window` characters of context (default
/// [`crate::kwic::DEFAULT_WINDOW`]);
/// see [`crate::kwic::concordance`]. Ranges are UTF-16 code units of `text`.
#[wasm_bindgen(js_name = concordance, skip_typescript)]
pub fn concordance_js(text: &str, term: &str, window: Option<u32>) -> Result<JsValue, JsError> {
    let _busy = Busy::enter();
    let mut hits = crate::kwic::concordance(
        text,
        term,
        window.map_or(crate::kwic::DEFAULT_WINDOW, |w| w as usize),
    );
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
/// The package's `segment` makes the same objects in JS from [`tokens::tokens_js`], several
/// times faster; this one is the reference the Node tests compare it with.
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

/// Sets `object[key] = value` on an object this module built (the packed results).
fn set_field(object: &js_sys::Object, key: &str, value: &JsValue) -> Result<(), JsError> {
    js_sys::Reflect::set(object, &JsValue::from_str(key), value)
        .map(drop)
        .map_err(|_| JsError::new(&format!("qingwen: cannot set {key} of a result")))
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
    let invalid = |message: String| js_error(&Error::Options(message));
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
    let too_large = |error: Error| {
        JsError::new(&format!(
            "qingwen: {error} (raise it with the {MAX_INPUT_BYTES_KEY} option)"
        ))
    };
    // Every UTF-16 code unit is at least one UTF-8 byte: refuse before copying if we can.
    check_size(js_text.length() as usize, max_bytes).map_err(too_large)?;
    let text = String::from(js_text);
    check_size(text.len(), max_bytes).map_err(too_large)?;
    Ok(text)
}

/// Copies a JS document into Rust, refusing anything but `{ blocks: [{ kind, text, … }] }`
/// and documents whose input text is over `max_bytes` of UTF-8.
fn read_document(doc: JsValue, max_bytes: usize) -> Result<Document, JsError> {
    if !doc.is_object() || js_sys::Array::is_array(&doc) {
        return Err(JsError::new(&format!(
            "qingwen: the document must be an object {{ blocks: [...] }}, got {}",
            type_of(&doc)
        )));
    }
    let invalid = |message: String| JsError::new(&format!("qingwen: invalid document: {message}"));
    // Read whole first, so that the core's `deny_unknown_fields` sees every field.
    let value: Value =
        serde_wasm_bindgen::from_value(doc).map_err(|error| invalid(message_of(error.into())))?;
    let doc = Document::deserialize(value).map_err(|error| invalid(error.to_string()))?;
    let separators = doc.blocks.len().saturating_sub(1) * 2;
    let bytes = doc
        .blocks
        .iter()
        .fold(separators, |sum, b| sum.saturating_add(b.text.len()));
    check_size(bytes, max_bytes).map_err(|error| {
        JsError::new(&format!(
            "qingwen: {error} (raise it with the {MAX_INPUT_BYTES_KEY} option)"
        ))
    })?;
    Ok(doc)
}

/// A core error as the `Error` JS callers get: its message after `qingwen: `.
fn js_error(error: &Error) -> JsError {
    JsError::new(&format!("qingwen: {error}"))
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
    // Stable: the offsets come as a few sorted runs (the edits', the blocks', the outline's),
    // which it merges instead of sorting afresh (an unstable sort was 1.2% of `analyze`).
    offsets.sort_by_key(|offset| **offset);
    let bytes = text.as_bytes();
    // Counted on the bytes between one offset and the next, not decoded char by char (2% of
    // `analyze` on a novel).
    let (mut at, mut units) = (0, 0);
    for offset in offsets {
        let mut end = (*offset).min(bytes.len());
        while bytes.get(end).is_some_and(|&b| b & 0xC0 == 0x80) {
            end += 1;
        }
        if end > at {
            units += tokens::utf16_len(&bytes[at..end]) as usize;
            at = end;
        }
        *offset = units;
    }
}

/// Turns the UTF-16 ranges of the fixes to reject into byte ranges of `text`, refusing an
/// offset inside a character or past the end of the text.
fn reject_to_bytes(text: &str, reject: &mut [crate::FixRef]) -> Result<(), JsError> {
    if reject.is_empty() {
        return Ok(());
    }
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
        js_error(&Error::Options(format!(
            "clean.reject[{i}].original: {offset} {why}"
        )))
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

//! qingwen (清文, "clean text") cleans text pasted out of a PDF or web page,
//! outlines it and counts its terms — Chinese first, English and mixed text too.
//!
//! One pipeline turns the pasted text into an [`Analysis`]:
//! [`normalize`] → [`columns`] → [`artifacts`] → [`interleave`] → [`reflow`] → [`spacing`] →
//! [`structure`] → [`outline`] → [`segment`] + [`terms`]. [`parts`] runs it on a large text with the segmentation
//! in parts, for the page's pool of Workers.
//!
//! # Examples
//!
//! ```
//! // Copied out of an e-paper PDF: a copy-button label, hard line breaks inside words,
//! // and a page footer in the middle of a word.
//! let pasted = "正文复制\n\
//!     这一年,习近平总书记亲临四川视察,宏阔擘画领航兴川大计,殷殷嘱托赋予新的重任,如\n\
//!     山厚爱沐浴巴蜀儿女,指引四川现代化建设一往无前、阔步前行。\n\
//!     这一年,全国组织工作会议认真贯彻习近平总书记关于X的建设的重要思想,牢牢把握新时\n\
//!     代X的建设和组织工作总遵循、总依据、总指引。\n\
//!     推动四川现代化建设开好局起好步,离不开强有力的组织保证。全省组织工作坚持向中心聚\n\
//!     第 1 页 共 3 页\n\
//!     焦、为大局聚力,凝聚起全力以赴拼经济搞建设强大组织力量。\n";
//! let analysis = qingwen::analyze(pasted, &qingwen::Options::default());
//! assert_eq!(analysis.blocks.len(), 3);
//! assert!(analysis.blocks[0].text.contains("如山厚爱"));
//! assert!(analysis.blocks[1].text.contains("新时代X的建设"));
//! assert!(analysis.blocks[2].text.ends_with("坚持向中心聚焦、为大局聚力,凝聚起全力以赴拼经济搞建设强大组织力量。"));
//! assert!(analysis.fixes.iter().any(|f| f.kind == qingwen::FixKind::PageFooter));
//! assert!(analysis.terms.iter().any(|t| t.term == "组织"));
//! ```

pub mod artifacts;
pub mod columns;
pub mod corpus;
pub mod document;
pub mod edit;
mod error;
pub mod export;
#[cfg(feature = "html")]
pub mod html;
pub mod input;
pub mod interleave;
pub mod keywords;
pub mod kwic;
pub mod markdown;
pub mod normalize;
pub mod outline;
pub mod parts;
pub mod pdf_lines;
pub mod phrases;
pub mod reflow;
pub mod segment;
mod shapes;
pub mod spacing;
pub mod structure;
pub mod terms;
mod text;
mod tokens;
mod trees;

#[cfg(target_arch = "wasm32")]
mod wasm;

/// README.md's Rust snippets, run as doctests so that they stay true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

use serde::{Deserialize, Serialize};

pub use crate::document::{Document, SourceBlock, SourceKind};
pub use crate::edit::{Fix, FixCount, FixKind, FixRef};
pub use crate::error::Error;
pub use crate::keywords::{Keyword, KeywordMethod};
pub use crate::kwic::Concordance;
pub use crate::outline::OutlineNode;
pub use crate::pdf_lines::{Dropped, Layout, LayoutLine, LayoutPage, Place};
pub use crate::phrases::Phrase;
pub use crate::segment::{DictLineError, SegmentMode, Segmentation, Token};
pub use crate::structure::{Block, BlockKind, Marker, Meta};
pub use crate::terms::{SectionTerms, TermBySection, TermCount};

/// What the pipeline does; every field has a sensible default, so `Options::default()` is the
/// usual choice. Deserializes from camelCase JSON with any field missing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    /// Which families of fixes the cleaner may make.
    pub clean: CleanOptions,
    /// How terms are segmented, filtered and counted.
    pub terms: TermOptions,
}

/// Switches for each family of cleanup fixes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct CleanOptions {
    /// Map look-alike characters (Kangxi radicals, compatibility ideographs, ligatures), drop
    /// zero-width and control characters.
    pub normalize_chars: bool,
    /// Remove page footers, page numbers, running headers and copy-button labels.
    pub remove_artifacts: bool,
    /// Put two-column pages one column after the other, rejoin hard-wrapped lines into
    /// paragraphs (and undo end-of-line hyphenation).
    pub reflow: bool,
    /// Remove the spaces a PDF puts between CJK text and digits, Latin letters and quotes.
    pub fix_spacing: bool,
    /// Put one space between CJK and Latin letters or digits instead (the "pangu" style).
    pub pangu: bool,
    /// Turn half-width punctuation inside Chinese sentences into full-width.
    pub fullwidth_punctuation: bool,
    /// Fixes not to make, by kind and input range (e.g. entries of [`Analysis::edits`] the
    /// user undid): the input text of each stays, every other fix is made as without them.
    /// See [`edit::Tracked::reject`].
    pub reject: Vec<FixRef>,
}

impl Default for CleanOptions {
    fn default() -> Self {
        CleanOptions {
            normalize_chars: true,
            remove_artifacts: true,
            reflow: true,
            fix_spacing: true,
            pangu: false,
            fullwidth_punctuation: false,
            reject: Vec::new(),
        }
    }
}

/// Settings for segmentation and term counting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct TermOptions {
    /// Use jieba's HMM to find words missing from the dictionary.
    pub hmm: bool,
    /// Default (each character in one word) or search mode (long words also counted as
    /// their dictionary parts).
    pub mode: SegmentMode,
    /// Drop the built-in Chinese and English stopwords.
    pub stopwords: bool,
    /// More words to drop, on top of (or instead of) the built-in list.
    pub extra_stopwords: Vec<String>,
    /// User dictionary entries, one `word [freq] [tag]` per line.
    pub user_dict: String,
    /// Terms shorter than this many characters are not counted.
    pub min_length: usize,
    /// Keep only terms whose jieba POS tag starts with one of these (e.g. `["n", "v"]`);
    /// empty keeps every tag. Latin words are tagged `eng`.
    pub pos: Vec<String>,
    /// Count numbers, numerals and measure words (`1.7`, `一个`, `万名`) too.
    pub keep_numbers: bool,
    /// How many terms to return; 0 returns them all.
    pub top: usize,
    /// How many keywords to return; 0 skips keyword extraction.
    pub keywords: usize,
    /// How keywords are ranked.
    pub keyword_method: KeywordMethod,
    /// How many phrases to return; 0 skips phrase finding.
    pub phrases: usize,
    /// A phrase must occur at least this often.
    pub phrase_min_count: usize,
    /// How many top terms to list for each top-level section; 0 lists them all.
    pub section_top: usize,
}

impl Default for TermOptions {
    fn default() -> Self {
        TermOptions {
            hmm: true,
            mode: SegmentMode::Default,
            stopwords: true,
            extra_stopwords: Vec::new(),
            user_dict: String::new(),
            min_length: 1,
            pos: Vec::new(),
            keep_numbers: false,
            top: 200,
            keywords: 20,
            keyword_method: KeywordMethod::Tfidf,
            phrases: 20,
            phrase_min_count: 2,
            section_top: 10,
        }
    }
}

/// Everything the pipeline found in one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The cleaned document: its blocks, separated by a blank line.
    pub cleaned: String,
    /// Source, date, page, title, subtitle and byline, where found.
    pub meta: Meta,
    /// The document as blocks in reading order.
    pub blocks: Vec<Block>,
    /// Headings and lead sentences as a tree.
    pub outline: Vec<OutlineNode>,
    /// Term frequencies, most frequent first.
    pub terms: Vec<TermCount>,
    /// Keywords by TF-IDF or TextRank, best first.
    pub keywords: Vec<Keyword>,
    /// Multi-word terms built from adjacent content words, most frequent first.
    pub phrases: Vec<Phrase>,
    /// Top terms of each top-level section (the text before the first heading first).
    pub sections: Vec<SectionTerms>,
    /// How often each term of `terms` occurs in each of `sections`.
    #[serde(rename = "termsBySection")]
    pub terms_by_section: Vec<TermBySection>,
    /// User dictionary lines that could not be read (the rest were loaded).
    #[serde(rename = "dictErrors")]
    pub dict_errors: Vec<DictLineError>,
    /// How many fixes of each kind the cleaner made.
    pub fixes: Vec<FixCount>,
    /// Every fix, with its range in the input and in `cleaned` (byte offsets).
    pub edits: Vec<Fix>,
}

/// Runs the whole pipeline on `text`.
///
/// Total on any input: it never panics and never fails; an empty text gives an empty
/// [`Analysis`].
pub fn analyze(text: &str, options: &Options) -> Analysis {
    report(structure_document(text, &options.clean), options)
}

/// Runs the pipeline on a document whose block structure the source gave (an HTML page, a
/// rich paste): block boundaries, headings with their levels, list items and bold leads
/// come from `doc`; the text inside each block is cleaned as [`analyze`] cleans text, and
/// metadata, title and leads are detected as there.
///
/// Fix ranges index the document's input text, its blocks joined by a blank line
/// ([`Document::text`]). Total on any input, like [`analyze`].
///
/// # Examples
///
/// ```
/// use qingwen::{BlockKind, Document, SourceBlock, SourceKind};
/// let doc = Document {
///     blocks: vec![
///         SourceBlock { kind: SourceKind::Heading, level: Some(2), text: "总体要求".into(), lead: None },
///         SourceBlock { text: "坚持稳中求进,\n推动高质量发展。".into(), ..Default::default() },
///     ],
/// };
/// let analysis = qingwen::analyze_document(&doc, &qingwen::Options::default());
/// assert_eq!(analysis.blocks[0].kind, BlockKind::Heading);
/// assert_eq!(analysis.blocks[1].text, "坚持稳中求进,推动高质量发展。");
/// ```
pub fn analyze_document(doc: &Document, options: &Options) -> Analysis {
    report(document::assemble_document(doc, &options.clean), options)
}

/// Runs the pipeline on the positioned text of a PDF's pages (see [`pdf_lines`]): reading
/// order, paragraphs, headings and their levels come from the geometry, running headers,
/// footers and page numbers are left out, and the blocks then go through
/// [`analyze_document`].
///
/// Fix ranges index [`LayoutAnalysis::input`], the text of the blocks the layout was read
/// into; the page furniture left out before that is listed in [`LayoutAnalysis::dropped`],
/// and it and the line ends joined are counted in `fixes`. Total on any input, like
/// [`analyze`].
///
/// # Examples
///
/// ```
/// use qingwen::{BlockKind, Layout, LayoutLine, LayoutPage};
/// let line = |y: f64, size: f64, bold: bool, text: &str| LayoutLine {
///     x: 40.0, y, width: 200.0, height: size, font_size: size, bold, text: text.into(),
///     ..Default::default()
/// };
/// let page = LayoutPage {
///     width: 300.0,
///     height: 400.0,
///     lines: vec![
///         line(60.0, 14.0, true, "一、总体要求"),
///         line(90.0, 10.0, false, "坚持稳中求进,"),
///         line(104.0, 10.0, false, "推动高质量发展。"),
///         line(140.0, 14.0, true, "二、主要任务"),
///         line(170.0, 10.0, false, "扩大高水平对外开放。"),
///         line(380.0, 8.0, false, "- 1 -"),
///     ],
/// };
/// let result = qingwen::analyze_layout(&Layout { pages: vec![page] }, &qingwen::Options::default());
/// let blocks = &result.analysis.blocks;
/// assert_eq!((blocks[0].kind, blocks[0].level), (BlockKind::Heading, Some(1)));
/// assert_eq!(blocks[1].text, "坚持稳中求进,推动高质量发展。");
/// assert_eq!(blocks[2].text, "二、主要任务");
/// assert_eq!(result.dropped[0].text, "- 1 -");
/// // The second paragraph's first line, on page 1, 140 units from the top:
/// let place = &result.places[3];
/// assert_eq!((place.page, place.y), (1, 140.0));
/// assert!(result.analysis.cleaned[place.cleaned..].starts_with("二、主要任务"));
/// ```
pub fn analyze_layout(layout: &Layout, options: &Options) -> LayoutAnalysis {
    analyze_laid_out(pdf_lines::layout_document(layout), options)
}

/// What [`analyze_layout`] found: the analysis, the text its fix ranges index, and the page
/// furniture left out. Serializes as the analysis's fields plus `input` and `dropped`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LayoutAnalysis {
    /// The analysis of the document read from the layout.
    #[serde(flatten)]
    pub analysis: Analysis,
    /// The document's input text: its blocks joined by a blank line ([`Document::text`]).
    pub input: String,
    /// The running headers, footers and page numbers left out, in page order.
    pub dropped: Vec<Dropped>,
    /// Where each line of the text is on its page, in the order of the text: `input` indexes
    /// [`LayoutAnalysis::input`], `cleaned` the analysis's cleaned text.
    pub places: Vec<Place>,
}

/// [`analyze_layout`] on a layout already read into a document.
pub(crate) fn analyze_laid_out(laid: pdf_lines::LaidOut, options: &Options) -> LayoutAnalysis {
    let headers: Vec<String> = laid
        .dropped
        .iter()
        .filter(|d| d.kind == FixKind::RunningHeader)
        .map(|d| normalize::map_lookalikes(&d.text))
        .collect();
    let assembled = document::assemble_document_with(&laid.document, &options.clean, &headers);
    let mut analysis = report(assembled, options);
    let mut extra: Vec<FixKind> = laid.dropped.iter().map(|d| d.kind).collect();
    let joins = laid.line_joins.saturating_sub(laid.dehyphenated);
    extra.extend(std::iter::repeat_n(FixKind::LineJoin, joins));
    extra.extend(std::iter::repeat_n(FixKind::Dehyphenate, laid.dehyphenated));
    for kind in extra {
        match analysis.fixes.iter_mut().find(|f| f.kind == kind) {
            Some(f) => f.count += 1,
            None => analysis.fixes.push(FixCount { kind, count: 1 }),
        }
    }
    analysis.fixes.sort_by_key(|f| f.kind);
    let mut places = laid.places;
    locate_in_cleaned(&mut places, &analysis.edits, &analysis.cleaned);
    LayoutAnalysis {
        analysis,
        input: laid.document.text(),
        dropped: laid.dropped,
        places,
    }
}

/// Sets each place's `cleaned` offset from its `input` one, through the fixes (sorted by
/// range, as the core makes them): text between fixes is the same on both sides; a place
/// inside a fix's original goes to where the fix's replacement starts.
fn locate_in_cleaned(places: &mut [Place], edits: &[Fix], cleaned: &str) {
    for place in places {
        let before = edits.partition_point(|e| e.original.end <= place.input);
        let mut at = match (before.checked_sub(1).map(|i| &edits[i]), edits.get(before)) {
            (_, Some(e)) if e.original.start < place.input => e.cleaned.start,
            (Some(e), _) => e.cleaned.end + (place.input - e.original.end),
            (None, _) => place.input,
        };
        at = at.min(cleaned.len());
        while !cleaned.is_char_boundary(at) {
            at -= 1;
        }
        place.cleaned = at;
    }
}

/// Outlines and counts the terms of an assembled document.
fn report(assembled: structure::Assembled, options: &Options) -> Analysis {
    let report = terms::term_report(&assembled.blocks, &options.terms);
    analysis_of(assembled, report)
}

/// The analysis of an assembled document whose terms were counted: the outline is built here.
pub(crate) fn analysis_of(assembled: structure::Assembled, report: terms::TermReport) -> Analysis {
    let outline = outline::build_outline(&assembled.blocks);
    Analysis {
        fixes: edit::count_by_kind(&assembled.edits),
        cleaned: assembled.cleaned,
        meta: assembled.meta,
        blocks: assembled.blocks,
        outline,
        terms: report.terms,
        keywords: report.keywords,
        phrases: report.phrases,
        sections: report.sections,
        terms_by_section: report.terms_by_section,
        dict_errors: report.dict_errors,
        edits: assembled.edits,
    }
}

/// Cleans `text` and finds its metadata and blocks: [`analyze`] without the outline and the
/// terms (all a concordance of the cleaned text needs).
pub fn structure_document(text: &str, options: &CleanOptions) -> structure::Assembled {
    let cleaned = clean(text, options);
    // Running headers the cleaner removed still name the source, date and full title.
    let headers: Vec<&str> = cleaned.removed_headers.iter().map(String::as_str).collect();
    let doc = structure::detect_structure_with(&cleaned.paragraphs(), &headers);
    structure::assemble(doc, cleaned)
}

/// The cleaned text of one document before structure detection: paragraphs separated by a
/// `\n`, or by a blank line where the input marked the break with one (the writer's, kept so
/// that cleaning the text again keeps the break), with the record of every fix that
/// produced it.
#[derive(Debug, Clone)]
pub struct Cleaned {
    /// The tracked text: current string plus the map back to the input.
    pub text: edit::Tracked,
    /// The running headers the artifact stage removed, in its order, their look-alike chars
    /// mapped (even when `normalize_chars` is off).
    pub removed_headers: Vec<String>,
}

impl Cleaned {
    /// The paragraphs, in order, without their separators.
    pub fn paragraphs(&self) -> Vec<&str> {
        self.text
            .as_str()
            .split('\n')
            .filter(|p| !p.is_empty())
            .collect()
    }

    /// The byte range of each of [`Cleaned::paragraphs`] in the cleaned text.
    pub fn paragraph_ranges(&self) -> Vec<std::ops::Range<usize>> {
        let mut at = 0;
        let mut ranges = Vec::new();
        for p in self.text.as_str().split('\n') {
            if !p.is_empty() {
                ranges.push(at..at + p.len());
            }
            at += p.len() + 1;
        }
        ranges
    }
}

/// Runs the cleanup stages (normalize → columns → artifacts → interleave → reflow → spacing)
/// on `text`, then takes back the fixes `options.reject` names.
pub fn clean(text: &str, options: &CleanOptions) -> Cleaned {
    clean_explained(text, options, None)
}

/// [`clean`], collecting reflow's line decisions when asked (see [`reflow::explain`]).
pub(crate) fn clean_explained(
    text: &str,
    options: &CleanOptions,
    mut decisions: Option<&mut Vec<reflow::LineDecision>>,
) -> Cleaned {
    // Only a rejection needs the edits kept to apply them again.
    let mut tracked = if options.reject.is_empty() {
        edit::Tracked::new(text)
    } else {
        edit::Tracked::with_history(text)
    };
    normalize::normalize(&mut tracked, options);
    if options.reflow {
        columns::split_columns(&mut tracked);
    }
    let mut removed_headers = if options.remove_artifacts {
        artifacts::remove_artifacts(&mut tracked)
    } else {
        Vec::new()
    };
    if !options.normalize_chars {
        // The text keeps its look-alikes, but what the headers say is read as plain text.
        for h in &mut removed_headers {
            *h = normalize::map_lookalikes(h);
        }
    }
    if options.reflow {
        interleave::split_interleaved(&mut tracked);
    }
    // The spacing style of the text, measured once for the passes that read it while the
    // text does not change in between.
    let mut style = spacing::StyleMemo::default();
    reflow::reflow_explained(&mut tracked, options, decisions.as_deref_mut(), &mut style);
    spacing::fix_spacing_with(&mut tracked, options, &mut style);
    // Reflowed text can still look wrapped (paragraphs of nearly one width): reflow until it
    // no longer changes, so that cleaning is idempotent. Real text settles in one more pass.
    for _ in 0..3 {
        if !reflow::reflow_explained(&mut tracked, options, decisions.as_deref_mut(), &mut style) {
            break;
        }
        spacing::fix_spacing_with(&mut tracked, options, &mut style);
    }
    if !options.reject.is_empty() {
        tracked = tracked.reject(&options.reject);
        single_breaks(&mut tracked);
    }
    Cleaned {
        text: tracked,
        removed_headers,
    }
}

/// Makes each run of line breaks and page-break marks one paragraph break (a blank line when
/// the run holds one, else one `\n`), and drops those at the ends: text a rejected fix leaves
/// (a line break it joined, a page footer with its line break) can bring them back.
fn single_breaks(text: &mut edit::Tracked) {
    let s = text.as_str();
    let mut edits = Vec::new();
    let mut at = 0;
    while let Some(i) = s[at..].find(['\n', '\u{C}']).map(|i| at + i) {
        let end = s[i..]
            .find(|c| !matches!(c, '\n' | '\u{C}'))
            .map_or(s.len(), |n| i + n);
        let inner = i > 0 && end < s.len();
        let blank = s[i..end].matches('\n').count() > 1;
        let sep = if blank { "\n\n" } else { "\n" };
        if !inner || &s[i..end] != sep {
            let replacement = if inner { sep } else { "" };
            edits.push(edit::Edit::replace(i..end, replacement, FixKind::Layout));
        }
        at = end;
    }
    text.apply(edits);
}

//! Structure detection: cleaned paragraphs → typed blocks (meta line, title, subtitle,
//! byline, headings with levels, paragraphs with their lead sentence, list items) and the
//! document's metadata.
//!
//! The rules read the shape of each paragraph (numbering, length, punctuation, case) and its
//! neighbours; nothing here knows a particular publication.
//!
//! In order: `header` (meta lines, title, subtitle, byline), `meta` (fields and dates),
//! `headings` (lists, headings and their levels, leads), then `assembly` joins the blocks
//! into the cleaned document. The shapes they read off a line are in `crate::shapes`.

mod assembly;
mod header;
mod headings;
mod meta;
mod roles;

pub(crate) use header::{is_byline, is_latin_names};
pub(crate) use meta::{find_numeric_date, parse_meta_line};

use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use self::assembly::assemble;
use self::header::*;
use self::headings::*;
use self::meta::*;
pub use self::roles::{role_feature_name, use_role_model, RoleDecision, N_ROLE_FEATURES};

use crate::edit::{Edit, Fix, FixKind};
use crate::shapes::{
    bullet_len, ends_open, ends_sentence, has_sentence_punct, is_closer, is_contents_entry,
    is_continuation_start, squash, squashes_to,
};
pub use crate::shapes::{numbering, Numbering};
use crate::text::{is_cjk_punct, is_cn_numeral, is_han};
use crate::Cleaned;

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The document's title.
    Title,
    /// A subtitle (副题 `——…`) or 引题, or a document number.
    Subtitle,
    /// Who wrote it.
    Byline,
    /// A source/date/page line.
    Meta,
    /// A section heading; see [`Block::level`].
    Heading,
    /// Body text.
    Paragraph,
    /// An item of a numbered or bulleted list.
    ListItem,
}

/// One block of the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its cleaned text.
    pub text: String,
    /// Heading level, 1 for the document's top level.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub level: Option<u8>,
    /// The paragraph's opening sentence when it works as a sub-heading.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub lead: Option<String>,
    /// Byte range of `text` in the cleaned document.
    #[serde(default)]
    pub range: Range<usize>,
    /// The heading's numbering or the list item's bullet at the start of `text`, as the
    /// structure stage read it (not serialized: it is part of `text`).
    #[serde(skip)]
    pub marker: Option<Marker>,
}

/// A block's marker: what opens a numbered heading or a list item, and its length in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// A numbering scheme (`一、`, `（一）`, `1.`, `1.1`, `第一章` …) of `len` bytes.
    Numbering(Numbering, usize),
    /// A bullet of `len` bytes (`•`, `-`, `·` …).
    Bullet(usize),
}

impl Marker {
    /// The marker of a block of `kind` with `text`: a heading's numbering, a list item's
    /// bullet (or numbering), none for the other kinds.
    pub fn of(kind: BlockKind, text: &str) -> Option<Marker> {
        match kind {
            BlockKind::Heading => numbering(text).map(|(n, len)| Marker::Numbering(n, len)),
            BlockKind::ListItem => crate::shapes::bullet_len(text)
                .map(Marker::Bullet)
                .or_else(|| numbering(text).map(|(n, len)| Marker::Numbering(n, len))),
            _ => None,
        }
    }
}

/// What the document says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Publication or site (`四川日报`).
    pub source: Option<String>,
    /// Publication date as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Page or edition (`001`).
    pub page: Option<String>,
    /// The title.
    pub title: Option<String>,
    /// The subtitle.
    pub subtitle: Option<String>,
    /// The byline, as printed.
    pub byline: Option<String>,
}

impl Meta {
    /// Fills the fields still unknown from `other`.
    fn fill_from(&mut self, other: Meta) {
        self.source = self.source.take().or(other.source);
        self.date = self.date.take().or(other.date);
        self.page = self.page.take().or(other.page);
        self.title = self.title.take().or(other.title);
        self.subtitle = self.subtitle.take().or(other.subtitle);
        self.byline = self.byline.take().or(other.byline);
    }
}

/// The typed blocks of a document and its metadata, before assembly.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Metadata found in the header.
    pub meta: Meta,
    /// One block per cleaned paragraph, in order.
    pub blocks: Vec<Block>,
}

/// The final document: cleaned text with blocks separated by a blank line, blocks with
/// their ranges in it, and every fix.
#[derive(Debug, Clone)]
pub struct Assembled {
    /// The cleaned document.
    pub cleaned: String,
    /// Metadata.
    pub meta: Meta,
    /// Blocks, with `range` set.
    pub blocks: Vec<Block>,
    /// Every fix, with ranges in the input and in `cleaned`.
    pub edits: Vec<Fix>,
}

/// Longest line, in non-space chars, that may be a CJK heading.
const MAX_HEADING_CHARS: usize = 40;
/// Longest unnumbered CJK heading: longer unpunctuated lines are wrapped body text.
const MAX_PLAIN_HEADING_CHARS: usize = 30;
/// Most words in a Latin-script heading.
const MAX_HEADING_WORDS: usize = 10;
/// Longest title, in non-space chars.
const MAX_TITLE_CHARS: usize = 80;
/// How many paragraphs from the top the header block (meta lines, title, byline) may span.
const HEADER_SPAN: usize = 12;
/// How many paragraphs into the body `Key: value` fields are still read as metadata.
const FIELD_SPAN: usize = 20;

/// Classifies each paragraph and reads the metadata out of the header lines.
///
/// # Examples
///
/// ```
/// use qingwen::structure::detect_structure;
/// use qingwen::BlockKind;
/// let doc = detect_structure(&[
///     "人民日报 2026年6月12日 星期五",
///     "稳中求进 行稳致远",
///     "本报记者 张三",
///     "一、总体要求",
///     "坚持稳中求进工作总基调，推动高质量发展。",
/// ]);
/// assert_eq!(doc.meta.date.as_deref(), Some("2026-06-12"));
/// assert_eq!(doc.meta.title.as_deref(), Some("稳中求进 行稳致远"));
/// assert_eq!(doc.blocks[3].kind, BlockKind::Heading);
/// ```
pub fn detect_structure(paragraphs: &[&str]) -> Document {
    detect_structure_with(paragraphs, &[])
}

/// Like [`detect_structure`], also reading the running headers the cleaner removed (they
/// often carry the source, the date and the full title of the document), their look-alike
/// chars already mapped ([`crate::Cleaned::removed_headers`]).
pub fn detect_structure_with(paragraphs: &[&str], removed_headers: &[&str]) -> Document {
    detect_structure_logged(paragraphs, removed_headers, None)
}

/// The heading decision about every candidate paragraph of a document (those the rules
/// and the role model are asked about), with its features: what
/// `examples/role_dataset.rs` exports to train the model.
pub fn explain_roles(paragraphs: &[&str], removed_headers: &[&str]) -> Vec<RoleDecision> {
    let mut log = Vec::new();
    detect_structure_logged(paragraphs, removed_headers, Some(&mut log));
    log
}

/// [`detect_structure_with`], collecting the role decisions when `log` asks for them.
fn detect_structure_logged(
    paragraphs: &[&str],
    removed_headers: &[&str],
    log: Option<&mut Vec<RoleDecision>>,
) -> Document {
    let cjk = is_cjk_text(paragraphs);
    let mut meta = Meta::default();
    let mut blocks = paragraph_blocks(paragraphs);
    mark_repeated_header(paragraphs, &mut blocks);
    let hint = removed_headers
        .iter()
        .find_map(|h| split_page_title(h).map(|(t, _)| t));
    let body_start = detect_header(paragraphs, cjk, hint, &mut meta, &mut blocks);
    detect_fields(paragraphs, body_start, &mut meta, &mut blocks);
    detect_lists(paragraphs, body_start, &mut blocks);
    detect_headings(paragraphs, body_start, cjk, &mut blocks, log);
    detect_leads(cjk, &mut blocks);
    if meta.date.is_none() {
        meta.date = paragraphs
            .iter()
            .take(body_start + FIELD_SPAN)
            .find_map(|p| labelled_date(p))
            .or_else(|| closing_date(paragraphs));
    }
    for h in removed_headers {
        if let Some(m) = parse_meta_line(h) {
            meta.fill_from(Meta { page: None, ..m });
        } else if let Some((_, site)) = split_page_title(h) {
            meta.source.get_or_insert_with(|| site.to_owned());
        }
    }
    Document { meta, blocks }
}

// ---------------------------------------------------------------------------------------
// Small text helpers

/// One block per paragraph, each a plain paragraph until the rules say otherwise.
fn paragraph_blocks(paragraphs: &[&str]) -> Vec<Block> {
    paragraphs
        .iter()
        .map(|p| Block {
            kind: BlockKind::Paragraph,
            text: (*p).to_owned(),
            level: None,
            lead: None,
            range: 0..0,
            marker: None,
        })
        .collect()
}

/// Non-whitespace chars in `s`.
fn count(s: &str) -> usize {
    crate::text::non_space_chars(s)
}

fn han_count(s: &str) -> usize {
    s.chars().filter(|c| is_han(*c)).count()
}

/// Whether the text is mostly Chinese (a Han character weighs about a Latin word).
fn is_cjk_text(paras: &[&str]) -> bool {
    let (mut han, mut latin) = (0usize, 0usize);
    for p in paras {
        for c in p.chars() {
            if is_han(c) {
                han += 1;
            } else if c.is_ascii_alphabetic() {
                latin += 1;
            }
        }
    }
    han * 3 >= latin && han > 0
}

/// Words of a Latin-script line.
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split_whitespace()
}

/// Short function words that stay lower case in a Title Case heading.
const MINOR_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "for", "of", "on", "in", "at", "to", "by", "with",
    "from", "as", "via", "vs", "vs.", "per", "into", "onto", "over", "under", "is", "are", "not",
    "its",
];

/// `Cannot Change`, `Case-by-Case Exemptions`, `Allowed to Change`.
fn is_title_case(s: &str) -> bool {
    let mut any = false;
    for (k, w) in words(s).enumerate() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = w.chars().next() else {
            continue;
        };
        if first.is_ascii_digit() {
            continue;
        }
        if !first.is_alphabetic() {
            return false;
        }
        if first.is_uppercase() {
            any = true;
        } else if k == 0 || !MINOR_WORDS.contains(&w.to_lowercase().as_str()) {
            return false;
        }
    }
    any
}

/// `SECURITY CONSIDERATIONS`.
fn is_all_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// Section names that standards, proposals and papers use (RFC, PEP, IETF, IMRaD).
const SECTION_NAMES: &[&str] = &[
    "abstract",
    "summary",
    "introduction",
    "background",
    "overview",
    "motivation",
    "rationale",
    "specification",
    "terminology",
    "requirements",
    "guide-level explanation",
    "reference-level explanation",
    "detailed design",
    "design",
    "drawbacks",
    "alternatives",
    "rationale and alternatives",
    "prior art",
    "related work",
    "unresolved questions",
    "open questions",
    "open issues",
    "future possibilities",
    "future work",
    "backwards compatibility",
    "backward compatibility",
    "security considerations",
    "security implications",
    "privacy considerations",
    "iana considerations",
    "how to teach this",
    "reference implementation",
    "rejected ideas",
    "methods",
    "results",
    "discussion",
    "conclusion",
    "conclusions",
    "limitations",
    "acknowledgements",
    "acknowledgments",
    "references",
    "normative references",
    "informative references",
    "footnotes",
    "appendix",
    "copyright",
    "examples",
    "usage",
];

fn is_section_name(s: &str) -> bool {
    let t = s.trim().trim_end_matches(':').to_lowercase();
    SECTION_NAMES.contains(&t.as_str())
}

/// Chinese section words that are never a byline: `前言`, `摘要` …
const CN_SECTION_WORDS: &[&str] = &[
    "前言",
    "引言",
    "摘要",
    "概述",
    "导语",
    "目录",
    "正文",
    "附件",
    "总则",
    "附则",
    "结语",
    "结论",
    "背景",
    "简介",
    "说明",
    "序言",
    "后记",
    "参考文献",
    "致谢",
    "小结",
    "编者按",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_headings_and_leads() {
        let paras = [
            "四川日报/2024年/2月/20日/第001版",
            "奋进现代化建设新征程 彰显组织工作新担当新作为",
            "——2023年全省组织工作综述",
            "川组宣 四川日报全媒体记者 樊邦平",
            "2023年,是全面贯彻X的二十大精神的开局之年。",
            "突出凝心铸魂 高举思想旗帜",
            "时代孕育思想,思想指引航程。全省组织工作高举思想之旗。",
            "高标准组织开展主题教育。坚持把开展学习贯彻主题教育作为一项重大任务。",
            "高站位抓好重要指示精神学习贯彻。建立第一议题制度。",
        ];
        let doc = detect_structure(&paras);
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            vec![
                Meta, Title, Subtitle, Byline, Paragraph, Heading, Paragraph, Paragraph, Paragraph
            ]
        );
        assert_eq!(
            doc.meta.byline.as_deref(),
            Some("川组宣 四川日报全媒体记者 樊邦平")
        );
        assert_eq!(doc.blocks[6].lead, None);
        assert_eq!(
            doc.blocks[7].lead.as_deref(),
            Some("高标准组织开展主题教育。")
        );
    }

    #[test]
    fn the_documents_language_and_latin_heading_shapes() {
        assert!(is_cjk_text(&["这是一段中文文字。", "Some words"]));
        assert!(!is_cjk_text(&["Only English text in this document."]));
        assert!(is_title_case("Case-by-Case Exemptions") && is_title_case("Allowed to Change"));
        assert!(!is_title_case("Allowed to change the rules"));
        assert!(is_all_caps("ABSTRACT") && !is_all_caps("Abstract"));
        assert!(is_section_name("Abstract") && is_section_name("References:"));
        assert!(!is_section_name("Allowed to Change") && CN_SECTION_WORDS.contains(&"参考文献"));
        assert_eq!(count(" 第 1 页 "), 3);
    }
}

//! Structure detection: cleaned paragraphs → typed blocks (meta line, title, subtitle,
//! byline, headings with levels, paragraphs with their lead sentence, list items) and the
//! document's metadata.
//!
//! The rules read the shape of each paragraph (numbering, length, punctuation, case) and its
//! neighbours; nothing here knows a particular publication.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::edit::{Edit, Fix, FixKind};
use crate::shapes::{
    bullet_len, ends_open, ends_sentence, has_sentence_punct, is_closer, is_continuation_start,
    squash,
};
pub use crate::shapes::{numbering, Numbering};
use crate::text::{is_cjk_punct, is_cn_numeral, is_han};
use crate::Cleaned;

/// Field names that label a date (`Published:`, `发布日期：`).
const DATE_KEYS: [&str; 7] = [
    "date",
    "created",
    "published",
    "updated",
    "posted",
    "日期",
    "时间",
];

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
    let cjk = is_cjk_text(paragraphs);
    let mut meta = Meta::default();
    let mut blocks: Vec<Block> = paragraphs
        .iter()
        .map(|p| Block {
            kind: BlockKind::Paragraph,
            text: (*p).to_owned(),
            level: None,
            lead: None,
            range: 0..0,
        })
        .collect();
    mark_repeated_header(paragraphs, &mut blocks);
    let hint = removed_headers
        .iter()
        .find_map(|h| split_page_title(h).map(|(t, _)| t));
    let body_start = detect_header(paragraphs, cjk, hint, &mut meta, &mut blocks);
    detect_fields(paragraphs, body_start, &mut meta, &mut blocks);
    detect_lists(paragraphs, body_start, &mut blocks);
    detect_headings(paragraphs, body_start, cjk, &mut blocks);
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

/// Non-whitespace chars in `s`.
fn count(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
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

// ---------------------------------------------------------------------------------------
// Header: meta lines, title, 引题/副题, byline

/// Marks the first paragraph as a running header when the same line comes back later in
/// the document (a page header the cleaner left in).
fn mark_repeated_header(paras: &[&str], blocks: &mut [Block]) {
    let Some(first) = paras.first() else {
        return;
    };
    let key = squash(first);
    let n = key.chars().count();
    if !(2..=40).contains(&n) || ends_sentence(first) {
        return;
    }
    let copies: Vec<usize> = (1..paras.len())
        .filter(|&i| squash(paras[i]) == key)
        .collect();
    if copies.is_empty() {
        return;
    }
    blocks[0].kind = BlockKind::Meta;
    for i in copies {
        blocks[i].kind = BlockKind::Meta;
    }
}

/// Splits a web page's printed title `Title | Site` or `Title - Site` into its two parts.
fn split_page_title(h: &str) -> Option<(&str, &str)> {
    let h = h.trim();
    for sep in [" | ", "｜ ", " - ", " – ", " — ", " _ "] {
        if let Some(i) = h.rfind(sep) {
            let (title, site) = (h[..i].trim(), h[i + sep.len()..].trim());
            if !title.is_empty() && !site.is_empty() && count(site) <= 40 {
                return Some((title, site));
            }
        }
    }
    None
}

/// Reads the header block (meta lines, 引题, title, 副题, document number, byline);
/// returns the index of the first body paragraph.
fn detect_header(
    paras: &[&str],
    cjk: bool,
    removed_hint: Option<&str>,
    meta: &mut Meta,
    blocks: &mut [Block],
) -> usize {
    let n = paras.len();
    let limit = n.min(HEADER_SPAN);
    let mut hint: Option<String> = removed_hint.map(squash);
    let mut i = 0;
    // Source/date/page lines and running headers come first.
    while i < limit {
        let p = paras[i].trim();
        if p.is_empty() {
            i += 1;
            continue;
        }
        if blocks[i].kind == BlockKind::Meta {
            match parse_meta_line(p) {
                Some(m) => meta.fill_from(m),
                None => {
                    let source = split_page_title(p).map_or(p, |(_, site)| site);
                    meta.source.get_or_insert_with(|| source.to_owned());
                }
            }
        } else if let Some(m) = parse_meta_line(p) {
            meta.fill_from(m);
            blocks[i].kind = BlockKind::Meta;
        } else if let Some((title, site)) = split_page_title(p).filter(|(title, _)| {
            paras.get(i + 1).is_some_and(|q| {
                let (t, q) = (squash(title), squash(q));
                !q.is_empty() && t.starts_with(&q)
            })
        }) {
            hint = Some(squash(title));
            meta.source.get_or_insert_with(|| site.to_owned());
            blocks[i].kind = BlockKind::Meta;
        } else if let Some(f) = parse_field(p).filter(|f| f.is_meta()) {
            apply_field(&f, meta);
            blocks[i].kind = f.block_kind();
        } else {
            break;
        }
        i += 1;
    }
    if i >= n || !is_title_like(paras[i], cjk) {
        return i;
    }
    // A short 引题 above a longer title.
    let mut t = i;
    if is_intro_title(paras, i, cjk) {
        // Chinese papers print a 引题 over the title; in English the line over the title
        // is a kicker or the page's running header.
        if cjk {
            blocks[i].kind = BlockKind::Subtitle;
            meta.subtitle = Some(paras[i].trim().to_owned());
        } else {
            blocks[i].kind = BlockKind::Meta;
        }
        t = i + 1;
    }
    // The title, and the lines it wrapped onto.
    let mut end = t + 1;
    while end < limit
        && continues_title(
            &paras[t..end],
            paras[end],
            paras.get(end + 1).copied(),
            cjk,
            hint.as_deref(),
        )
    {
        end += 1;
    }
    for b in &mut blocks[t..end] {
        b.kind = BlockKind::Title;
    }
    meta.title = Some(join_lines(&paras[t..end]));
    i = end;
    // 副题, document number, byline, dateline, fields.
    let mut right_after_title = true;
    while i < limit {
        let p = paras[i].trim();
        if p.is_empty() {
            i += 1;
            continue;
        }
        if is_subtitle_line(p) || is_document_number(p) {
            blocks[i].kind = BlockKind::Subtitle;
            meta.subtitle.get_or_insert_with(|| p.to_owned());
        } else if is_byline(p)
            || right_after_title && meta.byline.is_none() && (is_bare_names(p) || is_latin_names(p))
        {
            blocks[i].kind = BlockKind::Byline;
            meta.byline.get_or_insert_with(|| p.to_owned());
        } else if let Some(m) = parse_meta_line(p) {
            meta.fill_from(m);
            blocks[i].kind = BlockKind::Meta;
        } else if let Some(f) = parse_field(p) {
            apply_field(&f, meta);
            blocks[i].kind = f.block_kind();
        } else {
            break;
        }
        right_after_title = blocks[i].kind == BlockKind::Subtitle;
        i += 1;
    }
    i
}

/// Joins a title's wrapped lines: without a space between CJK characters, with one
/// between Latin words.
fn join_lines(lines: &[&str]) -> String {
    let mut out = String::new();
    for l in lines {
        let l = l.trim();
        let glue = match (out.chars().last(), l.chars().next()) {
            (Some(a), Some(b)) => !(is_han(a) || is_cjk_punct(a) || is_han(b) || is_cjk_punct(b)),
            _ => false,
        };
        if glue {
            out.push(' ');
        }
        out.push_str(l);
    }
    out
}

/// A line that may be a title: short, not numbered, not a sentence (a question is fine).
fn is_title_like(p: &str, cjk: bool) -> bool {
    let t = p.trim();
    let n = count(t);
    (1..=MAX_TITLE_CHARS).contains(&n)
        && !t.contains('。')
        && (!ends_sentence(t) || t.ends_with(['？', '?', '！', '!']))
        && !ends_open(t)
        && numbering(t).is_none()
        && !is_byline(t)
        && parse_meta_line(t).is_none()
        && parse_field(t).is_none()
        && !is_subtitle_line(t)
        && !is_document_number(t)
        && (!cjk || t.chars().any(|c| is_han(c) || c.is_alphanumeric()))
}

/// A line the header can continue with after the title: subtitle, byline, date, fields.
fn is_header_line(p: &str) -> bool {
    let p = p.trim();
    is_subtitle_line(p)
        || is_document_number(p)
        || is_byline(p)
        || is_bare_names(p)
        || is_latin_names(p)
        || parse_meta_line(p).is_some()
        || parse_field(p).is_some()
}

/// Whether `paras[i]` is a 引题: a short line over a longer title, the header going on
/// after that title.
fn is_intro_title(paras: &[&str], i: usize, cjk: bool) -> bool {
    let (Some(p), Some(q)) = (paras.get(i), paras.get(i + 1)) else {
        return false;
    };
    let (p, q) = (p.trim(), q.trim());
    // The body may also open straight with a numbered heading (`第一章`, `一、`).
    let after_ok = paras.get(i + 2).is_some_and(|a| {
        is_header_line(a)
            || matches!(
                numbering(a.trim()),
                Some((Numbering::Chapter(_) | Numbering::CnComma, _))
            )
    });
    is_title_like(q, cjk)
        && !is_header_line(q)
        && !(is_byline(p) || parse_meta_line(p).is_some() || parse_field(p).is_some())
        && count(q) > count(p)
        && (!cjk || han_count(q) > 0)
        && after_ok
}

/// Whether `next` carries on the title made of `lines`, which wrapped there.
fn continues_title(
    lines: &[&str],
    next: &str,
    after: Option<&str>,
    cjk: bool,
    hint: Option<&str>,
) -> bool {
    let next = next.trim();
    if !is_title_like(next, cjk) || is_header_line(next) {
        return false;
    }
    let so_far = squash(&lines.concat());
    if let Some(h) = hint {
        if h.starts_with(&so_far) && h.len() > so_far.len() {
            return h.starts_with(&(so_far + &squash(next)));
        }
    }
    let Some(last) = lines.last().map(|l| l.trim()) else {
        return false;
    };
    if !after.is_some_and(is_header_line) || ends_sentence(last) {
        return false;
    }
    if cjk {
        let latin_word = lines.len() == 1 && han_count(last) == 0 && words(last).count() == 1;
        latin_word && han_count(next) > 0
            || count(last) >= 12 && !last.contains(char::is_whitespace) && count(next) < count(last)
    } else {
        words(last).count() >= 3 && words(next).count() <= 4 && next.len() < last.len()
    }
}

/// `——2023年全省组织工作综述`, `-- a subtitle`.
fn is_subtitle_line(p: &str) -> bool {
    let p = p.trim_start();
    (p.starts_with("——")
        || p.starts_with(['⸺', '⸻'])
        || p.starts_with("--")
        || p.starts_with('—') && p.chars().nth(1).is_some_and(|c| c != '—'))
        && count(p) <= MAX_TITLE_CHARS
        && !has_sentence_punct(p)
}

/// `国发〔2019〕3号`, `国办函〔2018〕71号`.
pub fn is_document_number(p: &str) -> bool {
    let p = p.trim();
    count(p) <= 30
        && (p.contains('〔') && p.contains('〕') || p.contains('[') && p.contains(']'))
        && p.ends_with('号')
}

/// `本报记者 邓建胜`, `川组宣 四川日报全媒体记者 樊邦平`, `By Jane Doe`, `原文作者：…`.
pub fn is_byline(p: &str) -> bool {
    let p = p.trim();
    let n = count(p);
    if n > MAX_HEADING_CHARS || ends_sentence(p) && !p.ends_with('）') || has_sentence_punct(p) {
        return false;
    }
    const LABELS: &[&str] = &[
        "记者",
        "作者",
        "通讯员",
        "撰文",
        "撰稿",
        "文/",
        "文／",
        "文 /",
        "译者",
        "编译",
        "特约评论员",
    ];
    let lower = p.to_lowercase();
    LABELS.iter().any(|l| p.contains(l))
        || (lower.starts_with("by ")
            || lower.starts_with("author:")
            || lower.starts_with("authors:"))
            && n <= 80
}

/// `颉满斌`, `张三 李四`: bare Chinese names as a byline right under the title.
fn is_bare_names(p: &str) -> bool {
    let parts: Vec<&str> = p.split_whitespace().collect();
    !parts.is_empty()
        && parts.len() <= 4
        && parts.iter().all(|w| {
            let n = w.chars().count();
            (2..=4).contains(&n) && w.chars().all(|c| is_han(c) || c == '·')
        })
        && !parts.iter().any(|w| CN_SECTION_WORDS.contains(w))
        && numbering(p.trim()).is_none()
        && han_count(p) <= 12
}

/// `Brett Cannon, Jesse Noller, Guido van Rossum`: Latin names as a byline.
fn is_latin_names(p: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "bin", "al", "del",
    ];
    let p = p.trim();
    if p.is_empty() || p.len() > 120 || p.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let names: Vec<&str> = p
        .split([',', '&', ';'])
        .flat_map(|s| s.split(" and "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    !names.is_empty()
        && names.iter().all(|name| {
            let ws: Vec<&str> = words(name).collect();
            (2..=4).contains(&ws.len())
                && ws.iter().all(|w| {
                    let first = w.chars().next().unwrap_or(' ');
                    (first.is_uppercase()
                        && w.chars()
                            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'')))
                        || PARTICLES.contains(w)
                })
        })
}

/// A `Key: value` field of a document's front matter (`Start Date: 2018-05-04`,
/// `发布时间：2026-06-12 07:24`, `来源：人民网`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Field<'a> {
    key: &'a str,
    value: &'a str,
}

/// What a field tells about the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldRole {
    Date,
    Source,
    Byline,
    Other,
}

impl Field<'_> {
    fn role(&self) -> FieldRole {
        let k = self.key.to_lowercase();
        if DATE_KEYS.iter().any(|w| k.contains(w)) {
            FieldRole::Date
        } else if ["来源", "source", "出处", "发布机构", "发文机关"]
            .iter()
            .any(|w| k.contains(w))
        {
            FieldRole::Source
        } else if ["作者", "author", "记者", "撰稿", "by"]
            .iter()
            .any(|w| k == *w || k.contains(w) && !k.is_ascii())
        {
            FieldRole::Byline
        } else {
            FieldRole::Other
        }
    }

    /// Whether the field names the date, source or author.
    fn is_meta(&self) -> bool {
        self.role() != FieldRole::Other
    }

    /// Chinese page furniture is meta; an English front-matter field is a list item.
    fn block_kind(&self) -> BlockKind {
        match self.role() {
            FieldRole::Byline => BlockKind::Byline,
            _ if self.key.is_ascii() => BlockKind::ListItem,
            _ => BlockKind::Meta,
        }
    }
}

/// Chinese field names a web page or official document prints in its header.
const CN_FIELD_KEYS: &[&str] = &[
    "来源",
    "发布时间",
    "发布日期",
    "时间",
    "日期",
    "作者",
    "原文作者",
    "责任编辑",
    "编辑",
    "记者",
    "通讯员",
    "发文字号",
    "文号",
    "发文机关",
    "成文日期",
    "发布机构",
    "索引号",
    "主题分类",
    "出处",
    "译者",
    "校对",
    "原文链接",
    "原文",
];

fn parse_field(p: &str) -> Option<Field<'_>> {
    let p = p.trim();
    let (i, sep) = p.char_indices().find(|(_, c)| matches!(c, ':' | '：'))?;
    let key = p[..i].trim();
    let value = p[i + sep.len_utf8()..].trim();
    if key.is_empty() || value.is_empty() || value.len() > 100 {
        return None;
    }
    let ok = if key.is_ascii() {
        let ws: Vec<&str> = words(key).collect();
        (1..=4).contains(&ws.len())
            && key.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && key
                .chars()
                .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '-'))
            && !value.contains(". ")
            && !value.starts_with("//")
            && words(value).count() <= 8
    } else {
        CN_FIELD_KEYS.contains(&key) && !has_sentence_punct(value) && count(value) <= 40
    };
    ok.then_some(Field { key, value })
}

fn apply_field(f: &Field<'_>, meta: &mut Meta) {
    match f.role() {
        FieldRole::Date => {
            if meta.date.is_none() {
                meta.date = find_date(f.value).map(|d| d.0);
            }
        }
        FieldRole::Source => {
            meta.source.get_or_insert_with(|| f.value.to_owned());
        }
        FieldRole::Byline => {
            meta.byline
                .get_or_insert_with(|| format!("{}：{}", f.key, f.value));
        }
        FieldRole::Other => {}
    }
}

/// Reads `Key: value` front matter in the first paragraphs of the body.
fn detect_fields(paras: &[&str], body_start: usize, meta: &mut Meta, blocks: &mut [Block]) {
    let end = paras.len().min(body_start + FIELD_SPAN);
    for i in body_start..end {
        if blocks[i].kind != BlockKind::Paragraph {
            continue;
        }
        if let Some(m) = parse_meta_line(paras[i]) {
            // A dateline the extractor moved below the first paragraph.
            meta.fill_from(m);
            blocks[i].kind = BlockKind::Meta;
        } else if let Some(f) = parse_field(paras[i]) {
            // A body line with a colon is a field only when it names the date, source or
            // author, or sits among other fields.
            let neighbour_field = |j: usize| paras.get(j).is_some_and(|q| parse_field(q).is_some());
            if f.is_meta() || i > 0 && neighbour_field(i - 1) || neighbour_field(i + 1) {
                apply_field(&f, meta);
                blocks[i].kind = f.block_kind();
            }
        }
    }
}

/// A date right after a date label anywhere in the line (`… Start Date: 2018-05-04 …`,
/// `发布时间：2026-06-12 07:24`), as text extracted from columns has it.
fn labelled_date(p: &str) -> Option<String> {
    p.char_indices()
        .filter(|(_, c)| matches!(c, ':' | '：'))
        .find_map(|(i, c)| {
            // Only the key's end matters: looking further back made a long line with many
            // colons quadratic.
            let mut from = i.saturating_sub(32);
            while !p.is_char_boundary(from) {
                from += 1;
            }
            let key = p[from..i]
                .split_whitespace()
                .next_back()
                .unwrap_or("")
                .to_lowercase();
            let is_date_key = DATE_KEYS.iter().any(|k| key.ends_with(k));
            if !is_date_key {
                return None;
            }
            // A date right after the label is short; don't scan the rest of a long line.
            let value = p[i + c.len_utf8()..].trim_start();
            let mut to = value.len().min(64);
            while !value.is_char_boundary(to) {
                to -= 1;
            }
            let (date, r) = find_date(&value[..to]).filter(|(_, r)| r.start == 0)?;
            (r.start == 0).then_some(date)
        })
}

/// The date a document closes with (an official document's 成文日期 under its signature).
fn closing_date(paras: &[&str]) -> Option<String> {
    paras.iter().rev().take(6).find_map(|p| {
        let p = p.trim();
        let (date, r) = find_date(p)?;
        let rest = count(&p[..r.start]) + count(&p[r.end..]);
        (rest <= 2).then_some(date)
    })
}

/// Parses a source/date/page line (`四川日报/2024 年/2 月/20 日/第 001 版`,
/// `人民日报 2026年6月12日 星期五`, `《 人民日报 》（ 2026年06月12日 01 版）`,
/// `2026-06-12 07:24 来源：人民网`, `发布时间：2026-06-12`).
pub fn parse_meta_line(p: &str) -> Option<Meta> {
    let p = p.trim();
    if count(p) > 60 || p.contains(['。', '，', '；']) || p.ends_with(['.', '!', '?']) {
        return None;
    }
    let (date, date_range) = find_date(p)?;
    let before = p[..date_range.start].trim();
    let after = p[date_range.end..].trim();
    // Source: what precedes the date, without labels and brackets.
    let mut source = strip_label(before)
        .trim_matches(|c: char| c.is_whitespace() || "/|｜·•《》（）()[]【】".contains(c))
        .to_owned();
    // After the date: a time, a weekday, the page, `来源：…`; nothing else.
    let mut rest = after;
    let mut page = None;
    let mut leftover = 0;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() || "/|｜·•（）()【】[],，".contains(c) {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if let Some(r) = skip_time(rest).or_else(|| skip_weekday(rest)).or_else(|| {
            let (pg, r) = skip_page(rest)?;
            page.get_or_insert(pg);
            Some(r)
        }) {
            rest = r;
            continue;
        }
        if let Some(v) = ["来源：", "来源:", "来源"]
            .iter()
            .find_map(|l| rest.strip_prefix(l))
        {
            let v = v.trim();
            let end = v.find(char::is_whitespace).unwrap_or(v.len());
            if source.is_empty() {
                source = v[..end].to_owned();
            }
            rest = &v[end..];
            continue;
        }
        leftover += 1;
        rest = &rest[c.len_utf8()..];
    }
    if leftover > 6 || count(&source) > 20 {
        return None;
    }
    Some(Meta {
        source: (!source.is_empty()).then_some(source),
        date: Some(date),
        page,
        ..Meta::default()
    })
}

/// `发布时间：`, `来源：`, `Published:`, `Date:` at the start of `s`.
fn strip_label(s: &str) -> &str {
    let s = s.trim();
    match s.char_indices().find(|(_, c)| matches!(c, ':' | '：')) {
        Some((i, c)) if count(&s[..i]) <= 20 => {
            let key = s[..i].trim();
            let is_label = CN_FIELD_KEYS.contains(&key)
                || key.is_ascii() && key.chars().all(|c| c.is_ascii_alphabetic() || c == ' ');
            if is_label {
                s[i + c.len_utf8()..].trim()
            } else {
                s
            }
        }
        _ => s,
    }
}

/// `07:24`, `07:24:05` at the start of `s`; returns the rest.
fn skip_time(s: &str) -> Option<&str> {
    let d = s.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&d) {
        return None;
    }
    let mut r = s[d..].strip_prefix([':', '：'])?;
    let m = r.bytes().take_while(u8::is_ascii_digit).count();
    if m != 2 {
        return None;
    }
    r = &r[m..];
    if let Some(sec) = r.strip_prefix(':') {
        let k = sec.bytes().take_while(u8::is_ascii_digit).count();
        if k == 2 {
            r = &sec[k..];
        }
    }
    Some(r)
}

/// `星期五`, `周五`, `Friday` at the start of `s`.
fn skip_weekday(s: &str) -> Option<&str> {
    for prefix in ["星期", "礼拜", "周"] {
        if let Some(r) = s.strip_prefix(prefix) {
            let c = r.chars().next()?;
            if "一二三四五六日天".contains(c) {
                return Some(&r[c.len_utf8()..]);
            }
        }
    }
    const DAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let w: String = s.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let lw = w.to_lowercase();
    (w.len() >= 3 && DAYS.iter().any(|d| d.starts_with(&lw))).then(|| &s[w.len()..])
}

/// `第 001 版`, `01 版`, `A01版` at the start of `s`: the page and the rest.
fn skip_page(s: &str) -> Option<(String, &str)> {
    let r = s.strip_prefix('第').unwrap_or(s).trim_start();
    let letter = r.chars().next().filter(|c| c.is_ascii_uppercase());
    let r2 = letter.map_or(r, |c| &r[c.len_utf8()..]);
    let d = r2.bytes().take_while(u8::is_ascii_digit).count();
    if d == 0 {
        return None;
    }
    let after = r2[d..].trim_start();
    let after = after
        .strip_prefix('版')
        .or_else(|| after.strip_prefix('页'))?;
    let page = format!(
        "{}{}",
        letter.map(String::from).unwrap_or_default(),
        &r2[..d]
    );
    Some((page, after))
}

/// English month names and abbreviations, January = 1.
fn month_number(w: &str) -> Option<u32> {
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = w.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w) && (w.len() == 3 || w.len() == m.len() || w == "sept"))
        .map(|i| i as u32 + 1)
}

fn valid_date(y: u32, m: u32, d: u32) -> Option<String> {
    ((1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Finds the first full date in `p`: `2024 年/2 月/20 日`, `2026年06月12日`, `2026-06-12`,
/// `2026/6/12`, `2026.06.12`, `21-Oct-2009`, `21 October 2009`, `October 21, 2009`.
/// Returns it as `YYYY-MM-DD` with its byte range.
pub fn find_date(p: &str) -> Option<(String, Range<usize>)> {
    find_numeric_date(p).or_else(|| find_english_date(p))
}

fn find_numeric_date(p: &str) -> Option<(String, Range<usize>)> {
    let b = p.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            let year: u32 = p[i..i + 4].parse().ok()?;
            let mut rest = &p[i + 4..];
            let mut nums = vec![];
            let mut end = i + 4;
            for unit in ['月', '日'] {
                let skipped = rest.trim_start_matches([' ', '/', '年', '-', '.', '／', '月', '　']);
                let digits: String = skipped.chars().take_while(|c| c.is_ascii_digit()).collect();
                if digits.is_empty() || digits.len() > 2 {
                    break;
                }
                nums.push(digits.parse::<u32>().ok()?);
                let after = &skipped[digits.len()..];
                let after_unit = after.trim_start().strip_prefix(unit).unwrap_or(after);
                end = p.len() - after_unit.len();
                rest = after_unit;
            }
            if let [m, d] = nums[..] {
                if let Some(date) = valid_date(year, m, d) {
                    return Some((date, i..end));
                }
            }
        }
        i += 1;
    }
    None
}

fn find_english_date(p: &str) -> Option<(String, Range<usize>)> {
    // Tokens with their byte ranges: runs of letters or of digits.
    let mut toks: Vec<(&str, Range<usize>)> = Vec::new();
    let mut start = None;
    for (i, c) in p.char_indices().chain(std::iter::once((p.len(), ' '))) {
        let kind = |c: char| {
            if c.is_ascii_alphabetic() {
                1
            } else if c.is_ascii_digit() {
                2
            } else {
                0
            }
        };
        match start {
            Some(s) if kind(c) != kind(p[s..].chars().next().unwrap_or(' ')) => {
                toks.push((&p[s..i], s..i));
                start = (kind(c) != 0).then_some(i);
            }
            None if kind(c) != 0 => start = Some(i),
            _ => {}
        }
    }
    let num = |t: &str, max: usize| -> Option<u32> {
        (t.bytes().all(|b| b.is_ascii_digit()) && t.len() <= max).then(|| t.parse().ok())?
    };
    for w in toks.windows(3) {
        let [(a, ra), (b, _), (c, rc)] = w else {
            continue;
        };
        // 21-Oct-2009, 21 October 2009
        if let (Some(d), Some(m), Some(y)) = (num(a, 2), month_number(b), num(c, 4)) {
            if c.len() == 4 {
                if let Some(date) = valid_date(y, m, d) {
                    return Some((date, ra.start..rc.end));
                }
            }
        }
        // October 21, 2009
        if let (Some(m), Some(d), Some(y)) = (month_number(a), num(b, 2), num(c, 4)) {
            if c.len() == 4 {
                if let Some(date) = valid_date(y, m, d) {
                    return Some((date, ra.start..rc.end));
                }
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------------------
// Numbering

/// The first sentence of `p` (through its `。`/`！`/`？`, or a Latin `. `), if `p` goes on
/// after it.
fn first_sentence(p: &str) -> Option<&str> {
    // The `1.` of an enumerator ends no sentence.
    let skip = numbering(p).map_or(0, |(_, len)| len);
    let mut chars = p.char_indices().skip_while(|(i, _)| *i < skip).peekable();
    while let Some((i, c)) = chars.next() {
        let end = match c {
            '。' | '！' | '？' => true,
            '.' | '!' | '?' => {
                let before = p[..i].chars().next_back();
                chars.peek().is_some_and(|(_, n)| n.is_whitespace())
                    && before
                        .is_some_and(|b| b.is_lowercase() || b.is_ascii_digit() || is_closer(b))
            }
            _ => false,
        };
        if end {
            let mut cut = i + c.len_utf8();
            // Keep a closing quote or bracket with its sentence.
            while let Some(&(j, n)) = chars.peek() {
                if is_closer(n) && n != ')' && n != '）' {
                    cut = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            return (!p[cut..].trim().is_empty()).then(|| &p[..cut]);
        }
    }
    None
}

// ---------------------------------------------------------------------------------------
// Lists and headings

/// Marks bulleted items, `1)` / `a)` items and `[1]` references as list items.
fn detect_lists(paras: &[&str], body_start: usize, blocks: &mut [Block]) {
    for i in body_start..paras.len() {
        if blocks[i].kind != BlockKind::Paragraph {
            continue;
        }
        let p = paras[i].trim_start();
        let numbered_item = matches!(
            numbering(p),
            Some((Numbering::CloseParen | Numbering::Bracket, _))
        );
        if bullet_len(p).is_some() || numbered_item {
            blocks[i].kind = BlockKind::ListItem;
        }
    }
}

/// A caption, a photo credit or a table row: short lines that are never headings.
fn is_caption_or_table(t: &str) -> bool {
    // The labels are ASCII or CJK, so comparing the head case-insensitively in ASCII is
    // lowercasing without copying the paragraph.
    let caption = ["图", "表", "figure", "fig.", "table", "chart", "photo"]
        .iter()
        .any(|w| {
            t.get(..w.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(w))
                && t[w.len()..]
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit() || is_cn_numeral(c))
        })
        || t.ends_with('摄')
        || t.starts_with(['（', '(', '【', '['])
            && t.ends_with(['）', ')', '】', ']'])
            && numbering(t).is_none();
    if caption || t.contains('\t') {
        return true;
    }
    let (mut cells, mut numeric) = (0usize, 0usize);
    for w in words(t) {
        cells += 1;
        numeric += usize::from(
            w.chars().any(|c| c.is_ascii_digit())
                && !w.chars().any(is_han)
                && w.chars().all(|c| !c.is_alphabetic()),
        );
    }
    cells >= 3 && numeric * 3 >= cells && numeric >= 2
}

/// A numbered line that reads as a heading: short, one sentence at most.
fn numbered_heading_shape(p: &str, scheme: Numbering, len: usize, cjk: bool) -> bool {
    let t = p.trim();
    let rest = p.get(len..).unwrap_or("").trim();
    if rest.is_empty() || matches!(scheme, Numbering::CloseParen | Numbering::Bracket) {
        return false;
    }
    if let Numbering::Markdown(_) = scheme {
        return true;
    }
    // `第二条 本办法适用于……。` is an article of a regulation, not its heading.
    if scheme == Numbering::Chapter('条') && ends_sentence(t) {
        return false;
    }
    if ends_open(t) || is_caption_or_table(rest) {
        return false;
    }
    // One sentence at most, and it ends the line.
    let body = rest.trim_end_matches(|c: char| {
        is_closer(c) || matches!(c, '。' | '！' | '？' | '.' | '!' | '?')
    });
    if body.contains(['。', '！', '？', '；']) || body.contains(". ") {
        return false;
    }
    if cjk || han_count(rest) > 0 {
        count(t) <= MAX_HEADING_CHARS
    } else {
        words(rest).count() <= MAX_HEADING_WORDS
            && !t.ends_with('.')
            && rest
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    }
}

/// An unnumbered line that reads as a heading, judged on its own text.
fn plain_heading_shape(p: &str, cjk: bool) -> bool {
    let t = p.trim();
    if t.is_empty()
        || ends_open(t)
        || is_caption_or_table(t)
        || parse_field(t).is_some()
        || closing_date(&[t]).is_some()
    {
        return false;
    }
    if ends_sentence(t) && !t.ends_with(['？', '?', '！', '!']) {
        return false;
    }
    if t.starts_with(is_continuation_start) || has_sentence_punct(t) {
        return false;
    }
    if cjk {
        let n = count(t);
        let letters = t
            .chars()
            .filter(|c| is_han(*c) || c.is_alphanumeric())
            .count();
        (2..=MAX_PLAIN_HEADING_CHARS).contains(&n) && han_count(t) > 0 && letters * 10 >= n * 6
    } else {
        let wc = words(t).count();
        (1..=MAX_HEADING_WORDS).contains(&wc)
            && t.len() <= 80
            && t.chars().next().is_some_and(|c| c.is_uppercase())
            && !t.contains("http")
            && !t.contains("www.")
            && !t.contains('@')
            && !t.contains(',')
            // A path or URL fragment (`October/006305.html`) is no heading.
            && !words(t).any(|w| w.contains(['/', '\\', '_', '#']) || w.ends_with(".html"))
            && (is_title_case(t) || is_all_caps(t) || is_section_name(t))
            // Nothing but a short acronym or two (`C API`, a definition-list term) names no
            // section.
            && !(is_all_caps(t) && t.chars().filter(|c| c.is_alphabetic()).count() < 5)
    }
}

/// Whether the paragraph after a heading candidate lets it be a heading: it exists, starts
/// a sentence, and is not a lone date (a signature block).
fn opens_body(next: Option<&str>, cjk: bool) -> bool {
    let Some(next) = next.map(str::trim) else {
        return false;
    };
    let Some(first) = next.chars().next() else {
        return false;
    };
    if is_continuation_start(first) || !cjk && first.is_lowercase() {
        return false;
    }
    closing_date(&[next]).is_none_or(|_| count(next) > 16)
}

/// Marks headings and sets their levels. Levels follow the order in which numbering
/// schemes first appear (so a document that starts at （一） still nests right); an
/// unnumbered heading right under another heading sits one level below it.
fn detect_headings(paras: &[&str], body_start: usize, cjk: bool, blocks: &mut [Block]) {
    let n = paras.len();
    // Which paragraphs are heading-shaped, and with which scheme (None: unnumbered).
    let shape: Vec<Option<Option<Numbering>>> = (0..n)
        .map(|i| {
            if i < body_start || blocks[i].kind != BlockKind::Paragraph {
                return None;
            }
            let p = paras[i].trim();
            match numbering(p) {
                Some((s, len)) => numbered_heading_shape(p, s, len, cjk).then_some(Some(s)),
                None => plain_heading_shape(p, cjk).then_some(None),
            }
        })
        .collect();
    let mut heading = vec![false; n];
    for i in body_start..n {
        let Some(scheme) = shape[i] else {
            continue;
        };
        let next = paras.get(i + 1).copied();
        let next_is_heading = shape.get(i + 1).is_some_and(Option::is_some);
        heading[i] = match scheme {
            Some(Numbering::Markdown(_)) => true,
            Some(s) => {
                // A run of short items numbered alike is a list, not a run of headings.
                let same = |j: usize| shape.get(j).copied().flatten() == Some(Some(s));
                if same(i + 1) || i > 0 && same(i - 1) {
                    blocks[i].kind = BlockKind::ListItem;
                    false
                } else {
                    next.is_some()
                }
            }
            None => {
                let prev_open = i > 0
                    && blocks[i - 1].kind == BlockKind::Paragraph
                    && !heading[i - 1]
                    && if cjk {
                        ends_open(paras[i - 1])
                    } else {
                        !ends_sentence(paras[i - 1]) && count(paras[i - 1]) > 60
                    };
                // A standard section name may close the document with nothing under it.
                let last_section = next.is_none() && !cjk && is_section_name(paras[i]);
                !prev_open && (next_is_heading || opens_body(next, cjk) || last_section)
            }
        };
    }
    // Levels.
    let mut schemes: Vec<Option<Numbering>> = Vec::new();
    let mut prev_level: Option<usize> = None;
    for i in 0..n {
        if !heading[i] {
            if blocks[i].kind != BlockKind::Meta {
                prev_level = None;
            }
            continue;
        }
        let scheme = shape[i].flatten();
        let base = match schemes.iter().position(|s| *s == scheme) {
            Some(k) => k + 1,
            None => {
                schemes.push(scheme);
                schemes.len()
            }
        };
        let top_name = !cjk && (is_section_name(paras[i]) || is_all_caps(paras[i]));
        let level = match (scheme, prev_level) {
            (None, Some(l)) if i > 0 && heading[i - 1] => l + 1,
            (None, _) if top_name => 1,
            _ => base,
        };
        blocks[i].kind = BlockKind::Heading;
        blocks[i].level = Some(level.clamp(1, 6) as u8);
        prev_level = Some(level);
    }
}

/// Marks the opening sentence of a paragraph as its lead when it reads as a sub-heading:
/// numbered (`（一）加强统筹。`, `1.明确职责。`), or short and without a comma. At the top of
/// a section, where a short opening sentence usually introduces it, such a sentence is a
/// lead only in a run of paragraphs that open the same way.
fn detect_leads(cjk: bool, blocks: &mut [Block]) {
    // (lead, numbered) for every paragraph whose opening sentence could be a lead.
    let candidates: Vec<Option<(String, bool)>> = blocks
        .iter()
        .map(|b| {
            if b.kind != BlockKind::Paragraph {
                return None;
            }
            let s = first_sentence(&b.text)?;
            let numbered = numbering(&b.text).is_some_and(|(n, _)| {
                !matches!(
                    n,
                    Numbering::Bracket | Numbering::CloseParen | Numbering::Markdown(_)
                )
            });
            let lead = if cjk || han_count(s) > 0 {
                let n = count(s);
                let plain = !s.contains(['，', ',', '；', ';', '：', ':']);
                (4..=40).contains(&n)
                    && !s.starts_with(is_continuation_start)
                    && (plain || numbered && n <= 30)
            } else {
                numbered && words(s).count() <= 10
            };
            lead.then(|| (s.to_owned(), numbered))
        })
        .collect();
    let has = |j: usize| candidates.get(j).is_some_and(Option::is_some);
    // Body paragraphs since the last heading or header line.
    let mut since_break = 0;
    for (i, c) in candidates.iter().enumerate() {
        let body = matches!(blocks[i].kind, BlockKind::Paragraph | BlockKind::ListItem);
        let at_top = since_break < 2;
        since_break = if body { since_break + 1 } else { 0 };
        let Some((lead, numbered)) = c else {
            continue;
        };
        if *numbered || !at_top || i > 0 && has(i - 1) || has(i + 1) {
            blocks[i].lead = Some(lead.clone());
        }
    }
}

/// Joins the blocks into the cleaned document (a blank line between blocks) and sets each
/// block's range from its paragraph's range in the cleaned text: `doc` must have been
/// detected from `cleaned`'s paragraphs.
pub fn assemble(doc: Document, cleaned: Cleaned) -> Assembled {
    let paragraphs = cleaned.paragraph_ranges();
    let mut tracked = cleaned.text;
    let seps: Vec<Edit> = tracked
        .as_str()
        .match_indices('\n')
        .map(|(i, _)| Edit::replace(i..i + 1, "\n\n", FixKind::Layout))
        .collect();
    // Each separator before a paragraph moved it one byte on.
    let shifts: Vec<usize> = seps.iter().map(|e| e.range.start).collect();
    tracked.apply(seps);
    let (text, edits) = tracked.finish();
    let mut blocks = doc.blocks;
    // Blocks are the paragraphs, in order; a block past the last paragraph (a document not
    // detected from this text) gets an empty range at the end.
    for (i, b) in blocks.iter_mut().enumerate() {
        b.range = match paragraphs.get(i) {
            Some(r) => {
                let shift = shifts.partition_point(|&s| s < r.start);
                r.start + shift..r.end + shift
            }
            None => text.len()..text.len(),
        };
    }
    Assembled {
        cleaned: text,
        meta: doc.meta,
        blocks,
        edits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_lines() {
        let m = parse_meta_line("四川日报/2024 年/2 月/20 日/第 001 版").unwrap();
        assert_eq!(m.source.as_deref(), Some("四川日报"));
        assert_eq!(m.date.as_deref(), Some("2024-02-20"));
        assert_eq!(m.page.as_deref(), Some("001"));
        let m = parse_meta_line("人民日报 2026年6月12日 星期五").unwrap();
        assert_eq!(
            (m.source.as_deref(), m.date.as_deref()),
            (Some("人民日报"), Some("2026-06-12"))
        );
        let m = parse_meta_line("2026-06-12 07:24").unwrap();
        assert_eq!(m.date.as_deref(), Some("2026-06-12"));
        assert!(parse_meta_line("2023年,是全面贯彻X的二十大精神的开局之年。").is_none());
    }

    #[test]
    fn more_meta_forms() {
        let m = parse_meta_line("《 人民日报 》（ 2026年06月12日 01 版）").unwrap();
        assert_eq!(
            (m.source.as_deref(), m.date.as_deref(), m.page.as_deref()),
            (Some("人民日报"), Some("2026-06-12"), Some("01"))
        );
        let m = parse_meta_line("2026-06-12 07:24 来源：新华网").unwrap();
        assert_eq!(m.source.as_deref(), Some("新华网"));
        assert_eq!(
            find_date("Created: 21-Oct-2009").map(|d| d.0).as_deref(),
            Some("2009-10-21")
        );
        assert_eq!(
            find_date("October 21, 2009").map(|d| d.0).as_deref(),
            Some("2009-10-21")
        );
        assert_eq!(
            labelled_date("Feature Name: N/A Start Date: 2018-05-04 Rustfmt").as_deref(),
            Some("2018-05-04")
        );
        assert!(is_document_number("国办函〔2018〕71号"));
        assert!(is_latin_names(
            "Brett Cannon, Jesse Noller, Guido van Rossum"
        ));
        assert!(is_bare_names("颉满斌") && !is_bare_names("第一章 总则") && !is_bare_names("前言"));
    }

    #[test]
    fn wrapped_title_kicker_and_closing_date() {
        let doc = detect_structure(&[
            "国务院关于促进综合保税区高水平开放高",
            "质量发展的若干意见",
            "国发〔2019〕3号",
            "一、指导思想",
            "以习近平新时代中国特色社会主义思想为指导，推动高质量发展。",
            "国务院",
            "2019年1月12日",
        ]);
        assert_eq!(
            doc.meta.title.as_deref(),
            Some("国务院关于促进综合保税区高水平开放高质量发展的若干意见")
        );
        assert_eq!(doc.meta.subtitle.as_deref(), Some("国发〔2019〕3号"));
        assert_eq!(doc.meta.date.as_deref(), Some("2019-01-12"));
        let headings: Vec<&str> = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Heading)
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(headings, ["一、指导思想"]);

        let doc = detect_structure(&[
            "Annual Review 2025",
            "Water Quality in Northern Rivers",
            "By Jane Doe",
            "Abstract",
            "This report summarises two years of sampling.",
        ]);
        assert_eq!(
            doc.meta.title.as_deref(),
            Some("Water Quality in Northern Rivers")
        );
        assert_eq!(doc.blocks[3].kind, BlockKind::Heading);
    }

    #[test]
    fn not_headings() {
        let doc = detect_structure(&[
            "标题",
            "正文第一段，说明有关情况。",
            "图1 开发者使用代码助手的主要场景",
            "正文第二段，说明有关情况。",
            "近日，*ST创兴、*ST沪科、*ST",
            "太和3只个股进入退市整理期。",
            "• 单元测试编写",
            "1.苹果",
            "2.香蕉",
        ]);
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert!(!kinds[1..6].contains(&BlockKind::Heading), "{kinds:?}");
        assert_eq!(kinds[6..], [BlockKind::ListItem; 3]);

        // A definition-list term that is only an acronym or two.
        let doc = detect_structure(&[
            "Python Language Moratorium",
            "Abstract",
            "This PEP proposes a temporary moratorium on changes to the language.",
            "Allowed to Change",
            "C API",
            "It is entirely acceptable to change the underlying C code of CPython.",
        ]);
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds[3], BlockKind::Heading, "{kinds:?}");
        assert_ne!(kinds[4], BlockKind::Heading, "{kinds:?}");
    }

    #[test]
    fn numbering_schemes() {
        assert_eq!(
            numbering("一、指导思想").map(|n| n.0),
            Some(Numbering::CnComma)
        );
        assert_eq!(
            numbering("（一）统筹两个市场").map(|n| n.0),
            Some(Numbering::CnParen)
        );
        assert_eq!(
            numbering("1.拓展两个市场。").map(|n| n.0),
            Some(Numbering::Arabic)
        );
        assert_eq!(
            numbering("（1）细则").map(|n| n.0),
            Some(Numbering::ArabicParen)
        );
        assert_eq!(
            numbering("第三章 总则").map(|n| n.0),
            Some(Numbering::Chapter('章'))
        );
        assert_eq!(numbering("1.7万个"), None);
        assert_eq!(numbering("2023年"), None);
    }

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
    fn levels_follow_first_appearance() {
        let paras = [
            "（一）总体要求",
            "正文很长的一段话，说明了总体要求的内容。",
            "1.明确职责。职责要明确，分工要清楚。",
            "（二）主要任务",
            "正文。",
        ];
        let doc = detect_structure(&paras);
        assert_eq!(doc.blocks[0].level, Some(1));
        assert_eq!(doc.blocks[3].level, Some(1));
        assert_eq!(doc.blocks[2].lead.as_deref(), Some("1.明确职责。"));
    }
}

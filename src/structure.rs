//! Structure detection: cleaned paragraphs → typed blocks (meta line, title, subtitle,
//! byline, headings with levels, paragraphs with their lead sentence, list items) and the
//! document's metadata.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::edit::{Edit, Fix, FixKind};
use crate::text::{ends_sentence, is_cn_numeral, is_han, parse_cn_numeral};
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

/// Longest line, in chars, that may be a title, heading or byline.
const MAX_HEADING_CHARS: usize = 40;

/// Classifies each paragraph and reads the metadata out of the header lines.
pub fn detect_structure(paragraphs: &[&str]) -> Document {
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
    let body_start = detect_header(paragraphs, &mut meta, &mut blocks);
    detect_headings(paragraphs, body_start, &mut blocks);
    detect_leads(&mut blocks);
    Document { meta, blocks }
}

/// Reads the header block (meta line, title, subtitle, byline); returns the index of the
/// first body paragraph.
fn detect_header(paras: &[&str], meta: &mut Meta, blocks: &mut [Block]) -> usize {
    let mut i = 0;
    let limit = paras.len().min(8);
    // Source/date/page lines come first.
    while i < limit {
        match parse_meta_line(paras[i]) {
            Some(m) => {
                meta.source = meta.source.take().or(m.source);
                meta.date = meta.date.take().or(m.date);
                meta.page = meta.page.take().or(m.page);
                blocks[i].kind = BlockKind::Meta;
                i += 1;
            }
            None => break,
        }
    }
    if i >= paras.len() || !is_short_line(paras[i]) || numbering(paras[i]).is_some() {
        return i;
    }
    // Title, possibly continued on a second short line.
    blocks[i].kind = BlockKind::Title;
    meta.title = Some(paras[i].to_owned());
    i += 1;
    while i < limit {
        let p = paras[i];
        if p.starts_with('—') || p.starts_with("--") || is_document_number(p) {
            blocks[i].kind = BlockKind::Subtitle;
            meta.subtitle.get_or_insert_with(|| p.to_owned());
        } else if is_byline(p) {
            blocks[i].kind = BlockKind::Byline;
            meta.byline.get_or_insert_with(|| p.to_owned());
        } else if let Some(m) = parse_meta_line(p) {
            meta.date = meta.date.take().or(m.date);
            meta.source = meta.source.take().or(m.source);
            blocks[i].kind = BlockKind::Meta;
        } else {
            break;
        }
        i += 1;
    }
    i
}

/// A line short enough to be a title or heading and not ending a sentence.
fn is_short_line(p: &str) -> bool {
    let n = p.chars().count();
    n <= MAX_HEADING_CHARS && !ends_sentence(p) && !p.ends_with(['，', ',', '、', '；'])
}

/// `国发〔2019〕3号`.
fn is_document_number(p: &str) -> bool {
    p.chars().count() <= 30
        && (p.contains('〔') && p.contains('〕') || p.contains('[') && p.contains(']'))
        && p.ends_with('号')
}

/// `本报记者 邓建胜`, `川组宣 四川日报全媒体记者 樊邦平`, `By Jane Doe`, `原文作者：…`.
fn is_byline(p: &str) -> bool {
    let n = p.chars().count();
    if n > MAX_HEADING_CHARS || ends_sentence(p) {
        return false;
    }
    let labels = [
        "记者",
        "作者",
        "通讯员",
        "编辑",
        "撰文",
        "文/",
        "文／",
        "译者",
        "原文",
        "来源",
    ];
    labels.iter().any(|l| p.contains(l)) || p.starts_with("By ") || p.starts_with("by ")
}

/// Parses a source/date/page line (`四川日报/2024 年/2 月/20 日/第 001 版`,
/// `人民日报 2026年6月12日 星期五`, `2026-06-12 07:24`).
pub fn parse_meta_line(p: &str) -> Option<Meta> {
    if p.chars().count() > 60 {
        return None;
    }
    let (date, date_range) = find_date(p)?;
    let rest: String = p[date_range.end..]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let source_part = p[..date_range.start]
        .trim()
        .trim_end_matches(['/', '|', '（', '(', ' '])
        .trim();
    let source_part = source_part
        .trim_start_matches(['《', ' '])
        .trim_end_matches(['》', ' '])
        .trim();
    // A date inside a sentence is not a meta line.
    if ends_sentence(p) || source_part.chars().count() > 20 || p.contains('，') {
        return None;
    }
    let page = rest.find('第').and_then(|i| {
        let r = &rest[i + '第'.len_utf8()..];
        let num: String = r.chars().take_while(|c| c.is_ascii_digit()).collect();
        (!num.is_empty() && r[num.len()..].starts_with('版')).then_some(num)
    });
    let source = (!source_part.is_empty()).then(|| {
        source_part
            .trim_start_matches(['来', '源', '：', ':'])
            .trim()
            .to_owned()
    });
    Some(Meta {
        source: source.filter(|s| !s.is_empty()),
        date: Some(date),
        page,
        ..Meta::default()
    })
}

/// Finds the first full date in `p`: `2024 年/2 月/20 日`, `2026年06月12日`, `2026-06-12`,
/// `2026/6/12`, `2026.06.12`. Returns it as `YYYY-MM-DD` with its byte range.
pub fn find_date(p: &str) -> Option<(String, Range<usize>)> {
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
                let skipped = rest.trim_start_matches([' ', '/', '年', '-', '.', '／', '月']);
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
            if nums.len() == 2
                && (1900..=2100).contains(&year)
                && (1..=12).contains(&nums[0])
                && (1..=31).contains(&nums[1])
            {
                return Some((format!("{year:04}-{:02}-{:02}", nums[0], nums[1]), i..end));
            }
        }
        i += 1;
    }
    None
}

/// A numbering scheme of Chinese official documents and common lists, in the order
/// GB/T 9704 nests them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// `第一章`, `第一节`, `第一条`
    Chapter(char),
    /// `一、`
    CnComma,
    /// `（一）`
    CnParen,
    /// `1.` `1．` `1、`
    Arabic,
    /// `（1）`
    ArabicParen,
    /// `①`
    Circled,
}

/// The numbering a paragraph starts with, and the byte length of the enumerator.
pub fn numbering(p: &str) -> Option<(Numbering, usize)> {
    let mut chars = p.char_indices();
    let (_, first) = chars.next()?;
    match first {
        '第' => {
            let num: String = p['第'.len_utf8()..]
                .chars()
                .take_while(|c| is_cn_numeral(*c))
                .collect();
            let after = &p['第'.len_utf8() + num.len()..];
            let unit = after.chars().next()?;
            (!num.is_empty() && matches!(unit, '章' | '节' | '条' | '部' | '篇')).then(|| {
                (
                    Numbering::Chapter(unit),
                    '第'.len_utf8() + num.len() + unit.len_utf8(),
                )
            })
        }
        '（' | '(' => {
            let inner: String = p[first.len_utf8()..]
                .chars()
                .take_while(|c| *c != '）' && *c != ')')
                .collect();
            let close = p[first.len_utf8() + inner.len()..].chars().next()?;
            let len = first.len_utf8() + inner.len() + close.len_utf8();
            if !inner.is_empty() && parse_cn_numeral(&inner).is_some() {
                Some((Numbering::CnParen, len))
            } else if !inner.is_empty()
                && inner.len() <= 3
                && inner.bytes().all(|b| b.is_ascii_digit())
            {
                Some((Numbering::ArabicParen, len))
            } else {
                None
            }
        }
        '①'..='⑳' => Some((Numbering::Circled, first.len_utf8())),
        c if is_cn_numeral(c) => {
            let num: String = p.chars().take_while(|c| is_cn_numeral(*c)).collect();
            p[num.len()..]
                .starts_with('、')
                .then(|| (Numbering::CnComma, num.len() + '、'.len_utf8()))
        }
        c if c.is_ascii_digit() => {
            let num: String = p.chars().take_while(|c| c.is_ascii_digit()).collect();
            let after = &p[num.len()..];
            let sep = after.chars().next()?;
            let next = after[sep.len_utf8()..].chars().next();
            (num.len() <= 3
                && matches!(sep, '.' | '．' | '、')
                && next.is_some_and(|c| !c.is_ascii_digit()))
            .then(|| (Numbering::Arabic, num.len() + sep.len_utf8()))
        }
        _ => None,
    }
}

/// The first sentence of `p` (through its `。`/`！`/`？`), if `p` goes on after it.
fn first_sentence(p: &str) -> Option<&str> {
    let end = p
        .char_indices()
        .find(|(_, c)| matches!(c, '。' | '！' | '？'))?;
    let cut = end.0 + end.1.len_utf8();
    Some(&p[..cut])
}

/// Marks headings: numbered lines of one short sentence, and short unpunctuated lines
/// between body paragraphs. Levels follow the order in which schemes first appear.
fn detect_headings(paras: &[&str], body_start: usize, blocks: &mut [Block]) {
    let mut schemes: Vec<Option<Numbering>> = Vec::new();
    for i in body_start..paras.len() {
        let p = paras[i];
        let n = p.chars().count();
        let numbered = numbering(p);
        let is_heading = match numbered {
            Some((Numbering::Chapter(_) | Numbering::CnComma, len)) => {
                n <= MAX_HEADING_CHARS
                    && first_sentence(p).is_none_or(|s| s.len() == p.len())
                    && p.len() > len
            }
            Some((_, len)) => {
                n <= MAX_HEADING_CHARS
                    && p.len() > len
                    && (first_sentence(p).is_some_and(|s| s.len() == p.len()) || !ends_sentence(p))
                    && !p.contains('，')
                    || n <= 24 && !ends_sentence(p) && p.len() > len
            }
            None => {
                let has_body_after = paras.get(i + 1).is_some_and(|q| q.chars().count() > n);
                (2..=30).contains(&n)
                    && !ends_sentence(p)
                    && !p.ends_with(['，', ',', '、', '；', ';', '：', ':'])
                    && has_body_after
                    && p.chars()
                        .filter(|c| is_han(*c) || c.is_alphabetic())
                        .count()
                        * 10
                        >= n * 6
            }
        };
        if !is_heading {
            continue;
        }
        let scheme = numbered.map(|(s, _)| s);
        let level = match schemes.iter().position(|s| *s == scheme) {
            Some(k) => k + 1,
            None => {
                schemes.push(scheme);
                schemes.len()
            }
        };
        blocks[i].kind = BlockKind::Heading;
        blocks[i].level = Some(level.min(6) as u8);
    }
}

/// Marks the opening sentence of a paragraph as its lead when it reads as a sub-heading:
/// short, without a comma, or numbered.
fn detect_leads(blocks: &mut [Block]) {
    for b in blocks.iter_mut().filter(|b| b.kind == BlockKind::Paragraph) {
        let Some(s) = first_sentence(&b.text) else {
            continue;
        };
        let n = s.chars().count();
        let numbered = numbering(&b.text).is_some();
        let plain = !s.contains(['，', ',', '；', ';', '：', ':']);
        if (4..=40).contains(&n) && s.len() < b.text.len() && (plain || numbered && n <= 30) {
            b.lead = Some(s.to_owned());
        }
    }
}

/// Joins the blocks into the cleaned document (a blank line between blocks) and sets each
/// block's range.
pub fn assemble(doc: Document, cleaned: Cleaned) -> Assembled {
    let mut tracked = cleaned.text;
    let seps: Vec<Edit> = tracked
        .as_str()
        .match_indices('\n')
        .map(|(i, _)| Edit::replace(i..i + 1, "\n\n", FixKind::Layout))
        .collect();
    tracked.apply(seps);
    let (text, edits) = tracked.finish();
    let mut blocks = doc.blocks;
    let mut at = 0;
    for b in &mut blocks {
        // Blocks are the paragraphs in order; find each from where the last ended.
        let start = text[at..].find(b.text.as_str()).map_or(at, |i| at + i);
        b.range = start..start + b.text.len();
        at = b.range.end.min(text.len());
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
        ];
        let doc = detect_structure(&paras);
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            vec![Meta, Title, Subtitle, Byline, Paragraph, Heading, Paragraph, Paragraph]
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

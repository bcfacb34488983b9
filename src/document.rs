//! Typed documents: blocks whose boundaries and kinds the source already gave (an HTML page,
//! a rich paste) → the same cleaned, structured [`Assembled`] document as plain text gives.
//!
//! The source is trusted for what it knows: where each block begins and ends, which blocks
//! are headings and at which level, which are list items, and the bold run-in lead at a
//! block's start. The text inside each block still goes through the cleanup (look-alikes,
//! spacing, copy labels, page footers, line breaks rejoined), and metadata, title and lead
//! detection run as on plain text.

use serde::{Deserialize, Serialize};

use crate::edit::{Edit, FixKind, FixRef, Tracked};
use crate::structure::{self, Assembled, BlockKind};
use crate::{clean, CleanOptions, Cleaned};

/// What the source says a block is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Body text (`<p>`, or text directly inside a `<div>`).
    #[default]
    Paragraph,
    /// A heading; its level is [`SourceBlock::level`] (`<h1>` is 1).
    Heading,
    /// An item of a list (`<li>`).
    ListItem,
    /// A quotation (`<blockquote>`).
    Quote,
    /// One cell of a table (`<td>`, `<th>`).
    TableCell,
}

/// One block of a typed document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct SourceBlock {
    /// What the source says the block is.
    pub kind: SourceKind,
    /// Heading level as the source numbers it (1 for `<h1>`); only read for headings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// The block's text; `\n` where the source broke a line inside the block (`<br>`).
    pub text: String,
    /// Bold text at the block's start (`<p><strong>一是加强统筹。</strong>…`), a lead
    /// candidate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
}

/// A document whose block structure the source gave.
///
/// Its *input text*, which every fix range in the resulting [`crate::Analysis`] indexes, is
/// the blocks' texts joined by a blank line (`"\n\n"`): see [`Document::text`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Document {
    /// The blocks in reading order.
    pub blocks: Vec<SourceBlock>,
}

impl Document {
    /// The input text: the blocks' texts joined by a blank line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, b) in self.blocks.iter().enumerate() {
            if i > 0 {
                out.push_str(BLOCK_SEPARATOR);
            }
            out.push_str(&b.text);
        }
        out
    }
}

/// What stands between two blocks in a document's input text.
pub(crate) const BLOCK_SEPARATOR: &str = "\n\n";

/// Cleans each block of `doc` on its own and joins the results into one cleaned text that
/// maps back to [`Document::text`]; also returns, for each cleaned paragraph, the index of
/// the block it came from.
fn clean_blocks(doc: &Document, options: &CleanOptions) -> (Cleaned, Vec<usize>) {
    let mut tracked = Tracked::new("");
    let mut owners = Vec::new();
    let mut removed_headers = Vec::new();
    let mut at = 0;
    for (i, b) in doc.blocks.iter().enumerate() {
        // The fixes to take back name ranges of the whole document's text.
        let block_options;
        let options = if options.reject.is_empty() {
            options
        } else {
            let end = at + b.text.len();
            block_options = CleanOptions {
                reject: options
                    .reject
                    .iter()
                    .filter(|r| r.original.start >= at && r.original.end <= end)
                    .map(|r| FixRef {
                        kind: r.kind,
                        original: r.original.start - at..r.original.end - at,
                    })
                    .collect(),
                ..options.clone()
            };
            &block_options
        };
        let cleaned = clean(&b.text, options);
        removed_headers.extend(cleaned.removed_headers);
        let mut text = cleaned.text;
        if b.kind == SourceKind::Heading {
            join_lines(&mut text);
        }
        let paragraphs = text.as_str().split('\n').filter(|p| !p.is_empty()).count();
        owners.extend(std::iter::repeat_n(i, paragraphs));
        let sep = if tracked.as_str().is_empty() || paragraphs == 0 {
            ""
        } else {
            "\n"
        };
        tracked.append(sep, text, at);
        at += b.text.len() + BLOCK_SEPARATOR.len();
    }
    (
        Cleaned {
            text: tracked,
            removed_headers,
        },
        owners,
    )
}

/// Makes a heading one line whatever the cleanup kept apart: a heading is one block.
fn join_lines(text: &mut Tracked) {
    let s = text.as_str();
    let edits = s
        .match_indices('\n')
        .map(|(i, _)| {
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            let glue = if latin(s[..i].chars().next_back()) && latin(s[i + 1..].chars().next()) {
                " "
            } else {
                ""
            };
            Edit::replace(i..i + 1, glue, FixKind::LineJoin)
        })
        .collect();
    text.apply(edits);
}

/// Cleans `doc` and types its blocks: the source's kinds and levels, with meta, title and
/// lead detection as on plain text.
pub(crate) fn assemble_document(doc: &Document, options: &CleanOptions) -> Assembled {
    assemble_document_with(doc, options, &[])
}

/// [`assemble_document`], with running headers the caller already took out of the document
/// (a PDF's page headers): like those the cleaner removes, they name the source and date.
pub(crate) fn assemble_document_with(
    doc: &Document,
    options: &CleanOptions,
    removed_headers: &[String],
) -> Assembled {
    let (cleaned, owners) = clean_blocks(doc, options);
    // Running headers the cleaner removed still name the source, date and full title.
    let headers: Vec<&str> = removed_headers
        .iter()
        .chain(&cleaned.removed_headers)
        .map(String::as_str)
        .collect();
    let mut typed = structure::detect_structure_with(&cleaned.paragraphs(), &headers);
    let hints = Hints::of(doc);
    let mut seen = vec![false; doc.blocks.len()];
    for (block, &owner) in typed.blocks.iter_mut().zip(&owners) {
        let source = &doc.blocks[owner];
        let first = !std::mem::replace(&mut seen[owner], true);
        match source.kind {
            SourceKind::Heading if hints.title == Some(owner) => {
                block.kind = BlockKind::Title;
                block.level = None;
                block.lead = None;
                typed.meta.title = Some(block.text.clone());
            }
            SourceKind::Heading => {
                block.kind = BlockKind::Heading;
                block.level = Some(hints.level(source.level));
                block.lead = None;
            }
            SourceKind::ListItem
                if matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading) =>
            {
                block.kind = BlockKind::ListItem;
                block.level = None;
            }
            _ if block.kind == BlockKind::Heading && hints.any_heading => {
                block.kind = BlockKind::Paragraph;
                block.level = None;
            }
            _ => {}
        }
        if hints.any_lead && block.kind == BlockKind::Paragraph {
            block.lead = source
                .lead
                .as_deref()
                .filter(|_| first)
                .and_then(|lead| matching_prefix(&block.text, lead))
                .map(str::to_owned);
        }
    }
    structure::assemble(typed, cleaned)
}

/// What the source marks across the whole document.
struct Hints {
    /// Whether any block is a heading: then the source marks every heading, and no other
    /// block is read as one.
    any_heading: bool,
    /// Whether any block has a bold lead: then the source marks every lead.
    any_lead: bool,
    /// The heading block that is the document's title: the only heading of the top level,
    /// before every other heading (an `<h1>`, or above other headings).
    title: Option<usize>,
    /// The source's heading levels in use (without the title's), in order.
    levels: Vec<u8>,
}

impl Hints {
    fn of(doc: &Document) -> Hints {
        let headings: Vec<(usize, u8)> = doc
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.kind == SourceKind::Heading)
            .map(|(i, b)| (i, b.level.unwrap_or(1)))
            .collect();
        let top = headings.iter().map(|h| h.1).min();
        let title = match headings.as_slice() {
            // A lone heading below level 1 names a section, not the document.
            [(i, l), rest @ ..]
                if Some(*l) == top
                    && rest.iter().all(|h| h.1 > *l)
                    && (*l == 1 || !rest.is_empty()) =>
            {
                Some(*i)
            }
            _ => None,
        };
        let mut levels: Vec<u8> = headings
            .iter()
            .filter(|h| Some(h.0) != title)
            .map(|h| h.1)
            .collect();
        levels.sort_unstable();
        levels.dedup();
        Hints {
            any_heading: !headings.is_empty(),
            any_lead: doc.blocks.iter().any(|b| b.lead.is_some()),
            title,
            levels,
        }
    }

    /// The outline level of a heading the source puts at `level`: its rank among the levels
    /// in use, so `<h2>`/`<h4>` under an `<h1>` title become 1 and 2.
    fn level(&self, level: Option<u8>) -> u8 {
        let l = level.unwrap_or(1);
        let rank = self.levels.partition_point(|x| *x < l) + 1;
        rank.clamp(1, 6) as u8
    }
}

/// The start of `text` that holds the same non-space characters as `lead` (the cleanup may
/// have changed the spacing), when it is a proper part of `text`.
fn matching_prefix<'a>(text: &'a str, lead: &str) -> Option<&'a str> {
    let mut want = lead
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            crate::normalize::lookalike(c)
                .and_then(|s| s.chars().next())
                .unwrap_or(c)
        })
        .peekable();
    want.peek()?;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        match want.next() {
            Some(w) if w == c => end = i + c.len_utf8(),
            Some(_) => return None,
            None => break,
        }
    }
    if want.next().is_some() || text[end..].trim().is_empty() {
        return None;
    }
    Some(text[..end].trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze_document, Options};

    fn block(kind: SourceKind, level: Option<u8>, text: &str, lead: Option<&str>) -> SourceBlock {
        SourceBlock {
            kind,
            level,
            text: text.to_owned(),
            lead: lead.map(str::to_owned),
        }
    }

    fn para(text: &str) -> SourceBlock {
        block(SourceKind::Paragraph, None, text, None)
    }

    #[test]
    fn source_structure_wins_and_text_is_cleaned() {
        let doc = Document {
            blocks: vec![
                block(SourceKind::Heading, Some(1), "稳中求进 行稳致远", None),
                para("本报记者 张三"),
                block(SourceKind::Heading, Some(2), "坚持 稳中求进", None),
                // Wrapped lines, a footer inside the paragraph, a Kangxi look-alike (⽂).
                para("这一年,全国组织工作会议认真贯彻重要思想,牢牢把握新时\n第 1 页 共 3 页\n代组织工作总遵循。全省组织⼯作坚持向中心聚焦、为大局聚力。"),
                block(SourceKind::Heading, Some(3), "一、总体\n要求", None),
                block(
                    SourceKind::Paragraph,
                    None,
                    "一是加强统筹。各地要统筹推进各项工作,确保落到实处。",
                    Some("一是加强统筹。"),
                ),
                // Heading-shaped, but the source says it is a paragraph.
                para("二、主要任务"),
                para("各地要统筹推进各项工作,确保落到实处。"),
            ],
        };
        let a = analyze_document(&doc, &Options::default());
        let kinds: Vec<_> = a.blocks.iter().map(|b| (b.kind, b.level)).collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Title, None),
                (BlockKind::Byline, None),
                (BlockKind::Heading, Some(1)),
                (BlockKind::Paragraph, None),
                (BlockKind::Heading, Some(2)),
                (BlockKind::Paragraph, None),
                (BlockKind::Paragraph, None),
                (BlockKind::Paragraph, None),
            ]
        );
        assert_eq!(a.meta.title.as_deref(), Some("稳中求进 行稳致远"));
        assert_eq!(a.blocks[4].text, "一、总体要求");
        assert!(
            a.blocks[3].text.contains("新时代组织工作总遵循"),
            "{}",
            a.blocks[3].text
        );
        assert!(a.blocks[3].text.contains("组织工作坚持"));
        assert_eq!(a.blocks[5].lead.as_deref(), Some("一是加强统筹。"));
        assert_eq!(a.blocks[6].lead, None);
        assert!(a.fixes.iter().any(|f| f.kind == FixKind::PageFooter));
        // Every fix range indexes the document's input text.
        let input = doc.text();
        let footer = a
            .edits
            .iter()
            .find(|f| f.kind == FixKind::PageFooter)
            .unwrap();
        assert!(input[footer.original.clone()].contains("第 1 页 共 3 页"));
        for f in &a.edits {
            assert!(input.get(f.original.clone()).is_some(), "{f:?}");
            assert!(a.cleaned.get(f.cleaned.clone()).is_some(), "{f:?}");
        }
        for b in &a.blocks {
            assert_eq!(a.cleaned[b.range.clone()], b.text);
        }
    }

    #[test]
    fn blocks_emptied_by_the_cleanup_leave_no_gap() {
        let doc = Document {
            blocks: vec![
                para("正文复制"),
                para("第一段。"),
                para("第 2 页 共 3 页"),
                para("第二段。"),
            ],
        };
        let a = analyze_document(&doc, &Options::default());
        assert_eq!(a.cleaned, "第一段。\n\n第二段。");
        let input = doc.text();
        let label = a
            .edits
            .iter()
            .find(|f| f.kind == FixKind::CopyLabel)
            .unwrap();
        assert_eq!(&input[label.original.clone()], "正文复制");
        let footer = a
            .edits
            .iter()
            .find(|f| f.kind == FixKind::PageFooter)
            .unwrap();
        assert!(input[footer.original.clone()].starts_with("第 2 页"));
    }

    #[test]
    fn without_source_headings_detection_finds_them() {
        let doc = Document {
            blocks: vec![
                para("一、总体要求"),
                para("坚持稳中求进工作总基调,推动高质量发展。"),
            ],
        };
        let a = analyze_document(&doc, &Options::default());
        assert_eq!(a.blocks[0].kind, BlockKind::Heading);
        assert!(analyze_document(&Document::default(), &Options::default())
            .blocks
            .is_empty());
    }

    #[test]
    fn levels_rank_the_source_levels_in_use() {
        let doc = Document {
            blocks: vec![
                block(SourceKind::Heading, Some(2), "Scope", None),
                para("This text says what it covers."),
                block(SourceKind::Heading, Some(4), "Details", None),
                para("And here are the details."),
                block(SourceKind::Heading, Some(2), "Rationale", None),
                para("Why it is so."),
            ],
        };
        let a = analyze_document(&doc, &Options::default());
        let levels: Vec<_> = a.blocks.iter().filter_map(|b| b.level).collect();
        assert_eq!(levels, [1, 2, 1]);
    }

    #[test]
    fn documents_read_from_json() {
        let doc: Document = serde_json::from_str(
            r#"{"blocks":[{"kind":"heading","level":2,"text":"A"},{"kind":"list_item","text":"b","lead":"b"}]}"#,
        )
        .unwrap();
        assert_eq!(doc.blocks[0].level, Some(2));
        assert_eq!(doc.text(), "A\n\nb");
        assert!(serde_json::from_str::<Document>(r#"{"blocks":[],"x":1}"#).is_err());
    }

    #[test]
    fn leads_match_through_spacing() {
        assert_eq!(
            matching_prefix("一是 加强统筹。其余", "一是加强统筹。"),
            Some("一是 加强统筹。")
        );
        assert_eq!(matching_prefix("一是加强统筹。", "一是加强统筹。"), None);
        assert_eq!(matching_prefix("二是", "一是"), None);
        assert_eq!(matching_prefix("abc", " "), None);
    }
}

//! Reflow: lines as the PDF wrapped them → one line per paragraph.
//!
//! A line break is a paragraph end when a blank line follows, when the line ends a sentence
//! and stops short of the block's wrap width, or when the line is a short unpunctuated line
//! (a title, byline or heading). Otherwise the lines are joined: with nothing between CJK
//! text, with one space between Latin words, and without the hyphen that only split a word.

use crate::edit::{Edit, FixKind, Tracked};
use crate::text::{display_width, ends_sentence, is_cjk, is_han};
use crate::CleanOptions;

/// Runs the reflow pass over `text`: afterwards paragraphs are separated by one `\n`.
pub fn reflow(text: &mut Tracked, options: &CleanOptions) {
    let edits = plan(text.as_str(), options);
    text.apply(edits);
}

#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// The line without leading/trailing whitespace.
    text: &'a str,
    /// Byte range of the whole line (without its `\n`).
    start: usize,
    end: usize,
    /// Byte range of `text`.
    text_start: usize,
    text_end: usize,
}

fn split_lines(s: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    loop {
        let end = s[start..].find('\n').map_or(s.len(), |i| start + i);
        let raw = &s[start..end];
        let lead = raw.len() - raw.trim_start().len();
        let text = raw.trim();
        out.push(Line {
            text,
            start,
            end,
            text_start: start + lead,
            text_end: start + lead + text.len(),
        });
        if end == s.len() {
            break;
        }
        start = end + 1;
    }
    out
}

/// The width at which the text was hard-wrapped: a high percentile of the widths of lines
/// that run into the next line mid-sentence (short titles and headings sit below it).
/// `None` when nothing looks wrapped.
fn wrap_width(lines: &[Line<'_>]) -> Option<usize> {
    let mut widths: Vec<usize> = lines
        .windows(2)
        .filter(|w| !w[0].text.is_empty() && !w[1].text.is_empty() && !ends_sentence(w[0].text))
        .map(|w| display_width(w[0].text))
        .filter(|w| *w >= 16)
        .collect();
    if widths.len() < 2 {
        return None;
    }
    widths.sort_unstable();
    Some(widths[widths.len() * 4 / 5])
}

/// Punctuation after which a sentence certainly goes on.
fn ends_mid_sentence(t: &str) -> bool {
    t.ends_with(['，', ',', '、', '“', '‘', '（', '(', '《', '—', '·'])
}

/// A line that starts a new block whatever precedes it: a numbered heading or list item.
fn starts_block(t: &str) -> bool {
    let mut chars = t.chars();
    let first = chars.next();
    match first {
        Some('（' | '(') => chars
            .next()
            .is_some_and(|c| crate::text::is_cn_numeral(c) || c.is_ascii_digit()),
        Some('第') => true,
        Some('•' | '●' | '■' | '◆' | '▪' | '①'..='⑳') => true,
        Some(c) if crate::text::is_cn_numeral(c) => {
            t.chars()
                .take_while(|c| crate::text::is_cn_numeral(*c))
                .count()
                < t.chars().count()
                && t.chars().nth(
                    t.chars()
                        .take_while(|c| crate::text::is_cn_numeral(*c))
                        .count(),
                ) == Some('、')
        }
        Some(c) if c.is_ascii_digit() => {
            let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(['.', '．', '、'])
                && !rest[1..].starts_with(|c: char| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// How to join the end of one line to the start of the next, or `None` to keep the break.
fn joint(prev: &str, next: &str) -> (&'static str, FixKind) {
    let a = prev.chars().next_back().unwrap_or(' ');
    let b = next.chars().next().unwrap_or(' ');
    if a == '-' && prev.len() > 1 {
        let before = prev[..prev.len() - 1].chars().next_back().unwrap_or(' ');
        if before.is_alphabetic() && !is_cjk(before) && b.is_lowercase() {
            return ("", FixKind::Dehyphenate);
        }
        if before.is_alphabetic() {
            return ("", FixKind::LineJoin);
        }
    }
    if is_cjk(a) || is_cjk(b) || is_han(a) || is_han(b) {
        ("", FixKind::LineJoin)
    } else {
        (" ", FixKind::LineJoin)
    }
}

fn plan(s: &str, options: &CleanOptions) -> Vec<Edit> {
    let lines = split_lines(s);
    let wrap = wrap_width(&lines);
    let mut edits = Vec::new();
    let mut prev_content: Option<usize> = None;
    let mut blank_run = false;
    for (i, line) in lines.iter().enumerate() {
        if line.text.is_empty() {
            // Blank or whitespace-only: the break before it is a paragraph end.
            blank_run = true;
            continue;
        }
        // Leading and trailing whitespace of the line.
        if line.text_start > line.start {
            edits.push(Edit::delete(
                line.start..line.text_start,
                FixKind::Whitespace,
            ));
        }
        if line.end > line.text_end {
            edits.push(Edit::delete(line.text_end..line.end, FixKind::Whitespace));
        }
        if let Some(p) = prev_content {
            let prev = lines[p];
            let gap = prev.end..line.start;
            let join = options.reflow && !blank_run && should_join(prev.text, line.text, wrap);
            if join {
                let (glue, kind) = joint(prev.text, line.text);
                if kind == FixKind::Dehyphenate {
                    edits.push(Edit::delete(
                        prev.text_end - 1..prev.end,
                        FixKind::Dehyphenate,
                    ));
                    edits.push(Edit::delete(gap.start..gap.end, FixKind::LineJoin));
                } else {
                    edits.push(Edit::replace(gap, glue, kind));
                }
            } else if gap.len() > 1 {
                // Collapse the blank lines to the single paragraph separator.
                edits.push(Edit::replace(gap, "\n", FixKind::Layout));
            }
        } else if line.start > 0 {
            edits.push(Edit::delete(0..line.start, FixKind::Layout));
        }
        prev_content = Some(i);
        blank_run = false;
    }
    if let Some(p) = prev_content {
        if lines[p].end < s.len() {
            edits.push(Edit::delete(lines[p].end..s.len(), FixKind::Layout));
        }
    }
    edits
}

/// Whether the break between `prev` and `next` falls inside a paragraph.
fn should_join(prev: &str, next: &str, wrap: Option<usize>) -> bool {
    if starts_block(next) {
        return false;
    }
    if ends_mid_sentence(prev) {
        return true;
    }
    // A Latin sentence that goes on in lower case on the next line.
    let last = prev.chars().next_back().unwrap_or(' ');
    if !ends_sentence(prev)
        && (last.is_ascii_alphanumeric() || last == '-')
        && next.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return true;
    }
    let Some(wrap) = wrap else {
        return false;
    };
    let width = display_width(prev);
    let full = width * 100 >= wrap * 85;
    if ends_sentence(prev) {
        // A full line that ends a sentence may go on; a short one ends its paragraph, and
        // so does one well past the wrap width: that paragraph was never wrapped.
        return width * 100 >= wrap * 95 && width * 100 <= wrap * 108;
    }
    full
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        let mut t = Tracked::new(s);
        reflow(&mut t, &CleanOptions::default());
        t.as_str().to_owned()
    }

    #[test]
    fn joins_wrapped_cjk_and_keeps_headings() {
        let s = "这一年,习近平总书记亲临四川视察,宏阔擘画领航兴川大计,殷殷嘱托赋予新的重任,如\n山厚爱沐浴巴蜀儿女,指引四川现代化建设一往无前、阔步前行。\n这一年,全国组织工作会议认真贯彻习近平总书记关于X的建设的重要思想,牢牢把握新时\n代X的建设和组织工作总遵循、总依据、总指引。\n突出凝心铸魂 高举思想旗帜\n时代孕育思想。";
        let out = run(s);
        let paras: Vec<&str> = out.split('\n').collect();
        assert_eq!(paras.len(), 4, "{out}");
        assert!(paras[0].contains("如山厚爱"));
        assert!(paras[1].contains("新时代"));
        assert_eq!(paras[2], "突出凝心铸魂 高举思想旗帜");
    }

    #[test]
    fn latin_joins_with_space_and_dehyphenates() {
        let s = "This suspension of features is designed to allow non-CPython imple-\nmentations to catch up to the core implementation of the\nlanguage, and well-\nknown things.\n\nNext paragraph.";
        let out = run(s);
        assert!(out.contains("implementations to catch"), "{out}");
        assert!(out.contains("of the language,"), "{out}");
        assert!(out.ends_with("\nNext paragraph."));
    }

    #[test]
    fn blank_lines_collapse() {
        assert_eq!(run("\n\n甲。\n\n\n乙。\n\n"), "甲。\n乙。");
    }
}

//! Lines as the extractor printed them: the [`Line`] record, splitting, display widths and
//! the shapes of a line's text that the decisions read.

use crate::shapes::{page_break_finder, starts_numbered_block};
use crate::text::{
    basic_ideograph_run, is_basic_ideograph, is_cjk, is_cjk_punct, is_fullwidth, is_han, is_kana,
};

/// A line holding at least this many letter-spacing gaps (`文 件 、 信 息`) is stretched
/// justified text. Tuned on the eval set's pypdf cases (a spaced-out title has fewer).
const MIN_STRETCH_GAPS: usize = 3;

/// One line of the text, or one run of blank lines.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    /// The line without leading/trailing whitespace (form feeds included).
    pub(super) text: &'a str,
    /// Byte range of the whole line (without its `\n`).
    pub(super) start: usize,
    pub(super) end: usize,
    /// Byte range of `text`.
    pub(super) text_start: usize,
    pub(super) text_end: usize,
    /// Leading spaces (a first-line indent in `pdftotext -layout`).
    pub(super) indent: usize,
    /// A form feed is on this line: a page boundary.
    pub(super) page_break: bool,
    /// The line ends with a form feed: the page broke right after its text.
    pub(super) break_after: bool,
    /// Display width, letter spacing not counted.
    pub(super) width: usize,
    /// The line is letter-spaced (`文 件 、 信 息 或 任 何`): justified text stretched to
    /// fill the line because the next word did not fit, so the paragraph goes on.
    pub(super) stretched: bool,
    /// The line's glyphs are spaced out gap by gap (`文 件 、 信 息 或 任 何`), as read: a
    /// stretched line, or a title set that way (`第 一 章 总 则`), in a text with or
    /// without a wrap width. Its single spaces between CJK chars go.
    pub(super) letter_spaced: bool,
    /// Most of the line's non-space chars are CJK, measured once with the width.
    pub(super) cjk: bool,
}

fn is_blank_char(c: char) -> bool {
    c.is_whitespace()
}

/// The lines of `s`. A run of blank lines is one `Line` (the rules only ask whether there
/// is a blank line between two others, and whether a page broke there), so that memory
/// follows the text's content, not its line count.
pub(super) fn split_lines(s: &str, spaces: Spaces) -> Vec<Line<'_>> {
    let mut out: Vec<Line<'_>> = Vec::new();
    let mut start = 0;
    let has_break = page_break_finder(s);
    loop {
        let end = s[start..].find('\n').map_or(s.len(), |i| start + i);
        let raw = &s[start..end];
        let text = raw.trim_matches(is_blank_char);
        if let Some(prev) = out
            .last_mut()
            .filter(|p| p.text.is_empty() && text.is_empty())
        {
            prev.end = end;
            prev.page_break |= has_break(raw);
            prev.break_after = prev.page_break;
            if end == s.len() {
                break;
            }
            start = end + 1;
            continue;
        }
        let lead = raw.len() - raw.trim_start_matches(is_blank_char).len();
        let (width, cjk) = measure(text, spaces);
        let letter_spaced = spaced_gaps(text) >= MIN_STRETCH_GAPS;
        let indent = raw[..lead].chars().filter(|&c| c == ' ').count();
        out.push(Line {
            text,
            start,
            end,
            text_start: start + lead,
            text_end: start + lead + text.len(),
            indent,
            page_break: has_break(raw),
            break_after: has_break(&raw[lead + text.len()..]),
            width,
            stretched: letter_spaced,
            letter_spaced,
            cjk,
        });
        if end == s.len() {
            break;
        }
        start = end + 1;
    }
    out
}

/// What a space between CJK and Latin text is worth in [`width`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Spaces {
    /// The writer's (`从 2010 年开始`): a space glyph, half a column.
    Written,
    /// An extractor's padding at a font switch (`共 9 家` from `共9家`): nothing on the page.
    Padding,
}

impl Spaces {
    pub(super) fn of(writer_spaces_mixed: bool) -> Spaces {
        if writer_spaces_mixed {
            Spaces::Written
        } else {
            Spaces::Padding
        }
    }
}

/// Display width in columns (CJK 2, others 1). A space between two CJK chars is letter
/// spacing and one next to full-width punctuation is an extractor's padding (`“ 罚赔同步 ”`):
/// neither counts. One between CJK and Latin text counts half a column when the writer puts
/// it there and nothing when it is the extractor's (see [`Spaces`]); a curly quote counts one
/// and a half (full width in a CJK font, half in a Latin one).
pub(super) fn width(t: &str, spaces: Spaces) -> usize {
    measure(t, spaces).0
}

/// The Latin word (or code token) a line opens with: up to the first space or CJK char.
pub(super) fn first_word(text: &str) -> &str {
    text.split(|c: char| c == ' ' || is_cjk(c))
        .next()
        .unwrap_or("")
}

/// How wide `prev` would have been had the next line's first word been set on it: the word
/// and the space before it for Latin text, one char for CJK (which breaks between any two).
/// Past the wrap width, the word did not fit: a line short by less than that word is full
/// (`…on deep mutations. See Deep` / `Watchers.`), a rule of every text reflower.
pub(super) fn pushed_width(prev: &Line<'_>, next: &Line<'_>) -> usize {
    let text = next.text.trim_start();
    let Some(first) = text.chars().next() else {
        return prev.width;
    };
    if is_cjk(first) {
        return prev.width + width(&text[..first.len_utf8()], Spaces::Padding);
    }
    prev.width + 1 + width(first_word(text), Spaces::Padding)
}

/// [`width`] and whether most of `t`'s non-space chars are CJK, in one pass over `t`.
fn measure(t: &str, spaces: Spaces) -> (usize, bool) {
    let (mut cjk_chars, mut all) = (0usize, 0usize);
    let mut halves: usize = 0;
    let mut prev_cjk = false;
    let mut prev_punct = false;
    let mut pending_space = 0;
    let mut chars = t.chars();
    while let Some(c) = chars.next() {
        if c == ' ' {
            pending_space += 1;
            continue;
        }
        // Most characters of a Chinese text are common ideographs: CJK, not punctuation, not
        // whitespace, which takes no searching of the classes (`measure` was 9% of the
        // cleanup's time).
        let common_han = is_basic_ideograph(c);
        let is_cjk_char = common_han || is_cjk(c);
        if common_han || !c.is_whitespace() {
            all += 1;
            cjk_chars += usize::from(is_cjk_char);
        }
        let cjk = is_cjk_char || is_fullwidth(c);
        let punct = !common_han && is_cjk_punct(c);
        let padding = prev_cjk && cjk || prev_punct || punct;
        if pending_space > 0 && !padding {
            halves += match (prev_cjk || cjk, spaces) {
                (false, _) => 2,
                (true, Spaces::Written) => 1,
                (true, Spaces::Padding) => 0,
            };
        }
        pending_space = 0;
        // Curly quotes are full width in a CJK font and half in a Latin one: count between.
        halves += if matches!(c, '“' | '”' | '‘' | '’') {
            3
        } else if cjk {
            4
        } else {
            2
        };
        prev_cjk = cjk;
        prev_punct = punct;
        if common_han {
            // The common ideographs right after this one count as it did, read on the bytes.
            let rest = chars.as_str();
            let n = basic_ideograph_run(rest);
            all += n;
            cjk_chars += n;
            halves += 4 * n;
            chars = rest[3 * n..].chars();
        }
    }
    (halves.div_ceil(2), cjk_chars * 2 > all)
}

/// How many single spaces in `t` sit between two lone ideographs (`任 何 数`): the gaps of
/// a letter-spaced line (an extractor's padding around punctuation, `“ 罚赔同步 ”`, is not).
pub(super) fn spaced_gaps(t: &str) -> usize {
    let ideo = |c: char| is_han(c) || is_kana(c);
    let mut window = [' '; 4];
    let mut gaps = 0;
    for c in t.chars() {
        window = [window[1], window[2], window[3], c];
        // `␣X␣Y`: a lone X followed by a spaced Y.
        if window[0] == ' ' && window[2] == ' ' && ideo(window[1]) && ideo(window[3]) {
            gaps += 1;
        }
    }
    gaps
}

/// The longest line (in bytes) and the most words that read as a lone Latin word or two.
const LONE_LATIN_MAX_BYTES: usize = 24;
const LONE_LATIN_MAX_WORDS: usize = 2;

/// A lone Latin word or two on its own line (`WebTransport`, `AI`): pdftotext prints the
/// Latin head of a heading apart from its CJK rest.
pub(super) fn lone_latin(t: &str) -> bool {
    t.len() <= LONE_LATIN_MAX_BYTES
        && t.split(' ').count() <= LONE_LATIN_MAX_WORDS
        && t.starts_with(|c: char| c.is_ascii_alphanumeric())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '.' | '/' | '+' | '#'))
        && t.chars().any(|c| c.is_ascii_alphabetic())
}

/// A URL cut at a character it cannot end with (`…/python-ideas/2009-` / `October/…`), or
/// at a slash before more of its path (`…/pipermail/` / `python-ideas/…`).
pub(super) fn continues_url(prev: &str, next: &str) -> bool {
    let last = prev.rsplit(' ').next().unwrap_or("");
    let first = next.split(' ').next().unwrap_or("");
    let cut = last.ends_with(['-', '_', '=', '?', '&', '#', '%', '~'])
        || last.ends_with('/') && is_path_piece(first);
    // `cut` first: `last` is a whole paragraph of text without spaces, searched for `://` at
    // every break (2% of `analyze` on a novel).
    cut && last.contains("://")
        && !next.starts_with('[')
        && !first.is_empty()
        && first.chars().all(|c| c.is_ascii_graphic())
        && !first.contains("://")
        && !starts_numbered_block(first)
}

/// A word that reads as part of a URL's path rather than as a word of text: it holds a path
/// separator, a dot, a digit or one of `-_=?#&%`.
pub(super) fn is_path_piece(w: &str) -> bool {
    w.contains(|c: char| c.is_ascii_digit() || "/._-=?#&%".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition `measure` computes on the way.
    fn mostly_cjk(t: &str) -> bool {
        let (mut cjk, mut all) = (0usize, 0usize);
        for c in t.chars().filter(|c| !c.is_whitespace()) {
            all += 1;
            cjk += usize::from(is_cjk(c));
        }
        cjk * 2 > all
    }

    #[test]
    fn measure_agrees_with_mostly_cjk() {
        for t in [
            "中文 text",
            "English words 中",
            "“引号”\u{3000}全角",
            "ab\t中",
            "",
        ] {
            assert_eq!(measure(t, Spaces::Written).1, mostly_cjk(t), "{t}");
        }
    }

    #[test]
    fn a_space_between_cjk_and_latin_is_worth_what_made_it() {
        // pypdf pads every font switch: those spaces take no room on the page.
        assert_eq!(
            width("2026 年 2 月，金通灵案 4.33 万名", Spaces::Padding),
            width("2026年2月，金通灵案4.33万名", Spaces::Padding)
        );
        // A writer's space is a space glyph, half a column.
        assert_eq!(
            width("基于 HTTP/2 协议", Spaces::Written),
            width("基于HTTP/2协议", Spaces::Written) + 1
        );
        // Padding next to full-width punctuation and letter spacing count for nothing either way.
        for spaces in [Spaces::Written, Spaces::Padding] {
            assert_eq!(
                width("从 “ 罚完退完 ” 到", spaces),
                width("从“罚完退完”到", spaces)
            );
            assert_eq!(width("文 件 传 输", spaces), 8);
        }
    }

    #[test]
    fn letter_spacing_gaps_are_between_lone_ideographs() {
        // A quote padded by the extractor is no letter spacing.
        assert_eq!(spaced_gaps("从 “ 罚完退完 ” 到 “ 罚赔同步 ”"), 0);
        assert_eq!(spaced_gaps("文 件 、 信 息 或 任 何"), 5);
    }

    #[test]
    fn a_run_of_blank_lines_is_one_line_and_keeps_its_page_break() {
        let lines = split_lines("甲\n\n \u{C}\n\n  乙\u{C}", Spaces::Padding);
        assert_eq!(lines.len(), 3);
        assert!(lines[1].text.is_empty() && lines[1].page_break);
        assert_eq!((lines[2].text, lines[2].indent), ("乙", 2));
        assert!(lines[2].break_after);
    }
}

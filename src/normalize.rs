//! Normalization: raw pasted text → text with plain line ends, ordinary characters in place
//! of look-alikes, and no invisible characters or trailing spaces.
//!
//! Deliberately not NFKC: full-width punctuation is correct in Chinese, and NFKC would also
//! rewrite full-width digits and letters the author chose.

mod lookalike;

use crate::edit::{Edit, FixKind, Tracked};
use crate::shapes::{is_bullet, numbering};
use crate::text::{basic_ideograph_run, is_basic_ideograph};
use crate::CleanOptions;

/// The ordinary text for a look-alike char, if it is one.
pub fn lookalike(c: char) -> Option<&'static str> {
    if (c as u32) < 0x2E80
        && !matches!(
            c,
            '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}'
        )
    {
        return None;
    }
    // Nearly every character of a Chinese text is in this range: the binary search it skips
    // was 3.5% of `analyze` on a novel.
    if NO_LOOKALIKES.contains(&c) {
        return None;
    }
    match c {
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => Some(" "),
        _ => lookalike::LOOKALIKES
            .binary_search_by_key(&c, |&(k, _)| k)
            .ok()
            .map(|i| lookalike::LOOKALIKES[i].1),
    }
}

/// CJK symbols and punctuation, kana, the ideographs and Hangul: no look-alike lies here
/// (`lookalikes_skip_the_common_cjk_range` checks the table).
const NO_LOOKALIKES: std::ops::Range<char> = '\u{3000}'..'\u{F000}';

/// `s` with its look-alike chars mapped to the ordinary ones (and nothing else changed).
pub fn map_lookalikes(s: &str) -> String {
    s.chars()
        .map(|c| lookalike(c).map_or_else(|| c.to_string(), str::to_owned))
        .collect()
}

/// Characters that carry no text: zero-width, soft hyphen, BOM, bidi marks a PDF leaves,
/// and C0/C1 controls other than line feed, tab and form feed.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{FFFE}'
        | '\u{200E}' | '\u{200F}' | '\u{0}'..='\u{8}' | '\u{B}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}')
}

/// Runs the normalization pass over `text`, recording every change.
pub fn normalize(text: &mut Tracked, options: &CleanOptions) {
    let edits = plan_normalization(text.as_str(), options);
    text.apply(edits);
}

/// Kangxi radicals whose NFKC form is the traditional variant while simplified-Chinese fonts
/// draw (and map to the radical) the simplified one: `⼾` is 户 in a simplified text.
fn simplified_variant(c: char) -> Option<&'static str> {
    match c {
        '\u{2F3E}' => Some("户"),
        '\u{2FAD}' => Some("青"),
        _ => None,
    }
}

/// Whether the text is written in simplified Chinese: frequent characters that exist only in
/// simplified form outnumber their traditional counterparts.
fn is_simplified(s: &str) -> bool {
    const SIMPLIFIED: &str = "这们个为说发国时会来对学经过还样进现义实门问间见关开东车长";
    const TRADITIONAL: &str = "這們個為說發國時會來對學經過還樣進現義實門問間見關開東車長";
    let (mut simp, mut trad) = (0usize, 0usize);
    for c in s.chars().filter(|c| *c as u32 >= 0x4E00) {
        if SIMPLIFIED.contains(c) {
            simp += 1;
        } else if TRADITIONAL.contains(c) {
            trad += 1;
        }
    }
    simp >= trad
}

/// Line ends, look-alikes, invisible characters and trailing spaces to fix.
fn plan_normalization(s: &str, options: &CleanOptions) -> Vec<Edit> {
    let mut edits: Vec<Edit> = Vec::new();
    let simplified =
        options.normalize_chars && s.contains(['\u{2F3E}', '\u{2FAD}']) && is_simplified(s);
    let bytes = s.as_bytes();
    let mut line_start = 0;
    // Nothing but spaces and tabs since `line_start`.
    let mut line_blank = true;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if matches!(c, '\r' | '\n') && line_blank {
            // A run of blank lines: one edit for all of it (its line breaks made plain), so
            // that a text of a million blank lines does not log a million fixes.
            let (end, breaks) = blank_run(s, line_start);
            let plain = end - line_start == breaks;
            // Look-alike spaces on the first blank line were queued as their own edits.
            while edits.last().is_some_and(|e| e.range.start >= line_start) {
                edits.pop();
            }
            if !plain {
                let kind = if s[line_start..end].contains('\r') {
                    FixKind::LineEnding
                } else {
                    FixKind::Whitespace
                };
                edits.push(Edit::replace(line_start..end, "\n".repeat(breaks), kind));
            }
            while iter.peek().is_some_and(|&(k, _)| k < end) {
                iter.next();
            }
            line_start = end;
            continue;
        }
        let opens_line = line_blank;
        line_blank &= matches!(c, '\r' | '\n') || is_blank_space(c);
        match c {
            '\r' => {
                let end = if bytes.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                trailing_space(s, line_start, i, &mut edits);
                edits.push(Edit::replace(i..end, "\n", FixKind::LineEnding));
                if end == i + 2 {
                    iter.next();
                }
                line_start = end;
                line_blank = true;
            }
            '\n' => {
                trailing_space(s, line_start, i, &mut edits);
                line_start = i + 1;
                line_blank = true;
            }
            '\t' if opens_line_marker(&s[line_start..i]) => {
                let end = i + s[i..]
                    .bytes()
                    .take_while(|b| matches!(b, b'\t' | b' '))
                    .count();
                let rest = &s[end..];
                let rest = &rest[..rest.find(['\r', '\n']).unwrap_or(rest.len())];
                // A table row (`1⇥苹果⇥3`, `1⇥100`) keeps its tabs.
                let text = !rest.is_empty()
                    && !rest.contains('\t')
                    && !rest.starts_with(|c: char| c.is_ascii_digit());
                if text {
                    edits.push(Edit::replace(i..end, " ", FixKind::Whitespace));
                    while iter.peek().is_some_and(|&(k, _)| k < end) {
                        iter.next();
                    }
                }
            }
            // A zero-width joiner inside an emoji sequence is content.
            '\u{200D}' if is_emoji_join(s, i) => {}
            c if options.normalize_chars && is_invisible(c) => {
                edits.push(Edit::delete(i..i + c.len_utf8(), FixKind::Invisible));
            }
            '\u{2015}' if options.normalize_chars && is_cjk_dash(s, i) => {
                edits.push(Edit::replace(i..i + 3, "\u{2014}", FixKind::LookAlike));
            }
            c if options.normalize_chars => {
                let variant = if simplified {
                    simplified_variant(c)
                } else {
                    None
                };
                let bullet = if opens_line {
                    item_bullet(s, i, c)
                } else {
                    None
                };
                if let Some(rep) = variant.or(bullet).or_else(|| lookalike(c)) {
                    edits.push(Edit::replace(i..i + c.len_utf8(), rep, FixKind::LookAlike));
                }
            }
            _ => {}
        }
        if is_basic_ideograph(c) {
            // The common ideographs after this one need nothing: no look-alike, no
            // invisible char, no line end among them (`line_blank` is already false).
            let n = basic_ideograph_run(&s[i + 3..]);
            if n > 0 {
                iter.nth(n - 1);
            }
        }
    }
    trailing_space(s, line_start, s.len(), &mut edits);
    edits
}

/// The bullet a word processor's symbol font draws for a Private Use Area code, where the
/// PDF maps the glyph back to that code rather than to Unicode: Word's bullet library (Symbol
/// `0xB7`; Wingdings `0xA7`, `0x76`, `0xD8`, `0xFC`, `0x6E`) comes out of every extractor as
/// U+F0B7, U+F0A7, U+F076, U+F0D8, U+F0FC and U+F06E, a box or nothing on screen.
fn symbol_font_bullet(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{F0B7}' => "•",
        '\u{F0A7}' => "▪",
        '\u{F06E}' => "■",
        '\u{F076}' => "❖",
        '\u{F0D8}' => "➢",
        '\u{F0FC}' => "✓",
        _ => return None,
    })
}

/// The bullet for `c` at `i`, the first char of its line, when it is a symbol font's bullet
/// opening a list item: a space or tab follows. Elsewhere a Private Use Area char may be a
/// font's own character, and stays.
fn item_bullet(s: &str, i: usize, c: char) -> Option<&'static str> {
    symbol_font_bullet(c).filter(|_| s[i + c.len_utf8()..].starts_with([' ', '\t']))
}

/// Longest enumerator, in bytes, that a tab after it sets apart from its text (`（十二）`).
const MAX_TABBED_MARKER: usize = 12;

/// Whether `head`, a line up to a tab, is a list or heading marker: a bullet (a symbol font's
/// too), `1.`, `1.1`, `（一）`, `第一章`. Word puts a tab between the number it draws and the
/// text (`1.1⇥Scope`, `•⇥item`), and a copy keeps it; one space reads the same and lets the
/// marker be seen as one.
fn opens_line_marker(head: &str) -> bool {
    let head = head.trim_start_matches([' ', '\t']);
    let mut chars = head.chars();
    let (Some(first), second) = (chars.next(), chars.next()) else {
        return false;
    };
    if head.len() > MAX_TABBED_MARKER || head.contains([' ', '\t']) {
        return false;
    }
    let bullet = second.is_none()
        && (is_bullet(first)
            || symbol_font_bullet(first).is_some()
            || matches!(first, '-' | '*' | '–'));
    let section_number = first.is_ascii_digit()
        && head.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && !head.contains("..");
    bullet || section_number || numbering(head).is_some_and(|(_, len)| len == head.len())
}

/// Whether the horizontal bar `―` (U+2015) at `i` stands for an em dash: it touches
/// Chinese or Japanese text (one space apart at most, through a run of bars). GB18030-2000
/// mapped the Chinese dash (A1AA) to U+2015, and fonts built on that mapping still give it
/// to pdf.js: `三峡―葛洲坝`, `――据新华社`. Beside Latin text it stays, where it can be a
/// quotation dash.
fn is_cjk_dash(s: &str, i: usize) -> bool {
    let is_bar = |c: char| c == '\u{2015}' || c == '\u{2014}';
    let cjk = |c: Option<char>| {
        c.is_some_and(|c| {
            crate::text::is_han(c)
                || crate::text::is_kana(c)
                || crate::text::is_cjk_punct(c) && !matches!(c, '“' | '”' | '‘' | '’' | '—')
        })
    };
    let near = |it: &mut dyn Iterator<Item = char>| match it.next() {
        Some(' ') => it.next(),
        c => c,
    };
    cjk(near(&mut s[..i].trim_end_matches(is_bar).chars().rev()))
        || cjk(near(&mut s[i..].trim_start_matches(is_bar).chars()))
}

/// A space that ends no line and carries no text: a blank line may hold only these.
fn is_blank_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{A0}' | '\u{3000}' | '\u{2000}'..='\u{200A}' | '\u{202F}'
    )
}

/// The blank lines from `start` (spaces, each line ended by `\r\n`, `\r` or `\n`): the byte
/// where the run ends (after its last line break) and the number of line breaks.
fn blank_run(s: &str, start: usize) -> (usize, usize) {
    let bytes = s.as_bytes();
    let (mut at, mut end, mut breaks) = (start, start, 0);
    loop {
        at += s[at..].len() - s[at..].trim_start_matches(is_blank_space).len();
        match bytes.get(at) {
            Some(b'\r') if bytes.get(at + 1) == Some(&b'\n') => at += 2,
            Some(b'\r' | b'\n') => at += 1,
            _ => return (end, breaks),
        }
        end = at;
        breaks += 1;
    }
}

/// Whether the ZWJ at `i` sits between two pictographs (👨‍👩‍👧).
fn is_emoji_join(s: &str, i: usize) -> bool {
    let before = s[..i].chars().next_back();
    let after = s[i + 3..].chars().next();
    let pictographic = |c: Option<char>| {
        c.is_some_and(|c| c as u32 >= 0x2190 && !crate::text::is_cjk(c) || c == '\u{FE0F}')
    };
    pictographic(before) && pictographic(after)
}

/// Records the removal of spaces and tabs (and look-alike spaces) ending the line `start..end`.
fn trailing_space(s: &str, start: usize, end: usize, edits: &mut Vec<Edit>) {
    let line = &s[start..end];
    let kept = line.trim_end_matches(is_blank_space);
    if kept.len() < line.len() {
        let from = start + kept.len();
        // Look-alike spaces inside this run were queued as their own edits: drop them.
        while edits.last().is_some_and(|e| e.range.start >= from) {
            edits.pop();
        }
        edits.push(Edit::delete(from..end, FixKind::Whitespace));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookalikes_skip_the_common_cjk_range() {
        assert!(lookalike::LOOKALIKES
            .iter()
            .all(|&(c, _)| !NO_LOOKALIKES.contains(&c)));
        assert!(lookalike::LOOKALIKES.is_sorted_by_key(|&(c, _)| c));
    }

    fn run(s: &str) -> String {
        let mut t = Tracked::new(s);
        normalize(&mut t, &CleanOptions::default());
        t.as_str().to_owned()
    }

    #[test]
    fn radicals_and_ligatures() {
        assert_eq!(
            run("中国政府⽹ 第 1 ⻚ 共 6 ⻚"),
            "中国政府网 第 1 页 共 6 页"
        );
        assert_eq!(run("⼈⺠⽇报"), "人民日报");
        // The door radical is 户 in a simplified text, 戶 in a traditional one.
        assert_eq!(run("在客⼾端未授权的情况下"), "在客户端未授权的情况下");
        assert_eq!(run("這個客⼾"), "這個客戶");
        assert_eq!(run("deﬁne eﬀect"), "define effect");
        // The horizontal bar of GB18030-2000 fonts is the em dash in Chinese text only.
        assert_eq!(run("三峡―葛洲坝 ――据新华社"), "三峡—葛洲坝 ——据新华社");
        assert_eq!(run("―Yes, he said. A ― B"), "―Yes, he said. A ― B");
        assert_eq!(run("罗\u{F90E}"), "罗\u{F90E}".replace('\u{F90E}', "癩"));
    }

    #[test]
    fn a_symbol_font_bullet_opening_a_line_is_a_bullet() {
        assert_eq!(
            run("\u{F0B7}\t第一项\n  \u{F0A7} Second\n\u{F0D8} third"),
            "• 第一项\n  ▪ Second\n➢ third"
        );
        // Inside a line, or not followed by a space, it may be a font's own character.
        assert_eq!(run("a \u{F0B7} b\n\u{F0B7}x"), "a \u{F0B7} b\n\u{F0B7}x");
    }

    #[test]
    fn a_tab_after_a_marker_is_a_space() {
        assert_eq!(
            run("1.1\tScope\n（一）\t总则\n\u{F0B7}\t\titem\n第一章\t总则\n  2.\tTwo"),
            "1.1 Scope\n（一） 总则\n• item\n第一章 总则\n  2. Two"
        );
        // A tab in a table row, or before nothing, stays (the trailing one goes as before).
        assert_eq!(
            run("序号\t名称\t数量\n1\t苹果\t3\n1\t100\n2.\t\n"),
            "序号\t名称\t数量\n1\t苹果\t3\n1\t100\n2.\n"
        );
    }

    #[test]
    fn line_ends_and_invisibles() {
        assert_eq!(run("a \r\nb\t\rc\u{200B}d\u{AD}e\u{FEFF}"), "a\nb\ncde");
        assert_eq!(run("x\u{A0}y\u{3000}\n"), "x y\n");
        assert_eq!(run("👨\u{200D}👩"), "👨\u{200D}👩");
    }

    #[test]
    fn a_run_of_blank_lines_is_one_fix() {
        assert_eq!(run("a\r\n \r\n\t\r\n\r\nb \n\n  \nc"), "a\n\n\n\nb\n\n\nc");
        let mut t = Tracked::new(&format!("a\r\n{}b", " \r\n".repeat(1000)));
        normalize(&mut t, &CleanOptions::default());
        assert_eq!(t.as_str(), format!("a\n{}b", "\n".repeat(1000)));
        assert_eq!(t.fixes().len(), 2, "{:?}", t.fixes());
        // Blank lines of ideographic spaces, no-break spaces and lone CRs are blank too.
        let blank = " \r\n\t\n\u{3000}\r\u{A0}\u{A0}\n".repeat(1000);
        let mut t = Tracked::new(&format!("a\n{blank}\u{3000}\u{3000}b"));
        normalize(&mut t, &CleanOptions::default());
        assert_eq!(
            t.as_str(),
            format!("a\n{}\u{3000}\u{3000}b", "\n".repeat(4000))
        );
        assert_eq!(t.fixes().len(), 1, "{:?}", t.fixes());
    }

    #[test]
    fn keeps_fullwidth_punctuation() {
        let s = "（一）坚持深化改革，简政放权。１２３";
        assert_eq!(run(s), s);
    }

    #[test]
    fn is_idempotent() {
        for s in ["a \r\n\r\nb\u{AD}", "⼀、指导思想  \n", "ﬁ\u{200B}\r"] {
            let once = run(s);
            assert_eq!(run(&once), once);
        }
    }

    #[test]
    fn disabled_keeps_characters() {
        let mut t = Tracked::new("⼈\u{200B}\r\n");
        normalize(
            &mut t,
            &CleanOptions {
                normalize_chars: false,
                ..CleanOptions::default()
            },
        );
        assert_eq!(t.as_str(), "⼈\u{200B}\n");
    }
}

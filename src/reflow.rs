//! Reflow: lines as the PDF wrapped them → one line per paragraph.
//!
//! Each break between two lines is judged on its own evidence:
//! - a line that starts a numbered heading or list item starts a block;
//! - a line that ends mid-sentence (`，`, `、`, an opening quote) goes on;
//! - a letter-spaced line (justified text stretched because the next word did not fit) goes
//!   on, and so does a CJK line cut short by a Latin word that would not have fitted on it;
//! - otherwise the line's width against the block's wrap width decides: a line that stops
//!   short ends its paragraph, a full one goes on (one that ends a sentence only when it is
//!   as wide as the wrap width, and in Latin text only when the document's paragraphs are
//!   long enough for that to be likelier than a paragraph end);
//! - a blank line ends a paragraph, unless the text is blank-line noise (pdfminer puts blank
//!   lines inside paragraphs) or the line before it is full and unpunctuated;
//! - a page break (a form feed, or the mark the artifact stage leaves for removed
//!   furniture) does not end a paragraph by itself: the words on both sides are rejoined
//!   even when no wrap width can be inferred.
//!
//! Joins: nothing between CJK text, one space between Latin words. An end-of-line hyphen is
//! dropped (`docu-` / `mented` → `documented`) unless the document shows the hyphenated
//! form elsewhere, the joined word is not in the document while the part before the hyphen is
//! a word that forms compounds (`well-` / `known`), or the next line starts in upper case
//! or with a digit (`non-` / `CPython`): then the hyphen stays and nothing is put between.
//! Letter-spaced lines (`这 地 总 体 地 力`) are closed up.

use std::collections::HashSet;

use crate::edit::{Edit, FixKind, Tracked};
use crate::text::{ends_sentence, is_cjk, is_cjk_punct, is_fullwidth, is_han, is_kana};
use crate::CleanOptions;

/// Runs the reflow pass over `text`: afterwards paragraphs are separated by one `\n`.
/// Returns whether it changed anything.
pub fn reflow(text: &mut Tracked, options: &CleanOptions) -> bool {
    let edits = plan(text.as_str(), options);
    let changed = !edits.is_empty();
    text.apply(edits);
    changed
}

#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// The line without leading/trailing whitespace (form feeds included).
    text: &'a str,
    /// Byte range of the whole line (without its `\n`).
    start: usize,
    end: usize,
    /// Byte range of `text`.
    text_start: usize,
    text_end: usize,
    /// Leading spaces (a first-line indent in `pdftotext -layout`).
    indent: usize,
    /// A form feed is on this line: a page boundary.
    page_break: bool,
    /// The line ends with a form feed: the page broke right after its text.
    break_after: bool,
    /// Display width, letter spacing not counted.
    width: usize,
    /// The line is letter-spaced (`文 件 、 信 息 或 任 何`): justified text stretched to
    /// fill the line because the next word did not fit, so the paragraph goes on.
    stretched: bool,
}

fn is_blank_char(c: char) -> bool {
    c.is_whitespace()
}

/// The lines of `s`. A run of blank lines is one `Line` (the rules only ask whether there
/// is a blank line between two others, and whether a page broke there), so that memory
/// follows the text's content, not its line count.
fn split_lines(s: &str, spaces: Spaces) -> Vec<Line<'_>> {
    let mut out: Vec<Line<'_>> = Vec::new();
    let mut start = 0;
    loop {
        let end = s[start..].find('\n').map_or(s.len(), |i| start + i);
        let raw = &s[start..end];
        let text = raw.trim_matches(is_blank_char);
        if let Some(prev) = out
            .last_mut()
            .filter(|p| p.text.is_empty() && text.is_empty())
        {
            prev.end = end;
            prev.page_break |= raw.contains('\u{C}');
            prev.break_after = prev.page_break;
            if end == s.len() {
                break;
            }
            start = end + 1;
            continue;
        }
        let lead = raw.len() - raw.trim_start_matches(is_blank_char).len();
        let indent = raw[..lead].chars().filter(|&c| c == ' ').count();
        out.push(Line {
            text,
            start,
            end,
            text_start: start + lead,
            text_end: start + lead + text.len(),
            indent,
            page_break: raw.contains('\u{C}'),
            break_after: raw[lead + text.len()..].contains('\u{C}'),
            width: width(text, spaces),
            stretched: spaced_gaps(text) >= 3,
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
enum Spaces {
    /// The writer's (`从 2010 年开始`): a space glyph, half a column.
    Written,
    /// An extractor's padding at a font switch (`共 9 家` from `共9家`): nothing on the page.
    Padding,
}

impl Spaces {
    fn of(writer_spaces_mixed: bool) -> Spaces {
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
fn width(t: &str, spaces: Spaces) -> usize {
    let mut halves: usize = 0;
    let mut prev_cjk = false;
    let mut prev_punct = false;
    let mut pending_space = 0;
    for c in t.chars() {
        if c == ' ' {
            pending_space += 1;
            continue;
        }
        let cjk = is_cjk(c) || is_fullwidth(c);
        let punct = is_cjk_punct(c);
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
    }
    halves.div_ceil(2)
}

/// How many single spaces in `t` sit between two lone ideographs (`任 何 数`): the gaps of
/// a letter-spaced line (an extractor's padding around punctuation, `“ 罚赔同步 ”`, is not).
fn spaced_gaps(t: &str) -> usize {
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

/// The width at which the text was hard-wrapped: a high percentile of the widths of lines
/// that run into the next line mid-sentence (short titles and headings sit below it).
/// `None` when nothing looks wrapped.
fn wrap_width(lines: &[Line<'_>], content: &[usize]) -> Option<usize> {
    // An unpunctuated line after a finished sentence is a heading, not a wrapped line (text
    // reflowed once has nothing else that does not end a sentence).
    let mut widths: Vec<usize> = (0..content.len().saturating_sub(1))
        .filter(|&k| {
            k == 0
                || !ends_sentence(lines[content[k - 1]].text)
                || has_text_punct(lines[content[k]].text)
        })
        .map(|k| &lines[content[k]])
        .filter(|l| !ends_sentence(l.text) && !l.stretched)
        .map(|l| l.width)
        .filter(|w| *w >= 16)
        .collect();
    if widths.len() < 2 {
        return None;
    }
    widths.sort_unstable();
    // pdftotext prints two or three wrapped lines as one now and then: leave those out.
    let median = widths[widths.len() / 2];
    widths.retain(|&w| w * 2 <= median * 3);
    let wrap = widths[widths.len() * 4 / 5];
    // Wrapped text has many lines at (nearly) one width; already reflowed paragraphs do not.
    let near = widths
        .iter()
        .filter(|&&w| w * 100 >= wrap * 90 && w * 100 <= wrap * 110)
        .count();
    // And once reflowed, the few lines left that do not end a sentence are a small share of
    // the text: they must not set a wrap width on a second pass.
    (near >= 3 && near * 5 >= widths.len() * 2 && near * 5 >= content.len()).then_some(wrap)
}

/// Punctuation after which a sentence certainly goes on.
fn ends_mid_sentence(t: &str) -> bool {
    t.ends_with(['，', ',', '、', '“', '‘', '（', '(', '《', '—', '·', '／'])
}

/// A line that starts a new block whatever precedes it: a numbered heading or list item.
fn starts_block(t: &str) -> bool {
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    match first {
        '（' | '(' => {
            let inner: String = chars
                .by_ref()
                .take_while(|c| !matches!(c, '）' | ')'))
                .collect();
            !inner.is_empty()
                && inner.chars().count() <= 3
                && (inner.chars().all(crate::text::is_cn_numeral)
                    || inner.chars().all(|c| c.is_ascii_digit()))
        }
        '第' => {
            // 第一章 总则, 第三条: a chapter or article heading, not 第九十三条规定的.
            let rest = chars.as_str();
            let num_end = rest
                .find(|c: char| !crate::text::is_cn_numeral(c) && !c.is_ascii_digit())
                .unwrap_or(rest.len());
            num_end > 0
                && rest[num_end..].starts_with(['章', '节', '条', '编', '部', '篇'])
                && rest[num_end..]
                    .chars()
                    .nth(1)
                    .is_none_or(|c| c.is_whitespace() || c == '　')
        }
        '•' | '●' | '■' | '◆' | '▪' | '①'..='⑳' => true,
        c if crate::text::is_cn_numeral(c) => {
            let rest = t.trim_start_matches(crate::text::is_cn_numeral);
            rest.starts_with('、')
        }
        c if c.is_ascii_digit() => {
            let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
            // After the separator, which may be a 3-byte `．` or `、`.
            let after = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
            rest.starts_with(['.', '．', '、'])
                && t.len() - rest.len() <= 3
                && !after.starts_with(|c: char| c.is_ascii_digit())
                && !after.starts_with(|c: char| c.is_ascii_lowercase())
        }
        _ => false,
    }
}

/// A line that starts with a reference number and text (`[2] http://www.jython.org/`).
fn starts_reference(t: &str) -> bool {
    t.strip_prefix('[')
        .and_then(|r| r.split_once("] "))
        .is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit())
        })
}

/// A line holding only a list marker (`[1]`, `•`): it belongs to the next line.
fn is_lone_marker(t: &str) -> bool {
    let inner = t.strip_prefix('[').and_then(|r| r.strip_suffix(']'));
    inner.is_some_and(|i| !i.is_empty() && i.len() <= 3 && i.bytes().all(|b| b.is_ascii_digit()))
        || matches!(t, "•" | "●" | "■" | "◆" | "▪" | "-" | "*")
}

/// Punctuation that marks running text: a line holding none of it may be a heading.
fn has_text_punct(t: &str) -> bool {
    t.chars().any(|c| {
        crate::text::is_sentence_end(c) || matches!(c, '，' | ',' | '、' | '“' | '”' | '"')
    })
}

/// A short line without running-text punctuation: a heading when a break follows it.
fn heading_like(l: &Line<'_>, wrap: usize) -> bool {
    // A parenthesized note (`（海关总署负责）`) closes the paragraph it follows.
    let note = l.text.starts_with(['（', '(']) && l.text.ends_with(['）', ')']);
    l.width * 100 <= wrap * 70 && !has_text_punct(l.text) && !l.text.ends_with('-') && !note
}

/// A lone Latin word or two on its own line (`WebTransport`, `AI`): pdftotext prints the
/// Latin head of a heading apart from its CJK rest.
fn lone_latin(t: &str) -> bool {
    t.len() <= 24
        && t.split(' ').count() <= 2
        && t.starts_with(|c: char| c.is_ascii_alphanumeric())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '.' | '/' | '+' | '#'))
        && t.chars().any(|c| c.is_ascii_alphabetic())
}

/// `latin` / `cjk` is one heading cut in two: a lone Latin line before a CJK line that
/// together stay short and read as a heading (no clause punctuation; a question or
/// exclamation mark may end it).
fn latin_heading_head(latin: &Line<'_>, cjk: &Line<'_>, wrap: usize) -> bool {
    let body = cjk.text.trim_end_matches(['？', '！', '?', '!']);
    lone_latin(latin.text)
        && cjk.text.starts_with(|c: char| is_han(c) || is_kana(c))
        && !has_text_punct(body)
        && (latin.width + 1 + cjk.width) * 100 <= wrap * 80
}

/// Words of the document, lower-cased, for deciding what an end-of-line hyphen was: the
/// words (hyphenated compounds included) that appear whole inside a line.
fn document_words(lines: &[Line<'_>]) -> HashSet<String> {
    let mut words = HashSet::new();
    for l in lines {
        let mut tokens = l
            .text
            .split(|c: char| !(c.is_alphabetic() || c == '-' || c == '\''))
            .peekable();
        while let Some(w) = tokens.next() {
            let last = tokens.peek().is_none();
            let w = w.trim_matches(['-', '\'']);
            if w.len() >= 2 && !(last && l.text.ends_with('-')) && !is_cjk_word(w) {
                words.insert(w.to_lowercase());
            }
        }
    }
    words
}

fn is_cjk_word(w: &str) -> bool {
    w.chars().any(|c| is_han(c) || is_kana(c))
}

/// Words that form hyphenated compounds with the word after them (`well-known`,
/// `non-trivial`, `self-hosted`): a line ending in one of them keeps its hyphen when the
/// document does not settle the question.
const COMPOUND_HEADS: &[&str] = &[
    "well", "non", "self", "anti", "multi", "cross", "high", "low", "long", "short", "full",
    "half", "all", "ill", "semi", "pre", "post", "co", "ex", "re", "sub", "inter", "intra", "open",
    "built", "user", "real", "one", "two", "three", "first", "second", "third", "third", "so",
    "hand", "life", "state", "long", "old", "world", "cutting", "data", "out", "off", "up", "down",
    "in", "on", "end", "mid", "mass", "far", "near", "top", "best", "least", "most", "ever",
    "never", "free", "time", "case",
];

/// How to glue the end of `prev` to the start of `next`.
enum Glue {
    /// Join with this text in between.
    Join(&'static str),
    /// Drop the hyphen that ends `prev` and join with nothing.
    Dehyphenate,
}

/// `spaced_mixed`: the writer puts a space between CJK and Latin text (`使用 WebRTC`), so a
/// line break between them stands for one.
fn joint(prev: &str, next: &str, words: &HashSet<String>, spaced_mixed: bool) -> Glue {
    let a = prev.chars().next_back().unwrap_or(' ');
    let b = next.chars().next().unwrap_or(' ');
    if a == '-' && prev.len() > 1 {
        let before = prev[..prev.len() - 1].chars().next_back().unwrap_or(' ');
        if before.is_alphabetic() && !is_cjk(before) && b.is_lowercase() {
            let head = prev[..prev.len() - 1]
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            let tail: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
            let joined = format!("{head}{tail}").to_lowercase();
            let hyphened = format!("{head}-{tail}").to_lowercase();
            let keep = words.contains(&hyphened)
                || !words.contains(&joined)
                    && COMPOUND_HEADS.contains(&head.to_lowercase().as_str());
            return if keep {
                Glue::Join("")
            } else {
                Glue::Dehyphenate
            };
        }
        if before.is_alphanumeric() {
            return Glue::Join("");
        }
    }
    // A URL cut at a path separator, a version number cut at its dot (`3.` / `x`).
    let last_token = prev.rsplit(' ').next().unwrap_or("");
    let first_token = next.split(' ').next().unwrap_or("");
    if last_token.contains("://")
        && last_token.ends_with(['/', '_', '.', '=', '?', '&', '#'])
        && is_path_piece(first_token)
        || a == '.'
            && last_token.len() <= 4
            && last_token[..last_token.len() - 1]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit())
            && b.is_ascii_lowercase()
            && next.split(' ').next().is_some_and(|w| w.len() <= 3)
    {
        return Glue::Join("");
    }
    let ideo = |c: char| is_han(c) || is_kana(c);
    let latin = |c: char| c.is_ascii_alphanumeric();
    if spaced_mixed && (ideo(a) && latin(b) || latin(a) && ideo(b)) {
        Glue::Join(" ")
    } else if is_cjk(a) || is_cjk(b) || is_han(a) || is_han(b) {
        Glue::Join("")
    } else {
        Glue::Join(" ")
    }
}

/// What lies between two content lines.
#[derive(Debug, Clone, Copy, Default)]
struct Gap {
    blank: bool,
    page: bool,
}

/// Document-wide evidence for the break decisions.
struct Layout {
    wrap: Option<usize>,
    /// Blank lines are noise (pdfminer): they fall inside paragraphs as often as between.
    blank_noise: bool,
    /// A first-line indent marks paragraph starts (`pdftotext -layout`).
    indent_marks: bool,
    /// The widths of a paragraph's first line when the extractor dropped its indent: the
    /// line still stops short of the wrap width by the indent (`None` when the document's
    /// known paragraph starts show no such indent).
    hidden_indent: Option<(usize, usize)>,
    /// In this Latin text a full line that ends a sentence more likely ends its paragraph
    /// than goes on (see [`full_stops_end_paragraphs`]).
    full_stops_end: bool,
}

impl Layout {
    fn full(&self, l: &Line<'_>, ratio: usize) -> bool {
        self.wrap.is_some_and(|w| l.width * 100 >= w * ratio)
    }

    /// Whether `l` stops at the wrap width without ending a sentence: mid-paragraph for sure.
    fn runs_on(&self, l: &Line<'_>) -> bool {
        ends_mid_sentence(l.text) || !ends_sentence(l.text) && self.full(l, 85)
    }
}

/// Measures the document. A stretched line is as wide as the wrap width, whatever its
/// letters add up to: its `width` is set to it (and a short or unmeasurable one is no
/// stretched line).
fn layout(lines: &mut [Line<'_>], content: &[usize]) -> Layout {
    let wrap = wrap_width(lines, content);
    for l in lines.iter_mut().filter(|l| l.stretched) {
        match wrap {
            // Justified text is stretched by the width of a word or two; a short spaced-out
            // line is a title set that way (`第 一 章 总 则`).
            Some(wrap) if l.width * 2 >= wrap => l.width = l.width.max(wrap),
            _ => l.stretched = false,
        }
    }
    let lines = &*lines;
    let mut l = Layout {
        wrap,
        blank_noise: false,
        indent_marks: false,
        hidden_indent: None,
        full_stops_end: false,
    };
    let (mut blank_gaps, mut blank_inside) = (0, 0);
    let (mut indented, mut flush) = (0, 0);
    for w in content.windows(2) {
        let gap = gap(lines, w[0], w[1]);
        if gap.blank && !gap.page {
            blank_gaps += 1;
            blank_inside += l.runs_on(&lines[w[0]]) as usize;
        }
        if lines[w[1]].indent >= 2 {
            indented += 1;
        } else {
            flush += 1;
        }
    }
    l.blank_noise = blank_inside >= 3 && blank_inside * 3 >= blank_gaps;
    l.indent_marks = indented >= 3 && flush >= indented * 2;
    l.hidden_indent = l
        .wrap
        .and_then(|wrap| hidden_indent(lines, content, wrap, l.blank_noise));
    l.full_stops_end = l
        .wrap
        .is_some_and(|wrap| full_stops_end_paragraphs(lines, content, wrap));
    l
}

/// Whether a full Latin line that ends a sentence more likely ends its paragraph than goes
/// on, judged from the document's own counts:
/// - paragraph ends: the short last lines seen (30% of the wrap width up to the full band)
///   give a rate per column; the full band (`lo..=hi`) holds that rate times its width;
/// - sentence ends inside a paragraph: a sentence ends at a line end about once in
///   `words per line` sentence ends, and such a line lands in the full band as often as the
///   document's lines that run on do.
///
/// Short paragraphs of few sentences (web pages, specifications) tip it one way, long ones
/// (papers, books) the other. When blank lines mark the paragraphs (most short ends have one
/// after them) a break without one is inside a paragraph, and nothing changes.
fn full_stops_end_paragraphs(lines: &[Line<'_>], content: &[usize], wrap: usize) -> bool {
    let (lo, hi) = full_range(wrap);
    let short_from = wrap * 3 / 10;
    let (mut short_ends, mut inner_stops, mut words, mut latin_lines) = (0usize, 0usize, 0, 0);
    let (mut running, mut running_full, mut blank_ends) = (0usize, 0usize, 0usize);
    for (k, &i) in content.iter().enumerate() {
        let t = lines[i].text;
        let w = lines[i].width;
        if t.chars().any(is_cjk) || w * 2 > wrap * 3 {
            continue;
        }
        latin_lines += 1;
        words += t.split(' ').filter(|w| !w.is_empty()).count();
        inner_stops += t
            .as_bytes()
            .windows(3)
            .filter(|w| {
                matches!(w[0], b'.' | b'?' | b'!') && w[1] == b' ' && w[2].is_ascii_uppercase()
            })
            .count();
        let Some(&n) = content.get(k + 1) else {
            continue;
        };
        if ends_sentence(t) && w >= short_from && w < lo {
            if n == i + 1 {
                short_ends += 1;
            } else {
                blank_ends += 1;
            }
        } else if n == i + 1 && !ends_sentence(t) && w * 2 >= wrap && w <= hi {
            running += 1;
            running_full += usize::from(w >= lo);
        }
    }
    // When blank lines mark the paragraphs, a break without one is inside a paragraph.
    if blank_ends > short_ends
        || latin_lines * 2 < content.len()
        || latin_lines < 10
        || lo <= short_from
    {
        return false;
    }
    let short_ends = short_ends + blank_ends;
    let band = hi - lo + 1;
    // short_ends · band / (lo - short_from)
    //     >  inner_stops / (words / latin_lines) · running_full / running
    // (in u128: four counts of a large document overflow a 32-bit usize, and a u64).
    let product = |factors: [usize; 4]| factors.iter().map(|&f| f as u128).product::<u128>();
    product([short_ends, band, words, running])
        > product([inner_stops, latin_lines, running_full, lo - short_from])
}

/// The width range of first lines whose indent the extractor dropped (pypdf, pdftotext
/// without `-layout`). Known first lines — after a short line that ends a sentence, and
/// running on into the next line — are measured against known middle lines (between two
/// lines that run on): when the first lines sit together, one to three CJK chars narrower
/// than the middle ones, a line of that width after a finished sentence starts a paragraph.
///
/// `blank_noise`: blank lines say nothing (pdfminer), so lines around them are measured too.
fn hidden_indent(
    lines: &[Line<'_>],
    content: &[usize],
    wrap: usize,
    blank_noise: bool,
) -> Option<(usize, usize)> {
    let (lo, _) = full_range(wrap);
    let runs_on =
        |l: &Line<'_>| ends_mid_sentence(l.text) || !ends_sentence(l.text) && l.width >= lo;
    let mut firsts = Vec::new();
    let mut middles = Vec::new();
    for w in content.windows(3) {
        let (p, l, n) = (&lines[w[0]], &lines[w[1]], &lines[w[2]]);
        let blank = w[1] > w[0] + 1 || w[2] > w[1] + 1;
        if blank && !blank_noise || p.page_break || l.page_break || n.page_break {
            continue;
        }
        if ends_sentence(l.text) || starts_block(l.text) || starts_block(n.text) {
            continue;
        }
        if ends_sentence(p.text) && p.width < lo && !heading_like(l, wrap) {
            firsts.push(l.width);
        } else if runs_on(p) && runs_on(l) {
            middles.push(l.width);
        }
    }
    if firsts.len() < 3 || middles.len() < 5 {
        return None;
    }
    firsts.sort_unstable();
    middles.sort_unstable();
    let first = firsts[firsts.len() / 2];
    let middle = middles[middles.len() / 2];
    let near = firsts
        .iter()
        .filter(|&&w| w + 2 >= first && w <= first + 2)
        .count();
    let indent = middle.checked_sub(first)?;
    ((3..=8).contains(&indent) && near * 3 >= firsts.len() * 2)
        .then_some((first - 2, (first + 2).min(middle - 3)))
}

fn gap(lines: &[Line<'_>], p: usize, n: usize) -> Gap {
    Gap {
        blank: n > p + 1,
        page: lines[p + 1..=n].iter().any(|l| l.page_break) || lines[p].break_after,
    }
}

/// Whether the break between `prev` and `next` falls inside a paragraph.
///
/// The rules that need no layout evidence come first, so that text reflowed once (no blank
/// lines, no wrap width, no page marks left) is never joined again: reflow is idempotent.
///
/// `first`: `prev` is the document's first content line. `after`: the line after `next`
/// and what lies between them, for the rules that look one line ahead.
fn should_join(
    prev: &Line<'_>,
    next: &Line<'_>,
    gap: Gap,
    lay: &Layout,
    first: bool,
    after: Option<(&Line<'_>, Gap)>,
) -> bool {
    let (p, n) = (prev.text, next.text);
    if is_lone_marker(p) || is_lone_closer(n) || continues_url(p, n) {
        return true;
    }
    if starts_block(n) {
        return false;
    }
    // Justified text stretched to fill its line goes on; a paragraph's last line is never
    // stretched.
    if prev.stretched && (!gap.blank || lay.blank_noise) {
        return true;
    }
    // A reference list (`[1] https://…` / `[2] http://…`): an entry starts after an entry or
    // after a lone link, not inside running text (`on the python-ideas` / `[1] mailing list`).
    if starts_reference(n) && (starts_reference(p) || !p.contains(' ') && p.contains("://")) {
        return false;
    }
    if lay
        .wrap
        .is_some_and(|wrap| !gap.page && latin_heading_head(prev, next, wrap))
    {
        return true;
    }
    if ends_mid_sentence(p) {
        return true;
    }
    // A Latin sentence that goes on in lower case on the next line (also after a URL).
    let last = p.chars().next_back().unwrap_or(' ');
    let url_end = last == '/' && p.rsplit(' ').next().is_some_and(|t| t.contains("://"));
    if !ends_sentence(p)
        && (last.is_ascii_alphanumeric() || last == '-' || url_end)
        && n.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return true;
    }
    // A title on the first line, never wrapped (short, or wider than the wrap width) and
    // without punctuation, before the body text: its own paragraph.
    if first && !has_text_punct(p) && !p.ends_with('-') && has_text_punct(n) {
        if let Some(wrap) = lay.wrap {
            let (lo, hi) = full_range(wrap);
            if prev.width < lo || prev.width > hi {
                return false;
            }
        }
    }
    if lay.indent_marks && next.indent >= 2 && next.indent > prev.indent {
        return false;
    }
    if gap.blank && !gap.page && !lay.blank_noise {
        return !ends_sentence(p) && lay.full(prev, 85);
    }
    let Some(wrap) = lay.wrap else {
        // Without a wrap width only a page break inside a sentence is known to cut it.
        return gap.page && !ends_sentence(p);
    };
    let w = prev.width;
    if ends_sentence(p) {
        // A dash opening the next line after a finished sentence starts a paragraph
        // (`——先行赔付进入快车道。`); so does whatever follows a colon in CJK text, unless it is a quote.
        let colon = p.ends_with('：') || p.ends_with(':') && p.chars().any(is_cjk);
        if n.starts_with("——") || colon && !n.starts_with(['“', '「', '"']) {
            return false;
        }
        // A short unpunctuated line after a finished sentence, with a break after it, is a
        // heading (`…核心环节。` / `AI走出了一条人类没想到的路` / next paragraph).
        if heading_like(next, wrap) {
            let ends_block = after.is_none_or(|(a, g)| {
                !should_join(next, a, g, lay, false, None) || latin_heading_head(next, a, wrap)
            });
            if ends_block {
                return false;
            }
        }
        let (lo, hi) = full_range(wrap);
        if let Some((first_lo, first_hi)) = lay.hidden_indent {
            // A line as wide as a first line whose indent was dropped starts a paragraph;
            // a full line goes on from one (`——特别代表人诉讼取得突破。` / `2026年2月，…`),
            // as the next paragraph's first line would be short.
            if (first_lo..=first_hi).contains(&next.width) && !ends_sentence(n) {
                return false;
            }
            if (first_lo..=first_hi).contains(&w) && (lo..=hi).contains(&next.width) {
                return true;
            }
        }
        // A full line that ends a sentence may go on; a short one ends its paragraph, and
        // so does one past the wrap width: that paragraph was never wrapped. Full means
        // within 6% of the wrap width, or one and a half columns for CJK text.
        if lay.full_stops_end && !p.chars().any(is_cjk) && !p.ends_with(':') {
            return false;
        }
        // CJK text fills its lines to the char: a line more than one char short ended there.
        let lo = if mostly_cjk(p) {
            lo.max(wrap.saturating_sub(3))
        } else {
            lo
        };
        return w >= lo && w <= hi;
    }
    // A short line without clause punctuation before a first line whose indent was dropped
    // is a heading that quotes (`从“罚完退完”到“罚赔同步”`).
    if let Some((first_lo, first_hi)) = lay.hidden_indent {
        let clause = |c: char| {
            crate::text::is_sentence_end(c)
                || matches!(c, '，' | ',' | '、' | '；' | ';' | '：' | ':')
        };
        if w < full_range(wrap).0
            && (first_lo..=first_hi).contains(&next.width)
            && !ends_sentence(n)
            && !p.chars().any(clause)
        {
            return false;
        }
    }
    let latin = !p.chars().any(is_cjk);
    lay.full(prev, if latin { 85 } else { 80 }) || word_did_not_fit(prev, next, wrap)
}

/// A CJK line cut short because the Latin word that opens the next line did not fit on it
/// (`……听起来像` / `WebSockets。但是，……`): CJK text otherwise fills its lines to the char.
fn word_did_not_fit(prev: &Line<'_>, next: &Line<'_>, wrap: usize) -> bool {
    let ends_cjk = prev
        .text
        .chars()
        .next_back()
        .is_some_and(|c| is_han(c) || is_kana(c));
    let word = next
        .text
        .split(|c: char| c == ' ' || is_cjk(c))
        .next()
        .unwrap_or("");
    let latin_word = word.len() >= 2 && word.chars().all(|c| c.is_ascii_graphic());
    // One column for the gap between the CJK text and the word.
    ends_cjk && latin_word && prev.width + 1 + width(word, Spaces::Padding) >= full_range(wrap).0
}

/// A line holding only closing punctuation (`”`, `）。`): the end of the line before it.
fn is_lone_closer(t: &str) -> bool {
    !t.is_empty()
        && t.chars().all(|c| {
            matches!(
                c,
                '”' | '’'
                    | '」'
                    | '』'
                    | '）'
                    | ')'
                    | '》'
                    | '〉'
                    | '】'
                    | '。'
                    | '，'
                    | '、'
                    | '；'
                    | '：'
                    | '！'
                    | '？'
                    | '…'
            )
        })
}

/// A URL cut at a character it cannot end with (`…/python-ideas/2009-` / `October/…`), or
/// at a slash before more of its path (`…/pipermail/` / `python-ideas/…`).
fn continues_url(prev: &str, next: &str) -> bool {
    let last = prev.rsplit(' ').next().unwrap_or("");
    let first = next.split(' ').next().unwrap_or("");
    let cut = last.ends_with(['-', '_', '=', '?', '&', '#', '%', '~'])
        || last.ends_with('/') && is_path_piece(first);
    last.contains("://")
        && cut
        && !next.starts_with('[')
        && !first.is_empty()
        && first.chars().all(|c| c.is_ascii_graphic())
        && !first.contains("://")
        && !starts_block(first)
}

/// A word that reads as part of a URL's path rather than as a word of text: it holds a path
/// separator, a dot, a digit or one of `-_=?#&%`.
fn is_path_piece(w: &str) -> bool {
    w.contains(|c: char| c.is_ascii_digit() || "/._-=?#&%".contains(c))
}

/// Whether most of `t`'s chars are CJK.
fn mostly_cjk(t: &str) -> bool {
    let (mut cjk, mut all) = (0usize, 0usize);
    for c in t.chars().filter(|c| !c.is_whitespace()) {
        all += 1;
        cjk += usize::from(is_cjk(c));
    }
    cjk * 2 > all
}

/// The widths of a line that fills the wrap width: within one CJK char (or 6%) of it.
fn full_range(wrap: usize) -> (usize, usize) {
    let lo = (wrap * 94 / 100).min(wrap.saturating_sub(3));
    let hi = (wrap * 104 / 100).max(wrap + 2);
    (lo, hi)
}

/// Spaces inside a letter-spaced run (`这 地 总 体 地 力`): single spaces between single CJK
/// chars, when at least three such gaps come in a row. A run is closed up as one fix, from
/// its first space to its last (one per gap made a fix and a tracked segment per char).
fn letter_spacing(line: &Line<'_>, edits: &mut Vec<Edit>) {
    let t = line.text;
    if !t.contains(' ') {
        return;
    }
    // The gaps of the current run: each space's byte range.
    let mut run: Vec<(usize, usize)> = Vec::new();
    let flush = |run: &mut Vec<(usize, usize)>, edits: &mut Vec<Edit>| {
        if let ([(first, _), .., (_, last)], true) = (run.as_slice(), run.len() >= 3) {
            let closed: String = run.windows(2).map(|w| &t[w[0].1..w[1].0]).collect();
            edits.push(Edit::replace(
                line.text_start + first..line.text_start + last,
                closed,
                FixKind::LetterSpacing,
            ));
        }
        run.clear();
    };
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let mut i = 1;
    while i + 1 < chars.len() {
        let (at, c) = chars[i];
        if c == ' ' && chars[i + 1].1 != ' ' && is_cjk(chars[i - 1].1) && is_cjk(chars[i + 1].1) {
            // Single CJK char on each side: the one before is preceded by a space (or the
            // run's start), the one after is followed by a space or the line end.
            let after = chars.get(i + 2).map(|&(_, c)| c);
            let single_after = after.is_none_or(|c| c == ' ');
            if single_after || !run.is_empty() {
                run.push((at, chars[i + 1].0));
                if !single_after {
                    flush(&mut run, edits);
                }
            } else {
                flush(&mut run, edits);
            }
            i += 2;
            continue;
        }
        if c == ' ' {
            flush(&mut run, edits);
        }
        i += 1;
    }
    flush(&mut run, edits);
}

fn plan(s: &str, options: &CleanOptions) -> Vec<Edit> {
    let spaced_mixed = options.reflow && crate::spacing::writer_spaces_mixed(s);
    let mut lines = split_lines(s, Spaces::of(spaced_mixed));
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].text.is_empty())
        .collect();
    let lay = layout(&mut lines, &content);
    let needs_words = options.reflow
        && content
            .iter()
            .any(|&i| lines[i].text.ends_with('-') && lines[i].text.len() > 1);
    let words = if needs_words {
        document_words(&lines)
    } else {
        HashSet::new()
    };
    let mut edits = Vec::new();
    let mut prev_content: Option<usize> = None;
    for (k, &i) in content.iter().enumerate() {
        let line = &lines[i];
        // Leading and trailing whitespace (and page-break marks) of the line.
        if line.text_start > line.start {
            edits.push(Edit::delete(line.start..line.text_start, FixKind::Layout));
        }
        if line.end > line.text_end {
            edits.push(Edit::delete(line.text_end..line.end, FixKind::Layout));
        }
        if let Some(p) = prev_content {
            let prev = &lines[p];
            let gap_range = prev.end..line.start;
            let g = gap(&lines, p, i);
            let after = content.get(k + 1).map(|&a| (&lines[a], gap(&lines, i, a)));
            let first = p == content[0];
            if options.reflow && should_join(prev, line, g, &lay, first, after) {
                let glue = joint(prev.text, line.text, &words, spaced_mixed);
                match glue {
                    Glue::Dehyphenate => {
                        edits.push(Edit::delete(
                            prev.text_end - 1..prev.end,
                            FixKind::Dehyphenate,
                        ));
                        edits.push(Edit::delete(gap_range, FixKind::LineJoin));
                    }
                    Glue::Join(glue) => {
                        edits.push(Edit::replace(gap_range, glue, FixKind::LineJoin));
                    }
                }
            } else if gap_range.len() != 1 {
                // Collapse the blank lines to the single paragraph separator.
                edits.push(Edit::replace(gap_range, "\n", FixKind::Layout));
            }
        } else if line.start > 0 {
            edits.push(Edit::delete(0..line.start, FixKind::Layout));
        }
        if options.reflow {
            letter_spacing(line, &mut edits);
        }
        // Form feeds left inside the text are page marks too.
        for (k, _) in line.text.match_indices('\u{C}') {
            edits.push(Edit::delete(
                line.text_start + k..line.text_start + k + 1,
                FixKind::Layout,
            ));
        }
        prev_content = Some(i);
    }
    match prev_content {
        Some(p) if lines[p].end < s.len() => {
            edits.push(Edit::delete(lines[p].end..s.len(), FixKind::Layout));
        }
        None if !s.is_empty() => edits.push(Edit::delete(0..s.len(), FixKind::Layout)),
        _ => {}
    }
    edits
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
        let s = "这一年,习近平总书记亲临四川视察,宏阔擘画领航兴川大计,殷殷嘱托赋予新的重任,如\n山厚爱沐浴巴蜀儿女,指引四川现代化建设一往无前、阔步前行。\n这一年,全国组织工作会议认真贯彻习近平总书记关于X的建设的重要思想,牢牢把握新时\n代X的建设和组织工作总遵循、总依据、总指引。\n突出凝心铸魂 高举思想旗帜\n时代孕育思想,思想指引航程。全省组织工作高举思想之旗、精神之旗,巴蜀大地成为“学\n思想”的火热课堂。";
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

    /// Wrapped body lines (about 40 columns wide) around the line under test.
    fn body(n: usize) -> String {
        let line = "这一年全省组织工作高举思想之旗，巴蜀大地成为火热课堂";
        vec![line; n].join("\n")
    }

    #[test]
    fn short_unpunctuated_line_after_sentence_end_is_a_heading() {
        let s = format!(
            "{b}\n这一年全省组织工作高举思想之旗，巴蜀大地成为火热课堂。\n走出了一条新路\n{b}。",
            b = body(4)
        );
        let out = run(&s);
        let paras: Vec<&str> = out.split('\n').collect();
        assert_eq!(paras.len(), 3, "{out}");
        assert_eq!(paras[1], "走出了一条新路");
        // Without a break after it the short line ends the paragraph it belongs to.
        let s = format!(
            "{b}\n这一年全省组织工作高举思想之旗，巴蜀大地成为火热课堂。\n走出了一条新路\n",
            b = body(4)
        );
        assert!(run(&s).ends_with("课堂。\n走出了一条新路"));
    }

    #[test]
    fn unpunctuated_first_line_is_a_title() {
        let s = format!(
            "市场出清提速 今年以来二十家公司退市或锁定退市的公司名单公布\n近日，{}。",
            body(4)
        );
        let out = run(&s);
        assert!(
            out.starts_with("市场出清提速 今年以来二十家公司退市或锁定退市的公司名单公布\n近日，"),
            "{out}"
        );
    }

    #[test]
    fn first_line_short_by_a_dropped_indent_starts_a_paragraph() {
        // Justified text, 16 chars a line, whose two-char first-line indent pypdf dropped:
        // each paragraph is 14 chars, 16, 16, then `last` chars ending in `。`.
        let source: Vec<char> = "全省经济运行总体平稳主要指标好于预期工业生产稳步回升消费市场持续回暖投资结构不断优化新兴产业保持较快增长势头"
            .chars()
            .cycle()
            .take(400)
            .collect();
        let mut at = 0;
        let mut take = |n: usize| -> String {
            at += n;
            source[at - n..at].iter().collect()
        };
        let mut lines = Vec::new();
        for last in [9, 12, 16, 7, 16, 10] {
            lines.push(take(14));
            lines.push(take(16));
            lines.push(take(16));
            lines.push(take(last - 1) + "。");
        }
        let out = run(&lines.join("\n"));
        // The third and fifth paragraphs end at full width: only the next one's short first
        // line shows where they end.
        assert_eq!(out.lines().count(), 6, "{out}");
        assert_eq!(run(&out), out, "idempotent");
    }

    #[test]
    fn lines_printed_together_do_not_set_the_wrap_width() {
        // pdftotext now and then prints two wrapped lines as one.
        let para = [
            "This idea was proposed by Guido van Rossum on the python-ideas",
            "[1] mailing list. The premise of his email was to slow the alteration",
            "of the Python core syntax, builtins and semantics to allow other implementations to catch up to the current state of",
            "Python, both 2.x and 3.x.",
            "Still others, such as Unladen Swallow [5] (a branch of CPython)",
            "seek not to create an alternative implementation, but rather they",
            "seek to enhance the performance and implementation of CPython",
            "itself. Python 3.x was a large part of the last several years of development, and its release puts other",
            "implementations at a severe disadvantage in keeping pace with",
            "core python development.",
        ];
        let out = run(&para.join("\n"));
        let paras: Vec<&str> = out.lines().collect();
        assert_eq!(paras.len(), 2, "{out}");
        assert!(paras[0].contains("python-ideas [1] mailing list"), "{out}");
    }

    /// A wrapped paragraph (26 CJK chars a line) that sets the wrap width, then a short one.
    fn wrapped_then(lines: &[&str]) -> String {
        format!("{}\n结束。\n{}", body(4), lines.join("\n"))
    }

    #[test]
    fn a_stretched_line_goes_on() {
        // pypdf: the justified line was stretched because `WebSockets` did not fit on it.
        let out = run(&wrapped_then(&[
            "文 件 、 信 息 或 任 何 数 据 的 传 输 。 听 起 来 像",
            "WebSockets。但是，事实并非如此。",
            "像我们提到的，通信是发生在浏览器之间。",
        ]));
        assert!(
            out.contains(
                "\n文件、信息或任何数据的传输。听起来像WebSockets。但是，事实并非如此。\n像"
            ),
            "{out}"
        );
        // A quote padded by the extractor is no letter spacing.
        assert_eq!(spaced_gaps("从 “ 罚完退完 ” 到 “ 罚赔同步 ”"), 0);
        assert_eq!(spaced_gaps("文 件 、 信 息 或 任 何"), 5);
    }

    #[test]
    fn a_spaced_out_title_is_not_stretched_text() {
        let out = run(&wrapped_then(&[
            "第 一 章 总 则",
            "这一年全省组织工作高举思想之旗。",
        ]));
        assert!(
            out.ends_with("\n第一章总则\n这一年全省组织工作高举思想之旗。"),
            "{out}"
        );
        // Nor is anything in a text too short to measure.
        assert_eq!(
            run("关 于 加 强 管 理 的 通 知\n各单位要认真落实。"),
            "关于加强管理的通知\n各单位要认真落实。"
        );
    }

    #[test]
    fn a_latin_word_that_did_not_fit_continues_the_line() {
        // pdftotext: the same line without its stretching, short by the word after it.
        let out = run(&wrapped_then(&[
            "因此，要解决这些问题，请使用全新的方法和",
            "WebTransport。它基于QUIC协议构建。",
        ]));
        assert!(out.contains("全新的方法和WebTransport。它基于"), "{out}");
        // A short CJK line before a short Latin word is a paragraph end.
        let out = run(&wrapped_then(&["请使用这种方法", "QUIC协议很快。"]));
        assert!(out.contains("请使用这种方法\nQUIC"), "{out}");
    }

    #[test]
    fn a_lone_closing_quote_ends_the_line_before_it() {
        let out = run(&wrapped_then(&[
            "钮新强告诉记者：“新通道建成后能提升长江航运功能，远期",
            "货运需求。",
            "”",
            "在高铁、高速、航空飞速发展的今天，水运依然是重要的。",
        ]));
        assert!(out.contains("远期货运需求。”\n在高铁"), "{out}");
    }

    #[test]
    fn a_url_cut_at_a_slash_goes_on_only_into_more_path() {
        let out = run("[1] https://mail.python.org/pipermail/\npython-ideas/2009-October/006305.html\n[2] http://www.jython.org/");
        assert!(
            out.starts_with(
                "[1] https://mail.python.org/pipermail/python-ideas/2009-October/006305.html\n"
            ),
            "{out}"
        );
        // Running text after a URL that ends in a slash is a word, after a space.
        let out = run("The reference implementation lives at https://example.org/\nfor anyone who wants to read it.");
        assert_eq!(out, "The reference implementation lives at https://example.org/ for anyone who wants to read it.");
    }

    #[test]
    fn a_url_cut_at_a_hyphen_goes_on() {
        let s = "[1] https://mail.python.org/pipermail/python-ideas/2009-\nOctober/006305.html\n[2] http://www.jython.org/\n[3] http://www.codeplex.com/\nIronPython is another.";
        let out = run(s);
        assert!(out.starts_with("[1] https://mail.python.org/pipermail/python-ideas/2009-October/006305.html\n[2] http://www.jython.org/\n"), "{out}");
    }

    /// English paragraphs of `sentences` sentences each, greedily wrapped at 60 columns: the
    /// paragraphs and the lines.
    fn english(paragraphs: usize, sentences: usize) -> (Vec<String>, Vec<String>) {
        let words: Vec<&str> = "the quick brown fox jumps over a lazy dog while many small birds \
            sing in tall green trees near old stone walls and rivers"
            .split_whitespace()
            .collect();
        let mut k = 0;
        let mut paras = Vec::new();
        let mut lines = Vec::new();
        for _ in 0..paragraphs {
            let mut para = String::new();
            for _ in 0..sentences {
                let n = 6 + (k * 5) % 9;
                let mut sentence: Vec<String> = (0..n)
                    .map(|i| words[(k * 7 + i * 3) % words.len()].to_owned())
                    .collect();
                sentence[0][..1].make_ascii_uppercase();
                if !para.is_empty() {
                    para.push(' ');
                }
                para.push_str(&(sentence.join(" ") + "."));
                k += 1;
            }
            let mut line = String::new();
            for w in para.split(' ') {
                if !line.is_empty() && line.len() + 1 + w.len() > 60 {
                    lines.push(std::mem::take(&mut line));
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(w);
            }
            lines.push(line);
            paras.push(para);
        }
        (paras, lines)
    }

    fn measures_full_stops_as_paragraph_ends(text: &str) -> bool {
        let mut lines = split_lines(text, Spaces::Written);
        let content: Vec<usize> = (0..lines.len())
            .filter(|&i| !lines[i].text.is_empty())
            .collect();
        layout(&mut lines, &content).full_stops_end
    }

    #[test]
    fn full_lines_that_end_a_sentence_follow_the_documents_paragraph_length() {
        // Short paragraphs (two sentences): a full line ending a sentence is more likely a
        // paragraph's last line, so it ends one.
        let (paras, lines) = english(12, 2);
        let text = lines.join("\n");
        assert!(measures_full_stops_as_paragraph_ends(&text));
        let out = run(&text);
        let full_last_lines = paras
            .iter()
            .filter(|p| {
                lines
                    .iter()
                    .any(|l| p.ends_with(l.as_str()) && l.len() >= 56)
            })
            .count();
        assert!(
            full_last_lines >= 2,
            "the test text must have full last lines"
        );
        for p in &paras {
            let inner_full_stop = lines
                .iter()
                .any(|l| p.contains(&format!("{l} ")) && l.ends_with('.') && l.len() >= 56);
            if !inner_full_stop {
                assert!(out.lines().any(|o| o == p), "{p}\n---\n{out}");
            }
        }
        // The same with a blank line after each paragraph: breaks without one are inside.
        let mut blank_separated = String::new();
        for p in &paras {
            for l in lines.iter().filter(|l| p.contains(l.as_str())) {
                blank_separated.push_str(l);
                blank_separated.push('\n');
            }
            blank_separated.push('\n');
        }
        assert!(!measures_full_stops_as_paragraph_ends(&blank_separated));
        // Long paragraphs (nine sentences): a sentence that ends a full line goes on.
        let (paras, lines) = english(4, 9);
        let text = lines.join("\n");
        assert!(!measures_full_stops_as_paragraph_ends(&text));
        assert!(
            lines
                .iter()
                .filter(|l| l.ends_with('.') && l.len() >= 56)
                .count()
                >= 2
        );
        assert_eq!(run(&text), paras.join("\n"));
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
    fn reference_entries_start_after_a_link_and_a_latin_colon_goes_on() {
        let s = "[1]\nhttps://mail.python.org/pipermail/python-ideas/2009-October/006305.html\n[2] http://www.jython.org/";
        assert_eq!(
            run(s),
            "[1] https://mail.python.org/pipermail/python-ideas/2009-October/006305.html\n[2] http://www.jython.org/"
        );
        let en = [
            "The formatting guidelines in the style guide have been decided on",
            "in the formatting RFC process by the style team. The guidelines",
            "were extensively debated and this RFC is the result of that long",
            "consensus process. I would like to discourage re-opening debate",
            "on the guidelines themselves here; please limit the discussion to",
            "the presentation of the guide, omissions from the guide, and the",
            "issues which were missed in the formatting RFC process of it all.",
            "Thanks to the style team for their work on the guidelines, namely:",
            "Brian Anderson, Jorge Aparicio, Nick Cameron, Steve Klabnik, and",
            "Josh Triplett.",
        ];
        assert_eq!(run(&en.join("\n")).lines().count(), 1);
    }

    #[test]
    fn lone_latin_line_joins_its_heading() {
        let s = format!(
            "{b}。\nWebTransport\n\n会取代旧协议吗？\n{b}。",
            b = body(4)
        );
        let out = run(&s);
        assert!(out.contains("\nWebTransport会取代旧协议吗？\n"), "{out}");
        // With a space, when the writer spaces CJK and Latin text.
        let spaced = format!("{s}\n使用 HTTP 协议和 QUIC 协议，基于 UDP 传输。");
        let out = run(&spaced);
        assert!(out.contains("\nWebTransport 会取代旧协议吗？\n"), "{out}");
        // Not when the CJK line is running text.
        let s = format!("{b}。\nAI\n\n{b}。", b = body(4));
        assert!(run(&s).contains("\nAI\n"));
    }

    #[test]
    fn blank_lines_collapse() {
        assert_eq!(run("\n\n甲。\n\n\n乙。\n\n"), "甲。\n乙。");
    }
}

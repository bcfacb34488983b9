//! The break decision: for each pair of content lines, whether the break between them falls
//! inside a paragraph, and the [`Decision`] — the rule — that says so.

use super::features::is_dictionary_word;
use super::layout::{
    cn_comma_number, full_range, is_cjk_full_stop, Gap, Layout, FULL_PERCENT, FULL_PERCENT_CJK,
    MIN_INDENT,
};
use super::lines::{continues_url, first_word, lone_latin, pushed_width, Line};
use crate::shapes::{
    ends_mid_sentence, ends_sentence, ends_with_run_on_word, has_running_text_punct,
    is_clause_punct, is_closer, is_contents_entry, is_lone_closer, is_lone_marker,
    opens_with_note_number, starts_numbered_block, starts_reference,
};
use crate::text::{is_cjk, is_han, is_kana};

/// A line at least this wide (columns) that stops mid-sentence before a blank line is taken
/// as wrapped, not as a writer's heading or list item: the writer's cases of issue #19 are
/// under 20 columns, pdfminer's wrapped lines of the corpus's short pastes 40 and more.
pub(super) const WRITER_BLANK_MAX_WIDTH: usize = 40;

/// A line ending in `——` at most this wide (columns; an ideograph takes two) is a heading,
/// not a line wrapped at its dash. Training split, zh full cases: of the breaks after a line
/// ending in `——`, numbered lines 366 of 366 end a paragraph, unnumbered ones this short
/// 112 of 112; wider unnumbered ones 21 of 33 (validation: 175/175 short numbered, 140 of
/// 140 short unnumbered).
const DASH_HEADING_MAX_WIDTH: usize = 24;

/// A line ending in `——` at least this many columns (three ideographs) narrower than the
/// line after it stopped short of its column: a heading, not a line wrapped at its dash.
const DASH_SHORT_OF_NEXT: usize = 6;

/// A line of at most this percentage of the wrap width, without running-text punctuation, is
/// a heading when a break follows it (eval set).
const HEADING_MAX_PERCENT: usize = 70;
/// A lone Latin line and the CJK line after it together at most this percentage of the wrap
/// width are one heading cut in two (eval set).
const LATIN_HEADING_MAX_PERCENT: usize = 80;
/// A CJK line that ends a sentence is full only within this many columns of the wrap width:
/// CJK text fills its lines to the char, so one more than a char short ended there.
pub(super) const CJK_FULL_SLACK: usize = 3;
/// A title on the first line stops at least this many columns short of the wrap width: a
/// line closer to it is a paragraph's first line whose indent (up to four CJK chars) the
/// extractor dropped (corpus, short pastes of the validation split: 69 of 74 first lines
/// read as titles were such lines).
const TITLE_SHORT_OF_WRAP: usize = 9;
/// The header (title, breadcrumb, byline, date) is looked for among this many content lines.
pub(super) const HEADER_TOP_LINES: usize = 5;
/// A line cut by a page break inside its sentence ran to the foot of the page: it is at
/// least this percentage of the widest line. Training split, one-column cases: of the 90
/// page breaks this rule joined, 25 were inside a paragraph (63 of the rest after a short
/// list item, value or heading); with the width it joins 23, 18 rightly. A shorter line
/// whose break [`cuts_word`] goes on too (`鲜明省` / `委“五个…`, a footer pypdf glued on).
const PAGE_CUT_MIN_PERCENT: usize = 80;
/// A Latin word at least this many bytes long can have been pushed to the next line.
const MIN_PUSHED_WORD: usize = 2;

/// Which rule decided a line break, and so whether the two lines were joined. The variants
/// are in the order reflow tries the rules: the first that applies decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Decision {
    /// Join: the line holds only a list marker (`[1]`, `•`), which belongs to the next line.
    LoneMarker,
    /// Join: the next line holds only closing punctuation (`”`, `）。`).
    LoneCloser,
    /// Join: a URL cut at a char it cannot end with, or at a slash before more of its path.
    UrlGoesOn,
    /// Break: the next line starts a numbered heading or list item.
    StartsBlock,
    /// Join: the line is letter-spaced justified text, stretched because the next word did
    /// not fit.
    Stretched,
    /// Break: the next line is a reference entry after an entry or a lone link, or a table
    /// of contents entry stands on either side of the break.
    ReferenceEntry,
    /// Join: a lone Latin line heads the CJK heading after it (`WebTransport` / `会取代…吗？`).
    LatinHeadingHead,
    /// Join: the line ends mid-sentence (`，`, `、`, an opening quote or bracket).
    MidSentence,
    /// Join: a Latin sentence goes on in lower case on the next line, or after an article, a
    /// preposition or a conjunction.
    LowerCaseGoesOn,
    /// Break: the first line is an unwrapped, unpunctuated title before the body text.
    Title,
    /// Break: the next line is indented where indents mark paragraph starts.
    Indent,
    /// Join: a full line that does not end a sentence goes on across a blank line (without a
    /// wrap width: a CJK line as wide as the widest, see [`Layout::column_line_across_blank`]).
    FullBeforeBlank,
    /// Break: a blank line ends the paragraph.
    BlankLine,
    /// Break: without a wrap width, a blank line after a line that does not end a sentence
    /// (a heading, or pdfminer's blank line inside a paragraph of a short paste).
    UnendedBlank,
    /// Join: without a wrap width, a page break inside a sentence still cuts it.
    PageBreakMidSentence,
    /// Break: without a wrap width nothing else says the break falls inside a paragraph.
    NoWrapWidth,
    /// Break: after a finished sentence, a line opening with `——`, or anything but a quote
    /// after a CJK colon.
    DashOrColon,
    /// Break: a short unpunctuated line after a finished sentence, with a break after it,
    /// is a heading.
    Heading,
    /// Break: the next line is as wide as a first line whose indent the extractor dropped.
    HiddenIndentStarts,
    /// Join: the line is such a first line and the next one is full: the paragraph goes on.
    HiddenIndentGoesOn,
    /// Break: in this Latin text a full line ending a sentence likelier ends its paragraph.
    FullStopEndsParagraph,
    /// Join: the line ends a sentence at the wrap width: the paragraph may go on.
    FullSentenceEnd,
    /// Break: the line ends a sentence short of the wrap width, or past it (never wrapped).
    SentenceEnd,
    /// Break: a short line without clause punctuation before a dropped-indent first line is
    /// a heading that quotes (`从“罚完退完”到“罚赔同步”`).
    QuotingHeading,
    /// Join: the line runs to the wrap width without ending a sentence.
    FullLine,
    /// Join: a CJK line cut short because the Latin word opening the next did not fit.
    WordDidNotFit,
    /// Break: the line stops short of the wrap width.
    ShortLine,
}

impl Decision {
    /// Every decision, in the order the rules are tried.
    pub const ALL: [Decision; 27] = [
        Decision::LoneMarker,
        Decision::LoneCloser,
        Decision::UrlGoesOn,
        Decision::StartsBlock,
        Decision::Stretched,
        Decision::ReferenceEntry,
        Decision::LatinHeadingHead,
        Decision::MidSentence,
        Decision::LowerCaseGoesOn,
        Decision::Title,
        Decision::Indent,
        Decision::FullBeforeBlank,
        Decision::BlankLine,
        Decision::UnendedBlank,
        Decision::PageBreakMidSentence,
        Decision::NoWrapWidth,
        Decision::DashOrColon,
        Decision::Heading,
        Decision::HiddenIndentStarts,
        Decision::HiddenIndentGoesOn,
        Decision::FullStopEndsParagraph,
        Decision::FullSentenceEnd,
        Decision::SentenceEnd,
        Decision::QuotingHeading,
        Decision::FullLine,
        Decision::WordDidNotFit,
        Decision::ShortLine,
    ];

    /// Whether the two lines are joined into one paragraph.
    pub fn is_join(self) -> bool {
        use Decision::*;
        match self {
            LoneMarker | LoneCloser | UrlGoesOn | Stretched | LatinHeadingHead | MidSentence
            | LowerCaseGoesOn | FullBeforeBlank | PageBreakMidSentence | HiddenIndentGoesOn
            | FullSentenceEnd | FullLine | WordDidNotFit => true,
            StartsBlock
            | ReferenceEntry
            | Title
            | Indent
            | BlankLine
            | UnendedBlank
            | NoWrapWidth
            | DashOrColon
            | Heading
            | HiddenIndentStarts
            | FullStopEndsParagraph
            | SentenceEnd
            | QuotingHeading
            | ShortLine => false,
        }
    }

    /// The snake_case name, as recorded in [`crate::Fix::rule`].
    pub fn name(self) -> &'static str {
        use Decision::*;
        match self {
            LoneMarker => "lone_marker",
            LoneCloser => "lone_closer",
            UrlGoesOn => "url_goes_on",
            StartsBlock => "starts_block",
            Stretched => "stretched",
            ReferenceEntry => "reference_entry",
            LatinHeadingHead => "latin_heading_head",
            MidSentence => "mid_sentence",
            LowerCaseGoesOn => "lower_case_goes_on",
            Title => "title",
            Indent => "indent",
            FullBeforeBlank => "full_before_blank",
            BlankLine => "blank_line",
            UnendedBlank => "unended_blank",
            PageBreakMidSentence => "page_break_mid_sentence",
            NoWrapWidth => "no_wrap_width",
            DashOrColon => "dash_or_colon",
            Heading => "heading",
            HiddenIndentStarts => "hidden_indent_starts",
            HiddenIndentGoesOn => "hidden_indent_goes_on",
            FullStopEndsParagraph => "full_stop_ends_paragraph",
            FullSentenceEnd => "full_sentence_end",
            SentenceEnd => "sentence_end",
            QuotingHeading => "quoting_heading",
            FullLine => "full_line",
            WordDidNotFit => "word_did_not_fit",
            ShortLine => "short_line",
        }
    }
}

/// A short line without running-text punctuation: a heading when a break follows it.
pub(super) fn heading_like(l: &Line<'_>, wrap: usize) -> bool {
    // A parenthesized note (`（海关总署负责）`) closes the paragraph it follows.
    let note = l.text.starts_with(['（', '(']) && l.text.ends_with(['）', ')']);
    l.width * 100 <= wrap * HEADING_MAX_PERCENT
        && !has_running_text_punct(l.text)
        && !l.text.ends_with('-')
        && !note
}

/// `latin` / `cjk` is one heading cut in two: a lone Latin line before a CJK line that
/// together stay short and read as a heading (no clause punctuation; a question or
/// exclamation mark may end it).
fn latin_heading_head(latin: &Line<'_>, cjk: &Line<'_>, wrap: usize) -> bool {
    let body = cjk.text.trim_end_matches(['？', '！', '?', '!']);
    lone_latin(latin.text)
        && cjk.text.starts_with(|c: char| is_han(c) || is_kana(c))
        && !has_running_text_punct(body)
        && (latin.width + 1 + cjk.width) * 100 <= wrap * LATIN_HEADING_MAX_PERCENT
}

/// Whether `next`, opening with `k、`, is a wrapped line of the sentence `prev` stopped in
/// (`…为全面建设社会主义现代化国家` / `三、四线城市提供有力支撑…`), not an item: `prev` fills
/// its line (or no wrap width is known) and stops on an ideograph, and the numeral is one of
/// a pair (`三、四线`, `一、二季度`) or out of the document's sequence (no line opens with
/// `二、`). Issue #14: such a line was read as a heading.
pub(super) fn numbered_inside_sentence(prev: &Line<'_>, next: &Line<'_>, lay: &Layout) -> bool {
    if cn_comma_number(next.text).is_none()
        || !prev.text.chars().next_back().is_some_and(is_han)
        || lay.wrap.is_some() && !lay.full(prev, FULL_PERCENT)
    {
        return false;
    }
    let after = next.text.split_once('、').map_or("", |(_, a)| a);
    after.starts_with(crate::text::is_cn_numeral) || lay.cn_comma_out_of_sequence(next.text)
}

/// Whether `l` is a header line: a meta line (source, date, page), or a byline that stops
/// short of the wrap width and ends with a name (a paragraph's first line can name its
/// reporter: `科技日报兰州6月11日电 （记者颉满斌 通讯员余若怡）锂同位素高精`).
fn is_header_line(l: &Line<'_>, lay: &Layout) -> bool {
    /// Longest header line looked at, in bytes (a breadcrumb with a paper's name and date).
    const MAX_HEADER_BYTES: usize = 120;
    l.text.len() <= MAX_HEADER_BYTES
        && (crate::structure::parse_meta_line(l.text).is_some()
            || !lay.full(l, FULL_PERCENT)
                && ends_with_name(l.text)
                && crate::structure::is_byline(l.text))
}

/// Whether `prev` is a running header that ends with the title on the next line, set apart
/// by a bar, a dash or a dot (`City Gazette | Utility Types` / `Utility Types`): the page's
/// head names the title before the title itself.
fn names_title_below(prev: &str, next: &str) -> bool {
    let (prev, next) = (prev.trim(), next.trim());
    prev.strip_suffix(next).is_some_and(|head| {
        let head = head.trim_end_matches([' ', '\u{3000}']);
        head.len() < prev.len() - next.len()
            && head.ends_with(['|', '｜', '—', '·', '-', '/'])
            && head
                .trim_end_matches(['|', '｜', '—', '·', '-', '/', ' '])
                .chars()
                .any(char::is_alphabetic)
            && next.chars().any(char::is_alphabetic)
    })
}

/// Whether `t` ends with a name set apart (`本报记者 范文`, `作者：张三`, `By Ben Smith`), as a byline does and a
/// sentence about a reporter does not (`记者梳理20家退市或锁定退市的`), nor a dateline's first
/// line, whose reporter stands in brackets (`本报杭州7月16日电（记者 夏梅） 每个`).
fn ends_with_name(t: &str) -> bool {
    if t.contains(['（', '(']) {
        return false;
    }
    // `By Ben Smith`: names after the word, not `By default, the …`.
    if let Some(names) = t.strip_prefix("By ") {
        return crate::structure::is_latin_names(names);
    }
    let Some((_, name)) = t.trim_end().rsplit_once([' ', '　', '：', ':', '/', '／']) else {
        return false;
    };
    (2..=4).contains(&name.chars().count()) && name.chars().all(|c| is_han(c) || c == '·')
}

/// Whether a long CJK line before a blank line stops inside a word that the next line
/// finishes (`树形 DP 一` / `般都是递归进行的`, `…右旋操` / `作，如下图所示`): pdfminer's blank
/// line inside a paragraph. The line is at least [`WRITER_BLANK_MAX_WIDTH`] wide and
/// [`cuts_word`]. Training split, one-column cases: 31 more breaks joined, 31 rightly
/// (without the test on the last two chars 74, 39 rightly); all cases 93, 88 rightly.
fn word_across_blank(prev: &Line<'_>, next: &Line<'_>) -> bool {
    prev.width >= WRITER_BLANK_MAX_WIDTH && cuts_word(prev.text, next.text)
}

/// Whether the break between `prev` and `next` cuts a word: `prev` stops on an ideograph
/// that makes a word of jieba's dictionary with the first of `next`, and its last two make
/// none (`…会议通过` / `为…` ends on one).
fn cuts_word(prev: &str, next: &str) -> bool {
    let ideo = |c: char| is_han(c) || is_kana(c);
    let mut tail = prev.chars().rev();
    let (Some(t0), Some(h0)) = (tail.next(), next.chars().next()) else {
        return false;
    };
    ideo(t0)
        && ideo(h0)
        && is_dictionary_word(&[t0, h0])
        && !tail
            .next()
            .is_some_and(|t1| ideo(t1) && is_dictionary_word(&[t1, t0]))
}

/// Bracket pairs whose opener, left open at a line's end, is closed on the next line.
const BRACKETS: [(char, char); 7] = [
    ('（', '）'),
    ('(', ')'),
    ('《', '》'),
    ('「', '」'),
    ('【', '】'),
    ('〈', '〉'),
    ('“', '”'),
];

/// Whether `prev` leaves a bracket open that `next` closes before any sentence ends
/// (`实施《中华人民共和国反外国制` / `裁法》的规定`, `…（包` / `括 TINY、MEDIUM 和 LONG）…`):
/// the break falls inside the bracket, so inside the paragraph. Issue #14: such lines of a
/// wrapped title or clause were split by their short width (training split, Chinese
/// pdftotext and pdfminer cases: 8 of the 40 breaks `short_line` wrongly kept).
fn bracket_closes_on_next(prev: &str, next: &str) -> bool {
    let mut open: Vec<(char, char)> = Vec::new();
    for c in prev.chars() {
        if let Some(&pair) = BRACKETS.iter().find(|(o, _)| *o == c) {
            open.push(pair);
        } else if open.last().is_some_and(|&(_, close)| close == c) {
            // (A closer with no opener on this line closes one from an earlier line.)
            open.pop();
        }
    }
    // No typesetter starts a line with a closing bracket (line-breaking rules forbid it), so
    // a line that does was broken by hand (`(參數` / `) 後面`, pangu.js's test cases).
    let Some(&(opener, close)) = open.last().filter(|&&(_, close)| !next.starts_with(close)) else {
        return false;
    };
    // The closer must close this bracket, not one the next line opens itself (`“非常` /
    // `它能够“把……”`, two columns read across).
    let mut depth = 0usize;
    for c in next.chars() {
        if matches!(c, '。' | '！' | '？' | '!' | '?') {
            return false;
        }
        if c == opener {
            depth += 1;
        } else if c == close {
            if depth == 0 {
                return true;
            }
            depth -= 1;
        }
    }
    false
}

/// Decides the break between `prev` and `next`.
///
/// The rules that need no layout evidence come first, so that text reflowed once (no blank
/// lines, no wrap width, no page marks left) is never joined again: reflow is idempotent.
///
/// `first`: `prev` is the document's first content line; `top`: it is one of the first
/// [`HEADER_TOP_LINES`]. `after`: the line after `next` and what lies between them, for
/// the rules that look one line ahead.
pub(super) fn decide(
    prev: &Line<'_>,
    next: &Line<'_>,
    gap: Gap,
    lay: &Layout,
    first: bool,
    top: bool,
    after: Option<(&Line<'_>, Gap)>,
) -> Decision {
    let (p, n) = (prev.text, next.text);
    if is_lone_marker(p) {
        return Decision::LoneMarker;
    }
    if is_lone_closer(n) {
        return Decision::LoneCloser;
    }
    if continues_url(p, n) {
        return Decision::UrlGoesOn;
    }
    if starts_numbered_block(n) && !numbered_inside_sentence(prev, next, lay) {
        return Decision::StartsBlock;
    }
    // Justified text stretched to fill its line goes on; a paragraph's last line is never
    // stretched.
    if prev.stretched && (!gap.blank || lay.blank_noise) {
        return Decision::Stretched;
    }
    // A reference list (`[1] https://…` / `[2] http://…`): an entry starts after an entry or
    // after a lone link, not inside running text (`on the python-ideas` / `[1] mailing list`).
    // A table of contents (`一、总体要求……1`): each entry is a line of its own, whatever its
    // width, and so is the line after the last (the first heading, repeated).
    let contents = is_contents_entry(p) || is_contents_entry(n) && !ends_mid_sentence(p);
    if contents
        || starts_reference(n) && (starts_reference(p) || !p.contains(' ') && p.contains("://"))
    {
        return Decision::ReferenceEntry;
    }
    // A header line near the top (an e-paper breadcrumb `经济日报/2017年/4月/25日`, a
    // dateline, a byline `本报记者 范文`) is a line of its own, though it stops on an
    // ideograph and may fill a narrow column: it was glued onto the title under it, or the
    // title onto it.
    if top
        && (!gap.page
            && (is_header_line(prev, lay)
                || is_header_line(next, lay) && !has_running_text_punct(p))
            || names_title_below(p, n))
    {
        return Decision::Title;
    }
    if lay
        .wrap
        .is_some_and(|wrap| !gap.page && latin_heading_head(prev, next, wrap))
    {
        return Decision::LatinHeadingHead;
    }
    // A blank line the writer put there ends the paragraph even after a short line that stops
    // mid-sentence (`我们——`, `1. 我们，`): only the document can say its blank lines are
    // noise (`blank_noise`), or the line fills the wrap width (`FullBeforeBlank`). In
    // hard-wrapped text a long line stopping mid-sentence before a blank line is pdfminer's
    // wrap (`…which Vue's` / `rendering system…`), unless the document's blank lines are
    // plainly the writer's (`writer_blanks`: `…, and crushes creativity,` / `there are …`).
    let writer_blank = gap.blank
        && !gap.page
        && !lay.blank_noise
        && !lay.full(prev, FULL_PERCENT)
        && (prev.width < WRITER_BLANK_MAX_WIDTH || lay.writer_blanks);
    // A heading ending in a dash (`一、使用互斥器控制访问——`, `用法——`): numbered, or short, the
    // line did not wrap at its dash. Measured without the wrap width, so that a later pass
    // over the reflowed text, which has none, decides the same.
    if p.ends_with("——")
        && !gap.page
        && (starts_numbered_block(p)
            || prev.width <= DASH_HEADING_MAX_WIDTH
            || lay
                .wrap
                .is_some_and(|wrap| prev.width * 100 <= wrap * HEADING_MAX_PERCENT)
            || next.width >= prev.width + DASH_SHORT_OF_NEXT)
    {
        return Decision::DashOrColon;
    }
    if (ends_mid_sentence(p) || bracket_closes_on_next(p, n)) && !writer_blank {
        return Decision::MidSentence;
    }
    // A Latin sentence that goes on in lower case on the next line (also after a URL), not
    // across a writer's blank line (`一、iPhone` / `iPhone。`).
    let last = p.chars().next_back().unwrap_or(' ');
    let url_end = last == '/' && p.rsplit(' ').next().is_some_and(|t| t.contains("://"));
    // A line stopping at an article, a preposition or a conjunction goes on whatever comes
    // next, even across a writer's blank line (`Guide - Integration with` / `External State`).
    let run_on = ends_with_run_on_word(p) && n.starts_with(|c: char| c.is_alphanumeric());
    // A note number the break put first (`on the python-ideas` / `[1] mailing list`), after
    // running text (a lone word is a heading: `References` / `[1] van Rossum`).
    let cited = p.contains(' ') && opens_with_note_number(n);
    if !ends_sentence(p)
        && (!writer_blank || run_on)
        && (last.is_ascii_alphanumeric() || last == '-' || url_end)
        && (n.starts_with(|c: char| c.is_ascii_lowercase()) || cited || run_on)
    {
        return Decision::LowerCaseGoesOn;
    }
    // A title on the first line, never wrapped (short, or wider than the wrap width) and
    // without punctuation, before the body text: its own paragraph.
    if first && !has_running_text_punct(p) && !p.ends_with('-') && has_running_text_punct(n) {
        if let Some(wrap) = lay.wrap {
            let (_, hi) = full_range(wrap);
            if prev.width + TITLE_SHORT_OF_WRAP <= wrap || prev.width > hi {
                return Decision::Title;
            }
        }
    }
    if lay.indent_marks && next.indent >= MIN_INDENT && next.indent > prev.indent {
        return Decision::Indent;
    }
    if gap.blank && !gap.page && !lay.blank_noise {
        return if !ends_sentence(p)
            && (lay.full(prev, FULL_PERCENT)
                || lay.column_line_across_blank(prev, next)
                || word_across_blank(prev, next))
        {
            Decision::FullBeforeBlank
        } else if lay.wrap.is_none() && !ends_sentence(p) {
            Decision::UnendedBlank
        } else {
            Decision::BlankLine
        };
    }
    let Some(wrap) = lay.wrap else {
        // Without a wrap width only a page break inside a sentence is known to cut it.
        return if gap.page
            && !ends_sentence(p)
            && (prev.width * 100 >= lay.widest * PAGE_CUT_MIN_PERCENT || cuts_word(p, n))
        {
            Decision::PageBreakMidSentence
        } else {
            Decision::NoWrapWidth
        };
    };
    let w = prev.width;
    if ends_sentence(p) {
        // A dash opening the next line after a finished sentence starts a paragraph
        // (`——先行赔付进入快车道。`); so does whatever follows a colon in CJK text, unless it is a quote.
        let colon = p.ends_with('：') || p.ends_with(':') && p.chars().any(is_cjk);
        if n.starts_with("——") || colon && !n.starts_with(['“', '「', '"']) {
            return Decision::DashOrColon;
        }
        // A short unpunctuated line after a finished sentence, with a break after it, is a
        // heading (`…核心环节。` / `AI走出了一条人类没想到的路` / next paragraph).
        if heading_like(next, wrap) {
            let ends_block = after.is_none_or(|(a, g)| {
                !decide(next, a, g, lay, false, false, None).is_join()
                    || latin_heading_head(next, a, wrap)
            });
            if ends_block {
                return Decision::Heading;
            }
        }
        let (lo, hi) = full_range(wrap);
        if let Some((first_lo, first_hi)) = lay.hidden_indent {
            // A line as wide as a first line whose indent was dropped starts a paragraph;
            // a full line goes on from one (`——特别代表人诉讼取得突破。` / `2026年2月，…`),
            // as the next paragraph's first line would be short.
            if (first_lo..=first_hi).contains(&next.width) && !ends_sentence(n) {
                return Decision::HiddenIndentStarts;
            }
            if (first_lo..=first_hi).contains(&w) && (lo..=hi).contains(&next.width) {
                return Decision::HiddenIndentGoesOn;
            }
        }
        // A full line that ends a sentence may go on; a short one ends its paragraph, and
        // so does one past the wrap width: that paragraph was never wrapped. Full means
        // within 6% of the wrap width, or one and a half columns for CJK text.
        let full_stops_end = if prev.cjk {
            // Where the extractor dropped a first-line indent, a first line after a full
            // line shows itself by its width (above): a full next line goes on.
            lay.cjk_full_stops_end && lay.hidden_indent.is_none() && ends_cjk_full_stop(p)
        } else {
            lay.full_stops_end && !p.chars().any(is_cjk) && !p.ends_with(':')
        };
        if full_stops_end {
            return Decision::FullStopEndsParagraph;
        }
        // CJK text fills its lines to the char: a line more than one char short ended there.
        let lo = if prev.cjk {
            lo.max(wrap.saturating_sub(CJK_FULL_SLACK))
        } else {
            lo
        };
        return if w >= lo && w <= hi {
            Decision::FullSentenceEnd
        } else {
            Decision::SentenceEnd
        };
    }
    // A short line without clause punctuation before a first line whose indent was dropped
    // is a heading that quotes (`从“罚完退完”到“罚赔同步”`).
    if let Some((first_lo, first_hi)) = lay.hidden_indent {
        if w < full_range(wrap).0
            && (first_lo..=first_hi).contains(&next.width)
            && !ends_sentence(n)
            && !p.chars().any(is_clause_punct)
        {
            return Decision::QuotingHeading;
        }
    }
    let latin = !p.chars().any(is_cjk);
    if lay.full(
        prev,
        if latin {
            FULL_PERCENT
        } else {
            FULL_PERCENT_CJK
        },
    ) {
        Decision::FullLine
    } else if word_did_not_fit(prev, next, wrap) {
        Decision::WordDidNotFit
    } else {
        Decision::ShortLine
    }
}

/// Whether `line` ends in `。`, `！` or `？` (closers after it skipped): the sentence ends
/// [`Layout::cjk_full_stops_end`] counts.
fn ends_cjk_full_stop(line: &str) -> bool {
    line.trim_end()
        .chars()
        .rev()
        .find(|&c| !is_closer(c))
        .is_some_and(is_cjk_full_stop)
}

/// A CJK line cut short because the Latin word that opens the next line did not fit on it
/// (`……听起来像` / `WebSockets。但是，……`): CJK text otherwise fills its lines to the char.
fn word_did_not_fit(prev: &Line<'_>, next: &Line<'_>, wrap: usize) -> bool {
    let ends_cjk = prev
        .text
        .chars()
        .next_back()
        .is_some_and(|c| is_han(c) || is_kana(c));
    let word = first_word(next.text);
    let latin_word = word.len() >= MIN_PUSHED_WORD && word.chars().all(|c| c.is_ascii_graphic());
    ends_cjk && latin_word && pushed_width(prev, next) >= full_range(wrap).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_decision_is_listed_once_in_order_with_a_distinct_name() {
        let mut sorted = Decision::ALL;
        sorted.sort();
        assert_eq!(sorted, Decision::ALL, "ALL follows the declaration order");
        let names: std::collections::HashSet<&str> =
            Decision::ALL.iter().map(|d| d.name()).collect();
        assert_eq!(names.len(), Decision::ALL.len());
        assert!(Decision::MidSentence.is_join() && !Decision::ShortLine.is_join());
    }

    #[test]
    fn a_running_header_names_the_title_below_it() {
        assert!(names_title_below(
            "City Gazette | Utility Types",
            "Utility Types"
        ));
        assert!(names_title_below(
            "南方日报 — 外国商会管理暂行规定",
            "外国商会管理暂行规定"
        ));
        // A sentence that ends with the next line's words, or the title alone, is none.
        assert!(!names_title_below(
            "We list the utility types",
            "utility types"
        ));
        assert!(!names_title_below("Utility Types", "Utility Types"));
        assert!(!names_title_below("| Utility Types", "Utility Types"));
    }

    #[test]
    fn a_bracket_left_open_goes_on_to_the_line_that_closes_it() {
        assert!(bracket_closes_on_next(
            "实施《中华人民共和国反外国制",
            "裁法》的规定"
        ));
        assert!(bracket_closes_on_next(
            "CHAR、VARCHAR、STRING、TEXT、BLOB（包",
            "括 TINY、MEDIUM 和 LONG）等字符类型，会直接使"
        ));
        // Closed on its own line, or never closed before the sentence ends: no evidence.
        assert!(!bracket_closes_on_next(
            "可以采取划定禁猎（渔）",
            "区、规定禁猎（渔）期等措施。"
        ));
        assert!(!bracket_closes_on_next("他说：“今天", "天气很好。”"));
        assert!(!bracket_closes_on_next("（一）总则", "第一条 为了规范"));
        assert!(!bracket_closes_on_next("(參數 ", ") 後面"));
        // The next line's closer closes its own bracket.
        assert!(!bracket_closes_on_next(
            "类比为国际象棋中的“非常",
            "它能够“把困难的思路串联在一起”，"
        ));
        // A closer after the line's own closed pair does not hide the open one.
        assert!(bracket_closes_on_next(
            "（一）见《办法",
            "实施细则》第三条。"
        ));
    }
}

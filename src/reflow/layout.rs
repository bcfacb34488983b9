//! Document evidence for the break decisions: the wrap width, what blank lines and indents
//! mean in this text, the width of first lines whose indent was dropped, and whether a full
//! line that ends a sentence is likelier to end its paragraph than to go on.
//!
//! Ratios are written `(numerator, denominator)` and compared by cross-multiplying, as the
//! rules always have been, so that no rounding moves a decision.

use super::decide::{CJK_FULL_SLACK, WRITER_BLANK_MAX_WIDTH};
use super::lines::Line;
use crate::shapes::{
    ends_mid_sentence, ends_sentence, has_running_text_punct, is_closer, starts_numbered_block,
};
use crate::text::{is_cjk, is_cn_numeral, is_han, is_kana, parse_cn_numeral};

/// Lines narrower than this many columns never set the wrap width (short headings, list
/// labels). Tuned on the eval set: narrow columns of real text are wider.
const MIN_WRAPPED_WIDTH: usize = 16;
/// At least this many wrapped-looking lines before a wrap width is inferred at all.
const MIN_WRAPPED_LINES: usize = 2;
/// A line wider than this share of the median wrapped width is two or three wrapped lines
/// pdftotext printed as one, and is left out (pdftotext cases of the eval set).
const PRINTED_TOGETHER: (usize, usize) = (3, 2);
/// The wrap width is this percentile of the wrapped-looking lines' widths: high enough to
/// pass lines cut short by a long next word, below the odd overlong line.
const WRAP_PERCENTILE: (usize, usize) = (4, 5);
/// Lines within this band (percent of the wrap width) are "at the wrap width".
const NEAR_WRAP_PERCENT: (usize, usize) = (90, 110);
/// Wrapped text has at least this many lines at the wrap width…
const MIN_NEAR_WRAP_LINES: usize = 3;
/// …making at least this share of the wrapped-looking lines…
const NEAR_SHARE_OF_WRAPPED: (usize, usize) = (2, 5);
/// …and of all content lines: text reflowed once keeps a few unpunctuated lines, which
/// must not set a wrap width on a second pass (idempotence, not a tuned value).
const NEAR_SHARE_OF_LINES: (usize, usize) = (1, 5);

/// A stretched line at least this share of the wrap width is justified text; a narrower one
/// is a title set letter-spaced (`第 一 章 总 则`).
const STRETCHED_MIN_SHARE: (usize, usize) = (1, 2);
/// A text without a wrap width whose every gap is a blank line after a line that stops in
/// running text ([`ends_in_running_text`]) has blank-line noise when it has at least this
/// many (a pdfminer short paste; two such gaps can be a heading and a lead-in clause).
const MIN_UNENDED_BLANKS: usize = 2;
/// A text without a wrap width has the writer's blank lines when it has at least this many…
/// (a short paste cut out of pdfminer's text has at most 9: 2–10 lines)…
const MIN_WRITER_BLANKS: usize = 10;
/// …and at most this share of them follow a long line that stops in running text (pdfminer
/// puts one after most wrapped lines; a writer after a list item ending in a comma now and
/// then).
const WRITER_BLANKS_UNENDED_SHARE: (usize, usize) = (1, 5);
/// Blank lines are noise (pdfminer) when at least this many fall after lines that run on…
const MIN_BLANKS_INSIDE: usize = 3;
/// …and those make at least this share of the blank gaps (pdfminer cases of the eval set).
const BLANKS_INSIDE_SHARE: (usize, usize) = (1, 3);
/// A line of a column is within this many columns of the column's widest line (two CJK
/// chars: a line may stop short before a word or a mark that did not fit).
const COLUMN_SLACK: usize = 4;
/// A line indented by at least this many spaces is indented (`pdftotext -layout`'s
/// first-line indent is two or more).
pub(super) const MIN_INDENT: usize = 2;
/// Indents mark paragraph starts when at least this many lines are indented…
const MIN_INDENTED_LINES: usize = 3;
/// …and flush lines outnumber them by at least this factor (layout cases of the eval set).
const FLUSH_PER_INDENTED: usize = 2;

/// A line of at least this percentage of the wrap width runs on when it does not end a
/// sentence (the `full(l, 85)` of the rules; eval set).
pub(super) const FULL_PERCENT: usize = 85;
/// The same for a CJK line, which may stop a char or two short before a Latin word or a
/// punctuation mark that may not start a line (eval set).
pub(super) const FULL_PERCENT_CJK: usize = 80;
/// A full line is at least this percentage of the wrap width…
const FULL_LO_PERCENT: usize = 94;
/// …or at least this many columns short of it, whichever is narrower (one CJK char and a
/// half: justified CJK text fills its lines to the char)…
const FULL_LO_COLUMNS: usize = 3;
/// …and at most this percentage of it…
const FULL_HI_PERCENT: usize = 104;
/// …or this many columns past it, whichever is wider (a hanging punctuation mark).
const FULL_HI_COLUMNS: usize = 2;

/// Short paragraph ends are counted from this share of the wrap width up: narrower last
/// lines are as often headings or list items (Latin cases of the eval set).
const SHORT_END_FROM: (usize, usize) = (3, 10);
/// Lines wider than this share of the wrap width are several lines printed as one and are
/// not measured for the full-stop prior.
const MEASURED_MAX_SHARE: (usize, usize) = (3, 2);
/// Lines that run on are counted from this share of the wrap width up.
const RUNNING_MIN_SHARE: (usize, usize) = (1, 2);
/// The full-stop prior needs at least this many lines of its script…
const MIN_SCRIPT_LINES: usize = 10;
/// …making at least this share of the content lines.
const SCRIPT_SHARE: (usize, usize) = (1, 2);

/// A hidden first-line indent is measured on at least this many known first lines…
const MIN_KNOWN_FIRSTS: usize = 3;
/// …and this many known middle lines.
const MIN_KNOWN_MIDDLES: usize = 5;
/// First lines within this many columns of their median sit together…
const FIRST_SPREAD: usize = 2;
/// …as at least this share of them do when the indent is real (pypdf cases of the eval set).
const FIRSTS_TOGETHER_SHARE: (usize, usize) = (2, 3);
/// A dropped indent is one to four CJK chars: this many columns.
const HIDDEN_INDENT_COLUMNS: std::ops::RangeInclusive<usize> = 3..=8;
/// A first line is at least this many columns narrower than the middle lines.
const FIRST_BELOW_MIDDLE: usize = 3;

/// What lies between two content lines.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Gap {
    /// A blank line.
    pub(super) blank: bool,
    /// A page break (a form feed, or the mark the artifact stage leaves).
    pub(super) page: bool,
}

/// What lies between content lines `p` and `n` (indices into `lines`).
pub(super) fn gap(lines: &[Line<'_>], p: usize, n: usize) -> Gap {
    Gap {
        blank: n > p + 1,
        page: lines[p + 1..=n].iter().any(|l| l.page_break) || lines[p].break_after,
    }
}

/// Document-wide evidence for the break decisions.
pub(super) struct Layout {
    /// The width at which the text was hard-wrapped, if it was.
    pub(super) wrap: Option<usize>,
    /// Blank lines are noise (pdfminer): they fall inside paragraphs as often as between.
    pub(super) blank_noise: bool,
    /// The blank lines are the writer's beyond doubt: a text with no wrap width whose every
    /// gap is a blank line, many of them, nearly all after a finished sentence or a short
    /// line, so the few after a long line that runs on end list items (`…, and crushes
    /// creativity,` / `there are edge cases …`). An extractor's text has lines broken by a
    /// line break alone (`pdftotext`'s columns: `…the reconciliation algorithm` / blank /
    /// `cannot make…` is one paragraph).
    pub(super) writer_blanks: bool,
    /// The widest content line.
    pub(super) widest: usize,
    /// A first-line indent marks paragraph starts (`pdftotext -layout`).
    pub(super) indent_marks: bool,
    /// The widths of a paragraph's first line when the extractor dropped its indent: the
    /// line still stops short of the wrap width by the indent (`None` when the document's
    /// known paragraph starts show no such indent).
    pub(super) hidden_indent: Option<(usize, usize)>,
    /// In this Latin text a full line that ends a sentence more likely ends its paragraph
    /// than goes on (see [`full_stops_end_paragraphs`]).
    pub(super) full_stops_end: bool,
    /// The same for a CJK line that ends in `。`, `！` or `？`.
    pub(super) cjk_full_stops_end: bool,
    /// Bit `k` set: a content line opens with the enumerator `k、` (`三、`), k < 64.
    pub(super) cn_comma_numbers: u64,
}

/// The number of the enumerator `k、` (`三、`) that opens `t`.
pub(super) fn cn_comma_number(t: &str) -> Option<u32> {
    let num = &t[..t.find(|c: char| !is_cn_numeral(c)).unwrap_or(t.len())];
    if num.is_empty() || !t[num.len()..].starts_with('、') {
        return None;
    }
    parse_cn_numeral(num)
}

impl Layout {
    /// Whether the line `t`, which opens with `k、`, comes where no `k-1、` opens a line of
    /// the document: a number out of its sequence.
    pub(super) fn cn_comma_out_of_sequence(&self, t: &str) -> bool {
        cn_comma_number(t)
            .is_some_and(|k| (2..64).contains(&k) && self.cn_comma_numbers & 1 << (k - 1) == 0)
    }

    /// Whether `l` is at least `percent` of the wrap width (never, without one).
    pub(super) fn full(&self, l: &Line<'_>, percent: usize) -> bool {
        self.wrap.is_some_and(|w| l.width * 100 >= w * percent)
    }

    /// Whether `prev`, in a text without a wrap width, is a line of pdfminer's column running
    /// on across the blank line it puts after every line: a CJK line of running text
    /// (punctuated, as is `next`) that stops on an ideograph, at least
    /// [`WRITER_BLANK_MAX_WIDTH`] wide and within [`COLUMN_SLACK`] of the widest line. Corpus,
    /// pdfminer short pastes: 816 of 2,218 blank lines inside a paragraph (training split;
    /// validation 253 of 905), against none of the 413 (179) between paragraphs and 10 of 5,515
    /// (0 of 1,073) between clean paragraphs. It holds where the document's blank lines look
    /// like the writer's too (`writer_blanks`: pdfminer's text of a page of one-line
    /// paragraphs, `…就自动被设为了其名` / blank / `称。`): full documents, 39 of the 42 breaks
    /// that makes joins are inside a paragraph (training and validation splits).
    pub(super) fn column_line_across_blank(&self, prev: &Line<'_>, next: &Line<'_>) -> bool {
        self.wrap.is_none()
            && prev
                .text
                .chars()
                .next_back()
                .is_some_and(|c| is_han(c) || is_kana(c))
            && prev.width >= WRITER_BLANK_MAX_WIDTH
            && prev.width + COLUMN_SLACK >= self.widest
            && has_running_text_punct(prev.text)
            && has_running_text_punct(next.text)
    }

    /// Whether `l` stops at the wrap width without ending a sentence: mid-paragraph for sure.
    pub(super) fn runs_on(&self, l: &Line<'_>) -> bool {
        ends_mid_sentence(l.text) || !ends_sentence(l.text) && self.full(l, FULL_PERCENT)
    }
}

/// The widths of a line that fills the wrap width: within one CJK char (or 6%) of it.
pub(super) fn full_range(wrap: usize) -> (usize, usize) {
    let lo = (wrap * FULL_LO_PERCENT / 100).min(wrap.saturating_sub(FULL_LO_COLUMNS));
    let hi = (wrap * FULL_HI_PERCENT / 100).max(wrap + FULL_HI_COLUMNS);
    (lo, hi)
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
                || has_running_text_punct(lines[content[k]].text)
        })
        .map(|k| &lines[content[k]])
        .filter(|l| !ends_sentence(l.text) && !l.stretched)
        .map(|l| l.width)
        .filter(|w| *w >= MIN_WRAPPED_WIDTH)
        .collect();
    if widths.len() < MIN_WRAPPED_LINES {
        return None;
    }
    widths.sort_unstable();
    // pdftotext prints two or three wrapped lines as one now and then: leave those out.
    let median = widths[widths.len() / 2];
    let (num, den) = PRINTED_TOGETHER;
    widths.retain(|&w| w * den <= median * num);
    let wrap = widths[widths.len() * WRAP_PERCENTILE.0 / WRAP_PERCENTILE.1];
    // Wrapped text has many lines at (nearly) one width; already reflowed paragraphs do not.
    let (lo, hi) = NEAR_WRAP_PERCENT;
    let near = widths
        .iter()
        .filter(|&&w| w * 100 >= wrap * lo && w * 100 <= wrap * hi)
        .count();
    // And once reflowed, the few lines left that do not end a sentence are a small share of
    // the text: they must not set a wrap width on a second pass.
    let (wn, wd) = NEAR_SHARE_OF_WRAPPED;
    let (ln, ld) = NEAR_SHARE_OF_LINES;
    (near >= MIN_NEAR_WRAP_LINES
        && near * wd >= widths.len() * wn
        && near * ld >= content.len() * ln)
        .then_some(wrap)
}

/// Measures the document. A stretched line is as wide as the wrap width, whatever its
/// letters add up to: its `width` is set to it (and a short or unmeasurable one is no
/// stretched line).
pub(super) fn measure_layout(lines: &mut [Line<'_>], content: &[usize]) -> Layout {
    let wrap = wrap_width(lines, content);
    for l in lines.iter_mut().filter(|l| l.stretched) {
        match wrap {
            // Justified text is stretched by the width of a word or two; a short spaced-out
            // line is a title set that way (`第 一 章 总 则`).
            Some(wrap) if l.width * STRETCHED_MIN_SHARE.1 >= wrap * STRETCHED_MIN_SHARE.0 => {
                l.width = l.width.max(wrap)
            }
            _ => l.stretched = false,
        }
    }
    let lines = &*lines;
    let mut l = Layout {
        wrap,
        blank_noise: false,
        writer_blanks: false,
        widest: content.iter().map(|&i| lines[i].width).max().unwrap_or(0),
        indent_marks: false,
        hidden_indent: None,
        full_stops_end: false,
        cjk_full_stops_end: false,
        cn_comma_numbers: content
            .iter()
            .filter_map(|&i| cn_comma_number(lines[i].text))
            .filter(|&k| k < 64)
            .fold(0, |bits, k| bits | 1 << k),
    };
    let (mut blank_gaps, mut blank_inside) = (0, 0);
    // Gaps of a short text that hold a blank line after a line that ends no sentence, and
    // all its other gaps.
    let (mut unended_blank, mut other_gaps) = (0, 0);
    // Blank gaps after a long line that stops in running text (a wrapped line, or a list item
    // ending in a comma; a heading is short).
    let mut long_unended_blank = 0;
    // Gaps that are a line break alone.
    let mut single_gaps = 0;
    let (mut indented, mut flush) = (0, 0);
    for w in content.windows(2) {
        let gap = gap(lines, w[0], w[1]);
        single_gaps += (!gap.blank && !gap.page) as usize;
        if gap.blank && !gap.page {
            blank_gaps += 1;
            blank_inside += l.runs_on(&lines[w[0]]) as usize;
        }
        if gap.blank && !gap.page && ends_in_running_text(lines[w[0]].text) {
            unended_blank += 1;
            long_unended_blank += (lines[w[0]].width >= WRITER_BLANK_MAX_WIDTH) as usize;
        } else {
            other_gaps += 1;
        }
        if lines[w[1]].indent >= MIN_INDENT {
            indented += 1;
        } else {
            flush += 1;
        }
    }
    let (bn, bd) = BLANKS_INSIDE_SHARE;
    // pdfminer puts a blank line after every line; in a short paste (no wrap width) that
    // shows as blank lines after every line, each stopping inside running text (`客` /
    // `户端`), where a writer's blank lines follow whole paragraphs or headings.
    let short_paste_noise =
        wrap.is_none() && other_gaps == 0 && unended_blank >= MIN_UNENDED_BLANKS;
    l.blank_noise = blank_inside >= MIN_BLANKS_INSIDE && blank_inside * bd >= blank_gaps * bn
        || short_paste_noise;
    let (wn, wd) = WRITER_BLANKS_UNENDED_SHARE;
    l.writer_blanks = wrap.is_none()
        && !l.blank_noise
        && single_gaps == 0
        && blank_gaps >= MIN_WRITER_BLANKS
        && long_unended_blank * wd <= blank_gaps * wn;
    l.indent_marks = indented >= MIN_INDENTED_LINES && flush >= indented * FLUSH_PER_INDENTED;
    l.hidden_indent = l
        .wrap
        .and_then(|wrap| hidden_indent(lines, content, wrap, l.blank_noise));
    l.full_stops_end = l
        .wrap
        .is_some_and(|wrap| full_stops_end_paragraphs(lines, content, wrap, Script::Latin));
    l.cjk_full_stops_end = l
        .wrap
        .is_some_and(|wrap| full_stops_end_paragraphs(lines, content, wrap, Script::Cjk));
    l
}

/// Which lines [`full_stops_end_paragraphs`] measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    /// Lines without a CJK char; a sentence may end after any word.
    Latin,
    /// Lines mostly of CJK chars; a sentence may end after any char.
    Cjk,
}

/// Whether a full line of `script` that ends a sentence more likely ends its paragraph than
/// goes on, judged from the document's own counts:
/// - paragraph ends: the short last lines seen (30% of the wrap width up to the full band)
///   give a rate per column; the full band (`lo..=hi`) holds that rate times its width;
/// - sentence ends inside a paragraph: a sentence ends at a line end about once in
///   `places per line` sentence ends (words, or CJK chars), and such a line lands in the full
///   band as often as the document's lines that run on do.
///
/// Short paragraphs of few sentences (web pages, specifications, documentation) tip it one
/// way, long ones (papers, books, news reports) the other. When blank lines mark the
/// paragraphs (most short ends have one after them) a break without one is inside a
/// paragraph, and nothing changes.
fn full_stops_end_paragraphs(
    lines: &[Line<'_>],
    content: &[usize],
    wrap: usize,
    script: Script,
) -> bool {
    let (mut lo, hi) = full_range(wrap);
    if script == Script::Cjk {
        // CJK text fills its lines to the char: the band `decide` calls full.
        lo = lo.max(wrap.saturating_sub(CJK_FULL_SLACK));
    }
    let short_from = wrap * SHORT_END_FROM.0 / SHORT_END_FROM.1;
    let (mut short_ends, mut inner_stops, mut places, mut measured) = (0usize, 0usize, 0, 0);
    let (mut running, mut running_full, mut blank_ends) = (0usize, 0usize, 0usize);
    for (k, &i) in content.iter().enumerate() {
        let t = lines[i].text;
        let w = lines[i].width;
        let of_script = match script {
            Script::Latin => !t.chars().any(is_cjk),
            Script::Cjk => lines[i].cjk,
        };
        if !of_script || w * MEASURED_MAX_SHARE.1 > wrap * MEASURED_MAX_SHARE.0 {
            continue;
        }
        measured += 1;
        match script {
            Script::Latin => {
                places += t.split(' ').filter(|w| !w.is_empty()).count();
                inner_stops += t
                    .as_bytes()
                    .windows(3)
                    .filter(|w| {
                        matches!(w[0], b'.' | b'?' | b'!')
                            && w[1] == b' '
                            && w[2].is_ascii_uppercase()
                    })
                    .count();
            }
            Script::Cjk => {
                // A CJK char is two columns wide.
                places += w / 2;
                inner_stops += cjk_stops_inside(t);
            }
        }
        let Some(&n) = content.get(k + 1) else {
            continue;
        };
        if ends_sentence(t) && w >= short_from && w < lo {
            if n == i + 1 {
                short_ends += 1;
            } else {
                blank_ends += 1;
            }
        } else if n == i + 1
            && !ends_sentence(t)
            && w * RUNNING_MIN_SHARE.1 >= wrap * RUNNING_MIN_SHARE.0
            && w <= hi
        {
            running += 1;
            running_full += usize::from(w >= lo);
        }
    }
    // When blank lines mark the paragraphs, a break without one is inside a paragraph.
    if blank_ends > short_ends
        || measured * SCRIPT_SHARE.1 < content.len() * SCRIPT_SHARE.0
        || measured < MIN_SCRIPT_LINES
        || lo <= short_from
    {
        return false;
    }
    let short_ends = short_ends + blank_ends;
    let band = hi - lo + 1;
    // short_ends · band / (lo - short_from)
    //     >  inner_stops / (places / measured) · running_full / running
    // (in u128: four counts of a large document overflow a 32-bit usize, and a u64).
    let product = |factors: [usize; 4]| factors.iter().map(|&f| f as u128).product::<u128>();
    product([short_ends, band, places, running])
        > product([inner_stops, measured, running_full, lo - short_from])
}

/// The marks that end a CJK sentence for [`Layout::cjk_full_stops_end`]: `。`, `！`, `？`
/// (not `；` or `：`, which [`ends_sentence`] counts too).
pub(super) fn is_cjk_full_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

/// The CJK sentence ends (`。`, `！`, `？`, and any closers after them) inside `t`, not at its
/// end.
fn cjk_stops_inside(t: &str) -> usize {
    let mut chars = t.trim_end().chars().peekable();
    let mut stops = 0;
    while let Some(c) = chars.next() {
        if is_cjk_full_stop(c) {
            while chars.next_if(|&c| is_closer(c)).is_some() {}
            stops += usize::from(chars.peek().is_some());
        }
    }
    stops
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
        if ends_sentence(l.text) || starts_numbered_block(l.text) || starts_numbered_block(n.text) {
            continue;
        }
        if ends_sentence(p.text) && p.width < lo && !super::decide::heading_like(l, wrap) {
            firsts.push(l.width);
        } else if runs_on(p) && runs_on(l) {
            middles.push(l.width);
        }
    }
    if firsts.len() < MIN_KNOWN_FIRSTS || middles.len() < MIN_KNOWN_MIDDLES {
        return None;
    }
    firsts.sort_unstable();
    middles.sort_unstable();
    let first = firsts[firsts.len() / 2];
    let middle = middles[middles.len() / 2];
    let near = firsts
        .iter()
        .filter(|&&w| w + FIRST_SPREAD >= first && w <= first + FIRST_SPREAD)
        .count();
    let indent = middle.checked_sub(first)?;
    let (tn, td) = FIRSTS_TOGETHER_SHARE;
    (HIDDEN_INDENT_COLUMNS.contains(&indent) && near * td >= firsts.len() * tn).then_some((
        first - FIRST_SPREAD,
        (first + FIRST_SPREAD).min(middle - FIRST_BELOW_MIDDLE),
    ))
}

/// Whether `t` stops inside running text: on an ideograph or kana, a Latin letter or digit,
/// a comma or a hyphen (not on a sentence end, a heading's `——` or `：`, or a closer).
fn ends_in_running_text(t: &str) -> bool {
    t.chars().next_back().is_some_and(|c| {
        is_han(c)
            || is_kana(c)
            || c.is_alphanumeric() && !is_cjk(c)
            || matches!(c, '，' | ',' | '、' | '-')
    })
}

//! A line break's evidence as a fixed-length vector: the rule that fired, the widths of the
//! lines around it against the wrap width and the document's own widths, how the first line
//! ends and the next starts, what lies between, and document-wide statistics. The layout
//! model ([`super::model`]) reads it; `examples/layout_dataset.rs` writes it out for training.

use super::decide::{heading_like, numbered_inside_sentence, Decision};
use super::layout::{Gap, Layout};
use super::lines::{pushed_width, Line};
use crate::shapes::{
    ends_mid_sentence, ends_sentence, ends_with_run_on_word, has_running_text_punct, is_closer,
    is_lone_closer, starts_numbered_block,
};
use crate::text::{is_cjk, is_han, is_kana};

/// Indents are counted up to this many spaces: a deeper one says nothing more.
const MAX_INDENT: usize = 8;
/// Widths relative to a reference are capped here: wider lines are several printed as one.
const MAX_RATIO: f32 = 3.0;
/// Line counts are measured up to this many (log scale beyond is noise for the decision).
const MAX_LINES: f32 = 10_000.0;
/// A line at least this share of the widest one is "near the widest" (wrapped text has
/// many; paragraphs on one line each, few).
const NEAR_MAX: (usize, usize) = (9, 10);
/// Columns (three CJK chars) a wrapped line may fall short of, or stand out over, the widest
/// other line. Validation short pastes exact, with the first-line title guard lifted within
/// this many columns: 2: 0.863, 4: 0.869, 6 and more: 0.871 (session 21).
const WRAPPED_SLACK: usize = 6;

/// How a line ends, as the model sees it.
const END_CLASSES: [&str; 11] = [
    "sentence_end",
    "clause",
    "opener",
    "colon",
    "dash",
    "hyphen",
    "latin",
    "digit",
    "cjk",
    "closer",
    "other",
];

/// How a line starts, as the model sees it.
const START_CLASSES: [&str; 9] = [
    "marker", "upper", "lower", "cjk", "digit", "opener", "dash", "closer", "other",
];

/// The names of the scalar features, in the order they follow the one-hot blocks.
const SCALARS: [&str; 43] = [
    "has_wrap",
    "prev_per_wrap",
    "next_per_wrap",
    "after_per_wrap",
    "prev_per_max",
    "next_per_max",
    "after_per_max",
    "prev_per_median",
    "next_per_median",
    "before_per_max",
    "prev_width",
    "next_width",
    "prev_ends_sentence",
    "next_ends_sentence",
    "prev_mid_sentence",
    "prev_text_punct",
    "next_text_punct",
    "next_heading_like",
    "prev_mostly_cjk",
    "next_mostly_cjk",
    "blank",
    "page",
    "prev_indent",
    "next_indent",
    "indent_step",
    "prev_stretched",
    "next_stretched",
    "first",
    "has_after",
    "blank_noise",
    "indent_marks",
    "hidden_indent",
    "prev_in_hidden",
    "next_in_hidden",
    "full_stops_end",
    "doc_cjk_share",
    "doc_log_lines",
    "doc_blank_share",
    "doc_near_max_share",
    "doc_sentence_end_share",
    "pushed_per_wrap",
    "pushed_per_max",
    "prev_run_on",
];

/// One more scalar: the CJK chars on both sides of the break make a dictionary word.
const DICT_WORD: &str = "dict_word";

/// Length of the feature vector.
pub const N_FEATURES: usize =
    Decision::ALL.len() + END_CLASSES.len() + START_CLASSES.len() + SCALARS.len() + 1;

/// The name of feature `i` (for evidence and the dataset's header).
pub fn feature_name(i: usize) -> String {
    let d = Decision::ALL.len();
    let e = d + END_CLASSES.len();
    let s = e + START_CLASSES.len();
    let k = s + SCALARS.len();
    match i {
        _ if i < d => format!("rule={}", Decision::ALL[i].name()),
        _ if i < e => format!("prev_end={}", END_CLASSES[i - d]),
        _ if i < s => format!("next_start={}", START_CLASSES[i - e]),
        _ if i < k => SCALARS[i - s].to_owned(),
        _ if i == k => DICT_WORD.to_owned(),
        _ => format!("feature{i}"),
    }
}

/// Document-wide widths the features measure lines against when there is no wrap width.
pub(super) struct DocStats {
    /// Median content line width.
    median: usize,
    /// Widest content line.
    max: usize,
    /// The second and the third of the content line widths, widest first.
    runners_up: (usize, usize),
    /// Share of content lines that are mostly CJK.
    cjk_share: f32,
    /// Number of content lines.
    lines: usize,
    /// Share of the gaps between content lines that hold a blank line.
    blank_share: f32,
    /// Share of content lines near the widest (see [`NEAR_MAX`]).
    near_max_share: f32,
    /// Share of content lines that end a sentence.
    sentence_end_share: f32,
}

impl DocStats {
    /// Measures the content lines `content` of `lines`.
    pub(super) fn measure(lines: &[Line<'_>], content: &[usize]) -> DocStats {
        let mut widths: Vec<usize> = content.iter().map(|&i| lines[i].width).collect();
        widths.sort_unstable();
        let cjk = content.iter().filter(|&&i| lines[i].cjk).count();
        let max = widths.last().copied().unwrap_or(0);
        let share = |n: usize, of: usize| n as f32 / of.max(1) as f32;
        let blank = content.windows(2).filter(|w| w[1] > w[0] + 1).count();
        let near = widths
            .iter()
            .filter(|&&w| w * NEAR_MAX.1 >= max * NEAR_MAX.0)
            .count();
        let ends = content
            .iter()
            .filter(|&&i| ends_sentence(lines[i].text))
            .count();
        DocStats {
            median: widths.get(widths.len() / 2).copied().unwrap_or(0),
            max,
            runners_up: (
                widths.iter().rev().nth(1).copied().unwrap_or(0),
                widths.iter().rev().nth(2).copied().unwrap_or(0),
            ),
            cjk_share: share(cjk, content.len()),
            lines: content.len(),
            blank_share: share(blank, content.len().saturating_sub(1)),
            near_max_share: share(near, content.len()),
            sentence_end_share: share(ends, content.len()),
        }
    }

    /// Whether a line of the text ends a sentence: running text. Where none does (names,
    /// headings, a fragment), a blank line is the writer's.
    pub(super) fn ends_sentences(&self) -> bool {
        self.sentence_end_share > 0.0
    }

    /// Whether a line `width` wide may be a wrapped line of the text's widest paragraph:
    /// within [`WRAPPED_SLACK`] of the widest line, and not wider by more than that than two
    /// other lines as wide as each other (a column's width: a title over narrow columns).
    pub(super) fn may_be_wrapped(&self, width: usize) -> bool {
        let (second, third) = self.runners_up;
        let column = third > 0 && third + WRAPPED_SLACK >= second;
        width + WRAPPED_SLACK >= self.max && !(column && second + WRAPPED_SLACK < width)
    }
}

/// Everything around one break that the features read.
pub(super) struct Context<'a, 'b> {
    /// The line before the break.
    pub(super) prev: &'b Line<'a>,
    /// The line after it.
    pub(super) next: &'b Line<'a>,
    /// The content line before `prev`, if any.
    pub(super) before: Option<&'b Line<'a>>,
    /// The content line after `next`, if any.
    pub(super) after: Option<&'b Line<'a>>,
    /// What lies between `prev` and `next`.
    pub(super) gap: Gap,
    /// `prev` is the first content line.
    pub(super) first: bool,
    /// The rule's decision.
    pub(super) decision: Decision,
}

fn ratio(w: usize, of: usize) -> f32 {
    if of == 0 {
        0.0
    } else {
        (w as f32 / of as f32).min(MAX_RATIO)
    }
}

fn end_class(t: &str) -> usize {
    let Some(last) = t.chars().next_back() else {
        return 10;
    };
    // A colon or semicolon ends a sentence for the rules, but says more on its own: `；`
    // goes on within a paragraph, `：` introduces what follows.
    match t.chars().rev().find(|&c| !is_closer(c)) {
        Some('；' | ';') => return 1,
        Some('：' | ':') => return 3,
        _ => {}
    }
    if ends_sentence(t) {
        return 0;
    }
    match last {
        '，' | ',' | '、' | '；' | ';' => 1,
        '“' | '‘' | '（' | '(' | '《' | '「' | '[' | '【' => 2,
        '：' | ':' => 3,
        '—' | '–' | '―' => 4,
        '-' => 5,
        c if c.is_alphabetic() && !is_cjk(c) => 6,
        c if c.is_ascii_digit() => 7,
        c if is_han(c) || is_kana(c) => 8,
        '”' | '’' | '）' | ')' | '》' | '」' | ']' | '】' | '"' => 9,
        _ => 10,
    }
}

/// [`START_CLASSES`]' `marker` and `cjk`.
const MARKER: usize = 0;
const CJK_START: usize = 3;

fn start_class(t: &str) -> usize {
    if starts_numbered_block(t) {
        return MARKER;
    }
    let Some(first) = t.chars().next() else {
        return 8;
    };
    match first {
        c if c.is_uppercase() => 1,
        c if c.is_lowercase() => 2,
        c if is_han(c) || is_kana(c) => CJK_START,
        c if c.is_ascii_digit() => 4,
        '“' | '‘' | '（' | '(' | '《' | '「' | '[' | '【' | '"' => 5,
        '—' | '–' | '―' | '-' => 6,
        _ if is_lone_closer(&t[..first.len_utf8()]) => 7,
        _ => 8,
    }
}

/// Whether a CJK line stops at the attributive particle `的`, which ties it to the noun on
/// the next line (`记者梳理20家退市或锁定退市的` / `案例发现，…`), unless the line holds a `是`
/// (a `是…的` predicate). A title ends so rarely: 8 of the 4,056 titles and headings of the
/// corpus's and ../shared/eval's pdf.js cases, 6 of them `是…的` (`局部 mutation 是可以接受
/// 的`), against about one wrapped CJK line in thirty.
pub(super) fn ends_with_attributive(t: &str) -> bool {
    t.trim_end().ends_with('的') && !t.contains('是')
}

/// Whether up to three chars spell a word of jieba's dictionary. Looked up from a buffer on
/// the stack: this runs for every CJK break of the text.
pub(super) fn is_dictionary_word(chars: &[char]) -> bool {
    let mut buf = [0u8; 12];
    let mut len = 0;
    for c in chars.iter().take(3) {
        len += c.encode_utf8(&mut buf[len..]).len();
    }
    std::str::from_utf8(&buf[..len]).is_ok_and(|w| crate::segment::dict_line(w).is_some())
}

/// Whether the last CJK char before the break and the first after it (or two on one side
/// and one on the other) make a word of jieba's dictionary.
pub(crate) fn dictionary_word(prev: &str, next: &str) -> bool {
    let is_word_char = |c: char| is_han(c) || is_kana(c);
    let mut tail = prev.chars().rev();
    let mut head = next.chars();
    let (Some(t0), Some(h0)) = (tail.next(), head.next()) else {
        return false;
    };
    if !is_word_char(t0) || !is_word_char(h0) {
        return false;
    }
    is_dictionary_word(&[t0, h0])
        || tail
            .next()
            .is_some_and(|t1| is_word_char(t1) && is_dictionary_word(&[t1, t0, h0]))
        || head
            .next()
            .is_some_and(|h1| is_word_char(h1) && is_dictionary_word(&[t0, h0, h1]))
}

/// The feature vector of one break.
pub(super) fn features(c: &Context<'_, '_>, lay: &Layout, doc: &DocStats) -> [f32; N_FEATURES] {
    let mut f = [0.0f32; N_FEATURES];
    let decision = Decision::ALL
        .iter()
        .position(|&d| d == c.decision)
        .unwrap_or(0);
    f[decision] = 1.0;
    let e = Decision::ALL.len();
    f[e + end_class(c.prev.text)] = 1.0;
    let s = e + END_CLASSES.len();
    // A numbered line the rules read as a wrapped line of the sentence before (`…现代化国家` /
    // `三、四线城市…`) starts as the ideograph it is, not as a marker.
    let start = match start_class(c.next.text) {
        MARKER if numbered_inside_sentence(c.prev, c.next, lay) => CJK_START,
        class => class,
    };
    f[s + start] = 1.0;
    let k = s + START_CLASSES.len();
    let b = |v: bool| if v { 1.0 } else { 0.0 };
    let wrap = lay.wrap.unwrap_or(0);
    let after_w = c.after.map(|a| a.width);
    let in_hidden = |w: usize| {
        lay.hidden_indent
            .is_some_and(|(lo, hi)| (lo..=hi).contains(&w))
    };
    let heading_ref = if wrap > 0 { wrap } else { doc.max };
    let pushed = pushed_width(c.prev, c.next);
    let scalars: [f32; SCALARS.len()] = [
        b(lay.wrap.is_some()),
        ratio(c.prev.width, wrap),
        ratio(c.next.width, wrap),
        after_w.map_or(-1.0, |w| ratio(w, wrap)),
        ratio(c.prev.width, doc.max),
        ratio(c.next.width, doc.max),
        after_w.map_or(-1.0, |w| ratio(w, doc.max)),
        ratio(c.prev.width, doc.median),
        ratio(c.next.width, doc.median),
        c.before.map_or(-1.0, |l| ratio(l.width, doc.max)),
        c.prev.width.min(200) as f32,
        c.next.width.min(200) as f32,
        b(ends_sentence(c.prev.text)),
        b(ends_sentence(c.next.text)),
        b(ends_mid_sentence(c.prev.text)),
        b(has_running_text_punct(c.prev.text)),
        b(has_running_text_punct(c.next.text)),
        b(heading_like(c.next, heading_ref)),
        b(c.prev.cjk),
        b(c.next.cjk),
        b(c.gap.blank),
        b(c.gap.page),
        c.prev.indent.min(MAX_INDENT) as f32,
        c.next.indent.min(MAX_INDENT) as f32,
        (c.next.indent.min(MAX_INDENT) as f32 - c.prev.indent.min(MAX_INDENT) as f32),
        b(c.prev.stretched),
        b(c.next.stretched),
        b(c.first),
        b(c.after.is_some()),
        b(lay.blank_noise),
        b(lay.indent_marks),
        b(lay.hidden_indent.is_some()),
        b(in_hidden(c.prev.width)),
        b(in_hidden(c.next.width)),
        b(lay.full_stops_end),
        doc.cjk_share,
        (doc.lines as f32).min(MAX_LINES).ln_1p(),
        doc.blank_share,
        doc.near_max_share,
        doc.sentence_end_share,
        ratio(pushed, wrap),
        ratio(pushed, doc.max),
        // A line stopping at a word that ends no title or heading (`See the guide on`,
        // `记者梳理20家退市或锁定退市的`): what tells a wrapped first line from a title
        // in a text too short to have a wrap width.
        b(ends_with_run_on_word(c.prev.text) || ends_with_attributive(c.prev.text)),
    ];
    f[k..k + SCALARS.len()].copy_from_slice(&scalars);
    f[k + SCALARS.len()] = b(dictionary_word(c.prev.text, c.next.text));
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_may_be_wrapped_unless_it_stands_apart_from_the_widest() {
        let doc = |widths: &[usize]| {
            let text = widths
                .iter()
                .map(|&w| "x".repeat(w))
                .collect::<Vec<_>>()
                .join("\n");
            let lines =
                crate::reflow::lines::split_lines(&text, crate::reflow::lines::Spaces::of(false));
            let content: Vec<usize> = (0..lines.len()).collect();
            DocStats::measure(&lines, &content)
        };
        // Two lines: the first, widest, may be wrapped; so may one a little short of it.
        assert!(doc(&[40, 20]).may_be_wrapped(40));
        assert!(doc(&[36, 40]).may_be_wrapped(36));
        // Far short of the widest: a title.
        assert!(!doc(&[20, 40, 40]).may_be_wrapped(20));
        // Wider than a column of lines as wide as each other: a title across the columns.
        assert!(!doc(&[60, 50, 50, 30]).may_be_wrapped(60));
        assert!(doc(&[54, 50, 50, 30]).may_be_wrapped(54));
    }

    #[test]
    fn pushed_width_sets_the_next_line_s_first_word_on_this_one() {
        fn line(t: &str) -> Line<'_> {
            super::super::lines::split_lines(t, super::super::lines::Spaces::Written)[0]
        }
        let prev = line("on deep mutations. See Deep");
        // `Watchers.`: the word and a space.
        assert_eq!(
            pushed_width(&prev, &line("Watchers. flush: adjust")),
            prev.width + 10
        );
        // A CJK line breaks between any two chars: one char (two columns).
        let cjk = line("提供了官方集");
        assert_eq!(pushed_width(&cjk, &line("成。")), cjk.width + 2);
    }

    #[test]
    fn every_feature_has_a_distinct_name() {
        let names: std::collections::HashSet<String> = (0..N_FEATURES).map(feature_name).collect();
        assert_eq!(names.len(), N_FEATURES);
        assert_eq!(feature_name(N_FEATURES - 1), DICT_WORD);
    }

    #[test]
    fn line_ends_and_starts_are_classed() {
        assert_eq!(END_CLASSES[end_class("结束。")], "sentence_end");
        assert_eq!(END_CLASSES[end_class("一、总则——")], "dash");
        assert_eq!(END_CLASSES[end_class("docu-")], "hyphen");
        assert_eq!(END_CLASSES[end_class("交易类退市3家；")], "clause");
        assert_eq!(END_CLASSES[end_class("the following:")], "colon");
        assert_eq!(END_CLASSES[end_class("如下：”")], "colon");
        assert_eq!(END_CLASSES[end_class("中文")], "cjk");
        assert_eq!(START_CLASSES[start_class("三、总则")], "marker");
        assert_eq!(START_CLASSES[start_class("the end")], "lower");
        assert_eq!(START_CLASSES[start_class("”。")], "closer");
    }

    #[test]
    fn a_word_across_the_break_is_found_in_the_dictionary() {
        assert!(dictionary_word("我们的经", "济发展"));
        assert!(!dictionary_word("结束。", "开始"));
        assert!(!dictionary_word("end", "start"));
    }
}

//! Robustness: `analyze` is total on hostile text (astral characters, RTL marks, control
//! characters, lone CR, huge numbering …), every range it returns slices back to its text,
//! and its term counts add up. Property tests, then one named test per bug found by them
//! or by the fuzzer (`fuzz/`).

use std::ops::Range;

use proptest::prelude::*;
use qingwen::{analyze, Analysis, CleanOptions, Options, OutlineNode, TermOptions};

/// Pieces hostile text is made of: real fragments of the shapes the pipeline looks for,
/// and characters that break naive byte/char/UTF-16 arithmetic.
const PIECES: &[&str] = &[
    "𦡦",
    "👪",
    "👨‍👩‍👧",
    "🇨🇳",
    "é",
    "e\u{301}",
    "\u{202e}",
    "\u{202c}",
    "\u{200f}",
    "\u{200e}",
    "\u{2066}",
    "\u{2069}",
    "שלום",
    "مرحبا",
    "\u{0}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{c}",
    "\u{b}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{ad}",
    "\u{200b}",
    "\u{200d}",
    "\u{fffd}",
    "\r",
    "\r\n",
    "\n",
    "\n\n",
    " ",
    "\t",
    "　",
    "\u{a0}",
    "-",
    "—",
    "——",
    "…",
    "“ ",
    "”",
    "，",
    "。",
    "、",
    "：",
    ".",
    ",",
    "(",
    ")",
    "（",
    "）",
    "1",
    "2023",
    " 年",
    "第",
    "页",
    "共",
    "第 1 页 共 3 页",
    "- 3 -",
    "Page 2 of 5",
    "正文复制",
    "分享到",
    "1.",
    "1.1.",
    "1.1.1.1.1.1.1.1.",
    "（一）",
    "一、",
    "第三章 ",
    "（1）",
    "99999999999999999999.",
    "第九十九万九千章",
    "四川日报/2024 年/2 月/20 日/第 001 版",
    "2026-06-12",
    "星期五",
    "⼀",
    "ﬁ",
    "豈",
    "组织",
    "干部",
    "建设",
    "思想",
    "The",
    "Rust",
    "docu-",
    "mented",
    "a",
    "这 地 总 体",
    "记者 ",
    "川组宣",
    "Abstract",
    "INTRODUCTION",
    "1 Introduction",
];

/// Text made of hostile pieces, up to a few hundred of them.
fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..300).prop_map(|v| v.concat())
}

/// Any text at all: arbitrary Unicode scalar values, or hostile pieces.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,200}",
        "\\PC{0,200}",
        "[\\x00-\\x7f\u{4e00}-\u{4e20}\u{3000}-\u{3010}\r\n ]{0,300}",
        hostile(),
    ]
}

fn clean_options() -> impl Strategy<Value = CleanOptions> {
    prop::array::uniform6(any::<bool>()).prop_map(|b| CleanOptions {
        normalize_chars: b[0],
        remove_artifacts: b[1],
        reflow: b[2],
        fix_spacing: b[3],
        pangu: b[4],
        fullwidth_punctuation: b[5],
        reject: Vec::new(),
    })
}

/// Options that count everything, so the counts can be checked against each other.
fn count_all() -> Options {
    Options {
        terms: TermOptions {
            top: 0,
            section_top: 0,
            ..TermOptions::default()
        },
        ..Options::default()
    }
}

fn slices_back(what: &str, text: &str, range: &Range<usize>, expected: &str) {
    assert_eq!(
        text.get(range.clone()),
        Some(expected),
        "{what} range {range:?} does not slice back"
    );
}

fn in_bounds(what: &str, text: &str, r: &Range<usize>) {
    assert!(
        r.start <= r.end && text.get(r.clone()).is_some(),
        "{what} range {r:?} out of bounds or off a char boundary (len {})",
        text.len()
    );
}

fn check_outline(a: &Analysis, nodes: &[OutlineNode]) {
    for n in nodes {
        slices_back("outline", &a.cleaned, &n.range, &n.text);
        assert!(n.block < a.blocks.len(), "outline block index {}", n.block);
        check_outline(a, &n.children);
    }
}

/// The invariants every analysis keeps.
fn check(input: &str, options: &Options, a: &Analysis) {
    for f in &a.edits {
        in_bounds("fix original", input, &f.original);
        in_bounds("fix cleaned", &a.cleaned, &f.cleaned);
    }
    for b in &a.blocks {
        slices_back("block", &a.cleaned, &b.range, &b.text);
    }
    check_outline(a, &a.outline);
    assert!(a.terms.iter().all(|t| t.count > 0 && !t.term.is_empty()));
    assert!(a.terms.windows(2).all(|w| w[0].count >= w[1].count));
    if options.terms.top > 0 {
        assert!(a.terms.len() <= options.terms.top);
    } else if !a.terms.is_empty() {
        let sum: f64 = a.terms.iter().map(|t| t.per10k).sum();
        assert!((sum - 10_000.0).abs() < 1e-3, "per10k sums to {sum}");
    }
}

/// With everything counted: sections add up to the document, each term's per-section
/// counts add up to its count.
fn check_counts(a: &Analysis) {
    let total: usize = a.terms.iter().map(|t| t.count).sum();
    if !a.sections.is_empty() {
        let tokens: usize = a.sections.iter().map(|s| s.tokens).sum();
        assert_eq!(tokens, total, "section tokens add up to the counted tokens");
        for s in &a.sections {
            let n: usize = s.terms.iter().map(|t| t.count).sum();
            assert_eq!(n, s.tokens, "a section's term counts add up to its tokens");
            assert!(s.first_block < a.blocks.len());
        }
    }
    for t in &a.terms_by_section {
        assert_eq!(t.counts.iter().sum::<usize>(), t.total, "{}", t.term);
        assert_eq!(t.counts.len(), a.sections.len());
        let count = a.terms.iter().find(|c| c.term == t.term).map(|c| c.count);
        assert_eq!(count, Some(t.total), "{}", t.term);
    }
}

proptest! {
    #[test]
    fn analyze_never_panics_and_ranges_slice_back(text in any_text()) {
        let options = Options::default();
        let a = analyze(&text, &options);
        check(&text, &options, &a);
    }

    #[test]
    fn any_clean_switches(text in hostile(), clean in clean_options()) {
        let options = Options { clean, ..Options::default() };
        let a = analyze(&text, &options);
        check(&text, &options, &a);
    }

    #[test]
    fn counts_add_up(text in any_text()) {
        let options = count_all();
        let a = analyze(&text, &options);
        check(&text, &options, &a);
        check_counts(&a);
    }

    #[test]
    fn huge_numbering(depth in 1usize..3000, digits in 1usize..60, tail in hostile()) {
        let text = format!(
            "{}1 标题\n{}.章节\n第{}章 总则\n{tail}",
            "1.".repeat(depth),
            "9".repeat(digits),
            "九".repeat(digits),
        );
        let options = Options::default();
        let a = analyze(&text, &options);
        check(&text, &options, &a);
    }
}

/// Each of the named shapes, with the default options and with everything counted.
fn check_both(text: &str) {
    for options in [Options::default(), count_all()] {
        let a = analyze(text, &options);
        check(text, &options, &a);
        if options.terms.top == 0 {
            check_counts(&a);
        }
    }
}

#[test]
fn empty_and_whitespace_only() {
    for text in [
        "", "\n", "\r", "\r\n\r\n", " ", "　", "\t\n \n", "\u{feff}", "\u{0}",
    ] {
        check_both(text);
    }
}

#[test]
fn astral_characters_keep_ranges() {
    check_both("𦡦𦡦 👪 第 1 页 共 3 页\n𦡦 2023 年 👪“ 学思想”\n\n（一）𦡦标题\n正文𦡦👪。");
}

#[test]
fn rtl_marks_and_controls() {
    check_both(
        "\u{202e}abc\u{202c} שלום\u{200f} 中文\u{200e}123\n\u{1b}[31m红\u{1b}[0m\u{c}\u{85}x",
    );
}

#[test]
fn lone_carriage_returns() {
    check_both("第一行\r第二行\r\r第三行\r\n第四行\n\r\r");
}

// Regressions: one named test per bug found by the properties above or by the fuzzer.

/// `reflow::starts_block` sliced `rest[1..]` after a digit, inside a 3-byte `、` or `．`
/// (found by proptest: "a\n0、", "—\r1、").
#[test]
fn reflow_digit_then_wide_list_separator() {
    for text in ["a\n0、", "—\r1、", "x\n12．", "x\n3、a", "正文\n1．2"] {
        check_both(text);
    }
}

/// `structure::labelled_date` looked back to the start of the line for the key and scanned
/// to its end for a date at every colon: a 10 MB line of dialogue (`他说：“…”`) took
/// minutes (found by `examples/pathological.rs`, "one 10 MB line"). Not a timed test: it
/// finishes in well under a second now, and would take a minute if it regressed.
#[test]
fn long_line_with_many_colons_is_linear() {
    let line = "他说：“好。”".repeat(200_000);
    let doc = qingwen::structure::detect_structure(&[line.as_str(), "Date: 2018-05-04"]);
    assert_eq!(doc.meta.date.as_deref(), Some("2018-05-04"));
    let doc = qingwen::structure::detect_structure(&["发布时间：2026-06-12 07:24", &line]);
    assert_eq!(doc.meta.date.as_deref(), Some("2026-06-12"));
}

//! A multi-megabyte text analysed in parts, as the page's pool of Workers analyses a large
//! paste (`qingwen::parts`), gives exactly the analysis of `analyze`: text, blocks, fixes and
//! their ranges, outline, terms, keywords, phrases and sections.

mod support;

use qingwen::parts::analyze_in_parts;
use qingwen::{analyze, Analysis, Options};

/// The repository's own pastes (the samples and the cleanup cases as extracted: PDF pages
/// with footers, running headers, wrapped lines, columns), one after another in a different
/// order each round, until the text holds `bytes`.
fn fixtures_text(bytes: usize) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut pastes = vec![support::zh_sample(), support::en_sample()];
    let mut cases: Vec<_> = std::fs::read_dir(dir.join("cleanup"))
        .expect("tests/fixtures/cleanup")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter(|p| !p.to_string_lossy().ends_with(".expected.txt"))
        .collect();
    cases.sort();
    pastes.extend(
        cases
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("a case")),
    );
    let mut text = String::new();
    let mut round = 0usize;
    while text.len() < bytes {
        for k in 0..pastes.len() {
            text.push_str(&pastes[(k * 7 + round) % pastes.len()]);
            text.push_str("\n\n");
        }
        round += 1;
    }
    text
}

fn assert_same(parts: &Analysis, whole: &Analysis, what: &str) {
    // Field by field first, so that a failure names what differs.
    assert_eq!(parts.cleaned, whole.cleaned, "{what}: cleaned");
    assert_eq!(parts.edits, whole.edits, "{what}: edits");
    assert_eq!(parts.fixes, whole.fixes, "{what}: fixes");
    assert_eq!(parts.blocks, whole.blocks, "{what}: blocks");
    assert_eq!(parts.outline, whole.outline, "{what}: outline");
    assert_eq!(parts.terms, whole.terms, "{what}: terms");
    assert_eq!(parts.keywords, whole.keywords, "{what}: keywords");
    assert_eq!(parts.phrases, whole.phrases, "{what}: phrases");
    assert_eq!(parts.sections, whole.sections, "{what}: sections");
    assert_eq!(
        parts.terms_by_section, whole.terms_by_section,
        "{what}: termsBySection"
    );
    assert_eq!(parts, whole, "{what}");
}

#[test]
fn fixtures_pasted_to_several_megabytes_give_the_same_analysis_in_parts() {
    let text = fixtures_text(3_000_000);
    let options = Options::default();
    let whole = analyze(&text, &options);
    assert!(
        whole.edits.len() > 1000 && whole.terms.len() == 200,
        "a real text"
    );
    assert!(!whole.outline.is_empty() && whole.sections.len() > 1);
    for parts in [2, 4] {
        assert_same(
            &analyze_in_parts(&text, &options, parts),
            &whole,
            &format!("{parts} parts"),
        );
    }
}

#[test]
fn a_novel_repeated_gives_the_same_analysis_in_parts() {
    let Some(novel) = support::shared("corpus/weicheng.txt") else {
        return;
    };
    // A masthead and numbered headings between the copies, so that the outline and the
    // sections have something to hold.
    let mut text = String::from("四川日报 2024年2月20日 星期二\n围城\n钱锺书\n");
    for (i, n) in ["一", "二", "三", "四", "五"].iter().enumerate() {
        text.push_str(&format!("{n}、第{}遍\n", i + 1));
        text.push_str(&novel);
        text.push('\n');
    }
    let options = Options::default();
    let whole = analyze(&text, &options);
    assert!(text.len() > 3_000_000 && whole.sections.len() >= 5);
    for parts in [2, 3] {
        assert_same(
            &analyze_in_parts(&text, &options, parts),
            &whole,
            &format!("{parts} parts"),
        );
    }
}

//! Undo per fix, end to end: `CleanOptions::reject` leaves out the fixes it names and every
//! other fix, the blocks and the counts follow.

use qingwen::{analyze, Analysis, Fix, FixKind, FixRef, Options};

/// An e-paper paste: a copy-button label, words split by line breaks, a footer inside a word.
const PASTED: &str = "正文复制\n\
    这一年,习近平总书记亲临四川视察,宏阔擘画领航兴川大计,殷殷嘱托赋予新的重任,如\n\
    山厚爱沐浴巴蜀儿女,指引四川现代化建设一往无前、阔步前行。\n\
    这一年,全国组织工作会议认真贯彻习近平总书记关于X的建设的重要思想,牢牢把握新时\n\
    代X的建设和组织工作总遵循、总依据、总指引。\n\
    推动四川现代化建设开好局起好步,离不开强有力的组织保证。全省组织工作坚持向中心聚\n\
    第 1 页 共 3 页\n\
    焦、为大局聚力,凝聚起全力以赴拼经济搞建设强大组织力量。\n";

fn rejecting(fixes: &[&Fix]) -> Analysis {
    let mut options = Options::default();
    options.clean.reject = fixes.iter().map(|f| FixRef::from(*f)).collect();
    analyze(PASTED, &options)
}

fn same(a: &Fix, b: &Fix) -> bool {
    a.kind == b.kind && a.original == b.original
}

/// Every fix of `after` was made in `before`, all but `gone` of them are made again, and the
/// ranges of `after` point into the input and into its cleaned text.
fn check_others(before: &Analysis, after: &Analysis, gone: &Fix) {
    for f in &after.edits {
        assert!(before.edits.iter().any(|g| same(f, g)), "{f:?} is new");
        assert!(PASTED.get(f.original.clone()).is_some(), "{f:?}");
        assert!(after.cleaned.get(f.cleaned.clone()).is_some(), "{f:?}");
    }
    let kept = before.edits.iter().filter(|f| !same(f, gone));
    assert_eq!(kept.count(), after.edits.len());
    for b in &after.blocks {
        assert_eq!(&after.cleaned[b.range.clone()], b.text);
    }
}

#[test]
fn rejecting_a_join_puts_the_line_break_back_there_only() {
    let all = analyze(PASTED, &Options::default());
    let at = PASTED.find("如\n山").unwrap() + "如".len();
    let join = all
        .edits
        .iter()
        .find(|f| f.kind == FixKind::LineJoin && f.original == (at..at + 1))
        .expect("如 / 山厚爱 joined");
    let undone = rejecting(&[join]);
    let spot = join.cleaned.start;
    assert!(join.cleaned.is_empty());
    assert_eq!(
        undone.cleaned,
        format!("{}\n\n{}", &all.cleaned[..spot], &all.cleaned[spot..]),
        "one paragraph break more, at the join"
    );
    assert_eq!(undone.blocks.len(), all.blocks.len() + 1);
    assert!(undone
        .blocks
        .iter()
        .any(|b| b.text.ends_with("赋予新的重任,如")));
    check_others(&all, &undone, join);
    let joins = |a: &Analysis| {
        a.fixes
            .iter()
            .find(|c| c.kind == FixKind::LineJoin)
            .map_or(0, |c| c.count)
    };
    assert_eq!(joins(&undone), joins(&all) - 1);
}

#[test]
fn rejecting_the_footer_inside_a_word_keeps_it_there() {
    let all = analyze(PASTED, &Options::default());
    let footer = all
        .edits
        .iter()
        .find(|f| f.kind == FixKind::PageFooter)
        .expect("footer removed");
    assert!(all.cleaned.contains("中心聚焦"));
    let undone = rejecting(&[footer]);
    assert!(
        undone.cleaned.contains("第 1 页 共 3 页"),
        "{}",
        undone.cleaned
    );
    assert!(!undone.cleaned.contains("中心聚焦"));
    assert!(!undone.cleaned.contains('\u{C}'), "no page-break mark left");
    check_others(&all, &undone, footer);
    // Everything before the footer's paragraph is as it was.
    let before = all.cleaned.find("推动四川").unwrap();
    assert_eq!(undone.cleaned[..before], all.cleaned[..before]);
}

#[test]
fn rejecting_every_fix_of_a_kind_and_a_stale_reference() {
    let all = analyze(PASTED, &Options::default());
    let label: Vec<&Fix> = all
        .edits
        .iter()
        .filter(|f| f.kind == FixKind::CopyLabel)
        .collect();
    assert_eq!(label.len(), 1);
    let undone = rejecting(&label);
    assert!(undone.cleaned.starts_with("正文复制\n\n"));
    assert_eq!(undone.cleaned["正文复制\n\n".len()..], all.cleaned[..]);
    // A reference to no fix (an edit of another text) changes nothing.
    let stale = Fix {
        kind: FixKind::LineJoin,
        original: 1..2,
        cleaned: 0..0,
        rule: None,
    };
    assert_eq!(rejecting(&[&stale]), all);
}

#[test]
fn reject_reads_from_json_with_the_cleaned_range() {
    let all = analyze(PASTED, &Options::default());
    let footer = all.edits.iter().find(|f| f.kind == FixKind::PageFooter);
    let json = format!(
        r#"{{"clean": {{"reject": [{}]}}}}"#,
        serde_json::to_string(footer.unwrap()).unwrap()
    );
    let options: Options = serde_json::from_str(&json).unwrap();
    assert_eq!(options.clean.reject, [FixRef::from(footer.unwrap())]);
}

//! End to end on the repository's own samples (tests/fixtures/samples): a Chinese e-paper
//! paste of the shape the product was conceived from, and an English report.

mod support;

use qingwen::{analyze, BlockKind, FixKind, Options};
use support::{en_sample, zh_sample};

#[test]
fn sample_is_cleaned() {
    let a = analyze(&zh_sample(), &Options::default());
    assert!(!a.cleaned.contains("第 1 页 共 2 页"), "footer removed");
    assert!(!a.cleaned.contains("页"), "no trace of the footer");
    assert!(
        !a.cleaned.lines().any(|l| l.trim() == "正文复制"),
        "copy label removed"
    );
    assert!(
        a.cleaned.contains("市民节假日里"),
        "word split by a line break rejoined"
    );
    assert!(
        a.cleaned.contains("乡村歌手大赛和少儿才艺展演"),
        "word split by the footer rejoined"
    );
    assert!(
        !a.cleaned.contains("2024 年"),
        "space between digits and CJK removed"
    );
    assert!(
        !a.cleaned.contains("“ ") && !a.cleaned.contains("” "),
        "spaces at quotes removed"
    );
    assert!(a.cleaned.contains("的1+N服务模式"), "formula kept");
    assert!(
        a.cleaned.contains("书香浸润城乡 文化惠及万家"),
        "title halves keep their space"
    );
    let kinds: Vec<FixKind> = a.fixes.iter().map(|f| f.kind).collect();
    for k in [
        FixKind::PageFooter,
        FixKind::CopyLabel,
        FixKind::LineJoin,
        FixKind::SpaceRemoved,
    ] {
        assert!(kinds.contains(&k), "{k:?} recorded");
    }
}

#[test]
fn sample_meta_and_outline() {
    let a = analyze(&zh_sample(), &Options::default());
    assert_eq!(a.meta.source.as_deref(), Some("临江日报"));
    assert_eq!(a.meta.date.as_deref(), Some("2025-03-18"));
    assert_eq!(a.meta.page.as_deref(), Some("003"));
    assert_eq!(a.meta.title.as_deref(), Some("书香浸润城乡 文化惠及万家"));
    assert_eq!(
        a.meta.subtitle.as_deref(),
        Some("——2024年全市公共文化服务工作综述")
    );
    assert_eq!(
        a.meta.byline.as_deref(),
        Some("本报记者 林晓岚 通讯员 周文博")
    );

    let headings: Vec<(&str, Option<u8>)> = a
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| (b.text.as_str(), b.level))
        .collect();
    assert_eq!(
        headings,
        [
            ("夯实设施网络 拓展服务阵地", Some(1)),
            ("丰富活动供给 激发群众热情", Some(1)),
            ("创新数字服务 提升治理效能", Some(1))
        ]
    );
    let leads: Vec<Vec<&str>> = a
        .outline
        .iter()
        .map(|h| h.children.iter().map(|n| n.text.as_str()).collect())
        .collect();
    assert_eq!(
        leads,
        [
            vec![
                "完善城乡图书馆总分馆体系。",
                "推动文化馆服务重心下移。",
                "建设新型公共文化空间。"
            ],
            vec![
                "打响全民阅读品牌。",
                "办好群众文化赛事。",
                "推进文化惠民演出进基层。"
            ],
            vec!["建成全市公共文化云平台。", "开展群众文化需求调查。"],
        ]
    );
}

#[test]
fn sample_ranges_point_into_both_texts() {
    let text = zh_sample();
    let a = analyze(&text, &Options::default());
    for f in &a.edits {
        assert!(text.get(f.original.clone()).is_some(), "{f:?}");
        assert!(a.cleaned.get(f.cleaned.clone()).is_some(), "{f:?}");
        if f.kind == FixKind::PageFooter {
            assert!(text[f.original.clone()].contains("第 1 页 共 2 页"));
        }
    }
    for b in &a.blocks {
        assert_eq!(&a.cleaned[b.range.clone()], b.text);
    }
}

#[test]
fn sample_terms() {
    let a = analyze(&zh_sample(), &Options::default());
    let top10: Vec<&str> = a.terms.iter().take(10).map(|t| t.term.as_str()).collect();
    for t in ["文化", "群众", "服务"] {
        assert!(top10.contains(&t), "{t} in the top 10: {top10:?}");
    }
    for t in a.terms.iter().take(50) {
        assert!(
            t.term.chars().any(char::is_alphanumeric),
            "no punctuation: {t:?}"
        );
        assert!(
            !t.term.chars().all(|c| c.is_ascii_digit() || c == '.'),
            "no number: {t:?}"
        );
        assert!(
            !qingwen::terms::builtin_stopwords().contains(t.term.as_str()),
            "no stopword: {t:?}"
        );
    }
}

#[test]
fn cleaning_is_idempotent_on_the_samples() {
    for sample in [zh_sample(), en_sample()] {
        let once = analyze(&sample, &Options::default());
        let twice = analyze(&once.cleaned, &Options::default());
        assert_eq!(twice.cleaned, once.cleaned);
    }
}

#[test]
fn english_sample() {
    let a = analyze(&en_sample(), &Options::default());
    assert_eq!(a.meta.title.as_deref(), Some("Reading Rooms on Wheels"));
    for gone in [
        "MOBILE LIBRARY SERVICES",
        "Page 1 of 3",
        "Page 3 of 3",
        "\u{C}",
    ] {
        assert!(!a.cleaned.contains(gone), "{gone:?} removed");
    }
    for joined in [
        "a branch library actually",
        "the van door in October.",
        "Large-print books and audiobooks on disc",
        "the only fixed appointment in a fortnight",
        "every recommendation in this report.",
    ] {
        assert!(a.cleaned.contains(joined), "{joined:?} rejoined");
    }
    let headings: Vec<&str> = a
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(
        headings,
        ["1. Introduction", "2. What we found", "3. What comes next"]
    );
    let paragraphs = a
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .count();
    assert_eq!(paragraphs, 8, "{:#?}", a.blocks);
    let count = |kind: FixKind| {
        a.fixes
            .iter()
            .find(|c| c.kind == kind)
            .map_or(0, |c| c.count)
    };
    assert_eq!(count(FixKind::RunningHeader), 3);
    assert_eq!(count(FixKind::PageFooter), 3);
    assert_eq!(count(FixKind::Dehyphenate), 5);
    let top: Vec<&str> = a.terms.iter().take(10).map(|t| t.term.as_str()).collect();
    assert!(top.contains(&"van") || top.contains(&"vans"), "{top:?}");
}

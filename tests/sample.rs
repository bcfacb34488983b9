//! End to end on the pasted e-paper sample the product was conceived from
//! (`../shared/samples/sichuan-daily-2024-02-20.txt`, beside the checkout).

use qingwen::{analyze, BlockKind, FixKind, Options};

fn sample() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/samples/sichuan-daily-2024-02-20.txt"
    );
    std::fs::read_to_string(path).expect("the shared sample sits beside the checkout")
}

#[test]
fn sample_is_cleaned() {
    let a = analyze(&sample(), &Options::default());
    assert!(!a.cleaned.contains("第 1 页 共 3 页"), "footer removed");
    assert!(
        !a.cleaned.lines().any(|l| l.trim() == "正文复制"),
        "copy label removed"
    );
    assert!(
        a.cleaned.contains("如山厚爱"),
        "word split by a line break rejoined"
    );
    assert!(
        a.cleaned.contains("鲜明省委“五个大力选拔"),
        "word split by the footer rejoined"
    );
    assert!(
        !a.cleaned.contains("2023 年"),
        "space between digits and CJK removed"
    );
    assert!(
        !a.cleaned.contains("“ "),
        "space after opening quote removed"
    );
    assert!(a.cleaned.contains("1+1+3"), "formula kept");
    assert!(
        a.cleaned
            .contains("奋进现代化建设新征程 彰显组织工作新担当新作为"),
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
    let a = analyze(&sample(), &Options::default());
    assert_eq!(a.meta.source.as_deref(), Some("四川日报"));
    assert_eq!(a.meta.date.as_deref(), Some("2024-02-20"));
    assert_eq!(a.meta.page.as_deref(), Some("001"));
    assert_eq!(
        a.meta.title.as_deref(),
        Some("奋进现代化建设新征程 彰显组织工作新担当新作为")
    );
    assert_eq!(a.meta.subtitle.as_deref(), Some("——2023年全省组织工作综述"));
    assert_eq!(
        a.meta.byline.as_deref(),
        Some("川组宣 四川日报全媒体记者 樊邦平")
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
            ("突出凝心铸魂 高举思想旗帜", Some(1)),
            ("紧扣中心大局 汇聚组织力量", Some(1)),
            ("坚持选贤任能 锻造骨干队伍", Some(1))
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
                "高标准组织开展主题教育。",
                "高站位抓好习近平总书记系列重要指示精神学习贯彻。",
                "高质量谋划实施习近平新时代中国特色社会主义思想凝心铸魂计划。"
            ],
            vec![
                "聚焦推动高质量发展强化干部保障。",
                "聚焦建设现代化产业体系强化人才支撑。",
                "聚焦推进乡村全面振兴强化X建引领。"
            ],
            vec!["大力加强换届后领导班子建设。", "持续激励干部担当作为。"],
        ]
    );
}

#[test]
fn sample_ranges_point_into_both_texts() {
    let text = sample();
    let a = analyze(&text, &Options::default());
    for f in &a.edits {
        assert!(text.get(f.original.clone()).is_some(), "{f:?}");
        assert!(a.cleaned.get(f.cleaned.clone()).is_some(), "{f:?}");
        if f.kind == FixKind::PageFooter {
            assert!(text[f.original.clone()].contains("第 1 页 共 3 页"));
        }
    }
    for b in &a.blocks {
        assert_eq!(&a.cleaned[b.range.clone()], b.text);
    }
}

#[test]
fn sample_terms() {
    let a = analyze(&sample(), &Options::default());
    let top10: Vec<&str> = a.terms.iter().take(10).map(|t| t.term.as_str()).collect();
    for t in ["组织", "干部", "建设"] {
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
        assert_ne!(t.term, "x");
        assert!(
            !qingwen::terms::builtin_stopwords().contains(t.term.as_str()),
            "no stopword: {t:?}"
        );
    }
}

#[test]
fn cleaning_is_idempotent_on_the_sample() {
    let once = analyze(&sample(), &Options::default());
    let twice = analyze(&once.cleaned, &Options::default());
    assert_eq!(twice.cleaned, once.cleaned);
}

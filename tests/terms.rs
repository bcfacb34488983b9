//! Terms on real text: the repository's Chinese e-paper sample, excerpts of 围城
//! (weicheng.txt, from the shared data when it is beside the checkout) and an English text;
//! counts, filters, user dictionary, keywords, phrases, sections, KWIC, CSV.

mod support;

use qingwen::{
    analyze, export, keywords::keywords, kwic::concordance, phrases::phrases, segment::segment,
    terms::term_frequencies, KeywordMethod, Options, SegmentMode, TermOptions,
};

fn sample() -> String {
    support::zh_sample()
}

/// The first `chars` characters of 围城's first chapter, if the shared corpus is there.
fn weicheng(chars: usize) -> Option<String> {
    let novel = support::shared("corpus/weicheng.txt")?;
    let start = novel.find("第一章").unwrap_or(0);
    Some(novel[start..].chars().take(chars).collect())
}

/// The Gettysburg Address (Lincoln, 1863; public domain), Bliss copy.
const GETTYSBURG: &str = "Four score and seven years ago our fathers brought forth on this continent, a new nation, conceived in Liberty, and dedicated to the proposition that all men are created equal.
Now we are engaged in a great civil war, testing whether that nation, or any nation so conceived and so dedicated, can long endure. We are met on a great battle-field of that war. We have come to dedicate a portion of that field, as a final resting place for those who here gave their lives that that nation might live. It is altogether fitting and proper that we should do this.
But, in a larger sense, we can not dedicate -- we can not consecrate -- we can not hallow -- this ground. The brave men, living and dead, who struggled here, have consecrated it, far above our poor power to add or detract. The world will little note, nor long remember what we say here, but it can never forget what they did here. It is for us the living, rather, to be dedicated here to the unfinished work which they who fought here have thus far so nobly advanced. It is rather for us to be here dedicated to the great task remaining before us -- that from these honored dead we take increased devotion to that cause for which they gave the last full measure of devotion -- that we here highly resolve that these dead shall not have died in vain -- that this nation, under God, shall have a new birth of freedom -- and that government of the people, by the people, for the people, shall not perish from the earth.";

fn is_noise(term: &str) -> bool {
    !term.chars().any(char::is_alphanumeric)
        || term.chars().all(|c| c.is_numeric() || ".%,".contains(c))
        || term.eq_ignore_ascii_case("x")
        || qingwen::terms::builtin_stopwords().contains(term)
}

#[test]
fn sample_top_terms_are_clean() {
    let a = analyze(&sample(), &Options::default());
    let top50: Vec<&str> = a.terms.iter().take(50).map(|t| t.term.as_str()).collect();
    assert_eq!(top50.len(), 50);
    for t in &top50 {
        assert!(!is_noise(t), "{t:?} in the top 50: {top50:?}");
    }
    for want in ["文化", "群众", "服务"] {
        assert!(
            top50[..10].contains(&want),
            "{want} not in the top 10: {top50:?}"
        );
    }
    // Deterministic order: count descending, then term.
    assert!(a
        .terms
        .windows(2)
        .all(|w| w[0].count > w[1].count || (w[0].count == w[1].count && w[0].term < w[1].term)));
    let total: usize = a.sections.iter().map(|s| s.tokens).sum();
    let first = &a.terms[0];
    assert!((first.per10k - first.count as f64 * 10_000.0 / total as f64).abs() < 1e-9);
    assert_eq!(
        a,
        analyze(&sample(), &Options::default()),
        "same input, same output"
    );
}

#[test]
fn sample_user_word_counts_as_one_term() {
    let mut options = Options::default();
    options.terms.top = 0;
    let before = analyze(&sample(), &options);
    assert!(before.terms.iter().all(|t| t.term != "公共文化云平台"));
    // BOM, CRLF, a comment, a bad line (reported, the rest still loaded).
    options.terms.user_dict =
        "\u{FEFF}# 临江\r\n公共文化云平台 1000000000000000000000000 n\r\n公共文化云平台\r\n公共文化 50 n\r\n"
            .into();
    let after = analyze(&sample(), &options);
    let term = after
        .terms
        .iter()
        .find(|t| t.term == "公共文化云平台")
        .expect("the user word is a term");
    assert_eq!((term.count, term.tag.as_str()), (1, "nz"));
    assert_eq!(after.dict_errors.len(), 1);
    assert_eq!(after.dict_errors[0].line, 2);
    let topic = after.terms.iter().find(|t| t.term == "公共文化").unwrap();
    assert!(topic.count >= 5, "{topic:?}");
}

#[test]
fn sample_keywords_phrases_and_sections() {
    let a = analyze(&sample(), &Options::default());
    assert_eq!(a.keywords.len(), 20);
    let kw: Vec<&str> = a.keywords.iter().map(|k| k.term.as_str()).collect();
    for want in ["文化", "群众"] {
        assert!(
            kw[..10].contains(&want),
            "{want} not a top-10 keyword: {kw:?}"
        );
    }
    assert!(kw.iter().all(|k| !is_noise(k)), "{kw:?}");
    assert!(a.keywords.windows(2).all(|w| w[0].score >= w[1].score));

    let phrases: Vec<&str> = a.phrases.iter().map(|p| p.phrase.as_str()).collect();
    for want in ["公共文化", "文化服务", "群众文化", "惠民演出"] {
        assert!(phrases.contains(&want), "{want} not a phrase: {phrases:?}");
    }

    // The three level-1 headings, after the text before them.
    let heads: Vec<Option<&str>> = a.sections.iter().map(|s| s.heading.as_deref()).collect();
    assert_eq!(heads.len(), 4, "{heads:?}");
    assert_eq!(heads[0], None);
    assert!(heads[1].unwrap().starts_with("夯实设施网络"));
    for s in &a.sections[1..] {
        assert_eq!(a.blocks[s.first_block].text, s.heading.clone().unwrap());
        assert!(s.terms.len() <= 10 && !s.terms.is_empty());
    }
    assert_eq!(a.terms_by_section.len(), a.terms.len());
    for (t, row) in a.terms.iter().zip(&a.terms_by_section) {
        assert_eq!(t.term, row.term);
        assert_eq!(row.counts.iter().sum::<usize>(), t.count, "{row:?}");
    }
    let csv = export::sections_csv(&a.sections, &a.terms_by_section);
    assert!(csv.starts_with("\u{FEFF}term,total,(前言),夯实设施网络 拓展服务阵地,"));
}

#[test]
fn sample_filters() {
    let text = sample();
    let nouns = TermOptions {
        pos: vec!["n".into()],
        min_length: 2,
        top: 0,
        ..TermOptions::default()
    };
    let terms = term_frequencies(&text, &nouns);
    assert!(terms
        .iter()
        .all(|t| t.tag.starts_with('n') && t.term.chars().count() >= 2));
    assert!(terms.iter().any(|t| t.term == "群众"));

    let raw = TermOptions {
        stopwords: false,
        top: 0,
        ..TermOptions::default()
    };
    let all = term_frequencies(&text, &raw);
    assert!(all.iter().any(|t| t.term == "的"));
    let extra = TermOptions {
        extra_stopwords: vec!["群众".into(), " 文化 ".into()],
        top: 0,
        ..TermOptions::default()
    };
    let fewer = term_frequencies(&text, &extra);
    assert!(fewer.iter().all(|t| t.term != "群众" && t.term != "文化"));

    let search = TermOptions {
        mode: SegmentMode::Search,
        top: 0,
        ..TermOptions::default()
    };
    let parts = term_frequencies(&text, &search);
    let count =
        |ts: &[qingwen::TermCount], w: &str| ts.iter().find(|t| t.term == w).map_or(0, |t| t.count);
    let plain = term_frequencies(
        &text,
        &TermOptions {
            top: 0,
            ..TermOptions::default()
        },
    );
    assert!(
        count(&parts, "图书") > count(&plain, "图书"),
        "图书馆 also counts 图书"
    );
}

#[test]
fn weicheng_excerpt() {
    let Some(text) = weicheng(20_000) else {
        return;
    };
    let options = TermOptions {
        user_dict: "方鸿渐 nr\n鲍小姐 nr\n苏小姐 nr".into(),
        ..TermOptions::default()
    };
    let terms = term_frequencies(&text, &options);
    let top: Vec<&str> = terms.iter().take(20).map(|t| t.term.as_str()).collect();
    assert!(top.contains(&"方鸿渐"), "{top:?}");
    assert!(top.iter().all(|t| !is_noise(t)), "{top:?}");

    let names = TermOptions {
        pos: vec!["nr".into()],
        keywords: 5,
        ..options.clone()
    };
    let kw = keywords(&text, &names);
    assert_eq!(kw.len(), 5);
    assert!(kw.iter().all(|k| k.tag.starts_with("nr")), "{kw:?}");
    assert!(kw.iter().any(|k| k.term == "方鸿渐"), "{kw:?}");
    let tr = keywords(
        &text,
        &TermOptions {
            keyword_method: KeywordMethod::Textrank,
            ..names
        },
    );
    assert_eq!(tr[0].score, 1.0);

    // KWIC ranges slice back to the term; contexts stay on their line.
    let hits = concordance(&text, "方鸿渐", 10);
    assert!(hits.len() >= 10);
    for h in &hits {
        assert_eq!(&text[h.range.clone()], "方鸿渐");
        assert_eq!(
            text[h.context.clone()],
            format!("{}{}{}", h.left, h.keyword, h.right)
        );
        assert!(h.left.chars().count() <= 10 && !h.right.contains('\n'));
    }

    // Segmentation covers the text: the words are the text without whitespace.
    let seg = segment(&text, &options);
    let joined: String = seg.tokens.iter().map(|t| t.word.as_str()).collect();
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(joined, squeezed);
    let names: Vec<_> = seg.tokens.iter().filter(|t| t.word == "方鸿渐").collect();
    assert!(names.len() >= 10);
    assert!(names
        .iter()
        .all(|t| t.tag == "nr" && text[t.range.clone()] == *"方鸿渐"));
}

#[test]
fn english_text() {
    let terms = term_frequencies(GETTYSBURG, &TermOptions::default());
    let count = |w: &str| terms.iter().find(|t| t.term == w).map_or(0, |t| t.count);
    assert_eq!(count("nation"), 5, "{terms:?}");
    assert_eq!(count("people"), 3);
    assert_eq!(
        count("dedicated"),
        4,
        "Dedicated and dedicated, case folded"
    );
    for gone in ["the", "that", "we", "a", "-", "--", "it"] {
        assert_eq!(count(gone), 0, "{gone} counted: {terms:?}");
    }
    assert!(terms.iter().all(|t| t.tag == "eng"));
    assert_eq!(count("battle-field"), 1, "hyphenated words stay whole");

    let found = phrases(GETTYSBURG, &TermOptions::default());
    assert!(found.iter().all(|p| p.count >= 2));
    let kw = keywords(GETTYSBURG, &TermOptions::default());
    assert!(kw.iter().take(5).any(|k| k.term == "nation"), "{kw:?}");

    let mixed = "我们用 Rust 写 WebAssembly。Rust 很快，rust 社区友好。";
    let terms = term_frequencies(mixed, &TermOptions::default());
    let rust = terms.iter().find(|t| t.term == "rust").expect("rust");
    assert_eq!(rust.count, 3);
    assert!(terms.iter().any(|t| t.term == "webassembly"));
    assert!(terms.iter().any(|t| t.term == "社区"));
}

#[test]
fn csv_export_of_the_sample() {
    let a = analyze(&sample(), &Options::default());
    let csv = export::terms_csv(&a.terms);
    assert!(csv.starts_with("\u{FEFF}term,count,per10k,tag\r\n"));
    assert_eq!(csv.matches("\r\n").count(), a.terms.len() + 1);
    let kw = export::keywords_csv(&a.keywords);
    assert_eq!(kw.lines().count(), a.keywords.len() + 1);
    let ph = export::phrases_csv(&a.phrases);
    assert!(ph.contains("\r\n公共文化,公共 文化,"));
}

#[test]
fn total_on_odd_input() {
    for text in [
        "",
        "\n\n",
        "，。！",
        "𦡦👪",
        "12 34.5%",
        "a b c",
        "\u{FEFF}\r\n",
    ] {
        let a = analyze(text, &Options::default());
        assert!(
            a.terms.iter().all(|t| !is_noise(&t.term)),
            "{text:?}: {:?}",
            a.terms
        );
        assert!(concordance(text, "a", 3).len() <= 3);
        let _ = segment(text, &TermOptions::default());
        let _ = keywords(
            text,
            &TermOptions {
                keyword_method: KeywordMethod::Textrank,
                ..TermOptions::default()
            },
        );
    }
}

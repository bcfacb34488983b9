//! Cleanup engine on real extractor output: golden fixtures, one named test per family of
//! fixes, and the invariants (idempotent, nothing lost but furniture) on the eval cases.

use std::path::Path;

use qingwen::{clean, CleanOptions, FixKind};

mod support;

fn cleaned(s: &str) -> String {
    clean(s, &CleanOptions::default()).text.as_str().to_owned()
}

fn cleaned_with(s: &str, o: &CleanOptions) -> String {
    clean(s, o).text.as_str().to_owned()
}

fn kinds(s: &str) -> Vec<FixKind> {
    let (_, fixes) = clean(s, &CleanOptions::default()).text.finish();
    fixes.into_iter().map(|f| f.kind).collect()
}

/// `tests/fixtures/cleanup/<case>.txt` (real extractor output) → `<case>.expected.txt`, one
/// paragraph per line (a blank line between two where the input had one). `QINGWEN_BLESS=1` rewrites the expected files.
#[test]
fn golden_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cleanup");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("fixture dir") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !name.ends_with(".txt") || name.ends_with(".expected.txt") {
            continue;
        }
        let input = std::fs::read_to_string(&path).expect("read fixture");
        let out = cleaned(&input) + "\n";
        let expected_path = path.with_extension("expected.txt");
        if std::env::var_os("QINGWEN_BLESS").is_some() {
            std::fs::write(&expected_path, &out).expect("bless");
        }
        let expected = std::fs::read_to_string(&expected_path).expect("expected file");
        assert_eq!(out, expected, "{name}");
        assert_eq!(cleaned(&out), out.trim_end(), "{name} not idempotent");
        n += 1;
    }
    assert!(n >= 5);
}

#[test]
fn cjk_hard_wraps_join_without_space_latin_with_one() {
    let s = "这一年,习近平总书记亲临四川视察,宏阔擘画领航兴川大计,殷殷嘱托赋予新的重任,如\n山厚爱沐浴巴蜀儿女,指引四川现代化建设一往无前、阔步前行。\n这一年,全国组织工作会议认真贯彻习近平总书记关于X的建设的重要思想,牢牢把握新时\n代X的建设和组织工作总遵循、总依据、总指引。\n这一年,省委“ 四化同步、城乡融合、五区共兴” 发展战略徐徐铺展,成都大运会成功举办,\n全省经济总量突破 6 万亿元大关,四川发展站在新的更高起点。";
    let out = cleaned(s);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(out.contains("如山厚爱") && out.contains("新时代X的建设"));
    let en = "This PEP proposes a temporary moratorium (suspension) of all\nchanges to the Python language syntax, semantics, and built-ins\nfor a period of at least two years from the release of 3.1.\n\nRationale";
    assert_eq!(
        cleaned(en),
        "This PEP proposes a temporary moratorium (suspension) of all changes to the Python language syntax, semantics, and built-ins for a period of at least two years from the release of 3.1.\n\nRationale"
    );
}

#[test]
fn dehyphenation_keeps_real_hyphens() {
    let s = "Features that were docu-\nmented are kept, and the well-\nknown ones too, to allow non-\nCPython implementations. A par-\nticular hyphen.\n";
    let out = cleaned(s);
    assert!(out.contains("documented are kept"), "{out}");
    assert!(out.contains("well-known ones"), "{out}");
    assert!(out.contains("non-CPython"), "{out}");
    assert!(out.contains("particular hyphen"), "{out}");
    assert!(kinds(s).contains(&FixKind::Dehyphenate));
    // The document's own spelling wins: "re-opening" appears whole elsewhere.
    let s = "We discourage re-opening here and there is more re-\nopening of the debate in this long line of text.";
    assert!(cleaned(s).contains("more re-opening of"));
}

#[test]
fn paragraph_ends_without_blank_lines() {
    // Short line with closing punctuation ends the paragraph; a numbered item starts one.
    let s = "（一）坚持深化改革，简政放权。进一步健全综合监管体系，持续\n改善营商环境和创新环境，有效降低市场运行成本，充分激发市场活\n力。\n（二）坚持对标国际，开放引领。对标国际先进水平，注重要素整\n合和产业配套，深度融入国际产业链、价值链、供应链，更好地统筹利\n用国际国内两个市场、两种资源，培育和提升国际竞争新优势。\n三、发展目标\n1.拓展两个市场。积极稳妥地在综合保税区推广增值税一般纳税人\n资格试点。";
    let out = cleaned(s);
    let paras: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(paras.len(), 4, "{out}");
    assert!(paras[0].ends_with("充分激发市场活力。"));
    assert_eq!(paras[2], "三、发展目标");
}

#[test]
fn pdfminer_blank_lines_inside_paragraphs() {
    let s = "综合保税区是开放型经济的重要平台，对发展对外贸易、吸引外商\n\n投资、促进产业转型升级发挥着重要作⽤。为贯彻落实党中央、国务院\n\n关于推动形成全⾯开放新格局的决策部署，实⾏⾼⽔平的贸易和投资⾃\n\n由化便利化政策，以⾼⽔平开放推动⾼质量发展，将综合保税区建设成\n\n为新时代全⾯深化改⾰开放的新⾼地，现提出以下意⻅：\n\n⼀、指导思想\n\n以习近平新时代中国特⾊社会主义思想为指导，全⾯贯彻党的⼗九\n\n⼤和⼗九届⼆中、三中全会精神。\n";
    let out = cleaned(s);
    let paras: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(paras.len(), 3, "{out}");
    assert!(paras[0].contains("吸引外商投资") && paras[0].ends_with("现提出以下意见："));
    assert!(paras[2].contains("党的十九大"));
}

#[test]
fn letter_spaced_lines_close_up() {
    let s = "第一行很长的正文，用来确定版心的宽度，它和下面几行一样宽\n第二行也是很长的正文，用来确定版心宽度，它和上面几行一样\n第三行还是很长的正文，同样用来确定版心宽度，它们一样宽\n容 推 送 到 客 户 端 。 但 是 ， 它 没 有 成 功 。 所 以 最 近 谷 歌 从 浏 览 器 中 删 除\n了该方法。\n";
    let out = cleaned(s);
    assert!(
        out.contains("容推送到客户端。但是，它没有成功。所以最近谷歌从浏览器中删除了该方法。"),
        "{out}"
    );
    assert!(kinds(s).contains(&FixKind::LetterSpacing));
}

#[test]
fn page_furniture_in_every_form() {
    for footer in [
        "第 1 页 共 3 页",
        "第1页",
        "- 3 -",
        "Page 2 of 5",
        "2 / 5",
        "第  1 ⻚  共  2 ⻚",
    ] {
        let s = format!("一年来,全省组织工作坚定贯彻中央、省委部署要求,坚持举旗帜、选贤能、聚英才、强根基,突\n{footer}\n出ZZ统领、重心下沉、全面创优。\n");
        let out = cleaned(&s);
        assert_eq!(
            out,
            "一年来,全省组织工作坚定贯彻中央、省委部署要求,坚持举旗帜、选贤能、聚英才、强根基,突出ZZ统领、重心下沉、全面创优。",
            "{footer}"
        );
    }
    // A lone page number between pages (form feed from pdftotext).
    let s = "甲方的文字在这里，\n12\n\u{C}乙方的文字在那里。";
    assert_eq!(cleaned(s), "甲方的文字在这里，乙方的文字在那里。");
}

#[test]
fn running_headers_wherever_they_land() {
    let s = "人民日报 2026年6月12日 星期五\n正文第一段的文字在这里结束。\n第 1 页 共 2 页\n\u{C}人民日报 2026年6月12日 星期五\n正文第二段。\n";
    assert_eq!(cleaned(s), "正文第一段的文字在这里结束。\n正文第二段。");
    // Government header with ideographic spaces, splitting a word across a page.
    let s = "中国政府网　国发〔2019〕3号\n（三）坚持创新驱动，转型升级。推动综合保税区优化产业结构，\n第 1 页 共 6 页\n中国政府网　国发〔2019〕3号\n支持和鼓励新技术、新产业、新业态、新模式发展。\n";
    assert_eq!(
        cleaned(s),
        "（三）坚持创新驱动，转型升级。推动综合保税区优化产业结构，支持和鼓励新技术、新产业、新业态、新模式发展。"
    );
    // pypdf glues the footer to the last line of a page; the word halves meet again.
    let s = "鲜明省第 1 页 共 3 页\n委“五个大力选拔、五个坚决不用”用人要求。";
    assert_eq!(cleaned(s), "鲜明省委“五个大力选拔、五个坚决不用”用人要求。");
}

#[test]
fn copy_labels_only_on_their_own_lines() {
    let s = "正文复制\n四川日报记者报道。\n分享到\n请点击正文复制按钮，再分享到朋友圈。\n【字体：大 中 小】\n打印本页\n";
    assert_eq!(
        cleaned(s),
        "四川日报记者报道。\n请点击正文复制按钮，再分享到朋友圈。"
    );
    assert!(kinds(s).contains(&FixKind::CopyLabel));
}

#[test]
fn characters() {
    assert_eq!(cleaned("⼈⺠⽇报第 1 ⻚"), "人民日报第 1 页");
    assert_eq!(cleaned("deﬁne the eﬀect"), "define the effect");
    assert_eq!(cleaned("中\u{200B}文\u{AD}字\u{FEFF}"), "中文字");
    assert_eq!(cleaned("全角，标点。（保留）"), "全角，标点。（保留）");
    assert_eq!(cleaned("a\u{A0}b.\r\nC"), "a b.\nC");
}

#[test]
fn spacing_and_placeholders() {
    let s = "2023 年,是X的开局之年,“ 学思想” 的火热课堂,X委(X组)每月开展1次研讨,ZZ素质。";
    assert_eq!(
        cleaned(s),
        "2023年,是X的开局之年,“学思想”的火热课堂,X委(X组)每月开展1次研讨,ZZ素质。"
    );
    // A writer who spaces CJK and Latin keeps the spaces.
    let s = "从 2010 年开始，谷歌的工程师引入了 WebRTC 来解决这些问题。这些 API 支持文件。";
    assert_eq!(cleaned(s), s);
    let pangu = CleanOptions {
        pangu: true,
        ..CleanOptions::default()
    };
    assert_eq!(
        cleaned_with("在2023年使用WebRTC", &pangu),
        "在 2023 年使用 WebRTC"
    );
    let full = CleanOptions {
        fullwidth_punctuation: true,
        ..CleanOptions::default()
    };
    assert_eq!(
        cleaned_with(
            "2023年,是X委(X组)的一年,增长1.7个百分点,见https://a.cn/x,y。",
            &full
        ),
        "2023年，是X委（X组）的一年，增长1.7个百分点，见https://a.cn/x,y。"
    );
}

/// Every eval case (when the shared eval set is beside the repo): idempotent, and every
/// letter and digit of the input is in the output or inside a removed furniture span.
#[test]
fn eval_cases_idempotent_and_lossless() {
    let dir = support::shared_path("eval/cases");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        support::skipped("eval/cases");
        return;
    };
    for entry in entries {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let input = std::fs::read_to_string(&path).expect("case");
        let once = clean(&input, &CleanOptions::default());
        let text = once.text.as_str().to_owned();
        assert_eq!(cleaned(&text), text, "{path:?} not idempotent");
        let (_, fixes) = once.text.finish();
        assert_content_kept(&input, &text, &fixes);
    }
}

/// Letters and digits of `input` outside removed furniture, in order, are a subsequence of
/// those of `output` (after look-alike mapping, which can only turn one char into others);
/// those of a right column moved after its left one are all in `output` too.
pub fn assert_content_kept(input: &str, output: &str, fixes: &[qingwen::Fix]) {
    let moved: Vec<std::ops::Range<usize>> = fixes
        .iter()
        .filter(|f| f.kind == FixKind::Columns)
        .map(|f| f.original.clone())
        .collect();
    let mut available: std::collections::HashMap<char, usize> = std::collections::HashMap::new();
    for c in output.chars().filter(|c| c.is_alphanumeric()) {
        *available.entry(c).or_default() += 1;
    }
    for r in &moved {
        for c in input[r.clone()].chars().filter(|c| c.is_alphanumeric()) {
            let n = available.entry(c).or_default();
            assert!(*n > 0, "lost moved {c:?} in {r:?}");
            *n -= 1;
        }
    }
    let removed: Vec<std::ops::Range<usize>> = fixes
        .iter()
        .filter(|f| {
            matches!(
                f.kind,
                FixKind::PageFooter | FixKind::RunningHeader | FixKind::CopyLabel
            )
        })
        .map(|f| f.original.clone())
        .collect();
    let mapped: Vec<(usize, char)> = input
        .char_indices()
        .filter(|(i, _)| !removed.iter().chain(&moved).any(|r| r.contains(i)))
        .collect();
    let mut out = output.chars().filter(|c| c.is_alphanumeric()).peekable();
    for (i, c) in mapped {
        if !c.is_alphanumeric() {
            continue;
        }
        let want: String = match qingwen::normalize::lookalike(c) {
            Some(rep) => rep.to_owned(),
            None => c.to_string(),
        };
        for w in want.chars().filter(|c| c.is_alphanumeric()) {
            // Skip output chars that have no input counterpart (variants, inserted text).
            let mut found = false;
            for o in out.by_ref() {
                if o == w || is_variant(o, w) {
                    found = true;
                    break;
                }
            }
            assert!(found, "lost {c:?} at {i}");
        }
    }
}

fn is_variant(a: char, b: char) -> bool {
    matches!((a, b), ('户', '戶') | ('青', '靑'))
}

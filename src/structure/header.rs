//! The header block: meta lines, 引题 (kicker), title, 副题 (subtitle), document number
//! and byline at the top of a document, and running headers left in the text.

use super::*;

/// A first paragraph that comes back once within this many paragraphs is a title printed
/// again, not a page header, when it is at least [`MIN_TITLE_AGAIN`] characters long
/// (`中华人民共和国禁毒法`; a paper's name, `人民日报`, is shorter).
const TITLE_AGAIN_SPAN: usize = 6;

/// See [`TITLE_AGAIN_SPAN`].
const MIN_TITLE_AGAIN: usize = 8;

/// Marks the first paragraph as a running header when the same line comes back later in
/// the document (a page header the cleaner left in).
pub(super) fn mark_repeated_header(paras: &[&str], blocks: &mut [Block]) {
    let Some(first) = paras.first() else {
        return;
    };
    let key = squash(first);
    let n = key.chars().count();
    if !(2..=40).contains(&n) || ends_sentence(first) {
        return;
    }
    let copies: Vec<usize> = (1..paras.len())
        .filter(|&i| squashes_to(paras[i], &key))
        .collect();
    // A law prints its title again under the line that says when it was adopted: a title's
    // length and one copy among the next few paragraphs are that, not a page header come
    // back (training split: 11 cases' meta better, 1 worse).
    let title_again = n >= MIN_TITLE_AGAIN && copies.len() == 1 && copies[0] < TITLE_AGAIN_SPAN;
    if copies.is_empty() || title_again {
        return;
    }
    blocks[0].kind = BlockKind::Meta;
    for i in copies {
        blocks[i].kind = BlockKind::Meta;
    }
}

/// Splits a web page's printed title `Title | Site` or `Title - Site` into its two parts.
pub(super) fn split_page_title(h: &str) -> Option<(&str, &str)> {
    let h = h.trim();
    for sep in [" | ", "｜ ", " - ", " – ", " — ", " _ "] {
        if let Some(i) = h.rfind(sep) {
            let (title, site) = (h[..i].trim(), h[i + sep.len()..].trim());
            if !title.is_empty() && !site.is_empty() && count(site) <= 40 {
                return Some((title, site));
            }
        }
    }
    None
}

/// Reads the header block (meta lines, 引题, title, 副题, document number, byline);
/// returns the index of the first body paragraph.
pub(super) fn detect_header(
    paras: &[&str],
    cjk: bool,
    removed_hint: Option<&str>,
    meta: &mut Meta,
    blocks: &mut [Block],
) -> usize {
    let n = paras.len();
    let limit = n.min(HEADER_SPAN);
    let mut hint: Option<String> = removed_hint.map(squash);
    // A paragraph that is a bare page number (`1`).
    let page_number_at = |k: usize| {
        paras.get(k).is_some_and(|p| {
            let p = p.trim();
            (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
        })
    };
    let mut i = 0;
    // Source/date/page lines and running headers come first.
    while i < limit {
        let p = paras[i].trim();
        if p.is_empty() {
            i += 1;
            continue;
        }
        if blocks[i].kind == BlockKind::Meta {
            match parse_meta_line(p) {
                Some(m) => meta.fill_from(m),
                None => {
                    let source = split_page_title(p).map_or(p, |(_, site)| site);
                    meta.source.get_or_insert_with(|| source.to_owned());
                }
            }
        } else if let Some(m) = parse_meta_line(p) {
            meta.fill_from(m);
            blocks[i].kind = BlockKind::Meta;
        } else if let Some((title, site)) = split_page_title(p).and_then(|(a, b)| {
            // The title is the part the next line repeats: `Title | Site`, or a site's name
            // first (`Research Notes | Application API` / `Application API`).
            let q = squash(paras.get(i + 1 + usize::from(page_number_at(i + 1)))?);
            let repeats = |part: &str| !q.is_empty() && squash(part).starts_with(&q);
            if repeats(a) {
                Some((a, b))
            } else if repeats(b) {
                Some((b, a))
            } else {
                None
            }
        }) {
            hint = Some(squash(title));
            meta.source.get_or_insert_with(|| site.to_owned());
            blocks[i].kind = BlockKind::Meta;
            // pdf.js prints the page number on its own line under the running header.
            if page_number_at(i + 1) {
                i += 1;
                blocks[i].kind = BlockKind::Meta;
            }
        } else if let Some(f) = parse_field(p).filter(|f| f.is_meta()) {
            apply_field(&f, meta);
            blocks[i].kind = f.block_kind();
        } else if is_publication_name(p) && masthead_goes_on(&paras[i + 1..]) {
            // A paper's name that the extractor put on a line of its own, its date (or the
            // page's title, printed again as the title) under it.
            meta.source.get_or_insert_with(|| p.to_owned());
            blocks[i].kind = BlockKind::Meta;
        } else if skip_weekday(p).is_some_and(|rest| rest.trim().is_empty()) {
            // The weekday of a masthead split over lines (`浙江日报` / `2020 年 11 月 22 日` /
            // `星期三`).
            blocks[i].kind = BlockKind::Meta;
        } else if page_number_at(i) {
            // A page number printed at the top of the page (Chromium's header, as pdf.js and
            // pypdf read it) is never the title (corpus: 20 of 33 cases opening with `1`
            // took it for the title).
            blocks[i].kind = BlockKind::Meta;
        } else {
            break;
        }
        i += 1;
    }
    // A title shaped like a field (`Reactivity API: Advanced`), its byline under it, or its
    // date when it names something capitalised (`Reactivity API: Utilities` / `Last
    // updated: 2018-12-21`; an RFC's `Feature Name: box_syntax` / `Start Date: …` stays).
    let field_title = |k: usize| {
        parse_field(paras[k]).is_some_and(|f| {
            let named =
                f.value.starts_with(|c: char| c.is_uppercase()) && !f.value.contains(['_', '`']);
            !f.is_meta()
                && paras.get(k + 1).is_some_and(|q| {
                    is_byline(q)
                        || named
                            && (parse_meta_line(q).is_some()
                                || parse_field(q).is_some_and(|g| g.role() == FieldRole::Date))
                })
        }) && is_title_like_but_a_field(paras[k], cjk)
    };
    if i >= n || !(is_title_like(paras[i], cjk) || field_title(i)) {
        return i;
    }
    // A short 引题 above a longer title.
    let mut t = i;
    if is_intro_title(paras, i, cjk) {
        // Chinese papers print a 引题 over the title; in English the line over the title
        // is a kicker or the page's running header.
        if cjk {
            blocks[i].kind = BlockKind::Subtitle;
            meta.subtitle = Some(paras[i].trim().to_owned());
        } else {
            blocks[i].kind = BlockKind::Meta;
        }
        t = i + 1;
    }
    // The title, and the lines it wrapped onto.
    let mut end = t + 1;
    while end < limit
        && continues_title(
            &paras[t..end],
            paras[end],
            paras.get(end + 1).copied(),
            cjk,
            hint.as_deref(),
        )
    {
        end += 1;
    }
    for b in &mut blocks[t..end] {
        b.kind = BlockKind::Title;
    }
    meta.title = Some(join_lines(&paras[t..end]));
    i = end;
    // 副题, document number, byline, dateline, fields.
    let mut right_after_title = true;
    while i < limit {
        let p = paras[i].trim();
        if p.is_empty() {
            i += 1;
            continue;
        }
        if is_subtitle_line(p) || is_document_number(p) {
            blocks[i].kind = BlockKind::Subtitle;
            meta.subtitle.get_or_insert_with(|| p.to_owned());
        } else if is_byline(p)
            || right_after_title
                && meta.byline.is_none()
                && (is_bare_names(p) || is_latin_names(p) || is_institution(p))
        {
            blocks[i].kind = BlockKind::Byline;
            meta.byline.get_or_insert_with(|| p.to_owned());
        } else if let Some(m) = parse_meta_line(p) {
            meta.fill_from(m);
            blocks[i].kind = BlockKind::Meta;
        } else if let Some(f) = parse_field(p) {
            apply_field(&f, meta);
            blocks[i].kind = f.block_kind();
        } else {
            break;
        }
        right_after_title = blocks[i].kind == BlockKind::Subtitle;
        i += 1;
    }
    i
}

/// Endings of a Chinese publication's name (`四川日报`, `新华网`, `新华社`, `澎湃新闻`,
/// `国际在线`).
const PUBLICATION_ENDINGS: [&str; 5] = ["报", "网", "社", "新闻", "在线"];

/// Whether `p` is a Chinese publication's name alone: three to ten ideographs ending in
/// [`PUBLICATION_ENDINGS`].
fn is_publication_name(p: &str) -> bool {
    let p = p.trim();
    (3..=10).contains(&p.chars().count())
        && p.chars().all(is_han)
        && PUBLICATION_ENDINGS.iter().any(|e| p.ends_with(e))
}

/// Whether the lines after a paper's name carry on its masthead: a dateline that names no
/// source, or the page's title printed twice (the running header's part, then the title).
fn masthead_goes_on(rest: &[&str]) -> bool {
    let mut lines = rest.iter().map(|p| p.trim()).filter(|p| !p.is_empty());
    let (Some(next), after) = (lines.next(), lines.next()) else {
        return false;
    };
    parse_meta_line(next).is_some_and(|m| m.source.is_none() && m.date.is_some())
        || after.is_some_and(|a| squash(a) == squash(next))
}

/// Joins a title's wrapped lines: without a space between CJK characters, with one
/// between Latin words.
pub(super) fn join_lines(lines: &[&str]) -> String {
    let mut out = String::new();
    for l in lines {
        let l = l.trim();
        let glue = match (out.chars().last(), l.chars().next()) {
            (Some(a), Some(b)) => !(is_han(a) || is_cjk_punct(a) || is_han(b) || is_cjk_punct(b)),
            _ => false,
        };
        if glue {
            out.push(' ');
        }
        out.push_str(l);
    }
    out
}

/// A line that may be a title: short, not numbered, not a sentence (a question is fine).
pub(super) fn is_title_like(p: &str, cjk: bool) -> bool {
    let t = p.trim();
    let n = count(t);
    (1..=MAX_TITLE_CHARS).contains(&n)
        && !t.contains('。')
        && (!ends_sentence(t) || t.ends_with(['？', '?', '！', '!']))
        && !ends_open(t)
        && numbering(t).is_none()
        && !is_byline(t)
        && parse_meta_line(t).is_none()
        && parse_field(t).is_none()
        && !is_subtitle_line(t)
        && !is_document_number(t)
        && (!cjk || t.chars().any(|c| is_han(c) || c.is_alphanumeric()))
}

/// [`is_title_like`] but for the field shape (`Key: value`) it excludes.
fn is_title_like_but_a_field(p: &str, cjk: bool) -> bool {
    let t = p.trim();
    (1..=MAX_TITLE_CHARS).contains(&count(t))
        && !ends_sentence(t)
        && numbering(t).is_none()
        && !is_byline(t)
        && parse_meta_line(t).is_none()
        && (!cjk || t.chars().any(|c| is_han(c) || c.is_alphanumeric()))
}

/// A line the header can continue with after the title: subtitle, byline, date, fields.
pub(super) fn is_header_line(p: &str) -> bool {
    let p = p.trim();
    is_subtitle_line(p)
        || is_document_number(p)
        || is_byline(p)
        || is_bare_names(p)
        || is_latin_names(p)
        || is_institution(p)
        || parse_meta_line(p).is_some()
        || parse_field(p).is_some()
}

/// Whether `paras[i]` is a 引题: a short line over a longer title, the header going on
/// after that title.
pub(super) fn is_intro_title(paras: &[&str], i: usize, cjk: bool) -> bool {
    let (Some(p), Some(q)) = (paras.get(i), paras.get(i + 1)) else {
        return false;
    };
    let (p, q) = (p.trim(), q.trim());
    // The body may also open straight with a numbered heading (`第一章`, `一、`).
    let after_ok = paras.get(i + 2).is_some_and(|a| {
        is_header_line(a)
            || matches!(
                numbering(a.trim()),
                Some((Numbering::Chapter(_) | Numbering::CnComma, _))
            )
    });
    is_title_like(q, cjk)
        && !is_header_line(q)
        && !(is_byline(p) || parse_meta_line(p).is_some() || parse_field(p).is_some())
        && count(q) > count(p)
        && (!cjk || han_count(q) > 0)
        && after_ok
}

/// Whether `next` carries on the title made of `lines`, which wrapped there.
pub(super) fn continues_title(
    lines: &[&str],
    next: &str,
    after: Option<&str>,
    cjk: bool,
    hint: Option<&str>,
) -> bool {
    let next = next.trim();
    // The title's last line names the document's kind; a line under a name is no byline.
    if let (true, Some(last)) = (cjk, lines.last().map(|l| l.trim())) {
        if ends_official_title(next)
            && !ends_official_title(last)
            && !ends_sentence(last)
            && is_title_like(next, cjk)
            && !is_byline(next)
        {
            return count(next) < count(last) && !last.contains(char::is_whitespace);
        }
    }
    if !is_title_like(next, cjk) || is_header_line(next) {
        return false;
    }
    let so_far = squash(&lines.concat());
    if let Some(h) = hint {
        if h.starts_with(&so_far) && h.len() > so_far.len() {
            return h.starts_with(&(so_far + &squash(next)));
        }
    }
    let Some(last) = lines.last().map(|l| l.trim()) else {
        return false;
    };
    if !after.is_some_and(is_header_line) || ends_sentence(last) {
        return false;
    }
    if cjk {
        let latin_word = lines.len() == 1 && han_count(last) == 0 && words(last).count() == 1;
        latin_word && han_count(next) > 0
            || count(last) >= 12 && !last.contains(char::is_whitespace) && count(next) < count(last)
    } else {
        words(last).count() >= 3 && words(next).count() <= 4 && next.len() < last.len()
    }
}

/// What a Chinese official document's title ends with: its kind (`…的规定`, `…办法`,
/// `…的通知`). A long title wraps, and its last line ends so (`最高人民法院关于巡回法庭审理案件` /
/// `若干问题的规定`): the training split's laws lost 63 titles cut at the wrap.
const OFFICIAL_TITLE_ENDS: [&str; 21] = [
    "规定", "办法", "条例", "决定", "通知", "意见", "解释", "公告", "批复", "细则", "方案", "纲要",
    "报告", "章程", "规则", "准则", "决议", "通告", "指南", "答复", "规划",
];

/// Whether `p` ends as an official document's title does (see [`OFFICIAL_TITLE_ENDS`]).
fn ends_official_title(p: &str) -> bool {
    let p = p.trim_end();
    OFFICIAL_TITLE_ENDS.iter().any(|e| p.ends_with(e))
}

/// `——2023年全省组织工作综述`, `-- a subtitle`.
pub(super) fn is_subtitle_line(p: &str) -> bool {
    let p = p.trim_start();
    (p.starts_with("——")
        || p.starts_with(['⸺', '⸻'])
        || p.starts_with("--")
        || p.starts_with('—') && p.chars().nth(1).is_some_and(|c| c != '—'))
        && count(p) <= MAX_TITLE_CHARS
        && !has_sentence_punct(p)
}

/// `国发〔2019〕3号`, `国办函〔2018〕71号`.
pub(crate) fn is_document_number(p: &str) -> bool {
    let p = p.trim();
    count(p) <= 30
        && (p.contains('〔') && p.contains('〕') || p.contains('[') && p.contains(']'))
        && p.ends_with('号')
}

/// `本报记者 邓建胜`, `川组宣 四川日报全媒体记者 樊邦平`, `By Jane Doe`, `原文作者：…`.
pub(crate) fn is_byline(p: &str) -> bool {
    let p = p.trim();
    let n = count(p);
    if n > MAX_HEADING_CHARS || ends_sentence(p) && !p.ends_with('）') || has_sentence_punct(p) {
        return false;
    }
    const LABELS: &[&str] = &[
        "记者",
        "作者",
        "通讯员",
        "文/",
        "文／",
        "文 /",
        "特约评论员",
    ];
    // Credits that are words of running text too (`编译器`, `编译时标志`): only before a
    // name's separator or at the line's end.
    const CREDITS: &[&str] = &["撰文", "撰稿", "译者", "编译"];
    let credit = CREDITS.iter().any(|l| {
        p.match_indices(l).any(|(at, _)| {
            p[at + l.len()..]
                .chars()
                .next()
                .is_none_or(|c| matches!(c, '：' | ':' | ' ' | '　' | '/' | '／' | '|'))
        })
    });
    let lower = p.to_lowercase();
    credit
        || LABELS.iter().any(|l| p.contains(l))
        || (lower.starts_with("by ")
            || lower.starts_with("author:")
            || lower.starts_with("authors:"))
            && n <= 80
}

/// `颉满斌`, `张三 李四`: bare Chinese names as a byline right under the title.
pub(super) fn is_bare_names(p: &str) -> bool {
    let parts: Vec<&str> = p.split_whitespace().collect();
    !parts.is_empty()
        && parts.len() <= 4
        && parts.iter().all(|w| {
            let n = w.chars().count();
            (2..=4).contains(&n) && w.chars().all(|c| is_han(c) || c == '·')
        })
        && !parts.iter().any(|w| CN_SECTION_WORDS.contains(w))
        && !(parts.len() == 1 && crate::segment::is_common_word(parts[0]))
        && numbering(p.trim()).is_none()
        && han_count(p) <= 12
}

/// What the name of an issuing body ends with: a ministry, a commission, an office, a
/// government, an institute (`国家发展和改革委员会`, `国务院办公厅`, `中国信息通信研究院`).
const INSTITUTION_ENDS: [&str; 20] = [
    "委员会",
    "人民政府",
    "办公厅",
    "办公室",
    "研究院",
    "研究所",
    "研究中心",
    "大学",
    "学院",
    "协会",
    "学会",
    "联合会",
    "总局",
    "管理局",
    "人民法院",
    "人民检察院",
    "银行",
    "总署",
    "国务院",
    "部",
];

/// `国家发展和改革委员会`, `工业和信息化部 财政部`: the issuing bodies named on their own line
/// under a title, one or a few (space- or `、`-separated), each a run of ideographs. A line
/// under a title that names its issuer is its byline, not a title's wrapped line or a
/// heading (issue #14: an institution line shifted every heading level below it).
pub(super) fn is_institution(p: &str) -> bool {
    /// Longest name looked at, in ideographs.
    const MAX_NAME: usize = 20;
    let p = p.trim();
    let mut names = p
        .split(|c: char| c.is_whitespace() || c == '、')
        .filter(|s| !s.is_empty());
    names.clone().count() <= 4
        && names.all(|w| {
            let n = w.chars().count();
            (3..=MAX_NAME).contains(&n)
                && w.chars().all(is_han)
                && INSTITUTION_ENDS.iter().any(|e| w.ends_with(e))
        })
        && !p.is_empty()
}

/// `Brett Cannon, Jesse Noller, Guido van Rossum`: Latin names as a byline.
pub(crate) fn is_latin_names(p: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "bin", "al", "del",
    ];
    let p = p.trim();
    if p.is_empty() || p.len() > 120 || p.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let names: Vec<&str> = p
        .split([',', '&', ';'])
        .flat_map(|s| s.split(" and "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    !names.is_empty()
        && names.iter().all(|name| {
            let ws: Vec<&str> = words(name).collect();
            (2..=4).contains(&ws.len())
                && ws.iter().all(|w| {
                    let first = w.chars().next().unwrap_or(' ');
                    (first.is_uppercase()
                        && w.chars()
                            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'')))
                        || PARTICLES.contains(w)
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_shaped_like_a_field_over_its_date() {
        let title = |text: &str| crate::analyze(text, &crate::Options::default()).meta.title;
        assert_eq!(
            title("Reactivity API: Utilities\nLast updated: 2018-12-21\n").as_deref(),
            Some("Reactivity API: Utilities")
        );
        // An RFC's front matter: the feature's name is code, the date a field of it.
        assert_eq!(
            title("Feature Name: box_syntax\nStart Date: 2014-07-01\n"),
            None
        );
    }

    #[test]
    fn wrapped_title_kicker_and_closing_date() {
        let doc = detect_structure(&[
            "国务院关于促进综合保税区高水平开放高",
            "质量发展的若干意见",
            "国发〔2019〕3号",
            "一、指导思想",
            "以习近平新时代中国特色社会主义思想为指导，推动高质量发展。",
            "国务院",
            "2019年1月12日",
        ]);
        assert_eq!(
            doc.meta.title.as_deref(),
            Some("国务院关于促进综合保税区高水平开放高质量发展的若干意见")
        );
        assert_eq!(doc.meta.subtitle.as_deref(), Some("国发〔2019〕3号"));
        assert_eq!(doc.meta.date.as_deref(), Some("2019-01-12"));
        let headings: Vec<&str> = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Heading)
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(headings, ["一、指导思想"]);

        let doc = detect_structure(&[
            "Annual Review 2025",
            "Water Quality in Northern Rivers",
            "By Jane Doe",
            "Abstract",
            "This report summarises two years of sampling.",
        ]);
        assert_eq!(
            doc.meta.title.as_deref(),
            Some("Water Quality in Northern Rivers")
        );
        assert_eq!(doc.blocks[3].kind, BlockKind::Heading);
    }

    #[test]
    fn an_official_title_wrapped_before_its_kind_is_one_title() {
        let body = "为依法及时公正审理跨行政区域重大行政和民商事等案件，根据有关法律，规定如下。";
        let doc = detect_structure(&["最高人民法院关于巡回法庭审理案件", "若干问题的规定", body]);
        assert_eq!(
            doc.meta.title.as_deref(),
            Some("最高人民法院关于巡回法庭审理案件若干问题的规定")
        );
        assert_eq!(doc.blocks[2].kind, BlockKind::Paragraph);
        let doc = detect_structure(&["中华人民共和国野生植物保护条例若干问题", "的规定", body]);
        assert_eq!(
            doc.meta.title.as_deref(),
            Some("中华人民共和国野生植物保护条例若干问题的规定")
        );
        // A title that is whole keeps the line under it apart.
        let doc = detect_structure(&["海洋观测预报管理条例", "第一章 总则", body]);
        assert_eq!(doc.meta.title.as_deref(), Some("海洋观测预报管理条例"));
    }

    #[test]
    fn bylines_names_and_document_numbers() {
        assert!(is_byline("本报记者 邓建胜"));
        assert!(is_byline("By Jane Doe"));
        assert!(!is_byline("记者会上，发言人介绍了有关情况。"));
        assert!(is_byline("编译：李明") && is_byline("撰文 张三 摄影 李四"));
        // A title about a compiler is no credit.
        assert!(!is_byline("编译时标志") && !is_byline("编译器选项"));
        assert!(is_document_number("国办函〔2018〕71号"));
        assert!(is_latin_names(
            "Brett Cannon, Jesse Noller, Guido van Rossum"
        ));
        assert!(is_bare_names("颉满斌") && !is_bare_names("第一章 总则") && !is_bare_names("前言"));
        // A word of the dictionary that is no person's name is a heading, not a byline.
        assert!(!is_bare_names("基础知识") && !is_bare_names("用法") && is_bare_names("徐勇华"));
    }

    #[test]
    fn an_issuing_body_under_the_title_is_its_byline() {
        let body = "为深入贯彻落实党中央、国务院决策部署，持续优化营商环境，现提出如下措施。";
        for issuer in ["国家发展和改革委员会", "工业和信息化部 财政部"] {
            let doc = detect_structure(&[
                "关于进一步优化营商环境的若干措施",
                issuer,
                "2026年6月12日",
                body,
            ]);
            assert_eq!(
                doc.meta.title.as_deref(),
                Some("关于进一步优化营商环境的若干措施")
            );
            assert_eq!(doc.meta.byline.as_deref(), Some(issuer));
            assert_eq!(doc.blocks[1].kind, BlockKind::Byline);
        }
        assert!(is_institution("中国信息通信研究院") && is_institution("国务院办公厅"));
        // Two ideographs (`全部`), clause punctuation, or no issuer's ending: no issuer.
        assert!(!is_institution("全部") && !is_institution("委员会，"));
        assert!(!is_institution("营商环境建设") && !is_institution("Ministry of Finance"));
    }

    #[test]
    fn a_printed_page_title_names_the_site_first_or_last() {
        let body = "This page only lists a few commonly used utility types.";
        // The site's name first, the page number under it (pdf.js), then the title again.
        let doc = detect_structure(&[
            "Research Notes | Application API",
            "1",
            "Application API",
            body,
        ]);
        assert_eq!(doc.meta.title.as_deref(), Some("Application API"));
        assert_eq!(doc.meta.source.as_deref(), Some("Research Notes"));
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(kinds, [Meta, Meta, Title, Paragraph]);
        // The title first.
        let doc = detect_structure(&["Utility Types | Research Notes", "Utility Types", body]);
        assert_eq!(doc.meta.title.as_deref(), Some("Utility Types"));
        assert_eq!(doc.meta.source.as_deref(), Some("Research Notes"));
    }

    #[test]
    fn a_page_number_over_the_title_is_no_title() {
        let body = "How does Vue take a template and turn it into actual DOM nodes?";
        let doc = detect_structure(&["1", "Rendering Mechanism", body]);
        assert_eq!(doc.meta.title.as_deref(), Some("Rendering Mechanism"));
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(kinds, [Meta, Title, Paragraph]);
        let doc = detect_structure(&[
            "1",
            "生命周期钩子",
            "解放日报/2023年/7月/16日",
            "每个 Vue 组件实例在创建时都需要经历一系列的初始化步骤。",
        ]);
        assert_eq!(doc.meta.title.as_deref(), Some("生命周期钩子"));
    }

    #[test]
    fn a_title_shaped_like_a_field_before_its_byline_is_the_title() {
        let body = "Shallow version of ref(). It is commonly used for performance optimizations.";
        let doc = detect_structure(&["Reactivity API: Advanced", "By Farid Okafor", body]);
        assert_eq!(doc.meta.title.as_deref(), Some("Reactivity API: Advanced"));
        assert_eq!(doc.meta.byline.as_deref(), Some("By Farid Okafor"));
        // Without a byline under it, a field stays a field (`Feature Name: N/A`).
        let doc = detect_structure(&["2436-style-guide", "Feature Name: N/A", body]);
        assert_eq!(doc.meta.title.as_deref(), Some("2436-style-guide"));
    }

    #[test]
    fn a_page_title_splits_into_title_and_site() {
        assert_eq!(
            split_page_title("稳中求进 行稳致远 | 人民网"),
            Some(("稳中求进 行稳致远", "人民网"))
        );
        assert_eq!(
            split_page_title("PEP 3003 – Python Language Moratorium | peps.python.org"),
            Some(("PEP 3003 – Python Language Moratorium", "peps.python.org"))
        );
        assert_eq!(split_page_title("没有分隔符的标题"), None);
    }

    #[test]
    fn a_papers_name_on_a_line_of_its_own_over_its_date_is_the_source() {
        let detect = |paras: &[&str]| {
            let mut blocks = paragraph_blocks(paras);
            let mut meta = super::Meta::default();
            detect_header(paras, true, None, &mut meta, &mut blocks);
            (meta, blocks.iter().map(|b| b.kind).collect::<Vec<_>>())
        };
        use BlockKind::*;
        let (meta, kinds) = detect(&[
            "四川日报",
            "2005 年 2 月 28 日",
            "中华人民共和国可再生能源法",
            "第一条 正文。",
        ]);
        assert_eq!(meta.source.as_deref(), Some("四川日报"));
        assert_eq!(meta.title.as_deref(), Some("中华人民共和国可再生能源法"));
        assert_eq!(kinds[..3], [Meta, Meta, Title]);
        // The page's title printed again under the name.
        let (meta, _) = detect(&["科技日报", "泛型数据类型", "泛型数据类型", "正文。"]);
        assert_eq!(meta.source.as_deref(), Some("科技日报"));
        assert_eq!(meta.title.as_deref(), Some("泛型数据类型"));
        // Its weekday on a line of its own too.
        let (meta, _) = detect(&[
            "浙江日报",
            "2020 年 11 月 22 日",
            "星期三",
            "Dancing Links",
            "正文。",
        ]);
        assert_eq!(meta.title.as_deref(), Some("Dancing Links"));
        // A title that merely ends like a name, over a byline, stays the title.
        let (meta, _) = detect(&["天气预报", "本报记者 张三", "正文。"]);
        assert_eq!(meta.title.as_deref(), Some("天气预报"));
    }

    #[test]
    fn a_first_line_that_comes_back_is_a_running_header() {
        let paras = ["人民日报", "正文一。", "人 民 日 报", "正文二。"];
        let mut blocks = paragraph_blocks(&paras);
        mark_repeated_header(&paras, &mut blocks);
        let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(kinds, [Meta, Paragraph, Meta, Paragraph]);
    }

    #[test]
    fn a_law_title_printed_again_under_its_adoption_line_is_no_running_header() {
        let title = "最高人民法院关于审理预付式消费民事纠纷案件适用法律若干问题的解释";
        let paras = [
            title,
            "（2024年11月18日最高人民法院审判委员会第1932次会议通过）",
            title,
            "第一条 正文。",
        ];
        let mut blocks = paragraph_blocks(&paras);
        mark_repeated_header(&paras, &mut blocks);
        assert!(blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
    }
}

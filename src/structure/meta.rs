//! Metadata and dates: `Key: value` fields, meta lines (`四川日报/2024 年/2 月/20 日/第 001 版`),
//! dates in their Chinese, numeric and English forms.

use super::*;

/// Field names that label a date (`Published:`, `发布日期：`).
pub(super) const DATE_KEYS: [&str; 7] = [
    "date",
    "created",
    "published",
    "updated",
    "posted",
    "日期",
    "时间",
];

/// A `Key: value` field of a document's front matter (`Start Date: 2018-05-04`,
/// `发布时间：2026-06-12 07:24`, `来源：人民网`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Field<'a> {
    /// What the field names (`Start Date`).
    key: &'a str,
    /// What it says (`2018-05-04`).
    pub(super) value: &'a str,
}

/// What a field tells about the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FieldRole {
    Date,
    Source,
    Byline,
    Other,
}

impl Field<'_> {
    pub(super) fn role(&self) -> FieldRole {
        let k = self.key.to_lowercase();
        if DATE_KEYS.iter().any(|w| k.contains(w)) {
            FieldRole::Date
        } else if ["来源", "source", "出处", "发布机构", "发文机关"]
            .iter()
            .any(|w| k.contains(w))
        {
            FieldRole::Source
        } else if ["作者", "author", "记者", "撰稿", "by"]
            .iter()
            .any(|w| k == *w || k.contains(w) && !k.is_ascii())
        {
            FieldRole::Byline
        } else {
            FieldRole::Other
        }
    }

    /// Whether the field names the date, source or author.
    pub(super) fn is_meta(&self) -> bool {
        self.role() != FieldRole::Other
    }

    /// Chinese page furniture is meta; an English front-matter field is a list item.
    pub(super) fn block_kind(&self) -> BlockKind {
        match self.role() {
            FieldRole::Byline => BlockKind::Byline,
            _ if self.key.is_ascii() => BlockKind::ListItem,
            _ => BlockKind::Meta,
        }
    }
}

/// Chinese field names a web page or official document prints in its header.
pub(super) const CN_FIELD_KEYS: &[&str] = &[
    "来源",
    "发布时间",
    "发布日期",
    "时间",
    "日期",
    "作者",
    "原文作者",
    "责任编辑",
    "编辑",
    "记者",
    "通讯员",
    "发文字号",
    "文号",
    "发文机关",
    "成文日期",
    "发布机构",
    "索引号",
    "主题分类",
    "出处",
    "译者",
    "校对",
    "原文链接",
    "原文",
];

pub(super) fn parse_field(p: &str) -> Option<Field<'_>> {
    let p = p.trim();
    let (i, sep) = p.char_indices().find(|(_, c)| matches!(c, ':' | '：'))?;
    let key = p[..i].trim();
    let value = p[i + sep.len_utf8()..].trim();
    if key.is_empty() || value.is_empty() || value.len() > 100 {
        return None;
    }
    let ok = if key.is_ascii() {
        let ws: Vec<&str> = words(key).collect();
        (1..=4).contains(&ws.len())
            && key.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && key
                .chars()
                .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '-'))
            && !value.contains(". ")
            && !value.starts_with("//")
            && words(value).count() <= 8
    } else {
        CN_FIELD_KEYS.contains(&key) && !has_sentence_punct(value) && count(value) <= 40
    };
    ok.then_some(Field { key, value })
}

pub(super) fn apply_field(f: &Field<'_>, meta: &mut Meta) {
    match f.role() {
        FieldRole::Date => {
            if meta.date.is_none() {
                meta.date = find_date(f.value).map(|d| d.0);
            }
        }
        FieldRole::Source => {
            meta.source.get_or_insert_with(|| f.value.to_owned());
        }
        FieldRole::Byline => {
            meta.byline
                .get_or_insert_with(|| format!("{}：{}", f.key, f.value));
        }
        FieldRole::Other => {}
    }
}

/// Reads `Key: value` front matter in the first paragraphs of the body.
pub(super) fn detect_fields(
    paras: &[&str],
    body_start: usize,
    meta: &mut Meta,
    blocks: &mut [Block],
) {
    let end = paras.len().min(body_start + FIELD_SPAN);
    for i in body_start..end {
        if blocks[i].kind != BlockKind::Paragraph {
            continue;
        }
        if let Some(m) = parse_meta_line(paras[i]) {
            // A dateline the extractor moved below the first paragraph.
            meta.fill_from(m);
            blocks[i].kind = BlockKind::Meta;
        } else if let Some(f) = parse_field(paras[i]) {
            // A body line with a colon is a field only when it names the date, source or
            // author, or sits among other fields.
            let neighbour_field = |j: usize| paras.get(j).is_some_and(|q| parse_field(q).is_some());
            if f.is_meta() || i > 0 && neighbour_field(i - 1) || neighbour_field(i + 1) {
                apply_field(&f, meta);
                blocks[i].kind = f.block_kind();
            }
        }
    }
}

/// A date right after a date label anywhere in the line (`… Start Date: 2018-05-04 …`,
/// `发布时间：2026-06-12 07:24`), as text extracted from columns has it.
pub(super) fn labelled_date(p: &str) -> Option<String> {
    p.char_indices()
        .filter(|(_, c)| matches!(c, ':' | '：'))
        .find_map(|(i, c)| {
            // Only the key's end matters: looking further back made a long line with many
            // colons quadratic.
            let mut from = i.saturating_sub(32);
            while !p.is_char_boundary(from) {
                from += 1;
            }
            let key = p[from..i]
                .split_whitespace()
                .next_back()
                .unwrap_or("")
                .to_lowercase();
            let is_date_key = DATE_KEYS.iter().any(|k| key.ends_with(k));
            if !is_date_key {
                return None;
            }
            // A date right after the label is short; don't scan the rest of a long line.
            let value = p[i + c.len_utf8()..].trim_start();
            let mut to = value.len().min(64);
            while !value.is_char_boundary(to) {
                to -= 1;
            }
            let (date, r) = find_date(&value[..to]).filter(|(_, r)| r.start == 0)?;
            (r.start == 0).then_some(date)
        })
}

/// The date a document closes with (an official document's 成文日期 under its signature).
pub(super) fn closing_date(paras: &[&str]) -> Option<String> {
    paras.iter().rev().take(6).find_map(|p| {
        let p = p.trim();
        let (date, r) = find_date(p)?;
        let rest = count(&p[..r.start]) + count(&p[r.end..]);
        (rest <= 2).then_some(date)
    })
}

/// The verbs a statute's promulgation line ends with (`1996年12月30日 第八届全国人民代表大会
/// 常务委员会第二十三次会议通过`, `2002年9月7日 中华人民共和国国务院令第362号公布`,
/// `2022年1月1日 施行`): the corpus's statutes print one or two such lines under the title.
const PROMULGATION_VERBS: [&str; 8] = [
    "通过", "发布", "公布", "施行", "批准", "修正", "修订", "印发",
];

/// Parses a source/date/page line (`四川日报/2024 年/2 月/20 日/第 001 版`,
/// `人民日报 2026年6月12日 星期五`, `《 人民日报 》（ 2026年06月12日 01 版）`,
/// `2026-06-12 07:24 来源：人民网`, `发布时间：2026-06-12`), or a statute's promulgation
/// line, a date followed by who passed or issued it ([`PROMULGATION_VERBS`]).
pub(crate) fn parse_meta_line(p: &str) -> Option<Meta> {
    let p = p.trim();
    if count(p) > 60 || p.contains(['。', '，', '；']) || p.ends_with(['.', '!', '?']) {
        return None;
    }
    let (date, date_range) = find_date(p)?;
    let before = p[..date_range.start].trim();
    let after = p[date_range.end..].trim();
    let promulgated = before.trim_start_matches(['（', '(']).is_empty() && {
        let by = after.trim_end_matches(['）', ')']);
        PROMULGATION_VERBS.iter().any(|v| by.ends_with(v))
    };
    if promulgated {
        return Some(Meta {
            date: Some(date),
            ..Meta::default()
        });
    }
    // Source: what precedes the date, without labels and brackets.
    let mut source = strip_label(before)
        .trim_matches(|c: char| c.is_whitespace() || "/|｜·•《》（）()[]【】".contains(c))
        .to_owned();
    // After the date: a time, a weekday, the page, `来源：…`; nothing else.
    let mut rest = after;
    let mut page = None;
    let mut leftover = 0;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() || "/|｜·•（）()【】[],，".contains(c) {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if let Some(r) = skip_time(rest).or_else(|| skip_weekday(rest)).or_else(|| {
            let (pg, r) = skip_page(rest)?;
            page.get_or_insert(pg);
            Some(r)
        }) {
            rest = r;
            continue;
        }
        if let Some(v) = ["来源：", "来源:", "来源"]
            .iter()
            .find_map(|l| rest.strip_prefix(l))
        {
            let v = v.trim();
            let end = v.find(char::is_whitespace).unwrap_or(v.len());
            if source.is_empty() {
                source = v[..end].to_owned();
            }
            rest = &v[end..];
            continue;
        }
        leftover += 1;
        rest = &rest[c.len_utf8()..];
    }
    if leftover > 6 || count(&source) > 20 {
        return None;
    }
    Some(Meta {
        source: (!source.is_empty()).then_some(source),
        date: Some(date),
        page,
        ..Meta::default()
    })
}

/// `发布时间：`, `来源：`, `Published:`, `Date:` at the start of `s`.
pub(super) fn strip_label(s: &str) -> &str {
    let s = s.trim();
    match s.char_indices().find(|(_, c)| matches!(c, ':' | '：')) {
        Some((i, c)) if count(&s[..i]) <= 20 => {
            let key = s[..i].trim();
            let is_label = CN_FIELD_KEYS.contains(&key)
                || key.is_ascii() && key.chars().all(|c| c.is_ascii_alphabetic() || c == ' ');
            if is_label {
                s[i + c.len_utf8()..].trim()
            } else {
                s
            }
        }
        _ => s,
    }
}

/// `07:24`, `07:24:05` at the start of `s`; returns the rest.
pub(super) fn skip_time(s: &str) -> Option<&str> {
    let d = s.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&d) {
        return None;
    }
    let mut r = s[d..].strip_prefix([':', '：'])?;
    let m = r.bytes().take_while(u8::is_ascii_digit).count();
    if m != 2 {
        return None;
    }
    r = &r[m..];
    if let Some(sec) = r.strip_prefix(':') {
        let k = sec.bytes().take_while(u8::is_ascii_digit).count();
        if k == 2 {
            r = &sec[k..];
        }
    }
    Some(r)
}

/// `星期五`, `周五`, `Friday` at the start of `s`.
pub(super) fn skip_weekday(s: &str) -> Option<&str> {
    for prefix in ["星期", "礼拜", "周"] {
        if let Some(r) = s.strip_prefix(prefix) {
            let c = r.chars().next()?;
            if "一二三四五六日天".contains(c) {
                return Some(&r[c.len_utf8()..]);
            }
        }
    }
    const DAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let w: String = s.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let lw = w.to_lowercase();
    (w.len() >= 3 && DAYS.iter().any(|d| d.starts_with(&lw))).then(|| &s[w.len()..])
}

/// `第 001 版`, `01 版`, `A01版` at the start of `s`: the page and the rest.
pub(super) fn skip_page(s: &str) -> Option<(String, &str)> {
    let r = s.strip_prefix('第').unwrap_or(s).trim_start();
    let letter = r.chars().next().filter(|c| c.is_ascii_uppercase());
    let r2 = letter.map_or(r, |c| &r[c.len_utf8()..]);
    let d = r2.bytes().take_while(u8::is_ascii_digit).count();
    if d == 0 {
        return None;
    }
    let after = r2[d..].trim_start();
    let after = after
        .strip_prefix('版')
        .or_else(|| after.strip_prefix('页'))?;
    let page = format!(
        "{}{}",
        letter.map(String::from).unwrap_or_default(),
        &r2[..d]
    );
    Some((page, after))
}

/// English month names and abbreviations, January = 1.
pub(super) fn month_number(w: &str) -> Option<u32> {
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = w.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w) && (w.len() == 3 || w.len() == m.len() || w == "sept"))
        .map(|i| i as u32 + 1)
}

pub(super) fn valid_date(y: u32, m: u32, d: u32) -> Option<String> {
    ((1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Finds the first full date in `p`: `2024 年/2 月/20 日`, `2026年06月12日`, `2026-06-12`,
/// `2026/6/12`, `2026.06.12`, `21-Oct-2009`, `21 October 2009`, `October 21, 2009`.
/// Returns it as `YYYY-MM-DD` with its byte range.
pub(crate) fn find_date(p: &str) -> Option<(String, Range<usize>)> {
    // Every date has ASCII digits; most paragraphs have none (the structure stage asks of
    // each: 1.4% of `analyze` on a novel went to reading them char by char for a month name).
    if !p.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    find_numeric_date(p).or_else(|| find_english_date(p))
}

/// Finds the first date written with digits only, year first (`2026-06-12`, `2026/6/12`,
/// `2026年06月12日`): [`find_date`] without the English forms.
pub(crate) fn find_numeric_date(p: &str) -> Option<(String, Range<usize>)> {
    let b = p.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            let year: u32 = p[i..i + 4].parse().ok()?;
            let mut rest = &p[i + 4..];
            let mut nums = vec![];
            let mut end = i + 4;
            for unit in ['月', '日'] {
                let skipped = rest.trim_start_matches([' ', '/', '年', '-', '.', '／', '月', '　']);
                let digits: String = skipped.chars().take_while(|c| c.is_ascii_digit()).collect();
                if digits.is_empty() || digits.len() > 2 {
                    break;
                }
                nums.push(digits.parse::<u32>().ok()?);
                let after = &skipped[digits.len()..];
                let after_unit = after.trim_start().strip_prefix(unit).unwrap_or(after);
                end = p.len() - after_unit.len();
                rest = after_unit;
            }
            if let [m, d] = nums[..] {
                if let Some(date) = valid_date(year, m, d) {
                    return Some((date, i..end));
                }
            }
        }
        i += 1;
    }
    None
}

pub(super) fn find_english_date(p: &str) -> Option<(String, Range<usize>)> {
    // Tokens with their byte ranges: runs of letters or of digits.
    let mut toks: Vec<(&str, Range<usize>)> = Vec::new();
    let mut start = None;
    for (i, c) in p.char_indices().chain(std::iter::once((p.len(), ' '))) {
        let kind = |c: char| {
            if c.is_ascii_alphabetic() {
                1
            } else if c.is_ascii_digit() {
                2
            } else {
                0
            }
        };
        match start {
            Some(s) if kind(c) != kind(p[s..].chars().next().unwrap_or(' ')) => {
                toks.push((&p[s..i], s..i));
                start = (kind(c) != 0).then_some(i);
            }
            None if kind(c) != 0 => start = Some(i),
            _ => {}
        }
    }
    let num = |t: &str, max: usize| -> Option<u32> {
        (t.bytes().all(|b| b.is_ascii_digit()) && t.len() <= max).then(|| t.parse().ok())?
    };
    for w in toks.windows(3) {
        let [(a, ra), (b, _), (c, rc)] = w else {
            continue;
        };
        // 21-Oct-2009, 21 October 2009
        if let (Some(d), Some(m), Some(y)) = (num(a, 2), month_number(b), num(c, 4)) {
            if c.len() == 4 {
                if let Some(date) = valid_date(y, m, d) {
                    return Some((date, ra.start..rc.end));
                }
            }
        }
        // October 21, 2009
        if let (Some(m), Some(d), Some(y)) = (month_number(a), num(b, 2), num(c, 4)) {
            if c.len() == 4 {
                if let Some(date) = valid_date(y, m, d) {
                    return Some((date, ra.start..rc.end));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_lines() {
        let m = parse_meta_line("四川日报/2024 年/2 月/20 日/第 001 版").unwrap();
        assert_eq!(m.source.as_deref(), Some("四川日报"));
        assert_eq!(m.date.as_deref(), Some("2024-02-20"));
        assert_eq!(m.page.as_deref(), Some("001"));
        let m = parse_meta_line("人民日报 2026年6月12日 星期五").unwrap();
        assert_eq!(
            (m.source.as_deref(), m.date.as_deref()),
            (Some("人民日报"), Some("2026-06-12"))
        );
        let m = parse_meta_line("2026-06-12 07:24").unwrap();
        assert_eq!(m.date.as_deref(), Some("2026-06-12"));
        assert!(parse_meta_line("2023年,是全面贯彻X的二十大精神的开局之年。").is_none());
    }

    #[test]
    fn a_statutes_promulgation_line_is_a_dateline() {
        for (line, date) in [
            (
                "1996年12月30日 第八届全国人民代表大会常务委员会第二十三次会议通过",
                "1996-12-30",
            ),
            (
                "（2024年11月18日最高人民法院审判委员会第1932次会议通过）",
                "2024-11-18",
            ),
            (
                "2002年9月7日 中华人民共和国国务院令第362号公布",
                "2002-09-07",
            ),
            ("2022年1月1日 施行", "2022-01-01"),
        ] {
            let m = parse_meta_line(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(m.date.as_deref(), Some(date));
            assert_eq!(m.source, None);
        }
        // A date inside a sentence, or one that ends in something else, is none.
        assert!(
            parse_meta_line("国务院有关部门应当自2022年1月1日起依照本条例的规定施行").is_none()
        );
        assert!(
            parse_meta_line("1996年12月30日 第八届全国人民代表大会常务委员会第二十三次会议")
                .is_none()
        );
    }

    #[test]
    fn more_meta_forms() {
        let m = parse_meta_line("《 人民日报 》（ 2026年06月12日 01 版）").unwrap();
        assert_eq!(
            (m.source.as_deref(), m.date.as_deref(), m.page.as_deref()),
            (Some("人民日报"), Some("2026-06-12"), Some("01"))
        );
        let m = parse_meta_line("2026-06-12 07:24 来源：新华网").unwrap();
        assert_eq!(m.source.as_deref(), Some("新华网"));
        assert_eq!(
            find_date("Created: 21-Oct-2009").map(|d| d.0).as_deref(),
            Some("2009-10-21")
        );
        assert_eq!(
            find_date("October 21, 2009").map(|d| d.0).as_deref(),
            Some("2009-10-21")
        );
        assert_eq!(
            labelled_date("Feature Name: N/A Start Date: 2018-05-04 Rustfmt").as_deref(),
            Some("2018-05-04")
        );
    }

    #[test]
    fn dates_in_each_written_form() {
        for (p, date) in [
            ("2024 年/2 月/20 日", "2024-02-20"),
            ("发布于2026年06月12日上午", "2026-06-12"),
            ("2026/6/12", "2026-06-12"),
            ("2026.06.12", "2026-06-12"),
            ("21 October 2009", "2009-10-21"),
        ] {
            assert_eq!(find_date(p).map(|d| d.0).as_deref(), Some(date), "{p}");
        }
        // The range covers the date and nothing else.
        let p = "会议于2019年1月12日召开";
        let (_, r) = find_date(p).unwrap();
        assert_eq!(&p[r], "2019年1月12日");
        // A year alone, a month alone or an impossible date is no date.
        for p in ["2023年", "6月12日", "2026-13-01", "1850年1月1日"] {
            assert_eq!(find_date(p), None, "{p}");
        }
    }

    #[test]
    fn a_closing_date_stands_alone_near_the_end() {
        let paras = ["正文。", "国务院", "2019年1月12日"];
        assert_eq!(closing_date(&paras).as_deref(), Some("2019-01-12"));
        // A date inside a sentence does not date the document.
        let paras = ["正文。", "会议于2019年1月12日在北京召开并通过了决定。"];
        assert_eq!(closing_date(&paras), None);
    }

    #[test]
    fn fields_say_what_they_are() {
        let f = parse_field("来源：人民网").unwrap();
        assert_eq!(
            (f.key, f.value, f.role()),
            ("来源", "人民网", FieldRole::Source)
        );
        assert_eq!(
            parse_field("Start Date: 2018-05-04").map(|f| f.role()),
            Some(FieldRole::Date)
        );
        assert!(parse_field("没有冒号的一行").is_none());
    }
}

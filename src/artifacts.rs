//! Artifact removal: normalized text → text without page furniture (footers, page numbers,
//! running headers, form feeds) and copy-button labels.
//!
//! Lines are removed whole, with their line break, so the lines on both sides meet and the
//! reflow stage can rejoin a paragraph — or a word — that a page break split.

use std::collections::{HashMap, HashSet};

use crate::edit::{Edit, FixKind, Tracked};
use crate::shapes::{page_break_finder, squash, squashes_to, PAGE_BREAK_TEXT};
use crate::structure::find_numeric_date;
use crate::text::is_han;

/// Labels that e-paper viewers and news sites put on lines of their own, and that a copy
/// picks up with the article.
const COPY_LABELS: &[&str] = &[
    "正文复制",
    "复制正文",
    "复制",
    "复制全文",
    "复制链接",
    "分享",
    "分享到",
    "分享至",
    "打印",
    "打印本页",
    "打印文章",
    "关闭",
    "关闭窗口",
    "关闭本页",
    "扫一扫",
    "扫一扫分享",
    "扫一扫在手机打开当前页",
    "返回顶部",
    "收藏",
    "纠错",
    "字号",
    "【字体：大 中 小】",
    "【字体:大 中 小】",
    "字体：大 中 小",
    "【打印】",
    "【关闭】",
    "【纠错】",
    "【收藏】",
    "【我要打印】",
    "【关闭窗口】",
    "Copy",
    "Copied!",
    "Copy code",
    "Copy to clipboard",
    "Share",
    "Print",
    "Tweet",
];

/// Runs the artifact pass over `text`.
///
/// Each removed line leaves a form feed behind: a page-break mark that tells the reflow
/// stage the lines on both sides may be one paragraph (or one word) cut by the page.
///
/// Returns the running headers it removed, as they stood in the text it was given (after
/// normalize): they often name the source, the date and the full title, which the structure
/// stage reads.
pub fn remove_artifacts(text: &mut Tracked) -> Vec<String> {
    let edits = plan_artifact_removal(text.as_str());
    let s = text.as_str();
    // The parts of one header on lines of their own (`人民网` / `2019-05-13`) are read as one.
    let mut headers: Vec<String> = Vec::new();
    let mut last_end = None;
    for e in edits.iter().filter(|e| e.kind == FixKind::RunningHeader) {
        let part = s[e.range.clone()].trim();
        match last_end {
            Some(end) if s[end..e.range.start].trim().is_empty() => {
                let h = headers.last_mut().expect("a header before");
                h.push(' ');
                h.push_str(part);
            }
            _ => headers.push(part.to_owned()),
        }
        last_end = Some(e.range.end);
    }
    text.apply(edits);
    headers
}

/// The page-break mark left where furniture was removed, consumed by the reflow stage.
pub use crate::shapes::PAGE_BREAK;

/// One line of the text: its byte range without the `\n`, and the range to delete with it.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    start: usize,
    /// End including the line break, if any.
    end_with_break: usize,
    /// A form feed opens or closes this line: a page boundary is here.
    at_page_break: bool,
    /// The line is a page footer ([`is_page_footer`]), judged once: the neighbours of every
    /// line ask.
    footer: bool,
}

/// The lines of `s`; a run of blank lines is one `Line` (holding the first one's text), so
/// that memory follows the text's content, not its line count.
fn lines(s: &str) -> Vec<Line<'_>> {
    let mut out: Vec<Line<'_>> = Vec::new();
    let mut start = 0;
    let has_break = page_break_finder(s);
    for (i, _) in s.match_indices('\n').chain(std::iter::once((s.len(), ""))) {
        if start > s.len() {
            break;
        }
        let text = &s[start..i];
        let blank = |t: &str| t.trim().is_empty();
        if let Some(prev) = out.last_mut().filter(|p| blank(p.text) && blank(text)) {
            prev.end_with_break = (i + 1).min(s.len());
            prev.at_page_break |= has_break(text);
            start = i + 1;
            continue;
        }
        out.push(Line {
            text,
            start,
            end_with_break: (i + 1).min(s.len()),
            at_page_break: has_break(text),
            footer: is_page_footer(text.trim()),
        });
        start = i + 1;
    }
    out
}

/// The copy labels, page footers and running headers to remove, each line leaving a page-break
/// mark (a copy label leaves nothing).
fn plan_artifact_removal(s: &str) -> Vec<Edit> {
    let lines = lines(s);
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].text.trim().is_empty())
        .collect();
    let mut headers = running_headers(&lines, &content);
    // A header's third part (`星期六` under `人民日报` / `2024 年 4 月 6 日`) stands next to
    // the part before it, not to the page mark: looked for again, parts only, with the
    // headers found standing as page marks.
    if !headers.is_empty() {
        let mut marked = lines.clone();
        for line in &mut marked {
            line.footer |= headers.contains(squash(&strip_footers(line.text.trim())).as_str());
        }
        let more: Vec<String> = running_headers(&marked, &content)
            .into_iter()
            .filter(|k| is_header_part(k))
            .collect();
        headers.extend(more);
    }
    let mut edits = Vec::new();
    let top_end = content.get(TOP_LINES).copied().unwrap_or(lines.len());
    let is_header = |i: usize| {
        !headers.is_empty()
            && headers.contains(squash(&strip_footers(lines[i].text.trim())).as_str())
    };
    // A page number printed beside the running header (pypdf and pdf.js join the pages
    // with a plain line break: `The Evening Post Documentation` / `2` / `time. To create…`).
    let beside_header = |idx: usize| {
        let k = content.partition_point(|&c| c < idx);
        k.checked_sub(1).is_some_and(|j| is_header(content[j]))
            || content.get(k + 1).is_some_and(|&j| is_header(j))
    };
    for (idx, line) in lines.iter().enumerate() {
        let t = line.text.trim_matches(|c: char| c.is_whitespace());
        let kind = if t.is_empty() {
            None
        } else if idx < 3 && is_copy_label(t) || is_copy_label(t) && t.chars().count() > 2 {
            Some(FixKind::CopyLabel)
        } else if line.footer
            || is_lone_page_number(t) && (near_page_break(&lines, idx) || beside_header(idx))
        {
            Some(FixKind::PageFooter)
        } else if is_header(idx) {
            Some(FixKind::RunningHeader)
        } else {
            None
        };
        match kind {
            Some(kind) => {
                // A label is not a page boundary; furniture is, but for a header over the
                // first page's title: the lines around it were never one paragraph.
                let mark = if kind == FixKind::CopyLabel
                    || kind == FixKind::RunningHeader && idx < top_end
                {
                    ""
                } else {
                    PAGE_BREAK_TEXT
                };
                edits.push(Edit::replace(line.start..line.end_with_break, mark, kind));
            }
            None => glued_furniture(line, &headers, &mut edits),
        }
    }
    edits
}

/// Furniture that an extractor glued to the text of a line (pypdf does): a footer anywhere
/// in the line, a running header at its start or end. The text on both sides meets again.
fn glued_furniture(line: &Line<'_>, headers: &HashSet<String>, edits: &mut Vec<Edit>) {
    let t = line.text;
    if !t.contains(['第', 'P', 'p']) && headers.is_empty() {
        return;
    }
    let mut spans: Vec<(usize, usize, FixKind)> = Vec::new();
    for (i, _) in t.match_indices(['第', 'P', 'p']) {
        if spans.last().is_some_and(|&(_, e, _)| i < e) {
            continue;
        }
        if let Some(len) = footer_at(&t[i..]) {
            let mut end = i + len;
            // Between two words, take one of the two spaces with it.
            if t[..i].ends_with(' ') && t[end..].starts_with(' ') {
                end += 1;
            }
            spans.push((i, end, FixKind::PageFooter));
        }
    }
    for header in headers {
        if let Some(len) = loose_prefix(t, header) {
            if spans.first().is_none_or(|&(s, _, _)| s >= len) && len < t.trim_end().len() {
                spans.insert(0, (0, len, FixKind::RunningHeader));
            }
        }
    }
    if let Some(&(_, _, kind)) = spans.first() {
        // What the furniture leaves of the line may be furniture too (`Page 2 of 5正文复制`):
        // then the whole line goes, so that a second pass finds nothing more to remove.
        let mut rest = String::new();
        let mut at = 0;
        for &(s, e, _) in &spans {
            rest.push_str(&t[at..s]);
            at = e;
        }
        rest.push_str(&t[at..]);
        let rest = rest.trim();
        if rest.is_empty()
            || is_copy_label(rest)
            || is_page_footer(rest)
            || is_lone_page_number(rest)
            || headers.contains(squash(rest).as_str())
        {
            edits.push(Edit::replace(
                line.start..line.end_with_break,
                PAGE_BREAK_TEXT,
                kind,
            ));
            return;
        }
    }
    for (s, e, kind) in spans {
        // Furniture ending the line ends the page: leave the page-break mark.
        let mark = if t[e..].trim().is_empty() {
            PAGE_BREAK_TEXT
        } else {
            ""
        };
        edits.push(Edit::replace(line.start + s..line.start + e, mark, kind));
    }
}

/// `t` without the distinctive footers glued into it.
fn strip_footers(t: &str) -> std::borrow::Cow<'_, str> {
    if !t.contains(['第', 'P', 'p']) {
        return std::borrow::Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut at = 0;
    for (i, _) in t.match_indices(['第', 'P', 'p']) {
        if i < at {
            continue;
        }
        if let Some(len) = footer_at(&t[i..]) {
            out.push_str(&t[at..i]);
            at = i + len;
        }
    }
    out.push_str(&t[at..]);
    std::borrow::Cow::Owned(out)
}

/// Length of `header` (squashed) at the start of `t`, allowing any whitespace in between.
fn loose_prefix(t: &str, header: &str) -> Option<usize> {
    if header.chars().count() < 6 {
        return None;
    }
    let mut want = header.chars().peekable();
    for (i, c) in t.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        if want.next() != Some(c) {
            return None;
        }
        if want.peek().is_none() {
            let end = i + c.len_utf8();
            let rest = &t[end..];
            return Some(end + (rest.len() - rest.trim_start().len()));
        }
    }
    None
}

/// Byte length of a distinctive footer (`第 1 页 共 3 页`, `Page 2 of 5`) starting `s`.
fn footer_at(s: &str) -> Option<usize> {
    let rest = if let Some(r) = s.strip_prefix('第') {
        let r = digits(r.trim_start())?.trim_start();
        let r = r.strip_prefix(['页', '頁'])?.trim_start();
        let r = r.trim_start_matches(['，', ',', '/', '|']).trim_start();
        let r = r.strip_prefix('共')?.trim_start();
        let r = digits(r)?.trim_start();
        r.strip_prefix(['页', '頁'])?
    } else {
        let head = s.get(..4)?;
        if !head.eq_ignore_ascii_case("page") {
            return None;
        }
        let r = digits(s[4..].trim_start())?.trim_start();
        let r = r.strip_prefix("of")?.trim_start();
        let r = digits(r)?;
        if r.starts_with(|c: char| c.is_ascii_digit() || c.is_ascii_lowercase()) {
            return None;
        }
        r
    };
    Some(s.len() - rest.len())
}

/// A copy-button or share label standing alone on its line.
fn is_copy_label(t: &str) -> bool {
    COPY_LABELS.contains(&t)
}

/// Parses a run of ASCII digits at the start of `s`; returns the rest.
fn digits(s: &str) -> Option<&str> {
    let rest = s.trim_start_matches(|c: char| c.is_ascii_digit());
    (rest.len() < s.len()).then_some(rest)
}

/// `第 1 页 共 3 页`, `第1页`, `共3页 第1页`, `Page 2 of 5`, `- 3 -`, `— 3 —`, `2 / 5`, `3/5 页`.
pub fn is_page_footer(t: &str) -> bool {
    // Every form has a number: most lines are ruled out without building their squashed copy.
    if !t.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let s = squash(t);
    let s = s.as_str();
    let zh = |s: &str| -> Option<()> {
        let r = s.strip_prefix('第')?;
        let r = digits(r)?;
        let r = r.strip_prefix(['页', '頁'])?;
        if r.is_empty() {
            return Some(());
        }
        let r = r.trim_start_matches(['，', ',', '/', '|']);
        let r = r.strip_prefix('共')?;
        let r = digits(r)?;
        r.strip_prefix(['页', '頁'])
            .filter(|r| r.is_empty())
            .map(|_| ())
    };
    let zh_total_first = |s: &str| -> Option<()> {
        let r = s.strip_prefix('共')?;
        let r = digits(r)?;
        let r = r.strip_prefix(['页', '頁'])?;
        zh(r.trim_start_matches(['，', ',', '/', '|']))
    };
    let en = |s: &str| -> Option<()> {
        let lower = s.to_ascii_lowercase();
        let r = lower.strip_prefix("page")?;
        let r = digits(r)?;
        if r.is_empty() {
            return Some(());
        }
        let r = r.strip_prefix("of").or_else(|| r.strip_prefix('/'))?;
        digits(r).filter(|r| r.is_empty()).map(|_| ())
    };
    let dashed = |s: &str| -> Option<()> {
        let r = s.strip_prefix(['-', '—', '–'])?;
        let r = digits(r)?;
        r.strip_prefix(['-', '—', '–'])
            .filter(|r| r.is_empty())
            .map(|_| ())
    };
    let slashed = |s: &str| -> Option<()> {
        let r = digits(s)?;
        let r = r.strip_prefix('/')?;
        let r = digits(r)?;
        (r.is_empty() || r == "页").then_some(())
    };
    zh(s)
        .or_else(|| zh_total_first(s))
        .or_else(|| en(s))
        .or_else(|| dashed(s))
        .or_else(|| slashed(s))
        .is_some()
}

/// A line holding only a small number (1 to 4 digits).
fn is_lone_page_number(t: &str) -> bool {
    (1..=4).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
}

/// Whether line `idx` is within two non-blank lines of a page break (form feed) or of a
/// page footer.
fn near_page_break(lines: &[Line<'_>], idx: usize) -> bool {
    let lo = idx.saturating_sub(2);
    let hi = (idx + 3).min(lines.len());
    lines[lo..hi].iter().any(|l| l.at_page_break)
}

/// Where a candidate running header occurs, counted over the content lines.
#[derive(Default)]
struct Repeats {
    /// Occurrences.
    all: usize,
    /// Occurrences near a page boundary (within two lines).
    near: usize,
    /// Occurrences right next to a page mark (a form feed or a footer).
    adjacent: usize,
    /// Content-line index of the first occurrence.
    first: Option<usize>,
    /// Content-line index of the last occurrence.
    last: Option<usize>,
    /// Fewest content lines between two occurrences.
    min_gap: Option<usize>,
    /// Most content lines between two occurrences.
    max_gap: usize,
}

impl Repeats {
    /// Whether the occurrences come back at a steady interval of a page's length: three or
    /// more, at least [`MIN_PERIOD`] content lines apart, the widest interval at most half
    /// again the narrowest. A running header in text copied without page marks (pdf.js and
    /// pypdf join the pages with a plain line break) is known by this alone.
    fn periodic(&self) -> bool {
        self.all >= 3
            && self
                .min_gap
                .is_some_and(|g| g >= MIN_PERIOD && self.max_gap * 2 <= g * 3)
    }
}

/// A running header that comes back at a page's interval stands among the text's first
/// this many content lines (at the top of the first page, over the title).
const TOP_LINES: usize = 3;

/// A masthead's site name and title ([`is_masthead`]'s `names_next`): the title is given
/// again within this many content lines under it (a page number and a breadcrumb between).
const TITLE_AGAIN_LINES: usize = 3;

/// A page holds at least this many content lines (a running header's copies stand this far
/// apart).
const MIN_PERIOD: usize = 12;

/// Lines that repeat on several pages: the same line (compared without spaces) occurring two
/// or more times next to a page boundary (a form feed, a footer, the start or end of the
/// document) each time but once, or three or more times anywhere when it carries a date or
/// page-like words; or, once, a masthead with a full date and weekday at the very top.
/// Copies fewer than four lines apart are content, unless they name a date or a page or all
/// but one sit right next to a page mark. Returns them squashed.
fn running_headers(lines: &[Line<'_>], content: &[usize]) -> HashSet<String> {
    let mut seen: HashMap<String, Repeats> = HashMap::new();
    // The start and end of a document are page boundaries too, when it is long enough to
    // have pages.
    let edge = |k: usize| content.len() >= 20 && (k < 3 || k + 3 > content.len());
    for (k, &idx) in content.iter().enumerate() {
        let t = lines[idx].text.trim();
        let n = t.chars().count();
        // `pdftotext` gives the parts of a header set left and right as lines of their own:
        // a short name (`人民网`) and a date (`2019-05-13`).
        let wordy = t.chars().any(|c| c.is_alphabetic());
        let part = (2..4).contains(&n) && t.chars().all(is_han)
            || !wordy && find_numeric_date(t).is_some();
        if !(part || (4..=60).contains(&n) && wordy) {
            continue;
        }
        let lo = k.saturating_sub(2);
        let hi = (k + 3).min(content.len());
        let near = edge(k)
            || near_page_break(lines, idx)
            || content[lo..hi].iter().any(|&j| lines[j].footer);
        let page_mark = |j: usize| {
            content
                .get(j)
                .is_some_and(|&i| lines[i].at_page_break || lines[i].footer)
        };
        let adjacent = lines[idx].at_page_break || page_mark(k.wrapping_sub(1)) || page_mark(k + 1);
        let e = seen.entry(squash(&strip_footers(t))).or_default();
        e.all += 1;
        e.near += near as usize;
        e.adjacent += adjacent as usize;
        if let Some(last) = e.last {
            e.min_gap = Some(e.min_gap.map_or(k - last, |g| g.min(k - last)));
            e.max_gap = e.max_gap.max(k - last);
        }
        e.last = Some(k);
        e.first.get_or_insert(k);
    }
    // Pages hold more than a few lines: a line repeated right after itself is content.
    const MIN_PAGE_LINES: usize = 4;
    seen.into_iter()
        .filter(|(k, r)| {
            let apart = r.min_gap.is_none_or(|g| g >= MIN_PAGE_LINES)
                || r.adjacent + 1 >= r.all
                || looks_like_header(k);
            // A part of a header (a name of two or three ideographs, a date alone) is one only
            // where it stands right next to every page mark but once: three times or more,
            // or twice with the first over the title.
            let part = is_header_part(k);
            part && r.adjacent + 1 >= r.all
                && (r.all >= 3 || r.all == 2 && r.first.is_some_and(|f| f < TOP_LINES))
                || !part && r.all >= 2 && r.near + 1 >= r.all && apart
                || r.all >= 3 && apart && looks_like_header(k)
                || r.periodic() && r.first.is_some_and(|f| f < TOP_LINES)
                || r.all == 1 && is_masthead(k, lines, content)
        })
        .map(|(k, _)| k)
        .collect()
}

/// A paper's masthead line at the top of a one-page document, among the first three lines:
/// name, full date and weekday (`科技日报 2026年6月12日 星期五`), a name and a date in digits,
/// or a site's name before the title the next line gives again.
fn is_masthead(squashed: &str, lines: &[Line<'_>], content: &[usize]) -> bool {
    let weekday = squashed.contains('年')
        && squashed.contains('月')
        && squashed.contains('日')
        && squashed.contains("星期");
    let top = &content[..content.len().min(TOP_LINES)];
    let Some(at) = top
        .iter()
        .position(|&i| squashes_to(lines[i].text, squashed))
    else {
        return false;
    };
    // A site's name before the page's title, which one of the next lines gives again
    // (`中国教育报　组件基础` / `组件基础`, `City Gazette | Application API` / `Application API`;
    // pypdf puts a page number or the breadcrumb between: `南方日报　外国商会管理暂行规定` / `1` /
    // `南方日报/1989年/6月/14日` / `外国商会管理暂行规定`).
    // Further down than the next line the name must be set apart from the title by an
    // ideographic space, as a Chinese paper's masthead is, or a title would be taken for a
    // masthead whose end comes back as the title's wrapped half (`国务院关于规范中介机构为公司
    // 公开发行股票提供服务的规定` / … / `司公开发行股票提供服务的规定`). A bar is not enough: an
    // English page's running header (`Developer Bulletin | List Rendering` / `1` / `List
    // Rendering`) is left to the running-header pass, which finds its other copies (removing
    // the first here lost 8 of 21 paragraphs of a validation case).
    let set_apart = lines[content[at]].text.contains('\u{3000}');
    let names_next = (1..=TITLE_AGAIN_LINES).any(|k| {
        (k == 1 || set_apart)
            && content.get(at + k).is_some_and(|&i| {
                let next = squash(lines[i].text);
                !next.is_empty()
                    && squashed
                        .strip_suffix(next.as_str())
                        .is_some_and(|name| site_name(name).is_some())
            })
    });
    weekday || is_name_and_date(squashed) || names_next
}

/// A site's or paper's name and a date in digits and ASCII separators, nothing else
/// (`中国经济网2017-03-01`, `OpenDocsReview—2017-03-09`, squashed): a masthead. A label before the date
/// (`Lastupdated:2023-06-01`, `发布时间：2017-03-01`) makes it a dateline, which stays.
fn is_name_and_date(squashed: &str) -> bool {
    find_numeric_date(squashed).is_some_and(|(_, date)| {
        date.end == squashed.len()
            && squashed[date.clone()].is_ascii()
            && site_name(&squashed[..date.start]).is_some_and(|name| {
                !name.contains([':', '：'])
                    && name
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '&' || c == '.')
            })
    })
}

/// What stands before a masthead's date or title, without the separator after it
/// (`CityGazette|` → `CityGazette`), if it is as long as a site's or paper's name.
fn site_name(prefix: &str) -> Option<&str> {
    let name = prefix.trim_end_matches(['|', '｜', '—', '–', '-', '·', '/']);
    (2..=24).contains(&name.chars().count()).then_some(name)
}

/// Whether a squashed line can be one part of a header split over lines of its own: a name
/// of two or three ideographs, or a date with no word (`2019-05-13`).
fn is_header_part(squashed: &str) -> bool {
    squashed.chars().count() < 4 || !squashed.chars().any(char::is_alphabetic)
}

/// A line that names a date or a page: what running headers carry.
fn looks_like_header(squashed: &str) -> bool {
    let has_date = squashed.contains('年') && squashed.contains('月') || squashed.contains("星期");
    has_date
        || find_numeric_date(squashed).is_some()
        || squashed.contains('版')
        || squashed.to_ascii_lowercase().contains("page")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> (String, Vec<FixKind>) {
        let mut t = Tracked::new(s);
        remove_artifacts(&mut t);
        let kinds = t.fixes().iter().map(|f| f.kind).collect();
        (t.as_str().to_owned(), kinds)
    }

    #[test]
    fn footers() {
        for f in [
            "第 1 页 共 3 页",
            "第1页",
            "第 2 页/共 5 页",
            "共5页 第2页",
            "Page 2 of 5",
            "page 3",
            "- 3 -",
            "— 12 —",
            "2 / 5",
        ] {
            assert!(is_page_footer(f), "{f}");
        }
        for f in ["第一章", "第 3 条", "1 / x", "Page one", "2023"] {
            assert!(!is_page_footer(f), "{f}");
        }
    }

    #[test]
    fn footer_inside_a_word_is_removed_with_its_line() {
        let (out, kinds) = run("鲜明省\n第 1 页 共 3 页\n委“五个大力");
        assert_eq!(out, "鲜明省\n\u{C}委“五个大力");
        assert_eq!(kinds, vec![FixKind::PageFooter]);
    }

    #[test]
    fn footer_glued_to_text() {
        // pypdf glues the footer to the last line of the page.
        let (out, kinds) = run("鲜明省第 1 页 共 3 页\n委“五个大力");
        assert_eq!(out, "鲜明省\u{C}\n委“五个大力");
        assert_eq!(kinds, vec![FixKind::PageFooter]);
        let (out, _) = run("the end of this Page 2 of 5 sentence goes on");
        assert_eq!(out, "the end of this sentence goes on");
        let (out, _) = run("第3页的内容 and page 2 of the book");
        assert_eq!(out, "第3页的内容 and page 2 of the book");
    }

    #[test]
    fn running_header_glued_to_text() {
        let s = "人民日报 2026年6月12日 星期五\n正文一\n第 1 页 共 2 页\n人民日报 2026年6月12日 星期五正文二\n";
        let (out, kinds) = run(s);
        // The header over the first page leaves no page mark: nothing stands before it.
        assert_eq!(out, "正文一\n\u{C}正文二\n");
        assert_eq!(
            kinds
                .iter()
                .filter(|k| **k == FixKind::RunningHeader)
                .count(),
            2
        );
    }

    #[test]
    fn masthead_of_a_one_page_paper() {
        let s = "科技日报 2026年6月12日 星期五\n标题\n正文。\n";
        assert_eq!(run(s).0, "标题\n正文。\n");
    }

    #[test]
    fn a_name_and_a_date_in_digits_over_the_title_is_a_masthead() {
        let s = "中国经济网　2017-03-01\n标题\n正文。\n";
        assert_eq!(run(s).0, "标题\n正文。\n");
        let s = "Open Docs Review — 2017-03-09\nReactivity API\nBody text.\n";
        assert_eq!(run(s).0, "Reactivity API\nBody text.\n");
        // A label before the date makes it a dateline, which the structure stage reads.
        for kept in [
            "Last updated: 2023-06-01\nTitle\nBody.\n",
            "发布时间：2017-03-01\n标题\n正文。\n",
        ] {
            assert_eq!(run(kept).0, kept);
        }
        assert!(
            find_numeric_date("2017/3/9").is_some() && find_numeric_date("x2017.03.09").is_some()
        );
        assert!(
            find_numeric_date("12017-03-09x").is_none()
                && find_numeric_date("2017-033-09").is_none()
        );
    }

    /// A page of `n` lines of running text, numbered from `from`.
    fn page(from: usize, n: usize) -> String {
        (from..from + n)
            .map(|k| format!("Line {k} of the running text goes on here,\n"))
            .collect()
    }

    #[test]
    fn a_header_coming_back_at_a_page_interval_without_page_marks() {
        // pdf.js and pypdf join the pages with a plain line break.
        let header = "Research Notes Documentation\n";
        let text = format!(
            "{header}Title\n{}{header}{}{header}{}",
            page(0, 20),
            page(20, 21),
            page(41, 8)
        );
        let (out, kinds) = run(&text);
        assert!(!out.contains("Research Notes"), "{out}");
        assert_eq!(
            kinds
                .iter()
                .filter(|k| **k == FixKind::RunningHeader)
                .count(),
            3
        );
        // The same lines repeated at a page's interval but not over the first page are
        // content (a note under every example).
        let note = "Try it in the Playground\n";
        let text = format!(
            "Title\n{}{note}{}{note}{}{note}",
            page(0, 20),
            page(20, 21),
            page(41, 20)
        );
        assert_eq!(run(&text).0, text);
        // Nor at an interval that changes by more than half.
        let text = format!(
            "{header}Title\n{}{header}{}{header}{}",
            page(0, 14),
            page(14, 30),
            page(44, 20)
        );
        assert_eq!(run(&text).0, text);
    }

    #[test]
    fn a_page_number_beside_a_running_header_goes_with_it() {
        // pypdf joins the pages with a plain line break: the header, then the page number.
        let body: String = (0..30)
            .map(|i| format!("Line {i} of the body text.\n"))
            .collect();
        let s = format!(
            "The Evening Post Documentation\n1\nReactivity API\n{body}toRefs makes refs at call\nThe Evening Post Documentation\n2\ntime. To create one, use toRef.\n"
        );
        let out = run(&s).0;
        assert!(
            out.trim_start_matches('\u{c}')
                .starts_with("Reactivity API\n"),
            "{out:?}"
        );
        assert!(!out.contains("\n2\n") && out.ends_with("time. To create one, use toRef.\n"));
        // Without the header beside it, a number on its own line is content.
        assert!(run("Totals\n1\n2\n").0.contains("1\n2"));
    }

    #[test]
    fn a_site_name_before_the_title_the_next_line_repeats_is_a_masthead() {
        let s = "中国教育报　组件基础\n组件基础\n正文。\n";
        assert_eq!(run(s).0, "组件基础\n正文。\n");
        let s = "City Gazette | Application API\nApplication API\nBody text.\n";
        assert_eq!(run(s).0, "Application API\nBody text.\n");
        // pypdf: a page number and the breadcrumb between.
        let s = "南方日报　外国商会管理暂行规定\n1\n南方日报/1989年/6月/14日\n外国商会管理暂行规定\n正文。\n";
        // The page number beside the masthead goes with it.
        assert_eq!(
            run(s).0.trim_start_matches('\u{c}'),
            "南方日报/1989年/6月/14日\n外国商会管理暂行规定\n正文。\n"
        );
        // A title whose next line is not its end stays, and so does a line that is only the
        // next one (nothing before it to be a name), or a title whose end comes back further
        // down (the title's wrapped half).
        for kept in [
            "组件基础与进阶\n组件基础\n正文。\n",
            "组件基础\n组件基础\n正文。\n",
            "国务院关于规范中介机构为公司公开发行股票提供服务的规定\n国务院关于规范中介机构为公\n司公开发行股票提供服务的规定\n第一条 正文。\n",
        ] {
            assert_eq!(run(kept).0, kept);
        }
    }

    #[test]
    fn copy_label_only_on_its_own_line() {
        let (out, _) = run("正文复制\n四川日报\n请点击正文复制按钮");
        assert_eq!(out, "四川日报\n请点击正文复制按钮");
        // The label's other wording.
        let (out, _) = run("复制正文\n版本发布\n正在检测最新版本。");
        assert_eq!(out, "版本发布\n正在检测最新版本。");
    }

    #[test]
    fn running_header_at_each_page_break() {
        let s = "人民日报 2026年6月12日 星期五\n正文一\n第 1 页 共 2 页\n\u{C}人民日报 2026年6月12日 星期五\n正文二\n";
        let (out, kinds) = run(s);
        assert_eq!(out, "正文一\n\u{C}\u{C}正文二\n");
        assert!(kinds.contains(&FixKind::RunningHeader));
    }

    #[test]
    fn a_header_in_parts_on_lines_of_their_own() {
        // pdftotext gives a header's left and right parts as blocks of their own.
        let head = "人民网\n\n2019-05-13\n\n";
        let s = format!("{head}标题\n正文一\n第 1 页 共 2 页\n\u{C}{head}正文二\n");
        let mut t = Tracked::new(&s);
        let headers = remove_artifacts(&mut t);
        assert!(
            !t.as_str().contains("人民网") && !t.as_str().contains("2019"),
            "{}",
            t.as_str()
        );
        assert!(
            headers.iter().all(|h| h == "人民网 2019-05-13"),
            "{headers:?}"
        );
        // A third part stands next to the second, not to the page mark.
        let head = "人民日报\n\n2024 年 4 月 6 日\n\n星期六\n\n";
        let s = format!("{head}标题\n正文一\n第 1 页 共 2 页\n\u{C}{head}正文二\n");
        let (out, _) = run(&s);
        assert!(
            !out.contains("星期六") && !out.contains("人民日报"),
            "{out}"
        );
        // A short name standing once over the title and once elsewhere is content.
        let s = "人民网\n标题\n正文一\n第 1 页 共 2 页\n\u{C}正文二\n正文三\n人民网\n正文四\n";
        assert!(run(s).0.starts_with("人民网\n"));
    }

    #[test]
    fn lone_number_only_at_page_break() {
        assert_eq!(run("甲\n12\n\u{C}乙").0, "甲\n\u{C}\u{C}乙");
        assert_eq!(run("甲\n12\n乙").0, "甲\n12\n乙");
    }
}

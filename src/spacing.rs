//! Spacing: reflowed paragraphs → paragraphs without the spaces a PDF's font switches put
//! into Chinese text (`2023 年`, `“ 学思想”`, `X建引领· 天府论坛`, `WebRTC ，即`), keeping the
//! spaces that mean something (two halves of a title, names in a byline, English text,
//! `1+1+3`).
//!
//! Spaces next to full-width punctuation are always artifacts: no writer puts one there.
//! Whether a space between CJK and Latin/digits is an artifact depends on the document: some
//! writers put one there on purpose (`从 2010 年开始`). The document votes (see `Style`).
//!
//! Optionally, half-width punctuation inside Chinese sentences becomes full-width first
//! (`,` → `，`, `(X组)` → `（X组）`), never inside URLs, numbers or Latin text.

use crate::edit::{Edit, FixKind, Tracked};
use crate::shapes::{is_bullet, is_fullwidth_closer, is_fullwidth_opener};
use crate::text::{is_cjk, is_cjk_punct, is_han, is_kana};
use crate::CleanOptions;

/// Runs the spacing pass (and the optional full-width punctuation pass) over `text`.
pub fn fix_spacing(text: &mut Tracked, options: &CleanOptions) {
    if options.fullwidth_punctuation {
        let edits = plan_fullwidth(text.as_str());
        text.apply(edits);
    }
    if !options.fix_spacing && !options.pangu {
        return;
    }
    let edits = plan_space_fixes(text.as_str(), options);
    text.apply(edits);
}

fn is_latin_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '%'
}

fn is_ideo(c: char) -> bool {
    is_han(c) || is_kana(c)
}

/// The middle dot that joins the parts of a foreign name or a title (`保罗·埃尔德什`).
fn is_middle_dot(c: char) -> bool {
    matches!(c, '·' | '・' | '•' | '‧')
}

/// Counts of how CJK meets Latin/digits in the document: the evidence for its spacing style.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Style {
    /// CJK then spaces then Latin/digit, or the reverse.
    spaced: usize,
    /// CJK directly against Latin/digit.
    tight: usize,
    /// Ideograph, two or more spaces, Latin/digit: an extractor that adds a space at every
    /// font switch (pypdf) shows a real space as two.
    doubled: usize,
    /// Ideograph, one space, Latin/digit.
    single_before_latin: usize,
    /// A space between full-width punctuation and Latin/digit (`， AI`, `WebRTC ，`).
    punct_spaced: usize,
    /// A space inside quotes (`“ 学思想`, `学思想 ”`).
    quote_spaces: usize,
}

impl Style {
    fn of(s: &str) -> Style {
        let mut st = Style::default();
        let mut prev: Option<char> = None;
        let mut run = 0usize;
        let mut before_run: Option<char> = None;
        for c in s.chars() {
            if c == ' ' {
                if run == 0 {
                    before_run = prev;
                }
                run += 1;
                prev = Some(c);
                continue;
            }
            if run > 0 {
                if let Some(b) = before_run {
                    let mixed =
                        is_ideo(b) && is_latin_or_digit(c) || is_latin_or_digit(b) && is_ideo(c);
                    if mixed {
                        st.spaced += 1;
                    }
                    if is_ideo(b) && is_latin_or_digit(c) {
                        if run >= 2 {
                            st.doubled += 1;
                        } else {
                            st.single_before_latin += 1;
                        }
                    }
                    let punct = |x: char| is_cjk_punct(x) && !is_middle_dot(x);
                    if punct(b) && is_latin_or_digit(c) || is_latin_or_digit(b) && punct(c) {
                        st.punct_spaced += 1;
                    }
                    if matches!(b, '“' | '‘') || matches!(c, '”' | '’') {
                        st.quote_spaces += 1;
                    }
                }
            } else if let Some(p) = prev {
                if is_ideo(p) && is_latin_or_digit(c) || is_latin_or_digit(p) && is_ideo(c) {
                    st.tight += 1;
                }
            }
            run = 0;
            prev = Some(c);
        }
        st
    }

    /// Whether the extractor put a space at every font switch, so that the writer's spaces
    /// show doubled and a single one is padding.
    fn pads_font_switches(&self) -> bool {
        self.doubled >= 3 && self.doubled >= self.single_before_latin
    }

    /// Whether spaces between CJK and Latin/digits are artifacts to remove.
    ///
    /// They are the writer's when an extractor that pads every font switch shows them doubled,
    /// or when the text spaces CJK and Latin far more often than not, with no sign of the
    /// padding extractor (no space between full-width punctuation and Latin while nothing is
    /// tight) and no stray spaces inside quotes.
    fn spaces_are_artifacts(&self) -> bool {
        let doubled = self.pads_font_switches();
        let padded = self.tight == 0 && self.punct_spaced > 0;
        let mostly_spaced = self.spaced > 0 && self.tight * 4 < self.spaced;
        !(doubled || self.quote_spaces < 3 && mostly_spaced && !padded)
    }
}

/// Whether the writer of `s` puts a space between CJK and Latin text or digits (`从 2010 年`),
/// as opposed to an extractor padding font switches.
pub(crate) fn writer_spaces_mixed(s: &str) -> bool {
    !Style::of(s).spaces_are_artifacts()
}

/// The spaces to remove (PDF font-switch padding) or add (pangu) in every paragraph.
fn plan_space_fixes(s: &str, options: &CleanOptions) -> Vec<Edit> {
    let style = Style::of(s);
    let remove_mixed = options.fix_spacing && !options.pangu && style.spaces_are_artifacts();
    let padded = style.pads_font_switches();
    let mut edits = Vec::new();
    let mut chars = Vec::new();
    for (start, para) in paragraphs(s) {
        chars.clear();
        chars.extend(para.char_indices());
        plan_paragraph(
            &chars,
            para.len(),
            start,
            (remove_mixed, padded),
            options,
            &mut edits,
        );
    }
    edits
}

fn paragraphs(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    s.split('\n').map(move |p| {
        let at = start;
        start += p.len() + 1;
        (at, p)
    })
}

/// Whether the run of spaces between `a` and `b` is an artifact to remove. `before_a` is the
/// char before `a`, if any.
fn space_is_artifact(before_a: Option<char>, a: char, b: char, remove_mixed: bool) -> bool {
    let word = |c: char| is_ideo(c) || is_latin_or_digit(c);
    // After a bullet that opens the paragraph (`• 第三项`): a list item's marker, not a
    // middle dot or CJK punctuation, whatever else the char may be.
    if before_a.is_none() && is_bullet(a) {
        return false;
    }
    // After an opening quote or bracket, before a closing one; inside ASCII brackets around
    // CJK text (`( 单向流 )`).
    if is_fullwidth_opener(a)
        || is_fullwidth_closer(b)
        || a == '(' && is_ideo(b)
        || is_ideo(a) && b == ')'
    {
        return true;
    }
    // Around a middle dot between CJK words (`X建引领· 天府论坛`, `保罗 ·埃尔德什`).
    if is_middle_dot(a) && (is_cjk(b) || before_a.is_some_and(is_ideo))
        || is_middle_dot(b) && is_ideo(a)
    {
        return true;
    }
    // After a closing quote, before CJK text (`“好” 的`).
    if matches!(a, '”' | '’') {
        return is_cjk(b) || is_latin_or_digit(b) && remove_mixed;
    }
    // After full-width punctuation (`， AI`), before it (`WebRTC ，`), and before an opening
    // quote or bracket that follows a word (`提出 “时空`, `LIBS （TSMM`).
    if is_cjk_punct(a) && (word(b) || is_cjk(b) || is_latin_lead(b)) {
        return true;
    }
    if is_cjk_punct(b) && !is_fullwidth_opener(b) && (word(a) || is_cjk(a)) {
        return true;
    }
    if is_fullwidth_opener(b) && word(a) {
        return true;
    }
    // Before an ASCII question or exclamation mark that ends a CJK sentence (`是什么 ?`).
    if is_ideo(a) && matches!(b, '?' | '!') {
        return true;
    }
    // An ASCII comma or colon used as Chinese punctuation (`专项分析, 一人一册`).
    if matches!(a, ',' | ';' | ':') && before_a.is_some_and(is_han) && is_han(b) {
        return true;
    }
    remove_mixed
        && (is_ideo(a) && (is_latin_or_digit(b) || is_latin_lead(b))
            || is_latin_or_digit(a) && is_ideo(b))
}

/// Whether the space at `chars[i..j]` is one of the two an extractor put around a hyphen or
/// slash joining Chinese words (`客户端 - 服务器`, `小的 / 无序的`): the symbol is in the Latin
/// font, and each font switch got a space.
fn pads_a_joiner(chars: &[(usize, char)], i: usize, j: usize) -> bool {
    let at = |k: Option<usize>| k.and_then(|k| chars.get(k)).map(|&(_, c)| c);
    let joiner = |c: Option<char>| matches!(c, Some('-' | '/'));
    let ideo = |c: Option<char>| c.is_some_and(is_ideo);
    // Space, joiner, optional space, ideograph: the space after an ideograph.
    let before_joiner = ideo(at(i.checked_sub(1)))
        && joiner(at(Some(j)))
        && (ideo(at(Some(j + 1))) || at(Some(j + 1)) == Some(' ') && ideo(at(Some(j + 2))));
    // Ideograph, optional space, joiner, space, ideograph: the space after the joiner.
    let after_joiner = joiner(at(i.checked_sub(1)))
        && ideo(at(Some(j)))
        && (ideo(at(i.checked_sub(2)))
            || at(i.checked_sub(2)) == Some(' ') && ideo(at(i.checked_sub(3))));
    before_joiner || after_joiner
}

/// ASCII symbols that lead a Latin token (`*ST`, `#1`, `@user`, `$5`, `+86`).
fn is_latin_lead(c: char) -> bool {
    matches!(c, '*' | '#' | '@' | '$' | '+' | '&' | '~')
}

/// `(remove_mixed, padded)`: spaces between CJK and Latin text are artifacts; the extractor
/// padded every font switch (see [`Style::pads_font_switches`]).
fn plan_paragraph(
    chars: &[(usize, char)],
    len: usize,
    base: usize,
    (remove_mixed, padded): (bool, bool),
    options: &CleanOptions,
    edits: &mut Vec<Edit>,
) {
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c != ' ' {
            if options.pangu && i + 1 < chars.len() {
                let n = chars[i + 1].1;
                if is_ideo(c) && is_latin_or_digit(n) && n != '%'
                    || is_latin_or_digit(c) && is_ideo(n)
                {
                    let pos = base + chars[i + 1].0;
                    edits.push(Edit::replace(pos..pos, " ", FixKind::SpaceAdded));
                }
            }
            i += 1;
            continue;
        }
        // A run of spaces between chars[i - 1] and chars[j].
        let mut j = i;
        while j < chars.len() && chars[j].1 == ' ' {
            j += 1;
        }
        let end = chars.get(j).map_or(len, |&(e, _)| e);
        let (Some(&(_, a)), Some(&(_, b))) =
            (i.checked_sub(1).and_then(|k| chars.get(k)), chars.get(j))
        else {
            i = j;
            continue;
        };
        let before_a = i.checked_sub(2).map(|k| chars[k].1);
        let padding = padded && j - i == 1 && pads_a_joiner(chars, i, j);
        if options.fix_spacing && (padding || space_is_artifact(before_a, a, b, remove_mixed)) {
            edits.push(Edit::delete(base + at..base + end, FixKind::SpaceRemoved));
        } else if j - i > 1 && (options.fix_spacing || is_ideo(a) || is_ideo(b)) {
            // A run of spaces inside a paragraph is one space that the extractor widened.
            edits.push(Edit::delete(base + at + 1..base + end, FixKind::Whitespace));
        }
        i = j;
    }
}

/// Half-width punctuation that has a full-width form used in Chinese text.
fn fullwidth_of(c: char) -> Option<&'static str> {
    Some(match c {
        ',' => "，",
        '.' => "。",
        ';' => "；",
        ':' => "：",
        '?' => "？",
        '!' => "！",
        '(' => "（",
        ')' => "）",
        _ => return None,
    })
}

/// Plans the optional conversion of half-width punctuation inside Chinese sentences: a mark
/// that follows a Han character (or closes a bracket opened after one) and is followed by CJK
/// text, a space or the end of the paragraph. Digits (`1.7`), Latin text, URLs and code keep
/// their punctuation because the char before the mark is not Han there.
fn plan_fullwidth(s: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut chars: Vec<(usize, char)> = Vec::new();
    for (base, para) in paragraphs(s) {
        chars.clear();
        chars.extend(para.char_indices());
        let mut open: Option<usize> = None;
        let mut in_url = false;
        for k in 0..chars.len() {
            let (at, c) = chars[k];
            if c.is_whitespace() || is_cjk(c) {
                in_url = false;
            } else if !in_url && (para[at..].starts_with("http") || para[at..].starts_with("www."))
            {
                in_url = true;
            }
            if in_url {
                continue;
            }
            let prev = k.checked_sub(1).map(|p| chars[p].1);
            let next = chars.get(k + 1).map(|&(_, n)| n);
            let after_han = prev.is_some_and(|p| is_han(p) || is_fullwidth_closer(p));
            let before_cjk =
                next.is_none_or(|n| is_cjk(n) || n == ' ' || is_latin_or_digit(n) && c != '.');
            let replace = |edits: &mut Vec<Edit>, rep: &'static str| {
                edits.push(Edit::replace(
                    base + at..base + at + c.len_utf8(),
                    rep,
                    FixKind::Punctuation,
                ));
            };
            match c {
                '(' => {
                    let inner_han = chars[k + 1..]
                        .iter()
                        .take(40)
                        .take_while(|&&(_, x)| x != ')' && x != '(')
                        .any(|&(_, x)| is_han(x));
                    if let Some(unclosed) = open.take() {
                        edits.remove(unclosed);
                    }
                    if prev.is_some_and(is_han) || inner_han {
                        open = Some(edits.len());
                        replace(&mut edits, "（");
                    } else {
                        open = None;
                    }
                }
                ')' if open.take().is_some() => replace(&mut edits, "）"),
                '.' if after_han && next.is_none_or(|n| is_cjk(n) || n == ' ') => {
                    replace(&mut edits, "。")
                }
                ',' | ';' | ':' | '?' | '!' if after_han && before_cjk => {
                    if let Some(rep) = fullwidth_of(c) {
                        replace(&mut edits, rep);
                    }
                }
                _ => {}
            }
        }
        if let Some(unclosed) = open {
            edits.remove(unclosed);
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, options: &CleanOptions) -> String {
        let mut t = Tracked::new(s);
        fix_spacing(&mut t, options);
        t.as_str().to_owned()
    }

    #[test]
    fn removes_font_switch_spaces() {
        let o = CleanOptions::default();
        assert_eq!(
            run("2023 年,是X的开局之年,“ 学思想” 的火热课堂", &o),
            "2023年,是X的开局之年,“学思想”的火热课堂"
        );
        assert_eq!(
            run("举办第三届“ X建引领· 天府论坛”。专项分析, 一人一册", &o),
            "举办第三届“X建引领·天府论坛”。专项分析,一人一册"
        );
        assert_eq!(run("“ 1+1+3”“ 1+2” 意见", &o), "“1+1+3”“1+2”意见");
        assert_eq!(run("WebTransport 是什么 ?", &o), "WebTransport 是什么?");
    }

    #[test]
    fn a_bullet_opening_a_paragraph_keeps_its_space() {
        // `•` is also CJK punctuation and a middle dot: only inside a paragraph.
        let o = CleanOptions::default();
        assert_eq!(run("• 第三项\n· 第四项", &o), "• 第三项\n· 第四项");
        assert_eq!(run("保罗 •埃尔德什", &o), "保罗•埃尔德什");
        let a = crate::analyze("• 第一项\n• 第二项\n• 第三项\n", &crate::Options::default());
        assert!(
            a.edits.iter().all(|f| f.kind != FixKind::SpaceRemoved),
            "{a:?}"
        );
        assert_eq!(a.blocks.last().map(|b| b.text.as_str()), Some("• 第三项"));
    }

    #[test]
    fn spaces_next_to_fullwidth_punctuation_go() {
        let o = CleanOptions::default();
        // pypdf pads every switch between the Latin and the CJK font.
        assert_eq!(
            run(
                "研究团队创新提出 “时空介质协同调制LIBS （TSMM-LIBS ）”技术方案",
                &o
            ),
            "研究团队创新提出“时空介质协同调制LIBS（TSMM-LIBS）”技术方案"
        );
        assert_eq!(
            run("利亚姆 ·普莱斯在大语言模型中， AI还能够。 LIBS技术", &o),
            "利亚姆·普莱斯在大语言模型中，AI还能够。LIBS技术"
        );
        // ASCII brackets keep the writer's spaces outside, not the padding inside.
        assert_eq!(
            run("单向流 (字节流) 、双向流", &o),
            "单向流 (字节流) 、双向流"
        );
        assert_eq!(
            run("单向流 ( 字节流 ) 、双向流", &o),
            "单向流 (字节流) 、双向流"
        );
    }

    #[test]
    fn keeps_meaningful_spaces() {
        let o = CleanOptions::default();
        assert_eq!(
            run("奋进现代化建设新征程 彰显组织工作新担当新作为", &o),
            "奋进现代化建设新征程 彰显组织工作新担当新作为"
        );
        assert_eq!(
            run("This is English, with spaces.", &o),
            "This is English, with spaces."
        );
        // A writer who always spaces CJK and Latin keeps those spaces.
        assert_eq!(
            run("从 2010 年开始，WebRTC 就是 Web 实时通信的标准。", &o),
            "从 2010 年开始，WebRTC 就是 Web 实时通信的标准。"
        );
    }

    #[test]
    fn style_vote() {
        // pypdf shows the writer's own space as two, its padding as one.
        let pypdf_spaced = "从  2010 年开始，⾕歌引⼊了  WebRTC 来解决。基于  WebSocket 的  WebRTC 已经不是。协议（ API 集合）";
        assert!(!Style::of(pypdf_spaced).spaces_are_artifacts());
        let pypdf_news = "近日， *ST 创兴、 *ST 沪科 3 只个股，截至 6 月 8 日， A 股市场";
        assert!(Style::of(pypdf_news).spaces_are_artifacts());
        let tight = "截至6月8日，A股市场ST公司约238家，2026 年起";
        assert!(Style::of(tight).spaces_are_artifacts());
        assert_eq!(
            run(pypdf_spaced, &CleanOptions::default()),
            "从 2010 年开始，⾕歌引⼊了 WebRTC 来解决。基于 WebSocket 的 WebRTC 已经不是。协议（API 集合）"
        );
    }

    #[test]
    fn padding_around_a_hyphen_or_slash_between_chinese_words_goes() {
        // pypdf: the writer's spaces doubled, the hyphen and slash padded as font switches.
        let pypdf = "从  2010 年开始，基于  WebSocket 的  WebRTC 已经不是。可插拔的客户端 - 服务器通信协议，数据报文 ( 小的 / 无序的 / 不可靠的消息 )";
        assert_eq!(
            run(pypdf, &CleanOptions::default()),
            "从 2010 年开始，基于 WebSocket 的 WebRTC 已经不是。可插拔的客户端-服务器通信协议，数据报文 (小的/无序的/不可靠的消息)"
        );
        // Without that evidence a spaced dash is the writer's (a page title and its site).
        let title = "三峡水运新通道开工 - 新华网，2026年6月12日";
        assert_eq!(run(title, &CleanOptions::default()), title);
        // Latin on either side is not a Chinese compound.
        let latin =
            "从  2010 年开始，基于  WebSocket 的  WebRTC 已经不是。TCP / IP 协议和 A - B 测试";
        assert!(run(latin, &CleanOptions::default()).ends_with("TCP / IP 协议和 A - B 测试"));
    }

    #[test]
    fn pangu_style() {
        let o = CleanOptions {
            pangu: true,
            ..CleanOptions::default()
        };
        assert_eq!(run("在2023年使用WebRTC", &o), "在 2023 年使用 WebRTC");
        let once = run("在2023年使用WebRTC", &o);
        assert_eq!(run(&once, &o), once);
    }

    #[test]
    fn fullwidth_punctuation_option() {
        let o = CleanOptions {
            fullwidth_punctuation: true,
            ..CleanOptions::default()
        };
        assert_eq!(
            run("2023年,是X委(X组)的开局之年:专项分析, 一人一册.", &o),
            "2023年，是X委（X组）的开局之年：专项分析，一人一册。"
        );
        // Numbers, URLs, code and English keep theirs.
        let kept = "增长1.7个百分点，见https://a.cn/x,y。代码f(x), Hello, world.";
        assert_eq!(run(kept, &o), kept);
        let once = run("分析 , 一(甲", &o);
        assert_eq!(run(&once, &o), once);
        assert!(!run("", &o).contains('（'));
    }
}

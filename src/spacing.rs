//! Spacing: reflowed paragraphs → paragraphs without the spaces a PDF's font switches put
//! into Chinese text (`2023 年`, `“ 学思想”`, `X建引领· 天府论坛`), keeping the spaces that
//! mean something (two halves of a title, names in a byline, English text, `1+1+3`).
//!
//! Whether a space between CJK and Latin/digits is an artifact depends on the document:
//! some writers put one there on purpose (`从 2010 年开始`). The document votes: if CJK
//! text also meets Latin letters or digits with no space, or quotes carry stray spaces,
//! the spaces are font-switch artifacts.

use crate::edit::{Edit, FixKind, Tracked};
use crate::text::{is_cjk, is_cjk_punct, is_han};
use crate::CleanOptions;

/// Runs the spacing pass over `text`.
pub fn fix_spacing(text: &mut Tracked, options: &CleanOptions) {
    if !options.fix_spacing && !options.pangu {
        return;
    }
    let edits = plan(text.as_str(), options);
    text.apply(edits);
}

fn is_latin_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '%'
}

/// Opening quotes and brackets, and the middle dot, after which CJK text never has a space.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '「' | '『' | '《' | '（' | '【' | '〔' | '·' | '・'
    )
}

/// Counts of how CJK meets Latin/digits in the document.
#[derive(Debug, Default, Clone, Copy)]
struct Style {
    spaced: usize,
    tight: usize,
    quote_spaces: usize,
}

impl Style {
    fn of(s: &str) -> Style {
        let mut st = Style::default();
        let mut prev: Option<char> = None;
        let mut before_space: Option<char> = None;
        for c in s.chars() {
            if c == ' ' {
                if prev.is_some() && prev != Some(' ') {
                    before_space = prev;
                }
                prev = Some(c);
                continue;
            }
            if let Some(p) = prev {
                if p == ' ' {
                    if let Some(b) = before_space {
                        if is_han(b) && is_latin_or_digit(c) || is_latin_or_digit(b) && is_han(c) {
                            st.spaced += 1;
                        }
                        if (is_opener(b) || matches!(b, '”' | '’')) && is_han(c) {
                            st.quote_spaces += 1;
                        }
                    }
                } else if is_han(p) && is_latin_or_digit(c) || is_latin_or_digit(p) && is_han(c) {
                    st.tight += 1;
                }
            }
            prev = Some(c);
        }
        st
    }

    /// Whether spaces between CJK and Latin/digits are artifacts to remove.
    fn spaces_are_artifacts(&self) -> bool {
        self.quote_spaces > 0 || self.tight * 2 >= self.spaced
    }
}

fn plan(s: &str, options: &CleanOptions) -> Vec<Edit> {
    let style = Style::of(s);
    let remove_mixed = options.fix_spacing && !options.pangu && style.spaces_are_artifacts();
    let mut edits = Vec::new();
    for (start, para) in paragraphs(s) {
        plan_paragraph(para, start, remove_mixed, options, &mut edits);
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

fn plan_paragraph(
    p: &str,
    base: usize,
    remove_mixed: bool,
    options: &CleanOptions,
    edits: &mut Vec<Edit>,
) {
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c != ' ' {
            if options.pangu && i + 1 < chars.len() {
                let n = chars[i + 1].1;
                if is_han(c) && is_latin_or_digit(n) && n != '%'
                    || is_latin_or_digit(c) && is_han(n)
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
        let (Some(&(_, a)), Some(&(end, b))) =
            (i.checked_sub(1).and_then(|k| chars.get(k)), chars.get(j))
        else {
            i = j;
            continue;
        };
        let remove = options.fix_spacing
            && ((is_opener(a) || matches!(a, '”' | '’'))
                && (is_cjk(b) || is_opener(b) || is_latin_or_digit(b) && remove_mixed)
                || is_cjk_punct(a) && !is_opener(a) && !matches!(a, '”' | '’') && is_cjk(b)
                || is_han(a) && matches!(b, '”' | '’' | '，' | '。' | '、' | '：' | '；')
                || matches!(a, ',' | ';' | ':') && i >= 2 && is_han(chars[i - 2].1) && is_han(b)
                || remove_mixed
                    && (is_han(a) && is_latin_or_digit(b) || is_latin_or_digit(a) && is_han(b)));
        if remove {
            edits.push(Edit::delete(base + at..base + end, FixKind::SpaceRemoved));
        } else if options.pangu && j - i > 1 && (is_han(a) || is_han(b)) {
            edits.push(Edit::delete(
                base + at + 1..base + end,
                FixKind::SpaceRemoved,
            ));
        }
        i = j;
    }
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
    fn pangu_style() {
        let o = CleanOptions {
            pangu: true,
            ..CleanOptions::default()
        };
        assert_eq!(run("在2023年使用WebRTC", &o), "在 2023 年使用 WebRTC");
        let once = run("在2023年使用WebRTC", &o);
        assert_eq!(run(&once, &o), once);
    }
}

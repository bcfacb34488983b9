//! The pangu + full-width option: text → text spaced and punctuated as AutoCorrect 2.14
//! (`autocorrect::format`) does plain text: spaces between CJK (Hangul included) and Latin
//! words, numbers, `+`/`|`/`-` separators and ASCII brackets; `,` `?` `.` `:` `!` full-width
//! inside Chinese sentences; no space next to full-width punctuation or curly quotes. After
//! AutoCorrect (MIT, Copyright (c) 2020 Jason Lee; `licenses/LICENSE.autocorrect`, THIRD_PARTY.md).

use super::pangu::{edits, Ch, Text};
use crate::edit::Edit;

/// AutoCorrect's CJK: Han, Hangul, kana and bopomofo.
fn is_cjk(c: char) -> bool {
    is_cj(c)
        || matches!(c as u32,
            0x1100..=0x11FF | 0x3131..=0x318E | 0xA960..=0xA97C | 0xAC00..=0xD7A3 | 0xD7B0..=0xD7FB)
}

/// … and without Hangul (the full-width rule's `\p{CJ}`).
fn is_cj(c: char) -> bool {
    crate::text::is_han(c)
        || matches!(c as u32, 0x3041..=0x3096 | 0x309D..=0x309F | 0x30A1..=0x30FA | 0x30FD..=0x30FF
            | 0x31F0..=0x31FF | 0x3105..=0x312F | 0x31A0..=0x31BF)
}

fn is_an(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// The edits that format `s` as AutoCorrect does.
pub(crate) fn plan(s: &str) -> Vec<Edit> {
    if !s.chars().any(is_cjk) {
        return Vec::new();
    }
    let mut t = Text::new(s);
    words(&mut t);
    separators(&mut t);
    // ASCII brackets against CJK.
    t.space_before(|t, k| {
        is_cjk(t.vis(k - 1)) && matches!(t.vis(k), '[' | '(')
            || matches!(t.vis(k - 1), ']' | ')') && is_cjk(t.vis(k))
    });
    fullwidth(&mut t);
    no_space_by_fullwidth(&mut t);
    edits(s, &t)
}

/// CJK against Latin letters and digits, signed numbers, `10%`, `C++` and `C#`.
fn words(t: &mut Text) {
    // CJK then a letter or digit; a letter or digit (not after `%`, `$`, `\`) then CJK.
    t.space_before(|t, k| {
        is_cjk(t.vis(k - 1)) && is_an(t.vis(k))
            || is_an(t.vis(k - 1))
                && is_cjk(t.vis(k))
                && (k < 2 || !matches!(t.vis(k - 2), '%' | '$' | '\\'))
    });
    // CJK then a signed number, and a signed number then CJK.
    t.space_before(|t, k| {
        is_cjk(t.vis(k - 1))
            && matches!(t.vis(k), '-' | '+')
            && t.c(k + 1).is_some_and(|n| n.is_ascii_digit())
    });
    t.space_before(|t, k| {
        if !is_cjk(t.vis(k)) {
            return false;
        }
        let mut i = k;
        while i > 0 && t.vis(i - 1).is_ascii_digit() {
            i -= 1;
        }
        i < k && i > 0 && matches!(t.vis(i - 1), '-' | '+')
    });
    // `10%`, `C++`, `C#` before CJK.
    t.space_before(|t, k| {
        if !is_cjk(t.vis(k)) {
            return false;
        }
        let p = t.vis(k - 1);
        if p == '%' {
            return k >= 2 && t.vis(k - 2).is_ascii_digit();
        }
        let mut i = k;
        while i > 0 && matches!(t.vis(i - 1), '+' | '#') {
            i -= 1;
        }
        i < k && i > 0 && is_an(t.vis(i - 1))
    });
}

/// `|`, `+` and `-` between CJK words (or quotes and brackets around them) are separators
/// with a space on both sides (`“腾讯” - 发布`); `!` before CJK takes a space after it.
fn separators(t: &mut Text) {
    let left = |c: char| is_cjk(c) || matches!(c, '”' | '’');
    let left_far = |c: char| is_cjk(c) || c.is_whitespace() || "）】」”’》".contains(c);
    let right = |c: char| is_cjk(c) || matches!(c, '“' | '‘');
    let right_near = |c: char| is_cjk(c) || c.is_whitespace() || "（【「《“‘".contains(c);
    for sep in ['|', '+', '-'] {
        t.space_before(|t, k| {
            t.vis(k) == sep && left(t.vis(k - 1)) && t.c(k + 1).is_some_and(right_near)
        });
        t.space_before(|t, k| {
            right(t.vis(k)) && t.vis(k - 1) == sep && k >= 2 && left_far(t.vis(k - 2))
        });
    }
    t.space_before(|t, k| t.vis(k - 1) == '!' && is_cjk(t.vis(k)));
}

/// Half-width punctuation inside Chinese sentences becomes full-width: `,` and `?` after a
/// word and before CJK, or right after CJK; `.`, `:` and `!` between CJK, or after CJK at
/// the end (a closing straight quote allowed). Spaces after a converted mark go. `;` is
/// left alone, as AutoCorrect leaves it (`中文;中文`).
fn fullwidth(t: &mut Text) {
    let n = t.v.len();
    let mut drop = Vec::new();
    for k in 1..n {
        let c = t.v[k].c;
        let to = match c {
            ',' => '，',
            '?' => '？',
            '.' => '。',
            ':' => '：',
            '!' => '！',
            _ => continue,
        };
        let prev = t.v[k - 1].c;
        let spaces = t.spaces_from(k + 1);
        let next = t.c(k + 1 + spaces);
        let convert = if matches!(c, ',' | '?') {
            is_cj(prev) || (is_an(prev) || prev == '_') && next.is_some_and(is_cj)
        } else {
            let at_end = match next {
                None => true,
                Some('"' | '\'') => t.c(k + 2 + spaces).is_none_or(|e| e == '\n'),
                Some('\n') => true,
                _ => false,
            };
            is_cj(prev) && (next.is_some_and(is_cj) || at_end)
        };
        if convert {
            t.v[k] = Ch {
                c: to,
                from: None,
                hidden: false,
            };
            if next.is_some_and(|x| x != '\n') {
                drop.extend(k + 1..k + 1 + spaces);
            }
        }
    }
    t.remove(&drop);
}

/// No space between a word and full-width punctuation or a curly quote.
fn no_space_by_fullwidth(t: &mut Text) {
    let fw = |c: char| "，。、！？：；（）「」《》【】“”‘’".contains(c);
    let word = |c: char| c.is_alphanumeric() || c == '_' || is_cjk(c) || c == '`';
    let n = t.v.len();
    let mut drop = Vec::new();
    let mut k = 0;
    while k < n {
        if t.v[k].c != ' ' || k == 0 {
            k += 1;
            continue;
        }
        let run = t.spaces_from(k);
        let (a, b) = (t.v[k - 1].c, t.c(k + run));
        if let Some(b) = b {
            if fw(a) && word(b) || word(a) && fw(b) {
                drop.extend(k..k + run);
            }
        }
        k += run;
    }
    t.remove(&drop);
}

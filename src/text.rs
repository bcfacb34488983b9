//! Character classes shared by the stages (the shapes of lines are in `shapes`).

/// A Han ideograph (CJK Unified, extensions, compatibility) or a radical.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3005 | 0x3007 | 0x3021..=0x3029 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Kana, which behave like Han in spacing and line joining.
pub fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x31F0..=0x31FF)
}

/// CJK or full-width punctuation (`，。、；：？！“”‘’（）《》【】…—·` and the like).
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x3004 | 0x3008..=0x3020 | 0x3030..=0x303F | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·' | '•' | '‧')
}

/// A character of CJK running text: Han, kana or CJK punctuation.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_kana(c) || is_cjk_punct(c)
}

/// Full-width forms (`０-９`, `Ａ-Ｚ` …) that take two columns.
pub fn is_fullwidth(c: char) -> bool {
    matches!(c as u32, 0xFF01..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// Whether `c` is a Chinese numeral used in headings (一 … 十, 百, 零, 〇).
pub fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '零'
            | '〇'
            | '两'
    )
}

/// Parses a Chinese numeral (一 … 九十九) into its value.
pub fn parse_cn_numeral(s: &str) -> Option<u32> {
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => None,
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        [h, '百', rest @ ..] => {
            let tail: String = rest.iter().filter(|c| **c != '零').collect();
            Some(
                digit(*h)? * 100
                    + if tail.is_empty() {
                        0
                    } else {
                        parse_cn_numeral(&tail)?
                    },
            )
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_han('中') && is_han('⼈') && is_han('𦡦'));
        assert!(is_cjk_punct('，') && is_cjk_punct('“') && !is_cjk_punct(','));
    }

    #[test]
    fn cn_numerals() {
        assert_eq!(parse_cn_numeral("三"), Some(3));
        assert_eq!(parse_cn_numeral("十"), Some(10));
        assert_eq!(parse_cn_numeral("十二"), Some(12));
        assert_eq!(parse_cn_numeral("二十"), Some(20));
        assert_eq!(parse_cn_numeral("九十九"), Some(99));
        assert_eq!(parse_cn_numeral("一百零五"), Some(105));
        assert_eq!(parse_cn_numeral("甲"), None);
    }
}

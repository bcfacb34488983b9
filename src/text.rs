//! Character classes shared by the stages (the shapes of lines are in `shapes`).

/// A Han ideograph (CJK Unified, extensions, compatibility) or a radical.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3005 | 0x3007 | 0x3021..=0x3029 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// CJK Unified Ideographs, the basic block: most characters of a Chinese text. Tested first
/// on hot paths because the finer classes (`char::is_numeric`, [`is_cjk`], [`is_cjk_punct`])
/// search tables or many ranges for every non-ASCII character.
pub(crate) fn is_basic_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// How many chars of [`is_basic_ideograph`] `s` starts with, read on the bytes (U+4E00..U+9FFF
/// is E4 B8 80..E9 BF BF in UTF-8), so that a pass over Chinese text can step over a run of
/// them without decoding each.
pub(crate) fn basic_ideograph_run(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    // A lead byte E4..E9 starts a 3-byte char (`s` is valid UTF-8).
    while let Some(&lead) = b.get(i) {
        if (0xE5..=0xE9).contains(&lead) || lead == 0xE4 && b[i + 1] >= 0xB8 {
            i += 3;
        } else {
            break;
        }
    }
    i / 3
}

/// The UTF-16 length of whole UTF-8 characters: one unit per byte that starts a character,
/// one more for each 4-byte (astral) character. Eight bytes at a time, as bits of a `u64`
/// (the binding measures the whole input and cleaned text this way: byte by byte it was 1.3%
/// of `analyze` in wasm).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // the binding's; tested here
pub(crate) fn utf16_len(bytes: &[u8]) -> u32 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let one = |b: u8| u32::from((b & 0xC0) != 0x80) + u32::from(b >= 0xF0);
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0u32;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().expect("chunks of 8 bytes"));
        // Bit 7 of each byte, with bit 6 (x << 1), 5 and 4 (x << 2, x << 3) moved beside it: a
        // continuation byte is 10xxxxxx, the lead of a 4-byte character 11110xxx.
        let continuation = x & !(x << 1) & HIGH;
        let astral = x & (x << 1) & (x << 2) & (x << 3) & HIGH;
        n += 8 - continuation.count_ones() + astral.count_ones();
    }
    n + chunks.remainder().iter().map(|&b| one(b)).sum::<u32>()
}

/// How many characters of `s` are not whitespace (`char::is_whitespace`), counted on the
/// bytes: only a space's own bytes are looked at closely, so the many characters of Chinese
/// text are not decoded one by one (the structure stage counts every paragraph several
/// times: decoding was 5.7% of `analyze` in wasm on a novel).
pub fn non_space_chars(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        let lead = b[i];
        // The whitespace outside ASCII, by its UTF-8 bytes: U+0085, U+00A0 (C2 …), U+1680
        // (E1 9A 80), U+2000–U+200A, U+2028, U+2029, U+202F (E2 80 …), U+205F (E2 81 9F),
        // U+3000 (E3 80 80).
        let space = match lead {
            b'\t'..=b'\r' | b' ' => true,
            0xC2 => matches!(b.get(i + 1), Some(0x85 | 0xA0)),
            0xE1 => b.get(i + 1..i + 3) == Some(&[0x9A, 0x80]),
            0xE2 => match b.get(i + 1..i + 3) {
                Some(&[0x80, x]) => matches!(x, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                Some(&[0x81, x]) => x == 0x9F,
                _ => false,
            },
            0xE3 => b.get(i + 1..i + 3) == Some(&[0x80, 0x80]),
            _ => false,
        };
        n += usize::from(!space);
        // The length of the character from its lead byte (a `str` is valid UTF-8).
        i += match lead {
            0..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
    }
    n
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
    fn non_space_chars_counts_as_is_whitespace_does() {
        let naive = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("{c}a{c}中{c}");
            assert_eq!(non_space_chars(&s), naive(&s), "{c:?}");
        }
        for s in [
            "",
            " ",
            "第 1 页\u{3000}共\u{a0}3 页",
            "𦡦 👪\t\r\n",
            "\u{2028}\u{205f}x",
        ] {
            assert_eq!(non_space_chars(s), naive(s), "{s:?}");
        }
    }

    #[test]
    fn utf16_len_is_the_length_in_utf16() {
        let text = "a中𦡦é\u{3000}👪文 ĉ\u{10FFFF}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}end";
        let starts: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for &a in &starts {
            for &b in starts.iter().filter(|&&b| b >= a) {
                let want = text[a..b].encode_utf16().count();
                assert_eq!(utf16_len(&text.as_bytes()[a..b]) as usize, want, "{a}..{b}");
            }
        }
        let long = text.repeat(40);
        assert_eq!(
            utf16_len(long.as_bytes()) as usize,
            long.encode_utf16().count()
        );
    }

    #[test]
    fn basic_ideograph_runs_are_counted_as_is_basic_ideograph_does() {
        let naive = |s: &str| s.chars().take_while(|&c| is_basic_ideograph(c)).count();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for s in [format!("{c}"), format!("中{c}文"), format!("{c}中")] {
                assert_eq!(basic_ideograph_run(&s), naive(&s), "{c:?}");
            }
        }
        assert_eq!(basic_ideograph_run("一丁鿿龥，中"), 4);
        assert_eq!(basic_ideograph_run(""), 0);
    }

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

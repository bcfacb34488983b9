//! Concordance (KWIC, key word in context): a text and a term → each occurrence with the
//! words around it and its byte range.
//!
//! A term is found as a substring, so it need not be one word in the segmentation
//! (`成渝地区双城经济圈` is found with or without a user dictionary). Latin letters match
//! without regard to case, and a term that starts or ends with a Latin letter or digit only
//! matches where the text has no letter or digit right beside it (`art` is not in `start`).
//! Contexts stop at line ends: a context never runs into the next paragraph.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// The context shown on each side of an occurrence when the caller names none, in
/// characters: about a clause of Chinese on each side, what fits a table row beside it.
/// The binding's `concordance` and the CLI's `kwic` use it; the page takes it from the package.
pub const DEFAULT_WINDOW: usize = 20;

/// One occurrence of a term in its context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Concordance {
    /// Up to `window` characters before the occurrence, on its line.
    pub left: String,
    /// The occurrence as it stands in the text.
    pub keyword: String,
    /// Up to `window` characters after it, on its line.
    pub right: String,
    /// Byte range of the occurrence in the text.
    pub range: Range<usize>,
    /// Byte range of the whole context (`left` + `keyword` + `right`) in the text.
    pub context: Range<usize>,
}

/// Every occurrence of `term` in `text`, with `window` characters of context on each side.
/// An empty or blank term has none.
///
/// # Examples
///
/// ```
/// let text = "推动成渝地区双城经济圈建设。\n成渝地区双城经济圈是国家战略。";
/// let hits = qingwen::kwic::concordance(text, "成渝地区双城经济圈", 2);
/// assert_eq!(hits.len(), 2);
/// assert_eq!((hits[0].left.as_str(), hits[0].right.as_str()), ("推动", "建设"));
/// assert_eq!(hits[1].left, "");
/// assert_eq!(&text[hits[1].range.clone()], "成渝地区双城经济圈");
/// ```
pub fn concordance(text: &str, term: &str, window: usize) -> Vec<Concordance> {
    let term = term.trim();
    if term.is_empty() {
        return Vec::new();
    }
    let needle = term.as_bytes();
    let hay = text.as_bytes();
    let latin_start = term
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let latin_end = term
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let mut out = Vec::new();
    let mut at = 0;
    while at + needle.len() <= hay.len() {
        let Some(found) = find_ascii_ci(&hay[at..], needle) else {
            break;
        };
        let start = at + found;
        let end = start + needle.len();
        let glued_before = latin_start
            && text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        let glued_after = latin_end
            && text[end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if glued_before || glued_after {
            // Step one character on, staying on a char boundary.
            at = start + text[start..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let left_start = text[line_start..start]
            .char_indices()
            .rev()
            .nth(window.saturating_sub(1))
            .map_or(line_start, |(i, _)| line_start + i);
        let left_start = if window == 0 { start } else { left_start };
        let right_end = text[end..line_end]
            .char_indices()
            .nth(window)
            .map_or(line_end, |(i, _)| end + i);
        out.push(Concordance {
            left: text[left_start..start].to_owned(),
            keyword: text[start..end].to_owned(),
            right: text[end..right_end].to_owned(),
            range: start..end,
            context: left_start..right_end,
        });
        at = end;
    }
    out
}

/// The first offset where `needle` occurs in `hay`, ASCII letters compared without case.
/// A match of valid UTF-8 against valid UTF-8 always lands on char boundaries, since only
/// ASCII bytes are folded.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle.first()?.to_ascii_lowercase();
    (0..=hay.len().checked_sub(needle.len())?).find(|&i| {
        hay[i].to_ascii_lowercase() == first
            && hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_count_characters_and_stop_at_lines() {
        let text = "𦡦👪甲乙建设丙丁\n建设";
        let hits = concordance(text, "建设", 3);
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].left, "👪甲乙");
        assert_eq!(hits[0].right, "丙丁");
        assert_eq!(&text[hits[0].context.clone()], "👪甲乙建设丙丁");
        assert_eq!((hits[1].left.as_str(), hits[1].right.as_str()), ("", ""));
        let wide = concordance(text, "建设", 10);
        assert_eq!(wide[0].left, "𦡦👪甲乙");
        let none = concordance(text, "建设", 0);
        assert_eq!((none[0].left.as_str(), none[0].right.as_str()), ("", ""));
    }

    #[test]
    fn latin_terms_match_whole_words_any_case() {
        let text = "Art starts here; ART is art. 艺术art展";
        let hits = concordance(text, "art", 4);
        let found: Vec<&str> = hits.iter().map(|h| h.keyword.as_str()).collect();
        assert_eq!(found, ["Art", "ART", "art", "art"]);
        assert!(concordance(text, "", 3).is_empty());
        assert!(concordance(text, "  ", 3).is_empty());
        assert!(concordance("", "art", 3).is_empty());
    }
}

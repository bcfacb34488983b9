//! Term counting: blocks → term frequencies, without punctuation, numbers, single letters
//! and stopwords.
//!
//! The built-in stopword lists are the Chinese and English lists of stopwords-iso (MIT).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::segment::Segmenter;
use crate::structure::{Block, BlockKind};
use crate::TermOptions;

/// How often one term occurs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermCount {
    /// The term (Latin words lowercased).
    pub term: String,
    /// Occurrences.
    pub count: usize,
    /// Occurrences per 10,000 counted tokens.
    pub per10k: f64,
    /// jieba's part-of-speech tag for it.
    pub tag: String,
}

/// The built-in stopwords (Chinese and English), lowercased.
pub fn builtin_stopwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../data/stopwords-zh.txt")
            .lines()
            .chain(include_str!("../data/stopwords-en.txt").lines())
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect()
    })
}

/// Whether a token is a number: digits with decimal points, separators, signs, percent.
fn is_number(t: &str) -> bool {
    t.chars().any(|c| c.is_numeric())
        && t.chars().all(|c| {
            c.is_numeric()
                || matches!(
                    c,
                    '.' | ',' | '%' | '％' | '．' | '-' | '+' | '‰' | '/' | ':'
                )
        })
}

/// Whether a token carries no word: only punctuation, symbols or whitespace.
fn is_punctuation(t: &str) -> bool {
    !t.chars().any(char::is_alphanumeric)
}

/// Counts the terms of the body blocks (paragraphs, list items, headings, title …; not the
/// source/date line) under `options`.
pub fn count_terms(blocks: &[Block], options: &TermOptions) -> Vec<TermCount> {
    let (segmenter, _) = Segmenter::with_user_dict(&options.user_dict);
    let extra: HashSet<String> = options
        .extra_stopwords
        .iter()
        .map(|w| w.trim().to_lowercase())
        .collect();
    let builtin = builtin_stopwords();
    let mut counts: HashMap<String, (usize, String)> = HashMap::new();
    let mut total = 0usize;
    for b in blocks.iter().filter(|b| b.kind != BlockKind::Meta) {
        for w in segmenter.tag(&b.text, options.hmm) {
            let t = w.text.trim();
            if t.is_empty() || is_punctuation(t) || is_number(t) {
                continue;
            }
            let single_latin = t.chars().count() == 1 && t.is_ascii();
            if single_latin || t.chars().count() < options.min_length {
                continue;
            }
            let term = if t.is_ascii() {
                t.to_ascii_lowercase()
            } else {
                t.to_lowercase()
            };
            if options.stopwords && builtin.contains(term.as_str()) || extra.contains(&term) {
                continue;
            }
            // Numerals and measure words (`一个`, `万名`) count nothing an analyst looks for.
            if w.tag.starts_with('m') || w.tag == "q" {
                continue;
            }
            if !options.pos.is_empty() && !options.pos.iter().any(|p| w.tag.starts_with(p.as_str()))
            {
                continue;
            }
            total += 1;
            match counts.get_mut(&term) {
                Some(e) => e.0 += 1,
                None => {
                    counts.insert(term, (1, w.tag.to_owned()));
                }
            }
        }
    }
    let mut terms: Vec<TermCount> = counts
        .into_iter()
        .map(|(term, (count, tag))| TermCount {
            term,
            count,
            per10k: count as f64 * 10_000.0 / total.max(1) as f64,
            tag,
        })
        .collect();
    terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));
    if options.top > 0 {
        terms.truncate(options.top);
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
            level: None,
            lead: None,
            range: 0..0,
        }
    }

    #[test]
    fn drops_noise_and_sorts() {
        let blocks = [para("各级X委(X组)每月至少开展 1 次理论学习,两批单位共确立调研课题1.7万个,占99.86%。干部要培养，干部要选拔。")];
        let terms = count_terms(&blocks, &TermOptions::default());
        assert!(terms
            .iter()
            .all(|t| t.term != "x" && t.term != "1.7" && t.term != "99.86%" && t.term != "的"));
        let top = &terms[0];
        assert_eq!((top.term.as_str(), top.count), ("干部", 2), "{terms:?}");
        let total: f64 = terms.iter().map(|t| t.per10k).sum();
        assert!((total - 10_000.0).abs() < 1e-6);
    }

    #[test]
    fn pos_filter_and_english() {
        let blocks = [para(
            "The Rust compiler compiles Rust code. 我们建设新的学校。",
        )];
        let terms = count_terms(
            &blocks,
            &TermOptions {
                pos: vec!["n".into()],
                ..TermOptions::default()
            },
        );
        assert!(terms.iter().any(|t| t.term == "学校"));
        assert!(terms.iter().all(|t| t.term != "建设"));
        let all = count_terms(&blocks, &TermOptions::default());
        assert_eq!(
            all.iter().find(|t| t.term == "rust").map(|t| t.count),
            Some(2)
        );
        assert!(all.iter().all(|t| t.term != "the"));
    }
}

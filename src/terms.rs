//! Term counting: blocks → filtered tokens → term frequencies, overall and by section.
//!
//! Punctuation, numbers, single Latin letters and stopwords are dropped by default. The
//! built-in stopword lists are the Chinese and English lists of stopwords-iso (MIT).
//! Latin words are lowercased, so Chinese and English terms share one table.

use std::borrow::Cow;
use std::collections::HashSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::keywords::{self, Keyword};
use crate::phrases::{self, Phrase};
use crate::segment::{DictLineError, SegmentMode, Segmenter};
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
    /// jieba's part-of-speech tag for it (of its first occurrence; `eng` for Latin words).
    pub tag: String,
}

/// The top terms of one top-level section of the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SectionTerms {
    /// The section's heading; `None` for the text before the first heading.
    pub heading: Option<String>,
    /// Index into the blocks of the section's first block (its heading).
    pub first_block: usize,
    /// How many blocks the section has, its heading included.
    pub block_count: usize,
    /// Counted tokens in the section (the base of its `per10k`).
    pub tokens: usize,
    /// Its most frequent terms, most frequent first.
    pub terms: Vec<TermCount>,
}

/// One term's count in each section, in the order of the sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermBySection {
    /// The term.
    pub term: String,
    /// Its count in the whole document.
    pub total: usize,
    /// Its count in each section, aligned with the sections.
    pub counts: Vec<usize>,
}

/// Everything the term stage finds in a document's blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TermReport {
    /// Term frequencies, most frequent first, then by term.
    pub terms: Vec<TermCount>,
    /// Keywords by TF-IDF or TextRank, best first.
    pub keywords: Vec<Keyword>,
    /// Multi-word terms built from adjacent content words, most frequent first.
    pub phrases: Vec<Phrase>,
    /// Top terms of each top-level section.
    pub sections: Vec<SectionTerms>,
    /// The counts of the terms of `terms` in each of `sections`.
    pub terms_by_section: Vec<TermBySection>,
    /// User dictionary lines that could not be read (the rest were loaded).
    pub dict_errors: Vec<DictLineError>,
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

/// The built-in stopwords in the hash set the filter probes for every token.
fn stopword_set() -> &'static FxHashSet<&'static str> {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| builtin_stopwords().iter().copied().collect())
}

/// `s.trim()`, which decodes and tests both end characters of every word (23.8 M
/// instructions, 4% of `analyze` on a novel): the same without that when neither end can
/// be whitespace. A whitespace character is ASCII or starts with one of C2, E1, E2, E3.
fn trim(s: &str) -> &str {
    let plain_lead = |b: u8| b > b' ' && !matches!(b, 0x7F | 0xC2 | 0xE1 | 0xE2 | 0xE3);
    let bytes = s.as_bytes();
    let Some(&first) = bytes.first() else {
        return s;
    };
    // The lead byte of the last character: skip back over continuation bytes (10xxxxxx).
    let last = bytes
        .iter()
        .rev()
        .take(4)
        .find(|&&b| b & 0xC0 != 0x80)
        .copied()
        .unwrap_or(0);
    if plain_lead(first) && plain_lead(last) {
        s
    } else {
        s.trim()
    }
}

/// Whether a token is a number: digits with decimal points, separators, signs, percent.
fn is_number(t: &str) -> bool {
    t.chars().any(numeric)
        && t.chars().all(|c| {
            numeric(c)
                || matches!(
                    c,
                    '.' | ',' | '%' | '％' | '．' | '-' | '+' | '‰' | '/' | ':' | '，' | '：'
                )
        })
}

/// Whether a token carries no word: only punctuation, symbols or whitespace.
fn is_punctuation(t: &str) -> bool {
    !t.chars()
        .any(|c| is_ideograph(c) || (!is_common_punctuation(c) && c.is_alphanumeric()))
}

/// The punctuation of most Chinese text (all of Unicode category P*), tested before
/// `char::is_alphanumeric`, which searches two Unicode tables for each of them (3% of
/// `analyze` in wasm).
fn is_common_punctuation(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '“'
            | '”'
            | '：'
            | '；'
            | '？'
            | '！'
            | '（'
            | '）'
            | '《'
            | '》'
            | '…'
            | '—'
            | '‘'
            | '’'
            | '「'
            | '」'
            | '『'
            | '』'
            | '·'
            | '〈'
            | '〉'
            | '【'
            | '】'
    )
}

/// CJK Unified Ideographs (the basic block): letters, never numeric. Tested first because
/// most tokens are made of them and `char::is_numeric`/`is_alphanumeric` search Unicode
/// tables for every non-ASCII character (3-4% of `analyze` on a novel).
fn is_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// `char::is_numeric`, with the common cases first.
fn numeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        !is_ideograph(c) && c.is_numeric()
    }
}

/// Decides which words count, and as what term.
pub(crate) struct Filter<'o> {
    builtin: Option<&'static FxHashSet<&'static str>>,
    extra: FxHashSet<String>,
    options: &'o TermOptions,
}

impl<'o> Filter<'o> {
    pub(crate) fn new(options: &'o TermOptions) -> Filter<'o> {
        Filter {
            builtin: options.stopwords.then(stopword_set),
            extra: options
                .extra_stopwords
                .iter()
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect(),
            options,
        }
    }

    /// The options it filters by.
    pub(crate) fn options(&self) -> &'o TermOptions {
        self.options
    }

    /// The term `word` (tagged `tag`) counts as, or `None` when it is dropped. Borrows
    /// unless the word must be lowercased.
    pub(crate) fn term<'a>(&self, word: &'a str, tag: &str) -> Option<Cow<'a, str>> {
        let mut t = trim(word);
        // Most words are all ideographs: not punctuation, not a number, not Latin, no case.
        let ideographs = t.chars().all(is_ideograph);
        if t.is_empty() || (!ideographs && is_punctuation(t)) {
            return None;
        }
        let o = self.options;
        if !o.keep_numbers && ((!ideographs && is_number(t)) || tag.starts_with('m') || tag == "q")
        {
            // Numerals and measure words (`一个`, `万名`) count nothing an analyst looks for.
            return None;
        }
        if t.is_ascii() {
            // jieba keeps `.`, `-`, `_`, `&` inside Latin runs: `code.` is one token.
            t = t.trim_matches(|c: char| matches!(c, '.' | '-' | '_' | '&'));
            if t.len() == 1 || t.is_empty() {
                return None;
            }
        }
        if o.min_length > 1 && t.chars().nth(o.min_length - 1).is_none() {
            return None;
        }
        if !o.pos.is_empty() && !o.pos.iter().any(|p| tag.starts_with(p.as_str())) {
            return None;
        }
        let term: Cow<'a, str> = if !ideographs && t.chars().any(char::is_uppercase) {
            Cow::Owned(t.to_lowercase())
        } else {
            Cow::Borrowed(t)
        };
        if self.builtin.is_some_and(|s| s.contains(term.as_ref()))
            || (!self.extra.is_empty() && self.extra.contains(term.as_ref()))
        {
            return None;
        }
        Some(term)
    }
}

/// A counted token.
#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    /// The term it counts as.
    pub term: Cow<'a, str>,
    /// The word as jieba gave it (before trimming and lowercasing).
    pub word: &'a str,
    /// jieba's tag.
    pub tag: &'a str,
    /// Which text (block) it is in.
    pub block: usize,
    /// Position among the non-blank words of all texts: adjacent words of one text have
    /// consecutive positions, texts are far apart. (Only meaningful in the default mode,
    /// where words do not overlap.)
    pub index: usize,
}

/// How far apart the positions of two texts are: wider than any co-occurrence window.
const TEXT_GAP: usize = 16;

/// Segments each `(block, text)` and keeps the words that count. Also gives the number of
/// words jieba would give for the texts joined by `\n`, whitespace and the joins included
/// (TF-IDF's denominator).
pub(crate) fn scan<'a>(
    segmenter: &'a Segmenter,
    texts: impl IntoIterator<Item = (usize, &'a str)>,
    mode: SegmentMode,
    filter: &Filter,
) -> (Vec<Tok<'a>>, usize) {
    let hmm = filter.options.hmm;
    let mut toks = Vec::new();
    let mut index = 0usize;
    let mut words = 0usize;
    for (block, text) in texts {
        if words > 0 {
            words += 1;
        }
        for w in segmenter.words(text, mode, hmm) {
            words += 1;
            if trim(w.text).is_empty() {
                continue;
            }
            index += 1;
            if let Some(term) = filter.term(w.text, w.tag) {
                toks.push(Tok {
                    term,
                    word: w.text,
                    tag: w.tag,
                    block,
                    index,
                });
            }
        }
        index += TEXT_GAP;
    }
    (toks, words)
}

/// Each term of `toks` with its count and the tag of its first occurrence, and the number
/// of tokens.
type Counts<'t> = (HashMap<&'t str, (usize, &'t str)>, usize);

fn count<'t>(toks: impl IntoIterator<Item = &'t Tok<'t>>) -> Counts<'t> {
    let mut counts: HashMap<&str, (usize, &str)> = HashMap::default();
    let mut total = 0usize;
    for t in toks {
        total += 1;
        counts.entry(t.term.as_ref()).or_insert((0, t.tag)).0 += 1;
    }
    (counts, total)
}

/// The `top` most frequent terms of `counts` (all when `top` is 0), most frequent first, then
/// by term. Only those are sorted and copied out: a novel has ~20,000 distinct terms, the
/// table shows 200 (sorting and copying them all was 4-5% of `analyze`).
fn table(counts: &Counts, top: usize) -> Vec<TermCount> {
    let (counts, total) = counts;
    let base = (*total).max(1) as f64;
    let rows: Vec<(&str, usize, &str)> = counts
        .iter()
        .map(|(&term, &(count, tag))| (term, count, tag))
        .collect();
    let rows = top_sorted(rows, top, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    rows.into_iter()
        .map(|(term, count, tag)| TermCount {
            term: term.to_owned(),
            count,
            per10k: count as f64 * 10_000.0 / base,
            tag: tag.to_owned(),
        })
        .collect()
}

/// `v` sorted by `cmp`, cut to its first `top` elements (all when `top` is 0); only those are
/// sorted. The same as sorting all and truncating when `cmp` is a total order.
pub(crate) fn top_sorted<T>(
    mut v: Vec<T>,
    top: usize,
    cmp: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> Vec<T> {
    if top > 0 && top < v.len() {
        v.select_nth_unstable_by(top - 1, &cmp);
        v.truncate(top);
    }
    v.sort_unstable_by(cmp);
    v
}

/// The blocks whose words count: the body, not the source/date line.
fn counted(blocks: &[Block]) -> impl Iterator<Item = (usize, &str)> {
    blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind != BlockKind::Meta)
        .map(|(i, b)| (i, b.text.as_str()))
}

/// Counts the terms of the body blocks (paragraphs, list items, headings, title …; not the
/// source/date line) under `options`.
pub fn count_terms(blocks: &[Block], options: &TermOptions) -> Vec<TermCount> {
    let (segmenter, _) = Segmenter::with_user_dict(&options.user_dict);
    let filter = Filter::new(options);
    let (toks, _) = scan(&segmenter, counted(blocks), options.mode, &filter);
    table(&count(&toks), options.top)
}

/// Counts the terms of a plain text (each line on its own), as [`count_terms`] does for
/// blocks.
///
/// # Examples
///
/// ```
/// let terms = qingwen::terms::term_frequencies("干部要培养，干部要选拔。", &Default::default());
/// assert_eq!((terms[0].term.as_str(), terms[0].count), ("干部", 2));
/// ```
pub fn term_frequencies(text: &str, options: &TermOptions) -> Vec<TermCount> {
    let (segmenter, _) = Segmenter::with_user_dict(&options.user_dict);
    let filter = Filter::new(options);
    let (toks, _) = scan(&segmenter, text.lines().enumerate(), options.mode, &filter);
    table(&count(&toks), options.top)
}

/// The term stage of [`crate::analyze`]: counts, keywords, phrases and per-section counts
/// of the body blocks, from one segmentation.
pub fn term_report(blocks: &[Block], options: &TermOptions) -> TermReport {
    let (segmenter, dict_errors) = Segmenter::with_user_dict(&options.user_dict);
    let filter = Filter::new(options);
    let (toks, words) = scan(&segmenter, counted(blocks), options.mode, &filter);
    // Keywords and phrases need each character in one word: search mode's parts overlap.
    let default_toks;
    let (plain, plain_words) = if options.mode == SegmentMode::Default {
        (&toks, words)
    } else {
        default_toks = scan(&segmenter, counted(blocks), SegmentMode::Default, &filter);
        (&default_toks.0, default_toks.1)
    };
    let terms = table(&count(&toks), options.top);
    let keywords = if options.keywords == 0 {
        Vec::new()
    } else {
        keywords::rank(plain, plain_words, &filter)
    };
    let phrases = phrases::find(plain, options);
    let (sections, terms_by_section) = by_section(blocks, &toks, &terms, options.section_top);
    TermReport {
        terms,
        keywords,
        phrases,
        sections,
        terms_by_section,
        dict_errors,
    }
}

/// Splits the blocks at the top-level headings and counts each part.
fn by_section(
    blocks: &[Block],
    toks: &[Tok],
    terms: &[TermCount],
    top: usize,
) -> (Vec<SectionTerms>, Vec<TermBySection>) {
    let top_level = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| b.level.unwrap_or(1))
        .min();
    let Some(top_level) = top_level else {
        return (Vec::new(), Vec::new());
    };
    // Section of each block; the text before the first heading is a section of its own.
    let mut section_of = Vec::with_capacity(blocks.len());
    let mut sections: Vec<SectionTerms> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let starts = b.kind == BlockKind::Heading && b.level.unwrap_or(1) == top_level;
        if starts || sections.is_empty() {
            sections.push(SectionTerms {
                heading: starts.then(|| b.text.clone()),
                first_block: i,
                block_count: 0,
                tokens: 0,
                terms: Vec::new(),
            });
        }
        let s = sections.len() - 1;
        sections[s].block_count += 1;
        section_of.push(s);
    }
    let mut per_section: Vec<Vec<&Tok>> = vec![Vec::new(); sections.len()];
    for t in toks {
        per_section[section_of[t.block]].push(t);
    }
    let mut counts: Vec<Counts> = Vec::with_capacity(sections.len());
    for (s, part) in sections.iter_mut().zip(&per_section) {
        let c = count(part.iter().copied());
        s.tokens = c.1;
        s.terms = table(&c, top);
        counts.push(c);
    }
    // The text before the first heading may hold no counted words (a title alone is still
    // worth a column, so only a section without any block is dropped — never happens).
    let table = terms
        .iter()
        .map(|t| TermBySection {
            term: t.term.clone(),
            total: t.count,
            counts: counts
                .iter()
                .map(|(m, _)| m.get(t.term.as_str()).map_or(0, |c| c.0))
                .collect(),
        })
        .collect();
    (sections, table)
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

    fn heading(text: &str) -> Block {
        Block {
            kind: BlockKind::Heading,
            level: Some(1),
            ..para(text)
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
        assert!(all.iter().any(|t| t.term == "code"), "{all:?}");
        assert!(all.iter().all(|t| t.term != "the"));
    }

    #[test]
    fn min_length_numbers_and_user_stopwords() {
        let text = "学校有3个老师和1200名学生。学生很多。";
        let opts = TermOptions {
            min_length: 2,
            extra_stopwords: vec!["学生".into()],
            ..TermOptions::default()
        };
        let terms = term_frequencies(text, &opts);
        let words: Vec<&str> = terms.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(words, ["学校", "老师"]);
        let keep = TermOptions {
            keep_numbers: true,
            ..TermOptions::default()
        };
        let terms = term_frequencies(text, &keep);
        assert!(terms.iter().any(|t| t.term == "1200"), "{terms:?}");
    }

    #[test]
    fn counts_by_section() {
        let blocks = [
            para("前言讲学校。"),
            heading("第一部分"),
            para("学校建设学校。"),
            heading("第二部分"),
            para("医院建设。"),
        ];
        let report = term_report(&blocks, &TermOptions::default());
        let heads: Vec<Option<&str>> = report
            .sections
            .iter()
            .map(|s| s.heading.as_deref())
            .collect();
        assert_eq!(heads, [None, Some("第一部分"), Some("第二部分")]);
        assert_eq!(report.sections[1].first_block, 1);
        assert_eq!(report.sections[1].block_count, 2);
        assert_eq!(report.sections[1].terms[0].term, "学校");
        let school = report
            .terms_by_section
            .iter()
            .find(|t| t.term == "学校")
            .expect("学校 counted");
        assert_eq!(school.counts, [1, 2, 0]);
        assert_eq!(school.total, 3);
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{3000}词\u{3000}",
            "词\u{a0}",
            "\u{85}x",
            "\u{2028}",
            "x\u{205f}",
            "𦡦",
            "👪 ",
            "\u{1680}y",
            "\u{7f}",
            "é",
            "\u{3001}",
            "\u{e000}",
            "\t\n",
            "词",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("{c}词{c}");
            assert_eq!(trim(&s), s.trim(), "{c:?}");
        }
    }

    #[test]
    fn top_sorted_is_sort_then_truncate() {
        let v: Vec<(usize, String)> = (0..500)
            .map(|i| ((i * 7919) % 13, format!("t{}", (i * 104_729) % 1000)))
            .collect();
        let cmp = |a: &(usize, String), b: &(usize, String)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        for top in [0, 1, 2, 13, 200, 499, 500, 501] {
            let mut all = v.clone();
            all.sort_by(cmp);
            if top > 0 {
                all.truncate(top);
            }
            assert_eq!(top_sorted(v.clone(), top, cmp), all, "top {top}");
        }
    }

    #[test]
    fn search_mode_counts_parts() {
        let opts = TermOptions {
            mode: SegmentMode::Search,
            ..TermOptions::default()
        };
        let terms = term_frequencies("中华人民共和国成立了。", &opts);
        let words: Vec<&str> = terms.iter().map(|t| t.term.as_str()).collect();
        assert!(words.contains(&"中华人民共和国"), "{words:?}");
        assert!(words.contains(&"共和国"), "{words:?}");
    }
}

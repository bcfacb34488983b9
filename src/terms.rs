//! Term counting: blocks → filtered tokens → term frequencies, overall and by section.
//!
//! Which words count is [`crate::tokens`]' business (punctuation, numbers, single Latin
//! letters and stopwords are dropped by default; Latin words are lowercased, so Chinese and
//! English terms share one table).

use serde::{Deserialize, Serialize};

use crate::keywords::{self, Keyword};
use crate::phrases::{self, Phrase};
use crate::segment::{DictLineError, SegmentMode, Segmenter};
use crate::structure::{Block, BlockKind};
use crate::tokens::{scan, top_sorted, Filter, Tok, Toks, Vocab};
use crate::TermOptions;

pub use crate::tokens::builtin_stopwords;

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

/// Everything the term stage finds in a document's blocks (the term fields of
/// [`crate::Analysis`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TermReport {
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

/// Term counts: occurrences of each term id, the spelling of its first occurrence (whose
/// tag the table gives), and the number of tokens. Reusable: [`Counter::clear`] resets only
/// the terms seen.
#[derive(Default)]
struct Counter {
    counts: Vec<usize>,
    first: Vec<u32>,
    /// The terms counted, in the order they were first seen.
    seen: Vec<u32>,
    total: usize,
}

impl Counter {
    fn add(&mut self, term: u32, spelling: u32) {
        let i = term as usize;
        if i >= self.counts.len() {
            self.counts.resize(i + 1, 0);
            self.first.resize(i + 1, 0);
        }
        if self.counts[i] == 0 {
            self.first[i] = spelling;
            self.seen.push(term);
        }
        self.counts[i] += 1;
        self.total += 1;
    }

    fn count(&self, term: u32) -> usize {
        self.counts.get(term as usize).copied().unwrap_or(0)
    }

    fn clear(&mut self) {
        for &t in &self.seen {
            self.counts[t as usize] = 0;
        }
        self.seen.clear();
        self.total = 0;
    }

    /// The `top` most frequent terms (all when `top` is 0): text, count and id, most
    /// frequent first, then by term. Only those are sorted: a novel has ~20,000 distinct
    /// terms, the table shows 200 (sorting and copying them all was 4-5% of `analyze`).
    fn ranked<'v>(&self, vocab: &'v Vocab, top: usize) -> Vec<Ranked<'v>> {
        let rows = self
            .seen
            .iter()
            .map(|&t| (vocab.text(t), self.counts[t as usize], t))
            .collect();
        top_sorted(rows, top, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)))
    }

    /// The rows of `ranked` as a term table.
    fn table(&self, vocab: &Vocab, ranked: &[Ranked]) -> Vec<TermCount> {
        let base = self.total.max(1) as f64;
        ranked
            .iter()
            .map(|&(term, count, id)| TermCount {
                term: term.to_owned(),
                count,
                per10k: count as f64 * 10_000.0 / base,
                tag: vocab.tag(self.first[id as usize]).to_owned(),
            })
            .collect()
    }
}

/// A row of a term table: the term, its count and its id.
type Ranked<'v> = (&'v str, usize, u32);

/// The `top` most frequent terms of `texts`, as [`count_terms`] and [`term_frequencies`]
/// count them: no token is kept.
fn count_texts<'a>(
    segmenter: &'a Segmenter,
    texts: &mut dyn Iterator<Item = (usize, &'a str)>,
    options: &TermOptions,
) -> Vec<TermCount> {
    let filter = Filter::new(options);
    let mut vocab = Vocab::default();
    let mut counter = Counter::default();
    scan(
        segmenter,
        texts,
        options.mode,
        &filter,
        &mut vocab,
        &mut |_, t, term| counter.add(term, t.spelling),
    );
    counter.table(&vocab, &counter.ranked(&vocab, options.top))
}

/// The blocks whose words count: the body, not the source/date line.
pub(crate) fn counted(blocks: &[Block]) -> impl Iterator<Item = (usize, &str)> {
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
    let mut texts = counted(blocks);
    count_texts(&segmenter, &mut texts, options)
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
    let mut texts = text.lines().map(|l| (0, l));
    count_texts(&segmenter, &mut texts, options)
}

/// The term stage of [`crate::analyze`]: counts, keywords, phrases and per-section counts
/// of the body blocks, from one segmentation.
pub(crate) fn term_report(blocks: &[Block], options: &TermOptions) -> TermReport {
    let (segmenter, dict_errors) = Segmenter::with_user_dict(&options.user_dict);
    let filter = Filter::new(options);
    let (sections, section_of) = split_sections(blocks);
    let texts = || counted_in_sections(blocks, &section_of);
    let bytes = texts().map(|(_, text)| text.len()).sum();
    let source: &mut TokenSource<'_, '_> = &mut |mode, vocab, keep| {
        vocab.reserve_for(bytes);
        scan(&segmenter, &mut texts(), mode, &filter, vocab, keep)
    };
    report_tokens(sections, options, dict_errors, source)
}

/// The [`counted`] texts, each with its section (`section_of`, from [`split_sections`]).
pub(crate) fn counted_in_sections<'b>(
    blocks: &'b [Block],
    section_of: &'b [usize],
) -> impl Iterator<Item = (usize, &'b str)> {
    counted(blocks).map(|(i, text)| (section_of.get(i).copied().unwrap_or(0), text))
}

/// Where [`report_tokens`] gets the counted tokens of the body blocks in a segmentation
/// mode: into the vocabulary, each given to `keep(section, token, term id)` in order; returns
/// the number of words as [`scan`] counts them. [`scan`] itself, or the tokens of a text
/// segmented in parts ([`crate::parts`]) replayed.
pub(crate) type TokenSource<'s, 'a> =
    dyn FnMut(SegmentMode, &mut Vocab<'a>, &mut dyn FnMut(usize, Tok, u32)) -> usize + 's;

/// [`term_report`] on the tokens `source` gives: everything after the segmentation.
/// `sections`: the document's, from [`split_sections`].
pub(crate) fn report_tokens<'a>(
    mut sections: Vec<SectionTerms>,
    options: &TermOptions,
    dict_errors: Vec<DictLineError>,
    source: &mut TokenSource<'_, 'a>,
) -> TermReport {
    let default_mode = options.mode == SegmentMode::Default;
    let wants_plain = options.keywords > 0 || options.phrases > 0;
    // The tokens are kept only for a consumer that needs them in order.
    let keep_toks = !sections.is_empty() || (default_mode && wants_plain);
    let mut vocab: Vocab<'a> = Vocab::default();
    let mut toks = Toks::default();
    // Each section's first token (sections without one are left out).
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let mut counter = Counter::default();
    let words = source(options.mode, &mut vocab, &mut |section, t, term| {
        counter.add(term, t.spelling);
        if keep_toks {
            if starts.last().is_none_or(|&(s, _)| s != section) {
                starts.push((section, toks.len()));
            }
            toks.push(t);
        }
    });
    // Keywords and phrases need each character in one word: search mode's parts overlap.
    let default_toks;
    let (plain, plain_words) = if default_mode || !wants_plain {
        (&toks, words)
    } else {
        let mut all = Toks::default();
        let words = source(SegmentMode::Default, &mut vocab, &mut |_, t, _| all.push(t));
        default_toks = all;
        (&default_toks, words)
    };
    let ranked = counter.ranked(&vocab, options.top);
    let terms = counter.table(&vocab, &ranked);
    let keywords = keywords::rank(plain, plain_words, &vocab, options);
    let phrases = phrases::find(plain, &vocab, options);
    let terms_by_section = by_section(
        &mut sections,
        &toks,
        &starts,
        &vocab,
        &ranked,
        options.section_top,
        &mut counter,
    );
    TermReport {
        terms,
        keywords,
        phrases,
        sections,
        terms_by_section,
        dict_errors,
    }
}

/// The document split at its top-level headings (none without a heading), and the section
/// of each block. The text before the first heading is a section of its own.
pub(crate) fn split_sections(blocks: &[Block]) -> (Vec<SectionTerms>, Vec<usize>) {
    let top_level = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| b.level.unwrap_or(1))
        .min();
    let Some(top_level) = top_level else {
        return (Vec::new(), Vec::new());
    };
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
    (sections, section_of)
}

/// Counts each section's tokens (`starts`: each section's first token, in order) and the
/// terms of `terms` in each. The text before the first heading may hold no counted words
/// (a title alone is still worth a column, so only a section without any block is dropped —
/// never happens).
fn by_section(
    sections: &mut [SectionTerms],
    toks: &Toks,
    starts: &[(usize, usize)],
    vocab: &Vocab,
    terms: &[Ranked],
    top: usize,
    counter: &mut Counter,
) -> Vec<TermBySection> {
    if sections.is_empty() {
        return Vec::new();
    }
    let mut columns: Vec<Vec<usize>> = vec![Vec::with_capacity(sections.len()); terms.len()];
    let mut next = starts.iter().peekable();
    for (s, section) in sections.iter_mut().enumerate() {
        counter.clear();
        if let Some(&(_, start)) = next.next_if(|&&(first, _)| first == s) {
            let end = next.peek().map_or(toks.len(), |&&(_, end)| end);
            for t in toks.range(start..end) {
                counter.add(vocab.term(t.spelling), t.spelling);
            }
        }
        section.tokens = counter.total;
        section.terms = counter.table(vocab, &counter.ranked(vocab, top));
        for (column, &(_, _, term)) in columns.iter_mut().zip(terms) {
            column.push(counter.count(term));
        }
    }
    terms
        .iter()
        .zip(columns)
        .map(|(&(term, total, _), counts)| TermBySection {
            term: term.to_owned(),
            total,
            counts,
        })
        .collect()
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
            marker: None,
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
    fn counter_clears_only_what_it_counted() {
        let mut c = Counter::default();
        for (term, spelling) in [(3, 30), (1, 10), (3, 31), (3, 32)] {
            c.add(term, spelling);
        }
        assert_eq!(
            (c.count(3), c.count(1), c.count(0), c.count(9)),
            (3, 1, 0, 0)
        );
        assert_eq!(
            (c.seen.as_slice(), c.first[3], c.total),
            (&[3, 1][..], 30, 4)
        );
        c.clear();
        assert_eq!((c.count(3), c.count(1), c.total), (0, 0, 0));
        c.add(3, 33);
        assert_eq!((c.seen.as_slice(), c.first[3]), (&[3][..], 33));
    }

    #[test]
    fn section_tags_are_of_the_first_occurrence_in_the_section() {
        // `Rust` is a user word tagged `nz`; `rust` is not, and jieba tags it `eng`.
        let blocks = [
            heading("一"),
            para("rust 很好，Rust 很快。"),
            heading("二"),
            para("Rust 很快，rust 很好。"),
        ];
        let opts = TermOptions {
            user_dict: "Rust 10 nz".into(),
            ..TermOptions::default()
        };
        let report = term_report(&blocks, &opts);
        let tag = |terms: &[TermCount]| {
            terms
                .iter()
                .find(|t| t.term == "rust")
                .map(|t| (t.count, t.tag.clone()))
        };
        assert_eq!(tag(&report.terms), Some((4, "eng".into())), "{report:?}");
        assert_eq!(tag(&report.sections[0].terms), Some((2, "eng".into())));
        assert_eq!(tag(&report.sections[1].terms), Some((2, "nz".into())));
        let rust = report
            .terms_by_section
            .iter()
            .find(|t| t.term == "rust")
            .expect("counted");
        assert_eq!((rust.total, rust.counts.as_slice()), (4, &[2, 2][..]));
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

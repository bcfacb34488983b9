//! A large text analysed in parts: the whole text cleaned and structured once → its counted
//! blocks segmented in parts (on as many Workers or threads as there are) → the parts'
//! tokens replayed into exactly the [`Analysis`] that [`crate::analyze`] gives.
//!
//! Why this cut. Every cleanup stage and the structure stage decide on evidence from the
//! whole text (the wrap width, the spacing vote, page furniture by its repetition, blank-line
//! noise, the title and metadata at the top, heading levels by the numbering styles in use),
//! so cutting the input would change the result; they run once, in [`prepare`]. What comes
//! after is local to each block: jieba's segmentation and tagging and the filter that decides
//! which words count, the most expensive work after the cleanup (a third of `analyze` on a
//! novel, native and in wasm). [`segment_part`] does it for a run of blocks and keeps only
//! what the term stage reads: each counted token's spelling and position in its block, and
//! each block's word counts. [`Prepared::finish`] gives the tokens, in block order, to the
//! same term stage that `analyze` runs (the counts, keywords, phrases and sections see the
//! same tokens at the same positions, so every float is summed in the same order).
//!
//! # Examples
//!
//! ```
//! let text = "一、总体要求\n坚持稳中求进工作总基调。\n二、主要任务\n扩大高水平对外开放,推动高质量发展。\n";
//! let options = qingwen::Options::default();
//! let prepared = qingwen::parts::prepare(text, &options);
//! let parts: Vec<_> = prepared
//!     .part_ranges(2)
//!     .into_iter()
//!     .map(|r| qingwen::parts::segment_part(&prepared.counted_texts()[r], &options.terms))
//!     .collect();
//! assert_eq!(prepared.finish(&parts), qingwen::analyze(text, &options));
//! ```

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::segment::{check_user_dict, SegmentMode, Segmenter};
use crate::structure::Assembled;
use crate::terms::{counted, counted_in_sections, report_tokens, split_sections, TokenSource};
use crate::tokens::{trim, Filter, Tok, Vocab, TEXT_GAP};
use crate::{Analysis, Options, TermOptions};

/// A text cleaned, structured and outlined, waiting for the tokens of its counted blocks.
#[derive(Debug, Clone)]
pub struct Prepared {
    assembled: Assembled,
    options: Options,
}

/// Cleans and structures the whole of `text` ([`crate::structure_document`]): every decision
/// that reads the whole document is taken here, once.
pub fn prepare(text: &str, options: &Options) -> Prepared {
    Prepared {
        assembled: crate::structure_document(text, &options.clean),
        options: options.clone(),
    }
}

impl Prepared {
    /// The options it was prepared with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The texts whose words the term stage counts, in order: the blocks that are not the
    /// source/date line. [`segment_part`] takes a run of them.
    pub fn counted_texts(&self) -> Vec<&str> {
        counted(&self.assembled.blocks)
            .map(|(_, text)| text)
            .collect()
    }

    /// How many bytes the counted texts hold: the work the parts share.
    pub fn counted_bytes(&self) -> usize {
        self.counted_texts().iter().map(|t| t.len()).sum()
    }

    /// [`Prepared::counted_texts`] cut into at most `parts` consecutive runs of about equal
    /// size in bytes (none empty; none at all when no text counts).
    pub fn part_ranges(&self, parts: usize) -> Vec<Range<usize>> {
        let texts = self.counted_texts();
        let total: usize = texts.iter().map(|t| t.len()).sum();
        let parts = parts.max(1);
        let mut ranges = Vec::with_capacity(parts);
        let (mut start, mut bytes) = (0, 0);
        for (i, t) in texts.iter().enumerate() {
            bytes += t.len();
            // Cut once this run holds its share of the bytes so far.
            if bytes * parts >= total * (ranges.len() + 1) && ranges.len() + 1 < parts {
                ranges.push(start..i + 1);
                start = i + 1;
            }
        }
        if start < texts.len() {
            ranges.push(start..texts.len());
        }
        ranges
    }

    /// The analysis, from the segmented parts of [`Prepared::counted_texts`] in order (as
    /// [`Prepared::part_ranges`] cut them, or any cut into consecutive runs that covers every
    /// text once): equal to [`crate::analyze`] of the text.
    ///
    /// Parts that do not cover the texts (too few, too many, or segmented without the
    /// default-mode tokens the options need) leave the blocks they miss uncounted; the
    /// analysis is still total.
    pub fn finish(self, parts: &[SegmentedPart]) -> Analysis {
        let options = &self.options.terms;
        let blocks = &self.assembled.blocks;
        let (sections, section_of) = split_sections(blocks);
        // The section of each counted text, as `term_report` groups them.
        let groups: Vec<usize> = counted_in_sections(blocks, &section_of)
            .map(|(section, _)| section)
            .collect();
        let filter = Filter::new(options);
        let source: &mut TokenSource<'_, '_> = &mut |mode, vocab, keep| {
            let streams = parts.iter().filter_map(|p| match mode {
                m if m == options.mode => Some(&p.counted),
                _ => p.plain.as_ref(),
            });
            replay(streams, &groups, &filter, vocab, keep)
        };
        let report = report_tokens(
            sections,
            options,
            check_user_dict(&options.user_dict),
            source,
        );
        crate::analysis_of(self.assembled, report)
    }
}

/// The tokens of a run of counted texts: what the term stage reads of their segmentation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenStream {
    /// Each distinct `(word, tag)` of a counted token, in the order it first occurs: the
    /// word as jieba gave it, then its tag.
    pub spellings: Vec<String>,
    /// Two numbers per counted token: its spelling (an index into the pairs of
    /// `spellings`) and its position among its text's non-blank words (1 for the first).
    pub tokens: Vec<u32>,
    /// Three numbers per text: how many words jieba gave (blank ones too), how many of
    /// them are not blank, and how many tokens of `tokens` it has.
    pub texts: Vec<u32>,
}

/// One part's tokens, in the segmentation mode of the options and, when that is the search
/// mode and keywords or phrases are asked for, in the default mode too (they need each
/// character in one word).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentedPart {
    /// The tokens in `options.mode`.
    pub counted: TokenStream,
    /// The default-mode tokens, when the term stage needs them besides.
    pub plain: Option<TokenStream>,
}

/// Segments `texts` (a run of [`Prepared::counted_texts`]) as the term stage would, and
/// keeps the tokens that count under `options`.
pub fn segment_part(texts: &[&str], options: &TermOptions) -> SegmentedPart {
    let (segmenter, _) = Segmenter::with_user_dict(&options.user_dict);
    let filter = Filter::new(options);
    let needs_plain =
        options.mode != SegmentMode::Default && (options.keywords > 0 || options.phrases > 0);
    SegmentedPart {
        counted: stream(&segmenter, texts, options.mode, &filter),
        plain: needs_plain.then(|| stream(&segmenter, texts, SegmentMode::Default, &filter)),
    }
}

/// `u32` of a count: a part's texts, words and spellings are fewer than 2³².
fn count(n: usize) -> u32 {
    crate::tokens::id(n)
}

/// The tokens of `texts` in `mode`, as [`crate::tokens::scan`] finds them.
fn stream(
    segmenter: &Segmenter,
    texts: &[&str],
    mode: SegmentMode,
    filter: &Filter,
) -> TokenStream {
    let hmm = filter.options().hmm;
    let mut vocab = Vocab::default();
    // The vocabulary's spelling id → its index in `spellings` (u32::MAX: not yet there).
    let mut local: Vec<u32> = Vec::new();
    let mut out = TokenStream::default();
    for text in texts {
        let words = segmenter.words(text, mode, hmm);
        let mut non_blank = 0u32;
        let mut kept = 0u32;
        for w in &words {
            if trim(w.text).is_empty() {
                continue;
            }
            non_blank += 1;
            if let Some(spelling) = vocab.intern(w.text, w.tag, w.dict_id, filter) {
                let s = spelling as usize;
                if s >= local.len() {
                    local.resize(s + 1, u32::MAX);
                }
                if local[s] == u32::MAX {
                    local[s] = count(out.spellings.len() / 2);
                    out.spellings.push(w.text.to_owned());
                    out.spellings.push(w.tag.to_owned());
                }
                out.tokens.extend([local[s], non_blank]);
                kept += 1;
            }
        }
        out.texts.extend([count(words.len()), non_blank, kept]);
    }
    out
}

/// A part's spelling not interned yet.
const UNSEEN: u32 = u32::MAX - 1;
/// A part's spelling that counts as no term.
const DROPPED: u32 = u32::MAX;

/// Gives the tokens of `streams` (consecutive runs of texts, in order) to `keep` as
/// [`crate::tokens::scan`] gives them for the same texts: the same spellings interned in the
/// same order, the same positions, the same word count (returned).
fn replay<'a>(
    streams: impl Iterator<Item = &'a TokenStream>,
    groups: &[usize],
    filter: &Filter,
    vocab: &mut Vocab<'a>,
    keep: &mut dyn FnMut(usize, Tok, u32),
) -> usize {
    let mut index = 0u32;
    let mut words = 0usize;
    let mut text = 0usize;
    for stream in streams {
        // The part's spelling → the vocabulary's, interned where it first occurs (UNSEEN
        // before that; DROPPED for one the filter drops, which no honest part holds).
        let mut global: Vec<u32> = vec![UNSEEN; stream.spellings.len() / 2];
        let mut tokens = stream.tokens.chunks_exact(2);
        for counts in stream.texts.chunks_exact(3) {
            let (all, non_blank, kept) = (counts[0], counts[1], counts[2]);
            if words > 0 {
                words += 1;
            }
            words += all as usize;
            let group = groups.get(text).copied().unwrap_or(0);
            for t in tokens.by_ref().take(kept as usize) {
                let (s, position) = (t[0] as usize, t[1]);
                let spelling = match global.get(s).copied() {
                    Some(UNSEEN) => {
                        let pair = &stream.spellings[2 * s..2 * s + 2];
                        let g = vocab
                            .intern(&pair[0], &pair[1], None, filter)
                            .unwrap_or(DROPPED);
                        global[s] = g;
                        Some(g)
                    }
                    other => other,
                }
                .filter(|&g| g != DROPPED);
                if let Some(spelling) = spelling {
                    let tok = Tok {
                        spelling,
                        index: index.wrapping_add(position),
                    };
                    keep(group, tok, vocab.term(spelling));
                }
            }
            index = index.wrapping_add(non_blank).wrapping_add(TEXT_GAP);
            text += 1;
        }
    }
    words
}

/// [`crate::analyze`] of `text` run as the page's pool runs a large paste: prepared once, the
/// counted texts segmented in `parts` parts (here one after the other), the parts replayed.
/// The same analysis, whatever `parts`.
pub fn analyze_in_parts(text: &str, options: &Options, parts: usize) -> Analysis {
    let prepared = prepare(text, options);
    let texts = prepared.counted_texts();
    let segmented: Vec<SegmentedPart> = prepared
        .part_ranges(parts)
        .into_iter()
        .map(|r| segment_part(&texts[r], &options.terms))
        .collect();
    drop(texts);
    prepared.finish(&segmented)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, KeywordMethod};

    const SAMPLE: &str = include_str!("../tests/fixtures/samples/zh-epaper.txt");

    #[test]
    fn parts_give_the_analysis_of_the_whole() {
        let options = Options::default();
        let whole = analyze(SAMPLE, &options);
        for parts in [1, 2, 3, 7, 1000] {
            assert_eq!(
                analyze_in_parts(SAMPLE, &options, parts),
                whole,
                "{parts} parts"
            );
        }
    }

    #[test]
    fn every_term_option_is_honoured_in_parts() {
        let text = format!("{SAMPLE}\nThe Rust compiler compiles Rust code. Rust 很快。\n{SAMPLE}");
        let variants = [
            TermOptions {
                mode: SegmentMode::Search,
                ..TermOptions::default()
            },
            TermOptions {
                keyword_method: KeywordMethod::Textrank,
                top: 0,
                section_top: 0,
                ..TermOptions::default()
            },
            TermOptions {
                user_dict: "Rust 10 nz\n坏的一行 x y z".into(),
                pos: vec!["n".into(), "nz".into(), "eng".into()],
                keep_numbers: true,
                min_length: 2,
                extra_stopwords: vec!["发展".into()],
                hmm: false,
                ..TermOptions::default()
            },
        ];
        for terms in variants {
            let options = Options {
                terms,
                ..Options::default()
            };
            let whole = analyze(&text, &options);
            assert!(!whole.terms.is_empty());
            for parts in [2, 5] {
                assert_eq!(
                    analyze_in_parts(&text, &options, parts),
                    whole,
                    "{:?}",
                    options.terms
                );
            }
        }
    }

    #[test]
    fn part_ranges_cover_the_texts_in_order() {
        let prepared = prepare(&SAMPLE.repeat(3), &Options::default());
        let n = prepared.counted_texts().len();
        for parts in [1, 2, 4, n, n + 5] {
            let ranges = prepared.part_ranges(parts);
            assert!(ranges.len() <= parts && !ranges.is_empty());
            assert_eq!(ranges[0].start, 0);
            assert_eq!(ranges.last().map(|r| r.end), Some(n));
            assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
            assert!(ranges.iter().all(|r| !r.is_empty()));
        }
        let halves = prepared.part_ranges(2);
        let bytes = |r: &Range<usize>| -> usize {
            prepared.counted_texts()[r.clone()]
                .iter()
                .map(|t| t.len())
                .sum()
        };
        let (a, b) = (bytes(&halves[0]), bytes(&halves[1]));
        assert!(a.abs_diff(b) < prepared.counted_bytes() / 4, "{a} {b}");
    }

    #[test]
    fn empty_and_missing_parts_are_total() {
        let options = Options::default();
        assert_eq!(analyze_in_parts("", &options, 4), analyze("", &options));
        let prepared = prepare(SAMPLE, &options);
        let lacking = prepared.finish(&[]);
        assert!(lacking.terms.is_empty());
        assert_eq!(lacking.cleaned, analyze(SAMPLE, &options).cleaned);
    }
}

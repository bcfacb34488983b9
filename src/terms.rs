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

/// The term id of a spelling that counts as no term (punctuation, a stopword, a number …).
const DROPPED: u32 = u32::MAX;

/// The distinct words of a document, each filtered once. Every `(word, tag)` pair jieba
/// gives is a *spelling* with an id, and every term the spellings count as has an id too,
/// so a token is two numbers (8 bytes) instead of three strings and two positions (72
/// bytes natively, 36 in WebAssembly, where `analyze` peaked at 13.7× a 32 MB input). The
/// tables then count by id instead of hashing each token's strings again.
#[derive(Default)]
pub(crate) struct Vocab<'a> {
    /// `(word, tag)` → spelling id.
    ids: HashMap<(&'a str, &'a str), u32>,
    /// Each spelling's word (as jieba gave it, before trimming and lowercasing) and tag.
    spellings: Vec<(&'a str, &'a str)>,
    /// Each spelling's term id, or [`DROPPED`].
    term_of: Vec<u32>,
    /// Each term (Latin words lowercased): owned once when lowercasing made a new string.
    terms: Vec<Cow<'a, str>>,
    /// Term → term id.
    term_ids: HashMap<Cow<'a, str>, u32>,
}

/// `n` as an id. More than 2³² distinct words would take hundreds of gigabytes of text.
pub(crate) fn id(n: usize) -> u32 {
    u32::try_from(n).expect("fewer than 2^32 distinct words")
}

impl<'a> Vocab<'a> {
    /// The spelling of `word` tagged `tag`, when it counts as a term under `filter`. The
    /// filter runs on the first occurrence only.
    pub(crate) fn intern(&mut self, word: &'a str, tag: &'a str, filter: &Filter) -> Option<u32> {
        use std::collections::hash_map::Entry;
        let spelling = match self.ids.entry((word, tag)) {
            Entry::Occupied(e) => *e.get(),
            Entry::Vacant(e) => {
                let spelling = id(self.spellings.len());
                let term = match filter.term(word, tag) {
                    None => DROPPED,
                    Some(term) => match self.term_ids.get(term.as_ref()) {
                        Some(&t) => t,
                        None => {
                            let t = id(self.terms.len());
                            self.terms.push(term.clone());
                            self.term_ids.insert(term, t);
                            t
                        }
                    },
                };
                e.insert(spelling);
                self.spellings.push((word, tag));
                self.term_of.push(term);
                spelling
            }
        };
        (self.term_of[spelling as usize] != DROPPED).then_some(spelling)
    }

    /// How many spellings there are (ids are below it).
    pub(crate) fn spellings(&self) -> usize {
        self.spellings.len()
    }

    /// How many terms there are (ids are below it).
    pub(crate) fn terms(&self) -> usize {
        self.terms.len()
    }

    /// The term id of a kept spelling.
    pub(crate) fn term(&self, spelling: u32) -> u32 {
        self.term_of[spelling as usize]
    }

    /// The word of a spelling as jieba gave it.
    pub(crate) fn word(&self, spelling: u32) -> &'a str {
        self.spellings[spelling as usize].0
    }

    /// jieba's tag of a spelling.
    pub(crate) fn tag(&self, spelling: u32) -> &'a str {
        self.spellings[spelling as usize].1
    }

    /// The text of a term.
    pub(crate) fn text(&self, term: u32) -> &str {
        &self.terms[term as usize]
    }
}

/// A counted token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    /// Its spelling in the [`Vocab`] (word, tag and term).
    pub spelling: u32,
    /// Position among the non-blank words of all texts: adjacent words of one text have
    /// consecutive positions, texts are far apart. (Only meaningful in the default mode,
    /// where words do not overlap.) Wraps around after 2³² words: compare with
    /// `wrapping_sub`.
    pub index: u32,
}

/// Tokens per chunk of [`Toks`] (512 KB).
const CHUNK: usize = 1 << 16;

/// The tokens of a document in chunks of [`CHUNK`]: a vector doubling as it grows would
/// hold up to twice the tokens, and in WebAssembly, whose memory never shrinks, the copies
/// it leaves behind as well.
#[derive(Default)]
pub(crate) struct Toks {
    /// All full but the last; the first grows as a vector does, so a short text does not
    /// take a whole chunk.
    chunks: Vec<Vec<Tok>>,
    len: usize,
}

impl Toks {
    pub(crate) fn push(&mut self, tok: Tok) {
        match self.chunks.last_mut() {
            Some(chunk) if chunk.len() < CHUNK => chunk.push(tok),
            last => {
                let mut chunk = Vec::with_capacity(if last.is_some() { CHUNK } else { 0 });
                chunk.push(tok);
                self.chunks.push(chunk);
            }
        }
        self.len += 1;
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Tok> {
        self.chunks.iter().flatten()
    }

    /// The tokens in `range` (which must lie within `0..len`).
    fn range(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = &Tok> {
        let (first, skip) = (range.start / CHUNK, range.start % CHUNK);
        self.chunks
            .get(first..)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .flat_map(move |(i, c)| c.get(if i == 0 { skip } else { 0 }..).unwrap_or_default())
            .take(range.len())
    }
}

/// How far apart the positions of two texts are: wider than any co-occurrence window.
const TEXT_GAP: u32 = 16;

/// Segments each `(group, text)`, interns its words in `vocab` and gives each word that
/// counts to `keep(group, token, term id)`. Returns the number of words jieba would give for
/// the texts joined by `\n`, whitespace and the joins included (TF-IDF's denominator).
/// Not generic: one copy of it in the module, whoever calls it.
pub(crate) fn scan<'a>(
    segmenter: &'a Segmenter,
    texts: &mut dyn Iterator<Item = (usize, &'a str)>,
    mode: SegmentMode,
    filter: &Filter,
    vocab: &mut Vocab<'a>,
    keep: &mut dyn FnMut(usize, Tok, u32),
) -> usize {
    let hmm = filter.options.hmm;
    let mut index = 0u32;
    let mut words = 0usize;
    for (group, text) in texts {
        if words > 0 {
            words += 1;
        }
        for w in segmenter.words(text, mode, hmm) {
            words += 1;
            if trim(w.text).is_empty() {
                continue;
            }
            index = index.wrapping_add(1);
            if let Some(spelling) = vocab.intern(w.text, w.tag, filter) {
                keep(group, Tok { spelling, index }, vocab.term(spelling));
            }
        }
        index = index.wrapping_add(TEXT_GAP);
    }
    words
}

/// [`scan`] keeping every counted token (groups ignored).
pub(crate) fn scan_all<'a>(
    segmenter: &'a Segmenter,
    texts: &mut dyn Iterator<Item = (usize, &'a str)>,
    mode: SegmentMode,
    filter: &Filter,
    vocab: &mut Vocab<'a>,
) -> (Toks, usize) {
    let mut toks = Toks::default();
    let words = scan(segmenter, texts, mode, filter, vocab, &mut |_, t, _| {
        toks.push(t)
    });
    (toks, words)
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
pub fn term_report(blocks: &[Block], options: &TermOptions) -> TermReport {
    let (segmenter, dict_errors) = Segmenter::with_user_dict(&options.user_dict);
    let filter = Filter::new(options);
    let (mut sections, section_of) = split_sections(blocks);
    let texts = || counted(blocks).map(|(i, text)| (section_of.get(i).copied().unwrap_or(0), text));
    let default_mode = options.mode == SegmentMode::Default;
    let wants_plain = options.keywords > 0 || options.phrases > 0;
    // The tokens are kept only for a consumer that needs them in order.
    let keep_toks = !sections.is_empty() || (default_mode && wants_plain);
    let mut vocab = Vocab::default();
    let mut toks = Toks::default();
    // Each section's first token (sections without one are left out).
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let mut counter = Counter::default();
    let words = scan(
        &segmenter,
        &mut texts(),
        options.mode,
        &filter,
        &mut vocab,
        &mut |section, t, term| {
            counter.add(term, t.spelling);
            if keep_toks {
                if starts.last().is_none_or(|&(s, _)| s != section) {
                    starts.push((section, toks.len()));
                }
                toks.push(t);
            }
        },
    );
    // Keywords and phrases need each character in one word: search mode's parts overlap.
    let default_toks;
    let (plain, plain_words) = if default_mode || !wants_plain {
        (&toks, words)
    } else {
        default_toks = scan_all(
            &segmenter,
            &mut texts(),
            SegmentMode::Default,
            &filter,
            &mut vocab,
        );
        (&default_toks.0, default_toks.1)
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
fn split_sections(blocks: &[Block]) -> (Vec<SectionTerms>, Vec<usize>) {
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
    fn vocab_filters_each_spelling_once_and_shares_terms() {
        let options = TermOptions::default();
        let filter = Filter::new(&options);
        let mut vocab = Vocab::default();
        let rust = vocab.intern("Rust", "eng", &filter).expect("a term");
        assert_eq!(vocab.intern("Rust", "eng", &filter), Some(rust));
        let lower = vocab.intern("rust", "eng", &filter).expect("a term");
        let dotted = vocab.intern("rust.", "eng", &filter).expect("a term");
        let tagged = vocab.intern("Rust", "nz", &filter).expect("a term");
        // Four spellings, one term.
        assert_eq!([rust, lower, dotted, tagged], [0, 1, 2, 3]);
        let term = vocab.term(rust);
        assert!([lower, dotted, tagged]
            .iter()
            .all(|&s| vocab.term(s) == term));
        assert_eq!(vocab.text(term), "rust");
        assert_eq!((vocab.word(dotted), vocab.tag(tagged)), ("rust.", "nz"));
        // Dropped words are remembered as dropped.
        assert_eq!(vocab.intern("的", "uj", &filter), None);
        assert_eq!(vocab.intern("的", "uj", &filter), None);
        assert_eq!(vocab.intern("，", "x", &filter), None);
        let school = vocab.intern("学校", "n", &filter).expect("a term");
        assert_eq!((school, vocab.term(school)), (6, 1));
        assert_eq!((vocab.spellings(), vocab.terms()), (7, 2));
        // The filter's verdict may depend on the tag: a measure word is dropped, the same
        // word as a noun is not.
        assert_eq!(vocab.intern("老师", "q", &filter), None);
        assert!(vocab.intern("老师", "n", &filter).is_some());
    }

    #[test]
    fn toks_chunks_hold_every_token_in_order() {
        let n = 2 * CHUNK + 5;
        let mut toks = Toks::default();
        for i in 0..n {
            toks.push(Tok {
                spelling: id(i % 7),
                index: id(i),
            });
        }
        assert_eq!(toks.len(), n);
        assert_eq!(toks.chunks.len(), 3);
        // Later chunks are allocated once at their full size.
        assert!(toks.chunks[1..].iter().all(|c| c.capacity() == CHUNK));
        assert!(toks.iter().map(|t| t.index).eq(0..id(n)));
        for range in [
            0..0,
            0..n,
            3..10,
            CHUNK - 2..CHUNK + 3,
            CHUNK..2 * CHUNK,
            2 * CHUNK + 4..n,
            n..n,
        ] {
            let got: Vec<u32> = toks.range(range.clone()).map(|t| t.index).collect();
            let want: Vec<u32> = range.map(id).collect();
            assert_eq!(got, want);
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

//! Tokens: segmented words → filtered, interned tokens, the shared input of term counts,
//! keywords and phrases.
//!
//! [`Filter`] decides which words count and as what term (punctuation, numbers, single Latin
//! letters and stopwords are dropped by default; Latin words are lowercased); [`Vocab`] gives
//! each distinct spelling and term an id; [`scan`] segments texts into [`Tok`]s.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use crate::segment::{SegmentMode, Segmenter};
use crate::text::is_basic_ideograph;
use crate::TermOptions;

/// The built-in stopwords (Chinese and English: the lists of stopwords-iso, MIT), lowercased.
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
pub(crate) fn trim(s: &str) -> &str {
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
        .any(|c| is_basic_ideograph(c) || (!is_common_punctuation(c) && c.is_alphanumeric()))
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

/// `char::is_numeric`, with the common cases first (ideographs, never numeric, are most
/// tokens: searching Unicode's tables for each was 3-4% of `analyze` on a novel).
fn numeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        !is_basic_ideograph(c) && c.is_numeric()
    }
}

/// Decides which words count, and as what term.
pub(crate) struct Filter<'o> {
    builtin: Option<&'static FxHashSet<&'static str>>,
    extra: FxHashSet<String>,
    options: &'o TermOptions,
}

impl<'o> Filter<'o> {
    /// The options it filters by.
    pub(crate) fn options(&self) -> &'o TermOptions {
        self.options
    }

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
        let ideographs = t.chars().all(is_basic_ideograph);
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
    /// Dictionary id ([`crate::segment::Word::dict_id`]) → spelling id: most words are found
    /// by a number instead of by hashing and comparing their text (12% of `analyze` on a
    /// novel, natively). (A `Vec` indexed by id, up to 1.4 MB, was slower in wasm: 68.7 vs
    /// 64.1 ms CPU for `termFrequencies` of weicheng, medians of 31 in one process.)
    by_dict_id: HashMap<u32, u32>,
    /// Each spelling's word (as jieba gave it, before trimming and lowercasing) and tag.
    spellings: Vec<(&'a str, &'a str)>,
    /// Each spelling's dictionary id, once a word came with one.
    dict_ids: Vec<Option<u32>>,
    /// Each spelling's term id, or [`DROPPED`].
    term_of: Vec<u32>,
    /// Each term (Latin words lowercased): owned once when lowercasing made a new string.
    terms: Vec<Cow<'a, str>>,
    /// Term → term id.
    term_ids: HashMap<Cow<'a, str>, u32>,
    /// Spellings of single characters tagged `x` (punctuation, jieba's words without a
    /// dictionary id: a quarter of a novel's words), by the character's low byte: its code and
    /// spelling id, so most find theirs without hashing text (hashing them was 3% of
    /// `analyze` in wasm). Empty until the first.
    marks: Vec<(u32, u32)>,
}

/// Bytes of text per distinct spelling, at least, in the texts where growing the tables costs:
/// weicheng.txt has 18,391 spellings in 733,929 bytes (40 bytes each), a 6 kB news page 499
/// (12 each; Heaps' law: the longer the text, the fewer new words per byte).
const BYTES_PER_SPELLING: usize = 40;

/// The most spellings [`Vocab::reserve_for`] makes room for: hash tables of 32,768 slots, about
/// 2 MB in all with the vectors in wasm (what weicheng.txt's 18,391 spellings grow them to
/// anyway); a larger text's tables double as they fill.
const MAX_RESERVED_SPELLINGS: usize = 1 << 14;

/// Slots of [`Vocab::marks`].
const MARK_SLOTS: usize = 256;

/// The character `s` is, if it is one.
fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// `n` as an id. More than 2³² distinct words would take hundreds of gigabytes of text.
pub(crate) fn id(n: usize) -> u32 {
    u32::try_from(n).expect("fewer than 2^32 distinct words")
}

impl<'a> Vocab<'a> {
    /// The spelling of `word` tagged `tag` (with its dictionary id, if any: the same id must
    /// always come with the same word and tag), when it counts as a term under `filter`. The
    /// filter runs on the first occurrence only.
    pub(crate) fn intern(
        &mut self,
        word: &'a str,
        tag: &'a str,
        dict_id: Option<u32>,
        filter: &Filter,
    ) -> Option<u32> {
        let spelling = match dict_id {
            Some(dict_id) => match self.by_dict_id.get(&dict_id) {
                Some(&spelling) => spelling,
                None => {
                    let spelling = self.intern_text(word, tag, filter);
                    self.by_dict_id.insert(dict_id, spelling);
                    self.dict_ids[spelling as usize] = Some(dict_id);
                    spelling
                }
            },
            None => match single_char(word).filter(|_| tag == "x") {
                Some(c) => self.intern_mark(c, word, tag, filter),
                None => self.intern_text(word, tag, filter),
            },
        };
        (self.term_of[spelling as usize] != DROPPED).then_some(spelling)
    }

    /// The spelling of `word`, the single character `c`, tagged `x`: from [`Vocab::marks`],
    /// else by its text (and then remembered there).
    fn intern_mark(&mut self, c: char, word: &'a str, tag: &'a str, filter: &Filter) -> u32 {
        if self.marks.is_empty() {
            self.marks = vec![(u32::MAX, 0); MARK_SLOTS];
        }
        let slot = c as usize % MARK_SLOTS;
        match self.marks[slot] {
            (code, spelling) if code == c as u32 => spelling,
            _ => {
                let spelling = self.intern_text(word, tag, filter);
                self.marks[slot] = (c as u32, spelling);
                spelling
            }
        }
    }

    /// The spelling of `word` tagged `tag`, found or made by its text.
    fn intern_text(&mut self, word: &'a str, tag: &'a str, filter: &Filter) -> u32 {
        use std::collections::hash_map::Entry;
        match self.ids.entry((word, tag)) {
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
                self.dict_ids.push(None);
                self.term_of.push(term);
                spelling
            }
        }
    }

    /// Makes room for the distinct words of `bytes` of text, before any is interned: growing
    /// the tables hashes every word again at each doubling (2.4% of `analyze` in wasm). About
    /// one spelling per [`BYTES_PER_SPELLING`] bytes, up to [`MAX_RESERVED_SPELLINGS`]; the
    /// tables grow as before past it.
    pub(crate) fn reserve_for(&mut self, bytes: usize) {
        if !self.spellings.is_empty() {
            return;
        }
        let n = (bytes / BYTES_PER_SPELLING).min(MAX_RESERVED_SPELLINGS);
        self.ids.reserve(n);
        self.by_dict_id.reserve(n);
        self.term_ids.reserve(n);
        self.spellings.reserve(n);
        self.dict_ids.reserve(n);
        self.term_of.reserve(n);
        self.terms.reserve(n);
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

    /// The dictionary id of a spelling's word ([`crate::segment::Word::dict_id`]), if it came
    /// with one.
    pub(crate) fn dict_id(&self, spelling: u32) -> Option<u32> {
        self.dict_ids[spelling as usize]
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
    pub(crate) fn range(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = &Tok> {
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
pub(crate) const TEXT_GAP: u32 = 16;

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
            if let Some(spelling) = vocab.intern(w.text, w.tag, w.dict_id, filter) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocab_filters_each_spelling_once_and_shares_terms() {
        let options = TermOptions::default();
        let filter = Filter::new(&options);
        let mut vocab = Vocab::default();
        let rust = vocab.intern("Rust", "eng", None, &filter).expect("a term");
        assert_eq!(vocab.intern("Rust", "eng", None, &filter), Some(rust));
        let lower = vocab.intern("rust", "eng", None, &filter).expect("a term");
        let dotted = vocab.intern("rust.", "eng", None, &filter).expect("a term");
        let tagged = vocab.intern("Rust", "nz", None, &filter).expect("a term");
        // Four spellings, one term.
        assert_eq!([rust, lower, dotted, tagged], [0, 1, 2, 3]);
        let term = vocab.term(rust);
        assert!([lower, dotted, tagged]
            .iter()
            .all(|&s| vocab.term(s) == term));
        assert_eq!(vocab.text(term), "rust");
        assert_eq!((vocab.word(dotted), vocab.tag(tagged)), ("rust.", "nz"));
        // Dropped words are remembered as dropped.
        assert_eq!(vocab.intern("的", "uj", None, &filter), None);
        assert_eq!(vocab.intern("的", "uj", None, &filter), None);
        assert_eq!(vocab.intern("，", "x", None, &filter), None);
        let school = vocab.intern("学校", "n", None, &filter).expect("a term");
        assert_eq!((school, vocab.term(school)), (6, 1));
        assert_eq!((vocab.spellings(), vocab.terms()), (7, 2));
        // The filter's verdict may depend on the tag: a measure word is dropped, the same
        // word as a noun is not.
        assert_eq!(vocab.intern("老师", "q", None, &filter), None);
        assert!(vocab.intern("老师", "n", None, &filter).is_some());
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
}

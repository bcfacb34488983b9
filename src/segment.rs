//! Segmentation: text → words with their POS tags and byte ranges, by jieba-rs.
//!
//! The only module that names `jieba_rs`. The default dictionary is built once per process
//! (it is the slow part of start-up); a user dictionary gets its own copy, cached for the
//! next call with the same entries.
//!
//! The dictionary is our own copy of jieba's (`data/dict.txt`, MIT), embedded in columns as
//! `data/dict.bin` with no general-purpose compression: jieba-rs embeds it zstd-compressed,
//! which transfer compression cannot shrink further and start-up must decompress and
//! revalidate. Without jieba's `default-dict` feature its part-of-speech HMM is gone too, so
//! a CJK word the dictionary lacks (found by the segmentation HMM: mostly names and terms) is
//! tagged `nz` instead of jieba's guess.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use jieba_rs::Jieba;
use serde::{Deserialize, Serialize};

use crate::TermOptions;

/// How text is cut into words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SegmentMode {
    /// jieba's default (accurate) mode: each character belongs to exactly one word.
    #[default]
    Default,
    /// Search-engine mode: long words are also given as their dictionary parts
    /// (`中华人民共和国` → `中华`, `华人`, `人民`, `共和`, `共和国`, `中华人民共和国`).
    Search,
}

/// One word of [`segment`]'s result, owned so it crosses the wasm boundary as one object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Token {
    /// The word as it stands in the text.
    pub word: String,
    /// jieba's part-of-speech tag.
    pub tag: String,
    /// Byte range in the text.
    pub range: Range<usize>,
}

/// What [`segment`] returns: the words, and the user-dictionary lines that were skipped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Segmentation {
    /// Every word in order, whitespace left out.
    pub tokens: Vec<Token>,
    /// User dictionary lines that could not be read (the rest were loaded).
    pub dict_errors: Vec<DictLineError>,
}

/// Segments `text` with the dictionary, mode and HMM setting of `options` (no filtering:
/// punctuation and stopwords are words too; only whitespace is left out).
///
/// # Examples
///
/// ```
/// let options = qingwen::TermOptions { hmm: false, ..Default::default() };
/// let s = qingwen::segment::segment("我们中出了一个叛徒", &options);
/// let words: Vec<&str> = s.tokens.iter().map(|t| t.word.as_str()).collect();
/// assert_eq!(words, ["我们", "中", "出", "了", "一个", "叛徒"]);
/// ```
pub fn segment(text: &str, options: &TermOptions) -> Segmentation {
    let (segmenter, dict_errors) = Segmenter::with_user_dict(&options.user_dict);
    let tokens = segmenter
        .words(text, options.mode, options.hmm)
        .into_iter()
        .filter(|w| !w.text.trim().is_empty())
        .map(|w| Token {
            word: w.text.to_owned(),
            tag: w.tag.to_owned(),
            range: w.range,
        })
        .collect();
    Segmentation {
        tokens,
        dict_errors,
    }
}

/// Reads a user dictionary without using it: the lines that would be skipped.
pub fn check_user_dict(user_dict: &str) -> Vec<DictLineError> {
    Segmenter::with_user_dict(user_dict).1
}

/// One segmented word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word as it stands in the text.
    pub text: &'a str,
    /// Byte range in the text.
    pub range: Range<usize>,
    /// jieba's part-of-speech tag (`n`, `v`, `x` …); `x` when unknown.
    pub tag: &'a str,
    /// The word's id in the segmenter's dictionary when it is a dictionary word with the
    /// dictionary's tag, so that the same id always means the same word and tag; `None` for
    /// any other word. Lets a table of words find one by its id instead of its text.
    pub dict_id: Option<u32>,
}

/// A problem in one line of a user dictionary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DictLineError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// A segmenter: jieba with the default dictionary and any user entries.
#[derive(Clone)]
pub struct Segmenter {
    jieba: Arc<Jieba>,
    /// User entries with spaces inside (`New York`): jieba never gives them as one word,
    /// so their parts are joined after it has cut. Keyed by the first part, lowercased.
    spaced: Arc<Spaced>,
}

/// The last user dictionary built: its text, the segmenter, and the lines it rejected.
type CachedDict = (String, Segmenter, Vec<DictLineError>);

/// User entries with spaces: first part (lowercased) → (all parts, tag) of each entry.
type Spaced = HashMap<String, Vec<(Vec<String>, String)>>;

/// jieba's dictionary (`data/dict.txt`: `word freq tag` per line, sorted by the bytes of the
/// word) as columns (`data/dict.bin`, made by `scripts/gen_dict.py`, which describes them):
/// the words front-coded, their characters as indexes into a table, tags as ids, frequencies
/// as varints. brotli, which compresses the `.wasm` on the wire, makes 1.09 MB of it against
/// 1.55 MB of the text, and decoding it is no slower than parsing the text.
const DICT_BIN: &[u8] = include_bytes!("../data/dict.bin");

/// The text `DICT_BIN` is made from, read at test time.
#[cfg(test)]
pub(crate) static DICT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/dict.txt"))
        .expect("data/dict.txt is in the repository")
});

fn default_jieba() -> &'static Arc<Jieba> {
    static DEFAULT: OnceLock<Arc<Jieba>> = OnceLock::new();
    DEFAULT.get_or_init(|| Arc::new(load_default_dict()))
}

/// Builds jieba from [`DICT_BIN`] (`jieba_rs::DictBuilder`, added by qingwen's copy of
/// jieba-rs): the entries come decoded into one reused buffer, no text is rebuilt, and the
/// sorted words are appended to the trie without lookups, which is sized once.
fn load_default_dict() -> Jieba {
    const TESTED: &str = "data/dict.bin is scripts/gen_dict.py's output (tested)";
    let dict = DictBin::parse(DICT_BIN).expect(TESTED);
    let mut builder = jieba_rs::DictBuilder::new(dict.words);
    dict.for_each(|word, freq, tag| builder.push(word, freq, tag))
        .expect(TESTED);
    builder.finish()
}

/// A dictionary in `data/dict.bin`'s format, its sections found.
struct DictBin<'a> {
    words: usize,
    tags: Vec<&'a str>,
    chars: Vec<char>,
    heads: &'a [u8],
    codes: &'a [u8],
    tag_ids: &'a [u8],
    freqs: &'a [u8],
}

impl<'a> DictBin<'a> {
    /// Reads the header and the tables. A malformed dictionary is an error naming the part
    /// that is wrong, whatever its bytes (here or in [`DictBin::for_each`]).
    fn parse(mut bin: &'a [u8]) -> Result<Self, &'static str> {
        let magic = take(&mut bin, 8, "dict.bin: shorter than its header")?;
        if magic[..6] != *b"qwdict" {
            return Err("dict.bin: not a qingwen dictionary (no `qwdict` at its start)");
        }
        if magic[6..] != [1, 0] {
            return Err("dict.bin: a version other than 1");
        }
        let words = read_u32(&mut bin)?;
        let tags_len = read_u32(&mut bin)?;
        let chars_len = read_u32(&mut bin)?;
        let codes_len = read_u32(&mut bin)?;
        let tags = take(&mut bin, tags_len, "dict.bin: truncated tag table")?;
        let tags = std::str::from_utf8(tags)
            .map_err(|_| "dict.bin: tag table not UTF-8")?
            .split('\n')
            .collect();
        let chars = take(&mut bin, chars_len, "dict.bin: truncated character table")?;
        let chars = std::str::from_utf8(chars)
            .map_err(|_| "dict.bin: character table not UTF-8")?
            .chars()
            .collect();
        let heads = take(&mut bin, words, "dict.bin: truncated heads")?;
        let codes_bytes = codes_len
            .checked_mul(2)
            .ok_or("dict.bin: character count too large")?;
        let codes = take(&mut bin, codes_bytes, "dict.bin: truncated codes")?;
        let tag_ids = take(&mut bin, words, "dict.bin: truncated tag ids")?;
        Ok(DictBin {
            words,
            tags,
            chars,
            heads,
            codes,
            tag_ids,
            freqs: bin,
        })
    }

    /// Calls `entry(word, freq, tag)` for each entry, in order; on an error, the entries
    /// before the fault have been given.
    fn for_each(&self, mut entry: impl FnMut(&str, usize, &str)) -> Result<(), &'static str> {
        let mut codes = self.codes.chunks_exact(2);
        let mut freqs = self.freqs.iter();
        let mut word = String::with_capacity(64);
        // ends[i]: the length in bytes of the first i characters of `word`.
        let mut ends = [0usize; 32];
        let mut len = 0;
        for (&head, &tag) in self.heads.iter().zip(self.tag_ids) {
            let shared = usize::from(head >> 4);
            let suffix = usize::from(head & 0xF) + 1;
            if shared > len {
                return Err("dict.bin: a word shares more characters than the word before it has");
            }
            word.truncate(ends[shared]);
            for end in &mut ends[shared + 1..=shared + suffix] {
                let code = codes
                    .next()
                    .ok_or("dict.bin: fewer codes than the heads count")?;
                let ch = self
                    .chars
                    .get(usize::from(u16::from_le_bytes([code[0], code[1]])))
                    .ok_or("dict.bin: a code past the character table")?;
                word.push(*ch);
                *end = word.len();
            }
            len = shared + suffix;
            let freq = read_varint(&mut freqs)?;
            let tag = self
                .tags
                .get(usize::from(tag))
                .ok_or("dict.bin: a tag id past the tag table")?;
            entry(&word, freq, tag);
        }
        if codes.len() != 0 {
            return Err("dict.bin: more codes than the heads count");
        }
        if freqs.len() != 0 {
            return Err("dict.bin: bytes after the last frequency");
        }
        Ok(())
    }
}

/// The first `n` bytes of `bin`, which moves past them.
fn take<'a>(bin: &mut &'a [u8], n: usize, what: &'static str) -> Result<&'a [u8], &'static str> {
    let (head, rest) = bin.split_at_checked(n).ok_or(what)?;
    *bin = rest;
    Ok(head)
}

/// A little-endian u32 at the start of `bin`, which moves past it.
fn read_u32(bin: &mut &[u8]) -> Result<usize, &'static str> {
    let (n, rest) = bin
        .split_first_chunk::<4>()
        .ok_or("dict.bin: shorter than its header")?;
    *bin = rest;
    usize::try_from(u32::from_le_bytes(*n)).map_err(|_| "dict.bin: a count too large")
}

/// An unsigned LEB128 number.
fn read_varint(bytes: &mut std::slice::Iter<'_, u8>) -> Result<usize, &'static str> {
    let mut n = 0usize;
    let mut shift = 0;
    loop {
        let &b = bytes
            .next()
            .ok_or("dict.bin: fewer frequencies than words")?;
        let low = usize::from(b & 0x7F);
        if shift >= usize::BITS || (low << shift) >> shift != low {
            return Err("dict.bin: a frequency too large");
        }
        n |= low << shift;
        if b & 0x80 == 0 {
            return Ok(n);
        }
        shift += 7;
    }
}

/// The line of `data/dict.txt` that holds `word`, counting from 0. It has one word per line,
/// sorted, none twice, and `data/dict.bin` gives them in that order, so the id jieba gives
/// each word as it loads them is its line.
pub(crate) fn dict_line(word: &str) -> Option<usize> {
    default_jieba().word_id(word)
}

/// Whether `word` is a word of jieba's default dictionary other than a person's name (tags
/// `nr`, `nrfg`, `nrt`): `基础知识`, `用法` are; `毛泽东` and a reporter's name are not.
pub(crate) fn is_common_word(word: &str) -> bool {
    default_jieba()
        .word_tag(word)
        .is_some_and(|tag| !tag.starts_with("nr"))
}

impl Segmenter {
    /// The segmenter with jieba's default dictionary (built on first use).
    pub fn default_dict() -> Segmenter {
        Segmenter {
            jieba: Arc::clone(default_jieba()),
            spaced: Arc::default(),
        }
    }

    /// The default dictionary plus the entries of `user_dict` (`word [freq] [tag]` per line;
    /// a BOM, CRLF line ends, blank lines and `#` comments are allowed). Lines that cannot be
    /// read are reported and skipped; the rest are loaded. The result is cached, so calling
    /// again with the same entries is cheap.
    pub fn with_user_dict(user_dict: &str) -> (Segmenter, Vec<DictLineError>) {
        if user_dict.trim().is_empty() {
            return (Segmenter::default_dict(), Vec::new());
        }
        static CACHE: Mutex<Option<CachedDict>> = Mutex::new(None);
        let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((key, segmenter, errors)) = cache.as_ref() {
            if key == user_dict {
                return (segmenter.clone(), errors.clone());
            }
        }
        let mut jieba = Jieba::clone(default_jieba());
        let mut spaced = Spaced::new();
        let errors = load_user_dict(&mut jieba, &mut spaced, user_dict);
        let segmenter = Segmenter {
            jieba: Arc::new(jieba),
            spaced: Arc::new(spaced),
        };
        *cache = Some((user_dict.to_owned(), segmenter.clone(), errors.clone()));
        (segmenter, errors)
    }

    /// Segments `text` in `mode`, tagging each word. In search mode the parts of a long
    /// word come before it, as jieba's `cut_for_search` gives them, tagged as the
    /// dictionary tags them on their own.
    pub fn words<'a>(&'a self, text: &'a str, mode: SegmentMode, hmm: bool) -> Vec<Word<'a>> {
        let words = self.tag(text, hmm);
        if mode == SegmentMode::Default {
            return words;
        }
        let mut out = Vec::with_capacity(words.len() * 5 / 4);
        for w in words {
            let chars: Vec<usize> = w.text.char_indices().map(|(i, _)| i).collect();
            for n in [2, 3] {
                if chars.len() <= n {
                    continue;
                }
                for i in 0..=chars.len() - n {
                    let start = chars[i];
                    let end = chars.get(i + n).copied().unwrap_or(w.text.len());
                    let gram = &w.text[start..end];
                    if self.jieba.has_word(gram) {
                        out.push(Word {
                            text: gram,
                            range: w.range.start + start..w.range.start + end,
                            tag: self.dict_tag(gram).unwrap_or(w.tag),
                            dict_id: None,
                        });
                    }
                }
            }
            out.push(w);
        }
        out
    }

    /// The tag jieba gives `word` when it is cut on its own as one word.
    fn dict_tag<'a>(&'a self, word: &'a str) -> Option<&'a str> {
        match self.jieba.tag(word, false).as_slice() {
            [one] => Some(one.tag),
            _ => None,
        }
    }

    /// Segments `text` (jieba's default mode), tagging each word.
    pub fn tag<'a>(&'a self, text: &'a str, hmm: bool) -> Vec<Word<'a>> {
        // About one word per 4 bytes of Chinese (weicheng.txt: 164,000 words in 734 kB), so
        // a long text is not copied over and over as the vector doubles (`Jieba::tag`
        // reserves at most 4,096: 2-3% of `tokens` in wasm went to growing it).
        let mut words = Vec::with_capacity(text.len() / 4 + 1);
        // Straight into words, without the `Vec<Tag>` of `Jieba::tag` (48 bytes a word).
        self.jieba.tag_each_with_id(text, hmm, |t, dict_id| {
            words.push(Word {
                text: t.word,
                range: t.byte_start..t.byte_end,
                // A dictionary word keeps its tag; a word without an id is not in the
                // dictionary (jieba looked it up), so only its characters are left to test.
                tag: if t.tag == "x" && dict_id.is_none() && has_cjk(t.word) {
                    "nz"
                } else {
                    t.tag
                },
                dict_id: dict_id.and_then(|id| u32::try_from(id).ok()),
            });
        });
        self.join(text, words)
    }

    /// The words of [`Segmenter::words`] with every tag left empty, faster (jieba's `cut`
    /// skips the tag lookups): in default mode; search mode tags its parts, so it is
    /// [`Segmenter::words`] there.
    pub fn untagged_words<'a>(
        &'a self,
        text: &'a str,
        mode: SegmentMode,
        hmm: bool,
    ) -> Vec<Word<'a>> {
        if mode == SegmentMode::Search {
            return self.words(text, mode, hmm);
        }
        let mut words = self.join(text, self.cut(text, hmm));
        for w in &mut words {
            w.tag = "";
        }
        words
    }

    /// What jieba splits but qingwen keeps whole: runs ([`join_runs`]) and user entries with
    /// spaces.
    fn join<'a>(&'a self, text: &'a str, words: Vec<Word<'a>>) -> Vec<Word<'a>> {
        let words = join_runs(text, words);
        if self.spaced.is_empty() {
            words
        } else {
            self.join_spaced(text, words)
        }
    }

    /// Joins the parts of user entries that have spaces inside (`New` ` ` `York`).
    fn join_spaced<'a>(&'a self, text: &'a str, words: Vec<Word<'a>>) -> Vec<Word<'a>> {
        let mut out = Vec::with_capacity(words.len());
        let mut i = 0;
        'words: while i < words.len() {
            let first = words[i].text.to_lowercase();
            for (parts, tag) in self.spaced.get(&first).into_iter().flatten() {
                let mut j = i;
                let mut matched = 0;
                for part in parts {
                    if matched > 0 {
                        while words.get(j).is_some_and(|w| w.text.trim().is_empty()) {
                            j += 1;
                        }
                    }
                    match words.get(j) {
                        Some(w) if w.text.to_lowercase() == *part => {
                            j += 1;
                            matched += 1;
                        }
                        _ => break,
                    }
                }
                if matched == parts.len() {
                    let range = words[i].range.start..words[j - 1].range.end;
                    out.push(Word {
                        text: &text[range.clone()],
                        range,
                        tag,
                        dict_id: None,
                    });
                    i = j;
                    continue 'words;
                }
            }
            out.push(words[i].clone());
            i += 1;
        }
        out
    }

    /// Segments `text` into words without tags (faster than [`Segmenter::tag`]).
    pub fn cut<'a>(&self, text: &'a str, hmm: bool) -> Vec<Word<'a>> {
        self.jieba
            .cut(text, hmm)
            .into_iter()
            .map(|t| Word {
                text: t.word,
                range: t.byte_start..t.byte_end,
                tag: "",
                dict_id: None,
            })
            .collect()
    }
}

/// Whether `word` has CJK characters: jieba tags such a word `x` when the dictionary lacks
/// it, without its part-of-speech HMM (behind its `default-dict` feature). (Whether the
/// dictionary has it is known from the id `tag_each_with_id` gives: looking the word up
/// again was 3.5% of `tokens` in wasm.)
fn has_cjk(word: &str) -> bool {
    word.chars()
        .any(|c| matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}'))
}

/// Whether `c` is a digit or a Chinese numeral that can stand in a year (`二○○一`).
fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || matches!(
            c,
            '○' | '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
        )
}

/// Joins what jieba splits but segmentation standards keep whole: a dash of two characters
/// (`——`; the MSR standard splits `……`, so an ellipsis is left alone), and numbers written with `○` (`二○○一年`), which jieba
/// cuts at each `○` because the character is not CJK.
fn join_runs<'a>(text: &'a str, mut words: Vec<Word<'a>>) -> Vec<Word<'a>> {
    // Every join needs one of these characters; without them the words stay as they are
    // (the pass over them was 4% of `tokens` in wasm).
    if !text.contains(['—', '○', '〇']) {
        return words;
    }
    // In place: `words[..kept]` are the words so far, the last of them joined with any that
    // followed it; words move only after the first join, and none is copied to be looked at.
    // (A new vector, and decoding both ends of every word, were 4.5% of `tokens` in wasm on a
    // novel with dashes; copying each word 5%.)
    let mut kept = 0usize;
    for i in 0..words.len() {
        if kept > 0 {
            let (done, rest) = words.split_at_mut(i);
            let (prev, w) = (&mut done[kept - 1], &rest[0]);
            // Each join below needs one of these; their bytes rule out most words first: `—`
            // and `○` start with E2, `〇` with E3 and `年` with E5; `○` ends with 8B, `〇` with 87.
            let may_join = matches!(w.text.as_bytes().first(), Some(0xE2 | 0xE3 | 0xE5))
                && (w.text.starts_with(['—', '○', '〇']) || w.text == "年")
                || matches!(prev.text.as_bytes().last(), Some(0x8B | 0x87))
                    && prev.text.ends_with(['○', '〇']);
            if may_join && prev.range.end == w.range.start && joins(prev.text, w.text) {
                let same_dash = w.text.starts_with('—');
                prev.range.end = w.range.end;
                prev.text = &text[prev.range.clone()];
                prev.tag = if same_dash { "x" } else { "m" };
                prev.dict_id = None;
                continue;
            }
        }
        if kept != i {
            words.swap(kept, i);
        }
        kept += 1;
    }
    words.truncate(kept);
    words
}

/// Whether `prev` and `w`, adjacent, are one dash or one year for [`join_runs`].
fn joins(prev: &str, w: &str) -> bool {
    let (p_last, w_first) = (prev.chars().next_back(), w.chars().next());
    let same_dash = p_last == w_first
        && w_first == Some('—')
        && prev.chars().all(|c| Some(c) == w_first)
        && w.chars().all(|c| Some(c) == w_first);
    let circle = |c: Option<char>| matches!(c, Some('○' | '〇'));
    let numeral = |s: &str| s.chars().all(is_numeral);
    let year = (circle(p_last) || circle(w_first))
        && numeral(prev)
        && (numeral(w)
            || w.strip_suffix('年')
                .is_some_and(|n| !n.is_empty() && numeral(n)));
    let year_end = w == "年" && numeral(prev) && prev.contains(['○', '〇']);
    same_dash || year || year_end
}

/// Adds the entries of a user dictionary to `jieba`; returns the lines it could not read.
fn load_user_dict(jieba: &mut Jieba, spaced: &mut Spaced, dict: &str) -> Vec<DictLineError> {
    let mut errors = Vec::new();
    for (n, raw) in dict.trim_start_matches('\u{FEFF}').lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_dict_line(line) {
            Ok((word, freq, tag)) => {
                // An untagged user word is most often a name or a term: jieba's `nz`, so a
                // noun filter keeps it.
                let tag = tag.unwrap_or("nz");
                if word.contains(char::is_whitespace) {
                    let parts: Vec<String> =
                        word.split_whitespace().map(str::to_lowercase).collect();
                    for p in parts.iter().filter(|p| !p.is_ascii()) {
                        if !jieba.has_word(p) {
                            jieba.add_word(p, None, Some(tag));
                        }
                    }
                    let entries = spaced.entry(parts[0].clone()).or_default();
                    entries.push((parts, tag.to_owned()));
                    // Longest first, so `New York City` wins over `New York`.
                    entries.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
                } else {
                    jieba.add_word(&word, freq, Some(tag));
                }
            }
            Err(message) => errors.push(DictLineError {
                line: n + 1,
                message,
            }),
        }
    }
    errors
}

/// Parses `word [freq] [tag]`. A word may contain spaces when the line has no frequency
/// or tag after it (`New York`), or when freq/tag follow the last space.
fn parse_dict_line(line: &str) -> Result<(String, Option<usize>, Option<&str>), String> {
    let parts: Vec<&str> = line.split_whitespace().collect();
    let is_freq = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let is_tag = |s: &str| s.len() <= 4 && s.bytes().all(|b| b.is_ascii_lowercase());
    let (word_parts, freq, tag) = match parts.as_slice() {
        [] => return Err("empty entry".into()),
        [w @ .., f, t] if !w.is_empty() && is_freq(f) && is_tag(t) => (w, Some(*f), Some(*t)),
        [w @ .., f] if !w.is_empty() && is_freq(f) => (w, Some(*f), None),
        [w @ .., t] if !w.is_empty() && is_tag(t) && w.iter().any(|p| !p.is_ascii()) => {
            (w, None, Some(*t))
        }
        w => (w, None, None),
    };
    let word = word_parts.join(" ");
    if word.chars().count() > 64 {
        return Err(format!(
            "word longer than 64 characters: {}",
            word.chars().take(20).collect::<String>()
        ));
    }
    let freq = match freq {
        Some(f) => Some(
            f.parse::<usize>()
                .map_err(|_| format!("frequency out of range: {f}"))?,
        ),
        None => None,
    };
    Ok((word, freq, tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_with_byte_ranges() {
        let s = Segmenter::default_dict();
        let text = "𦡦我们中出了一个叛徒👪";
        for w in s.cut(text, true) {
            assert_eq!(&text[w.range.clone()], w.text);
        }
        let words: Vec<&str> = s
            .cut("我们中出了一个叛徒", false)
            .iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(words, ["我们", "中", "出", "了", "一个", "叛徒"]);
    }

    #[test]
    fn untagged_words_are_the_tagged_words() {
        let text = "二○○一年——《围城》里，方鸿渐 New York 说：“𦡦👪我们中出了一个叛徒。”\r\n";
        for dict in ["", "New York 10 ns"] {
            let (s, _) = Segmenter::with_user_dict(dict);
            for hmm in [true, false] {
                let tagged: Vec<_> = s
                    .words(text, SegmentMode::Default, hmm)
                    .into_iter()
                    .map(|w| (w.text, w.range))
                    .collect();
                let untagged: Vec<_> = s
                    .untagged_words(text, SegmentMode::Default, hmm)
                    .into_iter()
                    .map(|w| (w.text, w.range))
                    .collect();
                assert_eq!(tagged, untagged, "dict {dict:?}, hmm {hmm}");
            }
        }
    }

    #[test]
    fn user_dict_lines() {
        let dict = "\u{FEFF}成渝地区双城经济圈 100 n\r\n\r\n# comment\nNew York\n主题教育 n\n坏 99999999999999999999999\n";
        let (s, errors) = Segmenter::with_user_dict(dict);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 6);
        let words: Vec<&str> = s
            .cut("推动成渝地区双城经济圈建设", true)
            .iter()
            .map(|w| w.text)
            .collect();
        assert!(words.contains(&"成渝地区双城经济圈"), "{words:?}");
        let tags = s.tag("New  York and new york city; 主题教育", true);
        let joined: Vec<(&str, &str)> = tags
            .iter()
            .filter(|w| w.text.trim().contains(" "))
            .map(|w| (w.text, w.tag))
            .collect();
        assert_eq!(joined, [("New  York", "nz"), ("new york", "nz")]);
        assert!(tags.iter().any(|w| (w.text, w.tag) == ("主题教育", "n")));
    }

    /// jieba keeps each thread's recent trie probes (qingwen's copy, `ProbeCache`): a
    /// segmenter with more words, used in turn with the default one on the same thread, must
    /// not be answered from the other's probes.
    #[test]
    fn segmenters_in_turn_keep_their_own_words() {
        let text = "推动成渝地区双城经济圈建设";
        let has_entry = |s: &Segmenter| {
            s.cut(text, true)
                .iter()
                .any(|w| w.text == "成渝地区双城经济圈")
        };
        let default = Segmenter::default_dict();
        let (user, _) = Segmenter::with_user_dict("成渝地区双城经济圈 100 n");
        for _ in 0..2 {
            assert!(!has_entry(&default));
            assert!(has_entry(&user));
        }
    }

    #[test]
    fn joins_dashes_and_circle_years() {
        let s = Segmenter::default_dict();
        let words: Vec<&str> = s
            .tag("新世纪——二○○一年新年贺词（二○○○年十二月）……", true)
            .iter()
            .map(|w| w.text)
            .collect();
        assert!(words.contains(&"——"), "{words:?}");
        assert!(words.contains(&"二○○一年"), "{words:?}");
        assert!(words.contains(&"二○○○年"), "{words:?}");
    }

    /// The dictionary built from `data/dict.bin` by `jieba_rs::DictBuilder` (qingwen's
    /// addition to jieba-rs), and the one `Jieba::with_dict_str` builds from `data/dict.txt`,
    /// are the one `Jieba::with_dict` builds from `data/dict.txt`: the same words, frequencies
    /// and tags, so every segmentation.
    #[test]
    fn bulk_dictionary_load_is_jieba_with_dict() {
        let bulk = default_jieba();
        let plain = Jieba::with_dict(&mut DICT.as_bytes()).expect("dictionary");
        let from_str = Jieba::with_dict_str(&DICT).expect("dictionary");
        // Debug shows the number of words and the total frequency.
        assert_eq!(format!("{bulk:?}"), format!("{plain:?}"));
        assert_eq!(format!("{from_str:?}"), format!("{plain:?}"));
        for (i, line) in DICT.lines().enumerate() {
            let word = line.split(' ').next().expect("a word per line");
            assert_eq!(dict_line(word), Some(i), "{word}");
            assert_eq!(from_str.word_id(word), Some(i), "{word}");
            assert_eq!(bulk.suggest_freq(word), plain.suggest_freq(word), "{word}");
            assert_eq!(
                from_str.suggest_freq(word),
                plain.suggest_freq(word),
                "{word}"
            );
            assert_eq!(tags(bulk, word), tags(&plain, word), "{word}");
            assert_eq!(tags(&from_str, word), tags(&plain, word), "{word}");
        }
        for text in [
            "我们中出了一个叛徒。南京市长江大桥，𦡦👪 New York 2024年3月，",
            include_str!("../README.md"),
            include_str!("../tests/fixtures/cleanup/changjiang.pdfminer.txt"),
            include_str!("../tests/fixtures/structure/en_report.pdftotext.txt"),
        ] {
            for hmm in [false, true] {
                assert_eq!(tags(bulk, text), tags(&plain, text));
                let search = |j: &Jieba| -> Vec<(usize, usize)> {
                    j.cut_for_search(text, hmm)
                        .iter()
                        .map(|t| (t.byte_start, t.byte_end))
                        .collect()
                };
                assert_eq!(search(bulk), search(&plain));
            }
        }
    }

    /// `data/dict.bin` is `data/dict.txt` line for line (rerun `scripts/gen_dict.py` after
    /// changing the text).
    #[test]
    fn dict_bin_holds_the_lines_of_dict_txt() {
        let mut lines = DICT.lines();
        let mut line = String::new();
        let dict = DictBin::parse(DICT_BIN).expect("dict.bin");
        assert_eq!(dict.words, DICT.lines().count());
        dict.for_each(|word, freq, tag| {
            use std::fmt::Write;
            line.clear();
            write!(line, "{word} {freq} {tag}").expect("a String");
            assert_eq!(Some(line.as_str()), lines.next());
        })
        .expect("dict.bin");
        assert_eq!(lines.next(), None);
    }

    /// A truncated or corrupted `dict.bin` is an error saying what is wrong, never a panic.
    #[test]
    fn malformed_dict_bin_is_an_error() {
        let read = |bin: &[u8]| DictBin::parse(bin).and_then(|d| d.for_each(|_, _, _| {}));
        assert_eq!(read(DICT_BIN), Ok(()));
        let n = DICT_BIN.len();
        for len in [0, 5, 8, 23, 24, 100, 30_000, n / 2, n - 2, n - 1] {
            assert!(read(&DICT_BIN[..len]).is_err(), "cut at {len}");
        }
        let with = |at: usize, bytes: &[u8]| {
            let mut bin = DICT_BIN.to_vec();
            bin[at..at + bytes.len()].copy_from_slice(bytes);
            read(&bin)
        };
        let header = |i: usize| 8 + 4 * i;
        assert_eq!(
            with(0, b"QW"),
            Err("dict.bin: not a qingwen dictionary (no `qwdict` at its start)")
        );
        assert_eq!(with(6, &[2]), Err("dict.bin: a version other than 1"));
        for i in 0..4 {
            assert!(with(header(i), &[0xFF; 4]).is_err(), "count {i}");
            assert!(with(header(i), &[0; 4]).is_err(), "count {i}");
        }
        let u32_at = |at: usize| {
            u32::from_le_bytes(DICT_BIN[at..at + 4].try_into().expect("4 bytes")) as usize
        };
        let tags = 24;
        let chars = tags + u32_at(header(1));
        let heads = chars + u32_at(header(2));
        let codes = heads + u32_at(header(0));
        let tag_ids = codes + 2 * u32_at(header(3));
        let freqs = tag_ids + u32_at(header(0));
        assert_eq!(
            with(chars, &[0xFF]),
            Err("dict.bin: character table not UTF-8")
        );
        assert_eq!(
            with(heads, &[0x10]),
            Err("dict.bin: a word shares more characters than the word before it has")
        );
        assert!(with(heads, &[0x0F]).is_err());
        assert_eq!(
            with(codes, &[0xFF, 0xFF]),
            Err("dict.bin: a code past the character table")
        );
        assert_eq!(
            with(tag_ids, &[0xFF]),
            Err("dict.bin: a tag id past the tag table")
        );
        assert_eq!(
            with(freqs, &[0xFF; 11]),
            Err("dict.bin: a frequency too large")
        );
        let mut longer = DICT_BIN.to_vec();
        longer.push(0);
        assert_eq!(
            read(&longer),
            Err("dict.bin: bytes after the last frequency")
        );
        // Any byte changed anywhere: an error or another dictionary, never a panic.
        for at in (0..n).step_by(n / 40).chain(0..40) {
            for b in [0x00, 0x7F, 0x80, 0xFF] {
                let _ = with(at, &[b]);
            }
        }
    }

    /// Out of order, duplicated, untagged and frequency-less entries: the later frequency of a
    /// word wins and its first tag stays, as in `Jieba::with_dict`.
    #[test]
    fn bulk_dictionary_load_unsorted() {
        let dict = "中国 100 ns\n人民 50 n\n中 10 f\n中国 300 n\n中华人民共和国 5\n\n𦡦 3 x\n𦡦𦡦\n国人 7 n\nabc 2 eng\n人 20 n\n";
        let bulk = Jieba::with_dict_str(dict).expect("dictionary");
        let plain = Jieba::with_dict(&mut dict.as_bytes()).expect("dictionary");
        for word in [
            "中国",
            "人民",
            "中",
            "中华人民共和国",
            "𦡦",
            "𦡦𦡦",
            "国人",
            "abc",
            "人",
            "华",
        ] {
            assert_eq!(bulk.has_word(word), plain.has_word(word), "{word}");
            assert_eq!(bulk.suggest_freq(word), plain.suggest_freq(word), "{word}");
            assert_eq!(tags(&bulk, word), tags(&plain, word), "{word}");
        }
        let text = "中国人民中华人民共和国𦡦𦡦𦡦abc国人";
        assert_eq!(tags(&bulk, text), tags(&plain, text));
        assert!(Jieba::with_dict_str("词 x1 n\n").is_err());
    }

    fn tags<'a>(jieba: &'a Jieba, text: &'a str) -> Vec<(&'a str, &'a str, usize)> {
        jieba
            .tag(text, true)
            .into_iter()
            .map(|t| (t.word, t.tag, t.byte_start))
            .collect()
    }

    #[test]
    fn dict_line_forms() {
        assert_eq!(
            parse_dict_line("云计算").unwrap(),
            ("云计算".into(), None, None)
        );
        assert_eq!(
            parse_dict_line("云计算 5").unwrap(),
            ("云计算".into(), Some(5), None)
        );
        assert_eq!(
            parse_dict_line("云计算 5 n").unwrap(),
            ("云计算".into(), Some(5), Some("n"))
        );
        assert_eq!(
            parse_dict_line("New York 10 ns").unwrap(),
            ("New York".into(), Some(10), Some("ns"))
        );
        assert_eq!(
            parse_dict_line("Hello world").unwrap(),
            ("Hello world".into(), None, None)
        );
    }
}

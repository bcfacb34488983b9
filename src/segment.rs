//! Segmentation: text → words with their POS tags and byte ranges, by jieba-rs.
//!
//! The only module that names `jieba_rs`. The default dictionary is built once per process
//! (it is the slow part of start-up); a user dictionary gets its own copy, cached for the
//! next call with the same entries.

use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use jieba_rs::Jieba;

use crate::error::Error;

/// One segmented word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word as it stands in the text.
    pub text: &'a str,
    /// Byte range in the text.
    pub range: Range<usize>,
    /// jieba's part-of-speech tag (`n`, `v`, `x` …); `x` when unknown.
    pub tag: &'a str,
}

/// A problem in one line of a user dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

/// The last user dictionary built: its text, the segmenter, and the lines it rejected.
type CachedDict = (String, Arc<Jieba>, Vec<DictLineError>);

fn default_jieba() -> &'static Arc<Jieba> {
    static DEFAULT: OnceLock<Arc<Jieba>> = OnceLock::new();
    DEFAULT.get_or_init(|| Arc::new(Jieba::new()))
}

impl Segmenter {
    /// The segmenter with jieba's default dictionary (built on first use).
    pub fn default_dict() -> Segmenter {
        Segmenter {
            jieba: Arc::clone(default_jieba()),
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
        if let Some((key, jieba, errors)) = cache.as_ref() {
            if key == user_dict {
                return (
                    Segmenter {
                        jieba: Arc::clone(jieba),
                    },
                    errors.clone(),
                );
            }
        }
        let mut jieba = Jieba::clone(default_jieba());
        let errors = load_user_dict(&mut jieba, user_dict);
        let jieba = Arc::new(jieba);
        *cache = Some((user_dict.to_owned(), Arc::clone(&jieba), errors.clone()));
        (Segmenter { jieba }, errors)
    }

    /// Segments `text` (jieba's default mode), tagging each word.
    pub fn tag<'a>(&'a self, text: &'a str, hmm: bool) -> Vec<Word<'a>> {
        self.jieba
            .tag(text, hmm)
            .into_iter()
            .map(|t| Word {
                text: t.word,
                range: t.byte_start..t.byte_end,
                tag: t.tag,
            })
            .collect()
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
            })
            .collect()
    }

    /// Segments for search engines: long words are also split into their dictionary parts.
    pub fn cut_for_search<'a>(&self, text: &'a str, hmm: bool) -> Vec<Word<'a>> {
        self.jieba
            .cut_for_search(text, hmm)
            .into_iter()
            .map(|t| Word {
                text: t.word,
                range: t.byte_start..t.byte_end,
                tag: "",
            })
            .collect()
    }
}

/// Adds the entries of a user dictionary to `jieba`; returns the lines it could not read.
fn load_user_dict(jieba: &mut Jieba, dict: &str) -> Vec<DictLineError> {
    let mut errors = Vec::new();
    for (n, raw) in dict.trim_start_matches('\u{FEFF}').lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_dict_line(line) {
            Ok((word, freq, tag)) => {
                jieba.add_word(&word, freq, tag);
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

impl From<DictLineError> for Error {
    fn from(e: DictLineError) -> Self {
        Error::UserDict {
            line: e.line,
            message: e.message,
        }
    }
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

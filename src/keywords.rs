//! Keywords: counted tokens → the top-K terms by TF-IDF (jieba's IDF table) or TextRank.
//!
//! Both rank the same candidates as the term table (same stopwords, POS filter, lowercasing),
//! so a keyword is always a row of the term table too, and both reuse the term table's
//! segmentation.
//!
//! The IDF table is jieba's `idf.txt` (MIT) reduced to one byte per dictionary word
//! (`data/idf.bin`, made by `scripts/gen_idf.py`): 349 KB instead of 6.2 MB. Its 21,579
//! words that are not dictionary words get the median IDF, as unknown words do in jieba.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::segment::Segmenter;
use crate::tokens::{scan_all, Filter, Toks, Vocab};
use crate::TermOptions;

/// How keywords are ranked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum KeywordMethod {
    /// Term frequency × jieba's inverse document frequency (from a large general corpus):
    /// words frequent here but rare in general rank first.
    #[default]
    Tfidf,
    /// PageRank over the graph of words co-occurring within five words: words central to
    /// this text rank first, whatever their general frequency.
    Textrank,
}

/// One keyword and its score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    /// The term (Latin words lowercased).
    pub term: String,
    /// Its score: TF-IDF weight, or TextRank weight scaled so the best is 1.
    pub score: f64,
    /// jieba's part-of-speech tag (of its first occurrence).
    pub tag: String,
}

/// The top `options.keywords` keywords of a plain text by `options.keyword_method`.
///
/// # Examples
///
/// ```
/// let text = "今天纽约的天气真好啊，京华大酒店的张尧经理吃了一只北京烤鸭。\
///             后天纽约的天气不好，昨天纽约的天气也不好，北京烤鸭真好吃";
/// let options = qingwen::TermOptions { keywords: 3, ..Default::default() };
/// let top: Vec<String> = qingwen::keywords::keywords(text, &options)
///     .into_iter().map(|k| k.term).collect();
/// assert_eq!(top, ["北京烤鸭", "纽约", "天气"]);
/// ```
pub fn keywords(text: &str, options: &TermOptions) -> Vec<Keyword> {
    if options.keywords == 0 {
        return Vec::new();
    }
    let (segmenter, _) = Segmenter::with_user_dict(&options.user_dict);
    let filter = Filter::new(options);
    let mut vocab = Vocab::default();
    let (toks, words) = scan_all(
        &segmenter,
        &mut text.lines().map(|l| (0, l)),
        crate::SegmentMode::Default,
        &filter,
        &mut vocab,
    );
    rank(&toks, words, &vocab, options)
}

/// Ranks the candidates `toks`, out of `words` words in all (default-mode tokens).
pub(crate) fn rank(
    toks: &Toks,
    words: usize,
    vocab: &Vocab,
    options: &TermOptions,
) -> Vec<Keyword> {
    if options.keywords == 0 {
        return Vec::new();
    }
    let scored = match options.keyword_method {
        KeywordMethod::Tfidf => tfidf(toks, words, vocab),
        KeywordMethod::Textrank => textrank(toks, vocab),
    };
    // Every candidate is scored, only the best are sorted and copied out.
    let best = crate::tokens::top_sorted(scored, options.keywords, |a, b| {
        b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0))
    });
    best.into_iter()
        .map(|(term, score, tag)| Keyword {
            term: term.to_owned(),
            score,
            tag: tag.to_owned(),
        })
        .collect()
}

/// A candidate keyword: term, score, tag.
type Scored<'t> = (&'t str, f64, &'t str);

/// jieba's TF-IDF weights: per term, its occurrences × the IDF of the word as it stood
/// (case variants merged by adding their weights, as jieba weighs each spelling) ÷ all words.
fn tfidf<'t>(toks: &Toks, words: usize, vocab: &'t Vocab) -> Vec<Scored<'t>> {
    // Occurrences of each spelling, and the spellings in the order they first occur.
    let mut occurrences = vec![0usize; vocab.spellings()];
    let mut order: Vec<u32> = Vec::new();
    for t in toks.iter() {
        let n = &mut occurrences[t.spelling as usize];
        if *n == 0 {
            order.push(t.spelling);
        }
        *n += 1;
    }
    // Then of each word, so the IDF is looked up once per distinct word (a word jieba tagged
    // two ways is two spellings); the tag is the one of its first occurrence.
    // A word's dictionary id, when one of its spellings has it, is its line of the table.
    let mut spellings: HashMap<&str, (usize, u32, &str, Option<u32>)> = HashMap::default();
    for s in order {
        let e = spellings
            .entry(vocab.word(s))
            .or_insert((0, vocab.term(s), vocab.tag(s), None));
        e.0 += occurrences[s as usize];
        e.3 = e.3.or(vocab.dict_id(s));
    }
    let idf = idf_table();
    let total = words.max(1) as f64;
    let mut weights: Vec<Option<(f64, &str)>> = vec![None; vocab.terms()];
    for (word, (n, term, tag, dict_id)) in spellings {
        let idf = match dict_id {
            Some(line) => idf.at_line(line as usize),
            None => idf.get(word),
        };
        weights[term as usize].get_or_insert((0.0, tag)).0 += n as f64 * idf / total;
    }
    (0u32..)
        .zip(weights)
        .filter_map(|(term, w)| w.map(|(score, tag)| (vocab.text(term), score, tag)))
        .collect()
}

/// jieba's IDF table, one quantized byte per dictionary word in the order of `data/dict.txt`
/// (the order `data/dict.bin` keeps).
pub(crate) struct IdfTable {
    /// Quantized IDF of each line: 0 for none, else `lo + (q - 1) * step`.
    q: &'static [u8],
    lo: f64,
    step: f64,
    median: f64,
}

const IDF: &[u8] = include_bytes!("../data/idf.bin");

/// The IDF table.
pub(crate) fn idf_table() -> &'static IdfTable {
    static TABLE: OnceLock<IdfTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let f = |i: usize| {
            let b: [u8; 4] = IDF[i..i + 4]
                .try_into()
                .expect("idf.bin has a 12-byte header");
            f64::from(f32::from_le_bytes(b))
        };
        IdfTable {
            q: &IDF[12..],
            lo: f(0),
            step: (f(4) - f(0)) / 254.0,
            median: f(8),
        }
    })
}

impl IdfTable {
    /// The IDF of `word`; the median for a word the table lacks. The word's line in the
    /// dictionary is jieba's id for it: no index of the lines to build (it was 8-15% of
    /// the first `analyze` in wasm) or binary search of the text (memcmp was 5% of `analyze`).
    pub(crate) fn get(&self, word: &str) -> f64 {
        crate::segment::dict_line(word).map_or(self.median, |line| self.at_line(line))
    }

    /// The IDF of the word on `line` of the dictionary (its id in the default dictionary, and
    /// in one with user entries, which come after the default words and are not in the
    /// table); the median past the table or for a word it has no IDF for.
    pub(crate) fn at_line(&self, line: usize) -> f64 {
        match self.q.get(line) {
            Some(&q) if q > 0 => self.lo + f64::from(q - 1) * self.step,
            _ => self.median,
        }
    }
}

/// Words within this many positions of each other co-occur (jieba's default span).
const SPAN: u32 = 5;

/// TextRank (Mihalcea & Tarau 2004) as jieba runs it: an undirected graph whose edges are
/// co-occurrences within [`SPAN`] words, 20 sweeps of weighted PageRank with damping 0.85,
/// scores scaled so the best is 1.
fn textrank<'t>(toks: &Toks, vocab: &'t Vocab) -> Vec<Scored<'t>> {
    // Vertices numbered in the order their terms first occur (the sweeps visit them so).
    let mut vertex = vec![u32::MAX; vocab.terms()];
    let mut words: Vec<(u32, &str)> = Vec::new();
    // Co-occurrences of each pair of vertices (smaller first).
    let mut edges: HashMap<[u32; 2], usize> = HashMap::default();
    // The last SPAN - 1 tokens, oldest first: (position, vertex); u32::MAX for none yet.
    let mut window = [(0u32, u32::MAX); SPAN as usize - 1];
    for t in toks.iter() {
        let term = vocab.term(t.spelling);
        let v = &mut vertex[term as usize];
        if *v == u32::MAX {
            *v = crate::tokens::id(words.len());
            words.push((term, vocab.tag(t.spelling)));
        }
        let a = *v;
        for &(index, b) in &window {
            if b != u32::MAX && b != a && t.index.wrapping_sub(index) < SPAN {
                *edges.entry([a.min(b), a.max(b)]).or_insert(0) += 1;
            }
        }
        window.rotate_left(1);
        window[window.len() - 1] = (t.index, a);
    }
    let n = words.len();
    if n == 0 {
        return Vec::new();
    }
    // Neighbour lists in a fixed order, so the sweeps (and ties) are deterministic.
    let mut edges: Vec<([u32; 2], usize)> = edges.into_iter().collect();
    edges.sort_unstable_by_key(|e| e.0);
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for &([a, b], w) in &edges {
        let (a, b, w) = (a as usize, b as usize, w as f64);
        adj[a].push((b, w));
        adj[b].push((a, w));
    }
    let out: Vec<f64> = adj.iter().map(|l| l.iter().map(|e| e.1).sum()).collect();
    let d = 0.85;
    let mut rank = vec![1.0 / n as f64; n];
    for _ in 0..20 {
        for v in 0..n {
            let s: f64 = adj[v].iter().map(|&(u, w)| w / out[u] * rank[u]).sum();
            rank[v] = (1.0 - d) + d * s;
        }
    }
    let max = rank.iter().copied().fold(f64::MIN, f64::max);
    let min = rank.iter().copied().fold(f64::MAX, f64::min);
    let (lo, hi) = (min / 10.0, max - min / 10.0);
    words
        .into_iter()
        .zip(rank)
        .map(|((term, tag), r)| {
            let score = if hi > 0.0 { (r - lo) / hi } else { 1.0 };
            (vocab.text(term), score, tag)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::Tok;

    const TEXT: &str = "此外，公司拟对全资子公司吉林欧亚置业有限公司增资4.3亿元，增资后，吉林欧亚置业注册资本由7000万元增加到5亿元。吉林欧亚置业主要经营范围为房地产开发及百货零售等业务。目前在建吉林欧亚城市商业综合体项目。2013年，实现营业收入0万元，实现净利润-139.13万元。";

    #[test]
    fn a_words_dictionary_id_is_its_idf_line_with_a_user_dictionary_too() {
        // A new word and one the dictionary has, whose id stays its line.
        let user_dict = "清文 10 nz\n北京烤鸭 5 n\n";
        let (segmenter, errors) = crate::segment::Segmenter::with_user_dict(user_dict);
        assert!(errors.is_empty());
        let text = "清文在北京烤鸭店里分析天气和北京烤鸭。";
        let words = segmenter.words(text, crate::segment::SegmentMode::Default, true);
        let idf = idf_table();
        let with_ids: Vec<_> = words.iter().filter(|w| w.dict_id.is_some()).collect();
        for w in &with_ids {
            let line = w.dict_id.map_or(usize::MAX, |id| id as usize);
            assert_eq!(idf.at_line(line), idf.get(w.text), "{}", w.text);
        }
        let texts: Vec<&str> = with_ids.iter().map(|w| w.text).collect();
        assert!(texts.contains(&"清文") && texts.contains(&"北京烤鸭") && texts.contains(&"天气"));
    }

    #[test]
    fn idf_table_is_aligned_with_the_sorted_dictionary() {
        let idf = idf_table();
        assert_eq!(crate::segment::DICT.lines().count(), idf.q.len());
        let words: Vec<&str> = crate::segment::DICT
            .lines()
            .map(|l| l.split(' ').next().unwrap_or(""))
            .collect();
        assert!(words.windows(2).all(|w| w[0] < w[1]), "sorted, none twice");
        // idf.txt: 北京烤鸭 12.5144, 天气 6.4599; a word it lacks gets the median.
        assert!(
            (idf.get("北京烤鸭") - 12.5144).abs() < 0.03,
            "{}",
            idf.get("北京烤鸭")
        );
        assert!(
            (idf.get("天气") - 6.4599).abs() < 0.03,
            "{}",
            idf.get("天气")
        );
        assert!((idf.get("不存在的词") - 11.9548).abs() < 1e-3);
    }

    #[test]
    fn tfidf_matches_jieba_without_numbers() {
        let options = TermOptions {
            keywords: 4,
            ..TermOptions::default()
        };
        let top: Vec<String> = keywords(TEXT, &options)
            .into_iter()
            .map(|k| k.term)
            .collect();
        // jieba gives 欧亚, 吉林, 置业, 万元, 增资: 万元 is a measure word here.
        assert_eq!(top, ["欧亚", "吉林", "置业", "增资"]);
    }

    #[test]
    fn textrank_ranks_central_words() {
        let options = TermOptions {
            keywords: 3,
            keyword_method: KeywordMethod::Textrank,
            pos: vec!["n".into(), "v".into()],
            ..TermOptions::default()
        };
        let top = keywords(TEXT, &options);
        let terms: Vec<&str> = top.iter().map(|k| k.term.as_str()).collect();
        assert_eq!(terms, ["吉林", "欧亚", "置业"]);
        assert!((top[0].score - 1.0).abs() < 1e-9);
        assert!(top.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn textrank_windows_survive_positions_wrapping_around() {
        let options = TermOptions::default();
        let filter = Filter::new(&options);
        let mut vocab = Vocab::default();
        let words = [
            "吉林",
            "欧亚",
            "置业",
            "增资",
            "房地产",
            "开发",
            "百货",
            "零售",
        ];
        let spellings: Vec<u32> = words
            .iter()
            .map(|w| vocab.intern(w, "n", None, &filter).expect("a term"))
            .collect();
        let run = |start: u32| {
            let mut toks = Toks::default();
            // Two texts far apart; one word left out (a stopword) in the first.
            for (k, &s) in (0u32..).zip(&spellings) {
                if k != 2 {
                    toks.push(Tok {
                        spelling: s,
                        index: start.wrapping_add(k),
                    });
                }
            }
            for (k, &s) in (0u32..).zip(spellings.iter().rev()) {
                toks.push(Tok {
                    spelling: s,
                    index: start.wrapping_add(30 + k),
                });
            }
            textrank(&toks, &vocab)
        };
        let plain = run(0);
        assert_eq!(plain.len(), words.len());
        assert!(plain.iter().any(|s| s.1 != plain[0].1), "{plain:?}");
        for start in [u32::MAX - 3, u32::MAX - 31] {
            assert_eq!(run(start), plain, "from {start}");
        }
    }

    #[test]
    fn empty_text() {
        let options = TermOptions::default();
        assert!(keywords("", &options).is_empty());
        let tr = TermOptions {
            keyword_method: KeywordMethod::Textrank,
            ..options
        };
        assert!(keywords("，。", &tr).is_empty());
    }
}

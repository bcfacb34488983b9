//! Phrases: counted tokens → multi-word terms made of adjacent content words
//! (`主题` + `教育` → `主题教育`), with their association scores.
//!
//! Candidates are runs of two or three words that all count as terms and stand next to each
//! other in one block (nothing but whitespace between them). Each gets its count, pointwise
//! mutual information and Dunning's log-likelihood ratio; a pair always found inside the
//! same three-word phrase is left out in favour of it.

use rustc_hash::FxHashMap as HashMap;

use serde::{Deserialize, Serialize};

use crate::segment::Segmenter;
use crate::tokens::{scan_all, top_sorted, Filter, Toks, Vocab};
use crate::TermOptions;

/// A multi-word term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phrase {
    /// The words joined (with a space between two Latin words).
    pub phrase: String,
    /// The words it is made of.
    pub words: Vec<String>,
    /// How often the words stand together.
    pub count: usize,
    /// Pointwise mutual information, in bits: how much more often the words stand together
    /// than chance would put them.
    pub pmi: f64,
    /// Dunning's log-likelihood ratio (G²) of the first word(s) against the last: above 10.83
    /// the association is significant at p < 0.001.
    pub llr: f64,
}

/// The top `options.phrases` phrases of a plain text (each line on its own), those seen at
/// least `options.phrase_min_count` times.
///
/// # Examples
///
/// ```
/// let text = "开展主题教育。主题教育取得成效。深化主题教育成果。";
/// let phrases = qingwen::phrases::phrases(text, &Default::default());
/// assert_eq!(phrases[0].phrase, "主题教育");
/// assert_eq!(phrases[0].count, 3);
/// ```
pub fn phrases(text: &str, options: &TermOptions) -> Vec<Phrase> {
    let (segmenter, _) = Segmenter::with_user_dict(&options.user_dict);
    let filter = Filter::new(options);
    let mut vocab = Vocab::default();
    let (toks, _) = scan_all(
        &segmenter,
        &mut text.lines().map(|l| (0, l)),
        crate::SegmentMode::Default,
        &filter,
        &mut vocab,
    );
    find(&toks, &vocab, options)
}

/// Finds the phrases among `toks` (scanned in the default mode).
pub(crate) fn find(toks: &Toks, vocab: &Vocab, options: &TermOptions) -> Vec<Phrase> {
    if options.phrases == 0 || toks.len() < 2 {
        return Vec::new();
    }
    let n = toks.len() as f64;
    let mut unigrams = vec![0usize; vocab.terms()];
    let mut bigrams: HashMap<[u32; 2], usize> = HashMap::default();
    let mut trigrams: HashMap<[u32; 3], usize> = HashMap::default();
    // The two tokens before: (position, term).
    let mut before: Option<(u32, u32)> = None;
    let mut last: Option<(u32, u32)> = None;
    for t in toks.iter() {
        let c = vocab.term(t.spelling);
        unigrams[c as usize] += 1;
        if let Some((j, b)) = last.filter(|&(j, _)| j.wrapping_add(1) == t.index) {
            *bigrams.entry([b, c]).or_insert(0) += 1;
            if let Some((_, a)) = before.filter(|&(i, _)| i.wrapping_add(1) == j) {
                *trigrams.entry([a, b, c]).or_insert(0) += 1;
            }
        }
        (before, last) = (last, Some((t.index, c)));
    }
    let min = options.phrase_min_count.max(1);
    // The pairs always inside one frequent triple (a map of the bigrams' type: one copy of
    // the hash table's code in the module).
    let mut covered: HashMap<[u32; 2], usize> = HashMap::default();
    for (&[a, b, c], &count) in &trigrams {
        if count >= min {
            for pair in [[a, b], [b, c]] {
                if bigrams.get(&pair) == Some(&count) {
                    covered.insert(pair, count);
                }
            }
        }
    }
    let uni = |w: u32| unigrams[w as usize] as f64;
    let text = |w: u32| vocab.text(w);
    // Candidates as numbers; only the phrases shown are spelt out (spelling every candidate
    // and sorting them all was 2-3% of `analyze` on a novel).
    let mut rows: Vec<Row> = Vec::new();
    for (&[a, b], &count) in &bigrams {
        if count < min || covered.contains_key(&[a, b]) {
            continue;
        }
        let k = count as f64;
        rows.push(Row {
            words: [a, b, 0],
            len: 2,
            count,
            pmi: (k * n / (uni(a) * uni(b))).log2(),
            llr: llr(k, uni(a), uni(b), n),
        });
    }
    for (&[a, b, c], &count) in &trigrams {
        if count < min {
            continue;
        }
        let k = count as f64;
        let left = bigrams.get(&[a, b]).copied().unwrap_or(0) as f64;
        rows.push(Row {
            words: [a, b, c],
            len: 3,
            count,
            pmi: (k * n * n / (uni(a) * uni(b) * uni(c))).log2(),
            llr: llr(k, left, uni(c), n),
        });
    }
    // Chance pairs of very common words come out at or below zero PMI: not phrases.
    rows.retain(|r| r.pmi > 0.0);
    let words = |r: &Row| -> Vec<&str> { r.words[..r.len].iter().map(|&w| text(w)).collect() };
    let rows = top_sorted(rows, options.phrases, |x, y| {
        y.count
            .cmp(&x.count)
            .then_with(|| y.llr.total_cmp(&x.llr))
            .then_with(|| {
                let (wx, wy) = (words(x), words(y));
                joined(&wx)
                    .cmp(&joined(&wy))
                    // One text cut two ways (`主题|教育`, `主|题教育`): the order must not be
                    // the hash tables'.
                    .then_with(|| wx.cmp(&wy))
            })
    });
    rows.iter()
        .map(|r| phrase(&words(r), r.count, r.pmi, r.llr))
        .collect()
}

/// A candidate phrase: its words' term ids (the first `len`), count and scores.
struct Row {
    words: [u32; 3],
    len: usize,
    count: usize,
    pmi: f64,
    llr: f64,
}

/// The words joined, with a space between two Latin words.
fn joined(words: &[&str]) -> String {
    let mut text = String::new();
    for w in words {
        let latin_seam = text
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && w.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if latin_seam {
            text.push(' ');
        }
        text.push_str(w);
    }
    text
}

fn phrase(words: &[&str], count: usize, pmi: f64, llr: f64) -> Phrase {
    Phrase {
        phrase: joined(words),
        words: words.iter().map(|w| (*w).to_owned()).collect(),
        count,
        pmi,
        llr,
    }
}

/// Dunning's G² for a 2×2 table: `k` joint occurrences, `a` and `b` the marginals, `n` the
/// sample size.
fn llr(k: f64, a: f64, b: f64, n: f64) -> f64 {
    let cells = [
        (k, a, b),
        ((a - k).max(0.0), a, n - b),
        ((b - k).max(0.0), n - a, b),
        ((n - a - b + k).max(0.0), n - a, n - b),
    ];
    2.0 * cells
        .iter()
        .filter(|(o, row, col)| *o > 0.0 && *row > 0.0 && *col > 0.0)
        .map(|(o, row, col)| o * (o * n / (row * col)).ln())
        .sum::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::Tok;

    #[test]
    fn finds_pairs_and_triples() {
        let text = "深入开展主题教育活动。\n主题教育活动取得成效。\n巩固主题教育活动成果，推动高质量发展。\n高质量发展是首要任务。";
        let found = phrases(text, &TermOptions::default());
        let names: Vec<&str> = found.iter().map(|p| p.phrase.as_str()).collect();
        assert_eq!(names[0], "主题教育活动", "{found:?}");
        // Always inside 主题教育活动: not listed on their own.
        assert!(!names.contains(&"主题教育"), "{names:?}");
        assert!(found
            .iter()
            .all(|p| p.count >= 2 && p.pmi > 0.0 && p.llr > 0.0));
    }

    #[test]
    fn latin_words_keep_a_space_and_lines_do_not_join() {
        let text = "Machine learning helps. Machine learning scales.\nmachine\nlearning";
        let found = phrases(text, &TermOptions::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].phrase, "machine learning");
        assert_eq!(found[0].count, 2);
    }

    #[test]
    fn positions_that_wrap_around_stay_adjacent() {
        let options = TermOptions::default();
        let filter = Filter::new(&options);
        let mut vocab = Vocab::default();
        let mut toks = Toks::default();
        let words = ["主题", "教育", "活动"];
        for start in [u32::MAX - 1, 100] {
            for (k, w) in (0u32..).zip(words) {
                let spelling = vocab.intern(w, "n", None, &filter).expect("a term");
                toks.push(Tok {
                    spelling,
                    index: start.wrapping_add(k),
                });
            }
        }
        let found = find(&toks, &vocab, &options);
        let names: Vec<(&str, usize)> =
            found.iter().map(|p| (p.phrase.as_str(), p.count)).collect();
        assert_eq!(names, [("主题教育活动", 2)]);
    }

    #[test]
    fn llr_of_independence_is_zero() {
        assert!(llr(25.0, 50.0, 50.0, 100.0).abs() < 1e-9);
        assert!(llr(50.0, 50.0, 50.0, 100.0) > 10.83);
    }
}

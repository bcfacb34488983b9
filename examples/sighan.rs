//! SIGHAN 2005 scoring: the PKU and MSR test sets → word-boundary precision, recall, F1 and
//! OOV recall, for qingwen's segmentation and for plain jieba-rs run the same way.
//!
//! ```text
//! cargo run --release --example sighan [CORPUS_DIR]
//! ```
//!
//! `CORPUS_DIR` defaults to `../shared/corpus/sighan2005` beside the checkout. A word counts
//! as correct when its start and end (in characters, whitespace left out) match a gold word,
//! as the bakeoff's scorer counts them. OOV words are gold words missing from the training
//! word list. This is the only file outside `src/segment.rs` that names `jieba_rs`: it is the
//! baseline being compared against (built from the same dictionary, `data/dict.txt`, since
//! qingwen leaves jieba's embedded one out).

use std::collections::HashSet;
use std::time::Instant;

use qingwen::segment::Segmenter;
use qingwen::{SegmentMode, TermOptions};

/// jieba-rs with jieba's dictionary: qingwen's copy of it, as jieba-rs's `Jieba::new` would
/// load (that needs its `default-dict` feature, which qingwen leaves out).
fn plain_jieba() -> jieba_rs::Jieba {
    let mut dict = include_str!("../data/dict.txt").as_bytes();
    jieba_rs::Jieba::with_dict(&mut dict).expect("data/dict.txt is well-formed")
}

/// Counts for one system on one corpus.
#[derive(Default)]
struct Score {
    gold: usize,
    predicted: usize,
    correct: usize,
    oov: usize,
    oov_correct: usize,
    seconds: f64,
}

impl Score {
    fn row(&self, corpus: &str, system: &str) -> String {
        let p = self.correct as f64 / self.predicted.max(1) as f64;
        let r = self.correct as f64 / self.gold.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        let oov = self.oov_correct as f64 / self.oov.max(1) as f64;
        format!(
            "| {corpus} | {system} | {:.4} | {:.4} | {:.4} | {:.4} | {:.2} |",
            p, r, f, oov, self.seconds
        )
    }
}

/// The words of a segmented line as character spans, whitespace not counted.
fn spans<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<(usize, usize, &'a str)> {
    let mut at = 0;
    let mut out = Vec::new();
    for w in words {
        let n = w.chars().filter(|c| !c.is_whitespace()).count();
        if n > 0 {
            out.push((at, at + n, w));
            at += n;
        }
    }
    out
}

fn score(
    raw: &str,
    gold: &str,
    training: &HashSet<&str>,
    mut cut: impl FnMut(&str) -> Vec<String>,
) -> Score {
    let mut s = Score::default();
    let start = Instant::now();
    let predicted: Vec<Vec<String>> = raw.lines().map(|l| cut(l.trim_end())).collect();
    s.seconds = start.elapsed().as_secs_f64();
    for (line, pred) in gold.lines().zip(&predicted) {
        let g = spans(line.split_whitespace());
        let p = spans(pred.iter().map(String::as_str));
        let p_set: HashSet<(usize, usize)> = p.iter().map(|&(a, b, _)| (a, b)).collect();
        s.gold += g.len();
        s.predicted += p.len();
        for &(a, b, w) in &g {
            let hit = p_set.contains(&(a, b));
            s.correct += usize::from(hit);
            if !training.contains(w) {
                s.oov += 1;
                s.oov_correct += usize::from(hit);
            }
        }
    }
    s
}

fn main() {
    let given = std::env::args().nth(1);
    let dir = given.clone().unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/sighan2005").to_owned()
    });
    if given.is_none() && !std::path::Path::new(&dir).is_dir() {
        eprintln!("skipped: ../shared/corpus/sighan2005 is absent (give the corpus directory)");
        return;
    }
    let read = |name: &str| {
        std::fs::read_to_string(format!("{dir}/{name}"))
            .unwrap_or_else(|e| panic!("{dir}/{name}: {e}"))
    };
    let options = TermOptions::default();
    let qingwen = Segmenter::default_dict();
    // Build both dictionaries before any clock starts.
    qingwen.words("预热", SegmentMode::Default, true);
    let jieba = plain_jieba();
    println!("| corpus | system | precision | recall | F1 | OOV recall | seconds |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for corpus in ["pku", "msr"] {
        let raw = read(&format!("{corpus}_test.utf8"));
        let gold = read(&format!("{corpus}_test_gold.utf8"));
        let words = read(&format!("{corpus}_training_words.utf8"));
        let training: HashSet<&str> = words.lines().map(str::trim).collect();
        let q = score(&raw, &gold, &training, |line| {
            qingwen
                .words(line, SegmentMode::Default, options.hmm)
                .into_iter()
                .map(|w| w.text.to_owned())
                .collect()
        });
        println!("{}", q.row(corpus, "qingwen"));
        let j = score(&raw, &gold, &training, |line| {
            jieba
                .cut(line, true)
                .into_iter()
                .map(|t| t.word.to_owned())
                .collect()
        });
        println!("{}", j.row(corpus, "jieba-rs 0.11 (cut, HMM)"));
    }
    bench(&dir);
}

/// Throughput on 围城 (weicheng.txt), when it is beside the SIGHAN folder.
fn bench(dir: &str) {
    let Ok(novel) = std::fs::read_to_string(format!("{dir}/../weicheng.txt")) else {
        return;
    };
    let mb = novel.len() as f64 / 1e6;
    let time = |f: &dyn Fn()| {
        let start = Instant::now();
        f();
        start.elapsed().as_secs_f64()
    };
    let options = TermOptions {
        top: 0,
        ..TermOptions::default()
    };
    let seg = Segmenter::default_dict();
    let jieba = plain_jieba();
    // Load jieba's IDF table before the clock starts (it is loaded once per process).
    qingwen::keywords::keywords("预热", &options);
    let rows = [
        (
            "segment (qingwen, tagged)",
            time(&|| {
                seg.words(&novel, SegmentMode::Default, true);
            }),
        ),
        (
            "segment (jieba-rs cut)",
            time(&|| {
                jieba.cut(&novel, true);
            }),
        ),
        (
            "term counts",
            time(&|| {
                qingwen::terms::term_frequencies(&novel, &options);
            }),
        ),
        (
            "keywords (TF-IDF)",
            time(&|| {
                qingwen::keywords::keywords(&novel, &options);
            }),
        ),
        (
            "phrases",
            time(&|| {
                qingwen::phrases::phrases(&novel, &options);
            }),
        ),
        (
            "analyze (whole pipeline)",
            time(&|| {
                qingwen::analyze(&novel, &qingwen::Options::default());
            }),
        ),
    ];
    println!();
    println!("weicheng.txt, {mb:.2} MB:");
    for (what, s) in rows {
        println!("  {what:<28} {s:>6.2} s  {:>6.2} MB/s", mb / s);
    }
}

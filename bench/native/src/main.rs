//! Native half of `bench/run`: one measurement per process, one JSON line on stdout.
//!
//! `bench <system> ready` times start-up to the first result on a short text;
//! `bench <system> throughput FILE` times 5 runs on FILE and gives the median.
//! `bench - keywords FILE` prints qingwen's top 20 TF-IDF keywords beside jieba-rs's `TfIdf`
//! (its full 6.2 MB IDF table) restricted to the rows of qingwen's term table.
//! `bench - dict` times the ways of building jieba-rs with qingwen's dictionary;
//! `bench - stages FILE` times qingwen's stages on FILE (jieba's cut and tag, the cleanup,
//! the term table, the whole analyze), medians of 5 after a warm-up.
//! Systems: `jieba-rs` (jieba-rs 0.11 `Jieba::new` + `cut`, hmm on, its embedded dictionary)
//! and `qingwen` (the whole `analyze`). Peak memory is the process's VmHWM.

use std::time::Instant;

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

const SHORT: &str = "推动四川现代化建设开好局起好步，离不开强有力的组织保证。";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (system, what) = (args[1].as_str(), args[2].as_str());
    let start = Instant::now();
    match (system, what) {
        ("jieba-rs", "ready") => {
            let jieba = jieba_rs::Jieba::new();
            std::hint::black_box(jieba.cut(SHORT, true).len());
            let ms = start.elapsed().as_secs_f64() * 1e3;
            println!(r#"{{"ms":{ms},"peakKb":{}}}"#, peak_rss_kb());
        }
        ("qingwen", "ready") => {
            let a = qingwen::analyze(SHORT, &qingwen::Options::default());
            std::hint::black_box(a.terms.len());
            let ms = start.elapsed().as_secs_f64() * 1e3;
            println!(r#"{{"ms":{ms},"peakKb":{}}}"#, peak_rss_kb());
        }
        (_, "throughput") => {
            let text = std::fs::read_to_string(&args[3]).expect("readable text file");
            let jieba = (system == "jieba-rs").then(jieba_rs::Jieba::new);
            let options = qingwen::Options::default();
            // Warm up: the dictionary and the IDF table are built on first use.
            let run = || match &jieba {
                Some(j) => j.cut(&text, true).len(),
                None => qingwen::analyze(&text, &options).terms.len(),
            };
            std::hint::black_box(run());
            let mut times: Vec<f64> = (0..5)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(run());
                    t.elapsed().as_secs_f64()
                })
                .collect();
            times.sort_by(f64::total_cmp);
            let mbs = text.len() as f64 / 1e6 / times[2];
            println!(r#"{{"mbs":{mbs},"peakKb":{}}}"#, peak_rss_kb());
        }
        (_, "keywords") => compare_keywords(&args[3]),
        (_, "dict") => time_dict_loads(),
        (_, "stages") => time_stages(&args[3]),
        _ => {
            eprintln!(
                "usage: bench jieba-rs|qingwen ready|throughput|keywords [FILE] | bench - dict"
            );
            std::process::exit(2);
        }
    }
}

/// Times the ways of building jieba-rs with qingwen's dictionary (`data/dict.txt`), each
/// the median of 5: what the public API offers, jieba-rs's own embedded dictionary, and
/// qingwen's first segmentation (which builds its dictionary).
fn time_dict_loads() {
    const DICT: &str = include_str!("../../../data/dict.txt");
    let median = median_ms;
    let add_word = || {
        let mut jieba = jieba_rs::Jieba::empty();
        for line in DICT.lines() {
            let mut parts = line.split_ascii_whitespace();
            let (Some(word), Some(freq)) = (parts.next(), parts.next()) else {
                continue;
            };
            jieba.add_word(word, freq.parse().ok(), parts.next());
        }
        usize::from(jieba.has_word("我们"))
    };
    let with_dict = || {
        let jieba = jieba_rs::Jieba::with_dict(&mut DICT.as_bytes()).expect("dictionary");
        usize::from(jieba.has_word("我们"))
    };
    let embedded = || usize::from(jieba_rs::Jieba::new().has_word("我们"));
    println!(
        "Jieba::empty + add_word per line   {:7.1} ms",
        median(&add_word)
    );
    println!(
        "Jieba::with_dict(&[u8])           {:7.1} ms",
        median(&with_dict)
    );
    println!(
        "Jieba::new (embedded, zstd)        {:7.1} ms",
        median(&embedded)
    );
    let t = Instant::now();
    let options = qingwen::TermOptions::default();
    std::hint::black_box(qingwen::segment::segment(SHORT, &options).tokens.len());
    println!(
        "qingwen first segment (dictionary) {:7.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
}

fn time_stages(file: &str) {
    let text = std::fs::read_to_string(file).expect("readable text file");
    let mb = text.len() as f64 / 1e6;
    let seg = qingwen::segment::Segmenter::default_dict();
    let options = qingwen::Options::default();
    let stages: [(&str, &dyn Fn() -> usize); 7] = [
        ("jieba cut (Segmenter::cut)", &|| seg.cut(&text, true).len()),
        ("jieba tag (Segmenter::tag)", &|| seg.tag(&text, true).len()),
        ("segment (tokens as Strings)", &|| {
            qingwen::segment::segment(&text, &options.terms)
                .tokens
                .len()
        }),
        ("clean", &|| {
            qingwen::clean(&text, &options.clean).paragraphs().len()
        }),
        ("term_frequencies", &|| {
            qingwen::terms::term_frequencies(&text, &options.terms).len()
        }),
        ("keywords", &|| {
            qingwen::keywords::keywords(&text, &options.terms).len()
        }),
        ("analyze", &|| qingwen::analyze(&text, &options).terms.len()),
    ];
    for (name, f) in stages {
        std::hint::black_box(f());
        let ms = median_ms(f);
        println!("{name:<30} {ms:7.1} ms {:7.2} MB/s", mb / ms * 1e3);
    }
}

/// The median of 5 runs of `f`, in milliseconds.
fn median_ms(f: &dyn Fn() -> usize) -> f64 {
    let mut ts: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ts.sort_by(f64::total_cmp);
    ts[2]
}

/// qingwen's TF-IDF keywords (1-byte IDF per dictionary word) beside jieba's own `TfIdf`.
fn compare_keywords(file: &str) {
    use jieba_rs::{KeywordExtract, KeywordExtractConfig, TfIdf};
    let text = std::fs::read_to_string(file).expect("readable text file");
    let options = qingwen::TermOptions {
        keywords: 20,
        top: 0,
        ..Default::default()
    };
    let ours = qingwen::keywords::keywords(&text, &options);
    let rows: std::collections::HashSet<String> = qingwen::terms::term_frequencies(&text, &options)
        .into_iter()
        .map(|t| t.term)
        .collect();
    let mut dict = include_str!("../../../data/dict.txt").as_bytes();
    let jieba = jieba_rs::Jieba::with_dict(&mut dict).expect("dictionary");
    let config = KeywordExtractConfig::builder()
        .set_stop_words(Default::default())
        .min_keyword_length(1)
        .use_hmm(true)
        .build();
    let mut tfidf = TfIdf::default();
    *tfidf.config_mut() = config;
    let theirs: Vec<_> = tfidf
        .extract_keywords(&jieba, &text, usize::MAX, Vec::new())
        .into_iter()
        .filter(|k| rows.contains(&k.keyword.to_lowercase()))
        .take(20)
        .collect();
    let mut same = 0;
    for (i, (o, t)) in ours.iter().zip(&theirs).enumerate() {
        same += usize::from(o.term == t.keyword);
        println!(
            "{:>2} {:<8} {:.5} | {:<8} {:.5}",
            i + 1,
            o.term,
            o.score,
            t.keyword,
            t.weight
        );
    }
    let set = ours
        .iter()
        .filter(|o| theirs.iter().any(|t| t.keyword == o.term))
        .count();
    println!("same rank: {same}/20, same set: {set}/20");
}

//! Throughput of `qingwen::clean`: 围城 (weicheng.txt) hard-wrapped at 40 characters with a
//! footer `第 N 页 共 M 页` every 40 lines, as a PDF paste would have it. Prints MB/s.
//!
//!     cargo run --release --example bench_clean [-- PATH] [--rules]
//!
//! `--rules`: the layout model switched off (the rules decide every break), to measure its
//! cost.

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--rules") {
        qingwen::reflow::use_model(false);
    }
    let given = args.iter().find(|a| !a.starts_with("--")).cloned();
    let path = given
        .clone()
        .unwrap_or_else(|| "../shared/corpus/weicheng.txt".to_owned());
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(_) if given.is_none() => {
            eprintln!("skipped: ../shared/corpus/weicheng.txt is absent (give a text's path)");
            return;
        }
        Err(e) => {
            eprintln!("bench_clean: {path}: {e}");
            std::process::exit(1);
        }
    };
    let mut lines: Vec<String> = Vec::new();
    for para in text.lines() {
        let chars: Vec<char> = para.trim().chars().collect();
        for chunk in chars.chunks(40) {
            lines.push(chunk.iter().collect());
        }
    }
    let pages = lines.len().div_ceil(40);
    let mut input = String::with_capacity(text.len() * 2);
    for (i, line) in lines.iter().enumerate() {
        input.push_str(line);
        input.push('\n');
        if (i + 1) % 40 == 0 {
            input.push_str(&format!("第 {} 页 共 {} 页\n", (i + 1) / 40, pages));
        }
    }
    let options = qingwen::CleanOptions::default();
    // Warm up, then take the best of a few runs.
    let cleaned = qingwen::clean(&input, &options);
    let paragraphs = cleaned.paragraphs().len();
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let t = Instant::now();
        let c = qingwen::clean(&input, &options);
        std::hint::black_box(&c);
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mb = input.len() as f64 / 1e6;
    println!(
        "clean: {:.2} MB ({} lines, {} footers) -> {} paragraphs in {:.1} ms: {:.1} MB/s",
        mb,
        lines.len(),
        lines.len() / 40,
        paragraphs,
        best * 1e3,
        mb / best
    );
}

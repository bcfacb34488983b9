//! Superlinear-time guard: pathological input shapes → a table of time per MB against
//! normal text (weicheng.txt repeated to the same size).
//!
//! Each shape is timed at its full size and at half that size: a stage that is linear
//! takes about twice as long for twice the input ("×2" column near 2); one that is
//! quadratic takes four times as long. A shape is flagged when its time per MB is more than
//! 3× normal text's, or when doubling its size more than triples its time. "peak MB" is the
//! process's peak resident memory during the full-size run (Linux), which includes the
//! input and the process's baseline; wasm32 has 4 GB in all.
//!
//! ```text
//! cargo run --release --example pathological                 # full sizes (~10 MB each)
//! cargo run --release --example pathological -- --scale 0.2  # quicker, smaller inputs
//! cargo run --release --example pathological -- --only footer --stage clean
//! ```
//!
//! Exits 1 when a shape is flagged, so a script can use it as a check; it is not a test,
//! because timings on a shared machine are too noisy for one.

use std::time::{Duration, Instant};

use qingwen::{analyze, clean, CleanOptions, Options};

const MB: f64 = 1024.0 * 1024.0;

/// Repeats `unit` (built from its index) until the text holds `bytes` bytes.
fn repeat_to(bytes: usize, mut unit: impl FnMut(usize) -> String) -> String {
    let mut s = String::with_capacity(bytes + 64);
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&unit(i));
        i += 1;
    }
    s
}

/// Cuts `s` to at most `bytes` bytes, on a char boundary.
fn cut(mut s: String, bytes: usize) -> String {
    if s.len() > bytes {
        let mut at = bytes;
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        s.truncate(at);
    }
    s
}

fn weicheng() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/weicheng.txt");
    std::fs::read_to_string(path).unwrap_or_else(|_| {
        // Without the shared corpus, a stand-in of ordinary prose with line breaks.
        "方鸿渐到了家，家里人都很高兴。他父亲说：“你回来了，很好。”\n\
         这一年的夏天特别热，大家都在屋里躲着太阳。\n"
            .repeat(200)
    })
}

/// One pathological shape: its name and how to build `bytes` of it.
struct Shape {
    name: &'static str,
    build: fn(usize, &str) -> String,
}

const SHAPES: &[Shape] = &[
    Shape {
        name: "normal (weicheng)",
        build: |n, w| cut(repeat_to(n, |_| w.to_owned()), n),
    },
    Shape {
        name: "one 10 MB line",
        build: |n, w| {
            let flat: String = w.chars().filter(|c| *c != '\n' && *c != '\r').collect();
            cut(repeat_to(n, |_| flat.clone()), n)
        },
    },
    Shape {
        name: "1 M short lines",
        build: |n, _| cut(repeat_to(n, |i| format!("短行{}\n", i % 10)), n),
    },
    Shape {
        name: "1 M blank lines",
        build: |n, _| "\n".repeat(n),
    },
    Shape {
        name: "blank lines, spaces, CR",
        build: |n, _| cut(repeat_to(n, |_| " \r\n\t\n　\r".to_owned()), n),
    },
    Shape {
        name: "deep numbering 1.1.1…",
        build: |n, _| {
            cut(
                repeat_to(n, |i| format!("{} 标题{}\n", "1.".repeat(1 + i % 500), i)),
                n,
            )
        },
    },
    Shape {
        name: "one deep numbering line",
        build: |n, _| cut(format!("{}1 总则\n正文。\n", "1.".repeat(n / 2)), n),
    },
    Shape {
        name: "CN numbering headings",
        build: |n, _| {
            cut(
                repeat_to(n, |i| {
                    format!(
                        "（{}）总体要求\n正文很长的一段话，说明内容。\n",
                        ["一", "二", "三", "十一", "九十九"][i % 5]
                    )
                }),
                n,
            )
        },
    },
    Shape {
        name: "100 k repeated headers",
        build: |n, w| {
            let lines: Vec<&str> = w.lines().filter(|l| !l.trim().is_empty()).collect();
            cut(
                repeat_to(n, |i| {
                    format!(
                        "四川日报 2024年2月20日 第001版\n{}\n{}\n",
                        lines[(2 * i) % lines.len()],
                        lines[(2 * i + 1) % lines.len()]
                    )
                }),
                n,
            )
        },
    },
    Shape {
        name: "footer on every line",
        build: |n, w| {
            let lines: Vec<&str> = w.lines().filter(|l| !l.trim().is_empty()).collect();
            cut(
                repeat_to(n, |i| {
                    format!("{}\n第 {} 页 共 9999 页\n", lines[i % lines.len()], i + 1)
                }),
                n,
            )
        },
    },
    Shape {
        name: "copy labels everywhere",
        build: |n, _| cut(repeat_to(n, |_| "正文复制\n分享到\n内容。\n".to_owned()), n),
    },
    Shape {
        name: "10 MB of one char (啊)",
        build: |n, _| cut("啊".repeat(n / 3 + 1), n),
    },
    Shape {
        name: "10 MB of one char (a)",
        build: |n, _| "a".repeat(n),
    },
    Shape {
        name: "10 MB of spaces",
        build: |n, _| " ".repeat(n),
    },
    Shape {
        name: "10 MB of hyphens",
        build: |n, _| {
            cut(
                repeat_to(n, |i| {
                    if i % 40 == 39 {
                        "-\n".into()
                    } else {
                        "-".into()
                    }
                }),
                n,
            )
        },
    },
    Shape {
        name: "mixed-script alternation",
        build: |n, _| {
            cut(
                repeat_to(n, |i| {
                    ["a中", "1文", " b", "字 ", "𦡦x", "👪2"][i % 6].to_owned()
                }),
                n,
            )
        },
    },
    Shape {
        name: "letter-spaced CJK",
        build: |n, _| {
            cut(
                repeat_to(n, |i| {
                    if i % 30 == 29 {
                        "字\n".into()
                    } else {
                        "字 ".into()
                    }
                }),
                n,
            )
        },
    },
    Shape {
        name: "hard-wrapped prose",
        build: |n, w| {
            let flat: String = w.chars().filter(|c| *c != '\n').collect();
            let wrapped: String = flat
                .chars()
                .collect::<Vec<_>>()
                .chunks(38)
                .map(|c| c.iter().collect::<String>() + "\n")
                .collect();
            cut(repeat_to(n, |_| wrapped.clone()), n)
        },
    },
    Shape {
        name: "astral + RTL + controls",
        build: |n, _| {
            cut(
                repeat_to(n, |i| {
                    [
                        "𦡦",
                        "👨‍👩‍👧",
                        "\u{202e}",
                        "\u{200f}",
                        "\u{0}",
                        "\r",
                        "ש",
                        "\u{feff}",
                        "中",
                    ][i % 9]
                        .to_owned()
                }),
                n,
            )
        },
    },
];

/// Which part of the pipeline to time.
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Clean,
    Analyze,
}

/// Resets the process's peak resident set size (Linux; a no-op elsewhere).
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The process's peak resident set size since the last reset, in MB (Linux only).
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// The best of a few runs when one run is short, to keep noise out of the ratios.
fn time(stage: Stage, text: &str) -> Duration {
    let first = time_once(stage, text);
    if first.as_secs_f64() > 1.0 {
        return first;
    }
    (0..2)
        .map(|_| time_once(stage, text))
        .fold(first, Duration::min)
}

fn time_once(stage: Stage, text: &str) -> Duration {
    let start = Instant::now();
    match stage {
        Stage::Clean => {
            let c = clean(text, &CleanOptions::default());
            std::hint::black_box(c.text.as_str().len());
        }
        Stage::Analyze => {
            let a = analyze(text, &Options::default());
            std::hint::black_box(a.blocks.len());
        }
    }
    start.elapsed()
}

fn main() {
    let mut scale = 1.0f64;
    let mut only: Option<String> = None;
    let mut stages = vec![Stage::Clean, Stage::Analyze];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--scale" => scale = args.next().and_then(|s| s.parse().ok()).unwrap_or(1.0),
            "--only" => only = args.next(),
            "--stage" => {
                stages = match args.next().as_deref() {
                    Some("clean") => vec![Stage::Clean],
                    Some("analyze") => vec![Stage::Analyze],
                    _ => stages,
                }
            }
            _ => {
                eprintln!("usage: pathological [--scale F] [--only NAME] [--stage clean|analyze]");
                std::process::exit(2);
            }
        }
    }
    let size = (10.0 * MB * scale) as usize;
    let w = weicheng();
    // Warm up jieba's dictionary so it is not charged to the first shape.
    let _ = analyze("预热", &Options::default());

    let mut flagged = false;
    for stage in stages {
        let label = if stage == Stage::Clean {
            "clean"
        } else {
            "analyze"
        };
        println!("\n## {label}\n");
        println!(
            "| {:<26} | {:>6} | {:>8} | {:>8} | {:>7} | {:>5} | {:>8} |",
            "shape", "MB", "seconds", "s/MB", "× norm", "×2", "peak MB"
        );
        println!(
            "|{:-<28}|{:-<8}|{:-<10}|{:-<10}|{:-<9}|{:-<7}|{:-<10}|",
            "", "", "", "", "", "", ""
        );
        let mut normal_per_mb = None;
        for shape in SHAPES {
            let is_normal = shape.name.starts_with("normal");
            if !is_normal && only.as_deref().is_some_and(|o| !shape.name.contains(o)) {
                continue;
            }
            let full = (shape.build)(size, &w);
            let half = (shape.build)(size / 2, &w);
            let t_half = time(stage, &half).as_secs_f64();
            drop(half);
            reset_peak_rss();
            let t_full = time(stage, &full).as_secs_f64();
            let peak = peak_rss_mb();
            let mb = full.len() as f64 / MB;
            let per_mb = t_full / mb.max(1e-9);
            let normal = *normal_per_mb.get_or_insert(per_mb);
            let ratio = per_mb / normal;
            // Growth means little when both runs are too short to time.
            let growth = if t_full > 0.25 {
                t_full / t_half.max(1e-9)
            } else {
                f64::NAN
            };
            let bad = ratio > 3.0 || growth > 3.0;
            flagged |= bad;
            println!(
                "| {:<26} | {:>6.2} | {:>8.3} | {:>8.4} | {:>7.2} | {:>5.2} | {:>8.0} |{}",
                shape.name,
                mb,
                t_full,
                per_mb,
                ratio,
                growth,
                peak,
                if bad { " ⚠ > 3×" } else { "" }
            );
        }
    }
    if flagged {
        std::process::exit(1);
    }
}

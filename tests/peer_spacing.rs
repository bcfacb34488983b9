//! The spacing modes against two peers' test suites (`../shared/peer-spacing/*.jsonl`: pangu.js
//! and AutoCorrect, input → expected pairs, all `expected` sides correctly written text).
//!
//! Three measures, per family of cases (the suite's test file):
//! - **default unchanged:** the default cleaner gives every `expected` back unchanged (text that
//!   was never broken must not be damaged);
//! - **pangu:** `input` through the pangu option gives pangu.js's `expected`;
//! - **pangu + full-width:** `input` through pangu + full-width punctuation gives AutoCorrect's.
//!
//! Texts are compared line by line, trailing spaces and blank lines ignored: where paragraphs
//! break is the reflow's business, not the spacing's. Cases marked `out_of_scope` are skipped.
//! Cases holding a character that normalization deliberately replaces (a no-break space, a
//! Kangxi radical: see "Deliberate differences" in README.md) are counted on their own line
//! and left out of the goals, since no spacing mode sees those characters.
//!
//!     cargo test --release --test peer_spacing -- --nocapture
//!
//! prints the table; `QINGWEN_PEER_MISSES=1` lists every miss as well.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod support;

use qingwen::{clean, CleanOptions};
use serde_json::Value;

/// Share of each suite's `expected` texts the default mode must give back unchanged.
const DEFAULT_UNCHANGED_GOAL: f64 = 0.995;
/// Share of in-scope peer cases each opt-in mode must reproduce.
const MODE_GOAL: f64 = 0.95;

struct Case {
    family: String,
    /// Holds a character normalization replaces (`qingwen::normalize::lookalike`).
    normalized: bool,
    input: String,
    expected: String,
}

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/peer-spacing")
}

fn load(file: &str) -> Option<Vec<Case>> {
    let text = std::fs::read_to_string(suite_dir().join(file)).ok()?;
    let mut cases = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).expect("a JSON object per line");
        if v.get("out_of_scope").is_some() {
            continue;
        }
        let field = |k: &str| v[k].as_str().expect("string field").to_owned();
        let path = field("file");
        let name = path.rsplit('/').next().unwrap_or(&path);
        let family = name.trim_end_matches(".test.ts").trim_end_matches(".rs");
        let family = if path.starts_with("rule/") {
            format!("rule/{family}")
        } else {
            family.to_owned()
        };
        let (input, expected) = (field("input"), field("expected"));
        let normalized = input
            .chars()
            .chain(expected.chars())
            .any(|c| qingwen::normalize::lookalike(c).is_some());
        cases.push(Case {
            family,
            normalized,
            input,
            expected,
        });
    }
    Some(cases)
}

/// The lines of `s` without trailing spaces, blank lines dropped.
fn lines(s: &str) -> Vec<&str> {
    s.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .collect()
}

fn cleaned(s: &str, o: &CleanOptions) -> String {
    clean(s, o).text.as_str().to_owned()
}

fn same(out: &str, expected: &str) -> bool {
    lines(out) == lines(expected)
}

/// Pass counts of one measure: per family, (passed, total).
#[derive(Default)]
struct Tally {
    families: BTreeMap<String, (usize, usize)>,
    misses: Vec<String>,
}

impl Tally {
    fn add(&mut self, family: &str, ok: bool, miss: impl FnOnce() -> String) {
        let e = self.families.entry(family.to_owned()).or_default();
        e.1 += 1;
        if ok {
            e.0 += 1;
        } else {
            self.misses.push(miss());
        }
    }

    fn total(&self) -> (usize, usize) {
        self.families
            .values()
            .fold((0, 0), |(p, n), &(a, b)| (p + a, n + b))
    }

    fn rate(&self) -> f64 {
        let (p, n) = self.total();
        p as f64 / n.max(1) as f64
    }
}

fn pangu() -> CleanOptions {
    CleanOptions {
        pangu: true,
        ..CleanOptions::default()
    }
}

fn pangu_fullwidth() -> CleanOptions {
    CleanOptions {
        pangu: true,
        fullwidth_punctuation: true,
        ..CleanOptions::default()
    }
}

/// Runs one suite: the default-mode check on every `expected` and `mode` on every `input`.
fn run_suite(file: &str, mode_name: &str, mode: &CleanOptions) -> Option<(Tally, Tally)> {
    let Some(cases) = load(file) else {
        support::skipped(&format!("peer-spacing/{file}"));
        return None;
    };
    let default = CleanOptions::default();
    let (mut unchanged, mut conform) = (Tally::default(), Tally::default());
    let (mut set_aside, mut set_aside_conform) = (Tally::default(), Tally::default());
    for c in &cases {
        let (u, m) = if c.normalized {
            (&mut set_aside, &mut set_aside_conform)
        } else {
            (&mut unchanged, &mut conform)
        };
        let out = cleaned(&c.expected, &default);
        u.add(&c.family, same(&out, &c.expected), || {
            format!("default  {:?}\n      → {out:?}", c.expected)
        });
        let out = cleaned(&c.input, mode);
        m.add(&c.family, same(&out, &c.expected), || {
            format!(
                "{mode_name}  {:?}\n      → {out:?}\n want {:?}",
                c.input, c.expected
            )
        });
    }
    println!("\n{file}: family, default unchanged, {mode_name}");
    for (family, &(u, n)) in &unchanged.families {
        let (m, _) = conform.families[family];
        println!("  {family:<28} {u:>4}/{n:<4} {m:>4}/{n:<4}");
    }
    let (u, n) = unchanged.total();
    let (m, _) = conform.total();
    println!("  {:<28} {u:>4}/{n:<4} {m:>4}/{n:<4}", "total");
    let (su, sn) = set_aside.total();
    let (sm, _) = set_aside_conform.total();
    println!(
        "  {:<28} {su:>4}/{sn:<4} {sm:>4}/{sn:<4}",
        "(look-alike chars, not in total)"
    );
    if std::env::var_os("QINGWEN_PEER_MISSES").is_some() {
        for miss in unchanged.misses.iter().chain(&conform.misses) {
            println!("  {miss}");
        }
    }
    Some((unchanged, conform))
}

/// Runs one suite and asserts the goals of both measures on it.
fn check_suite(file: &str, mode_name: &str, mode: &CleanOptions) {
    let Some((unchanged, conform)) = run_suite(file, mode_name, mode) else {
        return;
    };
    assert!(
        unchanged.rate() >= DEFAULT_UNCHANGED_GOAL,
        "default mode changes {} of {file}'s expected texts (run with --nocapture)",
        unchanged.misses.len()
    );
    assert!(
        conform.rate() >= MODE_GOAL,
        "{mode_name} misses {} of {file}'s cases (run with --nocapture)",
        conform.misses.len()
    );
}

#[test]
fn pangu_js_suite() {
    check_suite("pangu.js.jsonl", "pangu", &pangu());
}

#[test]
fn autocorrect_suite() {
    check_suite("autocorrect.jsonl", "pangu+fullwidth", &pangu_fullwidth());
}

//! Per-decision counts and precision of reflow's line decisions on a labelled set, and the
//! overall join/break precision and recall.
//!
//!     cargo run --release --example line_decisions -- [CASES_DIR] [--cases] [--wrong] [--rules]
//!
//! `CASES_DIR` (default `../shared/eval/cases`) holds `NAME.txt` (the pasted text) and
//! `NAME.expected.json` (its true blocks, `blocks[].text`). Each line break reflow decided
//! ([`qingwen::reflow::explain`]) is placed in the cleaned text; the characters on each side
//! are aligned with the expected blocks by their position in the text with whitespace left
//! out (extraction artifacts the expected text lacks are skipped over). `--rules`: the rules
//! decide every break (the layout model, on by default, is switched off). A join is right when
//! both sides belong to the same expected block, a break when they belong to different ones.
//! Breaks whose sides do not align with expected text (removed furniture, meta lines that are
//! no block) are counted as unaligned and left out of precision and recall. `--cases` also
//! prints a line per case, `--wrong` each wrong decision with the text around it.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use qingwen::reflow::{explain, Decision};
use qingwen::{clean, CleanOptions};

/// Characters compared at once to find where the two texts agree again after a difference.
const ANCHOR: usize = 8;
/// How far ahead in the cleaned text a difference may reach (extraction furniture).
const SKIP_CLEANED: usize = 2_000;
/// How far ahead in the expected text (content the cleaner lost or put elsewhere).
const SKIP_EXPECTED: usize = 5_000;
/// How far from a break, in non-space chars, an aligned char may be to vouch for its side.
const NEAR: usize = 12;

#[derive(Default, Clone, Copy)]
struct Tally {
    count: usize,
    aligned: usize,
    correct: usize,
}

fn main() {
    let mut dir = "../shared/eval/cases".to_owned();
    let (mut per_case, mut wrong) = (false, false);
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--cases" => per_case = true,
            "--wrong" => wrong = true,
            "--rules" => qingwen::reflow::use_model(false),
            _ => dir = a,
        }
    }
    if !Path::new(&dir).is_dir() {
        println!("line_decisions: {dir} is absent: nothing to measure (skipped)");
        return;
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("read the cases folder")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".expected.json").map(str::to_owned)
        })
        .filter(|n| Path::new(&dir).join(format!("{n}.txt")).is_file())
        .collect();
    names.sort();
    let options = CleanOptions::default();
    let mut by_decision: BTreeMap<Decision, Tally> = BTreeMap::new();
    let (mut on_break, mut all) = (0, 0);
    for name in &names {
        let text = std::fs::read_to_string(Path::new(&dir).join(format!("{name}.txt")))
            .expect("read a case");
        let json = std::fs::read_to_string(Path::new(&dir).join(format!("{name}.expected.json")))
            .expect("read an expected file");
        let expected: serde_json::Value = serde_json::from_str(&json).expect("expected JSON");
        let blocks: Vec<&str> = expected["blocks"]
            .as_array()
            .map(|b| b.iter().filter_map(|b| b["text"].as_str()).collect())
            .unwrap_or_default();
        let cleaned = clean(&text, &options);
        let decisions = explain(&text, &options);
        let sides = Sides::new(cleaned.text.as_str(), &blocks);
        let mut case = Tally::default();
        for d in &decisions {
            all += 1;
            on_break += usize::from(matches!(text.as_bytes()[d.offset], b'\n' | b'\r'));
            let t = by_decision.entry(d.decision).or_default();
            t.count += 1;
            case.count += 1;
            let at = cleaned.text.current_offset(d.offset);
            if let Some((before, after)) = sides.blocks_around(at) {
                let correct = (before == after) == d.joined();
                if wrong && !correct {
                    let c = cleaned.text.as_str();
                    let from = (0..=at.saturating_sub(60))
                        .rev()
                        .find(|&i| c.is_char_boundary(i))
                        .unwrap_or(0);
                    let to = ((at + 60).min(c.len())..=c.len())
                        .find(|&i| c.is_char_boundary(i))
                        .unwrap_or(c.len());
                    let evidence = d.model.as_ref().map_or(String::new(), |v| {
                        let e: Vec<String> = v
                            .evidence
                            .iter()
                            .map(|(f, c)| format!("{f} {c:+.2}"))
                            .collect();
                        format!(" in place of {} [{}]", d.decision.name(), e.join(", "))
                    });
                    println!(
                        "{name} @{}: {}{evidence} ({}): {:?} ⏎ {:?}",
                        d.offset,
                        d.rule(),
                        if d.joined() { "joined" } else { "kept" },
                        &c[from..at],
                        &c[at..to]
                    );
                }
                t.aligned += 1;
                t.correct += usize::from(correct);
                case.aligned += 1;
                case.correct += usize::from(correct);
            }
        }
        if per_case {
            println!(
                "{name:<40} {:>5} decisions {:>5} aligned {:>5} correct",
                case.count, case.aligned, case.correct
            );
        }
    }
    println!(
        "line decisions on {} cases of {dir} ({on_break} of {all} keyed on an input line break)\n",
        names.len()
    );
    println!(
        "{:<26} {:>5} {:>6} {:>8} {:>8} {:>9}",
        "decision", "joins", "count", "aligned", "correct", "precision"
    );
    let (mut joins, mut breaks) = (Tally::default(), Tally::default());
    for d in Decision::ALL {
        let t = by_decision.get(&d).copied().unwrap_or_default();
        let sum = if d.is_join() { &mut joins } else { &mut breaks };
        sum.count += t.count;
        sum.aligned += t.aligned;
        sum.correct += t.correct;
        println!(
            "{:<26} {:>5} {:>6} {:>8} {:>8} {:>9}",
            d.name(),
            if d.is_join() { "join" } else { "break" },
            t.count,
            t.aligned,
            t.correct,
            ratio(t.correct, t.aligned)
        );
    }
    // A wrong break is a missed join, and the other way round.
    let (missed_joins, missed_breaks) = (
        breaks.aligned - breaks.correct,
        joins.aligned - joins.correct,
    );
    println!();
    for (what, t, missed) in [
        ("join", joins, missed_joins),
        ("break", breaks, missed_breaks),
    ] {
        println!(
            "{what:<5}: {:>6} decided, {:>6} aligned, precision {} recall {}",
            t.count,
            t.aligned,
            ratio(t.correct, t.aligned),
            ratio(t.correct, t.correct + missed)
        );
    }
}

fn ratio(a: usize, b: usize) -> String {
    if b == 0 {
        "-".to_owned()
    } else {
        format!("{:.3}", a as f64 / b as f64)
    }
}

/// Compared as equal: case and full-width forms folded.
fn fold(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    c.to_lowercase().next().unwrap_or(c)
}

/// The cleaned text's non-space chars, each with the expected block it aligns with.
struct Sides {
    /// Byte offset in the cleaned text of each non-space char.
    offsets: Vec<usize>,
    /// The expected block each of those chars aligns with, if any.
    block: Vec<Option<usize>>,
}

impl Sides {
    fn new(cleaned: &str, blocks: &[&str]) -> Sides {
        let (offsets, c): (Vec<usize>, Vec<char>) = cleaned
            .char_indices()
            .filter(|(_, c)| !c.is_whitespace())
            .map(|(i, c)| (i, fold(c)))
            .unzip();
        let mut e = Vec::new();
        let mut e_block = Vec::new();
        for (k, b) in blocks.iter().enumerate() {
            for ch in b.chars().filter(|c| !c.is_whitespace()) {
                e.push(fold(ch));
                e_block.push(k);
            }
        }
        let block = align(&c, &e)
            .into_iter()
            .map(|j| j.map(|j| e_block[j]))
            .collect();
        Sides { offsets, block }
    }

    /// The expected blocks of the nearest aligned chars before and after cleaned offset `at`.
    fn blocks_around(&self, at: usize) -> Option<(usize, usize)> {
        let split = self.offsets.partition_point(|&o| o < at);
        let before = self.block[split.saturating_sub(NEAR)..split]
            .iter()
            .rev()
            .find_map(|b| *b)?;
        let after = self.block[split..(split + NEAR).min(self.block.len())]
            .iter()
            .find_map(|b| *b)?;
        Some((before, after))
    }
}

/// For each char of `c`, the index of the char of `e` it aligns with: equal chars in order,
/// and after a difference the nearest place (fewest chars skipped on both sides) where
/// [`ANCHOR`] chars agree again.
fn align(c: &[char], e: &[char]) -> Vec<Option<usize>> {
    let mut anchors: HashMap<&[char], Vec<usize>> = HashMap::new();
    for j in 0..e.len().saturating_sub(ANCHOR - 1) {
        anchors.entry(&e[j..j + ANCHOR]).or_default().push(j);
    }
    let mut out = vec![None; c.len()];
    let (mut i, mut j) = (0, 0);
    while i < c.len() && j < e.len() {
        if c[i] == e[j] {
            out[i] = Some(j);
            i += 1;
            j += 1;
            continue;
        }
        // (chars skipped in all, in `c`, the position in `e` where they agree again)
        let mut best: Option<(usize, usize, usize)> = None;
        for a in 0..=SKIP_CLEANED {
            if i + a + ANCHOR > c.len() || best.is_some_and(|(cost, _, _)| a >= cost) {
                break;
            }
            let Some(at) = anchors.get(&c[i + a..i + a + ANCHOR]) else {
                continue;
            };
            let k = at.partition_point(|&p| p < j);
            if let Some(&p) = at.get(k).filter(|&&p| p <= j + SKIP_EXPECTED) {
                let cost = a + (p - j);
                if best.is_none_or(|(b, _, _)| cost < b) {
                    best = Some((cost, a, p));
                }
            }
        }
        match best {
            Some((_, a, p)) => {
                i += a;
                j = p;
            }
            None => i += 1,
        }
    }
    out
}

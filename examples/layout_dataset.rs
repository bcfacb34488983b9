//! The layout model's training data: every line break reflow decides on a labelled corpus,
//! with its features, the rule's own decision and the true label, as TSV on stdout.
//!
//!     cargo run --release --example layout_dataset -- CORPUS_DIR > dataset.tsv
//!
//! `CORPUS_DIR` is the corpus tool's output (`tools/corpus/README.md`): `cases/NAME.txt` and
//! `cases/NAME.breaks.jsonl`, one record per `\n` of the text with its `label` (`join`,
//! `para`, `drop` or null) and `content_label` (the same across removed furniture). A break
//! is labelled by the record of its newline (the content label where there is one): join =
//! 1, para = 0; drop and null are left out. The rules decide alone (the model is switched
//! off), so the features and the rule column do not depend on the model being trained.
//!
//! Already clean text is data too: for each document (once, from its first full case) its
//! expected blocks one per line (`DOC.clean1`, `\n` between) and with a blank line between
//! (`DOC.clean2`), and runs of two to five of them (`DOC.clean3`), every break labelled a
//! paragraph break — what a paste of clean text or a second cleaning pass looks like, where
//! nothing may be joined.
//!
//! Columns: case, offset, rule, rule_join, label, then one per feature
//! ([`qingwen::reflow::feature_name`]).

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

#[path = "support/corpus.rs"]
mod corpus;

use qingwen::reflow::{explain, feature_name, use_model, N_FEATURES};
use qingwen::CleanOptions;

/// A run of clean blocks starts every this many blocks.
const SNIPPET_STEP: usize = 4;

fn main() {
    let (cases, names) =
        corpus::case_names(".breaks.jsonl", "layout_dataset CORPUS_DIR > dataset.tsv");
    use_model(false);
    let options = CleanOptions::default();
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let header: Vec<String> = ["case", "offset", "rule", "rule_join", "label"]
        .iter()
        .map(|s| (*s).to_owned())
        .chain((0..N_FEATURES).map(feature_name))
        .collect();
    writeln!(out, "{}", header.join("\t")).expect("write");
    let (mut rows, mut unlabelled) = (0usize, 0usize);
    let mut docs_done = HashSet::new();
    for name in &names {
        if let Some((doc, blocks)) = clean_blocks(&cases, name) {
            if docs_done.insert(doc.clone()) {
                // Whole, and cut into runs of two to five blocks (a paste of clean text).
                let mut texts = vec![(1, blocks.join("\n")), (2, blocks.join("\n\n"))];
                for (j, start) in (0..blocks.len()).step_by(SNIPPET_STEP).enumerate() {
                    let end = (start + 2 + j % 4).min(blocks.len());
                    if end > start + 1 {
                        texts.push((3, blocks[start..end].join("\n")));
                    }
                }
                for (k, text) in texts {
                    for d in explain(&text, &options) {
                        let features: Vec<String> =
                            d.features.iter().map(|v| format!("{v}")).collect();
                        writeln!(
                            out,
                            "{doc}.clean{k}\t{}\t{}\t{}\t0\t{}",
                            d.offset,
                            d.decision.name(),
                            u8::from(d.decision.is_join()),
                            features.join("\t")
                        )
                        .expect("write");
                        rows += 1;
                    }
                }
            }
        }
        let Ok(text) = std::fs::read_to_string(cases.join(format!("{name}.txt"))) else {
            continue;
        };
        let labels = read_labels(&cases.join(format!("{name}.breaks.jsonl")));
        for d in explain(&text, &options) {
            // A `\r\n` break is keyed on its `\r`; the labels on the `\n`.
            let at = if text.as_bytes().get(d.offset) == Some(&b'\r') {
                d.offset + 1
            } else {
                d.offset
            };
            let Some(&label) = labels.get(&at) else {
                unlabelled += 1;
                continue;
            };
            let features: Vec<String> = d.features.iter().map(|v| format!("{v}")).collect();
            writeln!(
                out,
                "{name}\t{}\t{}\t{}\t{}\t{}",
                d.offset,
                d.decision.name(),
                u8::from(d.decision.is_join()),
                label,
                features.join("\t")
            )
            .expect("write");
            rows += 1;
        }
    }
    eprintln!(
        "layout_dataset: {} cases, {rows} labelled breaks, {unlabelled} left out (drop, null or no newline)",
        names.len()
    );
}

/// For a full case (not a short paste): its document's name and expected blocks' texts, each
/// on one line.
fn clean_blocks(cases: &Path, name: &str) -> Option<(String, Vec<String>)> {
    if name.contains(".short") {
        return None;
    }
    let json = std::fs::read_to_string(cases.join(format!("{name}.expected.json"))).ok()?;
    let e: serde_json::Value = serde_json::from_str(&json).ok()?;
    let doc = e["case"]["doc"].as_str()?.to_owned();
    let blocks = e["blocks"]
        .as_array()?
        .iter()
        .filter_map(|b| b["text"].as_str())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect();
    Some((doc, blocks))
}

/// The label of each newline offset: 1 join, 0 paragraph (drop and null left out).
fn read_labels(path: &Path) -> HashMap<usize, u8> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|r| {
            let offset = usize::try_from(r["offset"].as_u64()?).ok()?;
            let label = r["content_label"].as_str().or(r["label"].as_str())?;
            match label {
                "join" => Some((offset, 1)),
                "para" => Some((offset, 0)),
                _ => None,
            }
        })
        .collect()
}

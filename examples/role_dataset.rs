//! The role model's training data: every candidate paragraph the structure stage asks
//! whether it is a heading, on a labelled corpus, with its features and the rules' decision,
//! as TSV on stdout.
//!
//!     cargo run --release --example role_dataset -- CORPUS_DIR > roles.tsv
//!
//! `CORPUS_DIR` is the corpus tool's output (`tools/corpus/README.md`): each `cases/NAME.txt`
//! is cleaned and typed by the product's own pipeline (the role model switched off, so the
//! rows do not depend on the model being trained); the true role is not read here:
//! `tools/model/train_roles.py` aligns each row's text with the case's expected blocks.
//!
//! Columns: case, index, rule_heading, text (tabs and newlines as spaces), then one per
//! feature ([`qingwen::structure::role_feature_name`]).

use std::io::Write;

#[path = "support/corpus.rs"]
mod corpus;

use qingwen::structure::{explain_roles, role_feature_name, use_role_model, N_ROLE_FEATURES};
use qingwen::CleanOptions;

fn main() {
    let (cases, names) =
        corpus::case_names(".expected.json", "role_dataset CORPUS_DIR > roles.tsv");
    use_role_model(false);
    let options = CleanOptions::default();
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let header: Vec<&str> = ["case", "index", "rule_heading", "text"]
        .into_iter()
        .chain((0..N_ROLE_FEATURES).map(role_feature_name))
        .collect();
    writeln!(out, "{}", header.join("\t")).expect("write");
    let mut rows = 0usize;
    for name in &names {
        let Ok(text) = std::fs::read_to_string(cases.join(format!("{name}.txt"))) else {
            continue;
        };
        let cleaned = qingwen::clean(&text, &options);
        let headers: Vec<&str> = cleaned.removed_headers.iter().map(String::as_str).collect();
        let paragraphs = cleaned.paragraphs();
        for d in explain_roles(&paragraphs, &headers) {
            let text = paragraphs[d.index].replace(['\t', '\n', '\r'], " ");
            let features: Vec<String> = d.features.iter().map(|v| format!("{v}")).collect();
            writeln!(
                out,
                "{name}\t{}\t{}\t{text}\t{}",
                d.index,
                u8::from(d.rule_heading),
                features.join("\t")
            )
            .expect("write");
            rows += 1;
        }
    }
    eprintln!(
        "role_dataset: {} cases, {rows} candidate paragraphs",
        names.len()
    );
}

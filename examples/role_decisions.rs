//! Prints the structure stage's heading decision about every candidate paragraph of a text
//! (stdin): the rules' answer, the role model's score and the decision.
//!
//!     cargo run --release --example role_decisions < text.txt
//!
//! `--rules` switches the role model off.

use std::io::Read;

use qingwen::structure::{explain_roles, use_role_model};
use qingwen::CleanOptions;

fn main() {
    if std::env::args().any(|a| a == "--rules") {
        use_role_model(false);
    }
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .expect("read stdin");
    let cleaned = qingwen::clean(&text, &CleanOptions::default());
    let headers: Vec<&str> = cleaned.removed_headers.iter().map(String::as_str).collect();
    let paragraphs = cleaned.paragraphs();
    for d in explain_roles(&paragraphs, &headers) {
        let score = d
            .score
            .map_or_else(|| "-".to_owned(), |s| format!("{s:+.2}"));
        let text: String = paragraphs[d.index].chars().take(60).collect();
        println!(
            "{:4} rule={} heading={} score={score:>6}  {text}",
            d.index,
            u8::from(d.rule_heading),
            u8::from(d.heading)
        );
    }
}

//! `qingwen::html::parse_html` on the text read as an HTML page, then
//! `qingwen::analyze_document` on what it gives: never panics, and the analysis's ranges
//! index the document's input text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qingwen_fuzz::{check_analysis, options, split};

fuzz_target!(|data: &[u8]| {
    let (header, text) = split(data);
    let options = options(&header, &text);
    let doc = qingwen::html::parse_html(&text);
    assert!(
        doc.blocks.iter().all(|b| !b.text.trim().is_empty()),
        "no empty blocks"
    );
    let analysis = qingwen::analyze_document(&doc, &options);
    check_analysis(&doc.text(), &options, &analysis);
});

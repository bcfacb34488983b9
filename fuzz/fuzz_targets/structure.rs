//! `qingwen::structure::detect_structure` on the text's lines taken as paragraphs (and,
//! when header byte 0 is odd, on raw lines including empty ones, which the pipeline never
//! passes but a library caller may).
#![no_main]

use libfuzzer_sys::fuzz_target;
use qingwen::structure::detect_structure;
use qingwen_fuzz::split;

fuzz_target!(|data: &[u8]| {
    let (header, text) = split(data);
    let paragraphs: Vec<&str> = if header[0] & 1 == 0 {
        text.split('\n').filter(|p| !p.is_empty()).collect()
    } else {
        text.split('\n').collect()
    };
    let doc = detect_structure(&paragraphs);
    assert_eq!(
        doc.blocks.len(),
        paragraphs.len(),
        "one block per paragraph"
    );
    let _ = qingwen::outline::build_outline(&doc.blocks);
});

//! `qingwen::analyze_document` on a typed document made from the text: blocks split at blank
//! lines, each with a kind, a level and a lead taken from the header and the block itself.
//! Never panics, and the analysis's ranges index the document's input text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qingwen::{Document, SourceBlock, SourceKind};
use qingwen_fuzz::{check_analysis, options, split};

const KINDS: [SourceKind; 5] = [
    SourceKind::Paragraph,
    SourceKind::Heading,
    SourceKind::ListItem,
    SourceKind::Quote,
    SourceKind::TableCell,
];

fuzz_target!(|data: &[u8]| {
    let (header, text) = split(data);
    let options = options(&header, &text);
    let blocks = text
        .split("\n\n")
        .enumerate()
        .map(|(i, t)| {
            let pick = usize::from(header[13]) + i * 7 + t.len();
            let lead_chars = usize::from(header[15] >> 4) + i % 3;
            SourceBlock {
                kind: KINDS[pick % KINDS.len()],
                // 0 and levels past 6 included: a caller may send them.
                level: (header[14] & 1 == 0).then(|| (header[14] >> 1).wrapping_add(i as u8) % 9),
                text: t.to_owned(),
                lead: (header[15] & 1 == 1).then(|| t.chars().take(lead_chars).collect()),
            }
        })
        .collect();
    let doc = Document { blocks };
    let analysis = qingwen::analyze_document(&doc, &options);
    check_analysis(&doc.text(), &options, &analysis);
});

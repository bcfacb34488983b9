//! `qingwen::terms::count_terms` on blocks of arbitrary kinds, with arbitrary term options.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qingwen::terms::count_terms;
use qingwen::{Block, BlockKind};
use qingwen_fuzz::{split, term_options};

const KINDS: [BlockKind; 7] = [
    BlockKind::Paragraph,
    BlockKind::Title,
    BlockKind::Subtitle,
    BlockKind::Byline,
    BlockKind::Meta,
    BlockKind::Heading,
    BlockKind::ListItem,
];

fuzz_target!(|data: &[u8]| {
    let (header, text) = split(data);
    let options = term_options(&header, &text);
    let blocks: Vec<Block> = text
        .split('\n')
        .enumerate()
        .map(|(i, line)| Block {
            kind: KINDS[(header[0] as usize + i) % KINDS.len()],
            text: line.to_owned(),
            level: None,
            lead: None,
            range: 0..0,
            marker: None,
        })
        .collect();
    let terms = count_terms(&blocks, &options);
    assert!(terms.iter().all(|t| t.count > 0));
    if options.top == 0 && !terms.is_empty() {
        let sum: f64 = terms.iter().map(|t| t.per10k).sum();
        assert!((sum - 10_000.0).abs() < 1e-3, "per10k sums to {sum}");
    }
});

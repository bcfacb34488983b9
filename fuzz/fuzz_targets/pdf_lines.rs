//! `qingwen::pdf_lines::layout_document` alone (the geometry, without the text pipeline, so
//! many more inputs per second) on positioned lines decoded from the bytes (see
//! `qingwen_fuzz::layout`). Never panics; every block has text, dropped lines name a page.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qingwen::SourceKind;

fuzz_target!(|data: &[u8]| {
    let (_, layout) = qingwen_fuzz::layout(data);
    let laid = qingwen::pdf_lines::layout_document(&layout);
    for b in &laid.document.blocks {
        assert!(!b.text.trim().is_empty(), "empty block {b:?}");
        assert!(b.kind != SourceKind::Heading || b.level.is_some_and(|l| l >= 1));
        if let Some(lead) = &b.lead {
            assert!(lead.len() < b.text.len());
        }
    }
    for d in &laid.dropped {
        assert!(d.page >= 1 && d.page <= layout.pages.len());
    }
    assert!(laid.dehyphenated <= laid.line_joins);
});

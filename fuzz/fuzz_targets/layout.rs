//! `qingwen::analyze_layout` on positioned lines decoded from the bytes (see
//! `qingwen_fuzz::layout`): coordinates that are NaN, infinite, negative, huge or zero, sizes
//! that are missing, runs piled on one baseline, pages without size. Never panics, and the
//! analysis's ranges index its `input` text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qingwen_fuzz::{check_analysis, layout, options};

fuzz_target!(|data: &[u8]| {
    let (header, layout) = layout(data);
    let text: String = layout
        .pages
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.text.as_str()))
        .collect();
    let options = options(&header, &text);
    let result = qingwen::analyze_layout(&layout, &options);
    check_analysis(&result.input, &options, &result.analysis);
    for d in &result.dropped {
        assert!(d.page >= 1 && d.page <= layout.pages.len());
    }
});

//! `qingwen::clean` (normalize → artifacts → reflow → spacing) with arbitrary switches.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qingwen_fuzz::{check_tracked, clean_options, split};

fuzz_target!(|data: &[u8]| {
    let (header, text) = split(data);
    let cleaned = qingwen::clean(&text, &clean_options(&header));
    let _ = cleaned.paragraphs();
    check_tracked(&text, cleaned.text);
});

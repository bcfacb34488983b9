//! `qingwen::normalize::normalize` alone, on raw text, with arbitrary switches.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qingwen::edit::Tracked;
use qingwen_fuzz::{check_tracked, clean_options, split};

fuzz_target!(|data: &[u8]| {
    let (header, text) = split(data);
    let mut tracked = Tracked::new(&text);
    qingwen::normalize::normalize(&mut tracked, &clean_options(&header));
    check_tracked(&text, tracked);
});

//! `qingwen::artifacts::remove_artifacts` alone, on raw text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qingwen::edit::Tracked;
use qingwen_fuzz::{check_tracked, split};

fuzz_target!(|data: &[u8]| {
    let (_, text) = split(data);
    let mut tracked = Tracked::new(&text);
    qingwen::artifacts::remove_artifacts(&mut tracked);
    check_tracked(&text, tracked);
});

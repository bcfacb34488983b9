//! `qingwen::analyze` with options from the header: never panics, and its ranges and
//! counts hold together.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qingwen_fuzz::{check_analysis, options, split};

fuzz_target!(|data: &[u8]| {
    let (header, text) = split(data);
    let options = options(&header, &text);
    let analysis = qingwen::analyze(&text, &options);
    check_analysis(&text, &options, &analysis);
});

//! `qingwen::columns::split_columns` alone, on raw text (side-by-side columns are rare in
//! arbitrary bytes, so the seeds include pdftotext -layout output).
#![no_main]

use libfuzzer_sys::fuzz_target;
use qingwen::edit::Tracked;
use qingwen_fuzz::{check_tracked, split};

fuzz_target!(|data: &[u8]| {
    let (_, text) = split(data);
    let mut tracked = Tracked::new(&text);
    qingwen::columns::split_columns(&mut tracked);
    check_tracked(&text, tracked);
});

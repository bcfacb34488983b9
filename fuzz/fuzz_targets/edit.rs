//! `qingwen::edit::Tracked::apply` with arbitrary rounds of arbitrary edits (unsorted,
//! overlapping, off char boundaries): the text stays valid and every fix's ranges stay in
//! bounds. This is the machinery every cleanup stage stands on.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use qingwen::edit::{Edit, Tracked};
use qingwen::FixKind;
use qingwen_fuzz::check_tracked;

const KINDS: [FixKind; 4] = [
    FixKind::Whitespace,
    FixKind::LineJoin,
    FixKind::PageFooter,
    FixKind::Layout,
];
const REPLACEMENTS: [&str; 6] = ["", " ", "\n", "\n\n", "𦡦", "é"];

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(input) = String::arbitrary(&mut u) else {
        return;
    };
    let mut tracked = Tracked::new(&input);
    let rounds = u.int_in_range(0..=6u8).unwrap_or(0);
    for _ in 0..rounds {
        let len = tracked.as_str().len();
        let n = u.int_in_range(0..=8u8).unwrap_or(0);
        let mut edits = Vec::new();
        for _ in 0..n {
            let a = u.int_in_range(0..=len + 1).unwrap_or(0);
            let b = u.int_in_range(0..=len + 1).unwrap_or(0);
            let (start, end) = if u.arbitrary::<bool>().unwrap_or(false) {
                (a, b)
            } else {
                (a.min(b), a.max(b))
            };
            let repl = REPLACEMENTS[u.choose_index(REPLACEMENTS.len()).unwrap_or(0)];
            let kind = KINDS[u.choose_index(KINDS.len()).unwrap_or(0)];
            edits.push(Edit::replace(start..end, repl, kind));
        }
        tracked.apply(edits);
        let now = tracked.as_str().len();
        let r = tracked.input_range(0..now);
        assert!(
            r.start <= r.end && r.end <= input.len(),
            "input_range {r:?} of {}",
            input.len()
        );
        let _ = tracked.fixes();
    }
    check_tracked(&input, tracked);
});

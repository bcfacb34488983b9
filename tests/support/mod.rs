//! Test data for the Rust tests: the repository's own samples, and the shared data beside the
//! checkout (`../shared`) when it is there.
#![allow(dead_code)] // each test crate uses some of these

use std::path::Path;

/// A sample of `tests/fixtures/samples`, written for the project.
pub fn sample(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/samples")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The Chinese e-paper paste (`zh-epaper.txt`).
pub fn zh_sample() -> String {
    sample("zh-epaper.txt")
}

/// The English report (`en-report.txt`).
pub fn en_sample() -> String {
    sample("en-report.txt")
}

/// Where `path` of the shared data would be: `../shared` beside the checkout.
pub fn shared_path(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(path)
}

/// A file of the shared data (the eval set, SIGHAN, weicheng), or `None` after a printed
/// notice when a clone has no `../shared` beside it.
pub fn shared(path: &str) -> Option<String> {
    let full = shared_path(path);
    match std::fs::read_to_string(&full) {
        Ok(text) => Some(text),
        Err(_) => {
            skipped(path);
            None
        }
    }
}

/// Says that a test skipped because `../shared/{path}` is absent. Written to stderr directly,
/// not with `eprintln!`, which the test harness captures and shows only for failing tests.
pub fn skipped(path: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: ../shared/{path} is absent");
}

//! `analyze` as JSON (as `qingwen analyze --json` prints it) for every input file under
//! several option sets, so that a refactoring can be checked byte for byte against a baseline
//! (`scripts/compare-outputs.sh`).
//!
//!     cargo run --release --example dump_outputs -- OUT_DIR FILE...
//!
//! Writes `OUT_DIR/<option set>/<file path with '/' as '__'>.json`.

use qingwen::{analyze, CleanOptions, Options, SegmentMode};

/// The option sets compared: the defaults, each cleanup switch that changes the pipeline's
/// path, and search-mode terms.
fn option_sets() -> Vec<(&'static str, Options)> {
    let with = |f: fn(&mut Options)| {
        let mut o = Options::default();
        f(&mut o);
        o
    };
    vec![
        ("default", Options::default()),
        ("no-reflow", with(|o| o.clean.reflow = false)),
        ("no-artifacts", with(|o| o.clean.remove_artifacts = false)),
        ("no-normalize", with(|o| o.clean.normalize_chars = false)),
        (
            "raw",
            with(|o| {
                o.clean = CleanOptions {
                    normalize_chars: false,
                    remove_artifacts: false,
                    reflow: false,
                    fix_spacing: false,
                    pangu: false,
                    fullwidth_punctuation: false,
                    ..CleanOptions::default()
                }
            }),
        ),
        ("pangu", with(|o| o.clean.pangu = true)),
        ("fullwidth", with(|o| o.clean.fullwidth_punctuation = true)),
        (
            "pangu-fullwidth-search",
            with(|o| {
                o.clean.pangu = true;
                o.clean.fullwidth_punctuation = true;
                o.terms.mode = SegmentMode::Search;
            }),
        ),
    ]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        eprintln!("usage: dump_outputs OUT_DIR FILE...");
        std::process::exit(2);
    };
    let files: Vec<String> = args.collect();
    let sets = option_sets();
    for (name, _) in &sets {
        std::fs::create_dir_all(format!("{out}/{name}")).expect("create the output folder");
    }
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let flat = path.trim_start_matches(['.', '/']).replace('/', "__");
        for (name, options) in &sets {
            let analysis = analyze(&text, options);
            let json = serde_json::to_string(&analysis).expect("an analysis serializes") + "\n";
            std::fs::write(format!("{out}/{name}/{flat}.json"), json).expect("write the output");
        }
    }
    eprintln!(
        "dump_outputs: {} files × {} option sets → {out}",
        files.len(),
        sets.len()
    );
}

//! The corpus tool's output (`tools/corpus/README.md`) → its case names, shared by the
//! examples that export training data.

use std::path::{Path, PathBuf};

/// The `cases` folder of the corpus named by the first argument, and the sorted names of
/// its cases that have a file ending in `suffix`; exits with `usage` when no folder is named.
pub fn case_names(suffix: &str, usage: &str) -> (PathBuf, Vec<String>) {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: {usage}");
        std::process::exit(2);
    };
    let cases = Path::new(&dir).join("cases");
    let mut names: Vec<String> = std::fs::read_dir(&cases)
        .unwrap_or_else(|e| panic!("read {}: {e}", cases.display()))
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(suffix).map(str::to_owned)
        })
        .collect();
    names.sort();
    (cases, names)
}

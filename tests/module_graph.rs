//! The crate's module graph, read from `src/`: no two modules may depend on each other, not
//! even through others. `cargo test --test module_graph -- --nocapture` prints the graph.
//!
//! A module is a file `src/<name>.rs` or a folder `src/<name>/` (its files are one module).
//! It depends on another when its code (comments and string literals left out) names it in a
//! `crate::` path: `use crate::terms::Filter`, `use crate::{keywords, tokens::Vocab}`,
//! `crate::segment::dict_line(..)`, or an item the crate root re-exports from it
//! (`crate::FixKind` is `edit`'s). The crate root (`lib.rs`) is left out of the cycle check:
//! it chains every stage and holds the options every stage reads, so every module depends on
//! it and it on them; what matters is that the stages form a tree below it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The crate root's name in the graph.
const ROOT: &str = "lib";

#[test]
fn no_two_modules_depend_on_each_other() {
    let graph = module_graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    println!("module dependencies (crate root left out):");
    for (module, deps) in &graph {
        let deps: Vec<&str> = deps.iter().map(String::as_str).collect();
        println!("  {module} → {}", deps.join(", "));
    }
    // Sanity: the reader found the modules and some of their dependencies.
    assert!(graph["terms"].contains("segment"), "{graph:?}");
    assert!(graph["wasm"].contains("kwic"), "{graph:?}");
    let cycles = cycles(&graph);
    assert!(
        cycles.is_empty(),
        "modules that depend on each other: {}",
        cycles
            .iter()
            .map(|c| c.join(" ↔ "))
            .collect::<Vec<_>>()
            .join("; ")
    );
}

#[test]
fn the_reader_sees_grouped_nested_and_inline_paths_but_not_comments() {
    let modules: BTreeSet<String> = ["a", "b", "c", "d", "e", "f"].map(String::from).into();
    let reexports = BTreeMap::from([("Thing".to_owned(), "f".to_owned())]);
    let code = r##"
        use crate::{a::X, b::{self, Y}};
        // use crate::c;
        /* crate::c::Z /* nested */ crate::c */
        let s = "crate::c::q\"crate::c"; let r = r#"crate::c"#; let b = br"crate::c\"; let q = '"'; let l: &'static str = "";
        fn f() { crate::d::run(); let t: crate::Thing = crate::Options::default(); }
        use crate :: e;
    "##;
    let deps = dependencies(code, &modules, &reexports);
    let want: BTreeSet<String> = ["a", "b", "d", "e", "f", ROOT].map(String::from).into();
    assert_eq!(deps, want);
    let mut graph = Graph::new();
    graph.insert("a".into(), ["b".into()].into());
    graph.insert("b".into(), ["c".into()].into());
    graph.insert("c".into(), ["a".into()].into());
    graph.insert("d".into(), ["a".into()].into());
    assert_eq!(cycles(&graph), [["a", "b", "c"]]);
}

/// Each module of `src` and the modules it depends on (itself and the root left out).
fn module_graph(src: &Path) -> Graph {
    let mut files: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(src).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 file name")
            .to_owned();
        let texts = if path.is_dir() {
            rust_files(&path)
        } else if path.extension().is_some_and(|e| e == "rs") {
            vec![read(&path)]
        } else {
            continue;
        };
        // The binaries are programs using the crate, not modules of it.
        if name != "bin" {
            files.entry(name).or_default().extend(texts);
        }
    }
    let root = files.remove(ROOT).expect("src/lib.rs").concat();
    let modules: BTreeSet<String> = files.keys().cloned().collect();
    let reexports = root_reexports(&root, &modules);
    files
        .iter()
        .map(|(module, texts)| {
            let mut deps = dependencies(&texts.concat(), &modules, &reexports);
            deps.remove(module);
            deps.remove(ROOT);
            (module.clone(), deps)
        })
        .collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `.rs` file under `dir`, read.
fn rust_files(dir: &Path) -> Vec<String> {
    let mut texts = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("a readable folder")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            texts.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            texts.push(read(&path));
        }
    }
    texts
}

/// The items the crate root re-exports (`pub use crate::edit::{Fix, FixKind}`), each with the
/// module it comes from.
fn root_reexports(root: &str, modules: &BTreeSet<String>) -> BTreeMap<String, String> {
    let code = code_only(root);
    let mut items = BTreeMap::new();
    for statement in code.split(';') {
        let Some(path) = statement.trim().strip_prefix("pub use crate::") else {
            continue;
        };
        let path: String = path.chars().filter(|c| !c.is_whitespace()).collect();
        let (module, rest) = path.split_once("::").unwrap_or((&path, ""));
        if !modules.contains(module) {
            continue;
        }
        let rest = rest.trim_start_matches('{').trim_end_matches('}');
        for item in rest.split(',') {
            // `a::B` re-exports `B`; `B as C` re-exports `C`.
            let item = item.rsplit("::").next().unwrap_or(item);
            let item = item.rsplit("as").next().unwrap_or(item);
            if !item.is_empty() && item != "self" {
                items.insert(item.to_owned(), module.to_owned());
            }
        }
    }
    items
}

/// The modules `code` names in `crate::` paths; [`ROOT`] for items of the crate root itself.
fn dependencies(
    code: &str,
    modules: &BTreeSet<String>,
    reexports: &BTreeMap<String, String>,
) -> BTreeSet<String> {
    let code = code_only(code);
    let chars: Vec<char> = code.chars().collect();
    let mut deps = BTreeSet::new();
    let mut name = |first: &str| {
        let module = if modules.contains(first) {
            first
        } else {
            reexports.get(first).map_or(ROOT, String::as_str)
        };
        deps.insert(module.to_owned());
    };
    let mut i = 0;
    while let Some(at) = find_word(&chars, i, "crate") {
        i = at + "crate".len();
        let Some(after) = skip_path_separator(&chars, i) else {
            continue;
        };
        if chars.get(after) == Some(&'{') {
            // A group: the first segment of each item at the group's top level.
            let mut depth = 0;
            let mut expect_item = true;
            let mut j = after;
            while j < chars.len() {
                match chars[j] {
                    '{' => {
                        depth += 1;
                        if depth == 1 {
                            expect_item = true;
                        }
                    }
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => expect_item = true,
                    c if depth == 1 && expect_item && is_ident_start(c) => {
                        let word = ident_at(&chars, j);
                        j += word.chars().count() - 1;
                        if word != "self" {
                            name(&word);
                        }
                        expect_item = false;
                    }
                    _ => {}
                }
                j += 1;
            }
            i = j;
        } else if chars.get(after).copied().is_some_and(is_ident_start) {
            name(&ident_at(&chars, after));
        }
    }
    deps
}

/// The next occurrence of `word` as a whole identifier at or after `from`.
fn find_word(chars: &[char], from: usize, word: &str) -> Option<usize> {
    let w: Vec<char> = word.chars().collect();
    (from..chars.len().saturating_sub(w.len() - 1)).find(|&i| {
        chars[i..i + w.len()] == w[..]
            && (i == 0 || !is_ident_char(chars[i - 1]))
            && chars.get(i + w.len()).is_none_or(|&c| !is_ident_char(c))
    })
}

/// The position after `::` (whitespace allowed around it) at `i`, if there is one.
fn skip_path_separator(chars: &[char], mut i: usize) -> Option<usize> {
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    if chars.get(i) != Some(&':') || chars.get(i + 1) != Some(&':') {
        return None;
    }
    i += 2;
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    Some(i)
}

fn ident_at(chars: &[char], i: usize) -> String {
    chars[i..]
        .iter()
        .take_while(|&&c| is_ident_char(c))
        .collect()
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `code` with comments, string literals and character literals blanked out (lifetimes
/// kept), so that only code is searched.
fn code_only(code: &str) -> String {
    let c: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let mut i = 0;
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c[i] == 'r'
            && matches!(next, Some('#' | '"'))
            && (i == 0
                || !is_ident_char(c[i - 1])
                || (c[i - 1] == 'b' && (i == 1 || !is_ident_char(c[i - 2]))))
        {
            // A raw string: r"…", r#"…"#, br"…" …
            let hashes = c[i + 1..].iter().take_while(|&&h| h == '#').count();
            if c.get(i + 1 + hashes) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            i += 2 + hashes;
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while i < c.len() && c[i..].get(..close.len()) != Some(&close[..]) {
                i += 1;
            }
            i += close.len();
            out.push_str("\"\"");
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c[i] == '\'' && (next == Some('\\') || c.get(i + 2) == Some(&'\'')) {
            // A character literal ('x', '\n', '\u{…}', '\''); a lifetime ('a) is kept.
            i += if next == Some('\\') { 3 } else { 2 };
            while i < c.len() && c[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// The groups of modules that depend on each other (strongly connected components of more
/// than one module), each sorted.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    let reaches = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(m) = stack.pop() {
            for d in graph.get(&m).into_iter().flatten() {
                if seen.insert(d.clone()) {
                    stack.push(d.clone());
                }
            }
        }
        seen
    };
    let reach: BTreeMap<&String, BTreeSet<String>> =
        graph.keys().map(|m| (m, reaches(m))).collect();
    let mut groups: BTreeSet<Vec<String>> = BTreeSet::new();
    for (m, r) in &reach {
        if r.contains(*m) {
            let group: Vec<String> = r
                .iter()
                .filter(|o| reach.get(o).is_some_and(|back| back.contains(*m)))
                .cloned()
                .collect();
            groups.insert(group);
        }
    }
    groups.into_iter().collect()
}

//! Golden structure tests: `tests/fixtures/structure/<case>.txt` (text as a real extractor
//! gave it: pdftotext or pypdf on a PDF that Chromium printed) → `<case>.expected.json`
//! (meta, headings with levels, leads, list items and the outline). One test loops the
//! folder; run with `QINGWEN_BLESS=1` to rewrite the expected files after checking them.
//!
//! Texts are compared as the evaluation compares them: whitespace between two CJK
//! characters dropped, other whitespace runs collapsed to one space.

use std::path::Path;

use qingwen::outline::{NodeKind, OutlineNode};
use qingwen::{analyze, Analysis, BlockKind, Options};
use serde_json::{json, Value};

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

fn norm(s: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            let between_cjk =
                out.chars().last().is_some_and(is_cjk) && chars.get(j).is_some_and(|c| is_cjk(*c));
            if !between_cjk {
                out.push(' ');
            }
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn opt(s: &Option<String>) -> Value {
    s.as_deref().map_or(Value::Null, |s| Value::String(norm(s)))
}

fn outline(nodes: &[OutlineNode]) -> Value {
    nodes
        .iter()
        .map(|n| {
            let kind = match n.kind {
                NodeKind::Heading => "heading",
                NodeKind::Lead => "lead",
            };
            if n.children.is_empty() {
                json!([kind, n.level, norm(&n.text)])
            } else {
                json!([kind, n.level, norm(&n.text), outline(&n.children)])
            }
        })
        .collect()
}

fn project(a: &Analysis) -> Value {
    let m = &a.meta;
    let texts = |kind: BlockKind| -> Vec<String> {
        a.blocks
            .iter()
            .filter(|b| b.kind == kind)
            .map(|b| norm(&b.text))
            .collect()
    };
    json!({
        "meta": {
            "source": opt(&m.source), "date": opt(&m.date), "page": opt(&m.page),
            "title": opt(&m.title), "subtitle": opt(&m.subtitle), "byline": opt(&m.byline),
        },
        "headings": a.blocks.iter().filter(|b| b.kind == BlockKind::Heading)
            .map(|b| json!([b.level, norm(&b.text)])).collect::<Vec<_>>(),
        "leads": a.blocks.iter().filter_map(|b| b.lead.as_deref().map(norm)).collect::<Vec<_>>(),
        "list_items": texts(BlockKind::ListItem),
        "outline": outline(&a.outline),
    })
}

#[test]
fn structure_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/structure");
    let bless = std::env::var_os("QINGWEN_BLESS").is_some();
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 6, "fixtures present");
    let mut failures = Vec::new();
    for case in &cases {
        let text = std::fs::read_to_string(case).expect("fixture text");
        let got = project(&analyze(&text, &Options::default()));
        let expected_path = case.with_extension("expected.json");
        if bless {
            let pretty = serde_json::to_string_pretty(&got).expect("json") + "\n";
            std::fs::write(&expected_path, pretty).expect("write expected");
            continue;
        }
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(&expected_path)
                .unwrap_or_else(|_| panic!("{expected_path:?}")),
        )
        .expect("expected JSON");
        for key in ["meta", "headings", "leads", "list_items", "outline"] {
            if got[key] != expected[key] {
                failures.push(format!(
                    "{}: {key}\n  expected {}\n       got {}",
                    case.file_name().unwrap_or_default().to_string_lossy(),
                    expected[key],
                    got[key]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

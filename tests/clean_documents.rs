//! Do no harm on real documents: the true blocks of every `../shared/eval` document (title,
//! byline, headings, paragraphs, list items), written out clean with blank lines between
//! them, come back from the default cleaner unchanged, block for block. Skips with a notice
//! when the shared data is absent.

use std::collections::BTreeMap;

use qingwen::{clean, CleanOptions};
use serde_json::Value;

mod support;

/// Each eval document once (its cases share the true blocks), as its blocks' texts.
fn clean_documents() -> Option<BTreeMap<String, Vec<String>>> {
    let dir = support::shared_path("eval/cases");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        support::skipped("eval/cases");
        return None;
    };
    let mut docs = BTreeMap::new();
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(case) = name.strip_suffix(".expected.json") else {
            continue;
        };
        let doc = case.split('.').next().unwrap().to_owned();
        let json: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).expect("valid JSON");
        let blocks = json["blocks"]
            .as_array()
            .expect("blocks")
            .iter()
            .map(|b| b["text"].as_str().expect("a block's text").to_owned())
            .collect();
        docs.entry(doc).or_insert(blocks);
    }
    Some(docs)
}

#[test]
fn every_block_of_a_clean_document_comes_back_unchanged() {
    let Some(docs) = clean_documents() else {
        return;
    };
    assert!(docs.len() >= 9, "the eval set has 9 documents or more");
    let (mut blocks, mut changed) = (0, Vec::new());
    for (doc, texts) in &docs {
        let text = texts.join("\n\n");
        let out = clean(&text, &CleanOptions::default())
            .text
            .as_str()
            .to_owned();
        let back: Vec<&str> = out.split("\n\n").collect();
        blocks += texts.len();
        if back.len() != texts.len() {
            let at = texts.iter().zip(&back).take_while(|(w, g)| w == g).count();
            changed.push(format!(
                "{doc}: {} blocks came back as {}, from {:?} on: {:?}",
                texts.len(),
                back.len(),
                texts[at],
                back[at]
            ));
            continue;
        }
        for (want, got) in texts.iter().zip(&back) {
            if want != got {
                changed.push(format!("{doc}: {want:?} came back as {got:?}"));
            }
        }
    }
    eprintln!("{} of {blocks} blocks unchanged", blocks - changed.len());
    assert!(changed.is_empty(), "changed:\n{}", changed.join("\n"));
}

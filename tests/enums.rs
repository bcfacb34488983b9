//! The core's enums as JSON spells them, against the places that list their values by hand:
//! the TypeScript unions shipped in the npm package (`src/wasm/types.d.ts`), README's list of
//! fix kinds and the page's fix names. A variant added, renamed or removed in Rust fails here
//! until they follow. Likewise the KWIC window's default, wherever the docs give it.

use std::collections::BTreeSet;

use serde::de::{self, Deserialize, Deserializer, Visitor};

use qingwen::outline::NodeKind;
use qingwen::{BlockKind, FixKind, KeywordMethod, SegmentMode, SourceKind};

/// The names of every variant of `T`, as its `Deserialize` reads them (serde's renames
/// applied): serde hands them to the deserializer, which records them and stops.
fn variants<'de, T: Deserialize<'de>>() -> BTreeSet<String> {
    struct Names(Option<&'static [&'static str]>);
    #[derive(Debug)]
    struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("stop")
        }
    }
    impl std::error::Error for Stop {}
    impl de::Error for Stop {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Stop
        }
    }
    impl<'de> Deserializer<'de> for &mut Names {
        type Error = Stop;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_enum<V: Visitor<'de>>(
            self,
            _name: &'static str,
            variants: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            self.0 = Some(variants);
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map struct identifier
            ignored_any
        }
    }
    let mut names = Names(None);
    assert!(T::deserialize(&mut names).is_err());
    let names = names.0.expect("an enum");
    names.iter().map(|n| (*n).to_owned()).collect()
}

/// The string literals of `export type NAME = "a" | "b" …;` in `ts`.
fn ts_union(ts: &str, name: &str) -> BTreeSet<String> {
    let start = format!("export type {name} =");
    let at = ts
        .find(&start)
        .unwrap_or_else(|| panic!("no `{start}` in the TypeScript"));
    let body = &ts[at + start.len()..];
    let body = &body[..body.find(';').expect("the union ends with `;`")];
    body.split('|')
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .unwrap_or_else(|| panic!("{name}: `{s}` is not a string literal"))
                .to_owned()
        })
        .collect()
}

fn read(path: &str) -> String {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// The fix kinds a caller can see: every one but `layout`, which the edit log never records
/// (`edit::Tracked::apply`).
fn reported_fix_kinds() -> BTreeSet<String> {
    let mut kinds = variants::<FixKind>();
    assert!(kinds.remove("layout"), "{kinds:?}");
    kinds
}

#[test]
fn the_typescript_unions_are_the_enums() {
    let ts = read("src/wasm/types.d.ts");
    assert_eq!(ts_union(&ts, "FixKind"), reported_fix_kinds());
    assert_eq!(ts_union(&ts, "BlockKind"), variants::<BlockKind>());
    assert_eq!(ts_union(&ts, "NodeKind"), variants::<NodeKind>());
    assert_eq!(ts_union(&ts, "KeywordMethod"), variants::<KeywordMethod>());
    assert_eq!(ts_union(&ts, "SegmentMode"), variants::<SegmentMode>());
    assert_eq!(ts_union(&ts, "SourceKind"), variants::<SourceKind>());
}

/// A unit variant's JSON string.
fn json<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => panic!("not a unit variant: {other:?}"),
    }
}

#[test]
fn variant_names_are_what_json_gives() {
    assert!(variants::<FixKind>().contains(&json(&FixKind::SpaceRemoved)));
    assert!(variants::<BlockKind>().contains(&json(&BlockKind::ListItem)));
    assert!(variants::<NodeKind>().contains(&json(&NodeKind::Lead)));
    assert!(variants::<KeywordMethod>().contains(&json(&KeywordMethod::Textrank)));
    assert_eq!(
        variants::<SegmentMode>(),
        BTreeSet::from([json(&SegmentMode::Default), json(&SegmentMode::Search)])
    );
}

/// The part of `text` from `start` to the first `end` after it.
fn part<'t>(text: &'t str, start: &str, end: &str) -> &'t str {
    let at = text.find(start).unwrap_or_else(|| panic!("no {start:?}"));
    let rest = &text[at..];
    &rest[..rest
        .find(end)
        .unwrap_or_else(|| panic!("no {end:?} after {start:?}"))]
}

#[test]
fn readme_lists_the_fix_kinds() {
    let readme = read("README.md");
    let list = part(&readme, "- Fix kinds:", " (");
    let listed: BTreeSet<String> = list
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    assert_eq!(listed, reported_fix_kinds());
}

#[test]
fn the_page_names_every_fix_kind() {
    let strings = read("www/strings.js");
    let table = part(&strings, "export const FIX_NAMES = {", "\n};");
    let mut fix_kinds = reported_fix_kinds();
    // The page may name `layout` too, for a fix it is never given.
    fix_kinds.insert("layout".to_owned());
    for language in ["en", "zh"] {
        let names = part(table, &format!("    {language}: {{"), "\n    },");
        let keys: BTreeSet<String> = names
            .lines()
            .skip(1)
            .filter_map(|l| l.trim().split_once(':'))
            .map(|(key, _)| key.to_owned())
            .collect();
        assert_eq!(keys, fix_kinds, "FIX_NAMES.{language}");
    }
}

#[test]
fn the_documented_kwic_window_is_the_constant() {
    let n = qingwen::kwic::DEFAULT_WINDOW;
    let ts = read("src/wasm/types.d.ts");
    assert!(ts.contains(&format!("with `window` characters (default {n})")));
    let readme = read("README.md");
    assert!(readme.contains(&format!("`window` characters each side (default {n})")));
    assert!(readme.contains(&format!("context each side (default {n})")));
    let cli = read("src/bin/qingwen.rs");
    assert!(cli.contains(&format!("characters (default\n  {n})")));
}

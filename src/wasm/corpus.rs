//! The corpus tables for the page's corpus view: a [`crate::corpus::Corpus`] kept in wasm
//! memory (each document's term counts, 8 bytes a distinct term, never its text), fed one
//! document summary at a time and asked for its tables, a term's trend, or its CSV files.
//!
//! The page's own binding (www/pool-worker.js uses it from the glue); `js/index.js` does not
//! export it, so it is not part of the npm package's API.

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::value::Value;
use super::{from_js, to_js, Busy};
use crate::corpus::{Corpus, DocumentSummary, TableSizes};

/// One analysed document as the page sends it: its term texts and their counts in two
/// parallel arrays (all its terms: `analyze` with `terms.top` 0). Other fields are ignored.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SummaryInput {
    name: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    size: usize,
    terms: Vec<String>,
    counts: Vec<u32>,
}

/// How many rows each list has; a field left out keeps [`TableSizes::default`]'s.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
struct SizesInput {
    document_top: Option<usize>,
    terms: Option<usize>,
    distinctive: Option<usize>,
    trends: Option<usize>,
}

impl SizesInput {
    fn read(sizes: JsValue) -> Result<TableSizes, JsError> {
        let input = if sizes.is_undefined() || sizes.is_null() {
            SizesInput::default()
        } else {
            // Read whole first, so that `deny_unknown_fields` sees every field.
            let value: Value = from_js(sizes, "table sizes")?;
            SizesInput::deserialize(value)
                .map_err(|error| JsError::new(&format!("qingwen: invalid table sizes: {error}")))?
        };
        let default = TableSizes::default();
        Ok(TableSizes {
            document_top: input.document_top.unwrap_or(default.document_top),
            terms: input.terms.unwrap_or(default.terms),
            distinctive: input.distinctive.unwrap_or(default.distinctive),
            trends: input.trends.unwrap_or(default.trends),
        })
    }
}

/// A corpus being built, document by document, in the order they are added.
#[wasm_bindgen(js_name = Corpus, skip_typescript)]
#[derive(Default)]
pub struct CorpusJs {
    corpus: Corpus,
}

#[wasm_bindgen(js_class = Corpus)]
impl CorpusJs {
    /// An empty corpus.
    #[wasm_bindgen(constructor)]
    pub fn new() -> CorpusJs {
        CorpusJs::default()
    }

    /// Adds a document `{ name, title?, date?, size, terms: string[], counts: number[] }`.
    pub fn add(&mut self, summary: JsValue) -> Result<(), JsError> {
        let _busy = Busy::enter();
        let input: SummaryInput = from_js(summary, "document summary")?;
        if input.terms.len() != input.counts.len() {
            return Err(JsError::new(&format!(
                "qingwen: invalid document summary: {} terms but {} counts",
                input.terms.len(),
                input.counts.len()
            )));
        }
        let pairs = input
            .terms
            .iter()
            .map(String::as_str)
            .zip(input.counts.iter().map(|&c| c as usize));
        let mut summary = DocumentSummary::from_counts(&input.name, input.size, pairs);
        summary.title = input.title;
        summary.date = input.date;
        self.corpus.add(summary);
        Ok(())
    }

    /// How many documents it has.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.corpus.len()
    }

    /// Every table ([`Corpus::tables`]), with `sizes` `{ documentTop, terms, distinctive,
    /// trends }` rows (each optional).
    pub fn tables(&self, sizes: JsValue) -> Result<JsValue, JsError> {
        let _busy = Busy::enter();
        to_js(&self.corpus.tables(SizesInput::read(sizes)?))
    }

    /// How often `term` occurs in each document ([`Corpus::trend`]).
    pub fn trend(&self, term: &str) -> Result<JsValue, JsError> {
        let _busy = Busy::enter();
        to_js(&self.corpus.trend(term))
    }

    /// The tables as CSV files, `[name, contents][]` ([`crate::export::corpus_csv`]: UTF-8
    /// with a BOM, Excel-safe), with `sizes` rows as in `tables`.
    pub fn csv(&self, sizes: JsValue) -> Result<JsValue, JsError> {
        let _busy = Busy::enter();
        let tables = self.corpus.tables(SizesInput::read(sizes)?);
        to_js(&crate::export::corpus_csv(&tables))
    }
}

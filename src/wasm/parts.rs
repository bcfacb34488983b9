//! A large paste analysed across the page's pool of Workers ([`crate::parts`]): the page
//! Worker keeps a [`PreparedTextJs`] (the text cleaned and structured once, in wasm memory),
//! hands the texts of each part to a pool Worker, whose [`segment_part_js`] returns the
//! part's tokens as typed arrays, and finishes with every part's tokens.
//!
//! The page's own binding (www/worker.js and www/pool-worker.js use it from the glue);
//! `js/index.js` does not export it, so it is not part of the npm package's API.

use js_sys::{Array, Object, Reflect, Uint32Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{ranges_to_utf16, read_call, read_options, reject_to_bytes, set_field, to_js, Busy};
use crate::parts::{prepare, segment_part, Prepared, SegmentedPart, TokenStream};

/// A text cleaned and structured once, waiting for the tokens of its parts.
#[wasm_bindgen(js_name = PreparedText, skip_typescript)]
pub struct PreparedTextJs {
    /// The text as given: the fixes' ranges are turned into its UTF-16 offsets.
    text: String,
    /// `None` once finished.
    prepared: Option<Prepared>,
}

#[wasm_bindgen(js_class = PreparedText)]
impl PreparedTextJs {
    /// Cleans and structures `text` under `options` (as `analyze` takes them).
    #[wasm_bindgen(constructor)]
    pub fn new(text: JsValue, options: JsValue) -> Result<PreparedTextJs, JsError> {
        let _busy = Busy::enter();
        let (text, mut options) = read_call(&text, options)?;
        reject_to_bytes(&text, &mut options.clean.reject)?;
        let prepared = prepare(&text, &options);
        Ok(PreparedTextJs {
            text,
            prepared: Some(prepared),
        })
    }

    /// How many parts the counted texts are cut into when `parts` are asked for (fewer when
    /// there are fewer texts).
    #[wasm_bindgen(js_name = partCount)]
    pub fn part_count(&self, parts: usize) -> usize {
        self.prepared
            .as_ref()
            .map_or(0, |p| p.part_ranges(parts).len())
    }

    /// The texts of part `index` of `parts` (`string[]`), for a pool Worker's `segmentPart`.
    #[wasm_bindgen(js_name = partTexts)]
    pub fn part_texts(&self, index: usize, parts: usize) -> Result<Array, JsError> {
        let _busy = Busy::enter();
        let prepared = self.prepared()?;
        let texts = prepared.counted_texts();
        let out = Array::new();
        if let Some(range) = prepared.part_ranges(parts).get(index) {
            for text in &texts[range.clone()] {
                out.push(&JsValue::from_str(text));
            }
        }
        Ok(out)
    }

    /// `segmentPart` of part `index` of `parts`, here, without copying its texts out.
    #[wasm_bindgen(js_name = segmentPart)]
    pub fn segment_own_part(&self, index: usize, parts: usize) -> Result<JsValue, JsError> {
        let _busy = Busy::enter();
        let prepared = self.prepared()?;
        let texts = prepared.counted_texts();
        let range = prepared
            .part_ranges(parts)
            .get(index)
            .cloned()
            .unwrap_or(0..0);
        part_to_js(&segment_part(&texts[range], &prepared.options().terms))
    }

    /// The analysis (as `analyze` gives it), from the parts' tokens in order
    /// (`segmentPart` results); the prepared text is consumed.
    pub fn finish(&mut self, parts: Array) -> Result<JsValue, JsError> {
        let _busy = Busy::enter();
        let parts = parts
            .iter()
            .map(part_from_js)
            .collect::<Result<Vec<_>, _>>()?;
        let prepared = self
            .prepared
            .take()
            .ok_or_else(|| JsError::new("qingwen: this text was already finished"))?;
        let mut analysis = prepared.finish(&parts);
        ranges_to_utf16(&self.text, &mut analysis);
        to_js(&analysis)
    }
}

impl PreparedTextJs {
    fn prepared(&self) -> Result<&Prepared, JsError> {
        self.prepared
            .as_ref()
            .ok_or_else(|| JsError::new("qingwen: this text was already finished"))
    }
}

/// Segments `texts` (`string[]`, a part's texts from `partTexts`) as the term stage of
/// `analyze` would under `options`: `{ counted, plain }`, each `{ spellings: string[],
/// tokens: Uint32Array, texts: Uint32Array }` or `plain` null (see
/// [`crate::parts::TokenStream`]).
#[wasm_bindgen(js_name = segmentPart, skip_typescript)]
pub fn segment_part_js(texts: Array, options: JsValue) -> Result<JsValue, JsError> {
    let _busy = Busy::enter();
    let (options, _) = read_options(options)?;
    let texts: Vec<String> = texts
        .iter()
        .map(|t| {
            t.as_string()
                .ok_or_else(|| JsError::new("qingwen: a part's texts must be strings"))
        })
        .collect::<Result<_, _>>()?;
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    part_to_js(&segment_part(&texts, &options.terms))
}

fn part_to_js(part: &SegmentedPart) -> Result<JsValue, JsError> {
    let out = Object::new();
    set_field(&out, "counted", &stream_to_js(&part.counted)?)?;
    let plain = match &part.plain {
        Some(stream) => stream_to_js(stream)?,
        None => JsValue::NULL,
    };
    set_field(&out, "plain", &plain)?;
    Ok(out.into())
}

fn stream_to_js(stream: &TokenStream) -> Result<JsValue, JsError> {
    let out = Object::new();
    let spellings = Array::new_with_length(stream.spellings.len() as u32);
    for (i, s) in stream.spellings.iter().enumerate() {
        spellings.set(i as u32, JsValue::from_str(s));
    }
    set_field(&out, "spellings", &spellings)?;
    set_field(&out, "tokens", &Uint32Array::from(&stream.tokens[..]))?;
    set_field(&out, "texts", &Uint32Array::from(&stream.texts[..]))?;
    Ok(out.into())
}

fn part_from_js(value: JsValue) -> Result<SegmentedPart, JsError> {
    let plain = get(&value, "plain")?;
    Ok(SegmentedPart {
        counted: stream_from_js(&get(&value, "counted")?)?,
        plain: if plain.is_null() || plain.is_undefined() {
            None
        } else {
            Some(stream_from_js(&plain)?)
        },
    })
}

fn stream_from_js(value: &JsValue) -> Result<TokenStream, JsError> {
    let invalid = |field: &str| JsError::new(&format!("qingwen: invalid part: {field}"));
    let array = |field: &str| -> Result<Vec<u32>, JsError> {
        get(value, field)?
            .dyn_into::<Uint32Array>()
            .map(|a| a.to_vec())
            .map_err(|_| invalid(field))
    };
    let spellings = get(value, "spellings")?
        .dyn_into::<Array>()
        .map_err(|_| invalid("spellings"))?
        .iter()
        .map(|s| s.as_string().ok_or_else(|| invalid("spellings")))
        .collect::<Result<_, _>>()?;
    Ok(TokenStream {
        spellings,
        tokens: array("tokens")?,
        texts: array("texts")?,
    })
}

fn get(value: &JsValue, key: &str) -> Result<JsValue, JsError> {
    Reflect::get(value, &JsValue::from_str(key))
        .map_err(|_| JsError::new(&format!("qingwen: invalid part: {key}")))
}

//! Words of a text → packed typed arrays (`tokens`): UTF-16 starts and ends, tag ids and the
//! tag names, made in a fixed number of boundary crossings whatever the number of words.
//!
//! `js/index.js` builds `cut` (`string[]`) from the same arrays by slicing the caller's own
//! string, so no word is copied out of wasm memory one by one.

use js_sys::{Array, Object, Uint16Array, Uint32Array, Uint8Array};
use rustc_hash::FxHashMap;
use wasm_bindgen::prelude::*;

use super::{read_call, set_field, Busy};
use crate::segment::{Segmenter, Word};
use crate::TermOptions;

/// Every word of `text` (as `segment` gives them) as `{ starts, ends, tags, tagNames }`:
/// `Uint32Array`s of UTF-16 offsets into `text`, and indexes into `tagNames`: a `Uint8Array`,
/// or the narrowest of `Uint16Array` and `Uint32Array` that holds them when the words have
/// more than 256 different tags (only a user dictionary's own tags can make that many).
#[wasm_bindgen(js_name = tokens, skip_typescript)]
pub fn tokens_js(text: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let _busy = Busy::enter();
    let (text, terms, segmenter) = read_segment_call(&text, options)?;
    let words = segmenter.words(&text, terms.mode, terms.hmm);
    let packed = ranges(&text, &words)?;
    let mut tags: Vec<u32> = Vec::with_capacity(words.len());
    let mut tag_names: Vec<&str> = Vec::new();
    let mut tag_ids: FxHashMap<&str, u32> = FxHashMap::default();
    // The last word's tag is compared before the table is hashed; jieba's tags of one kind
    // are one string, so the pointers are compared first.
    let mut last: (&str, u32) = ("", u32::MAX);
    for word in words.iter().filter(|w| is_word(w)) {
        if last.1 == u32::MAX || !(std::ptr::eq(word.tag, last.0) || word.tag == last.0) {
            let id = *tag_ids.entry(word.tag).or_insert_with(|| {
                tag_names.push(word.tag);
                // Fewer tags than words, and the words fit a Uint32Array's offsets.
                u32::try_from(tag_names.len() - 1).unwrap_or(u32::MAX)
            });
            last = (word.tag, id);
        }
        tags.push(last.1);
    }
    let names = Array::new_with_length(tag_names.len() as u32);
    for (i, name) in tag_names.iter().enumerate() {
        names.set(i as u32, JsValue::from_str(name));
    }
    let tags: JsValue = if tag_names.len() <= 1 << 8 {
        let narrow: Vec<u8> = tags.iter().map(|&t| t as u8).collect();
        Uint8Array::from(&narrow[..]).into()
    } else if tag_names.len() <= 1 << 16 {
        let narrow: Vec<u16> = tags.iter().map(|&t| t as u16).collect();
        Uint16Array::from(&narrow[..]).into()
    } else {
        Uint32Array::from(&tags[..]).into()
    };
    set_field(&packed, "tags", &tags)?;
    set_field(&packed, "tagNames", &names)?;
    Ok(packed.into())
}

/// `{ starts, ends }` of the words of `text`, untagged (faster): what `cut` in `js/index.js`
/// slices the words out of the caller's string by. Not part of the API.
#[wasm_bindgen(js_name = __cutRanges, skip_typescript)]
pub fn cut_ranges_js(text: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let _busy = Busy::enter();
    let (text, terms, segmenter) = read_segment_call(&text, options)?;
    let words = segmenter.untagged_words(&text, terms.mode, terms.hmm);
    Ok(ranges(&text, &words)?.into())
}

/// The text of a call, its term options and the segmenter they ask for.
fn read_segment_call(
    text: &JsValue,
    options: JsValue,
) -> Result<(String, TermOptions, Segmenter), JsError> {
    let (text, options) = read_call(text, options)?;
    let (segmenter, _) = Segmenter::with_user_dict(&options.terms.user_dict);
    Ok((text, options.terms, segmenter))
}

/// Whether `segment` gives `word`: it leaves whitespace out.
fn is_word(word: &Word<'_>) -> bool {
    !crate::tokens::trim(word.text).is_empty()
}

/// An object with the UTF-16 `starts` and `ends` of the words that are not whitespace.
fn ranges(text: &str, words: &[Word<'_>]) -> Result<Object, JsError> {
    let mut starts = Vec::with_capacity(words.len());
    let mut ends = Vec::with_capacity(words.len());
    let mut cursor = Utf16Cursor::new(text);
    for word in words.iter().filter(|w| is_word(w)) {
        starts.push(cursor.units_at(word.range.start));
        ends.push(cursor.units_at(word.range.end));
    }
    let packed = Object::new();
    set_field(&packed, "starts", &Uint32Array::from(&starts[..]))?;
    set_field(&packed, "ends", &Uint32Array::from(&ends[..]))?;
    Ok(packed)
}

/// Turns byte offsets into UTF-16 offsets of one text, in time proportional to the distance
/// from the previous offset: the words of `segment` come in order (in search mode a long
/// word's parts step back inside it), so a whole text costs one pass instead of a sort.
struct Utf16Cursor<'a> {
    text: &'a str,
    byte: usize,
    units: u32,
}

impl<'a> Utf16Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Utf16Cursor {
            text,
            byte: 0,
            units: 0,
        }
    }

    /// The UTF-16 offset of `byte`, a character boundary of the text (the core's ranges are).
    fn units_at(&mut self, byte: usize) -> u32 {
        let byte = byte.min(self.text.len());
        if byte >= self.byte {
            self.units += utf16_len(&self.text.as_bytes()[self.byte..byte]);
        } else {
            self.units -= utf16_len(&self.text.as_bytes()[byte..self.byte]);
        }
        self.byte = byte;
        self.units
    }
}

pub(super) use crate::text::utf16_len;

//! Long strings across the boundary: a Rust `&str` → a JS string sent as UTF-16, which the
//! engine copies, instead of as UTF-8, which it decodes (wasm-bindgen's way for every
//! string).
//!
//! In Node 20, `TextDecoder` took 8-16 ms to decode weicheng.txt's 734 kB of UTF-8 and
//! 1.2-2.4 ms for the same text in UTF-16LE; an `analyze` result holds the cleaned text twice
//! (`cleaned`, and the blocks' texts), so decoding was 6% of `analyze` in wasm.

use std::cell::OnceCell;

use js_sys::JsString;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The platform's `TextDecoder` (Node, browsers and Workers all have it).
    #[wasm_bindgen(js_name = TextDecoder)]
    type Decoder;

    #[wasm_bindgen(constructor, js_class = "TextDecoder")]
    fn new(label: &str, options: &JsValue) -> Decoder;

    #[wasm_bindgen(method, js_class = "TextDecoder")]
    fn decode(this: &Decoder, bytes: &[u8]) -> JsString;
}

thread_local! {
    /// One UTF-16LE decoder that keeps a leading U+FEFF (a BOM is text here).
    static DECODER: OnceCell<Decoder> = const { OnceCell::new() };
}

/// `s` as a JS string, passed as UTF-16LE code units (WebAssembly is little-endian).
pub(super) fn js_string(s: &str) -> JsString {
    let mut bytes = Vec::with_capacity(s.len() * 2);
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    DECODER.with(|decoder| {
        decoder
            .get_or_init(|| {
                let options = js_sys::Object::new();
                // Setting a property on a fresh plain object cannot fail.
                let _ = js_sys::Reflect::set(&options, &"ignoreBOM".into(), &JsValue::TRUE);
                Decoder::new("utf-16le", &options)
            })
            .decode(&bytes)
    })
}

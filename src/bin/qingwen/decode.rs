//! Input bytes → text: UTF-8 (with or without BOM), UTF-16 LE/BE with a BOM, GB18030 (and
//! GBK) and Big5, detected or named; bytes that do not decode are an error, never replaced.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

/// Some GB18030 and Big5 byte pairs happen to be valid UTF-8 too: 35% of the non-ASCII bytes
/// of the repository's Chinese sample converted to GB18030 (36% of the shared sample's, 33%
/// of a Big5 line), while a UTF-8 file with a broken byte has nearly all of them valid. Input
/// whose non-ASCII bytes are this share valid UTF-8 (or more) is taken for damaged UTF-8.
const DAMAGED_UTF8_SHARE: f64 = 0.8;

/// UTF-16 without a BOM is taken only when this share of its code units (or more) have a zero
/// high byte on one side and none on the other: text with line breaks and ASCII has many,
/// GB18030 and Big5 have none (their bytes are never 0).
const UTF16_ZERO_SHARE: f64 = 0.2;

/// Text decoded from a file, and the encoding it was read in.
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
}

/// The encoding a `--encoding` label names (`gbk`, `gb18030`, `big5`, `utf-16le`, …).
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        format!("unknown encoding '{label}' (try utf-8, utf-16le, utf-16be, gb18030, gbk or big5)")
    })
}

/// Decodes `bytes` read from `name`: in `forced` if given; else by its BOM; else as UTF-8 if
/// valid; else as GB18030 or Big5 when the detector recognises one (or UTF-16 without a BOM
/// when its zero bytes show it).
///
/// # Errors
///
/// Bytes that are not valid in the encoding, naming `name` and the byte offset.
pub fn decode(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
    name: &str,
) -> Result<Decoded, String> {
    let encoding = match forced {
        Some(encoding) => encoding,
        None => detect(bytes, name)?,
    };
    if encoding == UTF_8 {
        // Kept as read, BOM included, so that byte ranges index the file.
        let text = String::from_utf8(bytes.to_vec()).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            format!("{name}: not valid UTF-8 at byte {at} (name another encoding with --encoding)")
        })?;
        return Ok(Decoded { text, encoding });
    }
    let bom = match Encoding::for_bom(bytes) {
        Some((found, len)) if found == encoding => len,
        _ => 0,
    };
    let text = strict(encoding, &bytes[bom..])
        .map_err(|at| format!("{name}: not valid {} at byte {}", encoding.name(), at + bom))?;
    Ok(Decoded { text, encoding })
}

/// The encoding of `bytes` (see [`decode`]).
fn detect(bytes: &[u8], name: &str) -> Result<&'static Encoding, String> {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return Ok(encoding);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(UTF_8);
    }
    if let Some(encoding) = utf16_by_zeros(bytes) {
        return Ok(encoding);
    }
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().bytes().filter(|b| !b.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    if valid as f64 >= DAMAGED_UTF8_SHARE * (valid + invalid) as f64 {
        return Ok(UTF_8); // damaged: decode reports where
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, Utf8Detection::Deny);
    if guess == GBK || guess == GB18030 {
        // GB18030 decodes every GBK text the same and more.
        Ok(GB18030)
    } else if guess == BIG5 {
        Ok(BIG5)
    } else {
        Err(format!(
            "{name}: not UTF-8, UTF-16, GB18030 or Big5 as far as can be told (it looks like {}); name its encoding with --encoding",
            guess.name()
        ))
    }
}

/// UTF-16 without a BOM, when one byte of many code units is zero and the other never is.
fn utf16_by_zeros(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 2 || bytes.len() % 2 != 0 {
        return None;
    }
    let units = bytes.len() / 2;
    let zeros = |first: usize| {
        bytes
            .iter()
            .skip(first)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let clear =
        |some: usize, none: usize| none == 0 && some as f64 >= UTF16_ZERO_SHARE * units as f64;
    if clear(odd, even) {
        Some(UTF_16LE)
    } else if clear(even, odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// `bytes` decoded without replacement; on malformed input, the offset of the first bad byte.
fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3);
    let mut text = String::with_capacity(capacity);
    let mut at = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[at..], &mut text, true);
        at += read;
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            DecoderResult::OutputFull => text.reserve(bytes.len() - at + 16),
            DecoderResult::Malformed(bad, after) => return Err(at - after as usize - bad as usize),
        }
    }
}

//! Shared helpers for the fuzz targets: fuzz bytes → (options, text), and the invariants
//! every target checks on what the core returns.
//!
//! Input layout for every target: a 16-byte options header, then the text (lossy UTF-8, so
//! any byte string is a usable input). A header of zeros means `Options::default()`, so a
//! seed is just sixteen zero bytes followed by a real text (see `fuzz/seeds.sh`).

use std::ops::Range;

use qingwen::edit::Tracked;
use qingwen::keywords::KeywordMethod;
use qingwen::segment::SegmentMode;
use qingwen::{
    Analysis, CleanOptions, Fix, Layout, LayoutLine, LayoutPage, Options, OutlineNode, TermOptions,
};

/// Bytes of options header in front of the text.
pub const HEADER: usize = 16;

/// Tags a POS filter may keep (a mix of real jieba tags and nonsense).
const POS: [&str; 8] = ["n", "v", "a", "x", "eng", "nr", "", "zz"];

/// Splits fuzz bytes into the options header (zero-padded) and the text.
pub fn split(data: &[u8]) -> ([u8; HEADER], String) {
    let mut header = [0u8; HEADER];
    let n = data.len().min(HEADER);
    header[..n].copy_from_slice(&data[..n]);
    (header, String::from_utf8_lossy(&data[n..]).into_owned())
}

/// Cleanup switches from header byte 0, XORed with the defaults so 0 means the defaults.
pub fn clean_options(header: &[u8; HEADER]) -> CleanOptions {
    let d = CleanOptions::default();
    let bit = |i: u32| header[0] & (1 << i) != 0;
    CleanOptions {
        normalize_chars: d.normalize_chars ^ bit(0),
        remove_artifacts: d.remove_artifacts ^ bit(1),
        reflow: d.reflow ^ bit(2),
        fix_spacing: d.fix_spacing ^ bit(3),
        pangu: d.pangu ^ bit(4),
        fullwidth_punctuation: d.fullwidth_punctuation ^ bit(5),
        reject: Vec::new(),
    }
}

/// Term options from header bytes 1..13 (0 means the defaults); stopwords, POS filters and a
/// user dictionary are taken from the text itself so they are words the text contains.
pub fn term_options(header: &[u8; HEADER], text: &str) -> TermOptions {
    let d = TermOptions::default();
    let flags = header[1];
    let bit = |i: u32| flags & (1 << i) != 0;
    let words: Vec<&str> = text.split_whitespace().collect();
    let pick = |seed: u8, n: usize| -> Vec<String> {
        if words.is_empty() {
            return Vec::new();
        }
        (0..n)
            .map(|i| words[(seed as usize + 7 * i) % words.len()].to_owned())
            .collect()
    };
    let top = u16::from_le_bytes([header[3], header[4]]) ^ d.top as u16;
    TermOptions {
        hmm: d.hmm ^ bit(0),
        mode: if bit(7) {
            SegmentMode::Search
        } else {
            SegmentMode::Default
        },
        stopwords: d.stopwords ^ bit(1),
        extra_stopwords: if bit(2) {
            pick(header[5], 3)
        } else {
            Vec::new()
        },
        // A user dictionary rebuilds jieba (slow), so only when two bits agree.
        user_dict: if bit(3) && bit(4) {
            text.lines().take(4).collect::<Vec<_>>().join("\n")
        } else {
            String::new()
        },
        min_length: d.min_length ^ (header[2] as usize % 8),
        pos: if bit(5) {
            (0..(header[6] % 4) as usize)
                .map(|i| POS[(header[7] as usize + i) % POS.len()].to_owned())
                .collect()
        } else {
            Vec::new()
        },
        keep_numbers: d.keep_numbers ^ bit(6),
        top: top as usize,
        keywords: d.keywords ^ header[8] as usize,
        keyword_method: if header[9] & 1 != 0 {
            KeywordMethod::Textrank
        } else {
            KeywordMethod::Tfidf
        },
        phrases: d.phrases ^ header[10] as usize,
        phrase_min_count: d.phrase_min_count ^ (header[11] as usize % 8),
        section_top: d.section_top ^ header[12] as usize,
    }
}

/// All options from the header.
pub fn options(header: &[u8; HEADER], text: &str) -> Options {
    Options {
        clean: clean_options(header),
        terms: term_options(header, text),
    }
}

fn check_range(what: &str, text: &str, r: &Range<usize>) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{what} range {r:?} out of bounds (len {})",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what} range {r:?} not on char boundaries"
    );
}

/// Every fix's ranges lie inside the input and the cleaned text, on char boundaries.
pub fn check_fixes(input: &str, cleaned: &str, fixes: &[Fix]) {
    for f in fixes {
        check_range("fix original", input, &f.original);
        check_range("fix cleaned", cleaned, &f.cleaned);
    }
}

/// Finishes a tracked text and checks its fixes against `input`.
pub fn check_tracked(input: &str, tracked: Tracked) {
    let (cleaned, fixes) = tracked.finish();
    check_fixes(input, &cleaned, &fixes);
}

fn check_outline(cleaned: &str, blocks: usize, nodes: &[OutlineNode]) {
    for n in nodes {
        check_range("outline", cleaned, &n.range);
        assert_eq!(
            &cleaned[n.range.clone()],
            n.text,
            "outline range slices back"
        );
        assert!(
            n.block < blocks,
            "outline block index {} of {blocks}",
            n.block
        );
        check_outline(cleaned, blocks, &n.children);
    }
}

/// The invariants of a whole analysis: ranges slice back, counts are consistent.
pub fn check_analysis(input: &str, options: &Options, a: &Analysis) {
    check_fixes(input, &a.cleaned, &a.edits);
    for b in &a.blocks {
        check_range("block", &a.cleaned, &b.range);
        assert_eq!(
            &a.cleaned[b.range.clone()],
            b.text,
            "block range slices back"
        );
    }
    check_outline(&a.cleaned, a.blocks.len(), &a.outline);
    assert!(a.terms.iter().all(|t| t.count > 0 && !t.term.is_empty()));
    assert!(
        a.terms.windows(2).all(|w| w[0].count >= w[1].count),
        "terms sorted by count"
    );
    if options.terms.top > 0 {
        assert!(a.terms.len() <= options.terms.top);
    } else if !a.terms.is_empty() {
        let sum: f64 = a.terms.iter().map(|t| t.per10k).sum();
        assert!((sum - 10_000.0).abs() < 1e-3, "per10k sums to {sum}");
    }
}

/// A coordinate from one byte: mostly ordinary values, a few hostile ones.
fn coordinate(b: u8, scale: f64) -> f64 {
    match b {
        255 => f64::NAN,
        254 => f64::INFINITY,
        253 => -50.0,
        252 => 1e300,
        251 => 0.0,
        _ => f64::from(b) * scale,
    }
}

/// Fuzz bytes → (options header, layout): after the 16-byte header, records of 7 bytes (flags,
/// x, y high and low, width, size, text length) each followed by that much text. Header bytes
/// 12 and 13 size the first page; flag 4 starts a new page, 1 bold, 2 italic, 8 a bold font
/// name, 16 a zero height, 32 no font size.
pub fn layout(data: &[u8]) -> ([u8; HEADER], Layout) {
    let (header, _) = split(data);
    let body = data.get(16..).unwrap_or_default();
    let mut pages = vec![LayoutPage {
        width: coordinate(header[12], 4.0),
        height: coordinate(header[13], 4.0),
        lines: Vec::new(),
    }];
    // Records: flags, x, y (two bytes), width, size, text length, text.
    let mut rest = body;
    while rest.len() >= 7 {
        let (flags, x, y_hi, y_lo, width, size, len) = (
            rest[0], rest[1], rest[2], rest[3], rest[4], rest[5], rest[6],
        );
        let len = usize::from(len % 48).min(rest.len() - 7);
        let text = String::from_utf8_lossy(&rest[7..7 + len]).into_owned();
        rest = &rest[7 + len..];
        if flags & 4 != 0 {
            pages.push(LayoutPage {
                width: coordinate(x, 4.0),
                height: coordinate(y_hi, 4.0),
                lines: Vec::new(),
            });
        }
        let size = if size >= 251 {
            coordinate(size, 1.0)
        } else {
            f64::from(size % 64) * 0.5
        };
        let y = if y_hi >= 251 {
            coordinate(y_hi, 1.0)
        } else {
            (f64::from(y_hi) * 256.0 + f64::from(y_lo)) / 64.0
        };
        let line = LayoutLine {
            x: coordinate(x, 4.0),
            y,
            width: coordinate(width, 4.0),
            height: if flags & 16 != 0 { 0.0 } else { size },
            font_size: if flags & 32 != 0 { -1.0 } else { size },
            bold: flags & 1 != 0,
            italic: flags & 2 != 0,
            font: if flags & 8 != 0 {
                "ABCDEF+Noto-Bold".into()
            } else {
                String::new()
            },
            text,
        };
        pages
            .last_mut()
            .expect("one page at least")
            .lines
            .push(line);
    }
    (header, Layout { pages })
}

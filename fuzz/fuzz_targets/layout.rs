//! `qingwen::analyze_layout` on positioned lines decoded from the bytes: coordinates that are
//! NaN, infinite, negative, huge or zero, sizes that are missing, runs piled on one baseline,
//! pages without size. Never panics, and the analysis's ranges index its `input` text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qingwen::{Layout, LayoutLine, LayoutPage};
use qingwen_fuzz::{check_analysis, options, split};

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

fuzz_target!(|data: &[u8]| {
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
        let (flags, x, y_hi, y_lo, width, size, len) =
            (rest[0], rest[1], rest[2], rest[3], rest[4], rest[5], rest[6]);
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
            font: if flags & 8 != 0 { "ABCDEF+Noto-Bold".into() } else { String::new() },
            text,
        };
        pages.last_mut().expect("one page at least").lines.push(line);
    }
    let layout = Layout { pages };
    let text: String = layout
        .pages
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.text.as_str()))
        .collect();
    let options = options(&header, &text);
    let result = qingwen::analyze_layout(&layout, &options);
    check_analysis(&result.input, &options, &result.analysis);
    for d in &result.dropped {
        assert!(d.page >= 1 && d.page <= layout.pages.len());
    }
});

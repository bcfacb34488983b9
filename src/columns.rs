//! Columns: a page printed in two columns side by side (`pdftotext -layout`) → the left
//! column, then the right one.
//!
//! A page (text between form feeds) is two-column when many of its lines start a run of text
//! at one column after a gap of two or more spaces (the right column's left edge), every line
//! that reaches that column has a space just before it (the gutter), and the text on both
//! sides is running text: most parts fill much of their column (a table's cells do not).
//! Lines that cross the gutter (a title centred over both columns) end one band of columns
//! and start the next, so each band is put left column first.

use crate::edit::{Edit, FixKind, Tracked};
use crate::shapes::PAGE_BREAK;

/// Runs the column pass over `text`.
pub fn split_columns(text: &mut Tracked) {
    let edits = plan_column_split(text.as_str());
    text.apply(edits);
}

/// One line of a page: byte range (without its `\n`) and its text.
struct Row<'a> {
    start: usize,
    text: &'a str,
}

/// The pages printed in two columns side by side, each rewritten one column after the other.
fn plan_column_split(s: &str) -> Vec<Edit> {
    if !s.contains("   ") {
        return Vec::new();
    }
    let mut edits = Vec::new();
    let mut start = 0;
    for page in s.split(PAGE_BREAK) {
        plan_page(page, start, &mut edits);
        start += page.len() + 1;
    }
    edits
}

/// Byte offset of char column `col` in `t`, if the line is that long.
fn byte_at(t: &str, col: usize) -> Option<usize> {
    t.char_indices().nth(col).map(|(i, _)| i)
}

/// The right column's left edge on a two-column page, in chars.
fn gutter(rows: &[Row<'_>]) -> Option<usize> {
    let widths: Vec<usize> = rows.iter().map(|r| r.text.chars().count()).collect();
    let page_width = *widths.iter().max()?;
    let nonblank = rows.iter().filter(|r| !r.text.trim().is_empty()).count();
    if page_width < 40 || nonblank < 8 {
        return None;
    }
    // Columns where text starts after a gap of two or more spaces (or the line's indent).
    let mut starts = vec![0usize; page_width + 1];
    for r in rows {
        let mut spaces = 0;
        for (col, c) in r.text.chars().enumerate() {
            if c == ' ' {
                spaces += 1;
                continue;
            }
            if spaces >= 2 {
                starts[col] += 1;
            }
            spaces = 0;
        }
    }
    let (lo, hi) = (page_width * 3 / 10, page_width * 7 / 10);
    let (col, &count) = starts
        .iter()
        .enumerate()
        .take(hi + 1)
        .skip(lo)
        .max_by_key(|&(col, n)| (*n, std::cmp::Reverse(col)))?;
    if count < 5 || count * 10 < nonblank * 3 {
        return None;
    }
    // The gutter: every line that reaches the column has a space just before it, but for a
    // few lines that cross it (titles).
    let mut crossing = 0;
    let (mut left_full, mut left_parts, mut right_full, mut right_parts) = (0, 0, 0, 0);
    for r in rows {
        let Some(at) = byte_at(r.text, col) else {
            let left = r.text.trim();
            if !left.is_empty() {
                left_parts += 1;
                left_full += (r.text.trim_end().chars().count() * 10 >= col * 7) as usize;
            }
            continue;
        };
        let (left, right) = r.text.split_at(at);
        if !left.ends_with(' ') {
            crossing += 1;
            continue;
        }
        if !left.trim().is_empty() {
            left_parts += 1;
            left_full += (left.trim_end().chars().count() * 10 >= col * 7) as usize;
        }
        if !right.trim().is_empty() {
            right_parts += 1;
            right_full +=
                (right.trim_end().chars().count() * 10 >= (page_width - col) * 6) as usize;
        }
    }
    let running_text = left_full * 2 >= left_parts && right_full * 2 >= right_parts;
    (crossing <= (nonblank / 10).max(2) && running_text && left_parts >= 4 && right_parts >= 4)
        .then_some(col)
}

fn plan_page(page: &str, base: usize, edits: &mut Vec<Edit>) {
    let mut rows = Vec::new();
    let mut start = 0;
    for line in page.split('\n') {
        rows.push(Row {
            start: base + start,
            text: line,
        });
        start += line.len() + 1;
    }
    let Some(col) = gutter(&rows) else {
        return;
    };
    // The right column's lines of the current band, put after the band's last line.
    let mut right_lines: Vec<&str> = Vec::new();
    let mut band_end = None;
    for r in &rows {
        let end = r.start + r.text.len();
        let Some(at) = byte_at(r.text, col) else {
            // Left column only, or a blank row: blank in both columns.
            if r.text.trim().is_empty() {
                right_lines.push("");
            } else {
                band_end = Some(end);
            }
            continue;
        };
        let (left, right) = r.text.split_at(at);
        if !left.ends_with(' ') {
            // A line across the gutter closes the band above it.
            flush_band(band_end.take(), &mut right_lines, edits);
            continue;
        }
        if !right.trim().is_empty() {
            right_lines.push(right.trim_end());
            let cut = r.start + left.trim_end().len();
            edits.push(Edit::delete(cut..end, FixKind::Columns));
        }
        band_end = Some(end);
    }
    flush_band(band_end.take(), &mut right_lines, edits);
}

/// Puts the band's right column (`right_lines`) after its last line, which ends at
/// `band_end`.
fn flush_band(band_end: Option<usize>, right_lines: &mut Vec<&str>, edits: &mut Vec<Edit>) {
    while right_lines.last().is_some_and(|l| l.is_empty()) {
        right_lines.pop();
    }
    if let Some(end) = band_end {
        if !right_lines.is_empty() {
            let moved = format!("\n{}", right_lines.join("\n"));
            edits.push(Edit::replace(end..end, moved, FixKind::Columns));
        }
    }
    right_lines.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        let mut t = Tracked::new(s);
        split_columns(&mut t);
        t.as_str().to_owned()
    }

    fn two_columns(left: &[&str], right: &[&str]) -> String {
        let rows = left.len().max(right.len());
        (0..rows)
            .map(|i| {
                let l = left.get(i).copied().unwrap_or("");
                let r = right.get(i).copied().unwrap_or("");
                if r.is_empty() {
                    l.to_owned()
                } else {
                    format!("{l:<44}{r}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    const LEFT: [&str; 8] = [
        "This RFC defines an official Rust style",
        "guide. The style is a specification for",
        "the default behaviour of Rustfmt, it is",
        "required for official Rust projects, and",
        "is recommended for all Rust projects. The",
        "style guide in this RFC only covers the",
        "formatting of code, it does not have any",
        "recommendations about idiomatic code.",
    ];
    const RIGHT: [&str; 8] = [
        "Formatting code is a mostly mechanical",
        "task which takes both time and mental",
        "effort. By using an automatic formatting",
        "tool, a programmer is relieved of this",
        "task and can concentrate on more important",
        "things. By sticking to an established",
        "style guide, programmers need not debate",
        "with other programmers what to use.",
    ];

    #[test]
    fn two_columns_become_one_after_the_other() {
        let page = format!(
            "{:>60}\n{}",
            "The Rust RFC Book",
            two_columns(&LEFT, &RIGHT)
        );
        let out = run(&page);
        let expected = format!(
            "{:>60}\n{}\n{}",
            "The Rust RFC Book",
            LEFT.join("\n"),
            RIGHT.join("\n")
        );
        assert_eq!(out, expected);
        assert_eq!(run(&out), out, "idempotent");
    }

    #[test]
    fn each_page_is_split_on_its_own() {
        let page = two_columns(&LEFT, &RIGHT);
        let out = run(&format!("{page}\n\u{C}{page}"));
        let one = format!("{}\n{}", LEFT.join("\n"), RIGHT.join("\n"));
        assert_eq!(out, format!("{one}\n\u{C}{one}"));
    }

    #[test]
    fn tables_and_single_columns_are_left_alone() {
        let table = (0..12)
            .map(|i| format!("Item {i:<10}   {:<8}   {}", i * 3, i * 7))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(run(&table), table);
        let single = LEFT.join("\n");
        assert_eq!(run(&single), single);
    }
}

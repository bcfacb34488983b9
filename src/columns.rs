//! Columns: a page printed in two columns side by side (`pdftotext -layout`) → the left
//! column, then the right one.
//!
//! A page (text between form feeds) is two-column when many of its lines start a run of text
//! at one column after a gap of two or more spaces (the right column's left edge), every line
//! that reaches that column has a space just before it (the gutter), and the text on both
//! sides is running text: most parts fill much of their column (a table's cells do not).
//! Lines that cross the gutter (a title centred over both columns) end one band of columns
//! and start the next, so each band is put left column first. Each side is searched for a
//! gutter of its own, so three columns come out one after the other too. Widths are measured
//! in cells, an ideograph taking two: `pdftotext -layout` keeps the columns' edges in char
//! positions, but a line of Chinese fills its column with half as many chars.

use crate::edit::{Edit, FixKind, Tracked};
use crate::shapes::PAGE_BREAK;
use crate::text::{is_cjk, is_fullwidth};

/// At most this many columns side by side are taken apart (the corpus's layouts have up to
/// three; a page of four narrow columns is rarely running text).
const MAX_COLUMNS: usize = 3;

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

/// How many chars left of the gutter a later column's line may start: `pdftotext -layout`
/// places a run by its first glyph's x, rounded to a char position, and a run that starts
/// with Latin after a line of CJK lands a char or a few early. On the corpus's multi-column
/// `-layout` pages, runs starting within six chars of the page's commonest column edge:
/// 3,974 at it, 18 one char right, 31 one left, 72 two left, 54 three left (a handful of
/// those early runs made a page read as crossing its gutter, and the page was kept in rows).
const GUTTER_SLACK: usize = 3;

/// A run after a gap this wide (no running text has one) may start up to [`WIDE_GAP_SLACK`]
/// chars before the gutter: beside a line of a proportional Latin font, `pdftotext -layout`
/// can place the next column's run several chars early (corpus, en-react-dev-006.chromium: a
/// right column at 45 with runs at 38, 40 and 41; zh-docs-cn-014.xelatex: a third column at
/// 79 with runs at 75 and 77). `-layout` cases with 4 and 8 (and a page's last line left out
/// of the running-text test, see [`gutter_holds`]): training para_recall 0.7840 -> 0.7964 (32
/// better, 5 worse), validation 0.7929 -> 0.8028 (12 better, 3 worse). Slack 12: training
/// 0.7948; a gap of 3: 0.7952.
const WIDE_GAP: usize = 4;

/// How many chars before the gutter a run after a [`WIDE_GAP`] may start.
const WIDE_GAP_SLACK: usize = 8;

/// Where a line meets the gutter at char column `col`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cut {
    /// The line stops short of the gutter: first column only (or blank).
    Short,
    /// The later columns start at this byte offset (after spaces, at the gutter or up to
    /// [`GUTTER_SLACK`] chars before it).
    At(usize),
    /// Text runs across the gutter (a title centred over both columns).
    Across,
}

/// Where `t` meets the gutter at char column `col`.
fn cut_at(t: &str, col: usize) -> Cut {
    // The first run that starts within the slack before the gutter, after a gap of two or
    // more spaces or the line's indent.
    let mut early = None;
    // Spaces just before the current char.
    let mut spaces = 0;
    for (k, (at, c)) in t.char_indices().enumerate() {
        if k == col {
            // A single space before the gutter inside a run that started early is a word
            // space of that run.
            return match early {
                Some(e) if spaces == 1 && spaces < k => Cut::At(e),
                _ if col == 0 || spaces > 0 => Cut::At(at),
                _ => early.map_or(Cut::Across, Cut::At),
            };
        }
        if c == ' ' {
            spaces += 1;
            continue;
        }
        let starts_run = spaces >= 2 || (spaces > 0 && spaces == k);
        let slack = if spaces >= WIDE_GAP {
            WIDE_GAP_SLACK
        } else {
            GUTTER_SLACK
        };
        if early.is_none() && k + slack >= col && starts_run {
            early = Some(at);
        }
        spaces = 0;
    }
    early.map_or(Cut::Short, Cut::At)
}

/// How many cells `t` fills: an ideograph, CJK punctuation or a full-width form takes two.
pub(crate) fn cells(t: &str) -> usize {
    t.chars()
        .map(|c| if is_cjk(c) || is_fullwidth(c) { 2 } else { 1 })
        .sum()
}

/// How far right `t` reaches, in cells: its last run of text (after two or more spaces, or
/// the whole line) starts at its char position, as `pdftotext -layout` places it, and
/// extends by its cells.
fn extent(t: &str) -> usize {
    let t = t.trim_end();
    let start = t.rfind("  ").map_or(0, |at| at + 2);
    let (run_at, run) = (t[..start].chars().count(), &t[start..]);
    run_at + cells(run)
}

/// The left edges of the columns after the first on a page printed in columns side by side,
/// left to right, in chars; empty when the page is one column.
fn gutters(rows: &[&str]) -> Vec<usize> {
    let mut out = Vec::new();
    find_gutters(rows, 0, MAX_COLUMNS - 1, &mut out);
    out
}

/// Pushes the gutters of `rows` (offset by `base` chars) onto `out`, at most `room` of them.
fn find_gutters(rows: &[&str], base: usize, room: usize, out: &mut Vec<usize>) {
    if room == 0 {
        return;
    }
    let Some(col) = gutter(rows) else {
        return;
    };
    let split = |t: &'_ str| match cut_at(t, col) {
        Cut::At(at) => at,
        Cut::Across => byte_at(t, col).unwrap_or(t.len()),
        Cut::Short => t.len(),
    };
    let left: Vec<&str> = rows.iter().map(|t| &t[..split(t)]).collect();
    let right: Vec<&str> = rows.iter().map(|t| &t[split(t)..]).collect();
    let before = out.len();
    find_gutters(&left, base, room - 1, out);
    let room = room - 1 - (out.len() - before);
    out.push(base + col);
    find_gutters(&right, base + col, room, out);
}

/// The right column's left edge on a two-column page, in chars.
fn gutter(rows: &[&str]) -> Option<usize> {
    let page_width = rows.iter().map(|r| extent(r)).max()?;
    let nonblank = rows.iter().filter(|r| !r.trim().is_empty()).count();
    if page_width < 40 || nonblank < 8 {
        return None;
    }
    // Columns where text starts after a gap of two or more spaces (or the line's indent).
    let mut starts = vec![0usize; page_width + 1];
    for r in rows {
        let mut spaces = 0;
        for (col, c) in r.chars().enumerate() {
            if c == ' ' {
                spaces += 1;
                continue;
            }
            if spaces >= 2 {
                if let Some(n) = starts.get_mut(col) {
                    *n += 1;
                }
            }
            spaces = 0;
        }
    }
    let (lo, hi) = (page_width * 3 / 10, page_width * 7 / 10);
    // The right column's edge is where the most lines start; where its paragraphs open with
    // an indent, or its lines open with Latin after a CJK left side, the lines start at two
    // or three places, and the commonest may be an indent, which the column's other lines
    // cross. Each place that enough lines start at is tried, commonest first.
    // A place counts the lines that start at it and those that start a few chars right of
    // it: a column whose paragraphs open indented starts its lines at two places, neither of
    // them common enough alone (corpus, zh-docs-cn-000.chromium: 16 lines at 37, 17 indented
    // at 41, of 63). `-layout` cases: training para_recall 0.8001 -> 0.8157 (21 better, 8
    // worse), validation 0.8068 -> 0.8283 (14 better, 3 worse).
    let mut candidates: Vec<(usize, usize)> = (lo..=hi.min(page_width))
        .filter(|&col| starts[col] >= MIN_EDGE_STARTS)
        .map(|col| {
            let to = (col + WIDE_GAP_SLACK).min(page_width);
            (col, starts[col..=to].iter().sum::<usize>())
        })
        .filter(|&(_, n)| n >= 5 && n * 100 >= nonblank * MIN_EDGE_SHARE)
        .collect();
    candidates.sort_by_key(|&(col, n)| (std::cmp::Reverse(n), col));
    let holding: Vec<usize> = candidates
        .into_iter()
        .take(MAX_EDGE_CANDIDATES)
        .map(|(col, _)| col)
        .filter(|&col| gutter_holds(rows, col, page_width, nonblank))
        .collect();
    // Where the commonest start is an indent and the edge a few chars left of it holds too,
    // the edge is the gutter: cut there, the indented lines keep their indent.
    let first = *holding.first()?;
    holding
        .into_iter()
        .filter(|&col| col <= first && first - col <= WIDE_GAP_SLACK)
        .min()
}

/// A column's edge is where at least this share (%) of the page's lines start (with its
/// indented lines): a right column can end half-way down the page, and the test that the
/// lines part at it ([`gutter_holds`]) is what tells columns from other text. `-layout` cases
/// at 30%, 20% and 15%: training para_recall 0.8157, 0.8234, 0.8264 (none worse), validation
/// 0.8283, 0.8293, 0.8314 (none worse; one document's one heading lost at 20%).
const MIN_EDGE_SHARE: usize = 15;

/// A column's edge is where at least this many lines start (a page's lines that a
/// proportional font places early each start at a place of their own).
const MIN_EDGE_STARTS: usize = 3;

/// How many of a page's commonest start columns are tried as the right column's edge. Corpus,
/// `-layout` cases: with the commonest alone, training para_recall 0.7807 and validation
/// 0.7894; with up to three tried, 0.7840 (4 cases better, none worse) and 0.7929 (3 better,
/// none worse).
const MAX_EDGE_CANDIDATES: usize = 3;

/// Whether the page's lines part at char column `col`: every line that reaches it has a space
/// just before it, but for a few lines that cross it (titles), and the text on both sides is
/// running text.
fn gutter_holds(rows: &[&str], col: usize, page_width: usize, nonblank: usize) -> bool {
    let mut crossing = 0;
    // How far each row's first-column part reaches, and how many cells its later part fills.
    let mut lefts = Vec::new();
    let (mut right_full, mut right_parts) = (0, 0);
    // The page's last line is its footer or its number more often than a column's line: a
    // footer centred under the gutter would read as a short right-column line (corpus,
    // en-docs-016.xelatex: `Page 1 of 1` at 66 under a gutter at 74).
    let last = rows.iter().rposition(|r| !r.trim().is_empty());
    for (k, r) in rows.iter().enumerate() {
        if Some(k) == last {
            continue;
        }
        let (left, right) = match cut_at(r, col) {
            Cut::At(at) => r.split_at(at),
            Cut::Across => {
                crossing += 1;
                continue;
            }
            Cut::Short => (*r, ""),
        };
        if !left.trim().is_empty() {
            lefts.push(extent(left));
        }
        if !right.trim().is_empty() {
            right_parts += 1;
            right_full += (cells(right.trim_end()) * 10 >= (page_width - col) * 6) as usize;
        }
    }
    // A first-column line fills its column when it reaches 70% of the way to the column's
    // widest line (or to the gutter, if that is nearer): in a proportional Latin font the
    // column's lines stop well short of the gutter in chars (corpus, en-react-dev-006.chromium:
    // lines of 28-33 chars under a gutter at 45). `-layout` cases: training para_recall
    // 0.7964 -> 0.8001 (4 better, none worse), validation 0.8028 -> 0.8068 (2 better, 1 worse).
    let reach = lefts.iter().copied().max().unwrap_or(0).min(col);
    let left_full = lefts.iter().filter(|&&e| e * 10 >= reach * 7).count();
    let running_text = left_full * 2 >= lefts.len() && right_full * 2 >= right_parts;
    crossing <= (nonblank / 10).max(2) && running_text && lefts.len() >= 4 && right_parts >= 4
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
    let texts: Vec<&str> = rows.iter().map(|r| r.text).collect();
    let cols = gutters(&texts);
    if cols.is_empty() {
        return;
    }
    // Where the columns begin: the first row with text on both sides of the first gutter.
    // The rows above it are the page's head (a title block centred over the columns, whose
    // lines start right of the gutter in chars, Chinese counting one char a cell): they
    // stay in place (corpus, zh-zh-hans-react--043.libreoffice). When that row is itself
    // a centred line that a single word space cuts at the gutter (`Developer Bulletin
    // Documentation` over both columns), it is the head's last row.
    let columns_from = rows
        .iter()
        .enumerate()
        .find_map(|(i, r)| match cut_at(r.text, cols[0]) {
            Cut::At(at) if !r.text[..at].trim().is_empty() && !r.text[at..].trim().is_empty() => {
                let centred = r.text.starts_with(' ') && !r.text[..at].ends_with("  ");
                Some(i + usize::from(centred))
            }
            _ => None,
        })
        .unwrap_or(rows.len());
    let cells: Vec<Cells> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| Cells::of(r.text, &cols, i < columns_from))
        .collect();
    let pitch = row_pitch(&cells, cols.len() + 1);
    // The first column's text rows: a blank row between two of them no further apart than
    // the pitch is the row grid's, not a paragraph's.
    let first_rows: Vec<usize> = (0..cells.len()).filter(|&i| cells[i].has(0)).collect();
    // The lines of each column after the first, in the current band (with their rows), put
    // after the band's last line.
    let mut moved: Vec<Vec<(usize, &str)>> = vec![Vec::new(); cols.len()];
    let mut band_end = None;
    let blank_between =
        |a: usize, b: usize| rows[a + 1..b].iter().any(|r| r.text.trim().is_empty());
    for (i, (r, cell)) in rows.iter().zip(&cells).enumerate() {
        let end = r.start + r.text.len();
        // A line across a gutter (or above the columns) closes the band above it.
        if cell.across {
            flush_band(band_end.take(), &mut moved, pitch, blank_between, edits);
            continue;
        }
        let Some(at) = cell.cut else {
            if !r.text.trim().is_empty() {
                band_end = Some(end);
            } else if pitch > 1 && r.start > base {
                let next = first_rows.partition_point(|&k| k < i);
                let within = next > 0
                    && first_rows.get(next).is_some_and(|&after| {
                        let before = first_rows[next - 1];
                        after - before <= pitch && !cells[before..after].iter().any(|c| c.across)
                    });
                if within {
                    edits.push(Edit::delete(r.start - 1..end, FixKind::Columns));
                }
            }
            continue;
        };
        let mut cut_any = false;
        for (k, part) in cell.later.iter().enumerate() {
            if !part.trim().is_empty() {
                moved[k].push((i, part));
                cut_any = true;
            }
        }
        let first_part = r.text[..at].trim_end();
        if cut_any && first_part.is_empty() && r.start > base {
            // A row of the later columns only goes with its line break: left behind empty, it
            // would read as a blank line inside the first column's paragraph.
            edits.push(Edit::delete(r.start - 1..end, FixKind::Columns));
            band_end = band_end.or(Some(r.start - 1));
            continue;
        }
        if cut_any {
            let cut = r.start + first_part.len();
            edits.push(Edit::delete(cut..end, FixKind::Columns));
        }
        band_end = Some(end);
    }
    flush_band(band_end.take(), &mut moved, pitch, blank_between, edits);
}

/// One row of a page cut at its gutters.
struct Cells<'a> {
    /// Text runs across a gutter, or the row is above the columns: it stays as it is.
    across: bool,
    /// Where the later columns start (byte offset), if the row reaches the first gutter.
    cut: Option<usize>,
    /// The first column's text.
    first: &'a str,
    /// Each later column's text (trailing spaces dropped), as far as the row reaches.
    later: Vec<&'a str>,
}

impl<'a> Cells<'a> {
    /// Cuts `text` at the gutters `cols`; `head` marks a row above the columns.
    fn of(text: &'a str, cols: &[usize], head: bool) -> Self {
        let mut cuts = Vec::new();
        let mut across = head && !text.trim().is_empty();
        for &c in cols {
            match cut_at(text, c) {
                Cut::At(at) => cuts.push(at),
                Cut::Across => across = true,
                Cut::Short => break,
            }
        }
        let later = (0..cuts.len())
            .map(|k| text[cuts[k]..cuts.get(k + 1).copied().unwrap_or(text.len())].trim_end())
            .collect();
        let cut = cuts.first().copied();
        Cells {
            across,
            cut,
            first: &text[..cut.unwrap_or(text.len())],
            later,
        }
    }

    /// Whether column `k` (0 the first) has text on this row.
    fn has(&self, k: usize) -> bool {
        !self.across
            && match k {
                0 => !self.first.trim().is_empty(),
                _ => self.later.get(k - 1).is_some_and(|t| !t.trim().is_empty()),
            }
    }
}

/// How many rows apart a column's consecutive lines usually are. `pdftotext -layout` lays a
/// page on one grid of rows: where one column's lines sit between the other's, the grid is
/// half a line, and a column's lines stand two rows apart, a blank row between them where
/// the other column has none (corpus, zh-docs-cn-005.xelatex: both columns' lines two rows
/// apart down the page). The commonest gap between lines of one column within a band; 1 on
/// a page with no such pairs.
fn row_pitch(cells: &[Cells], columns: usize) -> usize {
    let mut gaps = [0usize; 8];
    for k in 0..columns {
        let mut last: Option<usize> = None;
        for (i, c) in cells.iter().enumerate() {
            if c.across {
                last = None;
            } else if c.has(k) {
                if let Some(gap) = last.map(|l| i - l).filter(|&g| g < gaps.len()) {
                    gaps[gap] += 1;
                }
                last = Some(i);
            }
        }
    }
    // Lines one row apart anywhere: the grid is a line, and a blank row is the page's
    // (zh-trpl-zh-cn-036.chromium: columns in step at the top, a row apart; out of step
    // below; a blank row under a heading).
    if gaps.iter().sum::<usize>() < MIN_PITCH_GAPS {
        return 1;
    }
    let wide = (2..gaps.len())
        .max_by_key(|&g| (gaps[g], std::cmp::Reverse(g)))
        .unwrap_or(1);
    if gaps[1] * PITCH_DOMINANCE > gaps[wide] {
        1
    } else {
        wide
    }
}

/// Lines one row apart outweigh a wider pitch unless the wider one is this many times as
/// common (a title's or a heading's lines a row apart on a page double-spaced throughout).
/// `-layout` cases: training para_recall 0.8264 -> 0.8344 (21 better, none worse), validation
/// 0.8314 -> 0.8415 (11 better, 3 worse).
const PITCH_DOMINANCE: usize = 4;

/// A half-line grid is only inferred from at least this many gaps between a column's lines.
const MIN_PITCH_GAPS: usize = 4;

/// Puts the band's later columns (`moved`: each column's rows and lines, left to right)
/// after its last line, which ends at `band_end`; lines further apart than `pitch` rows, with
/// a blank row between them (`blank_between`), keep a blank line between them.
fn flush_band(
    band_end: Option<usize>,
    moved: &mut [Vec<(usize, &str)>],
    pitch: usize,
    blank_between: impl Fn(usize, usize) -> bool,
    edits: &mut Vec<Edit>,
) {
    let mut text = String::new();
    for lines in moved.iter_mut() {
        let mut last: Option<usize> = None;
        for &(row, line) in lines.iter() {
            text.push('\n');
            if last.is_some_and(|l| row - l > pitch && blank_between(l, row)) {
                text.push('\n');
            }
            text.push_str(line);
            last = Some(row);
        }
        lines.clear();
    }
    if let (Some(end), false) = (band_end, text.is_empty()) {
        edits.push(Edit::replace(end..end, text, FixKind::Columns));
    }
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
            "{:^84}\n{}",
            "The Rust RFC Book",
            two_columns(&LEFT, &RIGHT)
        );
        let out = run(&page);
        let expected = format!(
            "{:^84}\n{}\n{}",
            "The Rust RFC Book",
            LEFT.join("\n"),
            RIGHT.join("\n")
        );
        assert_eq!(out, expected);
        assert_eq!(run(&out), out, "idempotent");
    }

    #[test]
    fn a_centred_head_line_cut_by_a_word_space_at_the_gutter_stays_whole() {
        // `Documentation` starts at the gutter (44) after one word space: the line is the
        // page's head, centred over both columns (corpus, en-docs-002.libreoffice).
        let head = format!("{:25}{}", "", "Developer Bulletin Documentation");
        assert_eq!(head.find("Documentation"), Some(44));
        let page = format!("{head}\n\n{}", two_columns(&LEFT, &RIGHT));
        let expected = format!("{head}\n\n{}\n{}", LEFT.join("\n"), RIGHT.join("\n"));
        assert_eq!(run(&page), expected);
    }

    #[test]
    fn a_later_column_line_may_start_a_few_chars_early() {
        // `pdftotext -layout` rounds each run's x to a char: a right-column line starting
        // with Latin lands a char or three left of the column's edge (corpus,
        // zh-docs-cn-005.xelatex, `Transac` at 43 under a gutter at 45).
        let mut page: Vec<String> = (0..LEFT.len())
            .map(|i| format!("{:<44}{}", LEFT[i], RIGHT[i]))
            .collect();
        page[3] = format!("{:<42}{}", LEFT[3], RIGHT[3]);
        page.push(format!("{:42}{}", "", "what it is."));
        let out = run(&page.join("\n"));
        let expected = format!("{}\n{}\nwhat it is.", LEFT.join("\n"), RIGHT.join("\n"));
        assert_eq!(out, expected);
        assert_eq!(run(&out), out, "idempotent");
    }

    #[test]
    fn a_later_column_run_after_a_wide_gap_may_start_several_chars_early() {
        // Beside a short line of a proportional font, `pdftotext -layout` can place the next
        // column's run a few chars early, each line by its own error (corpus,
        // en-react-dev-006.chromium: runs at 38, 40 and 41 under a gutter at 45).
        let left = [
            "To add an inline or external one,",
            "render the built-in component so",
            "that React can place the element",
            "in the head and remove duplicate",
            "scripts which have the same key.",
            "You can render it from any child",
            "component in the tree, and React",
            "will move it up to the document.",
        ];
        let page: Vec<String> = (0..left.len())
            .map(|i| {
                let at = [44, 38, 44, 40, 44, 41, 44, 44][i];
                format!("{:<at$}{}", left[i], RIGHT[i])
            })
            .collect();
        let out = run(&page.join("\n"));
        assert_eq!(out, format!("{}\n{}", left.join("\n"), RIGHT.join("\n")));
        assert_eq!(run(&out), out, "idempotent");
    }

    #[test]
    fn a_first_column_may_stop_well_short_of_the_gutter() {
        // In a proportional font the first column's lines, measured in chars, stop far left
        // of the gutter (corpus, en-react-dev-006.chromium: lines of 28-33 chars, gutter 45).
        let page: Vec<String> = (0..LEFT.len())
            .map(|i| format!("{:<60}{}", LEFT[i], RIGHT[i]))
            .collect();
        let out = run(&page.join("\n"));
        assert_eq!(out, format!("{}\n{}", LEFT.join("\n"), RIGHT.join("\n")));
    }

    #[test]
    fn a_right_column_may_end_half_way_down_the_page() {
        // The document ends in the right column, five lines down a page of twenty.
        let left = [LEFT, LEFT, LEFT].concat();
        let page: Vec<String> = (0..20)
            .map(|i| match RIGHT.get(i).filter(|_| i < 5) {
                Some(r) => format!("{:<44}{r}", left[i]),
                None => left[i].to_owned(),
            })
            .collect();
        let out = run(&page.join("\n"));
        assert_eq!(
            out,
            format!("{}\n{}", left[..20].join("\n"), RIGHT[..5].join("\n"))
        );
    }

    #[test]
    fn a_heading_a_row_above_its_text_does_not_undo_a_double_spaced_grid() {
        // `-layout` double-spaces the page's rows, but for a heading set a row above its
        // paragraph (corpus, zh-trpl-zh-cn-023.xelatex).
        let mut page = Vec::new();
        for i in 0..LEFT.len() {
            if i == 3 {
                page.push(String::new());
                page.push("Style".to_owned());
            }
            page.push(format!("{:<44}{}", LEFT[i], RIGHT[i]));
            page.push(String::new());
        }
        let out = run(&page.join("\n"));
        let expected = format!(
            "{}\n\n\nStyle\n{}\n{}\n\n{}\n",
            LEFT[..3].join("\n"),
            LEFT[3..].join("\n"),
            RIGHT[..3].join("\n"),
            RIGHT[3..].join("\n")
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn the_right_column_edge_is_not_its_paragraph_indent() {
        // Most of the right column's lines open a paragraph, indented by seven chars: the
        // commonest start is the indent, which the column's other lines run across (corpus,
        // zh-docs-zh-cn-078.xelatex: lines at 43 and 36).
        let (left, right) = ([LEFT, LEFT].concat(), [RIGHT, RIGHT].concat());
        let indent = |i: usize| if i % 3 == 2 { "" } else { "       " };
        let page: Vec<String> = (0..left.len())
            .map(|i| format!("{:<44}{}{}", left[i], indent(i), right[i]))
            .collect();
        let out = run(&page.join("\n"));
        let right: Vec<String> = (0..right.len())
            .map(|i| format!("{}{}", indent(i), right[i]))
            .collect();
        assert_eq!(out, format!("{}\n{}", left.join("\n"), right.join("\n")));
        assert_eq!(run(&out), out, "idempotent");
    }

    #[test]
    fn a_half_line_grid_puts_no_blank_lines_inside_a_column() {
        // Where one column's lines sit between the other's, `pdftotext -layout` lays the page
        // on half-line rows; where the columns are in step, a blank row then stands between
        // two lines of one paragraph (corpus, zh-docs-cn-005.xelatex).
        let mut page = Vec::new();
        for i in 0..3 {
            page.push(format!("{:<44}{}", LEFT[i], RIGHT[i]));
            page.push(String::new());
        }
        // Out of step below a taller line (a heading's space in the first column).
        for i in 3..LEFT.len() {
            page.push(format!("{:44}{}", "", RIGHT[i]));
            page.push(LEFT[i].to_owned());
        }
        let out = run(&page.join("\n"));
        let expected = format!(
            "{}\n\n{}\n{}",
            LEFT[..3].join("\n"),
            LEFT[3..].join("\n"),
            RIGHT.join("\n")
        );
        assert_eq!(out, expected);
        assert_eq!(run(&out), out, "idempotent");
        // On a grid of whole lines, a blank row is the writer's: it stays.
        let mut whole = page[..5].to_vec();
        whole.push(String::new());
        whole.extend((3..LEFT.len()).map(|i| format!("{:<44}{}", LEFT[i], RIGHT[i])));
        let out = run(&whole.join("\n"));
        assert!(
            out.starts_with(&format!("{}\n\n{}", LEFT[0], LEFT[1])),
            "{out}"
        );
    }

    #[test]
    fn each_page_is_split_on_its_own() {
        let page = two_columns(&LEFT, &RIGHT);
        let out = run(&format!("{page}\n\u{C}{page}"));
        let one = format!("{}\n{}", LEFT.join("\n"), RIGHT.join("\n"));
        assert_eq!(out, format!("{one}\n\u{C}{one}"));
    }

    #[test]
    fn three_columns_come_out_one_after_the_other() {
        let third: Vec<String> = LEFT.iter().map(|l| l.to_uppercase()).collect();
        let page = (0..LEFT.len())
            .map(|i| format!("{:<44}{:<44}{}", LEFT[i], RIGHT[i], third[i]))
            .collect::<Vec<_>>()
            .join("\n");
        let out = run(&page);
        let expected = format!(
            "{}\n{}\n{}",
            LEFT.join("\n"),
            RIGHT.join("\n"),
            third.join("\n")
        );
        assert_eq!(out, expected);
        assert_eq!(run(&out), out, "idempotent");
    }

    #[test]
    fn chinese_columns_are_measured_in_cells() {
        // `pdftotext -layout` keeps the right column's edge in char positions; a line of
        // Chinese fills the left column with about half as many chars (corpus, zh-docs-cn-003).
        let left = [
            "在新建一个表后，默认会单独切分出一个区域",
            "来存储这个表的数据，这个默认行为由配置文",
            "件中的参数控制。当这个区域中的数据超过默",
            "认大小限制后，这个区域会开始分裂成两个。",
            "上述情况中，如果在新建的表上发生大批量写",
            "入，则会造成热点，因为开始只有一个区域，",
            "所有的写请求都发生在该区域所在的那台机器",
            "上。为解决上述场景中的热点问题，引入了预",
        ];
        let right = [
            "编码组成，格式如下：同一表中行数据的标识",
            "是一样的，但行标识肯定不一样，所以可以根",
            "据行标识来切分区域。均匀切分的语法是通过",
            "指定数据的上下边界和区域数量，然后在上、",
            "下边界之间均匀切分出指定数量的区域。例如",
            "对于表甲，如果想要从最小值到最大值之间均",
            "匀切割出十六个区域，可以用以下语句完成这",
            "个操作，语句执行后会返回切分的结果信息。",
        ];
        let page = (0..left.len())
            .map(|i| format!("{}{}{}", left[i], " ".repeat(28), right[i]))
            .collect::<Vec<_>>()
            .join("\n");
        let out = run(&page);
        assert_eq!(out, format!("{}\n{}", left.join("\n"), right.join("\n")));
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

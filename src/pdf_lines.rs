//! Positioned text of PDF pages (runs with x, y, size, weight) → a typed [`Document`]: reading
//! order across columns, paragraphs, headings with levels, page furniture dropped.
//!
//! What a PDF knows and flat text has lost is decided here from geometry: which runs share a
//! line, which lines form a column, where a paragraph starts (an indent, a gap taller than the
//! line pitch, a short last line in justified text), which blocks are headings (a size above
//! the body's, or bold throughout) and at which level, and which lines are running headers,
//! footers and page numbers (in the page's top or bottom margin, repeated across pages or
//! shaped like a page number). The text inside each block still goes through the cleanup.
//!
//! Every step sorts or scans the runs a bounded number of times, so the time is
//! O(n log n) in the number of runs whatever their coordinates; non-finite numbers and empty
//! text are skipped.

use std::cmp::Ordering;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::artifacts::is_page_footer;
use crate::document::{Document, SourceBlock, SourceKind, BLOCK_SEPARATOR};
use crate::edit::FixKind;
use crate::normalize::map_lookalikes;
use crate::text::{is_cjk, is_cjk_punct};

/// The positioned text of a PDF, page by page: what `qingwen analyze --layout` and
/// [`crate::analyze_layout`] read (JSON, camelCase).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Layout {
    /// The pages in order.
    pub pages: Vec<LayoutPage>,
}

/// One page: its size and the text on it. Units are any (PDF points as a rule), the origin
/// is the page's top-left corner, y grows downwards.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct LayoutPage {
    /// Page width.
    pub width: f64,
    /// Page height.
    pub height: f64,
    /// The text: whole lines, or pieces of lines (pdf.js text items) in any order; pieces on
    /// one baseline next to each other are joined into a line.
    pub lines: Vec<LayoutLine>,
}

/// A line of text, or a piece of one, with its box and font.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct LayoutLine {
    /// Left edge.
    pub x: f64,
    /// Top edge (from the page's top).
    pub y: f64,
    /// Width of the text.
    pub width: f64,
    /// Height of the box; its bottom is taken as the baseline.
    pub height: f64,
    /// Font size; when missing or not positive, the height is used.
    pub font_size: f64,
    /// Whether the font is bold (a font name saying Bold, Black, Heavy … counts too).
    pub bold: bool,
    /// Whether the font is italic or oblique.
    pub italic: bool,
    /// The font's name (`ABCDEF+NotoSerifCJKsc-Bold`); may be empty.
    pub font: String,
    /// The text.
    pub text: String,
}

/// Something on the pages that is not text of the document and was left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dropped {
    /// [`FixKind::RunningHeader`] or [`FixKind::PageFooter`] (page numbers included).
    pub kind: FixKind,
    /// The page it was on, from 1.
    pub page: usize,
    /// Its text.
    pub text: String,
}

/// Where a line of the document's text sits on its page: what lets a viewer show the page
/// (and the line on it) that a part of the text came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Where the line's text starts in the input text ([`Document::text`]), in bytes.
    pub input: usize,
    /// Where it starts in the cleaned text, in bytes: set by [`crate::analyze_layout`] (0 in
    /// [`LaidOut`], which has no cleaned text yet).
    pub cleaned: usize,
    /// The page, from 1.
    pub page: usize,
    /// The line's left edge, in the layout's units (top-left origin, as [`LayoutLine`]).
    pub x: f64,
    /// Its top edge.
    pub y: f64,
    /// Its width.
    pub width: f64,
    /// Its height (the font size: baseline to the top of the em box).
    pub height: f64,
}

/// A layout read into a typed document.
#[derive(Debug, Clone, PartialEq)]
pub struct LaidOut {
    /// The blocks in reading order.
    pub document: Document,
    /// The running headers, footers and page numbers left out, in page order.
    pub dropped: Vec<Dropped>,
    /// Where each line of the blocks is on its page, in the order of the text.
    pub places: Vec<Place>,
    /// How many line ends inside a block were joined.
    pub line_joins: usize,
    /// How many of those joins removed an end-of-line hyphen (`par-` / `ticular`).
    pub dehyphenated: usize,
}

/// Runs on one baseline within this share of the smaller font size form one row: baselines of
/// different fonts on a line agree to a fraction of a point.
const ROW_TOLERANCE: f64 = 0.3;
/// A horizontal gap wider than this many ems ends a line piece: wider than any word space of
/// justified text, narrower than the 1.4 em and wider gutters between columns.
const SEGMENT_GAP_EM: f64 = 0.9;
/// A gap of this many ems between runs of one line is a word space (pdf.js usually gives the
/// space itself; other producers may only leave the gap).
const SPACE_GAP_EM: f64 = 0.2;
/// A column gutter is at least this many body ems wide (5 mm at 10 pt is 1.4 em).
const GUTTER_EM: f64 = 1.0;
/// Lines narrower than this share of the text block's width may sit in a column; wider ones
/// span the columns (titles, full-width figures' captions).
const COLUMN_MAX_SHARE: f64 = 0.6;
/// Each column must hold at least this share of the narrow lines' text, so that a lone
/// right-aligned date does not make a column.
const COLUMN_MIN_SHARE: f64 = 0.15;
/// A gutter may be crossed by this share of the narrow lines (a centred title or byline).
const GUTTER_MAX_CROSSING: f64 = 0.05;
/// Lines of any width crossing a gutter are at most this share of the others: a page whose
/// full-width lines cross it is one column with short lines on either side.
const GUTTER_MAX_SPANNING: f64 = 0.2;
/// At most this many gutters on a page (newspapers set up to 8 columns).
const MAX_GUTTERS: usize = 7;
/// At most this many quarter-em bins measure a page's x coverage (a 6 m wide page at 10 pt).
const MAX_BINS: usize = 4096;
/// A single-column page with fewer lines than this takes its text block's edges from the
/// fuller pages.
const EDGE_SAMPLE_LINES: usize = 8;
/// Running headers and footers are in the two outermost rows of a page (a header over an
/// e-paper line, a footer under a page number).
const EDGE_ROWS: usize = 2;
/// Running headers and footers sit in the top or bottom this share of the page height: page
/// margins are 1–2.5 cm, at most 12% of an A5 page's 21 cm.
const EDGE_BAND: f64 = 0.12;
/// A line is bigger than body text (a heading) at this ratio of sizes: subtitles at 1.05 em
/// are not headings, `h3` at 1.04 em bold is one by its weight.
const HEADING_SIZE_RATIO: f64 = 1.08;
/// A bold block is a heading only up to this many characters: longer bold text is emphasis.
const BOLD_HEADING_MAX_CHARS: usize = 80;
/// A baseline step taller than this many line pitches is a paragraph gap: a mixed-font line
/// (CJK with Latin digits) is up to 6% taller than a plain one, a paragraph margin of half a
/// line adds 50%.
const PARA_GAP_RATIO: f64 = 1.25;
/// A line starting this many ems right of the line above starts a paragraph (CJK indents 2
/// em, English 1–1.5 em; justified lines start within a tenth of an em).
const INDENT_EM: f64 = 0.9;
/// A line ending this many ems before its column's right edge is a paragraph's last line,
/// in a column whose lines are justified.
const SHORT_LINE_EM: f64 = 1.5;
/// Text is justified when this share of its lines end within [`SHORT_LINE_EM`] of its
/// right edge.
const JUSTIFIED_SHARE: f64 = 0.6;
/// Sizes within this share of each other are one size (pdf.js reports 9.9975 for 10 pt); a
/// paragraph is set in one size, and an e-paper line at 8.5 pt under a header at 8 pt is not
/// one paragraph with it.
const SAME_SIZE: f64 = 0.04;
/// Lines of a heading follow each other at most this many of their sizes apart.
const HEADING_LINE_PITCH: f64 = 1.8;

/// One run of text with a sane box.
#[derive(Debug, Clone)]
struct Run<'a> {
    x0: f64,
    x1: f64,
    bottom: f64,
    size: f64,
    bold: bool,
    text: &'a str,
}

/// A line (or a piece of one) on a page, built from runs.
#[derive(Debug, Clone)]
struct Line {
    page: usize,
    x0: f64,
    x1: f64,
    bottom: f64,
    /// The size of most of its characters.
    size: f64,
    /// Whether all its characters are bold.
    bold: bool,
    /// How many bytes at its start are bold.
    bold_prefix: usize,
    text: String,
    /// Its column's left and right edges.
    left: f64,
    right: f64,
    /// Which column region of the page it was read in (a change is a column or band change).
    region: usize,
}

/// Reads `layout` into a typed document: see the module doc.
pub fn layout_document(layout: &Layout) -> LaidOut {
    let mut pages: Vec<Vec<Line>> = layout
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| page_lines(i + 1, p))
        .collect();
    let dropped = drop_furniture(layout, &mut pages);
    let body = body_size(pages.iter().flatten());
    let mut ordered = Vec::new();
    let mut single_pages = Vec::new();
    let mut next_region = 0;
    for lines in pages {
        let (lines, single) = reading_order(lines, body, &mut next_region);
        if single && lines.len() >= EDGE_SAMPLE_LINES {
            if let Some(l) = lines.first() {
                single_pages.push((l.left, l.right));
            }
        }
        ordered.push((lines, single));
    }
    // A page with few lines (a document's last) says little about where its column ends:
    // single-column pages share the text block of the fuller ones.
    let shared = median_edges(&mut single_pages);
    let ordered: Vec<Line> = ordered
        .into_iter()
        .flat_map(|(mut lines, single)| {
            if let (true, Some((left, right))) = (single, shared) {
                if lines.len() < EDGE_SAMPLE_LINES {
                    for l in &mut lines {
                        l.left = left.min(l.x0);
                        l.right = right.max(l.x1);
                    }
                }
            }
            lines
        })
        .collect();
    let mut out = LaidOut {
        document: Document::default(),
        dropped,
        places: Vec::new(),
        line_joins: 0,
        dehyphenated: 0,
    };
    build_blocks(&ordered, body, &mut out);
    out
}

/// The median left and right edges of the single-column pages' text blocks.
fn median_edges(edges: &mut [(f64, f64)]) -> Option<(f64, f64)> {
    if edges.is_empty() {
        return None;
    }
    let mid = edges.len() / 2;
    let left = *edges.select_nth_unstable_by(mid, |a, b| by(a.0, b.0)).1;
    let right = *edges.select_nth_unstable_by(mid, |a, b| by(a.1, b.1)).1;
    Some((left.0, right.1))
}

/// Whether a font name says the face is bold.
fn bold_name(font: &str) -> bool {
    let f = font.to_ascii_lowercase();
    ["bold", "black", "heavy", "semibold", "demibold"]
        .iter()
        .any(|w| f.contains(w))
}

/// The runs of a page that have finite coordinates, a positive size and some text.
fn page_runs(page: &LayoutPage) -> Vec<Run<'_>> {
    page.lines
        .iter()
        .filter_map(|l| {
            let size = if l.font_size.is_finite() && l.font_size > 0.0 {
                l.font_size
            } else {
                l.height
            };
            let width = if l.width.is_finite() {
                l.width.max(0.0)
            } else {
                0.0
            };
            let ok = [l.x, l.y, l.height, size].iter().all(|v| v.is_finite());
            (ok && size > 0.0 && !l.text.is_empty()).then(|| Run {
                x0: l.x,
                x1: l.x + width,
                bottom: l.y + l.height.max(0.0),
                size,
                bold: l.bold || bold_name(&l.font),
                text: &l.text,
            })
        })
        .collect()
}

fn by(a: f64, b: f64) -> Ordering {
    a.total_cmp(&b)
}

/// Joins a page's runs into lines: runs on one baseline, left to right, split where the gap
/// between them is wider than [`SEGMENT_GAP_EM`].
fn page_lines(page_no: usize, page: &LayoutPage) -> Vec<Line> {
    let mut runs = page_runs(page);
    runs.sort_by(|a, b| by(a.bottom, b.bottom).then(by(a.x0, b.x0)));
    let mut lines = Vec::new();
    let mut start = 0;
    while start < runs.len() {
        let base = runs[start].bottom;
        let tol = ROW_TOLERANCE * runs[start].size;
        let mut end = start + 1;
        while end < runs.len() && runs[end].bottom - base <= tol {
            end += 1;
        }
        let row = &mut runs[start..end];
        row.sort_by(|a, b| by(a.x0, b.x0));
        let mut piece: Vec<&Run<'_>> = Vec::new();
        let mut reach = f64::MIN;
        for run in row.iter() {
            if let Some(last) = piece.last() {
                if run.x0 - reach > SEGMENT_GAP_EM * last.size.max(run.size) {
                    lines.extend(make_line(page_no, &piece));
                    piece.clear();
                    reach = f64::MIN;
                }
            }
            reach = reach.max(run.x1);
            piece.push(run);
        }
        lines.extend(make_line(page_no, &piece));
        start = end;
    }
    lines
}

/// One line from runs in left-to-right order, or none when they hold only spaces.
fn make_line(page: usize, runs: &[&Run<'_>]) -> Option<Line> {
    let mut text = String::new();
    let mut bold_prefix = 0;
    let mut all_bold = true;
    let mut weights: Vec<(f64, usize)> = Vec::new();
    let mut reach = f64::MIN;
    for run in runs {
        let t = if run.text.trim().is_empty() {
            " "
        } else {
            run.text
        };
        let gap = run.x0 - reach;
        if !text.is_empty()
            && gap > SPACE_GAP_EM * run.size
            && !text.ends_with(char::is_whitespace)
            && !t.starts_with(char::is_whitespace)
        {
            text.push(' ');
        }
        text.push_str(t);
        reach = reach.max(run.x1);
        let chars = t.chars().filter(|c| !c.is_whitespace()).count();
        if chars > 0 {
            all_bold &= run.bold;
            if all_bold {
                bold_prefix = text.len();
            }
            match weights
                .iter_mut()
                .find(|(s, _)| (s - run.size).abs() < 0.25)
            {
                Some(w) => w.1 += chars,
                None => weights.push((run.size, chars)),
            }
        }
    }
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let lead_ws = text.len() - text.trim_start().len();
    let text = collapse_spaces(trimmed);
    let bold_prefix = bold_prefix.saturating_sub(lead_ws).min(text.len());
    let bold_prefix = (0..=bold_prefix)
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0);
    let size = weights
        .iter()
        .max_by_key(|w| w.1)
        .map_or(runs[0].size, |w| w.0);
    let x0 = runs[0].x0;
    Some(Line {
        page,
        x0,
        x1: reach.max(x0),
        bottom: runs.iter().map(|r| r.bottom).fold(f64::MIN, f64::max),
        size,
        bold: all_bold,
        bold_prefix,
        text,
        left: x0,
        right: reach.max(x0),
        region: 0,
    })
}

/// `s` with each run of whitespace made one space.
fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Finds running headers, footers and page numbers, takes them out of `pages` and returns
/// them. A line in a page's top or bottom [`EDGE_BAND`] is furniture when it is shaped like a
/// page number or footer (`3`, `- 3 -`, `第 1 页 共 3 页`, `Page 2 of 5`), or when the same
/// line (digits aside) is in that band on at least two pages and half of them.
fn drop_furniture(layout: &Layout, pages: &mut [Vec<Line>]) -> Vec<Dropped> {
    let key = |t: &str| -> String {
        map_lookalikes(t)
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    // The baselines of each page's second row from the top and from the bottom: furniture is
    // in the outermost rows.
    let inner: Vec<(f64, f64)> = pages
        .iter()
        .map(|lines| {
            let mut rows: Vec<(f64, f64)> = lines.iter().map(|l| (l.bottom, l.size)).collect();
            rows.sort_by(|a, b| by(a.0, b.0));
            rows.dedup_by(|b, a| b.0 - a.0 <= ROW_TOLERANCE * a.1);
            let rows: Vec<f64> = rows.into_iter().map(|r| r.0).collect();
            let n = rows.len();
            match n {
                0 => (f64::MIN, f64::MAX),
                1 => (rows[0], rows[0]),
                _ => (rows[EDGE_ROWS.min(n) - 1], rows[n - EDGE_ROWS.min(n)]),
            }
        })
        .collect();
    let edge = |page: &LayoutPage, inner: (f64, f64), line: &Line| -> Option<FixKind> {
        let h = page.height;
        if !(h.is_finite() && h > 0.0) {
            return None;
        }
        let top = line.bottom - line.size;
        if top < h * EDGE_BAND && line.bottom <= inner.0 {
            Some(FixKind::RunningHeader)
        } else if line.bottom > h * (1.0 - EDGE_BAND) && line.bottom >= inner.1 {
            Some(FixKind::PageFooter)
        } else {
            None
        }
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for ((page, lines), inner) in layout.pages.iter().zip(pages.iter()).zip(&inner) {
        let mut keys: Vec<String> = lines
            .iter()
            .filter(|l| edge(page, *inner, l).is_some())
            .map(|l| key(&l.text))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let n = pages.len();
    let mut dropped = Vec::new();
    for ((page, lines), inner) in layout.pages.iter().zip(pages.iter_mut()).zip(inner) {
        lines.retain(|l| {
            let Some(kind) = edge(page, inner, l) else {
                return true;
            };
            let number = is_page_footer(&map_lookalikes(&l.text))
                || (l.text.len() <= 4 && l.text.bytes().all(|b| b.is_ascii_digit()));
            let count = seen.get(&key(&l.text)).copied().unwrap_or(0);
            let repeated = count >= 2 && count * 2 >= n;
            if !(number || repeated) {
                return true;
            }
            dropped.push(Dropped {
                kind: if number { FixKind::PageFooter } else { kind },
                page: l.page,
                text: l.text.clone(),
            });
            false
        });
    }
    dropped
}

/// The size of most of the text (rounded to half a point), weighted by characters.
fn body_size<'a>(lines: impl Iterator<Item = &'a Line>) -> f64 {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for l in lines {
        let k = (l.size * 2.0).round() as i64;
        *counts.entry(k).or_default() += l.text.chars().count();
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map_or(10.0, |(k, _)| k as f64 / 2.0)
        .max(0.5)
}

/// Puts a page's lines in reading order: the column gutters are found from the lines narrow
/// enough to sit in a column; lines crossing a gutter span the page and split it into bands,
/// and within a band each column is read top to bottom, left to right. Each line gets its
/// column's edges and a region number (from `next_region` on, unique across pages) that
/// changes with the band or column; also returns whether the page is one column.
fn reading_order(mut lines: Vec<Line>, body: f64, next_region: &mut usize) -> (Vec<Line>, bool) {
    lines.sort_by(|a, b| by(a.bottom, b.bottom).then(by(a.x0, b.x0)));
    if lines.is_empty() {
        return (lines, true);
    }
    let block_left = lines.iter().map(|l| l.x0).fold(f64::MAX, f64::min);
    let block_right = lines.iter().map(|l| l.x1).fold(f64::MIN, f64::max);
    let gutters = gutters(&lines, block_left, block_right, body);
    // Column of each line: the gap it sits between, or None when it crosses a gutter.
    let column = |l: &Line| -> Option<usize> {
        let mut c = 0;
        for (i, g) in gutters.iter().enumerate() {
            if l.x1 <= g.0 {
                return Some(c);
            }
            if l.x0 < g.1 {
                return None;
            }
            c = i + 1;
        }
        Some(c)
    };
    let columns: Vec<Option<usize>> = lines.iter().map(column).collect();
    // Each column's edges on this page, over the lines in it.
    let mut edges = vec![(f64::MAX, f64::MIN); gutters.len() + 1];
    for (l, c) in lines.iter().zip(&columns) {
        if let Some(c) = c {
            edges[*c].0 = edges[*c].0.min(l.x0);
            edges[*c].1 = edges[*c].1.max(l.x1);
        }
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut band: Vec<(usize, Line)> = Vec::new();
    let mut region = *next_region;
    let flush = |band: &mut Vec<(usize, Line)>, out: &mut Vec<Line>, region: &mut usize| {
        // Stable: within a column the lines stay top to bottom.
        band.sort_by_key(|(c, _)| *c);
        let mut last = None;
        for (c, mut l) in band.drain(..) {
            if last != Some(c) {
                *region += 1;
                last = Some(c);
            }
            l.left = edges[c].0;
            l.right = edges[c].1;
            l.region = *region;
            out.push(l);
        }
    };
    for (l, c) in lines.into_iter().zip(columns) {
        match c {
            Some(c) => band.push((c, l)),
            None => {
                flush(&mut band, &mut out, &mut region);
                region += 1;
                let mut l = l;
                l.left = block_left;
                l.right = block_right;
                l.region = region;
                out.push(l);
            }
        }
    }
    flush(&mut band, &mut out, &mut region);
    *next_region = region + 1;
    (out, gutters.is_empty())
}

/// The column gutters of a page as (left, right) x ranges, left to right: runs at least
/// [`GUTTER_EM`] wide of x positions that almost none of the lines narrower than
/// [`COLUMN_MAX_SHARE`] of the text block cover (a centred title may cross), with at least
/// [`COLUMN_MIN_SHARE`] of their text on each side.
fn gutters(lines: &[Line], left: f64, right: f64, body: f64) -> Vec<(f64, f64)> {
    let width = right - left;
    if !(width.is_finite() && width > 0.0) {
        return Vec::new();
    }
    let narrow: Vec<&Line> = lines
        .iter()
        .filter(|l| l.x1 - l.x0 < COLUMN_MAX_SHARE * width)
        .collect();
    if narrow.is_empty() {
        return Vec::new();
    }
    // Coverage by bins of a quarter em (at most MAX_BINS), through a difference array.
    let bins = ((width / (body / 4.0)).ceil() as usize).clamp(1, MAX_BINS);
    let bin_width = width / bins as f64;
    let bin = |x: f64| (((x - left) / bin_width) as usize).min(bins - 1);
    let mut diff = vec![0i64; bins + 1];
    for l in &narrow {
        diff[bin(l.x0)] += 1;
        diff[bin(l.x1) + 1] -= 1;
    }
    let mut cover = Vec::with_capacity(bins);
    let mut c = 0i64;
    for d in &diff[..bins] {
        c += d;
        cover.push(c);
    }
    let crossing = (narrow.len() as f64 * GUTTER_MAX_CROSSING).max(1.0) as i64;
    // The bins holding the columns' ragged edges count as covered: one bin less on each side.
    let min_bins = (((GUTTER_EM * body) / bin_width).floor() as usize)
        .saturating_sub(1)
        .max(1);
    let mut found = Vec::new();
    let mut i = 0;
    while i < bins {
        if cover[i] > crossing {
            i += 1;
            continue;
        }
        let start = i;
        while i < bins && cover[i] <= crossing {
            i += 1;
        }
        if start > 0 && i < bins && i - start >= min_bins {
            found.push((left + start as f64 * bin_width, left + i as f64 * bin_width));
        }
    }
    // A page has a few columns: keep the widest gaps (this also bounds the work below).
    if found.len() > MAX_GUTTERS {
        found.sort_by(|a, b| by(b.1 - b.0, a.1 - a.0));
        found.truncate(MAX_GUTTERS);
        found.sort_by(|a, b| by(a.0, b.0));
    }
    // Text lines crossing a real gutter are few (a title, a byline); across a single
    // column's short lines most lines cross it.
    found.retain(|g| {
        let crossing = lines.iter().filter(|l| l.x0 < g.0 && l.x1 > g.1).count();
        (crossing as f64) <= GUTTER_MAX_SPANNING * (lines.len() - crossing) as f64
    });
    // Each column keeps enough of the text, or its gutter goes.
    let total: usize = narrow.iter().map(|l| l.text.len()).sum();
    let min = COLUMN_MIN_SHARE * total as f64;
    loop {
        let mut text = vec![0usize; found.len() + 1];
        for l in &narrow {
            let c = found.partition_point(|g| g.1 <= l.x0);
            if found.get(c).is_none_or(|g| l.x1 <= g.0) {
                text[c] += l.text.len();
            }
        }
        let Some(weak) = text.iter().position(|t| (*t as f64) < min) else {
            return found;
        };
        if found.is_empty() {
            return found;
        }
        found.remove(weak.min(found.len() - 1));
    }
}

/// What a block is, from its lines' style.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Style {
    Body,
    /// A heading style: (size in half points, bold).
    Heading(i64, bool),
}

fn style_of(l: &Line, body: f64) -> Style {
    if l.size >= body * HEADING_SIZE_RATIO || (l.bold && l.size >= body * 0.95) {
        Style::Heading((l.size * 2.0).round() as i64, l.bold)
    } else {
        Style::Body
    }
}

/// Groups the ordered lines into blocks and adds them to `out.document`.
fn build_blocks(lines: &[Line], body: f64, out: &mut LaidOut) {
    let pitch = line_pitch(lines, body);
    let justified = is_justified(lines, body);
    let spaced = spaced_script_boundaries(lines);
    let mut groups: Vec<(Style, Vec<&Line>)> = Vec::new();
    for l in lines {
        let style = style_of(l, body);
        let joins = match groups.last() {
            Some((s, g)) if *s == style => {
                let prev = g.last().expect("groups are not empty");
                continues(prev, l, style, pitch, justified)
            }
            // A bold line of body size that fills its column and runs on into body text is
            // the start of a paragraph with a long bold lead, not a heading.
            Some((s, g)) if style == Style::Body && is_bold_only(*s, body) => {
                let prev = g.last().expect("groups are not empty");
                prev.x1 >= prev.right - SHORT_LINE_EM * prev.size
                    && continues(prev, l, style, pitch, justified)
            }
            _ => false,
        };
        if joins {
            let group = groups.last_mut().expect("checked");
            group.0 = style;
            group.1.push(l);
        } else {
            groups.push((style, vec![l]));
        }
    }
    let levels = heading_levels(&groups);
    // Where the next block starts in the document's text (blocks joined by a blank line).
    let mut block_start = 0;
    for (style, group) in groups {
        let mut text = String::new();
        let mut lead = String::new();
        let mut lead_open = true;
        for (i, l) in group.iter().enumerate() {
            if i > 0 {
                out.line_joins += 1;
                if join_lines(&mut text, &l.text, spaced) {
                    out.dehyphenated += 1;
                }
            } else {
                text.push_str(&l.text);
            }
            // A join appends the whole line (after a space, or in place of a hyphen).
            out.places.push(Place {
                input: block_start + text.len() - l.text.len(),
                cleaned: 0,
                page: l.page,
                x: l.x0,
                y: l.bottom - l.size,
                width: l.x1 - l.x0,
                height: l.size,
            });
            if lead_open {
                if i > 0 && !lead.is_empty() && l.bold_prefix > 0 {
                    join_lines(&mut lead, &l.text[..l.bold_prefix], spaced);
                } else if i == 0 {
                    lead.push_str(&l.text[..l.bold_prefix]);
                }
                lead_open = l.bold_prefix == l.text.len();
            }
        }
        // Long bold text at body size is emphasis: body text.
        let (kind, level) = match style {
            Style::Heading(..)
                if text.chars().count() <= BOLD_HEADING_MAX_CHARS || !is_bold_only(style, body) =>
            {
                (
                    SourceKind::Heading,
                    levels.iter().position(|s| *s == style).map(|p| p as u8 + 1),
                )
            }
            _ => (SourceKind::Paragraph, None),
        };
        let lead =
            (kind == SourceKind::Paragraph && !lead.trim().is_empty() && lead.len() < text.len())
                .then(|| lead.trim().to_owned());
        block_start += text.len() + BLOCK_SEPARATOR.len();
        out.document.blocks.push(SourceBlock {
            kind,
            level,
            text,
            lead,
        });
    }
}

/// Whether a heading style is heading by weight only (body size, bold).
fn is_bold_only(style: Style, body: f64) -> bool {
    matches!(style, Style::Heading(half, true) if (half as f64 / 2.0) < body * HEADING_SIZE_RATIO)
}

/// The heading styles in use, biggest first (bold before regular at one size): a heading's
/// level is its style's rank.
fn heading_levels(groups: &[(Style, Vec<&Line>)]) -> Vec<Style> {
    let mut styles: Vec<Style> = groups
        .iter()
        .map(|g| g.0)
        .filter(|s| matches!(s, Style::Heading(..)))
        .collect();
    styles.sort_by(|a, b| match (a, b) {
        (Style::Heading(sa, ba), Style::Heading(sb, bb)) => sb.cmp(sa).then(bb.cmp(ba)),
        _ => Ordering::Equal,
    });
    styles.dedup();
    styles
}

/// The usual baseline step between two lines of body text in one column: the median step.
fn line_pitch(lines: &[Line], body: f64) -> f64 {
    let mut steps: Vec<f64> = lines
        .windows(2)
        .filter(|w| w[0].region == w[1].region)
        .filter(|w| (w[0].size - body).abs() < 0.5 && (w[1].size - body).abs() < 0.5)
        .map(|w| w[1].bottom - w[0].bottom)
        .filter(|d| *d > 0.8 * body && *d < 3.0 * body)
        .collect();
    if steps.is_empty() {
        return 1.2 * body;
    }
    let mid = steps.len() / 2;
    steps.select_nth_unstable_by(mid, |a, b| by(*a, *b));
    steps[mid]
}

/// Whether the document's body text is justified: most of its lines end at their column's
/// right edge. (Decided for the whole document: a page may hold only a paragraph's tail.)
fn is_justified(lines: &[Line], body: f64) -> bool {
    let body_lines = lines
        .iter()
        .filter(|l| (l.size - body).abs() <= SAME_SIZE * body);
    let (n, full) = body_lines.fold((0usize, 0usize), |(n, full), l| {
        (
            n + 1,
            full + usize::from(l.x1 >= l.right - SHORT_LINE_EM * l.size),
        )
    });
    n > 0 && full as f64 >= JUSTIFIED_SHARE * n as f64
}

/// Whether line `b` continues the block whose last line is `a` (both of one style).
fn continues(a: &Line, b: &Line, style: Style, pitch: f64, justified: bool) -> bool {
    let size = a.size.max(b.size);
    let step = b.bottom - a.bottom;
    // Pieces of one line (a wide word gap split them).
    if a.page == b.page && step.abs() <= ROW_TOLERANCE * size && b.x0 >= a.x1 {
        return true;
    }
    if let Style::Heading(..) = style {
        return a.page == b.page
            && a.region == b.region
            && step > 0.0
            && step <= HEADING_LINE_PITCH * size;
    }
    if (a.size - b.size).abs() > SAME_SIZE * size {
        return false;
    }
    let full = a.x1 >= a.right - SHORT_LINE_EM * a.size;
    let ends_short = justified && !full;
    if ends_short {
        return false;
    }
    if a.region != b.region {
        // Across a column or page: only a full line runs on, into an unindented one.
        return full && b.x0 < b.left + INDENT_EM * b.size;
    }
    if step <= 0.0 || step > PARA_GAP_RATIO * pitch {
        return false;
    }
    b.x0 < a.x0 + INDENT_EM * b.size
}

/// Whether the document puts a space between CJK and Latin letters or digits (`从 2010 年`)
/// more often than not: line joins then follow its habit.
fn spaced_script_boundaries(lines: &[Line]) -> bool {
    let (mut spaced, mut tight) = (0usize, 0usize);
    for l in lines {
        let chars: Vec<char> = l.text.chars().collect();
        for w in chars.windows(2) {
            let mixed = |a: char, b: char| is_cjk(a) && b.is_ascii_alphanumeric();
            if mixed(w[0], w[1]) || mixed(w[1], w[0]) {
                tight += 1;
            }
        }
        for w in chars.windows(3) {
            let mixed = |a: char, b: char| is_cjk(a) && b.is_ascii_alphanumeric();
            if w[1] == ' ' && (mixed(w[0], w[2]) || mixed(w[2], w[0])) {
                spaced += 1;
            }
        }
    }
    spaced > tight
}

/// Appends line `next` to `text`: an end-of-line hyphen between letters, before a lowercase
/// letter, only split a word and goes; CJK joins CJK without a space; Latin text joins with
/// one. Returns whether a hyphen was removed.
fn join_lines(text: &mut String, next: &str, spaced: bool) -> bool {
    let last = text.chars().next_back();
    let first = next.chars().next();
    let (Some(last), Some(first)) = (last, first) else {
        text.push_str(next);
        return false;
    };
    if matches!(last, '-' | '\u{2010}') && first.is_lowercase() {
        let before = text[..text.len() - last.len_utf8()].chars().next_back();
        if before.is_some_and(char::is_alphabetic) {
            text.truncate(text.len() - last.len_utf8());
            text.push_str(next);
            return true;
        }
    }
    let wide = |c: char| is_cjk(c) || is_cjk_punct(c);
    let tight = last.is_whitespace()
        || first.is_whitespace()
        || (wide(last) && wide(first))
        || is_cjk_punct(last)
        || is_cjk_punct(first);
    let space = if tight {
        false
    } else if wide(last) || wide(first) {
        spaced && !matches!(last, '“' | '‘' | '(' | '（') && !matches!(first, '”' | '’')
    } else {
        // `non-` / `CPython` keeps its hyphen and joins tight; `--` / `CPython` had a space.
        let before = text[..text.len() - last.len_utf8()].chars().next_back();
        !(matches!(last, '-' | '\u{2010}' | '/') && before.is_some_and(char::is_alphanumeric))
    };
    if space {
        text.push(' ');
    }
    text.push_str(next);
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(x: f64, y: f64, w: f64, size: f64, bold: bool, text: &str) -> LayoutLine {
        LayoutLine {
            x,
            y,
            width: w,
            height: size,
            font_size: size,
            bold,
            text: text.to_owned(),
            ..Default::default()
        }
    }

    fn kinds(out: &LaidOut) -> Vec<(SourceKind, Option<u8>, &str)> {
        out.document
            .blocks
            .iter()
            .map(|b| (b.kind, b.level, b.text.as_str()))
            .collect()
    }

    #[test]
    fn places_give_each_line_its_page_box_and_start_in_the_text() {
        // A paragraph that runs from page 1 onto page 2, with a hyphen joined away on page 1.
        let body = |y: f64, text: &str| line(40.0, y, 400.0, 10.0, false, text);
        let pages = vec![
            LayoutPage {
                width: 500.0,
                height: 700.0,
                lines: vec![
                    line(40.0, 60.0, 200.0, 16.0, true, "Scope"),
                    body(100.0, "The first line of a long para-"),
                    body(114.0, "graph goes on here and then"),
                ],
            },
            LayoutPage {
                width: 500.0,
                height: 700.0,
                lines: vec![body(60.0, "ends on the next page.")],
            },
        ];
        let out = layout_document(&Layout { pages });
        let text = out.document.text();
        let lines: Vec<(usize, f64, &str)> = out
            .places
            .iter()
            .map(|p| (p.page, p.y, &text[p.input..]))
            .collect();
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert_eq!((lines[0].0, lines[0].1), (1, 60.0));
        assert!(lines[0].2.starts_with("Scope\n\nThe first"), "{lines:?}");
        assert!(lines[1].2.starts_with("The first line"), "{lines:?}");
        assert!(lines[2].2.starts_with("graph goes on"), "{lines:?}");
        assert_eq!((lines[3].0, lines[3].1), (2, 60.0));
        assert!(lines[3].2.starts_with("ends on the next"), "{lines:?}");
        assert_eq!(out.places[1].width, 400.0);
    }

    #[test]
    fn two_columns_read_column_by_column_with_furniture_dropped() {
        let mut pages = Vec::new();
        for p in 1..=2 {
            let mut lines = vec![
                line(
                    200.0,
                    20.0,
                    150.0,
                    8.0,
                    false,
                    "中国经济网 证券 2026年06月12日",
                ),
                line(
                    280.0,
                    810.0,
                    60.0,
                    8.0,
                    false,
                    &format!("第 {p} 页 共 2 页"),
                ),
            ];
            // Left column x 40..280, right 300..540, lines 15 apart.
            for i in 0..10 {
                let y = 100.0 + 15.0 * i as f64;
                let (lx, lw) = if i % 5 == 0 {
                    (60.0, 220.0)
                } else {
                    (40.0, 240.0)
                };
                let lw = if i % 5 == 4 { 100.0 } else { lw };
                let t = ["甲", "乙"][p - 1];
                lines.push(line(lx, y, lw, 10.0, false, &format!("左{t}{i}左左左左左")));
                lines.push(line(
                    lx + 260.0,
                    y,
                    lw,
                    10.0,
                    false,
                    &format!("右{t}{i}右右右右右"),
                ));
            }
            pages.push(LayoutPage {
                width: 595.0,
                height: 842.0,
                lines,
            });
        }
        let out = layout_document(&Layout { pages });
        let texts: Vec<&str> = out
            .document
            .blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(texts.len(), 8, "{texts:?}");
        assert!(
            texts[0].starts_with("左甲0") && texts[0].ends_with("左甲4左左左左左"),
            "{texts:?}"
        );
        assert!(texts[2].starts_with("右甲0"), "{texts:?}");
        assert!(texts[4].starts_with("左乙0"), "{texts:?}");
        assert_eq!(out.dropped.len(), 4);
        assert!(out
            .dropped
            .iter()
            .any(|d| d.kind == FixKind::RunningHeader && d.text.contains("中国经济网")));
        assert!(out
            .dropped
            .iter()
            .any(|d| d.kind == FixKind::PageFooter && d.page == 2));
    }

    #[test]
    fn headings_by_size_and_weight_and_hyphens_at_line_ends() {
        let lines = vec![
            line(40.0, 60.0, 300.0, 18.0, true, "A Title"),
            line(40.0, 100.0, 100.0, 12.0, true, "Scope"),
            line(40.0, 120.0, 400.0, 10.0, false, "This text is a par-"),
            line(
                40.0,
                134.0,
                400.0,
                10.0,
                false,
                "ticular one that runs over",
            ),
            line(40.0, 148.0, 120.0, 10.0, false, "three lines."),
            line(40.0, 170.0, 80.0, 10.0, true, "Details"),
            line(40.0, 190.0, 400.0, 10.0, false, "Bold lead. The rest of it"),
            line(40.0, 204.0, 200.0, 10.0, false, "is plain."),
        ];
        let mut lines = lines;
        // "Bold lead." is bold: split the run.
        lines[6] = line(40.0, 190.0, 50.0, 10.0, true, "Bold lead.");
        lines.push(line(93.0, 190.0, 347.0, 10.0, false, "The rest of it"));
        let out = layout_document(&Layout {
            pages: vec![LayoutPage {
                width: 500.0,
                height: 800.0,
                lines,
            }],
        });
        assert_eq!(
            kinds(&out),
            [
                (SourceKind::Heading, Some(1), "A Title"),
                (SourceKind::Heading, Some(2), "Scope"),
                (
                    SourceKind::Paragraph,
                    None,
                    "This text is a particular one that runs over three lines."
                ),
                (SourceKind::Heading, Some(3), "Details"),
                (
                    SourceKind::Paragraph,
                    None,
                    "Bold lead. The rest of it is plain."
                ),
            ]
        );
        assert_eq!(out.document.blocks[4].lead.as_deref(), Some("Bold lead."));
        assert_eq!(out.dehyphenated, 1);
    }

    #[test]
    fn hostile_numbers_and_sizes_do_not_panic() {
        let mut lines = vec![
            line(f64::NAN, 1.0, 1.0, 10.0, false, "nan"),
            line(-50.0, -20.0, -5.0, 10.0, false, "negative"),
            line(1e300, 1e300, f64::INFINITY, 1e300, true, "huge"),
            line(0.0, 0.0, 0.0, 0.0, false, "zero size"),
            line(0.0, 0.0, 10.0, 10.0, false, ""),
        ];
        // Narrow runs at many x positions: a gap between each pair could be a gutter.
        for i in 0..20_000 {
            let x = f64::from(i % 2_000) * 3.0;
            lines.push(line(x, f64::from(i / 2_000) * 12.0, 1.0, 10.0, false, "x"));
        }
        for i in 0..100_000 {
            lines.push(line(
                (i % 7) as f64,
                (i / 3) as f64 * 0.01,
                5.0,
                10.0,
                i % 2 == 0,
                "字",
            ));
        }
        let layout = Layout {
            pages: vec![
                LayoutPage::default(),
                LayoutPage {
                    width: f64::NAN,
                    height: -1.0,
                    lines,
                },
            ],
        };
        let started = std::time::Instant::now();
        let out = layout_document(&layout);
        assert!(!out.document.blocks.is_empty());
        assert!(started.elapsed().as_secs() < 10);
        // Every line's place starts on a character of the text, in order, on a page of it.
        let text = out.document.text();
        assert!(out.places.windows(2).all(|w| w[0].input <= w[1].input));
        assert!(out
            .places
            .iter()
            .all(|p| text.is_char_boundary(p.input) && p.page == 2 && p.x.is_finite()));
    }

    #[test]
    fn layouts_read_from_json() {
        let layout: Layout = serde_json::from_str(
            r#"{"pages":[{"width":100,"height":100,"lines":[{"x":1,"y":2,"width":3,"height":4,"fontSize":4,"bold":true,"font":"X-Bold","text":"t"}]}]}"#,
        )
        .unwrap();
        assert_eq!(layout.pages[0].lines[0].font_size, 4.0);
        assert!(serde_json::from_str::<Layout>(r#"{"pages":[],"x":1}"#).is_err());
    }
}

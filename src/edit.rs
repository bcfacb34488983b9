//! Tracked text: the current string, the map from it back to the input, and the log of
//! every fix that changed it.
//!
//! Each cleanup stage proposes [`Edit`]s on the current text and [`Tracked::apply`]s them;
//! the map composes, so every [`Fix`] keeps its range in the original input and, at the
//! end, gets its range in the cleaned text.

use std::borrow::Cow;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// The families of fixes the cleaner makes; each can be shown and switched off on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FixKind {
    /// `\r\n`, `\r`, form feeds and runs of blank lines made plain line breaks.
    LineEnding,
    /// Spaces and tabs at the start or end of a line removed.
    Whitespace,
    /// Zero-width characters, soft hyphens, BOM and control characters removed.
    Invisible,
    /// A look-alike character (Kangxi radical, compatibility ideograph, ligature,
    /// no-break or ideographic space) replaced by the ordinary one.
    LookAlike,
    /// A copy-button or share label line removed (`正文复制`, `分享到` …).
    CopyLabel,
    /// A page footer removed (`第 1 页 共 3 页`, `Page 2 of 5`, `- 3 -` …).
    PageFooter,
    /// A running header repeated on each page removed.
    RunningHeader,
    /// A page printed in two columns side by side put one column after the other.
    Columns,
    /// A hard line break inside a paragraph joined.
    LineJoin,
    /// An end-of-line hyphen that only split a word removed (`docu-` / `mented`).
    Dehyphenate,
    /// Letter-spaced text (`这 地 总 体`) closed up.
    LetterSpacing,
    /// A space a PDF put between CJK text and digits, Latin letters or quotes removed.
    SpaceRemoved,
    /// One space put between CJK text and Latin letters or digits (pangu style).
    SpaceAdded,
    /// Half-width punctuation inside Chinese text made full-width.
    Punctuation,
    /// Layout only (the blank line between blocks); never reported.
    Layout,
}

impl FixKind {
    /// The snake_case name used in JSON and on the page.
    pub fn name(self) -> &'static str {
        match self {
            FixKind::LineEnding => "line_ending",
            FixKind::Whitespace => "whitespace",
            FixKind::Invisible => "invisible",
            FixKind::LookAlike => "look_alike",
            FixKind::CopyLabel => "copy_label",
            FixKind::PageFooter => "page_footer",
            FixKind::RunningHeader => "running_header",
            FixKind::Columns => "columns",
            FixKind::LineJoin => "line_join",
            FixKind::Dehyphenate => "dehyphenate",
            FixKind::LetterSpacing => "letter_spacing",
            FixKind::SpaceRemoved => "space_removed",
            FixKind::SpaceAdded => "space_added",
            FixKind::Punctuation => "punctuation",
            FixKind::Layout => "layout",
        }
    }
}

/// One change the cleaner made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// What kind of fix it is.
    pub kind: FixKind,
    /// Byte range in the input text that was replaced.
    pub original: Range<usize>,
    /// Byte range in the cleaned text that replaced it (empty for a removal).
    pub cleaned: Range<usize>,
}

/// How many fixes of one kind were made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixCount {
    /// The kind of fix.
    pub kind: FixKind,
    /// How many times it was made.
    pub count: usize,
}

/// A change a stage proposes on the current text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte range of the current text to replace.
    pub range: Range<usize>,
    /// What replaces it.
    pub replacement: Cow<'static, str>,
    /// Why.
    pub kind: FixKind,
}

impl Edit {
    /// Removes `range`.
    pub fn delete(range: Range<usize>, kind: FixKind) -> Self {
        Edit {
            range,
            replacement: Cow::Borrowed(""),
            kind,
        }
    }

    /// Replaces `range` with `replacement`.
    pub fn replace(
        range: Range<usize>,
        replacement: impl Into<Cow<'static, str>>,
        kind: FixKind,
    ) -> Self {
        Edit {
            range,
            replacement: replacement.into(),
            kind,
        }
    }
}

/// A stretch of the current text and the stretch of the input it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    cur: usize,
    cur_len: usize,
    orig: usize,
    orig_len: usize,
    /// Copied unchanged (then `cur_len == orig_len`), or replaced as a whole.
    copied: bool,
}

/// A fix in progress: its input range is known, its cleaned range is found at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Logged {
    kind: FixKind,
    orig: (usize, usize),
}

/// Text that remembers where each of its bytes came from in the input.
#[derive(Debug, Clone)]
pub struct Tracked {
    text: String,
    segments: Vec<Segment>,
    log: Vec<Logged>,
}

impl Tracked {
    /// Starts tracking `input`, unchanged.
    pub fn new(input: &str) -> Self {
        let segments = if input.is_empty() {
            Vec::new()
        } else {
            vec![Segment {
                cur: 0,
                cur_len: input.len(),
                orig: 0,
                orig_len: input.len(),
                copied: true,
            }]
        };
        Tracked {
            text: input.to_owned(),
            segments,
            log: Vec::new(),
        }
    }

    /// The current text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Applies `edits` (sorted by start, not overlapping, on char boundaries) and logs each
    /// one as a fix. Edits that break these rules are dropped rather than corrupt the text.
    pub fn apply(&mut self, mut edits: Vec<Edit>) {
        if edits.is_empty() {
            return;
        }
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        let mut out = String::with_capacity(self.text.len());
        let mut segs = Vec::with_capacity(self.segments.len() + 2 * edits.len());
        let mut pos = 0;
        let mut seg_idx = 0;
        for e in edits {
            let Range { start, end } = e.range;
            let valid = start >= pos
                && start <= end
                && end <= self.text.len()
                && self.text.is_char_boundary(start)
                && self.text.is_char_boundary(end);
            if !valid || (start == end && e.replacement.is_empty()) {
                continue;
            }
            self.copy_unchanged(pos..start, &mut out, &mut segs, &mut seg_idx);
            let orig = (self.map_start(start), self.map_end(start, end));
            if e.kind != FixKind::Layout {
                self.log.push(Logged { kind: e.kind, orig });
            }
            push_segment(
                &mut segs,
                Segment {
                    cur: out.len(),
                    cur_len: e.replacement.len(),
                    orig: orig.0,
                    orig_len: orig.1 - orig.0,
                    copied: false,
                },
            );
            out.push_str(&e.replacement);
            pos = end;
        }
        self.copy_unchanged(pos..self.text.len(), &mut out, &mut segs, &mut seg_idx);
        self.text = out;
        self.segments = segs;
    }

    /// Copies `range` of the current text to `out`, carrying its segments over.
    fn copy_unchanged(
        &self,
        range: Range<usize>,
        out: &mut String,
        segs: &mut Vec<Segment>,
        seg_idx: &mut usize,
    ) {
        if range.is_empty() {
            return;
        }
        let shift_to = out.len();
        out.push_str(&self.text[range.clone()]);
        // Segments are visited in order across calls, so the whole apply is linear.
        while *seg_idx < self.segments.len()
            && self.segments[*seg_idx].cur + self.segments[*seg_idx].cur_len <= range.start
        {
            *seg_idx += 1;
        }
        let mut i = *seg_idx;
        while i < self.segments.len() && self.segments[i].cur < range.end {
            let s = self.segments[i];
            let lo = s.cur.max(range.start);
            let hi = (s.cur + s.cur_len).min(range.end);
            if hi > lo || (s.cur_len == 0 && s.cur >= range.start) {
                let seg = if s.copied {
                    Segment {
                        cur: shift_to + lo - range.start,
                        cur_len: hi - lo,
                        orig: s.orig + (lo - s.cur),
                        orig_len: hi - lo,
                        copied: true,
                    }
                } else {
                    Segment {
                        cur: shift_to + lo - range.start,
                        cur_len: hi - lo,
                        orig: s.orig,
                        orig_len: s.orig_len,
                        copied: false,
                    }
                };
                push_segment(segs, seg);
            }
            i += 1;
        }
        *seg_idx = i.saturating_sub(1);
    }

    /// Index of the segment holding current byte `pos`.
    fn segment_at(&self, pos: usize) -> Option<&Segment> {
        let i = self.segments.partition_point(|s| s.cur + s.cur_len <= pos);
        self.segments
            .get(i)
            .filter(|s| s.cur <= pos && pos < s.cur + s.cur_len)
    }

    /// Input offset where current byte `pos` starts.
    fn map_start(&self, pos: usize) -> usize {
        match self.segment_at(pos) {
            Some(s) if s.copied => s.orig + (pos - s.cur),
            Some(s) => s.orig,
            None => self.segments.last().map_or(0, |s| s.orig + s.orig_len),
        }
    }

    /// Input offset where the current range `start..end` ends.
    fn map_end(&self, start: usize, end: usize) -> usize {
        if end == start {
            return self.map_start(start);
        }
        match self.segment_at(end - 1) {
            Some(s) if s.copied => s.orig + (end - s.cur),
            Some(s) => s.orig + s.orig_len,
            None => self.map_start(start),
        }
    }

    /// Maps an input byte offset to the current text (`at_end` picks the end of a replaced
    /// stretch instead of its start).
    fn map_from_input(&self, orig: usize, at_end: bool) -> usize {
        let i = self.segments.partition_point(|s| {
            s.orig + s.orig_len <= orig && !(s.orig_len == 0 && s.orig == orig)
        });
        match self.segments.get(i) {
            Some(s) if s.copied && orig >= s.orig => s.cur + (orig - s.orig),
            Some(s) if at_end && orig >= s.orig => s.cur + s.cur_len,
            Some(s) => s.cur,
            None => self.text.len(),
        }
    }

    /// Maps a current byte range back to the input.
    pub fn input_range(&self, range: Range<usize>) -> Range<usize> {
        self.map_start(range.start)
            ..self
                .map_end(range.start, range.end)
                .max(self.map_start(range.start))
    }

    /// Every fix made so far, with its range in the input and in the current text, in input
    /// order.
    pub fn fixes(&self) -> Vec<Fix> {
        let mut fixes: Vec<Fix> = self
            .log
            .iter()
            .map(|l| {
                let start = self.map_from_input(l.orig.0, false);
                let end = if l.orig.1 > l.orig.0 {
                    self.map_from_input(l.orig.1 - 1, true)
                } else {
                    start
                };
                Fix {
                    kind: l.kind,
                    original: l.orig.0..l.orig.1,
                    cleaned: start..end.max(start),
                }
            })
            .collect();
        fixes.sort_by_key(|f| (f.original.start, f.original.end));
        fixes
    }

    /// Consumes the tracker: the final text and its fixes.
    pub fn finish(self) -> (String, Vec<Fix>) {
        let fixes = self.fixes();
        (self.text, fixes)
    }

    /// Appends `other`, which tracks the input stretch starting at byte `input_at` of this
    /// tracker's input, after `sep`, which stands in for the input bytes between the end of
    /// this tracker's input and `input_at`. Builds one tracker over a document whose parts
    /// were cleaned one by one (see [`crate::analyze_document`]).
    pub fn append(&mut self, sep: &str, other: Tracked, input_at: usize) {
        let input_end = self.segments.last().map_or(0, |s| s.orig + s.orig_len);
        let gap = input_at.saturating_sub(input_end);
        if !sep.is_empty() || gap > 0 {
            push_segment(
                &mut self.segments,
                Segment {
                    cur: self.text.len(),
                    cur_len: sep.len(),
                    orig: input_end,
                    orig_len: gap,
                    copied: sep.len() == gap && gap > 0,
                },
            );
            self.text.push_str(sep);
        }
        let (cur, orig) = (self.text.len(), input_end + gap);
        for s in other.segments {
            push_segment(
                &mut self.segments,
                Segment {
                    cur: s.cur + cur,
                    orig: s.orig + orig,
                    ..s
                },
            );
        }
        self.log.extend(other.log.into_iter().map(|l| Logged {
            kind: l.kind,
            orig: (l.orig.0 + orig, l.orig.1 + orig),
        }));
        self.text.push_str(&other.text);
    }
}

/// Appends `seg`, merging it into the previous copied segment when they are contiguous.
fn push_segment(segs: &mut Vec<Segment>, seg: Segment) {
    if let Some(last) = segs.last_mut() {
        if last.copied
            && seg.copied
            && last.cur + last.cur_len == seg.cur
            && last.orig + last.orig_len == seg.orig
        {
            last.cur_len += seg.cur_len;
            last.orig_len += seg.orig_len;
            return;
        }
    }
    segs.push(seg);
}

/// Per-kind counts of `fixes`, in [`FixKind`] order, leaving out layout.
pub fn count_by_kind(fixes: &[Fix]) -> Vec<FixCount> {
    let mut counts: Vec<FixCount> = Vec::new();
    let mut kinds: Vec<FixKind> = fixes
        .iter()
        .map(|f| f.kind)
        .filter(|k| *k != FixKind::Layout)
        .collect();
    kinds.sort();
    for kind in kinds {
        match counts.last_mut() {
            Some(c) if c.kind == kind => c.count += 1,
            _ => counts.push(FixCount { kind, count: 1 }),
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_ranges(input: &str, t: &Tracked) {
        for f in t.fixes() {
            assert!(
                input.get(f.original.clone()).is_some(),
                "original {:?} in {input:?}",
                f.original
            );
            assert!(
                t.as_str().get(f.cleaned.clone()).is_some(),
                "cleaned {:?} in {:?}",
                f.cleaned,
                t.as_str()
            );
        }
    }

    #[test]
    fn composes_two_stages() {
        let input = "⼈⺠ 2023 年\n第 1 页\n大关";
        let mut t = Tracked::new(input);
        t.apply(vec![
            Edit::replace(0..3, "人", FixKind::LookAlike),
            Edit::replace(3..6, "民", FixKind::LookAlike),
        ]);
        assert_eq!(t.as_str(), "人民 2023 年\n第 1 页\n大关");
        let footer = t.as_str().find("\n第").unwrap();
        let footer_end = t.as_str().find("页").unwrap() + "页".len();
        let space = t.as_str().find(" 年").unwrap();
        t.apply(vec![
            Edit::delete(space..space + 1, FixKind::SpaceRemoved),
            Edit::delete(footer..footer_end + 1, FixKind::PageFooter),
        ]);
        assert_eq!(t.as_str(), "人民 2023年大关");
        let fixes = t.fixes();
        assert_eq!(fixes.len(), 4);
        let footer_fix = fixes
            .iter()
            .find(|f| f.kind == FixKind::PageFooter)
            .unwrap();
        assert_eq!(&input[footer_fix.original.clone()], "\n第 1 页\n");
        assert!(footer_fix.cleaned.is_empty());
        assert_eq!(&t.as_str()[footer_fix.cleaned.start..], "大关");
        let radical = &fixes[0];
        assert_eq!(&input[radical.original.clone()], "⼈");
        assert_eq!(&t.as_str()[radical.cleaned.clone()], "人");
        check_ranges(input, &t);
    }

    #[test]
    fn overlapping_or_misaligned_edits_are_dropped() {
        let mut t = Tracked::new("中文abc");
        t.apply(vec![
            Edit::delete(1..2, FixKind::SpaceRemoved),
            Edit::delete(6..8, FixKind::SpaceRemoved),
            Edit::delete(7..9, FixKind::SpaceRemoved),
        ]);
        assert_eq!(t.as_str(), "中文c");
        assert_eq!(t.fixes().len(), 1);
    }

    #[test]
    fn counts_by_kind_skip_layout() {
        let mut t = Tracked::new("a\nb\nc");
        t.apply(vec![
            Edit::replace(1..2, " ", FixKind::LineJoin),
            Edit::replace(3..4, "\n\n", FixKind::Layout),
        ]);
        let counts = count_by_kind(&t.fixes());
        assert_eq!(
            counts,
            vec![FixCount {
                kind: FixKind::LineJoin,
                count: 1
            }]
        );
    }
}

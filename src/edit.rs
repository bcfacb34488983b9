//! Tracked text: the current string, the map from it back to the input, and the log of
//! every fix that changed it.
//!
//! Each cleanup stage proposes [`Edit`]s on the current text and [`Tracked::apply`]s them;
//! the map composes, so every [`Fix`] keeps its range in the original input and, at the
//! end, gets its range in the cleaned text.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// The families of fixes the cleaner makes; each can be shown and switched off on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FixKind {
    /// `\r\n`, `\r` and runs of blank lines made plain line breaks. (A form feed stays: it
    /// marks a page break for the later stages, and reflow removes it as [`FixKind::Layout`].)
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
    /// Layout only, never reported: blank lines collapsed, lines trimmed and page-break
    /// marks removed by reflow, the blank line put between blocks.
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
    /// The rule that decided it, where a stage names one: for a line join (and the hyphen
    /// it dropped), the name of the reflow decision (`reflow::Decision::name`). Not
    /// serialized: the JSON of an analysis is unchanged by it, and reads back as `None`.
    #[serde(skip)]
    pub rule: Option<&'static str>,
}

/// Names one fix by its kind and its range in the input: what [`crate::CleanOptions::reject`]
/// lists. Deserializes from a [`Fix`] too (its `cleaned` range is ignored), so a client can
/// hand back an entry of `Analysis::edits` as it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FixRef {
    /// The kind of the fix.
    pub kind: FixKind,
    /// Byte range in the input text that the fix replaced.
    pub original: Range<usize>,
}

impl From<&Fix> for FixRef {
    fn from(fix: &Fix) -> Self {
        FixRef {
            kind: fix.kind,
            original: fix.original.clone(),
        }
    }
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
    /// The rule that decided it, carried into [`Fix::rule`].
    pub rule: Option<&'static str>,
}

impl Edit {
    /// Removes `range`.
    pub fn delete(range: Range<usize>, kind: FixKind) -> Self {
        Edit {
            range,
            replacement: Cow::Borrowed(""),
            kind,
            rule: None,
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
            rule: None,
        }
    }

    /// The same edit, recording the rule that decided it.
    pub fn because(self, rule: &'static str) -> Self {
        Edit {
            rule: Some(rule),
            ..self
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
    rule: Option<&'static str>,
}

/// An edit as it was applied, with the input range it replaced.
#[derive(Debug, Clone)]
struct Applied {
    edit: Edit,
    orig: (usize, usize),
}

/// The input and every batch of edits applied to it, kept so that the edits can be applied
/// again with some left out ([`Tracked::reject`]).
#[derive(Debug, Clone)]
struct History {
    input: String,
    batches: Vec<Vec<Applied>>,
}

/// A stretch where the text with some fixes rejected differs from the text with every fix:
/// `full` in the latter, `kept` in the former.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Diff {
    full: Range<usize>,
    kept: Range<usize>,
}

/// Text that remembers where each of its bytes came from in the input.
#[derive(Debug, Clone)]
pub struct Tracked {
    text: String,
    segments: Vec<Segment>,
    log: Vec<Logged>,
    history: Option<Box<History>>,
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
            history: None,
        }
    }

    /// Starts tracking `input` and keeps every edit applied to it, so that
    /// [`Tracked::reject`] can leave some fixes out afterwards.
    pub fn with_history(input: &str) -> Self {
        let mut tracked = Tracked::new(input);
        tracked.history = Some(Box::new(History {
            input: input.to_owned(),
            batches: Vec::new(),
        }));
        tracked
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
        let mut applied = self.history.as_ref().map(|_| Vec::new());
        self.splice(edits.into_iter().map(|e| (e, None)), applied.as_mut());
        if let (Some(history), Some(applied)) = (self.history.as_mut(), applied) {
            history.batches.push(applied);
        }
    }

    /// Applies `edits` in order; each one's input range is the one given, or else mapped from
    /// its range in the current text. Every edit applied is pushed to `applied` if given.
    fn splice(
        &mut self,
        edits: impl Iterator<Item = (Edit, Option<(usize, usize)>)>,
        mut applied: Option<&mut Vec<Applied>>,
    ) {
        let mut out = String::with_capacity(self.text.len());
        let mut segs = Vec::with_capacity(self.segments.len() + 2 * edits.size_hint().0);
        let mut pos = 0;
        let mut seg_idx = 0;
        for (e, given) in edits {
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
            let orig = given.unwrap_or_else(|| (self.map_start(start), self.map_end(start, end)));
            if e.kind != FixKind::Layout {
                self.log.push(Logged {
                    kind: e.kind,
                    orig,
                    rule: e.rule,
                });
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
            if let Some(applied) = applied.as_deref_mut() {
                applied.push(Applied { edit: e, orig });
            }
        }
        self.copy_unchanged(pos..self.text.len(), &mut out, &mut segs, &mut seg_idx);
        self.text = out;
        self.segments = segs;
    }

    /// The text with every fix made except those `reject` names (by kind and input range),
    /// tracked back to the input like this one, with only the fixes made in its log.
    ///
    /// Every edit is applied again where it was, so the other fixes are exactly those made
    /// before; a rejected fix leaves the text it would have replaced. An edit made later on
    /// (part of) what a rejected fix wrote is left out as well, since it was made on text that
    /// is no longer there: rejecting the removal of a page footer also keeps the spaces
    /// inside it that a later stage removed. A reference that names no fix changes nothing.
    /// Without history ([`Tracked::new`]) there is nothing to apply again: the text is
    /// returned as it is.
    pub fn reject(&self, reject: &[FixRef]) -> Tracked {
        let Some(history) = self.history.as_deref() else {
            return self.clone();
        };
        let rejected: HashSet<(FixKind, usize, usize)> = reject
            .iter()
            .filter(|r| r.kind != FixKind::Layout)
            .map(|r| (r.kind, r.original.start, r.original.end))
            .collect();
        let mut kept = Tracked::new(&history.input);
        // Outside these the kept text equals the text with every fix, shifted.
        let mut diffs: Vec<Diff> = Vec::new();
        for batch in &history.batches {
            let (planned, next) = replan(batch, &diffs, |a| {
                a.edit.kind != FixKind::Layout
                    && rejected.contains(&(a.edit.kind, a.orig.0, a.orig.1))
            });
            kept.splice(planned.into_iter(), None);
            diffs = next;
        }
        kept
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

    /// Maps an input byte offset to the current text: where what stood there now starts (for
    /// text removed or replaced, where its replacement starts).
    pub fn current_offset(&self, input: usize) -> usize {
        self.map_from_input(input, false)
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
                // An insertion replaced nothing: its end is the end of what it inserted.
                let end = if l.orig.1 > l.orig.0 {
                    self.map_from_input(l.orig.1 - 1, true)
                } else {
                    self.map_from_input(l.orig.0, true)
                };
                Fix {
                    kind: l.kind,
                    original: l.orig.0..l.orig.1,
                    cleaned: start..end.max(start),
                    rule: l.rule,
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
            rule: l.rule,
        }));
        self.text.push_str(&other.text);
    }
}

/// Where one batch of edits, made on the text with every fix, goes in the kept text that
/// differs from it in `diffs`: the edits to make there (with the input ranges of fixes), and
/// the diffs once both texts have their edits.
///
/// An edit that `is_rejected`, or that touches a diff (rewrites text that differs), is not
/// made: the stretch it covers joins a diff instead. A layout deletion (blank lines, spaces
/// at a line's ends) is still made around the diffs it touches.
fn replan(
    batch: &[Applied],
    diffs: &[Diff],
    is_rejected: impl Fn(&Applied) -> bool,
) -> (Vec<Planned>, Vec<Diff>) {
    let mut r = Replan {
        diffs,
        di: 0,
        planned: Vec::new(),
        next: Vec::with_capacity(diffs.len() + 1),
        shift: 0,
        delta: 0,
        kept_delta: 0,
        open: None,
    };
    for a in batch {
        let range = &a.edit.range;
        let layout_deletion = a.edit.kind == FixKind::Layout && a.edit.replacement.is_empty();
        if !layout_deletion
            || !diffs[r.di.min(diffs.len())..]
                .iter()
                .any(|d| touches(&d.full, range))
        {
            r.step(
                &a.edit,
                Some(a.orig).filter(|_| a.edit.kind != FixKind::Layout),
                is_rejected(a),
            );
            continue;
        }
        // Cut at the boundaries of the diffs it touches: the pieces between them are made.
        let mut at = range.start;
        let cuts = diffs[r.di..]
            .iter()
            .take_while(|d| d.full.start < range.end)
            .filter(|d| touches(&d.full, range))
            .flat_map(|d| [d.full.start, d.full.end])
            .chain([range.end]);
        let mut pieces = Vec::new();
        for cut in cuts {
            let cut = cut.clamp(at, range.end);
            if cut > at {
                pieces.push(at..cut);
            }
            at = cut;
        }
        for piece in pieces {
            r.step(&Edit::delete(piece, FixKind::Layout), None, false);
        }
    }
    r.finish()
}

/// An edit for the kept text, with the input range of the fix it makes (none for layout,
/// whose mapping the kept text works out itself).
type Planned = (Edit, Option<(usize, usize)>);

/// The state of [`replan`] between edits.
struct Replan<'a> {
    diffs: &'a [Diff],
    /// The first of `diffs` not yet handled.
    di: usize,
    planned: Vec<Planned>,
    next: Vec<Diff>,
    /// Kept-text offset minus full-text offset, past the diffs handled so far.
    shift: isize,
    /// Length change of the full and of the kept text from the edits handled so far.
    delta: isize,
    kept_delta: isize,
    open: Option<Open>,
}

/// A diff being built: where it starts (full text after the batch; kept text before it) and
/// the last point known to line up (both texts before the batch).
struct Open {
    full_start: usize,
    kept_start: usize,
    full_end: usize,
    kept_end: usize,
}

fn moved(at: usize, by: isize) -> usize {
    at.wrapping_add_signed(by)
}

impl Replan<'_> {
    /// Takes one edit of the batch (in order): plans it for the kept text, or makes it part
    /// of a diff when it is rejected or touches one.
    fn step(&mut self, edit: &Edit, orig: Option<(usize, usize)>, rejected: bool) {
        let range = &edit.range;
        if let Some(o) = self.open.take_if(|o| range.start >= o.full_end) {
            self.close(o);
        }
        while let Some(d) = self
            .diffs
            .get(self.di)
            .filter(|d| !touches(&d.full, range) && d.full.end <= range.start)
        {
            self.pass(d);
            self.di += 1;
        }
        let first = self.di;
        while self
            .diffs
            .get(self.di)
            .is_some_and(|d| touches(&d.full, range))
        {
            self.di += 1;
        }
        let touched = &self.diffs[first..self.di];
        let change = edit.replacement.len() as isize - range.len() as isize;
        self.delta += change;
        if self.open.is_none() && touched.is_empty() && !rejected {
            let edit = Edit {
                range: moved(range.start, self.shift)..moved(range.end, self.shift),
                replacement: edit.replacement.clone(),
                kind: edit.kind,
                rule: edit.rule,
            };
            self.planned.push((edit, orig));
            self.kept_delta += change;
            return;
        }
        let before = self.delta - change;
        let o = self.open.get_or_insert_with(|| match touched.first() {
            Some(d) if d.full.start < range.start => Open {
                full_start: moved(d.full.start, before),
                kept_start: d.kept.start,
                full_end: d.full.start,
                kept_end: d.kept.start,
            },
            _ => Open {
                full_start: moved(range.start, before),
                kept_start: moved(range.start, self.shift),
                full_end: range.start,
                kept_end: moved(range.start, self.shift),
            },
        });
        for d in touched {
            o.full_end = d.full.end.max(o.full_end);
            o.kept_end = d.kept.end.max(o.kept_end);
        }
        if range.end > o.full_end {
            o.kept_end += range.end - o.full_end;
            o.full_end = range.end;
        }
    }

    /// Carries a diff no edit touched over to after the batch.
    fn pass(&mut self, d: &Diff) {
        let diff = Diff {
            full: moved(d.full.start, self.delta)..moved(d.full.end, self.delta),
            kept: moved(d.kept.start, self.kept_delta)..moved(d.kept.end, self.kept_delta),
        };
        push_diff(&mut self.next, diff);
        self.shift = d.kept.end as isize - d.full.end as isize;
    }

    /// Ends the diff being built.
    fn close(&mut self, o: Open) {
        let diff = Diff {
            full: o.full_start..moved(o.full_end, self.delta),
            kept: moved(o.kept_start, self.kept_delta)..moved(o.kept_end, self.kept_delta),
        };
        push_diff(&mut self.next, diff);
        self.shift = o.kept_end as isize - o.full_end as isize;
    }

    /// The edits for the kept text and the diffs after the batch.
    fn finish(mut self) -> (Vec<Planned>, Vec<Diff>) {
        if let Some(o) = self.open.take() {
            self.close(o);
        }
        for d in &self.diffs[self.di..] {
            self.pass(d);
        }
        (self.planned, self.next)
    }
}

/// Whether an edit of `edit` rewrites any of the differing stretch `diff` (both ranges in the
/// same text). An empty range touches what strictly surrounds it, or an empty range at the
/// same point.
fn touches(diff: &Range<usize>, edit: &Range<usize>) -> bool {
    match (diff.is_empty(), edit.is_empty()) {
        (false, false) => diff.start < edit.end && edit.start < diff.end,
        (true, false) => edit.start < diff.start && diff.start < edit.end,
        (false, true) => diff.start < edit.start && edit.start < diff.end,
        (true, true) => diff.start == edit.start,
    }
}

/// Appends `diff`, merging it into the previous one when they meet.
fn push_diff(diffs: &mut Vec<Diff>, diff: Diff) {
    if let Some(last) = diffs.last_mut() {
        if last.full.end == diff.full.start && last.kept.end == diff.kept.start {
            last.full.end = diff.full.end;
            last.kept.end = diff.kept.end;
            return;
        }
    }
    diffs.push(diff);
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

    /// A stage: the edits it plans on the current text.
    type Stage<'a> = &'a dyn Fn(&str) -> Vec<Edit>;

    /// `input` with `batches` applied in turn, with history.
    fn staged(input: &str, batches: &[Stage<'_>]) -> Tracked {
        let mut t = Tracked::with_history(input);
        for plan in batches {
            let edits = plan(t.as_str());
            t.apply(edits);
        }
        t
    }

    fn reject_kind(t: &Tracked, kind: FixKind) -> Tracked {
        let refs: Vec<FixRef> = t
            .fixes()
            .iter()
            .filter(|f| f.kind == kind)
            .map(FixRef::from)
            .collect();
        assert!(!refs.is_empty(), "no {kind:?} fix to reject");
        t.reject(&refs)
    }

    fn kinds(t: &Tracked) -> Vec<FixKind> {
        t.fixes().iter().map(|f| f.kind).collect()
    }

    /// A fix's cleaned range holds what it wrote, in the text it is reported against.
    fn check_kept(input: &str, t: &Tracked) {
        check_ranges(input, t);
        let lookalike = t
            .fixes()
            .into_iter()
            .filter(|f| f.kind == FixKind::LookAlike);
        for f in lookalike {
            assert_eq!(&t.as_str()[f.cleaned.clone()], "人", "{f:?}");
        }
    }

    fn at(s: &str, pat: &str) -> Range<usize> {
        let i = s.find(pat).unwrap();
        i..i + pat.len()
    }

    #[test]
    fn rejects_one_fix_of_a_batch() {
        let input = "⼈民 2023 年\n日报";
        let t = staged(
            input,
            &[&|s| {
                let space = s.find(" 年").unwrap();
                vec![
                    Edit::replace(at(s, "⼈"), "人", FixKind::LookAlike),
                    Edit::delete(space..space + 1, FixKind::SpaceRemoved),
                ]
            }],
        );
        assert_eq!(t.as_str(), "人民 2023年\n日报");
        let kept = reject_kind(&t, FixKind::LookAlike);
        assert_eq!(kept.as_str(), "⼈民 2023年\n日报");
        assert_eq!(kinds(&kept), [FixKind::SpaceRemoved]);
        check_kept(input, &kept);
        let kept = reject_kind(&t, FixKind::SpaceRemoved);
        assert_eq!(kept.as_str(), "人民 2023 年\n日报");
        assert_eq!(kinds(&kept), [FixKind::LookAlike]);
        check_kept(input, &kept);
    }

    /// A stage that replaces every `pat` with `by`.
    fn every(pat: &'static str, by: &'static str, kind: FixKind) -> impl Fn(&str) -> Vec<Edit> {
        move |s| {
            s.match_indices(pat)
                .map(|(i, m)| Edit::replace(i..i + m.len(), by, kind))
                .collect()
        }
    }

    fn join(s: &str) -> Vec<Edit> {
        every("\n", "", FixKind::LineJoin)(s)
    }

    #[test]
    fn rejected_join_puts_the_line_break_back_and_keeps_the_lookalike() {
        let input = "⼈民\n日报\n⼈⺠";
        let t = staged(input, &[&every("⼈", "人", FixKind::LookAlike), &join]);
        assert_eq!(t.as_str(), "人民日报人⺠");
        let second = t
            .fixes()
            .into_iter()
            .filter(|f| f.kind == FixKind::LineJoin)
            .nth(1);
        let kept = t.reject(&[FixRef::from(&second.unwrap())]);
        assert_eq!(kept.as_str(), "人民日报\n人⺠");
        assert_eq!(
            kinds(&kept),
            [FixKind::LookAlike, FixKind::LineJoin, FixKind::LookAlike]
        );
        check_kept(input, &kept);
        let kept = reject_kind(&t, FixKind::LookAlike);
        assert_eq!(kept.as_str(), "⼈民日报⼈⺠");
        check_kept(input, &kept);
    }

    #[test]
    fn footer_removed_inside_a_word_then_the_join() {
        let input = "聚\n第 1 页\n焦点";
        let t = staged(
            input,
            &[
                &|s| vec![Edit::delete(at(s, "第 1 页\n"), FixKind::PageFooter)],
                &join,
            ],
        );
        assert_eq!(t.as_str(), "聚焦点");
        let kept = reject_kind(&t, FixKind::PageFooter);
        assert_eq!(kept.as_str(), "聚第 1 页\n焦点");
        assert_eq!(kinds(&kept), [FixKind::LineJoin]);
        check_kept(input, &kept);
        let kept = reject_kind(&t, FixKind::LineJoin);
        assert_eq!(kept.as_str(), "聚\n焦点");
        assert_eq!(kinds(&kept), [FixKind::PageFooter]);
        check_kept(input, &kept);
        let all: Vec<FixRef> = t.fixes().iter().map(FixRef::from).collect();
        let kept = t.reject(&all);
        assert_eq!(kept.as_str(), input);
        assert!(kept.fixes().is_empty());
    }

    #[test]
    fn a_fix_made_on_a_rejected_fix_goes_with_it() {
        // The line ending made plain and then joined: both name the same input range.
        let input = "a\r\nb\r\nc";
        let t = staged(input, &[&every("\r\n", "\n", FixKind::LineEnding), &join]);
        assert_eq!(t.as_str(), "abc");
        let join_fix = t.fixes().into_iter().find(|f| f.kind == FixKind::LineJoin);
        let kept = t.reject(&[FixRef::from(&join_fix.unwrap())]);
        assert_eq!(kept.as_str(), "a\nbc");
        check_kept(input, &kept);
        let ending = t
            .fixes()
            .into_iter()
            .find(|f| f.kind == FixKind::LineEnding);
        let kept = t.reject(&[FixRef::from(&ending.unwrap())]);
        assert_eq!(kept.as_str(), "a\r\nbc");
        assert_eq!(
            kinds(&kept),
            [FixKind::LineEnding, FixKind::LineJoin],
            "the second line break is made plain and joined as before"
        );
        check_kept(input, &kept);
    }

    #[test]
    fn later_edits_shift_past_a_rejected_stretch() {
        let input = "x\u{A0}\u{A0}y z\n⼈";
        let t = staged(
            input,
            &[
                &|s| vec![Edit::delete(at(s, "\u{A0}\u{A0}"), FixKind::Whitespace)],
                &|s| {
                    let y = at(s, "y").end;
                    vec![Edit::replace(y..y, "-", FixKind::SpaceAdded)]
                },
                &|s| {
                    vec![
                        Edit::delete(at(s, " "), FixKind::SpaceRemoved),
                        Edit::replace(at(s, "⼈"), "人", FixKind::LookAlike),
                    ]
                },
            ],
        );
        assert_eq!(t.as_str(), "xy-z\n人");
        let kept = reject_kind(&t, FixKind::Whitespace);
        assert_eq!(kept.as_str(), "x\u{A0}\u{A0}y-z\n人");
        assert_eq!(
            kinds(&kept),
            [
                FixKind::SpaceAdded,
                FixKind::SpaceRemoved,
                FixKind::LookAlike
            ]
        );
        check_kept(input, &kept);
        let kept = reject_kind(&t, FixKind::SpaceAdded);
        assert_eq!(kept.as_str(), "xyz\n人");
        check_kept(input, &kept);
    }

    #[test]
    fn a_reference_to_no_fix_changes_nothing() {
        let input = "⼈\n民";
        let t = staged(input, &[&join]);
        let kept = t.reject(&[
            FixRef {
                kind: FixKind::LookAlike,
                original: 0..3,
            },
            FixRef {
                kind: FixKind::LineJoin,
                original: 0..3,
            },
        ]);
        assert_eq!(kept.as_str(), t.as_str());
        assert_eq!(kept.fixes(), t.fixes());
        // Without history nothing can be taken back.
        let mut plain = Tracked::new(input);
        plain.apply(join(input));
        let refs: Vec<FixRef> = plain.fixes().iter().map(FixRef::from).collect();
        assert_eq!(plain.reject(&refs).as_str(), plain.as_str());
    }

    #[test]
    fn fix_ref_reads_a_fix_and_ignores_its_cleaned_range() {
        let json = r#"{"kind":"line_join","original":{"start":10,"end":11},"cleaned":{"start":3,"end":3}}"#;
        let r: FixRef = serde_json::from_str(json).unwrap();
        assert_eq!(
            r,
            FixRef {
                kind: FixKind::LineJoin,
                original: 10..11
            }
        );
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

//! Interleaved columns: a page in two columns read across, line by line, put back one column
//! after the other.
//!
//! Where the two columns' lines stand level with each other, `pdftotext` (and at times
//! pdfminer) reads the page across: a line of the left column, a blank line, the right
//! column's line beside it, a blank line, the left column's next line, and so on; where the
//! columns are out of step it reads a piece of each in turn. The text then holds a run of
//! one-line blocks that take turns between the columns. Such a run is told apart from one
//! column with a blank line after every line (pdfminer's habit) by how the lines go on: a
//! line wrapped inside a word or a sentence goes on in the line two blocks down, not in the
//! next one. Where the columns' lines do not stand level, a turn can hold a few lines of one
//! column together (a block of two or three lines). Where the evidence over the whole run
//! says so, its pieces are dealt back into the two columns, with the column pieces on either
//! side that go on into them.

use crate::edit::{Edit, FixKind, Tracked};
use crate::reflow::dictionary_word;
use crate::shapes::PAGE_BREAK;

/// A run of at least this many one-line blocks is looked at (two lines of each column).
const MIN_RUN: usize = 4;

/// The evidence for reading a run two blocks at a time must beat the evidence for reading it
/// in order by this much. On the corpus's training split (pdftotext, multi-column pages: 4,077
/// lines in runs that alternate; 800 one-column documents of every extractor but
/// `-layout`: 8,603 lines in runs of one-line blocks) a margin of one dealt 20 lines of
/// one-column runs into columns, two none, and still found 2,532 of the alternating lines.
const MIN_MARGIN: f32 = 2.0;

/// What a capitalised word after a line that stops mid-sentence, or a lower-case word after
/// a full stop, counts against the two lines going on (training split, pdftotext and
/// pdfminer: 5 cases better, 1 worse).
const LATIN_APART: f32 = 0.5;

/// A run of mostly Latin lines whose full line is at most this many cells wide is a column
/// of a page in two or three: a one-column page's Latin lines are wider. Training split,
/// English runs of one-line blocks in pdftotext and pdfminer text (the full width is 80% of
/// the median line): 78% of the 3,587 pieces of multi-column runs at 34 or less, 89% of the
/// 1,842 pieces of one-column runs above it.
const NARROW_LATIN_CELLS: usize = 34;

/// The margin a narrow Latin run's reading by turns must win by ([`MIN_MARGIN`] elsewhere,
/// and no share): training split, pdftotext and pdfminer, 11 cases better, 3 worse.
const NARROW_LATIN_MARGIN: f32 = 1.0;

/// The evidence for reading a run in order may be at most this share of the evidence for
/// reading it two blocks at a time (as a factor: in order × 2 ≤ by twos).
const MAX_IN_ORDER_SHARE: f32 = 2.0;

/// A block of at most this many lines can be a piece of a column in a run read across: where
/// the two columns' lines do not stand level, pdftotext and pdfminer give a few lines of one
/// column together before the other's turn. Training split, multi-column pages (pdftotext and
/// pdfminer, 372 cases): one-line blocks only, para_recall 0.5635; up to two lines 0.5803;
/// three 0.5829 (53 cases better, 10 worse); five 0.5845; one-column pages (634) unchanged.
const MAX_PIECE_LINES: usize = 3;

/// A line at least this share of the run's median width fills its column.
const FULL_LINE: (usize, usize) = (8, 10);

/// A column's full line is at least this many cells wide (a median line of ten ideographs):
/// narrower lines are a list, not running text.
const MIN_COLUMN_CELLS: usize = 16;

/// The head of the page (title, byline, source, date) is looked for in this many lines
/// before a run's first full line.
const HEAD_LINES: usize = 6;

/// Runs the interleave pass over `text`.
pub fn split_interleaved(text: &mut Tracked) {
    let edits = plan_interleaved(text.as_str());
    text.apply(edits);
}

/// A block of lines between blank lines: byte range and its lines.
struct Block<'a> {
    start: usize,
    end: usize,
    lines: Vec<&'a str>,
}

/// The text's blocks; a page-break mark counts as a blank line.
fn blocks(s: &str) -> Vec<Block<'_>> {
    let mut out: Vec<Block> = Vec::new();
    let mut open = false;
    let mut at = 0;
    for line in s.split('\n') {
        let end = at + line.len();
        if line.trim().is_empty() || line.contains(PAGE_BREAK) {
            open = false;
        } else if open {
            let b = out.last_mut().expect("an open block");
            b.end = end;
            b.lines.push(line);
        } else {
            out.push(Block {
                start: at,
                end,
                lines: vec![line],
            });
            open = true;
        }
        at = end + 1;
    }
    out
}

/// Whether blocks `a` and `b` stand one blank line apart (no page break, nothing else
/// between them).
fn one_blank_apart(s: &str, a: &Block, b: &Block) -> bool {
    let gap = &s[a.end..b.start];
    gap.matches('\n').count() <= 2 && gap.chars().all(|c| c.is_whitespace() && c != PAGE_BREAK)
}

/// How strongly `next` reads as going on from `prev` within one paragraph: a dictionary word
/// across the break, a line that starts with a closing bracket or a comma, a Latin word
/// hyphenated across it, a lower-case start after a lower-case end.
fn goes_on(prev: &str, next: &str) -> f32 {
    let (prev, next) = (prev.trim_end(), next.trim());
    let mut score = 0.0;
    if dictionary_word(prev, next) {
        score += 1.0;
    }
    if next.starts_with(['）', ')', '，', '、', '。', '；', '：', ',', ';']) {
        score += 1.0;
    }
    let starts_lower = next.starts_with(|c: char| c.is_ascii_lowercase());
    let mut tail = prev.chars().rev();
    match (tail.next(), tail.next()) {
        (Some('-'), Some(c)) if c.is_ascii_alphabetic() && starts_lower => score += 1.0,
        (Some(c), _) if (c.is_ascii_lowercase() || c == ',') && starts_lower => score += 0.5,
        // A sentence that stops mid-way and a capitalised word, a full stop and a lower-case
        // word: the line does not go on there.
        (Some(c), _) if (c.is_ascii_lowercase() || c == ',') && starts_capitalised(next) => {
            score -= LATIN_APART
        }
        (Some('.'), Some(c)) if c.is_ascii_lowercase() && starts_lower => score -= LATIN_APART,
        _ => {}
    }
    score
}

/// Whether `t` opens with a capitalised Latin word (`The`; not `I`, `API`).
fn starts_capitalised(t: &str) -> bool {
    let mut cs = t.chars();
    matches!((cs.next(), cs.next()), (Some(a), Some(b)) if a.is_ascii_uppercase() && b.is_ascii_lowercase())
}

/// Whether most of the run's pieces open with Latin text.
fn mostly_latin(run: &[Piece]) -> bool {
    let latin = run
        .iter()
        .filter(|p| first(p).trim_start().starts_with(|c: char| c.is_ascii()))
        .count();
    latin * 2 > run.len()
}

/// How many cells `t` fills, without its indent and trailing spaces.
fn cells(t: &str) -> usize {
    crate::columns::cells(t.trim())
}

/// The width (cells) from which a line of the run `bs` fills its column.
fn full_width(bs: &[Block]) -> usize {
    let mut widths: Vec<usize> = bs.iter().map(|b| cells(b.lines[0])).collect();
    widths.sort_unstable();
    widths[widths.len() / 2] * FULL_LINE.0 / FULL_LINE.1
}

/// Whether a line ends at a full stop (or a closing bracket or quote). Narrower than
/// [`crate::shapes::ends_sentence`], which counts `；` and `：` too: in a column those mostly
/// end a line inside a paragraph (training multi-column pages with the shared rule: 3 cases
/// worse, none better).
fn ends_full_stop(line: &str) -> bool {
    line.trim_end()
        .ends_with(['。', '！', '？', '!', '?', '.', '”', '」', '』', '）', ')'])
}

/// The runs of short blocks that alternate between two columns, rewritten one column after
/// the other.
fn plan_interleaved(s: &str) -> Vec<Edit> {
    let bs = blocks(s);
    let mut edits = Vec::new();
    let mut i = 0;
    while i < bs.len() {
        let mut j = i;
        while j < bs.len()
            && bs[j].lines.len() <= MAX_PIECE_LINES
            && (j == i || one_blank_apart(s, &bs[j - 1], &bs[j]))
        {
            j += 1;
        }
        // The title, byline and source lines that open the text, one to a block where
        // pdfminer reads every line apart, end in a short line: the run starts after it.
        let mut from = i;
        if i == 0 && j >= MIN_RUN {
            let full = full_width(&bs[i..j]);
            if let Some(short) = (i..j.min(i + HEAD_LINES))
                .rev()
                .find(|&k| cells(bs[k].lines[0]) < full)
            {
                from = short + 1;
            }
        }
        if j - from >= MIN_RUN {
            if let Some(edit) = deal(s, &bs, from, j) {
                edits.push(edit);
            }
        }
        i = j.max(i + 1);
    }
    edits
}

/// A piece of a column: the lines of one block of a run.
type Piece<'a> = &'a [&'a str];

fn first<'a>(p: Piece<'a>) -> &'a str {
    p[0]
}

fn last<'a>(p: Piece<'a>) -> &'a str {
    p[p.len() - 1]
}

/// Column `k` of a run read across `n` columns: every `n`th piece from the `k`th, its lines
/// one after the other.
fn column(run: &[Piece], k: usize, n: usize) -> String {
    run.iter()
        .skip(k)
        .step_by(n)
        .flat_map(|p| p.iter().copied())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The run `bs[i..j]` of short blocks dealt into two columns (or three), if its pieces go on
/// two (three) blocks down rather than into the next; with the block before it when that
/// goes on into the second column, and the block after it when that goes on from the first.
fn deal(s: &str, bs: &[Block], i: usize, j: usize) -> Option<Edit> {
    let run: Vec<Piece> = bs[i..j].iter().map(|b| b.lines.as_slice()).collect();
    // How strongly the pieces go on `lag` blocks down.
    let by = |lag: usize| -> f32 {
        run.windows(lag + 1)
            .map(|w| goes_on(last(w[0]), first(w[lag])))
            .sum()
    };
    let in_order = by(1);
    // Three columns take turns by threes (training, three-column pages, pdftotext: 626 lines
    // in such runs; none in one-column runs); two on ties.
    let (columns, by_turns) = [(2, by(2)), (3, by(3))]
        .into_iter()
        .filter(|&(n, _)| run.len() >= n * MIN_RUN / 2)
        .fold(
            (2, f32::MIN),
            |best, next| if next.1 > best.1 { next } else { best },
        );
    // Where the columns take turns, a line seldom goes on into the next block: pdfminer's
    // runs that turn only now and then (a few lines of one column, then of the other) are
    // left in order. Training split, multi-column pages: dealing runs whose lines go on into
    // the next block at over half the rate of two blocks down made pdfminer's cases 18
    // better and 12 worse; leaving them, 16 and 3 (pdftotext 62 and 0, then 53 and 0).
    // In Latin text most lines go on lower-case whichever way the run is read, so the
    // evidence against reading it in order is thin: in a narrow column (no one-column page
    // sets Latin that narrow) a smaller margin will do.
    let narrow_latin = full_width(&bs[i..j]) <= NARROW_LATIN_CELLS && mostly_latin(&run);
    let sure = if narrow_latin {
        by_turns - in_order >= NARROW_LATIN_MARGIN
    } else {
        by_turns - in_order >= MIN_MARGIN && in_order * MAX_IN_ORDER_SHARE <= by_turns
    };
    if !sure {
        return None;
    }
    // Lines wrapped in a column: most pieces end mid-sentence, and they are lines of running
    // text, not a list of words or one-line paragraphs (which a second pass must leave).
    // A piece of a column fills it to the last line; a title block above the run does not.
    let full = full_width(&bs[i..j]);
    let mid_sentence = run.iter().filter(|p| !ends_full_stop(last(p))).count();
    if mid_sentence * 2 < run.len() || full < MIN_COLUMN_CELLS {
        return None;
    }
    if columns == 3 {
        let text = (0..3)
            .map(|k| column(&run, k, 3))
            .collect::<Vec<_>>()
            .join("\n\n");
        return Some(Edit::replace(
            bs[i].start..bs[j - 1].end,
            text,
            FixKind::Columns,
        ));
    }
    // The turns go on past the run: the block after it takes the turn of the column whose
    // piece came two blocks before it, the block before it that of the run's second piece.
    let (before_first, before_second) = (last(run[run.len() - 2]), last(run[run.len() - 1]));
    let after = bs.get(j).filter(|b| one_blank_apart(s, &bs[j - 1], b));
    let after =
        after.filter(|b| goes_on(before_first, b.lines[0]) >= goes_on(before_second, b.lines[0]));
    let before = i.checked_sub(1).map(|k| &bs[k]).filter(|b| {
        let end = b.lines[b.lines.len() - 1];
        one_blank_apart(s, b, &bs[i]) && {
            let (to_second, to_first) = (goes_on(end, first(run[1])), goes_on(end, first(run[0])));
            to_second > to_first
                || (to_second == to_first
                    && !ends_full_stop(end)
                    && b.lines[1..].iter().chain([&end]).all(|l| cells(l) >= full))
        }
    });
    // The first column's piece, with the block after it that goes on from it.
    let mut one = column(&run, 0, 2);
    if let Some(b) = after {
        let apart = ends_full_stop(before_first) && goes_on(before_first, b.lines[0]) == 0.0;
        one.push_str(if apart { "\n\n" } else { "\n" });
        one.push_str(&s[b.start..b.end]);
    }
    // The second column's, after the block before the run that goes on into it. That block
    // came first in the text and stays first (a title printed over the columns can share
    // it: zh-zh-hans-react--047.libreoffice).
    let second = column(&run, 1, 2);
    let text = match before {
        Some(b) => format!("{}\n{second}\n\n{one}", &s[b.start..b.end]),
        None => format!("{one}\n\n{second}"),
    };
    let start = before.map_or(bs[i].start, |b| b.start);
    let end = after.map_or(bs[j - 1].end, |b| b.end);
    Some(Edit::replace(start..end, text, FixKind::Columns))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        let mut t = Tracked::new(s);
        split_interleaved(&mut t);
        t.as_str().to_owned()
    }

    /// Two columns of a law, wrapped inside words, read across with a blank line after each
    /// line (the shape of the corpus's pdftotext output on two-column pages).
    const LEFT: [&str; 5] = [
        "第一条 为了规范行政机关的执法活动，保",
        "护公民、法人和其他组织的合法权益，根",
        "据宪法，制定本条例。本条例适用于各级",
        "人民政府及其工作部门，以及法律、法规",
        "授权的具有管理公共事务职能的组织。",
    ];
    const RIGHT: [&str; 5] = [
        "第二条 行政机关应当依法全面履行职责，",
        "坚持公开、公平、公正的原则，建立健全",
        "执法责任制，加强对执法人员的培训和管",
        "理，提高执法水平和质量，接受社会的监",
        "督，不得滥用职权。",
    ];

    fn across(left: &[&str], right: &[&str]) -> String {
        left.iter()
            .zip(right)
            .flat_map(|(l, r)| [*l, *r])
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    #[test]
    fn columns_read_across_are_dealt_back() {
        let out = run(&across(&LEFT, &RIGHT));
        assert_eq!(out, format!("{}\n\n{}", LEFT.join("\n"), RIGHT.join("\n")));
        assert_eq!(run(&out), out, "idempotent");
    }

    #[test]
    fn pieces_of_a_few_lines_take_their_turns_too() {
        // Where the columns' lines do not stand level, a turn holds two lines of a column.
        let pieces = [
            LEFT[0].to_owned(),
            RIGHT[0].to_owned(),
            LEFT[1].to_owned(),
            format!("{}\n{}", RIGHT[1], RIGHT[2]),
            format!("{}\n{}", LEFT[2], LEFT[3]),
            RIGHT[3].to_owned(),
            LEFT[4].to_owned(),
            RIGHT[4].to_owned(),
        ];
        let out = run(&pieces.join("\n\n"));
        assert_eq!(out, format!("{}\n\n{}", LEFT.join("\n"), RIGHT.join("\n")));
        assert_eq!(run(&out), out, "idempotent");
    }

    #[test]
    fn paragraphs_of_a_few_lines_stay_in_order() {
        let text = [&LEFT[..2], &LEFT[2..], &RIGHT[..3], &RIGHT[3..]]
            .map(|p| p.join("\n"))
            .join("\n\n");
        assert_eq!(run(&text), text);
    }

    #[test]
    fn three_columns_read_across_are_dealt_back_by_threes() {
        let third = [
            "第三条 各级人民政府应当加强对执法工",
            "作的领导，建立健全执法协调机制，及时",
            "解决执法中的重大问题，保障执法经费，",
            "为执法人员依法履行职责提供必要的条件",
        ];
        let text = (0..4)
            .flat_map(|k| [LEFT[k], RIGHT[k], third[k]])
            .collect::<Vec<_>>()
            .join("\n\n");
        let out = run(&text);
        let expected = format!(
            "{}\n\n{}\n\n{}",
            LEFT[..4].join("\n"),
            RIGHT[..4].join("\n"),
            third.join("\n")
        );
        assert_eq!(out, expected);
        assert_eq!(run(&out), out, "idempotent");
    }

    #[test]
    fn the_pieces_around_the_run_follow_their_columns() {
        // The right column's piece before the run goes on into the run's second line; the
        // left column's piece after it goes on from the run's last left line.
        let before = "前款所称执法，是指行政机关依照法律、法规的规定，对公民、法人和其他组织实施\n行政许可、行政处罚、行政强制等行为。执法应当";
        let after = "定，由国务院另行规定。\n本条例自公布之日起施行。";
        let left = &LEFT[..4];
        let right = [
            "遵循合法、合理的原则，坚持公开、公平",
            "公正，建立健全执法责任制和评议考核制",
            "度，加强对执法人员的培训和管理，提高",
            "执法水平，保障法律的正确实施。",
        ];
        let text = format!("{before}\n\n{}\n\n{after}", across(left, &right));
        let out = run(&text);
        let expected = format!(
            "{before}\n{}\n\n{}\n{after}",
            right.join("\n"),
            left.join("\n")
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn narrow_english_columns_read_across_are_dealt_back() {
        // Most lines go on lower-case whichever way the run is read: a full stop before a
        // lower-case word and a capitalised word after a line that stops mid-sentence tell
        // the columns apart (the earlier margins left this run in order).
        let left = [
            "by default an active component",
            "instance will be unmounted when",
            "switching away from it and this",
            "will cause any state it holds to",
            "be lost when the component is",
            "displayed again and a new one is",
            "created with only its first state",
            "and nothing of the old instance",
        ];
        let right = [
            "the match is checked against the",
            "name option of the component.",
            "Components that need caching must",
            "declare a name option of their own.",
            "Since version three a single file",
            "component that uses the setup tag.",
            "Infers its name from the file name",
            "so it need not be declared again",
        ];
        let text = across(&left, &right);
        let out = run(&text);
        assert_eq!(out, format!("{}\n\n{}", left.join("\n"), right.join("\n")));
        assert_eq!(run(&out), out, "idempotent");
    }

    #[test]
    fn a_list_of_short_lines_stays_even_where_every_other_line_makes_a_word() {
        // `社会` and `经济` across lines two apart, but a list of short lines, not columns.
        let list = "我们社\n\n国民经\n\n会主义\n\n济发展\n\n老师们\n\n书本上";
        assert_eq!(run(list), list);
    }

    #[test]
    fn one_column_with_a_blank_line_after_every_line_stays() {
        let one: Vec<&str> = LEFT.iter().chain(RIGHT.iter()).copied().collect();
        let text = one.join("\n\n");
        assert_eq!(run(&text), text);
        let english = "The committee met on Monday to discuss\n\nthe budget for the coming year and the\n\nplans for the new library building. The\n\nmembers agreed to meet again next week.";
        assert_eq!(run(english), english);
    }
}

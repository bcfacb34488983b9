//! Line shapes: what the start and the end of a line or paragraph say about it — numbering
//! and bullets, sentence ends and open ends, clause punctuation, openers and closers, the
//! page-break mark. One home for what reflow, structure, spacing and markdown read off a
//! line (in the spirit of pulldown-cmark's `scanners.rs`).
//!
//! Where two stages ask different questions, both tests are here under names that say how
//! they differ ([`starts_numbered_block`] vs [`numbering`], [`ends_mid_sentence`] vs
//! [`ends_open`], [`has_running_text_punct`] vs [`has_sentence_punct`]): each was tuned
//! where it is used, and merging them would change what the cleaner outputs.

use crate::text::{is_cn_numeral, parse_cn_numeral};

/// The page-break mark: a form feed, as extractors print it between pages and as the
/// artifact stage leaves it where it removed page furniture. Reflow reads it as a page
/// boundary and deletes it; columns split pages at it.
pub const PAGE_BREAK: char = '\u{C}';

/// [`PAGE_BREAK`] as text, for the edits that write it.
pub(crate) const PAGE_BREAK_TEXT: &str = "\u{C}";

/// Whether a piece of `text` holds a [`PAGE_BREAK`]: most texts have none, and then no piece
/// is searched for one.
pub(crate) fn page_break_finder(text: &str) -> impl Fn(&str) -> bool {
    let any = text.contains(PAGE_BREAK);
    move |piece| any && piece.contains(PAGE_BREAK)
}

/// `s` without any whitespace, for comparing lines as extractors space them (`第 1 页` and
/// `第1页` compare equal).
pub(crate) fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `squash(s) == squashed`, without building the string: most lines differ from it
/// within a few characters (squashing every paragraph to compare it with a running header
/// was 4% of the cleanup's time on a novel).
pub(crate) fn squashes_to(s: &str, squashed: &str) -> bool {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .eq(squashed.chars())
}

// ---------------------------------------------------------------------------------------
// Bullets and numbering

/// Bullets that open a list item. The first five, [`SOLID_BULLETS`], are never anything
/// else at a line start; the hollow ones and the dots (`·`, `‧`, `∙`) are bullets only at
/// the start of a whole paragraph (a `·` at a line start may be a wrapped name's dot).
pub(crate) const BULLETS: [char; 16] = [
    '•', '●', '■', '◆', '▪', '○', '◦', '□', '◇', '►', '‣', '∙', '·', '‧', '➢', '❖',
];

/// The bullets that open a block wherever they start a line (reflow trusts them).
pub(crate) const SOLID_BULLETS: [char; 5] = ['•', '●', '■', '◆', '▪'];

/// Whether `c` is one of the [`BULLETS`].
pub(crate) fn is_bullet(c: char) -> bool {
    BULLETS.contains(&c)
}

/// The byte length of the bullet that opens a list item (any of [`BULLETS`], or `-`, `*`,
/// `+`, `–` followed by a space).
pub(crate) fn bullet_len(p: &str) -> Option<usize> {
    let c = p.chars().next()?;
    let rest = &p[c.len_utf8()..];
    match c {
        c if is_bullet(c) => (!rest.trim().is_empty()).then_some(c.len_utf8()),
        '-' | '*' | '+' | '–' => {
            (rest.starts_with(' ') && !rest.trim().is_empty()).then_some(c.len_utf8())
        }
        _ => None,
    }
}

/// The most chars a reference number (`[12]`), a parenthesized enumerator (`（十二）`) or an
/// Arabic enumerator's digits-and-dot (`12.`) takes: longer ones are years or amounts.
pub(crate) const MAX_ENUMERATOR: usize = 3;

/// A numbering scheme of Chinese official documents, English documents and lists, in the
/// order GB/T 9704 nests the Chinese ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// `第一章`, `第一节`, `第一条`
    Chapter(char),
    /// `一、`
    CnComma,
    /// `（一）`
    CnParen,
    /// `1.` `1．` `1、`
    Arabic,
    /// `1.1`, `1.2.3`: the number of parts.
    Dotted(u8),
    /// `（1）`
    ArabicParen,
    /// `①`
    Circled,
    /// `I.`, `IV.`
    Roman,
    /// `A.`
    Letter,
    /// `1)`, `a)`: a list item.
    CloseParen,
    /// `[1]`: a reference-list item.
    Bracket,
    /// Markdown `#`, `##` …: the number of `#`.
    Markdown(u8),
}

/// The numbering a paragraph starts with, and the byte length of the enumerator.
pub fn numbering(p: &str) -> Option<(Numbering, usize)> {
    let first = p.chars().next()?;
    match first {
        '第' => {
            let num: String = p['第'.len_utf8()..]
                .chars()
                .take_while(|c| is_cn_numeral(*c) || c.is_ascii_digit())
                .collect();
            let after = &p['第'.len_utf8() + num.len()..];
            let unit = after.chars().next()?;
            (!num.is_empty() && matches!(unit, '章' | '节' | '条' | '部' | '篇' | '编')).then(
                || {
                    (
                        Numbering::Chapter(unit),
                        '第'.len_utf8() + num.len() + unit.len_utf8(),
                    )
                },
            )
        }
        '（' | '(' => {
            let inner: String = p[first.len_utf8()..]
                .chars()
                .take_while(|c| *c != '）' && *c != ')')
                .collect();
            let close = p[first.len_utf8() + inner.len()..].chars().next()?;
            let len = first.len_utf8() + inner.len() + close.len_utf8();
            if !inner.is_empty() && parse_cn_numeral(&inner).is_some() {
                Some((Numbering::CnParen, len))
            } else if !inner.is_empty()
                && inner.len() <= 3
                && inner.bytes().all(|b| b.is_ascii_digit())
            {
                Some((Numbering::ArabicParen, len))
            } else if inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_lowercase()) {
                Some((Numbering::CloseParen, len))
            } else {
                None
            }
        }
        '[' => {
            let inner: String = p[1..].chars().take_while(|c| c.is_ascii_digit()).collect();
            (!inner.is_empty() && inner.len() <= 3 && p[1 + inner.len()..].starts_with(']'))
                .then(|| (Numbering::Bracket, inner.len() + 2))
        }
        '#' => {
            let n = p.bytes().take_while(|b| *b == b'#').count();
            ((1..=6).contains(&n) && p[n..].starts_with(' ') && !p[n..].trim().is_empty())
                .then(|| (Numbering::Markdown(n as u8), n + 1))
        }
        '①'..='⑳' => Some((Numbering::Circled, first.len_utf8())),
        c if is_cn_numeral(c) => {
            let num: String = p.chars().take_while(|c| is_cn_numeral(*c)).collect();
            (parse_cn_numeral(&num).is_some() && p[num.len()..].starts_with('、'))
                .then(|| (Numbering::CnComma, num.len() + '、'.len_utf8()))
        }
        c if c.is_ascii_digit() => arabic_numbering(p),
        c if c.is_ascii_uppercase() => {
            let w: String = p.chars().take_while(|c| c.is_ascii_uppercase()).collect();
            let after = &p[w.len()..];
            if !(after.starts_with(". ") || after.starts_with('．')) {
                return None;
            }
            if w.chars().all(|c| "IVXLC".contains(c)) && w.len() <= 5 && (w.len() > 1 || w == "I") {
                Some((Numbering::Roman, w.len() + 1))
            } else if w.len() == 1 {
                Some((Numbering::Letter, 2))
            } else {
                None
            }
        }
        c if c.is_ascii_lowercase() => {
            let after = &p[1..];
            after
                .starts_with(") ")
                .then_some((Numbering::CloseParen, 2))
        }
        _ => None,
    }
}

/// `1.`, `1、`, `1.1`, `1)` and their full-width forms.
fn arabic_numbering(p: &str) -> Option<(Numbering, usize)> {
    let mut parts = 0u8;
    let mut at = 0;
    loop {
        let d = p[at..].bytes().take_while(u8::is_ascii_digit).count();
        if d == 0 || d > 3 {
            return None;
        }
        parts += 1;
        at += d;
        let sep = p[at..].chars().next()?;
        let next = p[at + sep.len_utf8()..].chars().next();
        match sep {
            '.' | '．' if next.is_some_and(|c| c.is_ascii_digit()) => {
                // `1.1 Scope` (a section number) or `1.7万` (a decimal).
                at += sep.len_utf8();
                continue;
            }
            '.' | '．' | '、' if parts == 1 && next.is_some_and(|c| !c.is_ascii_digit()) => {
                return Some((Numbering::Arabic, at + sep.len_utf8()));
            }
            '.' if parts > 1 && next == Some(' ') => {
                return Some((Numbering::Dotted(parts), at + 1));
            }
            ' ' if parts > 1 => return Some((Numbering::Dotted(parts), at)),
            ')' | '）' if parts == 1 => return Some((Numbering::CloseParen, at + sep.len_utf8())),
            _ => return None,
        }
    }
}

/// A line that starts a new block whatever precedes it: a numbered heading or list item.
///
/// Stricter than [`numbering`] (reflow asks it of every line, wrapped ones included): a
/// chapter number must stand alone (`第三条 …`, not `第九十三条规定的`), an Arabic one must
/// not go on in lower case or digits, and of the bullets only the [`SOLID_BULLETS`] count.
pub(crate) fn starts_numbered_block(t: &str) -> bool {
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    match first {
        '（' | '(' => {
            let inner: String = chars
                .by_ref()
                .take_while(|c| !matches!(c, '）' | ')'))
                .collect();
            !inner.is_empty()
                && inner.chars().count() <= MAX_ENUMERATOR
                && (inner.chars().all(is_cn_numeral) || inner.chars().all(|c| c.is_ascii_digit()))
        }
        '第' => {
            // 第一章 总则, 第三条: a chapter or article heading, not 第九十三条规定的.
            let rest = chars.as_str();
            let num_end = rest
                .find(|c: char| !is_cn_numeral(c) && !c.is_ascii_digit())
                .unwrap_or(rest.len());
            num_end > 0
                && rest[num_end..].starts_with(['章', '节', '条', '编', '部', '篇'])
                && rest[num_end..]
                    .chars()
                    .nth(1)
                    .is_none_or(|c| c.is_whitespace() || c == '　')
        }
        c if SOLID_BULLETS.contains(&c) => true,
        '①'..='⑳' => true,
        c if is_cn_numeral(c) => {
            let rest = t.trim_start_matches(is_cn_numeral);
            rest.starts_with('、')
        }
        c if c.is_ascii_digit() => {
            let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
            // After the separator, which may be a 3-byte `．` or `、`.
            let after = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
            rest.starts_with(['.', '．', '、'])
                && t.len() - rest.len() <= MAX_ENUMERATOR
                && !after.starts_with(|c: char| c.is_ascii_digit())
                && !after.starts_with(|c: char| c.is_ascii_lowercase())
        }
        _ => false,
    }
}

/// The number inside a note or reference marker (`1` of `[1]`).
fn is_note_number(n: &str) -> bool {
    !n.is_empty() && n.len() <= MAX_ENUMERATOR && n.bytes().all(|b| b.is_ascii_digit())
}

/// Fewest leader chars between a contents entry's title and its page number: an ellipsis
/// is three dots or two `…`, and a contents page's leaders run on much further.
const MIN_LEADER_DOTS: usize = 4;

/// Longest page number of a contents entry, in chars (arabic `1234`, roman `xviii`).
const MAX_PAGE_NUMBER: usize = 5;

/// Whether `t` is an entry of a table of contents: a title, then leader dots (`…… 3`,
/// `........ 12`, `· · · · 7`) or a tab, then a page number. Word and LibreOffice set the
/// contents of a document this way, and every extractor keeps the dots.
pub(crate) fn is_contents_entry(t: &str) -> bool {
    let t = t.trim();
    let body = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let body = if body.len() < t.len() {
        body
    } else {
        t.trim_end_matches(['i', 'v', 'x'])
    };
    let number = t.len() - body.len();
    if number == 0 || number > MAX_PAGE_NUMBER {
        return false;
    }
    let mut dots = 0;
    let mut title = body;
    for (i, c) in body.char_indices().rev() {
        match c {
            '.' | '·' | '．' | '・' | '‧' | '∙' | '…' | '⋯' => dots += 1,
            ' ' | '\u{3000}' => {}
            _ => {
                title = &body[..i + c.len_utf8()];
                break;
            }
        }
    }
    let tabbed = dots == 0 && body.ends_with('\t');
    let title = title.trim_end_matches('\t');
    (dots >= MIN_LEADER_DOTS || tabbed && !title.contains('\t'))
        && title.chars().any(char::is_alphabetic)
}

/// A line that starts with a reference number and text (`[2] http://www.jython.org/`).
pub(crate) fn starts_reference(t: &str) -> bool {
    t.strip_prefix('[')
        .and_then(|r| r.split_once("] "))
        .is_some_and(|(n, _)| is_note_number(n))
}

/// Whether `t` opens with a note number followed by a lower-case word, as a line inside
/// running text does (`[1] mailing list`: the number printed after `python-ideas`, which the
/// line break put first). A reference entry's text starts with a name or a link instead
/// (`[2] van Rossum, G.` is told apart by the line before it, `[3] https://…` by its link).
pub(crate) fn opens_with_note_number(t: &str) -> bool {
    let Some((n, after)) = t.strip_prefix('[').and_then(|r| r.split_once("] ")) else {
        return false;
    };
    let word = after.split(' ').next().unwrap_or("");
    is_note_number(n) && word.starts_with(|c: char| c.is_ascii_lowercase()) && !word.contains("://")
}

/// A line holding only a list marker (`[1]`, `•`, `-`): it belongs to the next line. Of the
/// bullets only the [`SOLID_BULLETS`] count here too.
pub(crate) fn is_lone_marker(t: &str) -> bool {
    let inner = t.strip_prefix('[').and_then(|r| r.strip_suffix(']'));
    inner.is_some_and(is_note_number)
        || matches!(t, "-" | "*")
        || t.chars().count() == 1 && t.chars().all(|c| SOLID_BULLETS.contains(&c))
}

// ---------------------------------------------------------------------------------------
// Ends and starts of sentences

/// Punctuation that can end a sentence (CJK and Latin), including a closing quote or
/// bracket after it.
pub(crate) fn is_sentence_end(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '；' | '…' | '.' | '!' | '?' | ';' | '：' | ':'
    )
}

/// Closing quotes and brackets that may follow a sentence end.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '"' | '\'' | ']'
    )
}

/// Whether `line` ends a sentence (its last char, skipping closers, is sentence-final).
pub(crate) fn ends_sentence(line: &str) -> bool {
    let line = line.trim_end();
    line.chars()
        .rev()
        .find(|c| !is_closer(*c))
        .is_some_and(is_sentence_end)
        && !ends_with_abbreviation(line)
}

/// Latin abbreviations that introduce what follows and so never end a sentence: the text
/// goes on after them (`…on the component public instance, i.e.` / `this.`, `(a.k.a.` /
/// `key):`). Not `etc.`, which often does end one.
const INTRODUCING_ABBREVIATIONS: [&str; 8] = [
    "i.e.", "e.g.", "a.k.a.", "cf.", "vs.", "viz.", "incl.", "w.r.t.",
];

/// Whether `t` stops at one of [`INTRODUCING_ABBREVIATIONS`] (after any opening bracket).
fn ends_with_abbreviation(t: &str) -> bool {
    if !t.ends_with('.') {
        return false;
    }
    let last = t.rsplit(' ').next().unwrap_or("");
    let last = last.trim_start_matches(['(', '[', '"', '“', '（']);
    INTRODUCING_ABBREVIATIONS
        .iter()
        .any(|a| last.eq_ignore_ascii_case(a))
}

/// Punctuation after which a sentence certainly goes on: reflow joins the next line to it.
/// Narrower than [`ends_open`] (no `；`, `：`, hyphen): after those reflow weighs more
/// evidence (a colon may end a heading, a hyphen a word), while structure, seeing whole
/// paragraphs, knows a paragraph ending in one is not finished.
pub(crate) fn ends_mid_sentence(t: &str) -> bool {
    t.ends_with(['，', ',', '、', '“', '‘', '（', '(', '《', '—', '·', '／'])
}

/// English words that never end a paragraph, a heading or a list item: articles,
/// prepositions, conjunctions, auxiliaries. A line that stops at one (`Shallow version of` /
/// `readonly().`) goes on, whatever lies between (corpus, pdfminer short pastes of the
/// training split: 176 of 2,218 blank lines inside a paragraph follow one before a lower-case
/// line, and none of 5,515 blank lines between clean paragraphs).
const RUN_ON_WORDS: [&str; 58] = [
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "about", "into",
    "over", "under", "and", "or", "but", "nor", "as", "than", "that", "which", "who", "whose",
    "whom", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does",
    "did", "can", "could", "will", "would", "should", "may", "might", "must", "shall", "this",
    "these", "those", "its", "their", "our", "your", "if", "because",
];

/// Whether `t` stops at a word of [`RUN_ON_WORDS`] (in lower case, a whole word, after any
/// opening quote or bracket: `an early version ('the` / `Rust style guide')`) or at an
/// abbreviation that introduces what follows ([`INTRODUCING_ABBREVIATIONS`]).
pub(crate) fn ends_with_run_on_word(t: &str) -> bool {
    let last = t.rsplit(' ').next().unwrap_or("");
    let last = last.trim_start_matches(['(', '[', '"', '\'', '“', '‘', '（']);
    RUN_ON_WORDS.contains(&last) || ends_with_abbreviation(t)
}

/// A paragraph that ends with something that needs a continuation (see
/// [`ends_mid_sentence`] for the line-level test).
pub(crate) fn ends_open(s: &str) -> bool {
    s.trim_end().ends_with([
        '，', ',', '、', '；', ';', '：', ':', '-', '(', '（', '“', '《',
    ])
}

/// Chars that cannot open a sentence or heading: a line starting with one continues the
/// line before it.
pub(crate) fn is_continuation_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '”'
            | '’'
            | '」'
            | '』'
            | '】'
            | ','
            | '.'
            | ';'
            | ':'
            | ')'
            | '的'
            | '了'
            | '着'
            | '过'
            | '们'
            | '地'
            | '得'
            | '吗'
            | '呢'
            | '么'
            | '之'
    )
}

/// A comma, full stop or semicolon inside a paragraph (`，。；;`): a heading does not have
/// one, a sentence does.
pub(crate) fn has_sentence_punct(s: &str) -> bool {
    s.contains(['，', '。', '；', ';'])
}

/// Punctuation that separates clauses: a sentence end, a comma, an enumeration comma, a
/// semicolon or a colon (CJK and Latin).
pub(crate) fn is_clause_punct(c: char) -> bool {
    is_sentence_end(c) || matches!(c, '，' | ',' | '、' | '；' | ';' | '：' | ':')
}

// ---------------------------------------------------------------------------------------
// Openers and closers

/// Full-width opening quotes and brackets, after which text never has a space.
pub(crate) fn is_fullwidth_opener(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '「' | '『' | '《' | '〈' | '（' | '【' | '〔' | '〖' | '［' | '｛'
    )
}

/// Full-width closing quotes and brackets, before which text never has a space. Not
/// [`is_closer`], the closers that may follow a sentence end (half-width ones too).
pub(crate) fn is_fullwidth_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '》' | '〉' | '）' | '】' | '〕' | '〗' | '］' | '｝'
    )
}

/// A line holding only closing punctuation (`”`, `）。`): the end of the line before it.
pub(crate) fn is_lone_closer(t: &str) -> bool {
    !t.is_empty()
        && t.chars().all(|c| {
            matches!(
                c,
                '”' | '’'
                    | '」'
                    | '』'
                    | '）'
                    | ')'
                    | '》'
                    | '〉'
                    | '】'
                    | '。'
                    | '，'
                    | '、'
                    | '；'
                    | '：'
                    | '！'
                    | '？'
                    | '…'
            )
        })
}

/// Punctuation that marks running text (sentence ends, commas, double quotes): a line
/// holding none of it may be a heading. Wider than [`has_sentence_punct`], which structure
/// asks of whole paragraphs.
pub(crate) fn has_running_text_punct(t: &str) -> bool {
    t.chars()
        .any(|c| is_sentence_end(c) || matches!(c, '，' | ',' | '、' | '“' | '”' | '"'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contents_entry_has_leader_dots_or_a_tab_before_its_page_number() {
        assert!(is_contents_entry("一、总体要求…………………………1"));
        assert!(is_contents_entry("1.1 Scope ........................ 4"));
        assert!(is_contents_entry("Preface · · · · · · · · xii"));
        assert!(is_contents_entry("第二章 主要任务\t12"));
        // An ellipsis, a sentence, a table row or a page number alone is none.
        assert!(!is_contents_entry("他说……2"));
        assert!(!is_contents_entry("The total rose to 1,200 in 2024"));
        assert!(!is_contents_entry("项目\t金额\t100"));
        assert!(!is_contents_entry("........ 3"));
        assert!(!is_contents_entry("Introduction ........ 123456"));
    }

    #[test]
    fn a_line_stopping_at_an_article_or_a_preposition_runs_on() {
        assert!(ends_with_run_on_word("Shallow version of"));
        assert!(ends_with_run_on_word("learn more about the"));
        assert!(ends_with_run_on_word("an early version ('the"));
        assert!(ends_with_run_on_word("as (“a"));
        assert!(!ends_with_run_on_word("Use keyed v-for"));
        assert!(!ends_with_run_on_word("Of"));
        assert!(!ends_with_run_on_word("It is done."));
    }

    #[test]
    fn an_abbreviation_that_introduces_what_follows_ends_no_sentence() {
        assert!(!ends_sentence(
            "exposed on the component public instance, i.e."
        ));
        assert!(!ends_sentence(
            "a second alias for the property's name (a.k.a."
        ));
        assert!(ends_with_run_on_word("See the list, e.g."));
        assert!(ends_sentence("and so on, etc."));
        assert!(ends_sentence("It is done."));
    }

    #[test]
    fn the_page_break_mark_is_one_form_feed() {
        assert_eq!(PAGE_BREAK_TEXT, PAGE_BREAK.to_string());
    }

    #[test]
    fn solid_bullets_start_blocks_every_bullet_opens_a_list_item() {
        for c in BULLETS {
            let item = format!("{c} 第三项");
            assert_eq!(bullet_len(&item), Some(c.len_utf8()), "{item}");
            assert_eq!(
                starts_numbered_block(&item),
                SOLID_BULLETS.contains(&c),
                "{item}"
            );
            assert_eq!(is_lone_marker(&c.to_string()), SOLID_BULLETS.contains(&c));
        }
        assert_eq!(bullet_len("- item"), Some(1));
        assert_eq!(bullet_len("-item"), None);
        assert!(is_lone_marker("[12]") && !is_lone_marker("[1234]"));
    }

    #[test]
    fn block_starts_are_stricter_than_numbering() {
        // A chapter number must stand alone to start a block in reflow.
        assert!(starts_numbered_block("第三条 总则"));
        assert!(!starts_numbered_block("第九十三条规定的"));
        assert!(numbering("第九十三条规定的").is_some());
        // `1.7万` is a decimal, `1.1 Scope` a section number reflow leaves to structure.
        assert!(starts_numbered_block("1. 总体要求") && starts_numbered_block("一、总体要求"));
        assert!(!starts_numbered_block("1.7万名") && numbering("1.7万名").is_none());
        assert_eq!(numbering("1.1 Scope"), Some((Numbering::Dotted(2), 3)));
        assert!(!starts_numbered_block("1.1 Scope"));
        assert_eq!(
            numbering("（十二）其他"),
            Some((Numbering::CnParen, "（十二）".len()))
        );
    }

    #[test]
    fn open_ends_at_line_and_paragraph_level() {
        for t in ["如下，", "包括：", "“", "例如（"] {
            assert!(ends_open(t) || ends_mid_sentence(t), "{t}");
        }
        // A colon may end a heading line: reflow weighs it, structure knows the paragraph
        // goes on.
        assert!(ends_open("包括：") && !ends_mid_sentence("包括："));
        assert!(ends_mid_sentence("保罗·") && !ends_open("保罗·"));
        assert!(ends_sentence("发展。”") && ends_sentence("ok.") && !ends_sentence("大关,"));
    }

    #[test]
    fn punctuation_classes() {
        assert!(has_running_text_punct("他说“好”") && !has_sentence_punct("他说“好”"));
        assert!(has_sentence_punct("一，二") && has_running_text_punct("一，二"));
        assert!(is_clause_punct('：') && is_clause_punct('；') && !is_clause_punct('“'));
        assert!(is_closer('"') && !is_fullwidth_closer('"') && is_fullwidth_closer('〕'));
        assert!(is_fullwidth_opener('《') && is_lone_closer("）。") && !is_lone_closer("）a"));
        assert!(is_continuation_start('的') && !is_continuation_start('我'));
        assert_eq!(squash(" 第 1 页\t"), "第1页");
    }

    #[test]
    fn numbering_schemes() {
        for (p, scheme) in [
            ("一、指导思想", Numbering::CnComma),
            ("（一）统筹两个市场", Numbering::CnParen),
            ("1.拓展两个市场。", Numbering::Arabic),
            ("（1）细则", Numbering::ArabicParen),
            ("第三章 总则", Numbering::Chapter('章')),
        ] {
            assert_eq!(numbering(p).map(|n| n.0), Some(scheme), "{p}");
        }
        assert_eq!(numbering("1.7万个"), None);
        assert_eq!(numbering("2023年"), None);
    }
}

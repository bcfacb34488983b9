//! How two joined lines are glued: nothing between CJK text, one space between Latin words,
//! an end-of-line hyphen dropped or kept; and letter-spaced runs closed up.

use std::collections::HashSet;

use super::lines::{is_path_piece, Line};
use crate::edit::{Edit, FixKind};
use crate::spacing::MixedArtifacts;
use crate::text::{is_cjk, is_cjk_punct, is_han, is_kana};

/// Words shorter than this many bytes say nothing about hyphenation.
const MIN_WORD: usize = 2;
/// A version number cut at its dot is at most this long (`3.` of `3.x`, `10.`)…
const MAX_VERSION_HEAD: usize = 4;
/// …and what goes on after it at most this long (`x`, `rc1`).
const MAX_VERSION_TAIL: usize = 3;
/// A letter-spaced run has at least this many gaps in a row (fewer are ordinary spacing).
const MIN_SPACED_RUN: usize = 3;

/// Words of the document, lower-cased, for deciding what an end-of-line hyphen was: the
/// words (hyphenated compounds included) that appear whole inside a line.
pub(super) fn document_words(lines: &[Line<'_>]) -> HashSet<String> {
    let mut words = HashSet::new();
    for l in lines {
        let mut tokens = l
            .text
            .split(|c: char| !(c.is_alphabetic() || c == '-' || c == '\''))
            .peekable();
        while let Some(w) = tokens.next() {
            let last = tokens.peek().is_none();
            let w = w.trim_matches(['-', '\'']);
            if w.len() >= MIN_WORD && !(last && l.text.ends_with('-')) && !is_cjk_word(w) {
                words.insert(w.to_lowercase());
            }
        }
    }
    words
}

fn is_cjk_word(w: &str) -> bool {
    w.chars().any(|c| is_han(c) || is_kana(c))
}

/// Words that form hyphenated compounds with the word after them (`well-known`,
/// `non-trivial`, `self-hosted`): a line ending in one of them keeps its hyphen when the
/// document does not settle the question.
const COMPOUND_HEADS: &[&str] = &[
    "well", "non", "self", "anti", "multi", "cross", "high", "low", "long", "short", "full",
    "half", "all", "ill", "semi", "pre", "post", "co", "ex", "re", "sub", "inter", "intra", "open",
    "built", "user", "real", "one", "two", "three", "first", "second", "third", "third", "so",
    "hand", "life", "state", "long", "old", "world", "cutting", "data", "out", "off", "up", "down",
    "in", "on", "end", "mid", "mass", "far", "near", "top", "best", "least", "most", "ever",
    "never", "free", "time", "case",
];

/// How to glue the end of `prev` to the start of `next`.
pub(super) enum Glue {
    /// Join with this text in between.
    Join(&'static str),
    /// Drop the hyphen that ends `prev` and join with nothing.
    Dehyphenate,
}

/// How to glue `prev` to `next`. `mixed`: which spaces between CJK and Latin text are not the
/// writer's; where the writer puts them (`使用 WebRTC`, `从 2010 年`), a line break between the
/// two stands for one.
pub(super) fn joint(
    prev: &str,
    next: &str,
    words: &HashSet<String>,
    mixed: MixedArtifacts,
) -> Glue {
    let a = prev.chars().next_back().unwrap_or(' ');
    let b = next.chars().next().unwrap_or(' ');
    if a == '-' && prev.len() > 1 {
        let before = prev[..prev.len() - 1].chars().next_back().unwrap_or(' ');
        if before.is_alphabetic() && !is_cjk(before) && b.is_lowercase() {
            let head = prev[..prev.len() - 1]
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            let tail: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
            let joined = format!("{head}{tail}").to_lowercase();
            let hyphened = format!("{head}-{tail}").to_lowercase();
            let keep = words.contains(&hyphened)
                || !words.contains(&joined)
                    && COMPOUND_HEADS.contains(&head.to_lowercase().as_str());
            return if keep {
                Glue::Join("")
            } else {
                Glue::Dehyphenate
            };
        }
        if before.is_alphanumeric() {
            return Glue::Join("");
        }
    }
    // A URL cut at a path separator, a version number cut at its dot (`3.` / `x`).
    let last_token = prev.rsplit(' ').next().unwrap_or("");
    let first_token = next.split(' ').next().unwrap_or("");
    if last_token.contains("://")
        && last_token.ends_with(['/', '_', '.', '=', '?', '&', '#'])
        && is_path_piece(first_token)
        || a == '.'
            && last_token.len() <= MAX_VERSION_HEAD
            && last_token[..last_token.len() - 1]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit())
            && b.is_ascii_lowercase()
            && next
                .split(' ')
                .next()
                .is_some_and(|w| w.len() <= MAX_VERSION_TAIL)
    {
        return Glue::Join("");
    }
    // English curly quotes between Latin words (`an ideal, or` / `“virtual”, …`, `the “real”` /
    // `DOM`): a space, as between the words. Chinese quotes hold CJK text and join tight.
    let after_b = next.chars().nth(1);
    let before_a = prev.chars().rev().nth(1);
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if matches!(b, '“' | '‘')
        && (a.is_ascii_alphanumeric() || a.is_ascii_punctuation())
        && latin(after_b)
        || matches!(a, '”' | '’') && latin(before_a) && b.is_ascii_alphanumeric()
    {
        return Glue::Join(" ");
    }
    let ideo = |c: char| is_han(c) || is_kana(c);
    // The Latin char that meets the CJK text: a digit or a word's letter.
    let first = first_token.chars().find(char::is_ascii_alphanumeric);
    let last = last_token.chars().rev().find(char::is_ascii_alphanumeric);
    let spaced = |c: Option<char>| c.is_some_and(|c| !mixed.next_to(c));
    if ideo(a) && latin_start(first_token) && spaced(first)
        || latin_end(last_token) && ideo(b) && spaced(last)
    {
        Glue::Join(" ")
    } else if is_cjk(a) || is_cjk(b) || is_han(a) || is_han(b) {
        Glue::Join("")
    } else {
        Glue::Join(" ")
    }
}

/// ASCII that may close a Latin or code token before the writer's space to CJK text
/// (`inject() 将返回`, `<div> 元素`, `100% 的`): brackets, quotes, `%`. Not sentence
/// punctuation (`Vue。` has none; `Vue.` then CJK is a sentence end, not a space to keep).
const TOKEN_CLOSERS: &[char] = &[')', ']', '}', '>', '"', '\'', '%', '_', '*'];
/// ASCII that may open a Latin or code token after the writer's space from CJK text
/// (`使用 @click.self`, `在 .value 属性下`, `的 <template> 元素`, `用 #app`, `设 $attrs`).
const TOKEN_OPENERS: &[char] = &[
    '@', '#', '$', '<', '(', '[', '{', '.', '/', '~', '_', '"', '\'', '`',
];

/// The last token of a line ends Latin text or code: a letter or digit, or a closer after
/// one (`inject()`).
fn latin_end(token: &str) -> bool {
    match token.chars().next_back() {
        Some(c) if c.is_ascii_alphanumeric() => true,
        Some(c) if TOKEN_CLOSERS.contains(&c) => token.chars().any(|c| c.is_ascii_alphanumeric()),
        _ => false,
    }
}

/// The first token of a line starts Latin text or code: a letter or digit, or an opener
/// before one (`@click.self`, `.value`).
fn latin_start(token: &str) -> bool {
    let mut chars = token.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphanumeric() => true,
        Some(c) if TOKEN_OPENERS.contains(&c) => chars
            .take_while(|c| c.is_ascii_graphic())
            .any(|c| c.is_ascii_alphanumeric()),
        _ => false,
    }
}

/// Spaces inside a letter-spaced run (`这 地 总 体 地 力`): single spaces between single CJK
/// chars, when at least three such gaps come in a row. A run is closed up as one fix, from
/// its first space to its last (one per gap made a fix and a tracked segment per char).
///
/// In a letter-spaced line (justified type spaced out gap by gap, [`Line::letter_spaced`])
/// every single space between two CJK chars is letter spacing, and so is one between an
/// ASCII closing bracket and CJK punctuation (`扩 展   ( 之 前 是   Volar) 。 该 插 件`: the
/// corpus's pdfminer cases left `扩 展` and `之 前 是`, too short to be runs). A writer's
/// space there came out wider and stays for the spacing stage.
pub(super) fn letter_spacing(line: &Line<'_>, edits: &mut Vec<Edit>) {
    let t = line.text;
    if !t.contains(' ') {
        return;
    }
    // The gaps of the current run: each space's byte range.
    let mut run: Vec<(usize, usize)> = Vec::new();
    let min_run = if line.letter_spaced {
        1
    } else {
        MIN_SPACED_RUN
    };
    let flush = |run: &mut Vec<(usize, usize)>, edits: &mut Vec<Edit>| {
        if let (Some(&(first, _)), Some(&(_, last)), true) =
            (run.first(), run.last(), run.len() >= min_run)
        {
            let closed: String = run.windows(2).map(|w| &t[w[0].1..w[1].0]).collect();
            edits.push(Edit::replace(
                line.text_start + first..line.text_start + last,
                closed,
                FixKind::LetterSpacing,
            ));
        }
        run.clear();
    };
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let mut i = 1;
    while i + 1 < chars.len() {
        let (at, c) = chars[i];
        let (before, after) = (chars[i - 1].1, chars[i + 1].1);
        let single = c == ' ' && before != ' ' && after != ' ';
        if line.letter_spaced && single && spaced_gap(before, after) {
            // The run goes on only when this gap follows the last one by a single char.
            if run.last().is_some_and(|&(_, end)| end != chars[i - 1].0) {
                flush(&mut run, edits);
            }
            run.push((at, chars[i + 1].0));
            i += 2;
            continue;
        }
        if c == ' ' && after != ' ' && is_cjk(before) && is_cjk(after) {
            // Single CJK char on each side: the one before is preceded by a space (or the
            // run's start), the one after is followed by a space or the line end.
            let next = chars.get(i + 2).map(|&(_, c)| c);
            let single_after = next.is_none_or(|c| c == ' ');
            if single_after || !run.is_empty() {
                run.push((at, chars[i + 1].0));
                if !single_after {
                    flush(&mut run, edits);
                }
            } else {
                flush(&mut run, edits);
            }
            i += 2;
            continue;
        }
        if c == ' ' {
            flush(&mut run, edits);
        }
        i += 1;
    }
    flush(&mut run, edits);
}

/// Whether a single space between `a` and `b` in a letter-spaced line is letter spacing.
fn spaced_gap(a: char, b: char) -> bool {
    is_cjk(a) && is_cjk(b) || matches!(a, ')' | ']') && is_cjk_punct(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glue(prev: &str, next: &str, words: &[&str]) -> String {
        let words = words.iter().map(|w| w.to_string()).collect();
        match joint(prev, next, &words, MixedArtifacts::both(true)) {
            Glue::Join(g) => format!("{prev}{g}{next}"),
            Glue::Dehyphenate => format!("{}{next}", &prev[..prev.len() - 1]),
        }
    }

    #[test]
    fn hyphens_go_unless_the_document_or_a_compound_head_keeps_them() {
        assert_eq!(glue("docu-", "mented", &[]), "documented");
        assert_eq!(glue("well-", "known", &[]), "well-known");
        // The document writes the joined word: the hyphen only split it.
        assert_eq!(glue("re-", "lease", &["release"]), "release");
        // The document writes the hyphenated form.
        assert_eq!(glue("cutt-", "ing", &["cutt-ing"]), "cutt-ing");
        // Upper case or a digit after it: a compound with a name (`non-` / `CPython`).
        assert_eq!(glue("non-", "CPython", &[]), "non-CPython");
    }

    #[test]
    fn a_code_token_beside_cjk_keeps_the_writer_s_space() {
        let glued = |prev: &str, next: &str, words: bool, digits: bool| match joint(
            prev,
            next,
            &HashSet::new(),
            MixedArtifacts {
                words: !words,
                digits: !digits,
            },
        ) {
            Glue::Join(g) => format!("{prev}{g}{next}"),
            Glue::Dehyphenate => unreachable!(),
        };
        let spaced = |prev: &str, next: &str| glued(prev, next, true, true);
        assert_eq!(
            spaced("如果没有匹配到值，inject()", "将返回"),
            "如果没有匹配到值，inject() 将返回"
        );
        assert_eq!(
            spaced("因此使用", "@click.prevent.self 会"),
            "因此使用 @click.prevent.self 会"
        );
        assert_eq!(spaced("并在", ".value 属性下"), "并在 .value 属性下");
        assert_eq!(spaced("使用 Vue", "开发"), "使用 Vue 开发");
        // Sentence punctuation and a lone symbol are not code.
        assert_eq!(spaced("使用 Vue.", "然后"), "使用 Vue.然后");
        assert_eq!(spaced("例如", "(一)"), "例如(一)");
        // Without the writer's spaces nothing changes.
        assert_eq!(glue("inject()", "将返回", &[]), "inject()将返回");
        // A writer who spaces words but sets numbers tight (`使用 Vue`, `7月16日`).
        assert_eq!(glued("每个", "Vue 组件", true, false), "每个 Vue 组件");
        assert_eq!(glued("本报杭州7", "月16日", true, false), "本报杭州7月16日");
        assert_eq!(glued("共", "20 家", true, false), "共20 家");
    }

    #[test]
    fn english_curly_quotes_join_with_a_space() {
        assert_eq!(
            glue("an ideal, or", "“virtual”, representation", &[]),
            "an ideal, or “virtual”, representation"
        );
        assert_eq!(
            glue("synced with the “real”", "DOM.", &[]),
            "synced with the “real” DOM."
        );
        assert_eq!(glue("the users’", "data", &[]), "the users’ data");
        // Chinese quotes join tight, whatever stands before them.
        assert_eq!(glue("他说", "“你好”", &[]), "他说“你好”");
        assert_eq!(glue("使用 Vue", "“组件”", &[]), "使用 Vue“组件”");
        assert_eq!(glue("“组件”", "API", &[]), "“组件”API");
    }

    #[test]
    fn cjk_joins_with_nothing_latin_with_a_space() {
        assert_eq!(glue("中文", "继续", &[]), "中文继续");
        assert_eq!(glue("some", "words", &[]), "some words");
        assert_eq!(glue("Python 3.", "x", &[]), "Python 3.x");
        assert_eq!(
            glue("https://example.org/a/", "b/c.html", &[]),
            "https://example.org/a/b/c.html"
        );
    }
}

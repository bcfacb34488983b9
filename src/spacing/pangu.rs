//! The pangu option: text → text spaced as pangu.js 9.1 (`spacingText`) spaces it, rule for
//! rule and in the same order, over chars that remember where they came from so that every
//! change is a tracked edit. After pangu.js (MIT, Copyright (c) 2013 Vinta;
//! `licenses/LICENSE.pangu.js`, THIRD_PARTY.md).
//!
//! What is left out on purpose (README.md, "Deliberate differences"): HTML tags, file paths
//! and backtick code, which pasted prose does not hold.

use crate::edit::{Edit, FixKind};

/// pangu.js's CJK: radicals, kana (without the middle dot `・`), bopomofo, enclosed CJK and the
/// ideographs. Not CJK punctuation, not Hangul.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2EFF | 0x2F00..=0x2FDF | 0x3040..=0x309F | 0x30A0..=0x30FA | 0x30FC..=0x30FF
        | 0x3100..=0x312F | 0x3200..=0x32FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

fn is_an(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Letters, digits and symbols that take a space after CJK (pangu's `ANS_CJK_AFTER`).
fn is_ans_after_cjk(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '@' | '$' | '%' | '^' | '&' | '*' | '-' | '+' | '\\' | '='
        )
        || matches!(c as u32, 0x370..=0x3FF | 0xA1..=0xFF | 0x2150..=0x218F | 0x2700..=0x27BF)
}

/// … and before CJK (`ANS_BEFORE_CJK`): the same without `@` (a mention binds to what follows).
fn is_ans_before_cjk(c: char) -> bool {
    c != '@' && is_ans_after_cjk(c)
}

fn is_quote(c: char) -> bool {
    matches!(c, '`' | '"' | '\u{5F4}')
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// A char of the text being spaced, and its byte offset in the input (`None` when inserted).
#[derive(Debug, Clone, Copy)]
pub(super) struct Ch {
    pub(super) c: char,
    pub(super) from: Option<usize>,
    /// Inside a hyphenated compound (`state-of-the-art`, `GPT-4o`): the operator rules do
    /// not see it, as pangu hides it behind a placeholder.
    pub(super) hidden: bool,
}

/// The text being spaced.
pub(super) struct Text {
    pub(super) v: Vec<Ch>,
}

impl Text {
    pub(super) fn c(&self, k: usize) -> Option<char> {
        self.v.get(k).map(|x| x.c)
    }

    /// The char at `k` as the rules see it: a hidden char matches no class.
    pub(super) fn vis(&self, k: usize) -> char {
        match self.v.get(k) {
            Some(x) if !x.hidden => x.c,
            Some(_) => '\u{E010}',
            None => '\0',
        }
    }

    fn at(&self, k: isize) -> char {
        if k < 0 {
            '\0'
        } else {
            self.vis(k as usize)
        }
    }

    /// Inserts a space before each position in `at` (ascending, deduplicated).
    pub(super) fn insert_spaces(&mut self, at: &[usize]) {
        if at.is_empty() {
            return;
        }
        let mut out = Vec::with_capacity(self.v.len() + at.len());
        let mut next = at.iter().peekable();
        for (k, x) in self.v.iter().enumerate() {
            while next.peek().is_some_and(|&&p| p == k) {
                next.next();
                if out.last().is_none_or(|l: &Ch| l.c != ' ') && x.c != ' ' {
                    out.push(Ch {
                        c: ' ',
                        from: None,
                        hidden: x.hidden,
                    });
                }
            }
            out.push(*x);
        }
        self.v = out;
    }

    /// Puts a space before every `k` where `f(k)` holds.
    pub(super) fn space_before(&mut self, f: impl Fn(&Text, usize) -> bool) {
        let at: Vec<usize> = (1..self.v.len()).filter(|&k| f(self, k)).collect();
        self.insert_spaces(&at);
    }

    /// Removes the chars at the positions in `at`.
    pub(super) fn remove(&mut self, at: &[usize]) {
        if at.is_empty() {
            return;
        }
        let mut drop = at.iter().peekable();
        let mut k = 0;
        self.v.retain(|_| {
            let gone = drop.peek().is_some_and(|&&p| p == k);
            if gone {
                while drop.peek().is_some_and(|&&p| p == k) {
                    drop.next();
                }
            }
            k += 1;
            !gone
        });
    }

    /// Spaces at `k..` and before `k`.
    pub(super) fn spaces_from(&self, k: usize) -> usize {
        self.v[k..].iter().take_while(|x| x.c == ' ').count()
    }
}

/// The edits that space `s` as pangu.js does.
pub(crate) fn plan(s: &str) -> Vec<Edit> {
    if s.chars().nth(1).is_none() || !s.chars().any(is_cjk) {
        return Vec::new();
    }
    let mut t = Text::new(s);
    space(&mut t);
    edits(s, &t)
}

impl Text {
    /// The chars of `s`, each knowing its byte offset.
    pub(super) fn new(s: &str) -> Text {
        Text {
            v: s.char_indices()
                .map(|(i, c)| Ch {
                    c,
                    from: Some(i),
                    hidden: false,
                })
                .collect(),
        }
    }
}

fn space(t: &mut Text) {
    // Runs of dots and ellipses before CJK.
    t.space_before(|t, k| {
        is_cjk(t.vis(k))
            && (t.vis(k - 1) == '…' || t.vis(k - 1) == '.' && k >= 2 && t.vis(k - 2) == '.')
    });
    // CJK then `!;,?:` then CJK or a letter or digit: a space after the run.
    punct_run_after(
        t,
        |c| matches!(c, '!' | ';' | ',' | '?' | ':'),
        true,
        |n| is_cjk(n) || is_an(n),
    );
    // A run of `!;,?` right before CJK: a space after it, whatever precedes.
    punct_run_after(t, |c| matches!(c, '!' | ';' | ',' | '?'), false, is_cjk);
    // Tildes after CJK (not `~=`).
    tilde(t);
    // CJK then `.` then CJK.
    t.space_before(|t, k| {
        is_cjk(t.vis(k)) && t.vis(k - 1) == '.' && k >= 2 && is_cjk(t.vis(k - 2))
    });
    // A letter or digit, then `.` or `:`, then CJK.
    t.space_before(|t, k| {
        is_cjk(t.vis(k)) && matches!(t.vis(k - 1), '.' | ':') && k >= 2 && is_an(t.vis(k - 2))
    });
    // CJK `:` then `(`, a capital or a digit: the colon is a Chinese one.
    for k in 1..t.v.len() {
        if t.vis(k) == ':'
            && is_cjk(t.vis(k - 1))
            && t.c(k + 1)
                .is_some_and(|n| n.is_ascii_uppercase() || n.is_ascii_digit() || "()".contains(n))
        {
            t.v[k].c = '：';
            t.v[k].from = None;
        }
    }
    // Straight quotes against CJK.
    t.space_before(|t, k| {
        is_cjk(t.vis(k - 1)) && is_quote(t.vis(k)) || is_quote(t.vis(k - 1)) && is_cjk(t.vis(k))
    });
    fix_quote_pairs(t);
    // `”` then a letter or digit; CJK `"` letter: the quote closes a CJK phrase.
    t.space_before(|t, k| {
        is_an(t.vis(k))
            && (t.vis(k - 1) == '”' || t.vis(k - 1) == '"' && k >= 2 && is_cjk(t.vis(k - 2)))
    });
    // No space before a possessive `'s`.
    let possessive: Vec<usize> = (1..t.v.len())
        .filter(|&k| {
            t.vis(k) == ' '
                && t.c(k + 1) == Some('\'')
                && t.c(k + 2) == Some('s')
                && (is_an(t.vis(k - 1)) || is_cjk(t.vis(k - 1)))
        })
        .collect();
    t.remove(&possessive);
    single_quotes(t);
    hashtags(t);
    hide_compounds(t);
    // A one-letter grade before CJK (`A+ 級`): the space after the symbol.
    t.space_before(|t, k| {
        is_cjk(t.vis(k))
            && matches!(t.vis(k - 1), '+' | '-' | '*')
            && k >= 2
            && t.vis(k - 2).is_ascii_alphabetic()
            && !(k >= 3 && is_word(t.vis(k - 3)))
    });
    // A sign or a flag binds to what follows (`-5`, `-m`), a `+` suffix to what precedes
    // (`Disney+`).
    t.space_before(|t, k| {
        matches!(t.vis(k), '+' | '-')
            && is_cjk(t.vis(k - 1))
            && t.c(k + 1).is_some_and(|n| n.is_ascii_digit())
    });
    t.space_before(|t, k| {
        t.vis(k) == '-'
            && is_cjk(t.vis(k - 1))
            && t.c(k + 1).is_some_and(|n| n.is_ascii_lowercase())
            && !t.c(k + 2).is_some_and(is_word)
    });
    t.space_before(|t, k| is_cjk(t.vis(k)) && t.vis(k - 1) == '+' && k >= 2 && is_an(t.vis(k - 2)));
    // Operators between CJK and letters or digits take a space on both sides.
    operator(
        t,
        |c| matches!(c, '+' | '*' | '=' | '&' | '-'),
        is_cjk,
        is_an,
    );
    operator(t, |c| matches!(c, '*' | '=' | '&' | '-'), is_an, is_cjk);
    operator(t, |c| c == '<', is_cjk, is_an);
    operator(t, |c| c == '<', is_an, is_cjk);
    operator(t, |c| c == '>', is_cjk, is_an);
    operator(t, |c| c == '>', is_an, is_cjk);
    per_line(t, slash_line);
    per_line(t, pipe_line);
    per_line(t, plus_line);
    fix_quote_pairs(t);
    for x in &mut t.v {
        x.hidden = false;
    }
    // Brackets and curly quotes against CJK.
    t.space_before(|t, k| {
        is_cjk(t.vis(k - 1)) && matches!(t.vis(k), '(' | '[' | '{' | '<' | '>' | '“')
            || matches!(t.vis(k - 1), ')' | ']' | '}' | '<' | '>' | '”') && is_cjk(t.vis(k))
    });
    curly_quote_pairs(t);
    // A letter or digit before an opening bracket (not a dotted name's call: `a.map(`), a
    // closing bracket before one.
    t.space_before(|t, k| {
        matches!(t.vis(k), '(' | '[' | '{') && is_an(t.vis(k - 1)) && !dotted_name(t, k - 1)
            || matches!(t.vis(k - 1), ')' | ']' | '}') && is_an(t.vis(k))
    });
    // CJK against letters, digits and symbols.
    t.space_before(|t, k| {
        is_cjk(t.vis(k - 1)) && is_ans_after_cjk(t.vis(k))
            || is_ans_before_cjk(t.vis(k - 1)) && is_cjk(t.vis(k))
            || t.vis(k - 1) == '%' && t.vis(k).is_ascii_alphabetic()
    });
    middle_dots(t);
    bracket_insides(t);
}

/// Puts a space after each run of `punct` chars that is followed by a char `next` accepts
/// (and, if `after_cjk`, preceded by CJK).
fn punct_run_after(
    t: &mut Text,
    punct: impl Fn(char) -> bool,
    after_cjk: bool,
    next: impl Fn(char) -> bool,
) {
    let mut at = Vec::new();
    let mut k = 0;
    while k < t.v.len() {
        if !punct(t.vis(k)) {
            k += 1;
            continue;
        }
        let start = k;
        while k < t.v.len() && punct(t.vis(k)) {
            k += 1;
        }
        let before_ok = !after_cjk || start > 0 && is_cjk(t.vis(start - 1));
        if before_ok && k < t.v.len() && next(t.vis(k)) {
            at.push(k);
        }
    }
    t.insert_spaces(&at);
}

fn tilde(t: &mut Text) {
    let mut at = Vec::new();
    let mut k = 1;
    while k < t.v.len() {
        if t.vis(k) != '~' || !is_cjk(t.vis(k - 1)) {
            k += 1;
            continue;
        }
        let start = k;
        while k < t.v.len() && t.vis(k) == '~' {
            k += 1;
        }
        match t.c(k) {
            // `~=`: a space on both sides.
            Some('=') if k == start + 1 => {
                at.push(start);
                at.push(k + 1);
            }
            Some(n) if n != '=' && (is_cjk(n) || is_an(n)) => at.push(k),
            _ => {}
        }
    }
    at.retain(|&p| p < t.v.len());
    t.insert_spaces(&at);
}

/// Pairs straight quotes left to right and strips the spaces just inside each pair.
fn fix_quote_pairs(t: &mut Text) {
    let mut drop = Vec::new();
    let mut k = 0;
    while k < t.v.len() {
        if !is_quote(t.vis(k)) {
            k += 1;
            continue;
        }
        while k < t.v.len() && is_quote(t.vis(k)) {
            k += 1;
        }
        let open_end = k;
        let inner = t.spaces_from(open_end);
        // The content: at least one char, up to the next quote run.
        let content = open_end + inner;
        let Some(close) = (content + 1..t.v.len()).find(|&j| is_quote(t.vis(j))) else {
            break;
        };
        drop.extend(open_end..content);
        let mut j = close;
        while j > content + 1 && t.vis(j - 1) == ' ' {
            j -= 1;
            drop.push(j);
        }
        k = close;
        while k < t.v.len() && is_quote(t.vis(k)) {
            k += 1;
        }
    }
    drop.sort_unstable();
    t.remove(&drop);
}

/// Which chars belong to a `'…'` pair around pure CJK, which stays tight.
fn pure_cjk_single_quotes(t: &Text) -> Vec<bool> {
    let n = t.v.len();
    let mut pure = vec![false; n];
    let mut k = 0;
    while k < n {
        if t.vis(k) == '\'' {
            let mut j = k + 1;
            while j < n && is_cjk(t.vis(j)) {
                j += 1;
            }
            if j > k + 1 && j < n && t.vis(j) == '\'' {
                pure[k..=j].iter_mut().for_each(|p| *p = true);
                k = j + 1;
                continue;
            }
        }
        k += 1;
    }
    pure
}

/// CJK `'x` (not a possessive `'s`) and `'` CJK take a space, but not a `'…'` pair around
/// pure CJK.
fn single_quotes(t: &mut Text) {
    let pure = pure_cjk_single_quotes(t);
    t.space_before(|t, k| {
        !pure[k]
            && t.vis(k) == '\''
            && is_cjk(t.vis(k - 1))
            && !pure[k - 1]
            && t.c(k + 1).is_some_and(|n| n != 's')
    });
    let pure = pure_cjk_single_quotes(t);
    let at: Vec<usize> = (1..t.v.len())
        .filter(|&k| t.vis(k - 1) == '\'' && is_cjk(t.vis(k)) && !pure[k])
        .collect();
    t.insert_spaces(&at);
}

fn hashtags(t: &mut Text) {
    if t.v.len() >= 5 {
        // CJK #CJK# CJK: a space outside the pair.
        let mut at = Vec::new();
        let mut k = 1;
        while k < t.v.len() {
            if t.vis(k) == '#' && is_cjk(t.vis(k - 1)) {
                let mut j = k + 1;
                while j < t.v.len() && is_cjk(t.vis(j)) {
                    j += 1;
                }
                if j > k + 1 && t.vis(j) == '#' && is_cjk(t.vis(j + 1)) {
                    at.push(k);
                    at.push(j + 1);
                    k = j + 2;
                    continue;
                }
            }
            k += 1;
        }
        t.insert_spaces(&at);
    }
    let slashes = |t: &Text, lo: usize, hi: usize| (lo..hi).filter(|&k| t.vis(k) == '/').count();
    let blank = |c: char| c == ' ' || c == '\u{A0}';
    // CJK `#tag`: a space before the hash; then `x#` CJK: a space after it.
    per_line(t, |t, lo, hi| {
        if slashes(t, lo, hi) > 1 {
            return final_hashtag(t, lo, hi);
        }
        (lo + 1..hi)
            .filter(|&k| {
                t.vis(k) == '#' && is_cjk(t.vis(k - 1)) && k + 1 < hi && !blank(t.vis(k + 1))
            })
            .collect()
    });
    per_line(t, |t, lo, hi| {
        if slashes(t, lo, hi) > 1 {
            return Vec::new();
        }
        (lo + 2..hi)
            .filter(|&k| is_cjk(t.vis(k)) && t.vis(k - 1) == '#' && !blank(t.vis(k - 2)))
            .collect()
    });
}

/// In a line read as a path (several slashes), only a final `#tag` after CJK is spaced.
fn final_hashtag(t: &Text, lo: usize, hi: usize) -> Vec<usize> {
    let mut k = hi;
    while k > lo && is_an(t.vis(k - 1)) {
        k -= 1;
    }
    if k < hi && k > lo + 2 && t.vis(k - 1) == '#' && is_cjk(t.vis(k - 2)) && t.vis(k - 3) != '/' {
        return vec![k - 1];
    }
    Vec::new()
}

/// Marks hyphenated compounds (`state-of-the-art`, `GPT-4o`, `claude-4-opus`): a part has a
/// lowercase letter, or letters meet digits across the hyphen. `ABC-DEF` is not one.
fn hide_compounds(t: &mut Text) {
    let n = t.v.len();
    let mut k = 0;
    while k < n {
        if !is_an(t.vis(k)) || k > 0 && is_word(t.vis(k - 1)) {
            k += 1;
            continue;
        }
        // Parts of letters and digits joined by single hyphens.
        let mut parts: Vec<(usize, usize)> = Vec::new();
        let mut j = k;
        loop {
            let s = j;
            while j < n && is_an(t.vis(j)) {
                j += 1;
            }
            parts.push((s, j));
            if j + 1 < n && t.vis(j) == '-' && is_an(t.vis(j + 1)) {
                j += 1;
            } else {
                break;
            }
        }
        let end = j;
        if parts.len() >= 2 && !(end < n && is_word(t.vis(end))) {
            let part = |p: (usize, usize)| (p.0..p.1).map(|i| t.vis(i)).collect::<Vec<char>>();
            let (a, b) = (part(parts[0]), part(parts[1]));
            let lower = |p: &[char]| p.iter().any(|c| c.is_ascii_lowercase());
            let letters = |p: &[char]| p.iter().all(|c| c.is_ascii_alphabetic());
            let digits = |p: &[char]| p.iter().all(|c| c.is_ascii_digit());
            let letters_digits = |p: &[char]| {
                let split = p.iter().position(|c| c.is_ascii_digit()).unwrap_or(p.len());
                split > 0 && split < p.len() && letters(&p[..split]) && digits(&p[split..])
            };
            let compound =
                lower(&a) || lower(&b) || letters(&a) && digits(&b) || letters_digits(&a);
            if compound {
                for x in &mut t.v[k..end] {
                    x.hidden = true;
                }
            }
        }
        k = end.max(k + 1);
    }
}

/// `left` then an operator then `right`: a space on both sides of the operator.
fn operator(
    t: &mut Text,
    op: impl Fn(char) -> bool,
    left: impl Fn(char) -> bool,
    right: impl Fn(char) -> bool,
) {
    let mut at = Vec::new();
    let mut k = 1;
    while k + 1 < t.v.len() {
        if op(t.vis(k)) && left(t.vis(k - 1)) && right(t.vis(k + 1)) {
            at.push(k);
            at.push(k + 1);
            k += 2;
        } else {
            k += 1;
        }
    }
    t.insert_spaces(&at);
}

/// Runs `f` on each line (`lo..hi`, without the newline); `f` returns where to put spaces.
fn per_line(t: &mut Text, f: impl Fn(&Text, usize, usize) -> Vec<usize>) {
    let mut at = Vec::new();
    let mut lo = 0;
    while lo <= t.v.len() {
        let hi = (lo..t.v.len())
            .find(|&k| t.v[k].c == '\n')
            .unwrap_or(t.v.len());
        at.extend(f(t, lo, hi));
        lo = hi + 1;
    }
    at.sort_unstable();
    at.dedup();
    t.insert_spaces(&at);
}

/// A line's only slash between CJK, or between CJK and a letter or digit, is an operator.
fn slash_line(t: &Text, lo: usize, hi: usize) -> Vec<usize> {
    let slashes: Vec<usize> = (lo..hi).filter(|&k| t.vis(k) == '/').collect();
    let [k] = slashes[..] else {
        return Vec::new();
    };
    if k == lo || k + 1 >= hi {
        return Vec::new();
    }
    let (a, b) = (t.vis(k - 1), t.vis(k + 1));
    if is_cjk(a) && (is_cjk(b) || is_an(b)) || is_an(a) && is_cjk(b) {
        vec![k, k + 1]
    } else {
        Vec::new()
    }
}

/// A pipe touching CJK makes every pipe of the line a separator, spaced on both sides.
fn pipe_line(t: &Text, lo: usize, hi: usize) -> Vec<usize> {
    let touches = (lo..hi).any(|k| {
        t.vis(k) == '|' && (k > lo && is_cjk(t.vis(k - 1)) || k + 1 < hi && is_cjk(t.vis(k + 1)))
    });
    if !touches {
        return Vec::new();
    }
    let mut at = Vec::new();
    let mut k = lo;
    while k < hi {
        if t.vis(k) != '|' {
            k += 1;
            continue;
        }
        let start = k;
        while k < hi && t.vis(k) == '|' {
            k += 1;
        }
        let before = (lo..start).rev().find(|&i| t.vis(i) != ' ');
        let after = (k..hi).find(|&i| t.vis(i) != ' ');
        let solid =
            |i: Option<usize>| i.is_some_and(|i| !t.vis(i).is_whitespace() && t.vis(i) != '|');
        if solid(before) && solid(after) {
            if start == 0 || t.vis(start - 1) != ' ' {
                at.push(start);
            }
            if t.vis(k) != ' ' {
                at.push(k);
            }
        }
    }
    at
}

/// A `+` touching CJK makes every lone `+` of the line a separator, spaced on both sides.
fn plus_line(t: &Text, lo: usize, hi: usize) -> Vec<usize> {
    let touches = (lo..hi).any(|k| {
        t.vis(k) == '+' && (k > lo && is_cjk(t.vis(k - 1)) || k + 1 < hi && is_cjk(t.vis(k + 1)))
    });
    if !touches {
        return Vec::new();
    }
    let solid = |c: char| !c.is_whitespace() && c != '+' && c != '\0';
    let mut at = Vec::new();
    for k in lo + 1..hi.saturating_sub(1) {
        if t.vis(k) == '+' && solid(t.vis(k - 1)) && solid(t.vis(k + 1)) {
            at.push(k);
            at.push(k + 1);
        }
    }
    at
}

/// Curly-quote pairs: one space before `“…”` after a word, one after it before a word; and a
/// `”…”` pair typed with two closing quotes treated as `“…”`.
fn curly_quote_pairs(t: &mut Text) {
    let simple = |c: char| is_an(c) || is_cjk(c) || matches!(c, '-' | '_' | ' ');
    let word = |c: char| is_an(c) || is_cjk(c);
    let n = t.v.len();
    let mut at = Vec::new();
    let mut drop = Vec::new();
    let mut open_double = false;
    let mut k = 0;
    while k < n {
        let c = t.vis(k);
        if c == '\n' {
            open_double = false;
        }
        if c == '“' || c == '”' && !open_double {
            // Find the closing `”` with simple content.
            let mut j = k + 1;
            while j < n && simple(t.vis(j)) {
                j += 1;
            }
            if j > k + 1 && j < n && t.vis(j) == '”' {
                // Before the pair.
                let mut b = k;
                while b > 0 && t.vis(b - 1) == ' ' {
                    b -= 1;
                }
                if b > 0 && word(t.vis(b - 1)) {
                    if b == k {
                        at.push(k);
                    } else {
                        drop.extend(b + 1..k);
                    }
                }
                if c == '”' {
                    // The content's spaces at both ends go.
                    drop.extend(k + 1..k + 1 + t.spaces_from(k + 1).min(j - k - 1));
                    let mut e = j;
                    while e > k + 1 && t.vis(e - 1) == ' ' {
                        e -= 1;
                        drop.push(e);
                    }
                }
                // After a `“…”` pair.
                let a = j + 1 + t.spaces_from(j + 1);
                if c == '“' && a < n && word(t.vis(a)) {
                    if a == j + 1 {
                        at.push(a);
                    } else {
                        drop.extend(j + 2..a);
                    }
                }
                k = j + 1;
                open_double = false;
                continue;
            }
            if c == '“' {
                open_double = true;
            }
        } else if c == '”' {
            open_double = false;
        }
        k += 1;
    }
    let mut marks = vec![false; n];
    for &d in &drop {
        marks[d] = true;
    }
    at.sort_unstable();
    at.dedup();
    let v = std::mem::take(&mut t.v);
    let mut out = Vec::with_capacity(n + at.len());
    let mut next = at.iter().peekable();
    for (k, x) in v.into_iter().enumerate() {
        if next.peek().is_some_and(|&&p| p == k) {
            next.next();
            out.push(Ch {
                c: ' ',
                from: None,
                hidden: false,
            });
        }
        if !marks[k] {
            out.push(x);
        }
    }
    t.v = out;
}

/// Whether the letters and digits ending at `k` follow a dot (`array.map`).
fn dotted_name(t: &Text, k: usize) -> bool {
    let mut i = k as isize;
    while i >= 0 && is_an(t.at(i)) {
        i -= 1;
    }
    t.at(i) == '.'
}

/// `·`, `•` and `‧` with the spaces around them become `・`.
fn middle_dots(t: &mut Text) {
    let mut out = Vec::with_capacity(t.v.len());
    let v = std::mem::take(&mut t.v);
    let mut k = 0;
    while k < v.len() {
        let mut j = k;
        while j < v.len() && v[j].c == ' ' {
            j += 1;
        }
        if j < v.len() && matches!(v[j].c, '·' | '•' | '‧') {
            let mut e = j + 1;
            while e < v.len() && v[e].c == ' ' {
                e += 1;
            }
            out.push(Ch {
                c: '・',
                from: None,
                hidden: false,
            });
            k = e;
            continue;
        }
        out.extend_from_slice(&v[k..j.max(k + 1).min(v.len())]);
        k = j.max(k + 1);
    }
    t.v = out;
}

/// No space just inside an innermost `<>`, `()`, `[]` or `{}` pair.
fn bracket_insides(t: &mut Text) {
    for (open, close) in [('<', '>'), ('(', ')'), ('[', ']'), ('{', '}')] {
        let mut drop = Vec::new();
        let mut last_open: Option<usize> = None;
        for k in 0..t.v.len() {
            let c = t.v[k].c;
            if c == open {
                last_open = Some(k);
            } else if c == close {
                if let Some(o) = last_open.take() {
                    let lead = t.spaces_from(o + 1).min(k - o - 1);
                    drop.extend(o + 1..o + 1 + lead);
                    let mut e = k;
                    while e > o + 1 + lead && t.v[e - 1].c == ' ' {
                        e -= 1;
                        drop.push(e);
                    }
                }
            }
        }
        drop.sort_unstable();
        drop.dedup();
        t.remove(&drop);
    }
}

/// The edits that turn `s` into the spaced text: each stretch of inserted chars and dropped
/// input chars becomes one edit.
pub(super) fn edits(s: &str, t: &Text) -> Vec<Edit> {
    let mut out = Vec::new();
    let mut pos = 0; // Byte offset in `s` up to which the input is accounted for.
    let mut added = String::new();
    let flush = |out: &mut Vec<Edit>, pos: usize, end: usize, added: &mut String| {
        if pos == end && added.is_empty() {
            return;
        }
        let removed = &s[pos..end];
        let kind = if removed.trim_matches(' ').is_empty() && added.trim_matches(' ').is_empty() {
            if added.is_empty() {
                FixKind::SpaceRemoved
            } else {
                FixKind::SpaceAdded
            }
        } else {
            FixKind::Punctuation
        };
        out.push(Edit::replace(pos..end, std::mem::take(added), kind));
    };
    for x in &t.v {
        match x.from {
            None => added.push(x.c),
            Some(i) => {
                flush(&mut out, pos, i, &mut added);
                pos = i + x.c.len_utf8();
            }
        }
    }
    flush(&mut out, pos, s.len(), &mut added);
    out
}

//! The role model: the shape of a candidate paragraph and of its neighbours → whether it is
//! a section heading, from gradient-boosted trees trained on typeset documents
//! (`tools/model/train_roles.py`, `data/role_model.bin`). It revises the rules' decision
//! only where it is sure.
//!
//! The file (little-endian): `QWRM`, u16 version, u16 feature count, f32 threshold on the raw
//! score, f32 margins to promote and to demote (the model overrides the rules only with a
//! score at least this far past the threshold), f32 base score, then the trees
//! (`crate::trees`).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use super::*;
use crate::text::parse_cn_numeral;
use crate::trees::{Forest, Reader};

const MODEL_BIN: &[u8] = include_bytes!("../../data/role_model.bin");
const MAGIC: &[u8; 4] = b"QWRM";
const VERSION: u16 = 1;
/// Longest candidate, in non-space chars: the corpus's longest heading has 83 (`Check 3: Add
/// labels to chapters, …`); longer body text is never asked about.
const MAX_CANDIDATE_CHARS: usize = 120;
/// How many scheme family codes [`scheme_code`] gives (0 through 12).
const FAMILIES: usize = 13;
/// How many capitalised headings make a document one that capitalises its headings.
const CAPITALISED_HEADINGS: f32 = 3.0;
/// Longest paragraph, in non-space chars, that counts among a candidate's `end_peers`: the
/// training documents' headings are at most 40 chars in 97% of cases (1,589 of 1,633).
const PEER_CHARS: usize = 40;
/// A count feature is capped here so that one long document does not stretch a split.
const CAP: f32 = 50.0;

/// On by default; [`use_role_model`] turns it off (to export the rules' decisions, or to
/// compare).
static MODEL_ON: AtomicBool = AtomicBool::new(true);

/// Turns the role model on or off for this process (on by default). Off, the rules alone
/// decide which paragraphs are headings.
pub fn use_role_model(on: bool) {
    MODEL_ON.store(on, Ordering::Relaxed);
}

/// The features, by index: what [`role_feature_name`] prints.
const NAMES: &[&str] = &[
    "cjk_doc",
    "chars",
    "words",
    "chars_vs_median",
    "numbering",
    "dotted_parts",
    "chapter_unit",
    "bare_number",
    "rule_shape",
    "rule_heading",
    "rule_list",
    "end",
    "sentence_punct",
    "commas",
    "title_case",
    "all_caps",
    "section_name",
    "first_upper",
    "first_lower",
    "caption_or_table",
    "position",
    "from_body_start",
    "is_last",
    "prev_chars",
    "prev_end",
    "prev_rule_heading",
    "prev_shape",
    "next_chars",
    "next_vs_median",
    "next_end",
    "next_continues",
    "next_shape",
    "next_numbering",
    "next_same_scheme",
    "prev_same_scheme",
    "scheme_count",
    "scheme_shaped",
    "ordinal",
    "continues_sequence",
    "gap_same_scheme",
    "han_share",
    "digit_share",
    "latin_share",
    "doc_paragraphs",
    "doc_shaped_share",
    "median_chars",
    "first_sentence_share",
    "opens_with_bracket",
    "field",
    "opens_body",
    "doc_rule_headings",
    "doc_title_case_share",
    "doc_numbered_share",
    "next_echo",
    "prev_echo",
    "code_like",
    "end_peers",
    "repeats",
];

/// How many features the role model reads.
pub const N_ROLE_FEATURES: usize = NAMES.len();

/// The name of feature `i` (`"?"` past the last).
pub fn role_feature_name(i: usize) -> &'static str {
    NAMES.get(i).copied().unwrap_or("?")
}

/// One candidate paragraph's heading decision, for the dataset and for evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleDecision {
    /// The paragraph's index.
    pub index: usize,
    /// What the rules said.
    pub rule_heading: bool,
    /// What was decided (the rules revised by the model when it is on and sure).
    pub heading: bool,
    /// The model's raw score (log-odds of a heading, the threshold subtracted), when on.
    pub score: Option<f32>,
    /// The features, in [`role_feature_name`] order.
    pub features: Vec<f32>,
}

/// A parsed role model.
#[derive(Debug)]
struct Model {
    threshold: f32,
    /// How far past the threshold a score must be to make a heading of a paragraph.
    margin_up: f32,
    /// How far below the threshold a score must be to unmake a rules' heading.
    margin_down: f32,
    base: f32,
    trees: Forest,
}

impl Model {
    fn parse(bin: &[u8]) -> Result<Model, String> {
        let mut r = Reader::new(bin, "role model");
        if &r.take::<4>()? != MAGIC {
            return Err("not a role model".into());
        }
        if r.u16()? != VERSION {
            return Err("role model version unknown".into());
        }
        if usize::from(r.u16()?) != N_ROLE_FEATURES {
            return Err("role model built for other features".into());
        }
        let threshold = r.f32()?;
        let margin_up = r.f32()?;
        let margin_down = r.f32()?;
        if margin_up < 0.0 || margin_down < 0.0 {
            return Err("role model margin is negative".into());
        }
        let base = r.f32()?;
        let trees = Forest::read(&mut r, N_ROLE_FEATURES)?;
        r.finish()?;
        Ok(Model {
            threshold,
            margin_up,
            margin_down,
            base,
            trees,
        })
    }

    fn score(&self, f: &[f32]) -> f32 {
        self.base + self.trees.score(f, None) - self.threshold
    }

    /// Whether a score makes a heading where the rules say `rule`: the model overrides the
    /// rules only with a score past the margin.
    fn heading_at(&self, score: f32, rule: bool) -> bool {
        if rule {
            score > -self.margin_down
        } else {
            score > self.margin_up
        }
    }
}

/// The embedded model, parsed on first use; `None` while it is switched off or if the file
/// were malformed (a test makes sure it is not).
fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    if !MODEL_ON.load(Ordering::Relaxed) {
        return None;
    }
    MODEL.get_or_init(|| Model::parse(MODEL_BIN).ok()).as_ref()
}

/// What the paragraph ends with, as a small code the trees split on.
fn end_code(p: &str) -> f32 {
    let t = p.trim_end();
    if t.ends_with("——") || t.ends_with("--") {
        return 5.0;
    }
    let Some(c) = t.chars().next_back() else {
        return 0.0;
    };
    match c {
        '。' | '.' => 1.0,
        '？' | '?' => 2.0,
        '！' | '!' => 3.0,
        '：' | ':' => 4.0,
        '，' | ',' | '、' => 6.0,
        '；' | ';' => 7.0,
        c if is_closer(c) => 8.0,
        c if c.is_ascii_digit() => 9.0,
        _ => 0.0,
    }
}

/// A numbering scheme as a code the trees split on (0: none).
fn scheme_code(s: Option<Numbering>) -> f32 {
    match s {
        None => 0.0,
        Some(Numbering::Chapter(_)) => 1.0,
        Some(Numbering::CnComma) => 2.0,
        Some(Numbering::CnParen) => 3.0,
        Some(Numbering::Arabic) => 4.0,
        Some(Numbering::Dotted(_)) => 5.0,
        Some(Numbering::ArabicParen) => 6.0,
        Some(Numbering::Circled) => 7.0,
        Some(Numbering::Roman) => 8.0,
        Some(Numbering::Letter) => 9.0,
        Some(Numbering::CloseParen) => 10.0,
        Some(Numbering::Bracket) => 11.0,
        Some(Numbering::Markdown(_)) => 12.0,
    }
}

/// The scheme family of a paragraph, with a bare `1 Title` (a section number without a
/// dot, which [`numbering`] leaves alone) as a dotted number of one part.
fn scheme_of(p: &str) -> Option<(Numbering, usize)> {
    numbering(p).or_else(|| {
        let d = p.bytes().take_while(u8::is_ascii_digit).count();
        let next = p[d..].strip_prefix(' ')?.chars().next()?;
        ((1..=2).contains(&d) && (next.is_uppercase() || is_han(next)))
            .then_some((Numbering::Dotted(1), d))
    })
}

/// The number a marker counts with (`三、` 3, `（2）` 2, `1.4` 4, `B.` 2, `IV.` 4).
fn ordinal(marker: &str) -> Option<u32> {
    let digits: Vec<&str> = marker
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(last) = digits.last() {
        return last.parse().ok();
    }
    let cn: String = marker.chars().filter(|&c| is_cn_numeral(c)).collect();
    if !cn.is_empty() {
        return parse_cn_numeral(&cn);
    }
    let c = marker.chars().next()?;
    if ('①'..='⑳').contains(&c) {
        return Some(u32::from(c) - u32::from('①') + 1);
    }
    let letters: String = marker.chars().filter(char::is_ascii_uppercase).collect();
    if letters.len() == 1 && !"IVX".contains(&letters) {
        return Some(u32::from(letters.as_bytes()[0] - b'A') + 1);
    }
    let roman = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let vals: Option<Vec<u32>> = letters.chars().map(roman).collect();
    let vals = vals?;
    let mut total = 0i64;
    for (k, v) in vals.iter().enumerate() {
        let v = i64::from(*v);
        if vals.get(k + 1).is_some_and(|&n| i64::from(n) > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    u32::try_from(total).ok()
}

/// Latin words of a paragraph.
fn word_count(p: &str) -> usize {
    words(p).count()
}

/// Shares of Han, digit and Latin letters among the non-space chars.
fn shares(p: &str) -> (f32, f32, f32) {
    let (mut n, mut han, mut digit, mut latin) = (0usize, 0usize, 0usize, 0usize);
    for c in p.chars().filter(|c| !c.is_whitespace()) {
        n += 1;
        han += usize::from(is_han(c));
        digit += usize::from(c.is_ascii_digit());
        latin += usize::from(c.is_ascii_alphabetic());
    }
    let n = n.max(1) as f32;
    (han as f32 / n, digit as f32 / n, latin as f32 / n)
}

fn capped(n: usize) -> f32 {
    (n as f32).min(CAP)
}

/// What the rules saw in a document, for the features.
pub(super) struct RuleView<'a> {
    /// The paragraphs.
    pub paras: &'a [&'a str],
    /// Where the body starts.
    pub body_start: usize,
    /// Whether the document is mostly Chinese.
    pub cjk: bool,
    /// Per paragraph: heading-shaped by the rules, with its scheme.
    pub shape: &'a [Option<Option<Numbering>>],
    /// Per paragraph: whether the rules asked about it (a body paragraph, not a bullet).
    pub candidate: &'a [bool],
}

/// The features of paragraph `i`; `rule` and `list` are the rules' decisions.
fn features(
    v: &RuleView<'_>,
    i: usize,
    rule: &[bool],
    list: &[bool],
    stats: &DocStats,
) -> Vec<f32> {
    let p = v.paras[i].trim();
    let n = v.paras.len();
    let chars = stats.chars[i];
    let scheme = scheme_of(p);
    let family = scheme.map(|(s, _)| s);
    let code = scheme_code(family);
    let same_family = |j: usize| family.is_some() && stats.families.get(j) == Some(&code);
    let (han, digit, latin) = shares(p);
    let ord = scheme.and_then(|(_, len)| ordinal(p.get(..len).unwrap_or("")));
    // The paragraph before with the same scheme family: how far back, and whether this one
    // counts on from it.
    let prev_same = if family.is_some() {
        stats.prev_same[i]
    } else {
        None
    };
    let continues = match (prev_same, ord) {
        (Some(j), Some(o)) => f32::from(stats.ordinals[j].is_some_and(|po| po + 1 == o)),
        (None, Some(1)) => 2.0,
        _ => 0.0,
    };
    let (scheme_count, scheme_shaped) = if family.is_some() {
        stats.per_family[code as usize]
    } else {
        (0, 0)
    };
    let prev = i.checked_sub(1).map(|j| v.paras[j].trim());
    let next = v.paras.get(i + 1).map(|q| q.trim());
    let median = stats.median.max(1.0);
    let first = p.chars().next();
    let terms = key_terms(p);
    let lead_share = first_sentence(p).map_or(1.0, |s| count(s) as f32 / chars.max(1) as f32);
    let f = vec![
        f32::from(v.cjk),
        chars.min(MAX_CANDIDATE_CHARS) as f32,
        capped(word_count(p)),
        chars as f32 / median,
        scheme_code(family),
        match family {
            Some(Numbering::Dotted(k)) => f32::from(k),
            Some(Numbering::Markdown(k)) => f32::from(k),
            _ => 0.0,
        },
        match family {
            Some(Numbering::Chapter('章')) => 1.0,
            Some(Numbering::Chapter('节')) => 2.0,
            Some(Numbering::Chapter('条')) => 3.0,
            Some(Numbering::Chapter(_)) => 4.0,
            _ => 0.0,
        },
        f32::from(numbering(p).is_none() && scheme.is_some()),
        f32::from(v.shape[i].is_some()),
        f32::from(rule[i]),
        f32::from(list[i]),
        end_code(p),
        f32::from(has_sentence_punct(p)),
        capped(p.matches(['，', ',']).count()),
        f32::from(is_title_case(p)),
        f32::from(is_all_caps(p)),
        f32::from(is_section_name(p) || CN_SECTION_WORDS.contains(&p)),
        f32::from(first.is_some_and(char::is_uppercase)),
        f32::from(first.is_some_and(char::is_lowercase)),
        f32::from(is_caption_or_table(p)),
        i as f32 / n.max(1) as f32,
        capped(i.saturating_sub(v.body_start)),
        f32::from(i + 1 == n),
        i.checked_sub(1).map_or(-1.0, |j| capped(stats.chars[j])),
        prev.map_or(-1.0, end_code),
        i.checked_sub(1).map_or(-1.0, |j| f32::from(rule[j])),
        i.checked_sub(1)
            .map_or(-1.0, |j| f32::from(v.shape[j].is_some())),
        stats.chars.get(i + 1).map_or(-1.0, |&c| capped(c)),
        stats.chars.get(i + 1).map_or(-1.0, |&c| c as f32 / median),
        next.map_or(-1.0, end_code),
        next.map_or(-1.0, |q| {
            f32::from(
                q.starts_with(is_continuation_start)
                    || q.chars().next().is_some_and(char::is_lowercase),
            )
        }),
        v.shape.get(i + 1).map_or(-1.0, |s| f32::from(s.is_some())),
        next.map_or(-1.0, |q| scheme_code(scheme_of(q).map(|(s, _)| s))),
        f32::from(same_family(i + 1)),
        f32::from(i > 0 && same_family(i - 1)),
        capped(scheme_count),
        capped(scheme_shaped),
        ord.map_or(-1.0, |o| (o as f32).min(CAP)),
        continues,
        prev_same.map_or(-1.0, |j| capped(i - j)),
        han,
        digit,
        latin,
        capped(n),
        stats.shaped_share,
        median.min(500.0),
        lead_share,
        f32::from(p.starts_with(['（', '(', '【', '[', '《', '“', '"'])),
        f32::from(parse_field(p).is_some()),
        f32::from(opens_body(next, v.cjk)),
        capped(stats.rule_headings),
        stats.title_case_share,
        stats.numbered_share,
        next.map_or(-1.0, |q| echo(&terms, q)),
        prev.map_or(-1.0, |q| echo(&terms, q)),
        f32::from(is_code_like(p)),
        capped(stats.end_peers[i]),
        capped(stats.repeats[i]),
    ];
    debug_assert_eq!(f.len(), N_ROLE_FEATURES);
    f
}

/// The words a candidate names, to look for in its neighbours: its Latin words of three or
/// more letters (lower-cased, `toRaw()` → `toraw`) and its pairs of adjacent ideographs, after
/// any numbering marker.
struct KeyTerms {
    /// The Latin words, sorted, each once.
    words: Vec<String>,
    /// The pairs of adjacent ideographs, sorted, each once.
    pairs: Vec<(char, char)>,
}

impl KeyTerms {
    /// How many key terms there are (a word is never a pair: it is ASCII).
    fn len(&self) -> usize {
        self.words.len() + self.pairs.len()
    }
}

/// The key terms of the paragraph `p`.
fn key_terms(p: &str) -> KeyTerms {
    let body = scheme_of(p).and_then(|(_, len)| p.get(len..)).unwrap_or(p);
    let mut words: Vec<String> = body
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.len() >= 3 && w.bytes().any(|b| b.is_ascii_alphabetic()))
        .map(str::to_ascii_lowercase)
        .collect();
    words.sort_unstable();
    words.dedup();
    let mut pairs = han_pairs(body).collect::<Vec<_>>();
    pairs.sort_unstable();
    pairs.dedup();
    KeyTerms { words, pairs }
}

/// The pairs of adjacent ideographs of `s`, in order.
fn han_pairs(s: &str) -> impl Iterator<Item = (char, char)> + '_ {
    let mut chars = s.chars();
    let mut prev = chars.next();
    chars.filter_map(move |c| {
        let a = prev.replace(c)?;
        (is_han(a) && is_han(c)).then_some((a, c))
    })
}

/// Share of a candidate's key `terms` ([`key_terms`]) that the paragraph `other` also uses
/// (-1: it names none). A heading names what the paragraph under it goes on to discuss
/// (`toRaw()` → `toRaw() can return the original object…`, `退市路径多元化` → `…退市格局…`).
/// A pair of ideographs is in `other` when `other` has the two side by side, so `other` is
/// read once for all pairs (searching it for each pair was 3% of `analyze` on a novel, whose
/// short lines of dialogue sit between long paragraphs).
fn echo(terms: &KeyTerms, other: &str) -> f32 {
    if terms.len() == 0 {
        return -1.0;
    }
    let mut found = 0;
    if !terms.words.is_empty() {
        let lower = other.to_ascii_lowercase();
        found += terms
            .words
            .iter()
            .filter(|t| lower.contains(t.as_str()))
            .count();
    }
    if !terms.pairs.is_empty() {
        let mut seen = vec![false; terms.pairs.len()];
        for pair in han_pairs(other) {
            if let Ok(k) = terms.pairs.binary_search(&pair) {
                seen[k] = true;
            }
        }
        found += seen.iter().filter(|&&s| s).count();
    }
    found as f32 / terms.len() as f32
}

/// Whether the paragraph holds a code name: a call (`toRaw()`, `app.mount(…)`), a dotted or
/// snake_case name, or a camelCase word. API references head their sections so.
fn is_code_like(p: &str) -> bool {
    p.contains("()")
        || p.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_ascii_alphanumeric());
            let b = w.as_bytes();
            w.len() >= 3
                && (b
                    .windows(2)
                    .any(|x| x[0].is_ascii_lowercase() && x[1].is_ascii_uppercase())
                    || b.windows(4).any(|x| {
                        x[0].is_ascii_alphanumeric()
                            && matches!(x[1], b'.' | b'_')
                            && x[2].is_ascii_alphabetic()
                            && x[3].is_ascii_alphanumeric()
                    }))
        })
}

/// Document-level figures the features compare a paragraph with.
struct DocStats {
    /// Each paragraph's non-space chars ([`count`], the same trimmed or not): the features
    /// read a paragraph's and its neighbours' (counting them again was 3% of `analyze`).
    chars: Vec<usize>,
    /// Median non-space chars of the body paragraphs.
    median: f32,
    /// Share of the body paragraphs the rules find heading-shaped.
    shaped_share: f32,
    /// Each paragraph's scheme family code (0 none).
    families: Vec<f32>,
    /// Each paragraph's marker's number.
    ordinals: Vec<Option<u32>>,
    /// Each paragraph's nearest earlier paragraph numbered in the same family.
    prev_same: Vec<Option<usize>>,
    /// Per family code: how many paragraphs have it, and how many of those are
    /// heading-shaped.
    per_family: [(usize, usize); FAMILIES],
    /// How many paragraphs the rules made headings.
    rule_headings: usize,
    /// Share of the rules' unnumbered Latin headings in Title Case or capitals (-1: none):
    /// a document that capitalises its headings does not leave one in sentence case.
    title_case_share: f32,
    /// Whether the rules' unnumbered Latin headings are all in Title Case or capitals, at
    /// least [`CAPITALISED_HEADINGS`] of them, leaving out a word that comes back: one word
    /// reads the same in sentence and Title Case, and a label under each example (`Bad`,
    /// `Good`) says nothing of how the sections are headed.
    capitalises_headings: bool,
    /// Share of the rules' headings that are numbered (-1: none).
    numbered_share: f32,
    /// Per paragraph: how many other short unpunctuated paragraphs of the document end and
    /// start as it does (sections headed alike: `toRaw()`, `markRaw()`, …).
    end_peers: Vec<usize>,
    /// Per paragraph: how many other paragraphs of the document say exactly the same
    /// (`Try it in the Playground`, `Good`/`Bad` under each example, `返回值` under each API).
    repeats: Vec<usize>,
}

impl DocStats {
    fn of(v: &RuleView<'_>, rule: &[bool]) -> DocStats {
        let chars: Vec<usize> = v.paras.iter().map(|p| count(p)).collect();
        let mut lens = chars[v.body_start.min(v.paras.len())..].to_vec();
        lens.sort_unstable();
        let median = lens.get(lens.len() / 2).copied().unwrap_or(0) as f32;
        let body = v.paras.len().saturating_sub(v.body_start).max(1);
        let shaped = v.shape.iter().filter(|s| s.is_some()).count();
        let mut families = Vec::with_capacity(v.paras.len());
        let mut ordinals = Vec::with_capacity(v.paras.len());
        let mut per_family = [(0, 0); FAMILIES];
        let mut last = [None; FAMILIES];
        let mut prev_same = Vec::with_capacity(v.paras.len());
        for (j, p) in v.paras.iter().enumerate() {
            let p = p.trim();
            let scheme = scheme_of(p);
            let code = scheme_code(scheme.map(|(s, _)| s));
            families.push(code);
            ordinals.push(scheme.and_then(|(_, len)| ordinal(p.get(..len).unwrap_or(""))));
            prev_same.push(last[code as usize]);
            last[code as usize] = Some(j);
            let slot = &mut per_family[code as usize];
            slot.0 += 1;
            slot.1 += usize::from(v.shape.get(j).is_some_and(Option::is_some));
        }
        let mut same: HashMap<&str, usize> = HashMap::new();
        for p in v.paras {
            *same.entry(p.trim()).or_default() += 1;
        }
        let (mut heads, mut latin, mut capitalised, mut numbered) =
            (0usize, 0usize, 0usize, 0usize);
        let (mut phrases, mut capitalised_phrases) = (0usize, 0usize);
        for (j, p) in v.paras.iter().enumerate() {
            if !rule.get(j).copied().unwrap_or(false) {
                continue;
            }
            heads += 1;
            if families[j] != 0.0 {
                numbered += 1;
            } else if !p.chars().any(is_han) {
                latin += 1;
                let caps = is_title_case(p) || is_all_caps(p);
                capitalised += usize::from(caps);
                if same[p.trim()] == 1 || words(p).nth(1).is_some() {
                    phrases += 1;
                    capitalised_phrases += usize::from(caps);
                }
            }
        }
        let share = |k: usize, of: usize| if of == 0 { -1.0 } else { k as f32 / of as f32 };
        // Short unpunctuated paragraphs keyed by how they end and start.
        let key = |j: usize, p: &str| {
            let p = p.trim();
            (chars[j] <= PEER_CHARS && !has_sentence_punct(p)).then(|| {
                let first = p.chars().next().map_or(0, |c| {
                    if is_han(c) {
                        1
                    } else if c.is_lowercase() {
                        2
                    } else if c.is_uppercase() {
                        3
                    } else if c.is_ascii_digit() {
                        4
                    } else {
                        5
                    }
                });
                (end_code(p) as u8, first)
            })
        };
        let keys: Vec<Option<(u8, u8)>> =
            v.paras.iter().enumerate().map(|(j, p)| key(j, p)).collect();
        let mut tally: HashMap<(u8, u8), usize> = HashMap::new();
        for k in keys.iter().flatten() {
            *tally.entry(*k).or_default() += 1;
        }
        let repeats = v.paras.iter().map(|p| same[p.trim()] - 1).collect();
        let end_peers = keys
            .iter()
            .map(|k| k.map_or(0, |k| tally[&k] - 1))
            .collect();
        DocStats {
            chars,
            median,
            shaped_share: shaped as f32 / body as f32,
            families,
            ordinals,
            prev_same,
            per_family,
            rule_headings: heads,
            title_case_share: share(capitalised, latin),
            capitalises_headings: capitalised_phrases == phrases
                && phrases as f32 >= CAPITALISED_HEADINGS,
            numbered_share: share(numbered, heads),
            end_peers,
            repeats,
        }
    }
}

/// Decisions the rules keep whatever the model would say, because the corpus the model learnt
/// from holds too few of them to speak for (`tools/model/MODEL.md`, the role model):
/// - a heading with sentence punctuation numbered `第X章`/`一、`/`（一）`, not after a `：`
///   paragraph and not two paragraphs from its previous sibling (`（一）统筹两个市场，打造加工
///   制造中心。` heading a report's section): the corpus's only such lines are statutes'
///   items, and it holds no reports;
/// - a sentence-case Latin line that the rules left a paragraph, in a document whose headings
///   the rules found capitalised (`capitalises_headings`): there such
///   a line is a definition term or a lead-in (2,329 of the corpus's 2,454 such lines are no
///   heading);
/// - a run of short paragraphs numbered alike, which the rules made a list (`1.苹果`
///   `2.香蕉`): the corpus's adjacent numbered headings are sections whose code blocks its
///   importer dropped.
fn rules_keep(f: &[f32], rule: bool, capitalises_headings: bool) -> bool {
    let at = |name: &str| NAMES.iter().position(|&n| n == name).map_or(0.0, |i| f[i]);
    if rule {
        let gap = at("gap_same_scheme");
        at("sentence_punct") == 1.0
            && at("prev_end") != end_code("：")
            && !(0.0..3.0).contains(&gap)
            && [1.0, 2.0, 3.0].contains(&at("numbering"))
    } else {
        at("rule_list") == 1.0
            || at("cjk_doc") == 0.0
                && at("han_share") == 0.0
                && at("numbering") == 0.0
                && at("title_case") == 0.0
                && at("all_caps") == 0.0
                && capitalises_headings
    }
}

/// Revises the rules' heading decisions (`heading`) where the model is sure, and returns the
/// decision about every candidate when `log` asks for it. `list` holds the paragraphs the
/// rules made list items (a run numbered alike).
pub(super) fn revise(
    v: &RuleView<'_>,
    heading: &mut [bool],
    list: &[bool],
    log: Option<&mut Vec<RoleDecision>>,
) {
    let model = model();
    if model.is_none() && log.is_none() {
        return;
    }
    let rule = heading.to_vec();
    let stats = DocStats::of(v, &rule);
    let mut decisions = Vec::new();
    for i in v.body_start..v.paras.len() {
        if !v.candidate[i] || stats.chars[i] > MAX_CANDIDATE_CHARS {
            continue;
        }
        let f = features(v, i, &rule, list, &stats);
        let score = model.map(|m| m.score(&f));
        if let (Some(m), Some(s)) = (model, score) {
            if !rules_keep(&f, rule[i], stats.capitalises_headings) {
                heading[i] = m.heading_at(s, rule[i]);
            }
        }
        decisions.push(RoleDecision {
            index: i,
            rule_heading: rule[i],
            heading: heading[i],
            score,
            features: f,
        });
    }
    if let Some(log) = log {
        *log = decisions;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_parses() {
        let m = Model::parse(MODEL_BIN).expect("data/role_model.bin parses");
        assert!(!m.trees.is_empty());
    }

    #[test]
    fn a_corrupt_model_is_an_error_never_a_panic() {
        assert!(Model::parse(b"").is_err());
        assert!(Model::parse(b"QWRM\x02\x00").is_err());
        assert!(Model::parse(&MODEL_BIN[..MODEL_BIN.len() - 1]).is_err());
        for cut in (0..MODEL_BIN.len()).step_by(89) {
            let _ = Model::parse(&MODEL_BIN[..cut]);
            let mut bad = MODEL_BIN.to_vec();
            bad[cut] ^= 0x5A;
            if let Ok(m) = Model::parse(&bad) {
                let _ = m.score(&[0.5; N_ROLE_FEATURES]);
            }
        }
    }

    fn decision(decisions: &[RoleDecision], index: usize) -> &RoleDecision {
        decisions
            .iter()
            .find(|d| d.index == index)
            .expect("a candidate")
    }

    #[test]
    fn the_model_finds_a_sentence_case_heading_the_rules_miss() {
        let paras = [
            "Getting Started",
            "This guide walks you through the first steps of the tool, from installation to the first run.",
            "Installing the tool",
            "Download the archive for your platform and unpack it into a folder of your choice, then add it to your path.",
            "Running it for the first time",
            "Open a terminal and run the command without arguments to see what it can do for you.",
        ];
        let d = explain_roles(&paras, &[]);
        let running = decision(&d, 4);
        assert!(!running.rule_heading && running.heading, "{running:?}");
        assert!(!decision(&d, 5).heading);
    }

    #[test]
    fn labels_under_each_example_do_not_say_how_sections_are_headed() {
        // `Bad` and `Good` under each example are the rules' headings, capitalised as one
        // word always is: they must not keep a sentence-case section heading a paragraph.
        let paras = [
            "These rules help prevent errors, so learn and abide by them at all costs.",
            "Use multi-word component names",
            "User component names should always be multi-word, except for root App components.",
            "Bad",
            "Good",
            "Use detailed prop definitions",
            "In committed code, prop definitions should always be as detailed as possible.",
            "Detailed prop definitions have two advantages:",
            "Bad",
            "Good",
            "Use keyed v-for",
            "A key with v-for is always required on components, to maintain their state.",
            "Bad",
            "Good",
        ];
        let d = explain_roles(&paras, &[]);
        for i in [1, 5] {
            let h = decision(&d, i);
            assert!(!h.rule_heading && h.heading, "{h:?}");
        }
    }

    #[test]
    fn the_rules_keep_a_reports_punctuated_numbered_headings() {
        let paras = [
            "关于促进综合保税区高水平开放高质量发展的若干意见",
            "为贯彻落实党中央、国务院决策部署，推进综合保税区高水平开放高质量发展，现提出以下意见。",
            "（一）统筹两个市场，打造加工制造中心。",
            "拓展保税加工发展空间，推进内外销业务同步发展，支持区内企业利用剩余产能承接境内区外委托加工。",
            "鼓励企业开展高技术含量、高附加值的保税加工业务，延伸产业链条，提升发展质量和效益。",
            "（二）推动创新创业，打造研发设计中心。",
            "开展高技术含量、高附加值项目境内外维修，支持企业开展研发设计业务，促进创新成果转化。",
        ];
        let d = explain_roles(&paras, &[]);
        for i in [2, 5] {
            let h = decision(&d, i);
            assert!(h.rule_heading && h.heading, "{h:?}");
            assert!(rules_keep(&h.features, true, false), "{h:?}");
        }
    }

    #[test]
    fn markers_count() {
        assert_eq!(ordinal("三、"), Some(3));
        assert_eq!(ordinal("（十二）"), Some(12));
        assert_eq!(ordinal("1.4"), Some(4));
        assert_eq!(ordinal("B."), Some(2));
        assert_eq!(ordinal("IV."), Some(4));
        assert_eq!(ordinal("②"), Some(2));
        assert_eq!(
            scheme_of("2 Getting Started"),
            Some((Numbering::Dotted(1), 1))
        );
        assert_eq!(scheme_of("2 个人"), Some((Numbering::Dotted(1), 1)));
        assert_eq!(scheme_of("2024 年"), None);
        assert_eq!(end_code("一、总体要求——"), 5.0);
        assert_eq!(end_code("主要任务："), 4.0);
    }

    #[test]
    fn a_heading_names_what_follows() {
        assert_eq!(
            echo(
                &key_terms("toRaw()"),
                "toRaw() can return the original object."
            ),
            1.0
        );
        assert_eq!(
            echo(
                &key_terms("3. 退市路径多元化"),
                "退市格局呈现两大特征：路径多元。"
            ),
            4.0 / 6.0
        );
        assert_eq!(
            echo(&key_terms("Getting started"), "Install it first."),
            0.0
        );
        assert_eq!(echo(&key_terms("1."), "Anything."), -1.0);
        assert!(is_code_like("toRaw()") && is_code_like("app.config.errorHandler"));
        assert!(is_code_like("使用 v-model 和 defineModel"));
        assert!(!is_code_like("Getting Started") && !is_code_like("e.g. this one"));
    }

    #[test]
    fn repeated_lines_and_peers_are_counted() {
        let paras = [
            "标题",
            "Try it in the Playground",
            "正文第一段，说明有关情况。",
            "Try it in the Playground ",
            "toRaw()",
            "markRaw()",
            "Try it in the Playground",
        ];
        let shape = vec![None; paras.len()];
        let candidate = vec![true; paras.len()];
        let v = RuleView {
            paras: &paras,
            body_start: 1,
            cjk: false,
            shape: &shape,
            candidate: &candidate,
        };
        let stats = DocStats::of(&v, &[false; 7]);
        assert_eq!(stats.repeats, [0, 2, 0, 2, 0, 0, 2]);
        // Short, unpunctuated, starting with a capital or a lower-case letter and ending in
        // a bracket: `toRaw()` and `markRaw()` are each other's peers.
        assert_eq!(stats.end_peers[4], 1);
        assert_eq!(stats.end_peers[1], 2);
    }

    #[test]
    fn an_api_reference_s_sections_are_headings() {
        // Sections headed by the function they describe, each short, unpunctuated and
        // named again in the paragraph under it: the rules see short paragraphs.
        let paras = [
            "Reactivity API: Advanced",
            "shallowRef()",
            "Shallow version of ref(), for large immutable data structures.",
            "Unlike ref(), the inner value of a shallow ref is stored and exposed as-is.",
            "triggerRef()",
            "Force trigger effects that depend on a shallow ref, after deep mutations.",
            "customRef()",
            "Creates a customized ref with explicit control over its dependency tracking.",
            "customRef() expects a factory function, which receives track and trigger.",
            "toRaw()",
            "Returns the raw, original object of a Vue-created proxy.",
            "markRaw()",
            "Marks an object so that it will never be converted to a proxy.",
        ];
        let d = explain_roles(&paras, &[]);
        let found: Vec<usize> = d.iter().filter(|x| x.heading).map(|x| x.index).collect();
        // None by the rules; the model finds `toRaw()` and `markRaw()` at least (it is less
        // sure of the sections whose paragraph names another function first), and no
        // paragraph of text.
        assert!(d.iter().all(|x| !x.rule_heading), "{d:?}");
        assert!(found.len() >= 2, "{d:?}");
        assert!(
            found.iter().all(|i| [1, 4, 6, 9, 11].contains(i)),
            "{found:?}"
        );
    }

    #[test]
    fn every_feature_has_a_name() {
        let paras = [
            "标题",
            "一、总体要求",
            "正文第一段，说明有关情况。",
            "二、主要任务",
        ];
        let shape = vec![
            None,
            Some(Some(Numbering::CnComma)),
            None,
            Some(Some(Numbering::CnComma)),
        ];
        let candidate = vec![false, true, true, true];
        let v = RuleView {
            paras: &paras,
            body_start: 1,
            cjk: true,
            shape: &shape,
            candidate: &candidate,
        };
        let rule = [false, true, false, true];
        let stats = DocStats::of(&v, &rule);
        let f = features(&v, 3, &rule, &[false; 4], &stats);
        assert_eq!(f.len(), N_ROLE_FEATURES);
        assert_eq!(
            f[NAMES
                .iter()
                .position(|&n| n == "continues_sequence")
                .unwrap()],
            1.0
        );
        assert_eq!(role_feature_name(N_ROLE_FEATURES), "?");
    }
}

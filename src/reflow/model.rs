//! The layout model: gradient-boosted trees trained on typeset documents
//! (`tools/model/train.py`, `data/layout_model.bin`) → whether a line break falls inside a
//! paragraph, for the breaks whose rule the model was trained to replace.
//!
//! The file (little-endian): `QWLM`, u16 version, u16 feature count, u32 mask of the
//! [`Decision`]s (bit = index in [`Decision::ALL`]) the model decides, f32 threshold on the
//! raw score, f32 margin (the model overrides its rule only with a score at least this far
//! past the threshold), f32 base score, then the trees (`crate::trees`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use super::decide::Decision;
use super::features::{
    dictionary_word, ends_with_attributive, feature_name, Context, DocStats, N_FEATURES,
};
use crate::shapes::{has_running_text_punct, is_continuation_start, starts_reference};
use crate::trees::{Forest, Reader};

const MODEL_BIN: &[u8] = include_bytes!("../../data/layout_model.bin");
const MAGIC: &[u8; 4] = b"QWLM";
const VERSION: u16 = 1;
/// How many features a decision's evidence names.
const EVIDENCE: usize = 3;

/// On by default; [`use_model`] switches it off (to measure the model against the rules).
static MODEL_ON: AtomicBool = AtomicBool::new(true);

/// Turns the layout model on or off for this process (on by default). Off, the rules decide
/// every break as they did before the model.
pub fn use_model(on: bool) {
    MODEL_ON.store(on, Ordering::Relaxed);
}

/// How many scores a [`Memo`] keeps before it starts again (~1.5 MB at most).
const MEMO_CAPACITY: usize = 4096;

/// The scores of the feature vectors one reflow pass has met. Wrapped text repeats a few
/// vectors (full lines of one width, ending in CJK, the next starting with CJK): on 围城
/// hard-wrapped at 40 columns most breaks find their score here instead of walking every
/// tree.
#[derive(Default)]
pub(super) struct Memo(rustc_hash::FxHashMap<[u32; N_FEATURES], f32>);

/// A parsed model.
#[derive(Debug)]
pub(super) struct Model {
    mask: u32,
    threshold: f32,
    margin: f32,
    base: f32,
    trees: Forest,
}

/// What the model said about one break.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The two lines belong to one paragraph.
    pub join: bool,
    /// The raw score (log-odds of a join, the threshold subtracted): the model joins above
    /// its margin, breaks below minus the margin, and leaves the rule's decision between.
    pub score: f32,
    /// The features that pushed the score most, with how far (log-odds, signed: > 0 toward
    /// a join), strongest first.
    pub evidence: Vec<(String, f32)>,
}

impl Model {
    /// Parses and validates a model file: every child index points forward inside its tree
    /// (so a walk ends), every feature index is in range.
    pub(super) fn parse(bin: &[u8]) -> Result<Model, String> {
        let mut r = Reader::new(bin, "layout model");
        if &r.take::<4>()? != MAGIC {
            return Err("not a layout model".into());
        }
        if r.u16()? != VERSION {
            return Err("layout model version unknown".into());
        }
        if usize::from(r.u16()?) != N_FEATURES {
            return Err("layout model built for other features".into());
        }
        let mask = r.u32()?;
        if mask >> Decision::ALL.len() != 0 {
            return Err("layout model names an unknown decision".into());
        }
        let threshold = r.f32()?;
        let margin = r.f32()?;
        if margin < 0.0 {
            return Err("layout model margin is negative".into());
        }
        let base = r.f32()?;
        let trees = Forest::read(&mut r, N_FEATURES)?;
        r.finish()?;
        Ok(Model {
            mask,
            threshold,
            margin,
            base,
            trees,
        })
    }

    /// Whether the model decides the breaks `d` would decide.
    pub(super) fn decides(&self, d: Decision) -> bool {
        let i = Decision::ALL.iter().position(|&x| x == d).unwrap_or(0);
        self.mask & (1 << i) != 0
    }

    /// The raw score (log-odds of a join, the threshold subtracted) and, when asked, each
    /// feature's contribution to it (the change of the mean output along each tree's path).
    fn score(&self, f: &[f32; N_FEATURES], contributions: Option<&mut [f32]>) -> f32 {
        self.base + self.trees.score(f, contributions) - self.threshold
    }

    /// Whether a score joins, given the rule's decision: the model overrides the rule only
    /// with a score past the margin.
    fn joins_at(&self, score: f32, rule_joins: bool) -> bool {
        if rule_joins {
            score > -self.margin
        } else {
            score > self.margin
        }
    }

    /// Whether the break with features `f` falls inside a paragraph, where the rule alone
    /// would say `rule_joins`; `memo` keeps the scores of the vectors already seen.
    pub(super) fn joins(&self, f: &[f32; N_FEATURES], rule_joins: bool, memo: &mut Memo) -> bool {
        let key = f.map(f32::to_bits);
        let score = match memo.0.get(&key) {
            Some(&s) => s,
            None => {
                let s = self.score(f, None);
                if memo.0.len() >= MEMO_CAPACITY {
                    memo.0.clear();
                }
                memo.0.insert(key, s);
                s
            }
        };
        self.joins_at(score, rule_joins)
    }

    /// The verdict with its evidence.
    pub(super) fn verdict(&self, f: &[f32; N_FEATURES], rule_joins: bool) -> Verdict {
        let mut c = [0.0f32; N_FEATURES];
        let score = self.score(f, Some(&mut c));
        let mut order: Vec<usize> = (0..N_FEATURES).filter(|&j| c[j] != 0.0).collect();
        order.sort_by(|&a, &b| c[b].abs().total_cmp(&c[a].abs()));
        let evidence = order
            .into_iter()
            .take(EVIDENCE)
            .map(|j| (feature_name(j), c[j]))
            .collect();
        Verdict {
            join: self.joins_at(score, rule_joins),
            score,
            evidence,
        }
    }
}

/// Breaks the rules keep whatever the model would say, because the corpus the model learnt
/// from holds too few of them to speak for:
/// - a reference entry after the line before it (`…/006305.html` / `[2] http://…`);
/// - an unpunctuated first line before punctuated text: a title. Not when a word runs across
///   the break (`…提供了官方集` / `成。`) or the next line goes on in lower case (`Denotes slot
///   content outlets` / `in templates.`): a title ends with its last word. In a text too
///   short to have a wrap width, the model decides a break the rules would keep when the
///   line may be a wrapped one ([`DocStats::may_be_wrapped`]): the corpus's short pastes,
///   headed ones included, speak for those;
/// - a blank line or a page mark in a text without a wrap width (`blank`), but for a blank
///   line after a line that ends no sentence ([`Decision::UnendedBlank`]: pdfminer's blank
///   lines inside a short paste's paragraph, which the corpus has) in a text where some line
///   ends a sentence ([`DocStats::ends_sentences`]: AutoCorrect's `…约 1.3 亿` / blank /
///   `港元*预期…` stays as written).
pub(super) fn rules_keep(c: &Context<'_, '_>, blank: bool, wrap: bool, doc: &DocStats) -> bool {
    let (prev, next) = (c.prev, c.next);
    let unended = c.decision == Decision::UnendedBlank && doc.ends_sentences();
    blank && !wrap && !unended
        || starts_reference(next.text)
        || c.first
            && (wrap || c.decision.is_join() || !doc.may_be_wrapped(prev.width))
            && !has_running_text_punct(prev.text)
            && !prev.text.ends_with('-')
            && has_running_text_punct(next.text)
            && !dictionary_word(prev.text, next.text)
            && !next.text.starts_with(|c: char| c.is_ascii_lowercase())
            && !ends_with_attributive(prev.text)
            && !next.text.starts_with(is_continuation_start)
}

/// The embedded model, parsed on first use; `None` while it is switched off ([`use_model`])
/// or if the file were malformed (a test makes sure it is not).
pub(super) fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    if !MODEL_ON.load(Ordering::Relaxed) {
        return None;
    }
    MODEL.get_or_init(|| Model::parse(MODEL_BIN).ok()).as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_parses() {
        let m = Model::parse(MODEL_BIN).expect("data/layout_model.bin parses");
        assert!(!m.trees.is_empty());
        assert!(m.mask != 0);
    }

    #[test]
    fn a_corrupt_model_is_an_error_never_a_panic() {
        assert!(Model::parse(b"").is_err());
        assert!(Model::parse(b"QWLM\x02\x00").is_err());
        assert!(Model::parse(&MODEL_BIN[..MODEL_BIN.len() - 1]).is_err());
        // Every truncation and every single-byte change either parses or is an error.
        for cut in (0..MODEL_BIN.len()).step_by(97) {
            let _ = Model::parse(&MODEL_BIN[..cut]);
            let mut bad = MODEL_BIN.to_vec();
            bad[cut] ^= 0xA5;
            if let Ok(m) = Model::parse(&bad) {
                let _ = m.verdict(&[0.5; N_FEATURES], false);
            }
        }
    }

    #[test]
    fn contributions_add_up_to_the_score() {
        let m = Model::parse(MODEL_BIN).expect("parses");
        let f = [0.5f32; N_FEATURES];
        let mut c = [0.0f32; N_FEATURES];
        let score = m.score(&f, Some(&mut c));
        let roots = m.trees.roots();
        let total = m.base + roots + c.iter().sum::<f32>() - m.threshold;
        assert!((total - score).abs() < 1e-3, "{total} vs {score}");
    }
}

//! Spacing: reflowed paragraphs → paragraphs without the spaces a PDF's font switches put
//! into Chinese text (`2023 年`, `“ 学思想”`, `X建引领· 天府论坛`, `WebRTC ，即`), keeping the
//! spaces that mean something (two halves of a title, names in a byline, English text,
//! `1+1+3`).
//!
//! Spaces next to full-width punctuation are always artifacts: no writer puts one there.
//! Whether a space between CJK and Latin/digits is an artifact depends on the document: some
//! writers put one there on purpose (`从 2010 年开始`). The document votes (see `Style`).
//!
//! Optionally, half-width punctuation inside Chinese sentences becomes full-width first
//! (`,` → `，`, `(X组)` → `（X组）`), never inside URLs, numbers or Latin text.

mod autocorrect;
mod pangu;

use crate::edit::{Edit, FixKind, Tracked};
use crate::shapes::{is_bullet, is_fullwidth_closer, is_fullwidth_opener};
use crate::text::{basic_ideograph_run, is_basic_ideograph, is_cjk, is_cjk_punct, is_han, is_kana};
use crate::CleanOptions;

/// Runs the spacing pass (and the optional full-width punctuation pass) over `text`.
pub fn fix_spacing(text: &mut Tracked, options: &CleanOptions) {
    fix_spacing_with(text, options, &mut StyleMemo::default());
}

/// [`fix_spacing`], reading the document's style from `memo` (which must be empty or hold the
/// style of `text`, and holds it afterwards or is emptied).
pub(crate) fn fix_spacing_with(text: &mut Tracked, options: &CleanOptions, memo: &mut StyleMemo) {
    let apply = |text: &mut Tracked, edits: Vec<Edit>, memo: &mut StyleMemo| {
        if !edits.is_empty() {
            memo.forget();
            text.apply(edits);
        }
    };
    // Both options together follow AutoCorrect, which does the two at once.
    let autocorrect = options.pangu && options.fullwidth_punctuation;
    if options.fullwidth_punctuation && !autocorrect {
        let edits = plan_fullwidth(text.as_str());
        apply(text, edits, memo);
    }
    if !options.fix_spacing && !options.pangu {
        return;
    }
    let style = memo.of(text.as_str());
    let edits = plan_space_fixes(text.as_str(), style, options);
    apply(text, edits, memo);
    if autocorrect {
        let edits = autocorrect::plan(text.as_str());
        apply(text, edits, memo);
    } else if options.pangu {
        let edits = pangu::plan(text.as_str());
        apply(text, edits, memo);
    }
}

/// The spacing style of the text as it stands, measured once until the text changes: each
/// reflow pass asks for it, and the spacing pass after it (measuring it three times over the
/// whole text was 5.5% of `analyze` of a novel in wasm).
#[derive(Default)]
pub(crate) struct StyleMemo(Option<Style>);

impl StyleMemo {
    /// The style of `s`, which must be the text the memo's style was measured on, if any.
    fn of(&mut self, s: &str) -> Style {
        *self.0.get_or_insert_with(|| Style::of(s))
    }

    /// Forgets the style: the text changed.
    pub(crate) fn forget(&mut self) {
        self.0 = None;
    }
}

fn is_latin_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '%'
}

fn is_ideo(c: char) -> bool {
    is_han(c) || is_kana(c)
}

/// The middle dot that joins the parts of a foreign name or a title (`保罗·埃尔德什`).
fn is_middle_dot(c: char) -> bool {
    matches!(c, '·' | '・' | '•' | '‧')
}

/// Full-width punctuation and brackets next to which no writer puts a space (`，。、；：？！`,
/// `（）《》【】「」`, `——`): everything in [`is_cjk_punct`] but the curly quotes (English quotes
/// too), the ellipsis (spaced by pangu-style writers: `前面… 後面`) and the middle dots.
fn is_fw_punct(c: char) -> bool {
    is_cjk_punct(c)
        && !matches!(
            c,
            '“' | '”' | '‘' | '’' | '…' | '\u{3000}' | '〃' | '〜' | '〰'
        )
        && !is_middle_dot(c)
}

/// Curly quotes, which English text uses as well as Chinese.
fn is_curly(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’')
}

/// How many spaces no writer types make a padding extractor the document's source rather
/// than a slip: the padded PDF extracts in `../shared/eval` show 3 or more, a hand-written
/// text with one slip (`一部 iPhone ，好开心`) shows 1.
const PADDING_EVIDENCE: usize = 2;

/// A text that never meets a Latin word and spaces numbers from CJK text at least this many
/// times has a typesetter's spacing, not a writer's: xeCJK, LibreOffice and Word put a gap
/// between CJK text and digits that extractors write as a space (`第 3 条`, `5 万元`). Corpus
/// sources: none of the 88 Chinese documents with numbers and no Latin word spaces a number
/// (all statutes; ../shared/eval's two such documents neither), while pdftotext's text of
/// their xelatex and LibreOffice PDFs spaces 698 of 730 such joints. Fewer are left to the
/// writer: pangu.js's and AutoCorrect's test sentences, spaced by hand, have up to 7
/// (`美国 11 月原油出口下降至 302.3 万桶/日，10 月为 338.3 万桶/日。`); 24 of 33 such statute
/// PDFs have 8 or more.
const MIN_SPACED_DIGITS_ALONE: usize = 8;

/// Which side of its pair a curly quote is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Open,
    Close,
}

/// Curly quotes through a paragraph: `“` opens, `’` closes (it is also the apostrophe), and
/// `”` closes an open `“` or else opens, as writers who type `”` for both do (`男主 ”见路不走”`).
#[derive(Debug, Default, Clone, Copy)]
struct Quotes {
    double_open: bool,
}

impl Quotes {
    /// The side of `c` if it is a curly quote, read at this point of the paragraph.
    fn meet(&mut self, c: char) -> Option<Side> {
        match c {
            '“' => {
                self.double_open = true;
                Some(Side::Open)
            }
            '”' => {
                self.double_open = !self.double_open;
                Some(if self.double_open {
                    Side::Open
                } else {
                    Side::Close
                })
            }
            '‘' => Some(Side::Open),
            '’' => Some(Side::Close),
            _ => None,
        }
    }
}

/// A word char: an ideograph, a Latin letter or a digit.
fn is_word(c: char) -> bool {
    is_ideo(c) || is_latin_or_digit(c)
}

/// Where a space between `a` and `b` sits relative to curly quotes (`a_side`, `b_side`: their
/// sides if they are curly quotes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuoteGap {
    /// Not next to a curly quote between words.
    None,
    /// Inside the pair (`“ 学思想`, `学思想 ”`).
    Inside,
    /// Outside the pair (`提出 “时空`, `” 的`).
    Outside,
}

fn quote_gap(a: char, a_side: Option<Side>, b: char, b_side: Option<Side>) -> QuoteGap {
    if a_side == Some(Side::Open) && is_word(b) || b_side == Some(Side::Close) && is_word(a) {
        QuoteGap::Inside
    } else if is_word(a) && b_side == Some(Side::Open) || a_side == Some(Side::Close) && is_word(b)
    {
        QuoteGap::Outside
    } else {
        QuoteGap::None
    }
}

/// Counts of how CJK meets Latin/digits, full-width punctuation and quotes in the document:
/// the evidence for its spacing style.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Style {
    /// CJK then spaces then Latin/digit, or the reverse.
    spaced: usize,
    /// CJK directly against Latin/digit.
    tight: usize,
    /// Of `spaced` and `tight`, those where the Latin side is a digit (`2023 年`, `7月`).
    spaced_digit: usize,
    tight_digit: usize,
    /// Ideograph, two or more spaces, Latin/digit: an extractor that adds a space at every
    /// font switch (pypdf) shows a real space as two.
    doubled: usize,
    /// Ideograph, one space, Latin/digit.
    single_before_latin: usize,
    /// A space between full-width punctuation and a Latin token (`， AI`, `、 *ST`,
    /// `WebRTC ，`).
    punct_spaced: usize,
    /// Full-width punctuation directly against a Latin token (`，AI`, `WebRTC，`).
    punct_tight: usize,
    /// Spaces no writer types: between full-width punctuation and a word or an ASCII symbol
    /// (`， AI`, `、 *ST`, `WebRTC ，`, `LIBS ）`), or inside a curly-quote pair in Chinese text
    /// (`“ 学思想`).
    padding: usize,
    /// Spaces inside a curly-quote pair in Chinese text.
    quote_spaces: usize,
    /// Spaces inside ASCII brackets around CJK text (`( 五 )`): an extractor that pads every
    /// switch between the CJK and the Latin font (pypdf) writes them; no writer does.
    bracket_spaced: usize,
    /// In Chinese text, a space between a word and a curly quote outside its pair
    /// (`提出 “时空`, `” 的`) …
    quote_out_spaced: usize,
    /// … and a word directly against one (`提出“时空`, `”的`).
    quote_out_tight: usize,
}

impl Style {
    fn of(s: &str) -> Style {
        let mut st = Style::default();
        for (_, para) in paragraphs(s) {
            st.add_paragraph(para);
        }
        st
    }

    fn add_paragraph(&mut self, para: &str) {
        let cjk_para = para.chars().any(is_ideo);
        // `(` alone is searched for (memchr): a two-byte pattern is searched for byte by byte.
        if cjk_para
            && para
                .match_indices('(')
                .any(|(at, _)| para[at + 1..].starts_with(' '))
        {
            let padded = padded_brackets(para);
            self.bracket_spaced += padded;
            self.padding += padded;
        }
        let mut quotes = Quotes::default();
        let (mut prev, mut prev_side): (Option<char>, Option<Side>) = (None, None);
        let mut run = 0usize;
        let mut chars = para.chars();
        while let Some(c) = chars.next() {
            if c == ' ' {
                run += 1;
                continue;
            }
            // Most characters are common ideographs right after another character: without a
            // space or a quote between, only a Latin letter or digit before one counts.
            if run == 0 && prev_side.is_none() && is_basic_ideograph(c) {
                if let Some(b) = prev.filter(|&b| is_latin_or_digit(b)) {
                    self.tight += 1;
                    self.tight_digit += usize::from(b.is_ascii_digit());
                }
                prev = Some(c);
                // The ones after it count nothing: stepped over on the bytes.
                let rest = chars.as_str();
                let n = basic_ideograph_run(rest);
                if n > 0 {
                    prev = rest[3 * (n - 1)..].chars().next();
                    chars = rest[3 * n..].chars();
                }
                continue;
            }
            let side = quotes.meet(c);
            if let Some(b) = prev {
                // Only a curly quote makes a gap other than `None` (7% of the cleanup's time
                // went to asking for every pair of characters).
                let gap = if cjk_para && (prev_side.is_some() || side.is_some()) {
                    quote_gap(b, prev_side, c, side)
                } else {
                    QuoteGap::None
                };
                if run > 0 {
                    if is_ideo(b) && is_latin_or_digit(c) || is_latin_or_digit(b) && is_ideo(c) {
                        self.spaced += 1;
                        self.spaced_digit += usize::from(b.is_ascii_digit() || c.is_ascii_digit());
                    }
                    if is_ideo(b) && is_latin_or_digit(c) {
                        if run >= 2 {
                            self.doubled += 1;
                        } else {
                            self.single_before_latin += 1;
                        }
                    }
                    // A Latin token may start with a symbol (`， *ST`).
                    let lead = |x: char| is_latin_or_digit(x) || is_latin_lead(x, Some('A'));
                    if is_fw_punct(b) && lead(c) || is_latin_or_digit(b) && is_fw_punct(c) {
                        self.punct_spaced += 1;
                    }
                    if is_fw_punct(b) && (is_word(c) || lead(c)) || is_word(b) && is_fw_punct(c) {
                        self.padding += 1;
                    }
                    match gap {
                        QuoteGap::Inside => {
                            self.quote_spaces += 1;
                            self.padding += 1;
                        }
                        QuoteGap::Outside => self.quote_out_spaced += 1,
                        QuoteGap::None => {}
                    }
                } else {
                    if is_ideo(b) && is_latin_or_digit(c) || is_latin_or_digit(b) && is_ideo(c) {
                        self.tight += 1;
                        self.tight_digit += usize::from(b.is_ascii_digit() || c.is_ascii_digit());
                    }
                    if is_fw_punct(b) && is_latin_or_digit(c)
                        || is_latin_or_digit(b) && is_fw_punct(c)
                    {
                        self.punct_tight += 1;
                    }
                    if gap == QuoteGap::Outside {
                        self.quote_out_tight += 1;
                    }
                }
            }
            run = 0;
            prev = Some(c);
            prev_side = side;
        }
    }

    /// Whether the extractor put a space at every font switch, so that the writer's spaces
    /// show doubled and a single one is padding.
    fn pads_font_switches(&self) -> bool {
        self.doubled >= 3 && self.doubled >= self.single_before_latin
    }

    /// Whether the document shows an extractor's padding rather than a slip or two.
    fn padded(&self) -> bool {
        self.padding >= PADDING_EVIDENCE
    }

    /// Whether spaces between CJK and Latin/digits are artifacts to remove.
    ///
    /// They are the writer's when an extractor that pads every font switch shows them doubled,
    /// or when the text spaces CJK and Latin far more often than not, with no sign of a
    /// padding extractor (spaces next to full-width punctuation, three inside quotes).
    ///
    /// The padding extractor shows as spaces between full-width punctuation and Latin tokens,
    /// or inside ASCII brackets around CJK text (`( 五 )`, a law's items in pypdf), in a text
    /// that never sets CJK and Latin tight: more than one, for one is a slip
    /// (`刚刚买了一部 iPhone ，好开心！`), and in most places where the two meet: a padding
    /// extractor pads them all, while a writer's text read from a justified page shows a few
    /// spaced among many set tight (`例 如 ， LIMIT 10 。` in a letter-spaced line).
    fn spaces_are_artifacts(&self) -> bool {
        self.artifacts_given(self.spaced, self.tight)
    }

    /// [`Style::spaces_are_artifacts`] on the spaced and tight counts of one kind of Latin
    /// text.
    fn artifacts_given(&self, spaced: usize, tight: usize) -> bool {
        let mostly_spaced = spaced > 0 && tight * 4 < spaced;
        let padding = self.punct_spaced + self.bracket_spaced;
        let padded = tight == 0 && padding >= PADDING_EVIDENCE && padding > self.punct_tight;
        !(self.pads_font_switches() || self.quote_spaces < 3 && mostly_spaced && !padded)
    }

    /// Whether the typesetter put a gap at every switch between the CJK and the Latin font
    /// (xeCJK, LibreOffice, Word): the text spaces numbers from CJK text at least
    /// [`MIN_SPACED_DIGITS_ALONE`] times and never meets a Latin word.
    fn typesetter_spaced(&self) -> bool {
        let no_words = self.spaced == self.spaced_digit && self.tight == self.tight_digit;
        no_words && self.spaced_digit >= MIN_SPACED_DIGITS_ALONE && !self.pads_font_switches()
    }

    /// Which spaces between CJK and Latin text are artifacts: those next to Latin words, and
    /// those next to digits.
    ///
    /// Many writers space Latin words and set numbers tight (`使用 Vue 组件`, `7月16日`): the
    /// corpus's translated documentation, with a news dateline in front. Counted together,
    /// the tight dates outvoted the spaced words and every space went. So when the words
    /// alone say the spaces are the writer's, their spaces stay and the digits' follow the
    /// whole count. The other way round (digits spaced, words tight) is an extractor's
    /// (`2 月 20 日` beside `X的建设` in ../shared/samples), and the whole count decides both.
    ///
    /// A text that spaces its numbers and never meets a Latin word was spaced by its
    /// typesetter ([`Style::typesetter_spaced`]).
    fn mixed_artifacts(&self) -> MixedArtifacts {
        let all = self.spaces_are_artifacts();
        let words = self.artifacts_given(
            self.spaced - self.spaced_digit,
            self.tight - self.tight_digit,
        );
        MixedArtifacts {
            words: all && words,
            digits: all || self.typesetter_spaced(),
        }
    }

    /// Whether spaces between a word and a curly quote outside its pair (`提出 “时空`) are
    /// padding: the document pads (a space inside a quote pair is the extractor's signature),
    /// or quotes touch words directly at least as often.
    fn quote_spaces_are_artifacts(&self) -> bool {
        self.padded() || self.quote_spaces > 0 || self.quote_out_tight >= self.quote_out_spaced
    }
}

/// How many ASCII bracket pairs in `para` hold CJK text padded inside on both sides
/// (`( 五 )`, `( 简称陆源 )`). A letter-spaced line (`( 超 文 本 )`, justified type read gap by
/// gap) is no evidence: there every char is spaced, the brackets' contents included.
fn padded_brackets(para: &str) -> usize {
    /// Longest bracketed note looked at, in chars.
    const MAX_NOTE: usize = 40;
    let mut n = 0;
    for (at, _) in para.match_indices("( ") {
        let inner: String = para[at + 2..].chars().take(MAX_NOTE).collect();
        let Some(close) = inner.find(" )") else {
            continue;
        };
        let note = inner[..close].trim_start();
        let chars: Vec<char> = note.chars().collect();
        let letter_spaced = chars
            .windows(3)
            .any(|w| is_ideo(w[0]) && w[1] == ' ' && is_ideo(w[2]));
        if chars.first().copied().is_some_and(is_ideo)
            && chars.last().copied().is_some_and(is_ideo)
            && !letter_spaced
        {
            n += 1;
        }
    }
    n
}

/// Which spaces between CJK and Latin text are a PDF's artifacts (see
/// [`Style::mixed_artifacts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MixedArtifacts {
    /// Next to a Latin word (`使用 Vue`).
    pub(crate) words: bool,
    /// Next to a digit (`2023 年`).
    pub(crate) digits: bool,
}

impl MixedArtifacts {
    /// The same verdict for both kinds.
    pub(crate) const fn both(artifacts: bool) -> MixedArtifacts {
        MixedArtifacts {
            words: artifacts,
            digits: artifacts,
        }
    }

    /// Whether a space between CJK text and the Latin char `c` is an artifact.
    pub(crate) fn next_to(self, c: char) -> bool {
        if c.is_ascii_digit() {
            self.digits
        } else {
            self.words
        }
    }
}

/// Whether the spaces between CJK and Latin text or digits in `s` are an extractor's padding
/// of font switches rather than the writer's (`从 2010 年`). `memo` as for
/// [`fix_spacing_with`].
pub(crate) fn mixed_artifacts(s: &str, memo: &mut StyleMemo) -> MixedArtifacts {
    memo.of(s).mixed_artifacts()
}

/// What the document's style says about the spaces of one paragraph.
#[derive(Debug, Clone, Copy)]
struct Evidence {
    /// Which spaces between CJK and Latin text are artifacts.
    remove_mixed: MixedArtifacts,
    /// The extractor padded every font switch (see [`Style::pads_font_switches`]).
    pads_font_switches: bool,
    /// The document shows an extractor's padding (see [`Style::padded`]).
    padded: bool,
    /// The typesetter spaced every font switch (see [`Style::typesetter_spaced`]).
    typesetter_spaced: bool,
    /// Spaces outside curly quotes are artifacts.
    remove_quote_spaces: bool,
    /// The paragraph has ideographs, so its curly quotes are Chinese quotes.
    cjk_para: bool,
}

/// The spaces to remove (PDF font-switch padding) or add (pangu) in every paragraph.
fn plan_space_fixes(s: &str, style: Style, options: &CleanOptions) -> Vec<Edit> {
    let mut ev = Evidence {
        remove_mixed: if options.fix_spacing && !options.pangu {
            style.mixed_artifacts()
        } else {
            MixedArtifacts::both(false)
        },
        pads_font_switches: style.pads_font_switches(),
        padded: style.padded(),
        typesetter_spaced: options.fix_spacing && !options.pangu && style.typesetter_spaced(),
        remove_quote_spaces: style.quote_spaces_are_artifacts(),
        cjk_para: false,
    };
    let mut edits = Vec::new();
    let mut chars = Vec::new();
    let mut sides = Vec::new();
    for (start, para) in paragraphs(s) {
        // Every fix of `plan_paragraph` is at an ASCII space: a paragraph without one needs no
        // look (most paragraphs of Chinese text: reading them char by char was 2% of
        // `analyze` of a novel in wasm).
        if !para.as_bytes().contains(&b' ') {
            continue;
        }
        chars.clear();
        chars.extend(para.char_indices());
        ev.cjk_para = chars.iter().any(|&(_, c)| is_ideo(c));
        let mut quotes = Quotes::default();
        sides.clear();
        // Only Chinese paragraphs' curly quotes matter (see `space_is_artifact`).
        if ev.cjk_para && para.contains(['“', '”', '‘', '’']) {
            sides.extend(chars.iter().map(|&(_, c)| quotes.meet(c)));
        }
        let para = Para {
            chars: &chars,
            sides: &sides,
            len: para.len(),
            base: start,
        };
        plan_paragraph(&para, ev, options, &mut edits);
    }
    edits
}

fn paragraphs(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    s.split('\n').map(move |p| {
        let at = start;
        start += p.len() + 1;
        (at, p)
    })
}

/// One paragraph's chars with their byte offsets, and the side of each curly quote (empty
/// when no curly quote matters).
struct Para<'a> {
    chars: &'a [(usize, char)],
    sides: &'a [Option<Side>],
    len: usize,
    base: usize,
}

impl Para<'_> {
    fn at(&self, k: Option<usize>) -> Option<char> {
        k.and_then(|k| self.chars.get(k)).map(|&(_, c)| c)
    }
}

/// Whether the run of spaces `i..j` (between chars `i - 1` and `j`) is an artifact to remove.
fn space_is_artifact(p: &Para<'_>, i: usize, j: usize, ev: Evidence) -> bool {
    let (a, b) = (p.chars[i - 1].1, p.chars[j].1);
    let before_a = p.at(i.checked_sub(2));
    let after_b = p.at(Some(j + 1));
    // After a bullet that opens the paragraph (`• 第三项`): a list item's marker, not a
    // middle dot or CJK punctuation, whatever else the char may be.
    if i == 1 && is_bullet(a) {
        return false;
    }
    // Inside a curly-quote pair in Chinese text (`“ 学思想”`), outside one where the document
    // shows quote padding (`提出 “时空`, `“好” 的`).
    if ev.cjk_para {
        let side = |k: usize| p.sides.get(k).copied().flatten();
        match quote_gap(a, side(i - 1), b, side(j)) {
            QuoteGap::Inside => return true,
            QuoteGap::Outside => {
                return ev.remove_quote_spaces
                    && (is_ideo(a) || is_ideo(b) || ev.remove_mixed.words);
            }
            QuoteGap::None => {}
        }
    }
    // Inside full-width brackets (`（ 甲`), and ASCII brackets around CJK text (`( 单向流 )`).
    if is_fullwidth_opener(a) && !is_curly(a) || is_fullwidth_closer(b) && !is_curly(b) {
        return true;
    }
    if a == '(' && is_ideo(b) || is_ideo(a) && b == ')' {
        return true;
    }
    // Around a middle dot between CJK words (`X建引领· 天府论坛`, `保罗 ·埃尔德什`).
    if is_middle_dot(a) && (is_cjk(b) || before_a.is_some_and(is_ideo))
        || is_middle_dot(b) && is_ideo(a)
    {
        return true;
    }
    // After full-width punctuation (`， AI`), before it (`WebRTC ，`, `LIBS （TSMM`).
    if is_fw_punct(a) && (is_word(b) || is_cjk(b) || is_latin_lead(b, after_b)) {
        return true;
    }
    if is_fw_punct(b) && (is_word(a) || is_cjk(a)) {
        return !writer_space_before_bracket(a, b, j - i, ev);
    }
    // Before an ASCII question or exclamation mark that ends a CJK sentence (`是什么 ?`); a
    // mark spaced on both sides (`前面 ? 後面`) is a symbol the writer set apart.
    if is_ideo(a) && matches!(b, '?' | '!') && after_b.is_none_or(is_cjk) {
        return true;
    }
    // An ASCII comma or colon used as Chinese punctuation in padded text
    // (`专项分析, 一人一册`); pangu-style writers space them (`前面, 後面`).
    if ev.padded && matches!(a, ',' | ';' | ':') && before_a.is_some_and(is_han) && is_han(b) {
        return true;
    }
    // Around ASCII brackets next to CJK text in a padded text (`(五) 法律`, `污染源 (简称`): the
    // brackets are in the Latin font, and each font switch got a space.
    // So in a text whose typesetter spaced every font switch (`(一) 有利于`, `监事会 (以下`),
    // and after a list number's full stop there (`1. 国家统计调查项目`).
    if (ev.padded && (ev.remove_mixed.words || ev.remove_mixed.digits) || ev.typesetter_spaced)
        && (a == ')' && (is_ideo(b) || is_fw_punct(b)) || is_ideo(a) && b == '(')
    {
        return true;
    }
    if ev.typesetter_spaced
        && a == '.'
        && before_a.is_some_and(|d| d.is_ascii_digit())
        && is_ideo(b)
    {
        return true;
    }
    if is_ideo(a) && (is_latin_or_digit(b) || is_latin_lead(b, after_b)) {
        // A symbol leading a Latin token (`*ST`) goes with the token's first char.
        let latin = if is_latin_or_digit(b) {
            b
        } else {
            after_b.unwrap_or(b)
        };
        return ev.remove_mixed.next_to(latin);
    }
    is_latin_or_digit(a) && is_ideo(b) && ev.remove_mixed.next_to(a)
}

/// Whether one space between an ideograph and an opening full-width bracket is the writer's:
/// news wires set the reporter's note apart (`兰州6月11日电 （记者 …）`), and a document
/// without an extractor's padding ([`Style::padded`]) gives no reason to think otherwise.
/// Padding extractors show elsewhere too (`LIBS （ TSMM`), and then the space goes.
fn writer_space_before_bracket(a: char, b: char, spaces: usize, ev: Evidence) -> bool {
    spaces == 1 && b == '（' && is_ideo(a) && !ev.padded
}

/// Whether the space at `chars[i..j]` is one of the two an extractor put around a hyphen or
/// slash joining Chinese words (`客户端 - 服务器`, `小的 / 无序的`): the symbol is in the Latin
/// font, and each font switch got a space.
fn pads_a_joiner(p: &Para<'_>, i: usize, j: usize) -> bool {
    let joiner = |c: Option<char>| matches!(c, Some('-' | '/'));
    let ideo = |c: Option<char>| c.is_some_and(is_ideo);
    let at = |k: Option<usize>| p.at(k);
    // Space, joiner, optional space, ideograph: the space after an ideograph.
    let before_joiner = ideo(at(i.checked_sub(1)))
        && joiner(at(Some(j)))
        && (ideo(at(Some(j + 1))) || at(Some(j + 1)) == Some(' ') && ideo(at(Some(j + 2))));
    // Ideograph, optional space, joiner, space, ideograph: the space after the joiner.
    let after_joiner = joiner(at(i.checked_sub(1)))
        && ideo(at(Some(j)))
        && (ideo(at(i.checked_sub(2)))
            || at(i.checked_sub(2)) == Some(' ') && ideo(at(i.checked_sub(3))));
    before_joiner || after_joiner
}

/// Whether `c` is an ASCII symbol leading a Latin token (`*ST`, `#1`, `@user`, `$5`, `+86`):
/// one of those symbols with a Latin letter or digit right after it. Alone (`研发 & 测试`,
/// `关注 @人民日报`) it is a word of its own and keeps its spaces.
fn is_latin_lead(c: char, next: Option<char>) -> bool {
    matches!(c, '*' | '#' | '@' | '$' | '+' | '&' | '~') && next.is_some_and(is_latin_or_digit)
}

fn plan_paragraph(p: &Para<'_>, ev: Evidence, options: &CleanOptions, edits: &mut Vec<Edit>) {
    let chars = p.chars;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c != ' ' {
            i += 1;
            continue;
        }
        // A run of spaces between chars[i - 1] and chars[j].
        let mut j = i;
        while j < chars.len() && chars[j].1 == ' ' {
            j += 1;
        }
        let end = chars.get(j).map_or(p.len, |&(e, _)| e);
        if i == 0 || j == chars.len() {
            i = j;
            continue;
        }
        let (a, b) = (chars[i - 1].1, chars[j].1);
        let padding = ev.pads_font_switches && j - i == 1 && pads_a_joiner(p, i, j);
        if options.fix_spacing && (padding || space_is_artifact(p, i, j, ev)) {
            edits.push(Edit::delete(
                p.base + at..p.base + end,
                FixKind::SpaceRemoved,
            ));
        } else if j - i > 1 && (options.fix_spacing || is_ideo(a) || is_ideo(b)) {
            // A run of spaces inside a paragraph is one space that the extractor widened.
            edits.push(Edit::delete(
                p.base + at + 1..p.base + end,
                FixKind::Whitespace,
            ));
        }
        i = j;
    }
}

/// Half-width punctuation that has a full-width form used in Chinese text.
fn fullwidth_of(c: char) -> Option<&'static str> {
    Some(match c {
        ',' => "，",
        '.' => "。",
        ':' => "：",
        '?' => "？",
        '!' => "！",
        '(' => "（",
        ')' => "）",
        _ => return None,
    })
}

/// Plans the optional conversion of half-width punctuation inside Chinese sentences: a mark
/// that follows an ideograph (or closes a bracket opened after one) and is followed by CJK
/// text, a space or the end of the paragraph, and a comma or question mark between a Latin
/// word and CJK (`iPhone,好开心`). Digits (`1.7`), Latin text, URLs and code keep their
/// punctuation because the char before the mark is not an ideograph there; `;` is never
/// converted (as AutoCorrect).
fn plan_fullwidth(s: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut chars: Vec<(usize, char)> = Vec::new();
    for (base, para) in paragraphs(s) {
        chars.clear();
        chars.extend(para.char_indices());
        let mut open: Option<usize> = None;
        let mut in_url = false;
        for k in 0..chars.len() {
            let (at, c) = chars[k];
            if c.is_whitespace() || is_cjk(c) {
                in_url = false;
            } else if !in_url && (para[at..].starts_with("http") || para[at..].starts_with("www."))
            {
                in_url = true;
            }
            if in_url {
                continue;
            }
            let prev = k.checked_sub(1).map(|p| chars[p].1);
            let next = chars.get(k + 1).map(|&(_, n)| n);
            // After an ideograph or a full-width closing bracket; a curly quote may close an
            // English quotation (`“formatting instructions”.`).
            let after_han =
                prev.is_some_and(|p| is_ideo(p) || is_fullwidth_closer(p) && !is_curly(p));
            // A comma or question mark after a Latin word inside a Chinese sentence
            // (`iPhone,好开心`), as AutoCorrect converts it.
            let word_before_han = prev.is_some_and(|p| p.is_ascii_alphanumeric())
                && chars[k + 1..]
                    .iter()
                    .find(|&&(_, x)| x != ' ')
                    .is_some_and(|&(_, x)| is_ideo(x));
            let before_cjk =
                next.is_none_or(|n| is_cjk(n) || n == ' ' || is_latin_or_digit(n) && c != '.');
            let replace = |edits: &mut Vec<Edit>, rep: &'static str| {
                edits.push(Edit::replace(
                    base + at..base + at + c.len_utf8(),
                    rep,
                    FixKind::Punctuation,
                ));
            };
            match c {
                '(' => {
                    let inner_han = chars[k + 1..]
                        .iter()
                        .take(40)
                        .take_while(|&&(_, x)| x != ')' && x != '(')
                        .any(|&(_, x)| is_han(x));
                    if let Some(unclosed) = open.take() {
                        edits.remove(unclosed);
                    }
                    if prev.is_some_and(is_han) || inner_han {
                        open = Some(edits.len());
                        replace(&mut edits, "（");
                    } else {
                        open = None;
                    }
                }
                ')' if open.take().is_some() => replace(&mut edits, "）"),
                '.' if after_han && next.is_none_or(|n| is_cjk(n) || n == ' ') => {
                    replace(&mut edits, "。")
                }
                ',' | '?' if word_before_han => {
                    if let Some(rep) = fullwidth_of(c) {
                        replace(&mut edits, rep);
                    }
                }
                // Not `;`: AutoCorrect leaves it, as code and lists use it between CJK too.
                ',' | ':' | '?' | '!' if after_han && before_cjk => {
                    if let Some(rep) = fullwidth_of(c) {
                        replace(&mut edits, rep);
                    }
                }
                _ => {}
            }
        }
        if let Some(unclosed) = open {
            edits.remove(unclosed);
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bullet_opening_a_paragraph_keeps_its_space() {
        // `•` is also CJK punctuation and a middle dot: only inside a paragraph.
        let o = CleanOptions::default();
        assert_eq!(run("• 第三项\n· 第四项", &o), "• 第三项\n· 第四项");
        assert_eq!(run("保罗 •埃尔德什", &o), "保罗•埃尔德什");
        let a = crate::analyze("• 第一项\n• 第二项\n• 第三项\n", &crate::Options::default());
        assert!(
            a.edits.iter().all(|f| f.kind != FixKind::SpaceRemoved),
            "{a:?}"
        );
        assert_eq!(a.blocks.last().map(|b| b.text.as_str()), Some("• 第三项"));
    }

    fn run(s: &str, options: &CleanOptions) -> String {
        let mut t = Tracked::new(s);
        fix_spacing(&mut t, options);
        t.as_str().to_owned()
    }

    #[test]
    fn removes_font_switch_spaces() {
        let o = CleanOptions::default();
        assert_eq!(
            run("2023 年,是X的开局之年,“ 学思想” 的火热课堂", &o),
            "2023年,是X的开局之年,“学思想”的火热课堂"
        );
        // Two padded quotes: an extractor's, so the ASCII comma's space is padding too.
        assert_eq!(
            run(
                "举办第三届“ X建引领· 天府论坛”。“ 学思想”,专项分析, 一人一册",
                &o
            ),
            "举办第三届“X建引领·天府论坛”。“学思想”,专项分析,一人一册"
        );
        assert_eq!(run("“ 1+1+3”“ 1+2” 意见", &o), "“1+1+3”“1+2”意见");
        assert_eq!(run("WebTransport 是什么 ?", &o), "WebTransport 是什么?");
    }

    #[test]
    fn spaces_next_to_fullwidth_punctuation_go() {
        let o = CleanOptions::default();
        // pypdf pads every switch between the Latin and the CJK font.
        assert_eq!(
            run(
                "研究团队创新提出 “时空介质协同调制LIBS （TSMM-LIBS ）”技术方案",
                &o
            ),
            "研究团队创新提出“时空介质协同调制LIBS（TSMM-LIBS）”技术方案"
        );
        assert_eq!(
            run("利亚姆 ·普莱斯在大语言模型中， AI还能够。 LIBS技术", &o),
            "利亚姆·普莱斯在大语言模型中，AI还能够。LIBS技术"
        );
        // ASCII brackets keep the writer's spaces outside, not the padding inside.
        assert_eq!(
            run("单向流 (字节流) 、双向流", &o),
            "单向流 (字节流) 、双向流"
        );
        // pypdf shows the writer's spaces doubled: the single ones are its padding.
        assert_eq!(
            run(
                "从  2010 年开始，基于  WebSocket 的  WebRTC，单向流  ( 字节流 ) 、双向流",
                &o
            ),
            "从 2010 年开始，基于 WebSocket 的 WebRTC，单向流 (字节流) 、双向流"
        );
        // Padded brackets and no writer's space anywhere: every font switch was padded.
        assert_eq!(
            run("单向流 ( 字节流 ) 、双向流 ( 全双工流 ) 和数据报文", &o),
            "单向流(字节流)、双向流(全双工流)和数据报文"
        );
    }

    #[test]
    fn a_news_wire_space_before_a_bracket_stays_unless_the_text_is_padded() {
        let o = CleanOptions::default();
        let wire = "科技日报兰州6月11日电 （记者颉满斌）研究团队提出新方案。";
        assert_eq!(run(wire, &o), wire);
        // The same space in a text whose extractor pads full-width punctuation goes.
        assert_eq!(
            run("兰州6月11日电 （记者）调制LIBS （ TSMM ）技术， AI方案", &o),
            "兰州6月11日电（记者）调制LIBS（TSMM）技术，AI方案"
        );
        // Two spaces, or a space after punctuation, are never the writer's.
        assert_eq!(run("兰州电  （记者）", &o), "兰州电（记者）");
        assert_eq!(run("方案。 （记者）", &o), "方案。（记者）");
    }

    #[test]
    fn keeps_meaningful_spaces() {
        let o = CleanOptions::default();
        assert_eq!(
            run("奋进现代化建设新征程 彰显组织工作新担当新作为", &o),
            "奋进现代化建设新征程 彰显组织工作新担当新作为"
        );
        assert_eq!(
            run("This is English, with spaces.", &o),
            "This is English, with spaces."
        );
        // A writer who always spaces CJK and Latin keeps those spaces.
        assert_eq!(
            run("从 2010 年开始，WebRTC 就是 Web 实时通信的标准。", &o),
            "从 2010 年开始，WebRTC 就是 Web 实时通信的标准。"
        );
    }

    #[test]
    fn leaves_correct_text_alone() {
        let o = CleanOptions::default();
        for clean in [
            // English curly quotes, and the apostrophe.
            "She said “yes” and left. It’s ‘fine’ now, rock ’n’ roll.",
            "Without looking like it’s ‘been’ marked up with tags or “formatting instructions”.",
            // A standalone symbol is a word of its own.
            "研发 & 测试部门，关注 @人民日报 获取，前面 #銀河公車指南 #銀河拖吊車指南 後面",
            "前面 * 後面，前面 $ 後面，前面 ~= 後面，你 + 我 = 我們，\"字 +\"",
            // Pangu-style quotes, ellipses, ASCII punctuation and question marks.
            "阿里云开源 “计算王牌” Blink，实时计算时代已来",
            "《战斧骨》里的男主 ”见路不走”，不从峡谷入口走",
            "前面… 後面，前面: 後面，前面; 後面，前面 ? 後面",
            // One slip does not make the document padded: the space before `，` goes, the
            // writer's spaces stay.
            "刚刚买了一部 iPhone，好开心！",
        ] {
            assert_eq!(run(clean, &o), clean);
        }
        assert_eq!(
            run("刚刚买了一部 iPhone ，好开心！", &o),
            "刚刚买了一部 iPhone，好开心！"
        );
    }

    #[test]
    fn style_vote() {
        // pypdf shows the writer's own space as two, its padding as one.
        let pypdf_spaced = "从  2010 年开始，⾕歌引⼊了  WebRTC 来解决。基于  WebSocket 的  WebRTC 已经不是。协议（ API 集合）";
        assert!(!Style::of(pypdf_spaced).spaces_are_artifacts());
        let pypdf_news = "近日， *ST 创兴、 *ST 沪科 3 只个股，截至 6 月 8 日， A 股市场";
        assert!(Style::of(pypdf_news).spaces_are_artifacts());
        let tight = "截至6月8日，A股市场ST公司约238家，2026 年起";
        assert!(Style::of(tight).spaces_are_artifacts());
        // pypdf on a law that sets digits tight: every font switch padded, brackets included.
        let pypdf_law =
            "( 一 ) 自收到申请之日起 15 日内，发给通知书；\n( 二 ) 在发出通知之日起 2 个月内公告。";
        assert!(Style::of(pypdf_law).spaces_are_artifacts());
        assert_eq!(
            run(pypdf_law, &CleanOptions::default()),
            "(一)自收到申请之日起15日内，发给通知书；\n(二)在发出通知之日起2个月内公告。"
        );
        // A writer who spaces mixed text and brackets a note (`(见 附录)`) once is no padder.
        let writer = "详见 2.3 节 (见附录 )，从 2010 年开始使用 WebRTC 协议。";
        assert!(!Style::of(writer).spaces_are_artifacts());
        // A writer who spaces mixed text, read from justified type: a few spaces next to
        // full-width punctuation among many tight ones are no padding.
        let justified = "例 如 ， LIMIT 10 。用 TiDB 查询，LIMIT 是关键字，Hibernate 也是。\n\
                         在 SQL 中，ORDER BY 与 LIMIT 一起用：TiDB 会优化。";
        assert!(!Style::of(justified).spaces_are_artifacts());
        // Justified type read gap by gap spaces every char, brackets' contents too.
        let letter_spaced = "生 成  HTML ( 超 文 本 标 记 语 言 ) 的 JavaScript ( 甲 乙 )";
        assert!(!Style::of(letter_spaced).spaces_are_artifacts());
        assert_eq!(
            run(pypdf_spaced, &CleanOptions::default()),
            "从 2010 年开始，⾕歌引⼊了 WebRTC 来解决。基于 WebSocket 的 WebRTC 已经不是。协议（API 集合）"
        );
    }

    #[test]
    fn a_writer_who_spaces_words_but_not_numbers_keeps_the_word_spaces() {
        // Translated documentation behind a news dateline: words spaced, dates tight. Counted
        // together, the dates outvoted the words.
        let docs = "本报杭州7月16日电（记者 夏梅）每个 Vue 组件实例在创建时都需要经历一系列的初始化步骤，挂载实例到 DOM，以及在数据改变时更新 DOM。";
        let style = Style::of(docs);
        assert!(style.spaces_are_artifacts());
        assert_eq!(
            style.mixed_artifacts(),
            MixedArtifacts {
                words: false,
                digits: true
            }
        );
        assert_eq!(run(docs, &CleanOptions::default()), docs);
        // A stray digit space in such a text goes; the words' spaces stay.
        let stray = docs.replace("7月16日", "7月 16 日");
        assert_eq!(run(&stray, &CleanOptions::default()), docs);
        // Digits spaced among tight words is an extractor's (../shared/samples): all go.
        let epaper = "全面贯彻X的二十大精神，推动X的建设，2 月 20 日召开会议，共 12 个单位";
        assert_eq!(
            run(epaper, &CleanOptions::default()),
            "全面贯彻X的二十大精神，推动X的建设，2月20日召开会议，共12个单位"
        );
    }

    #[test]
    fn numbers_spaced_in_a_text_without_latin_words_are_the_typesetters() {
        // A statute set by xelatex or LibreOffice: every number spaced, no Latin word.
        let statute = "第三条 骗取国家出口退税款 5 万元以上的，为“数额较大”；骗取 50 万元以上的，为“数额巨大”；骗取 250 万元以上的，为“数额特别巨大”。第四条 自 2002 年 9 月 23 日起施行。";
        assert_eq!(
            run(statute, &CleanOptions::default()),
            "第三条 骗取国家出口退税款5万元以上的，为“数额较大”；骗取50万元以上的，为“数额巨大”；骗取250万元以上的，为“数额特别巨大”。第四条 自2002年9月23日起施行。"
        );
        // Its brackets and list numbers are in the Latin font: spaced the same way.
        let items = format!("{statute}\n(一) 有利于促进中国文物保护；\n1. 国家统计调查项目由监事会 (以下简称监事会) 提出。");
        assert_eq!(
            run(&items, &CleanOptions::default()),
            format!(
                "{}\n(一)有利于促进中国文物保护；\n1.国家统计调查项目由监事会(以下简称监事会)提出。",
                run(statute, &CleanOptions::default())
            )
        );
        // A hand-spaced sentence (pangu.js's test case) has too few to tell: it stays.
        let pangu = "美国统计局：美国 11 月原油出口下降至 302.3 万桶/日，10 月为 338.3 万桶/日。";
        assert_eq!(run(pangu, &CleanOptions::default()), pangu);
        // With a Latin word spaced too, the spacing is the writer's style.
        let styled = statute.replace("第四条", "第四条 PDF 版");
        assert_eq!(run(&styled, &CleanOptions::default()), styled);
    }

    #[test]
    fn padding_around_a_hyphen_or_slash_between_chinese_words_goes() {
        // pypdf: the writer's spaces doubled, the hyphen and slash padded as font switches.
        let pypdf = "从  2010 年开始，基于  WebSocket 的  WebRTC 已经不是。可插拔的客户端 - 服务器通信协议，数据报文 ( 小的 / 无序的 / 不可靠的消息 )";
        assert_eq!(
            run(pypdf, &CleanOptions::default()),
            "从 2010 年开始，基于 WebSocket 的 WebRTC 已经不是。可插拔的客户端-服务器通信协议，数据报文 (小的/无序的/不可靠的消息)"
        );
        // Without that evidence a spaced dash is the writer's (a page title and its site).
        let title = "三峡水运新通道开工 - 新华网，2026年6月12日";
        assert_eq!(run(title, &CleanOptions::default()), title);
        // Latin on either side is not a Chinese compound.
        let latin =
            "从  2010 年开始，基于  WebSocket 的  WebRTC 已经不是。TCP / IP 协议和 A - B 测试";
        assert!(run(latin, &CleanOptions::default()).ends_with("TCP / IP 协议和 A - B 测试"));
    }

    #[test]
    fn pangu_style() {
        let o = CleanOptions {
            pangu: true,
            ..CleanOptions::default()
        };
        assert_eq!(run("在2023年使用WebRTC", &o), "在 2023 年使用 WebRTC");
        let once = run("在2023年使用WebRTC", &o);
        assert_eq!(run(&once, &o), once);
    }

    #[test]
    fn pangu_as_pangu_js() {
        let o = CleanOptions {
            pangu: true,
            ..CleanOptions::default()
        };
        for (input, want) in [
            ("用C++的人", "用 C++ 的人"),
            ("氣溫-5度", "氣溫 -5 度"),
            ("請@vinta吃大便", "請 @vinta 吃大便"),
            ("成長了20%而已", "成長了 20% 而已"),
            ("前面+後面", "前面 + 後面"),
            ("前面/後面", "前面 / 後面"),
            ("前面-後面", "前面 - 後面"),
            ("前面(中文)後面", "前面 (中文) 後面"),
            ("前面\"中文\"後面", "前面 \"中文\" 後面"),
            ("中文αβγ中文", "中文 αβγ 中文"),
            ("中文state-of-the-art中文", "中文 state-of-the-art 中文"),
        ] {
            assert_eq!(run(input, &o), want, "{input}");
            assert_eq!(run(want, &o), want, "{want} not kept");
        }
    }

    #[test]
    fn pangu_and_fullwidth_as_autocorrect() {
        let o = CleanOptions {
            pangu: true,
            fullwidth_punctuation: true,
            ..CleanOptions::default()
        };
        for (input, want) in [
            (
                "刚刚买了一部 iPhone,好开心!",
                "刚刚买了一部 iPhone，好开心！",
            ),
            ("中文;中文", "中文;中文"),
            (
                "小米集团-W调整目标价为13.5港币",
                "小米集团-W 调整目标价为 13.5 港币",
            ),
            ("“腾讯”-发布-“新版”本微信", "“腾讯” - 发布 - “新版”本微信"),
            (
                "[成都](团800)招聘Rails工程师",
                "[成都](团 800) 招聘 Rails 工程师",
            ),
            (
                "适用于 “无声音” 问题的iPhone",
                "适用于“无声音”问题的 iPhone",
            ),
            (
                "프로덕션 환경에서 Rust를 사용",
                "프로덕션 환경에서 Rust 를 사용",
            ),
        ] {
            assert_eq!(run(input, &o), want, "{input}");
        }
    }

    #[test]
    fn fullwidth_punctuation_option() {
        let o = CleanOptions {
            fullwidth_punctuation: true,
            ..CleanOptions::default()
        };
        assert_eq!(
            run("2023年,是X委(X组)的开局之年:专项分析, 一人一册.", &o),
            "2023年，是X委（X组）的开局之年：专项分析，一人一册。"
        );
        assert_eq!(
            run("刚刚买了一部 iPhone,好开心!中文;中文", &o),
            "刚刚买了一部 iPhone，好开心！中文;中文"
        );
        // Numbers, URLs, code and English keep theirs.
        let en = "Without looking like it’s ‘been’ marked up with “formatting instructions”.";
        assert_eq!(run(en, &o), en);
        let kept = "增长1.7个百分点，见https://a.cn/x,y。代码f(x), Hello, world.";
        assert_eq!(run(kept, &o), kept);
        let once = run("分析 , 一(甲", &o);
        assert_eq!(run(&once, &o), once);
        assert!(!run("", &o).contains('（'));
    }
}

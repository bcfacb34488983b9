//! Reflow: lines as the PDF wrapped them → one line per paragraph.
//!
//! Each break between two lines is judged on its own evidence:
//! - a line that starts a numbered heading or list item starts a block;
//! - a line that ends mid-sentence (`，`, `、`, an opening quote) goes on;
//! - a letter-spaced line (justified text stretched because the next word did not fit) goes
//!   on, and so does a CJK line cut short by a Latin word that would not have fitted on it;
//! - otherwise the line's width against the block's wrap width decides: a line that stops
//!   short ends its paragraph, a full one goes on (one that ends a sentence only when it is
//!   as wide as the wrap width, and in Latin text only when the document's paragraphs are
//!   long enough for that to be likelier than a paragraph end);
//! - a blank line ends a paragraph, unless the text is blank-line noise (pdfminer puts blank
//!   lines inside paragraphs) or the line before it is full and unpunctuated;
//! - a page break (a form feed, or the mark the artifact stage leaves for removed
//!   furniture) does not end a paragraph by itself: the words on both sides are rejoined
//!   even when no wrap width can be inferred.
//!
//! Joins: nothing between CJK text, one space between Latin words. An end-of-line hyphen is
//! dropped (`docu-` / `mented` → `documented`) unless the document shows the hyphenated
//! form elsewhere, the joined word is not in the document while the part before the hyphen is
//! a word that forms compounds (`well-` / `known`), or the next line starts in upper case
//! or with a digit (`non-` / `CPython`): then the hyphen stays and nothing is put between.
//! Letter-spaced lines (`这 地 总 体 地 力`) are closed up.

mod decide;
mod features;
mod glue;
mod layout;
mod lines;
mod model;

use std::collections::HashSet;
use std::ops::Range;

pub use self::decide::Decision;
use self::decide::{decide, HEADER_TOP_LINES};
pub(crate) use self::features::dictionary_word;
pub use self::features::{feature_name, N_FEATURES};
use self::features::{features, Context, DocStats};
use self::glue::{document_words, joint, letter_spacing, Glue};
use self::layout::{gap, measure_layout};
use self::lines::{split_lines, Spaces};
pub use self::model::{use_model, Verdict};
use crate::edit::{Edit, FixKind, Tracked};
use crate::shapes::PAGE_BREAK;
use crate::spacing::{MixedArtifacts, StyleMemo};
use crate::CleanOptions;

/// Runs the reflow pass over `text`: afterwards paragraphs are separated by one `\n`, or by
/// one blank line where the text marked the break with blank lines.
/// Returns whether it changed anything.
pub fn reflow(text: &mut Tracked, options: &CleanOptions) -> bool {
    reflow_explained(text, options, None, &mut StyleMemo::default())
}

/// One break between two content lines, as reflow decided it.
#[derive(Debug, Clone, PartialEq)]
pub struct LineDecision {
    /// Byte offset in the input text of the line break after the first line: its `\n` (the
    /// `\r` of a `\r\n`). Where an earlier stage wrote the break itself (columns put side
    /// by side, a removed footer), the start of the input stretch that stage replaced.
    pub offset: usize,
    /// Byte range in the input text between the two lines' texts: trailing and leading
    /// whitespace, the break, blank lines and anything removed in between (footers,
    /// running headers).
    pub gap: Range<usize>,
    /// The rule that decided the break — or, when [`LineDecision::model`] is set, the rule
    /// the layout model was asked in place of.
    pub decision: Decision,
    /// The layout model's verdict, where the model decided the break (it then overrides
    /// `decision`), with the features that weighed most.
    pub model: Option<Verdict>,
    /// The break's evidence as the layout model reads it ([`feature_name`] names each).
    pub features: Vec<f32>,
}

impl LineDecision {
    /// Whether the two lines were joined into one paragraph.
    pub fn joined(&self) -> bool {
        self.model
            .as_ref()
            .map_or(self.decision.is_join(), |v| v.join)
    }

    /// The name of what decided: the rule's, or `model`.
    pub fn rule(&self) -> &'static str {
        if self.model.is_some() {
            MODEL_RULE
        } else {
            self.decision.name()
        }
    }
}

/// [`crate::Fix::rule`] of a join the layout model decided.
pub const MODEL_RULE: &str = "model";

/// One break as [`plan_reflow`] judged it, for [`explain`].
struct Judged {
    /// Offset of the `\n` after the first line.
    newline: usize,
    /// Range between the two lines' texts.
    gap: Range<usize>,
    decision: Decision,
    model: Option<Verdict>,
    features: Vec<f32>,
}

/// Every line break reflow decided while cleaning `text` with `options`, in input order,
/// keyed by its offset in `text`: the cleanup stages run as [`crate::clean`] runs them.
/// A later reflow pass sees again only the breaks the earlier ones kept: when it joins one,
/// its decision replaces the earlier one (the cleaned text follows it); when it keeps it,
/// the first pass's reason, judged on the text as extracted, stays. Empty when
/// `options.reflow` is off.
pub fn explain(text: &str, options: &CleanOptions) -> Vec<LineDecision> {
    let mut decisions = Vec::new();
    crate::clean_explained(text, options, Some(&mut decisions));
    decisions.sort_by_key(|d| d.offset);
    decisions
}

/// [`reflow`], adding each break's decision to `decisions` when asked (a join replaces the
/// break an earlier pass decided at the same input offset).
/// `memo` holds the spacing style of `text` or nothing, and is emptied when the text changes.
pub(crate) fn reflow_explained(
    text: &mut Tracked,
    options: &CleanOptions,
    decisions: Option<&mut Vec<LineDecision>>,
    memo: &mut StyleMemo,
) -> bool {
    let mut judged = Vec::new();
    let edits = plan_reflow(
        text.as_str(),
        options,
        decisions.is_some().then_some(&mut judged),
        memo,
    );
    if let Some(decisions) = decisions {
        let known: std::collections::HashMap<usize, usize> = decisions
            .iter()
            .enumerate()
            .map(|(i, d)| (d.offset, i))
            .collect();
        for j in judged {
            let offset = text.input_range(j.newline..j.newline + 1).start;
            let d = LineDecision {
                offset,
                gap: text.input_range(j.gap),
                decision: j.decision,
                model: j.model,
                features: j.features,
            };
            match known.get(&offset) {
                Some(&i) if d.joined() => decisions[i] = d,
                Some(_) => {}
                None => decisions.push(d),
            }
        }
    }
    let changed = !edits.is_empty();
    if changed {
        memo.forget();
    }
    text.apply(edits);
    changed
}

/// The edits of one reflow pass: joins, collapsed blank lines, trimmed lines, closed-up
/// letter spacing and page marks removed. `judged` receives, for each break between two
/// content lines, the offset of its `\n`, the range between the two texts and the decision
/// (all in `s`).
fn plan_reflow(
    s: &str,
    options: &CleanOptions,
    mut judged: Option<&mut Vec<Judged>>,
    memo: &mut StyleMemo,
) -> Vec<Edit> {
    // Without reflow no space is the writer's to keep at a join.
    let mixed = if options.reflow {
        crate::spacing::mixed_artifacts(s, memo)
    } else {
        MixedArtifacts::both(true)
    };
    let mut lines = split_lines(s, Spaces::of(!mixed.words));
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].text.is_empty())
        .collect();
    let lay = measure_layout(&mut lines, &content);
    let model = options.reflow.then(model::model).flatten();
    let doc = (judged.is_some() || model.is_some()).then(|| DocStats::measure(&lines, &content));
    let needs_words = options.reflow
        && content
            .iter()
            .any(|&i| lines[i].text.ends_with('-') && lines[i].text.len() > 1);
    let words = if needs_words {
        document_words(&lines)
    } else {
        HashSet::new()
    };
    let mut edits = Vec::new();
    let mut memo = model::Memo::default();
    let mut prev_content: Option<usize> = None;
    for (k, &i) in content.iter().enumerate() {
        let line = &lines[i];
        // Leading and trailing whitespace (and page-break marks) of the line.
        if line.text_start > line.start {
            edits.push(Edit::delete(line.start..line.text_start, FixKind::Layout));
        }
        if line.end > line.text_end {
            edits.push(Edit::delete(line.text_end..line.end, FixKind::Layout));
        }
        if let Some(p) = prev_content {
            let prev = &lines[p];
            let gap_range = prev.end..line.start;
            let g = gap(&lines, p, i);
            let after = content.get(k + 1).map(|&a| (&lines[a], gap(&lines, i, a)));
            let first = p == content[0];
            let decision = options
                .reflow
                .then(|| decide(prev, line, g, &lay, first, k < HEADER_TOP_LINES, after));
            // The layout model decides the breaks whose rule it was trained to replace.
            let mut verdict: Option<(bool, Option<Verdict>)> = None;
            if let (Some(d), Some(doc)) = (decision, &doc) {
                let ctx = Context {
                    prev,
                    next: line,
                    before: k.checked_sub(2).map(|b| &lines[content[b]]),
                    after: after.map(|(a, _)| a),
                    gap: g,
                    first,
                    decision: d,
                };
                let blank = g.blank && !lay.blank_noise || g.page;
                let asked = model.filter(|m| {
                    m.decides(d) && !model::rules_keep(&ctx, blank, lay.wrap.is_some(), doc)
                });
                if asked.is_some() || judged.is_some() {
                    let f = features(&ctx, &lay, doc);
                    if let Some(m) = asked {
                        verdict = Some(if judged.is_some() {
                            let v = m.verdict(&f, d.is_join());
                            (v.join, Some(v))
                        } else {
                            (m.joins(&f, d.is_join(), &mut memo), None)
                        });
                    }
                    if let Some(judged) = judged.as_deref_mut() {
                        judged.push(Judged {
                            newline: prev.end,
                            gap: prev.text_end..line.text_start,
                            decision: d,
                            model: verdict.as_mut().and_then(|(_, v)| v.take()),
                            features: f.to_vec(),
                        });
                    }
                }
            }
            let join = match (decision, &verdict) {
                (Some(_), Some((join, _))) => *join,
                (Some(d), None) => d.is_join(),
                (None, _) => false,
            };
            let rule = match (decision, &verdict) {
                (_, Some(_)) => MODEL_RULE,
                (Some(d), None) => d.name(),
                (None, _) => "",
            };
            match join {
                true => match joint(prev.text, line.text, &words, mixed) {
                    Glue::Dehyphenate => {
                        edits.push(
                            Edit::delete(prev.text_end - 1..prev.end, FixKind::Dehyphenate)
                                .because(rule),
                        );
                        edits.push(Edit::delete(gap_range, FixKind::LineJoin).because(rule));
                    }
                    Glue::Join(glue) => {
                        edits.push(Edit::replace(gap_range, glue, FixKind::LineJoin).because(rule));
                    }
                },
                // A break the text marked with a blank line keeps one blank line (the
                // writer's, and a later pass must not ask again about what looks like a
                // single wrapped line); any other break is one `\n`.
                false => {
                    let sep = if g.blank { "\n\n" } else { "\n" };
                    if &s[gap_range.clone()] != sep {
                        edits.push(Edit::replace(gap_range, sep, FixKind::Layout));
                    }
                }
            }
        } else if line.start > 0 {
            edits.push(Edit::delete(0..line.start, FixKind::Layout));
        }
        if options.reflow {
            letter_spacing(line, &mut edits);
        }
        // Form feeds left inside the text are page marks too.
        for (k, _) in line.text.match_indices(PAGE_BREAK) {
            edits.push(Edit::delete(
                line.text_start + k..line.text_start + k + 1,
                FixKind::Layout,
            ));
        }
        prev_content = Some(i);
    }
    match prev_content {
        Some(p) if lines[p].end < s.len() => {
            edits.push(Edit::delete(lines[p].end..s.len(), FixKind::Layout));
        }
        None if !s.is_empty() => edits.push(Edit::delete(0..s.len(), FixKind::Layout)),
        _ => {}
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        let mut t = Tracked::new(s);
        reflow(&mut t, &CleanOptions::default());
        t.as_str().to_owned()
    }

    #[test]
    fn joins_wrapped_cjk_and_keeps_headings() {
        let s = "这一年,习近平总书记亲临四川视察,宏阔擘画领航兴川大计,殷殷嘱托赋予新的重任,如\n山厚爱沐浴巴蜀儿女,指引四川现代化建设一往无前、阔步前行。\n这一年,全国组织工作会议认真贯彻习近平总书记关于X的建设的重要思想,牢牢把握新时\n代X的建设和组织工作总遵循、总依据、总指引。\n突出凝心铸魂 高举思想旗帜\n时代孕育思想,思想指引航程。全省组织工作高举思想之旗、精神之旗,巴蜀大地成为“学\n思想”的火热课堂。";
        let out = run(s);
        let paras: Vec<&str> = out.split('\n').collect();
        assert_eq!(paras.len(), 4, "{out}");
        assert!(paras[0].contains("如山厚爱"));
        assert!(paras[1].contains("新时代"));
        assert_eq!(paras[2], "突出凝心铸魂 高举思想旗帜");
    }

    #[test]
    fn latin_joins_with_space_and_dehyphenates() {
        let s = "This suspension of features is designed to allow non-CPython imple-\nmentations to catch up to the core implementation of the\nlanguage, and well-\nknown things.\n\nNext paragraph.";
        let out = run(s);
        assert!(out.contains("implementations to catch"), "{out}");
        assert!(out.contains("of the language,"), "{out}");
        assert!(out.ends_with("\nNext paragraph."));
    }

    /// Wrapped body lines (about 40 columns wide) around the line under test.
    fn body(n: usize) -> String {
        let line = "这一年全省组织工作高举思想之旗，巴蜀大地成为火热课堂";
        vec![line; n].join("\n")
    }

    #[test]
    fn short_unpunctuated_line_after_sentence_end_is_a_heading() {
        let s = format!(
            "{b}\n这一年全省组织工作高举思想之旗，巴蜀大地成为火热课堂。\n走出了一条新路\n{b}。",
            b = body(4)
        );
        let out = run(&s);
        let paras: Vec<&str> = out.split('\n').collect();
        assert_eq!(paras.len(), 3, "{out}");
        assert_eq!(paras[1], "走出了一条新路");
        // Without a break after it the short line ends the paragraph it belongs to.
        let s = format!(
            "{b}\n这一年全省组织工作高举思想之旗，巴蜀大地成为火热课堂。\n走出了一条新路\n",
            b = body(4)
        );
        assert!(run(&s).ends_with("课堂。\n走出了一条新路"));
    }

    #[test]
    fn a_heading_ending_in_a_dash_is_not_joined_to_its_paragraph() {
        // Numbered, even as wide as the column; or short.
        for heading in [
            "一、这一年全省组织工作高举思想之旗，巴蜀大地——",
            "用法——",
            "1 引入——",
            // Unnumbered and wider than a short label, but far short of the column.
            "持续深化行政审批制度改革——",
        ] {
            let s = format!("{b}。\n{heading}\n{b}。", b = body(4));
            let out = run(&s);
            let paras: Vec<&str> = out.split('\n').collect();
            assert_eq!(
                paras,
                [
                    &*format!("{}。", body(4).replace('\n', "")),
                    heading,
                    &*format!("{}。", body(4).replace('\n', ""))
                ],
                "{out}"
            );
            // A second pass over the reflowed text (no wrap width left) decides the same.
            assert_eq!(run(&out), out);
        }
        // A full line that stops at its dash goes on.
        let s = format!(
            "{b}\n这一年全省组织工作高举思想之旗，巴蜀大地成为——\n{b}。",
            b = body(4)
        );
        assert_eq!(run(&s).split('\n').count(), 1);
        // Too few lines to measure a wrap width: a line after it wider by three ideographs
        // shows that it stopped short of its column.
        let s = "保持在函数间传递时的响应性——\n虽然响应式变量使我们可以不再受困扰，但也带来了新的问题。";
        assert_eq!(run(s), s);
    }

    #[test]
    fn a_wrapped_line_that_opens_with_a_numeral_and_a_comma_goes_on() {
        // `三、四线城市` after a full line stopping mid-sentence: a pair of numerals, and no
        // line opens with `二、`.
        let first = "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，完整准确全";
        let s = format!(
            "一、总体要求\n{first}\n面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展，为全面建设社会主义现代化国家\n三、四线城市提供有力支撑，推动城乡区域协调发展，不断增强人民群众的获得感幸福感安全感。\n二、重点任务\n推动交通、能源、水利等重大工程建设。"
        );
        let out = run(&s);
        let paras: Vec<&str> = out.split('\n').collect();
        assert_eq!(paras.len(), 4, "{out}");
        assert!(paras[1].contains("现代化国家三、四线城市"), "{out}");
        // A numbered item after a full line that ends its sentence still starts a block.
        let s = format!(
            "{first}\n面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展。\n二、三农工作\n"
        );
        assert_eq!(run(&s).split('\n').count(), 2);
    }

    #[test]
    fn header_lines_at_the_top_stand_alone_even_in_a_narrow_column() {
        // A breadcrumb as wide as the column, then the title; a title, then its byline.
        let s = "经济日报/2017年/4月/25日\n事件处理\n我们可以使用指令来监听事件，并在\n事件触发时执行对应的代码。用法是\n在元素上写出处理器的名字即可，它\n会在事件触发时被调用。";
        let out = run(s);
        assert!(
            out.starts_with("经济日报/2017年/4月/25日\n事件处理\n我们"),
            "{out}"
        );
        let s = "Props\n本报记者 范文\n子组件可以通过 props 从父组件接受动态数据。首先，需要声明它所接受的 props。";
        assert!(run(s).starts_with("Props\n本报记者 范文\n子组件"));
        let s = "Built-in Special Elements\nBy Ben Smith\nA meta component for rendering dynamic components or elements.";
        assert!(run(s).starts_with("Built-in Special Elements\nBy Ben Smith\n"));
        // A sentence about a reporter, and a dateline's first line, go on; so does `By` opening
        // a sentence.
        let s = "By default, the component\nrenders its slot content and nothing else.";
        assert_eq!(run(s).split('\n').count(), 1);
        let s = "记者梳理20家退市或锁定退市的\n案例发现，凸显出四类问题。";
        assert_eq!(run(s).split('\n').count(), 1);
    }

    #[test]
    fn unpunctuated_first_line_is_a_title() {
        let title = "市场出清提速 今年以来二十家公司退市或锁定退市的公司名单公布";
        let wrapped = "近日，*ST创兴、*ST沪科、*ST太和3只个股进入退市整理\n期。据不完全统计，今年以来A股退市或锁定退市的公司已\n达20家，其中重大违法类退市4家，财务类退市8家，交易\n类退市3家，主动退市1家。";
        // Over a paragraph wrapped narrower than itself (a title across the columns), over one
        // pasted from a web page (one line), and a short title over a wrapped paragraph.
        for body in [wrapped.to_owned(), wrapped.replace('\n', "")] {
            let out = run(&format!("{title}\n{body}"));
            assert!(out.starts_with(&format!("{title}\n近日，")), "{out}");
            assert_eq!(out.split('\n').count(), 2, "{out}");
        }
        let out = run(&format!("市场出清提速\n{wrapped}"));
        assert!(out.starts_with("市场出清提速\n近日，"), "{out}");
    }

    #[test]
    fn a_blank_line_inside_a_short_paste_s_sentence_is_the_model_s_to_judge() {
        // pdfminer's blank line after a line that ends no sentence, once in a short paste
        // (too few to be called noise): the rules kept it, the corpus says it runs on.
        for (pasted, joined) in [
            (
                "Used to augment allowed values\n\nin style property bindings.",
                "Used to augment allowed values in style property bindings.",
            ),
            (
                "为了在激活模式下挂载应用，我们应该使用\n\ncreateSSRApp() 而不是 createApp()：",
                "为了在激活模式下挂载应用，我们应该使用 createSSRApp() 而不是 createApp()：",
            ),
        ] {
            assert_eq!(run(pasted), joined);
        }
    }

    #[test]
    fn a_short_paste_s_first_line_as_wide_as_the_rest_is_wrapped_not_a_title() {
        // Two or three lines and no wrap width: the layout model reads the widths and the
        // words (the corpus's short pastes), where the rules kept every unpunctuated first
        // line before punctuated text a title.
        for (pasted, joined) in [
            (
                "一个常见例子是使元素获取\n焦点的 v-focus 指令。",
                "一个常见例子是使元素获取焦点的 v-focus 指令。",
            ),
            (
                "将一个自定义指令全局注册到\n应用层级也是一种常见的做法：",
                "将一个自定义指令全局注册到应用层级也是一种常见的做法：",
            ),
            (
                "You have probably heard about the term\n\"virtual DOM\", which Vue's rendering\nsystem is based upon.",
                "You have probably heard about the term \"virtual DOM\", which Vue's rendering system is based upon.",
            ),
        ] {
            assert_eq!(run(pasted), joined);
        }
    }

    #[test]
    fn first_line_short_by_a_dropped_indent_starts_a_paragraph() {
        // Justified text, 16 chars a line, whose two-char first-line indent pypdf dropped:
        // each paragraph is 14 chars, 16, 16, then `last` chars ending in `。`.
        let source: Vec<char> = "全省经济运行总体平稳主要指标好于预期工业生产稳步回升消费市场持续回暖投资结构不断优化新兴产业保持较快增长势头"
            .chars()
            .cycle()
            .take(400)
            .collect();
        let mut at = 0;
        let mut take = |n: usize| -> String {
            at += n;
            source[at - n..at].iter().collect()
        };
        let mut lines = Vec::new();
        for last in [9, 12, 16, 7, 16, 10] {
            lines.push(take(14));
            lines.push(take(16));
            lines.push(take(16));
            lines.push(take(last - 1) + "。");
        }
        let out = run(&lines.join("\n"));
        // The third and fifth paragraphs end at full width: only the next one's short first
        // line shows where they end.
        assert_eq!(out.lines().count(), 6, "{out}");
        assert_eq!(run(&out), out, "idempotent");
    }

    #[test]
    fn lines_printed_together_do_not_set_the_wrap_width() {
        // pdftotext now and then prints two wrapped lines as one.
        let para = [
            "This idea was proposed by Guido van Rossum on the python-ideas",
            "[1] mailing list. The premise of his email was to slow the alteration",
            "of the Python core syntax, builtins and semantics to allow other implementations to catch up to the current state of",
            "Python, both 2.x and 3.x.",
            "Still others, such as Unladen Swallow [5] (a branch of CPython)",
            "seek not to create an alternative implementation, but rather they",
            "seek to enhance the performance and implementation of CPython",
            "itself. Python 3.x was a large part of the last several years of development, and its release puts other",
            "implementations at a severe disadvantage in keeping pace with",
            "core python development.",
        ];
        let out = run(&para.join("\n"));
        let paras: Vec<&str> = out.lines().collect();
        assert_eq!(paras.len(), 2, "{out}");
        assert!(paras[0].contains("python-ideas [1] mailing list"), "{out}");
    }

    /// A wrapped paragraph (26 CJK chars a line) that sets the wrap width, then a short one.
    fn wrapped_then(lines: &[&str]) -> String {
        format!("{}\n结束。\n{}", body(4), lines.join("\n"))
    }

    #[test]
    fn a_stretched_line_goes_on() {
        // pypdf: the justified line was stretched because `WebSockets` did not fit on it.
        let out = run(&wrapped_then(&[
            "文 件 、 信 息 或 任 何 数 据 的 传 输 。 听 起 来 像",
            "WebSockets。但是，事实并非如此。",
            "像我们提到的，通信是发生在浏览器之间。",
        ]));
        assert!(
            out.contains(
                "\n文件、信息或任何数据的传输。听起来像WebSockets。但是，事实并非如此。\n像"
            ),
            "{out}"
        );
    }

    #[test]
    fn a_stretched_line_loses_every_letter_spacing_gap() {
        // pdfminer (the corpus's zh-docs-zh-cn-078): gaps too few in a row to be a run, the
        // writer's spaces (before `(` and `Volar`) three wide, left for the spacing stage.
        let out = run(&wrapped_then(&[
            "配合 Vue 插件的扩展可以做到这件事，推荐的集成开发环境使用",
            "扩 展   ( 之 前 是   Volar) 。 该 插 件 提 供 了 语 法 高 亮 、",
            "类型支持。",
        ]));
        assert!(
            out.contains("扩展   ( 之前是   Volar)。该插件提供了语法高亮、类型支持。"),
            "{out}"
        );
        // So in a text too short to have a wrap width, where no line counts as stretched.
        assert_eq!(
            run("扩 展   ( 之 前 是   Volar) 。 该 插 件 提 供 了"),
            "扩展   ( 之前是   Volar)。该插件提供了"
        );
        // Outside a letter-spaced line, two spaced chars are not a run.
        assert!(run("我们 的 人\n").contains("我们 的 人"));
    }

    #[test]
    fn a_spaced_out_title_is_not_stretched_text() {
        let out = run(&wrapped_then(&[
            "第 一 章 总 则",
            "这一年全省组织工作高举思想之旗。",
        ]));
        assert!(
            out.ends_with("\n第一章总则\n这一年全省组织工作高举思想之旗。"),
            "{out}"
        );
        // Nor is anything in a text too short to measure.
        assert_eq!(
            run("关 于 加 强 管 理 的 通 知\n各单位要认真落实。"),
            "关于加强管理的通知\n各单位要认真落实。"
        );
    }

    #[test]
    fn a_latin_word_that_did_not_fit_continues_the_line() {
        // pdftotext: the same line without its stretching, short by the word after it.
        let out = run(&wrapped_then(&[
            "因此，要解决这些问题，请使用全新的方法和",
            "WebTransport。它基于QUIC协议构建。",
        ]));
        assert!(out.contains("全新的方法和WebTransport。它基于"), "{out}");
        // A short CJK line before a short Latin word is a paragraph end.
        let out = run(&wrapped_then(&["请使用这种方法", "QUIC协议很快。"]));
        assert!(out.contains("请使用这种方法\nQUIC"), "{out}");
    }

    #[test]
    fn a_lone_closing_quote_ends_the_line_before_it() {
        let out = run(&wrapped_then(&[
            "钮新强告诉记者：“新通道建成后能提升长江航运功能，远期",
            "货运需求。",
            "”",
            "在高铁、高速、航空飞速发展的今天，水运依然是重要的。",
        ]));
        assert!(out.contains("远期货运需求。”\n在高铁"), "{out}");
    }

    #[test]
    fn a_url_cut_at_a_slash_goes_on_only_into_more_path() {
        let out = run("[1] https://mail.python.org/pipermail/\npython-ideas/2009-October/006305.html\n[2] http://www.jython.org/");
        assert!(
            out.starts_with(
                "[1] https://mail.python.org/pipermail/python-ideas/2009-October/006305.html\n"
            ),
            "{out}"
        );
        // Running text after a URL that ends in a slash is a word, after a space.
        let out = run("The reference implementation lives at https://example.org/\nfor anyone who wants to read it.");
        assert_eq!(out, "The reference implementation lives at https://example.org/ for anyone who wants to read it.");
    }

    #[test]
    fn a_url_cut_at_a_hyphen_goes_on() {
        let s = "[1] https://mail.python.org/pipermail/python-ideas/2009-\nOctober/006305.html\n[2] http://www.jython.org/\n[3] http://www.codeplex.com/\nIronPython is another.";
        let out = run(s);
        assert!(out.starts_with("[1] https://mail.python.org/pipermail/python-ideas/2009-October/006305.html\n[2] http://www.jython.org/\n"), "{out}");
    }

    /// English paragraphs of `sentences` sentences each, greedily wrapped at 60 columns: the
    /// paragraphs and the lines.
    fn english(paragraphs: usize, sentences: usize) -> (Vec<String>, Vec<String>) {
        let words: Vec<&str> = "the quick brown fox jumps over a lazy dog while many small birds \
            sing in tall green trees near old stone walls and rivers"
            .split_whitespace()
            .collect();
        let mut k = 0;
        let mut paras = Vec::new();
        let mut lines = Vec::new();
        for _ in 0..paragraphs {
            let mut para = String::new();
            for _ in 0..sentences {
                let n = 6 + (k * 5) % 9;
                let mut sentence: Vec<String> = (0..n)
                    .map(|i| words[(k * 7 + i * 3) % words.len()].to_owned())
                    .collect();
                sentence[0][..1].make_ascii_uppercase();
                if !para.is_empty() {
                    para.push(' ');
                }
                para.push_str(&(sentence.join(" ") + "."));
                k += 1;
            }
            let mut line = String::new();
            for w in para.split(' ') {
                if !line.is_empty() && line.len() + 1 + w.len() > 60 {
                    lines.push(std::mem::take(&mut line));
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(w);
            }
            lines.push(line);
            paras.push(para);
        }
        (paras, lines)
    }

    /// The layout measured on `text`'s content lines.
    fn layout_of(text: &str) -> layout::Layout {
        let mut lines = split_lines(text, Spaces::Written);
        let content: Vec<usize> = (0..lines.len())
            .filter(|&i| !lines[i].text.is_empty())
            .collect();
        measure_layout(&mut lines, &content)
    }

    #[test]
    fn full_lines_that_end_a_sentence_follow_the_documents_paragraph_length() {
        // Short paragraphs (two sentences): a full line ending a sentence is more likely a
        // paragraph's last line, so it ends one.
        let (paras, lines) = english(12, 2);
        let text = lines.join("\n");
        assert!(layout_of(&text).full_stops_end);
        let out = run(&text);
        let full_last_lines = paras
            .iter()
            .filter(|p| {
                lines
                    .iter()
                    .any(|l| p.ends_with(l.as_str()) && l.len() >= 56)
            })
            .count();
        assert!(
            full_last_lines >= 2,
            "the test text must have full last lines"
        );
        for p in &paras {
            let inner_full_stop = lines
                .iter()
                .any(|l| p.contains(&format!("{l} ")) && l.ends_with('.') && l.len() >= 56);
            if !inner_full_stop {
                assert!(out.lines().any(|o| o == p), "{p}\n---\n{out}");
            }
        }
        // The same with a blank line after each paragraph: breaks without one are inside.
        let mut blank_separated = String::new();
        for p in &paras {
            for l in lines.iter().filter(|l| p.contains(l.as_str())) {
                blank_separated.push_str(l);
                blank_separated.push('\n');
            }
            blank_separated.push('\n');
        }
        assert!(!layout_of(&blank_separated).full_stops_end);
        // Long paragraphs (nine sentences): a sentence that ends a full line goes on.
        let (paras, lines) = english(4, 9);
        let text = lines.join("\n");
        assert!(!layout_of(&text).full_stops_end);
        assert!(
            lines
                .iter()
                .filter(|l| l.ends_with('.') && l.len() >= 56)
                .count()
                >= 2
        );
        assert_eq!(run(&text), paras.join("\n"));
    }

    /// Chinese paragraphs of `sentences` sentences each, wrapped at 20 chars (a `。` that
    /// would open a line hangs at the end of the one before): the paragraphs and the lines.
    fn chinese(paragraphs: usize, sentences: usize) -> (Vec<String>, Vec<String>) {
        let pool: Vec<char> =
            "经济社会发展取得新成效市场主体活力持续增强科技创新能力显著提升城乡区域协调"
                .chars()
                .collect();
        let mut k = 0;
        let mut paras = Vec::new();
        let mut lines = Vec::new();
        for _ in 0..paragraphs {
            let mut para: Vec<char> = Vec::new();
            for _ in 0..sentences {
                let n = 9 + (k * 7) % 17;
                para.extend((0..n).map(|i| pool[(k * 5 + i * 3) % pool.len()]));
                para.push('。');
                k += 1;
            }
            let mut line: Vec<char> = Vec::new();
            for c in para.iter().copied() {
                if line.len() == 20 && c != '。' {
                    lines.push(line.drain(..).collect::<String>());
                }
                line.push(c);
            }
            lines.push(line.into_iter().collect());
            paras.push(para.into_iter().collect());
        }
        (paras, lines)
    }

    #[test]
    fn full_chinese_lines_that_end_a_sentence_follow_the_documents_paragraph_length() {
        let full_stops = |lines: &[String]| {
            lines
                .iter()
                .filter(|l| l.ends_with('。') && l.chars().count() >= 20)
                .count()
        };
        // Short paragraphs (two sentences, as in documentation): a full line ending in `。`
        // is more likely a paragraph's last line.
        let (paras, lines) = chinese(14, 2);
        let text = lines.join("\n");
        assert!(layout_of(&text).cjk_full_stops_end);
        assert!(
            full_stops(&lines) >= 2,
            "the test text must have full lines ending in 。"
        );
        let out = run(&text);
        for p in &paras {
            let inner_full_stop = lines
                .iter()
                .any(|l| p.contains(l.as_str()) && !p.ends_with(l.as_str()) && l.ends_with('。'));
            if !inner_full_stop {
                assert!(out.lines().any(|o| o == p), "{p}\n---\n{out}");
            }
        }
        // Long paragraphs (nine sentences, as in a news report): such a line goes on.
        let (paras, lines) = chinese(4, 9);
        let text = lines.join("\n");
        assert!(!layout_of(&text).cjk_full_stops_end);
        assert!(
            full_stops(&lines) >= 2,
            "the test text must have full lines ending in 。"
        );
        // No paragraph is cut (one whose last line is full may run into the next).
        let out = run(&text);
        for p in &paras {
            assert!(
                out.lines().any(|o| o.contains(p.as_str())),
                "{p}\n---\n{out}"
            );
        }
    }

    #[test]
    fn a_full_chinese_line_runs_on_across_a_blank_line_among_one_line_paragraphs() {
        // pdfminer's text of a page of one-line paragraphs: a blank line after every line,
        // the writer's blank lines to all appearances, but the widest line stops on an
        // ideograph and the next goes on (`…自动被设为了其名` / `称。`).
        let paras = [
            "组件的名字有以下用途：",
            "在组件自己的模板中递归引用自己时。",
            "在开发者工具中的组件树显示时。",
            "在组件抛出的警告追踪栈信息中显示时。",
            "当你在使用单文件组件时，组件已经会根据其文件名推导出其名称。",
            "另一种场景是当一个组件通过全局方法被注册时，这个全局标识就自动被设为了其名\n\n称。",
            "使用这个选项可以覆盖推导出的名称。",
            "用于控制是否启用默认的组件属性透传行为。",
            "一个对象，用于注册对当前组件实例可用的组件。",
            "一个对象，用于注册对当前组件实例可用的指令。",
            "以上选项都可以在单文件组件中使用。",
        ];
        let out = run(&paras.join("\n\n"));
        assert!(out.contains("就自动被设为了其名称。"), "{out}");
        assert_eq!(out.matches("\n\n").count(), paras.len() - 1, "{out}");
    }

    #[test]
    fn reference_entries_start_after_a_link_and_a_latin_colon_goes_on() {
        let s = "[1]\nhttps://mail.python.org/pipermail/python-ideas/2009-October/006305.html\n[2] http://www.jython.org/";
        assert_eq!(
            run(s),
            "[1] https://mail.python.org/pipermail/python-ideas/2009-October/006305.html\n[2] http://www.jython.org/"
        );
        let en = [
            "The formatting guidelines in the style guide have been decided on",
            "in the formatting RFC process by the style team. The guidelines",
            "were extensively debated and this RFC is the result of that long",
            "consensus process. I would like to discourage re-opening debate",
            "on the guidelines themselves here; please limit the discussion to",
            "the presentation of the guide, omissions from the guide, and the",
            "issues which were missed in the formatting RFC process of it all.",
            "Thanks to the style team for their work on the guidelines, namely:",
            "Brian Anderson, Jorge Aparicio, Nick Cameron, Steve Klabnik, and",
            "Josh Triplett.",
        ];
        assert_eq!(run(&en.join("\n")).lines().count(), 1);
    }

    #[test]
    fn lone_latin_line_joins_its_heading() {
        let s = format!(
            "{b}。\nWebTransport\n\n会取代旧协议吗？\n{b}。",
            b = body(4)
        );
        let out = run(&s);
        assert!(out.contains("\nWebTransport会取代旧协议吗？\n"), "{out}");
        // With a space, when the writer spaces CJK and Latin text.
        let spaced = format!("{s}\n使用 HTTP 协议和 QUIC 协议，基于 UDP 传输。");
        let out = run(&spaced);
        assert!(out.contains("\nWebTransport 会取代旧协议吗？\n"), "{out}");
        // Not when the CJK line is running text.
        let s = format!("{b}。\nAI\n\n{b}。", b = body(4));
        assert!(run(&s).contains("\nAI\n"));
    }

    #[test]
    fn explain_keys_each_break_by_its_input_offset_and_the_join_names_its_rule() {
        let input = "\u{FEFF}甲乙丙，\r\n丁戊己。\r\n\r\n  庚辛。\n";
        let decisions = explain(input, &CleanOptions::default());
        let seen: Vec<(&str, Decision, bool)> = decisions
            .iter()
            .map(|d| (&input[d.offset..d.offset + 2], d.decision, d.joined()))
            .collect();
        assert_eq!(
            seen,
            [
                ("\r\n", Decision::MidSentence, true),
                ("\r\n", Decision::BlankLine, false)
            ]
        );
        assert_eq!(&input[decisions[1].gap.clone()], "\r\n\r\n  ");
        let fixes = crate::clean(input, &CleanOptions::default()).text.fixes();
        let join = fixes.iter().find(|f| f.kind == FixKind::LineJoin).unwrap();
        assert_eq!(join.rule, Some("mid_sentence"));
        assert_eq!(join.original.start, decisions[0].offset);
        assert!(fixes
            .iter()
            .all(|f| f.rule.is_none() == (f.kind != FixKind::LineJoin)));
        // Without reflow nothing is decided.
        let off = CleanOptions {
            reflow: false,
            ..CleanOptions::default()
        };
        assert!(explain(input, &off).is_empty());
    }

    #[test]
    fn explain_reports_each_break_once_at_its_newline() {
        // Breaks a second pass judges again (the first changed the text) are reported once.
        let text = format!("{}\n结束。\n甲乙。", body(6));
        let decisions = explain(&text, &CleanOptions::default());
        let breaks = text.match_indices('\n').count();
        assert_eq!(decisions.len(), breaks);
        let mut offsets: Vec<usize> = decisions.iter().map(|d| d.offset).collect();
        offsets.dedup();
        assert_eq!(offsets.len(), breaks);
        assert!(decisions
            .iter()
            .all(|d| &text[d.offset..d.offset + 1] == "\n"));
    }

    #[test]
    fn a_short_paste_with_a_blank_line_after_every_line_is_rejoined_by_its_evidence() {
        // pdfminer's short paste: a column line of running text stops on an ideograph, as wide
        // as the widest line, before the blank line pdfminer puts after every line.
        let pasted = "为保证访问代理的一致性，对同一个原始对象调用 reactive() 会总是返回同样的\n\n代理对象，而对一个已存在的代理对象调用 reactive() 会返回其本身：";
        assert_eq!(
            run(pasted),
            "为保证访问代理的一致性，对同一个原始对象调用 reactive() 会总是返回同样的代理对象，而对一个已存在的代理对象调用 reactive() 会返回其本身："
        );
        // A Latin line stopping at a preposition goes on, whatever its width.
        assert_eq!(
            run("Shallow version of\n\nreadonly()."),
            "Shallow version of readonly()."
        );
        assert_eq!(
            run("See the guide on\nComponent Events for details."),
            "See the guide on Component Events for details."
        );
        // A writer's heading before a longer paragraph, and a short line, stay.
        for clean in [
            "关于进一步加强新时代资本市场监管工作的若干意见实施细则\n\n为贯彻落实有关要求，现就进一步加强资本市场监管工作提出如下意见，请遵照执行。",
            "Installation\n\nnpm install qingwen",
            "一、总体要求\n\n坚持稳中求进工作总基调。",
        ] {
            assert_eq!(run(clean), clean);
        }
    }

    #[test]
    fn a_two_line_paste_whose_first_line_stops_inside_a_word_is_one_paragraph() {
        // No punctuation on the first line, as a title has none, but a word runs across the
        // break (集成, 参考) or the next line goes on in lower case: the paragraph's first line.
        for (pasted, joined) in [
            (
                "诸如 Sentry 和 Bugsnag 等服务也为 Vue 提供了官方集\n成。",
                "诸如 Sentry 和 Bugsnag 等服务也为 Vue 提供了官方集成。",
            ),
            (
                "TypeScript 用户请参\n考：扩展全局属性",
                "TypeScript 用户请参考：扩展全局属性",
            ),
            (
                "Denotes slot content outlets\nin templates.",
                "Denotes slot content outlets in templates.",
            ),
            // The line stops at the attributive 的, or the next one opens with a particle.
            (
                "记者梳理20家退市或锁定退市的\n案例发现，凸显出四类问题。",
                "记者梳理20家退市或锁定退市的案例发现，凸显出四类问题。",
            ),
            (
                "这和我们在 HTTP/2 协议中遇到的问题是一样\n的。当使用 HTTP/2 协议时，多个请求被封装成流发\n送到服务器。",
                "这和我们在 HTTP/2 协议中遇到的问题是一样的。当使用 HTTP/2 协议时，多个请求被封装成流发送到服务器。",
            ),
        ] {
            assert_eq!(run(pasted), joined);
        }
        // A title before its paragraph stays a title.
        let titled = "市场出清提速 今年以来20家A股公司退市\n据不完全统计，今年以来A股退市或锁定退市的公司已达20家。";
        assert_eq!(run(titled), titled);
    }

    #[test]
    fn a_note_number_that_opens_a_line_inside_a_sentence_goes_on() {
        // A short paste: no wrap width, the note number printed after `python-ideas` first.
        let pasted = "This idea was proposed by Guido van Rossum on the python-ideas\n[1] mailing list. The premise of his email was to slow the";
        assert_eq!(
            run(pasted),
            "This idea was proposed by Guido van Rossum on the python-ideas [1] mailing list. The premise of his email was to slow the"
        );
        // A reference list under its heading, and an entry after a finished sentence, stay.
        for kept in [
            "References\n[1] van Rossum, G. Python moratorium.",
            "See the archive.\n[1] mailing list archive of python-ideas",
            "[1] https://mail.python.org/\n[2] the python-ideas list",
        ] {
            assert_eq!(run(kept), kept);
        }
    }

    #[test]
    fn a_first_line_short_of_the_wrap_width_by_an_indent_is_no_title() {
        // The pasted paragraph's first line lost its two-char indent: it goes on.
        let s = format!(
            "我们会在接下来的指引中使用单文件组件语法无论你\n是{}。",
            body(4)
        );
        let first = &explain(&s, &CleanOptions::default())[0];
        assert_ne!(first.decision, Decision::Title, "{first:?}");
        assert!(
            run(&s).starts_with("我们会在接下来的指引中使用单文件组件语法无论你是这一年"),
            "{}",
            run(&s)
        );
    }

    #[test]
    fn a_long_line_that_stops_inside_a_word_goes_on_across_a_blank_line() {
        // pdfminer's blank line inside a paragraph: `一` / `般` is a word cut in two; `…通过` ends
        // on a word, and the line after it starts a paragraph.
        let s = "树形 DP，即在树上进行的 DP．由于树固有的递归性质，树形 DP 一\n\n般都是递归进行的．\n\n\
                 2019年1月7日最高人民法院审判委员会第一千七百五十九次会议通过\n\n\
                 为依法公正及时地审理案件，根据有关法律规定，结合审判实践，就审理案件若干问题，制定本规定。";
        let out = run(s);
        assert!(out.contains("树形 DP 一般都是"), "{out}");
        assert!(out.contains("会议通过\n\n为依法"), "{out}");
    }

    #[test]
    fn a_page_break_rejoins_only_a_line_that_ran_to_the_foot_of_the_page() {
        // No wrap width: every line is its own width. A long line cut by the page goes on;
        // a short item before the break (`数字（0 到 9）` / `字母（a 到 z）`) stays a line.
        let long = "为了避免这种情况，我们在配置文件中按照以下的顺序列出每一个需要检查的规则以及";
        let s = format!(
            "例如：\n数字（0 到 9）\n\u{c}字母（a 到 z）\n{long}\n\u{c}它们的默认值。\n短句。"
        );
        let out = run(&s);
        assert!(out.contains("数字（0 到 9）\n字母"), "{out}");
        assert!(out.contains(&format!("{long}它们的默认值。")), "{out}");
    }

    #[test]
    fn blank_lines_collapse_to_one() {
        assert_eq!(run("\n\n甲。\n\n\n乙。\n\n"), "甲。\n\n乙。");
        assert_eq!(run("甲。\n \t\n乙。\n丙。"), "甲。\n\n乙。\n丙。");
    }
}

//! HTML page → typed [`Document`]: one block per paragraph, heading, list item, quotation or
//! table cell, with `<br>` as a line break inside a block and bold text at a block's start
//! as its lead candidate. Scripts, styles, templates, hidden elements, navigation, the page's
//! own header, footer and sidebars, and comments are left out; nothing is run or fetched.
//!
//! Built on html5ever's tokenizer alone, with no tree: one pass over the tokens with a stack
//! of open elements, so hostile pages (deep nesting, millions of elements, huge attributes)
//! take time and memory linear in their size and never recurse.

use std::cell::RefCell;
use std::collections::HashMap;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
};
use html5ever::TokenizerResult;

use crate::document::{Document, SourceBlock, SourceKind};
use crate::text::is_cjk;

/// Reads `html` (already decoded) into a typed document.
///
/// # Examples
///
/// ```
/// use qingwen::{html::parse_html, SourceKind};
/// let doc = parse_html(
///     "<nav>首页 &gt; 新闻</nav><h2>一、总体要求</h2>\
///      <p><strong>加强统筹。</strong>各地要<br>统筹推进。</p><script>x()</script>",
/// );
/// assert_eq!(doc.blocks.len(), 2);
/// assert_eq!((doc.blocks[0].kind, doc.blocks[0].level), (SourceKind::Heading, Some(2)));
/// assert_eq!(doc.blocks[1].text, "加强统筹。各地要\n统筹推进。");
/// assert_eq!(doc.blocks[1].lead.as_deref(), Some("加强统筹。"));
/// ```
pub fn parse_html(html: &str) -> Document {
    let tokenizer = Tokenizer::new(Builder::default(), Default::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // The builder never asks to pause for a script, so one feed reads everything; the loop
    // only guards against a tokenizer that pauses anyway.
    while let TokenizerResult::Script(()) = tokenizer.feed(&input) {}
    tokenizer.end();
    let mut state = tokenizer.sink.state.into_inner();
    state.flush();
    Document {
        blocks: state.blocks,
    }
}

/// Elements whose content is never text of the document.
const IGNORED: [&str; 20] = [
    "head", "title", "script", "style", "template", "noscript", "nav", "select", "button",
    "textarea", "svg", "math", "iframe", "object", "canvas", "video", "audio", "map", "dialog",
    "menu",
];

/// Page furniture, left out unless inside an `<article>` or `<main>` (where a `<header>`
/// holds the article's own title).
const FURNITURE: [&str; 3] = ["header", "footer", "aside"];

/// Elements that have no end tag.
const VOID: [&str; 15] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Elements that begin and end a block of text.
const BLOCK: [&str; 37] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Start tags that close an open element of the same kind on top of the stack
/// (`<p>a<p>b`, `<li>a<li>b`), as HTML's implied end tags do.
const SELF_CLOSING_PEERS: [&str; 6] = ["p", "li", "dt", "dd", "td", "th"];

/// What the text inside an element is, inherited down the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Context {
    kind: SourceKind,
    level: Option<u8>,
    /// Inside `<pre>`: white space is kept.
    pre: bool,
    /// Inside `<article>` or `<main>`.
    article: bool,
}

impl Default for Context {
    fn default() -> Self {
        Context {
            kind: SourceKind::Paragraph,
            level: None,
            pre: false,
            article: false,
        }
    }
}

/// An open element.
struct Open {
    name: html5ever::LocalName,
    /// Its content is left out (and so is everything inside it).
    skipped: bool,
    bold: bool,
    block: bool,
    context: Context,
}

/// Whether the lead of the current block is still being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// No text yet.
    Start,
    /// All text so far is bold.
    Bold,
    /// The bold start (if any) is over.
    Done,
}

/// The builder's state; the tokenizer's sink interface takes `&self`.
#[derive(Default)]
struct Builder {
    state: RefCell<State>,
}

struct State {
    stack: Vec<Open>,
    /// How many elements of each name are open, so that a stray end tag costs O(1).
    open: HashMap<html5ever::LocalName, usize>,
    /// Open elements whose content is left out.
    skipped: usize,
    /// Open `<b>`/`<strong>` elements.
    bold: usize,
    /// The current block's text, context and lead.
    text: String,
    context: Context,
    lead: String,
    lead_state: Lead,
    /// A space is due before the next text (collapsed white space).
    space: bool,
    /// The white space due held a line break: between two CJK characters it is dropped
    /// (CSS Text's segment break transformation), since CJK text has no spaces to keep.
    space_break: bool,
    blocks: Vec<SourceBlock>,
}

impl Default for State {
    fn default() -> Self {
        State {
            stack: Vec::new(),
            open: HashMap::new(),
            skipped: 0,
            bold: 0,
            text: String::new(),
            context: Context::default(),
            lead: String::new(),
            lead_state: Lead::Start,
            space: false,
            space_break: false,
            blocks: Vec::new(),
        }
    }
}

impl TokenSink for Builder {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => return state.start(tag),
            Token::TagToken(tag) => state.end(&tag.name),
            Token::CharacterTokens(t) => state.push_text(&t),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl State {
    /// The context of the innermost open element.
    fn current(&self) -> Context {
        self.stack
            .last()
            .map_or_else(Context::default, |o| o.context)
    }

    fn start(&mut self, tag: Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let raw = match name {
            "script" => Some(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                Some(RawKind::Rawtext)
            }
            "title" | "textarea" => Some(RawKind::Rcdata),
            _ => None,
        };
        if VOID.contains(&name) {
            if self.skipped == 0 {
                match name {
                    "br" => self.push_break(),
                    "hr" => self.flush(),
                    _ => {}
                }
            }
            return TokenSinkResult::Continue;
        }
        if SELF_CLOSING_PEERS.contains(&name) && self.stack.last().is_some_and(|o| &*o.name == name)
        {
            self.pop();
        }
        let parent = self.current();
        let hidden = tag.attrs.iter().any(|a| {
            let value: &str = &a.value;
            match &*a.name.local {
                "hidden" => true,
                "aria-hidden" => value.trim().eq_ignore_ascii_case("true"),
                "style" => hides(value),
                _ => false,
            }
        });
        let skipped = hidden
            || IGNORED.contains(&name)
            || raw.is_some()
            || FURNITURE.contains(&name) && !parent.article;
        let mut context = parent;
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                context.kind = SourceKind::Heading;
                context.level = name[1..].parse().ok();
            }
            "li" | "dd" | "dt" => context.kind = SourceKind::ListItem,
            "blockquote" => context.kind = SourceKind::Quote,
            "td" | "th" => context.kind = SourceKind::TableCell,
            "pre" => context.pre = true,
            "article" | "main" => context.article = true,
            _ => {}
        }
        let block = BLOCK.contains(&name);
        if block && self.skipped == 0 {
            self.flush();
        }
        let bold = matches!(name, "b" | "strong");
        self.skipped += usize::from(skipped);
        self.bold += usize::from(bold);
        *self.open.entry(tag.name.clone()).or_insert(0) += 1;
        self.stack.push(Open {
            name: tag.name,
            skipped,
            bold,
            block,
            context,
        });
        if block && self.skipped == 0 {
            self.context = context;
        }
        match raw {
            Some(kind) => TokenSinkResult::RawData(kind),
            None => TokenSinkResult::Continue,
        }
    }

    fn end(&mut self, name: &html5ever::LocalName) {
        if self.open.get(name).copied().unwrap_or(0) == 0 {
            if &**name == "br" && self.skipped == 0 {
                self.push_break();
            }
            return;
        }
        // Each element is popped once, so closing many at a time stays linear overall.
        while let Some(popped) = self.pop() {
            if popped == *name {
                break;
            }
        }
    }

    /// Closes the innermost open element and returns its name.
    fn pop(&mut self) -> Option<html5ever::LocalName> {
        let o = self.stack.pop()?;
        if let Some(n) = self.open.get_mut(&o.name) {
            *n = n.saturating_sub(1);
        }
        self.bold -= usize::from(o.bold);
        if o.block && self.skipped == 0 {
            self.flush();
            self.context = self.current();
        }
        self.skipped -= usize::from(o.skipped);
        Some(o.name)
    }

    fn push_text(&mut self, t: &str) {
        if self.skipped > 0 {
            return;
        }
        let pre = self.context.pre;
        for c in t.chars() {
            let blank = matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}');
            if pre && c == '\n' {
                self.push_break();
            } else if blank {
                self.space = true;
                self.space_break |= matches!(c, '\n' | '\r');
            } else if c != '\0' {
                self.push_char(c);
            }
        }
    }

    fn push_char(&mut self, c: char) {
        let at_line_start = self.text.is_empty() || self.text.ends_with('\n');
        let space_break = std::mem::take(&mut self.space_break);
        let cjk_break =
            space_break && is_cjk(c) && self.text.chars().next_back().is_some_and(is_cjk);
        if std::mem::take(&mut self.space) && !at_line_start && !cjk_break {
            self.text.push(' ');
            if self.lead_state == Lead::Bold {
                self.lead.push(' ');
            }
        }
        self.lead_state = match (self.lead_state, self.bold > 0) {
            (Lead::Start | Lead::Bold, true) => {
                self.lead.push(c);
                Lead::Bold
            }
            _ => Lead::Done,
        };
        self.text.push(c);
    }

    fn push_break(&mut self) {
        self.space = false;
        self.space_break = false;
        if !self.text.is_empty() {
            self.text.push('\n');
        }
    }

    /// Ends the current block.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.text);
        let lead = std::mem::take(&mut self.lead);
        let bold_start = std::mem::replace(&mut self.lead_state, Lead::Start) == Lead::Done
            && !lead.trim().is_empty();
        self.space = false;
        self.space_break = false;
        let text = text.trim_end_matches('\n');
        if text.trim().is_empty() {
            return;
        }
        self.blocks.push(SourceBlock {
            kind: self.context.kind,
            level: self
                .context
                .level
                .filter(|_| self.context.kind == SourceKind::Heading),
            text: text.to_owned(),
            lead: bold_start.then(|| lead.trim().to_owned()),
        });
    }
}

/// Whether an inline `style` hides the element (`display: none`, `visibility: hidden`).
fn hides(style: &str) -> bool {
    style.split(';').any(|decl| {
        let Some((prop, value)) = decl.split_once(':') else {
            return false;
        };
        let value = value.trim().trim_end_matches("!important").trim();
        match prop.trim().to_ascii_lowercase().as_str() {
            "display" => value.eq_ignore_ascii_case("none"),
            "visibility" => value.eq_ignore_ascii_case("hidden"),
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn texts(doc: &Document) -> Vec<(SourceKind, Option<u8>, &str, Option<&str>)> {
        doc.blocks
            .iter()
            .map(|b| (b.kind, b.level, b.text.as_str(), b.lead.as_deref()))
            .collect()
    }

    #[test]
    fn blocks_kinds_and_leads() {
        let doc = parse_html(
            r#"<!doctype html><html><head><title>T</title><style>p{}</style></head><body>
            <header>Site name</header>
            <div class="epaper">人民日报 2026年6月12日</div>
            <h1>稳中求进</h1>
            <p>第一段
               文字。Two
               words.</p>
            <p><b>Bold</b> <i>start</i> and rest.</p>
            <p><strong>All bold</strong></p>
            <ul><li>one<li>two <span hidden>secret</span></ul>
            <blockquote>quoted</blockquote>
            <table><tr><td>a</td><th>b</th></tr></table>
            <p style="DISPLAY : none">hidden</p><p aria-hidden="true">hidden</p>
            <!-- comment --><template><p>tpl</p></template><noscript>ns</noscript>
            <pre>line 1
line 2</pre>
            <article><header><h2>Article head</h2></header><aside>side</aside></article>
            <footer>© 2026</footer><script>if (a < b) { document.write("<p>x</p>") }</script>
            </body></html>"#,
        );
        use SourceKind::*;
        assert_eq!(
            texts(&doc),
            [
                (Paragraph, None, "人民日报 2026年6月12日", None),
                (Heading, Some(1), "稳中求进", None),
                (Paragraph, None, "第一段文字。Two words.", None),
                (Paragraph, None, "Bold start and rest.", Some("Bold")),
                (Paragraph, None, "All bold", None),
                (ListItem, None, "one", None),
                (ListItem, None, "two", None),
                (Quote, None, "quoted", None),
                (TableCell, None, "a", None),
                (TableCell, None, "b", None),
                (Paragraph, None, "line 1\nline 2", None),
                (Heading, Some(2), "Article head", None),
                (Paragraph, None, "side", None),
            ]
        );
    }

    #[test]
    fn stray_and_unclosed_tags() {
        let doc = parse_html("</div></p>text<br></br>more<div><span>a<p>b</div>c");
        assert_eq!(
            doc.blocks
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>(),
            ["text\n\nmore", "a", "b", "c"]
        );
        assert!(parse_html("").blocks.is_empty());
        assert!(parse_html("<p hidden>a<b>b</p>").blocks.is_empty());
    }

    /// Linear time on hostile pages, and no stack overflow: each input is ~1-10 MB.
    #[test]
    fn hostile_pages_stay_linear() {
        let deep = "<div>".repeat(100_000) + "x" + &"</div>".repeat(100_000);
        let deep_inline = "<span><b>".repeat(100_000) + "x</p>" + &"</i>".repeat(100_000);
        let many = "<p>a</p>".repeat(1_000_000);
        let stray = "<div>".repeat(50_000) + &"</p></x>".repeat(500_000);
        let attr = format!(
            "<p title=\"{}\" style=\"{}\">x</p>",
            "a".repeat(5_000_000),
            ";".repeat(1_000_000)
        );
        for (name, html, blocks) in [
            ("deep", deep, 1),
            ("deep inline", deep_inline, 1),
            ("many", many, 1_000_000),
            ("stray", stray, 0),
            ("attr", attr, 1),
        ] {
            let t = Instant::now();
            let doc = parse_html(&html);
            assert_eq!(doc.blocks.len(), blocks, "{name}");
            // Generous for a debug build on a loaded machine; quadratic would take minutes.
            assert!(t.elapsed().as_secs() < 20, "{name}: {:?}", t.elapsed());
        }
    }
}

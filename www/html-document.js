// HTML (a rich paste's text/html, an .html file) → the typed document qingwen's
// `analyzeDocument` takes: `{ blocks: [{ kind, level?, text, lead? }] }`, one block per
// paragraph, heading, list item, quotation or table cell, `\n` for a <br> inside a block, and
// the bold text at a block's start as its lead candidate. Scripts, styles, templates, hidden
// elements, navigation, the page's own header, footer and sidebars, and comments are left out.
//
// The HTML is parsed by DOMParser into an inert document: no script runs, nothing is fetched,
// nothing is rendered; only text nodes' values are read. The walk is a loop, not a recursion,
// and visits each node once, so a hostile page costs time linear in its size. It follows the
// native CLI's reader (src/html.rs) rule for rule, so a page gives the same blocks in both.
// No DOM is needed to import this module: `documentText` and `editDocument` also run in Node.

/** Elements whose content is never text of the document. */
const IGNORED = new Set([
    "head", "title", "script", "style", "template", "noscript", "nav", "select", "button",
    "textarea", "svg", "math", "iframe", "object", "canvas", "video", "audio", "map", "dialog",
    "menu",
]);

/** Page furniture, left out unless inside an <article> or <main> (where a <header> holds the article's own title). */
const FURNITURE = new Set(["header", "footer", "aside"]);

/** ARIA roles of navigation and furniture, left out like <nav> and <header>/<footer>/<aside>. */
const IGNORED_ROLES = new Set(["navigation", "search", "menu", "menubar", "toolbar"]);
const FURNITURE_ROLES = new Set(["banner", "contentinfo", "complementary"]);

/** Elements that begin and end a block of text. */
const BLOCK = new Set([
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "html", "li", "main", "ol", "p", "pre", "section", "summary",
    "table", "td", "th", "tr", "ul",
]);

/** What stands between two blocks in a document's input text (qingwen's `Document::text`). */
export const BLOCK_SEPARATOR = "\n\n";

/** A character of CJK running text (src/text.rs `is_cjk`): Han, kana, CJK punctuation. */
const CJK = /[\u2E80-\u2FDF\u3005\u3007\u3021-\u3029\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{3FFFF}\u3040-\u30FF\u31F0-\u31FF\u3000-\u3004\u3008-\u3020\u3030-\u303F\uFE10-\uFE1F\uFE30-\uFE4F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65“”‘’…—·•‧]/u;

/** The attribute an inline style or event handler is renamed to before parsing (see `prepareHtml`). */
const RENAMED = "data-qingwen-";

/**
 * How deep elements may nest before their tags are dropped (their text is kept). Chromium's
 * HTML parser takes time quadratic in the nesting depth (DOMParser, Chromium 14x on the
 * development machine: 10k nested <div><span> 2.0 s, 30k 21 s; 10k unclosed <b><i> 1.1 s,
 * 30k 12 s), and it stops nesting at 512 anyway; real pages nest well under 100 deep.
 */
export const MAX_DEPTH = 256;

/** Elements whose end tag may be left out, or that have none: they do not count toward the depth. */
const NEUTRAL = new Set([
    "p", "li", "dt", "dd", "td", "th", "tr", "tbody", "thead", "tfoot", "colgroup", "caption",
    "option", "optgroup", "rb", "rt", "rp", "html", "head", "body",
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "keygen",
]);

/**
 * `html` made safe to hand to DOMParser in linear time, with its text unchanged:
 * - the content of <script> and <style> elements dropped, and inline `style` and `on…`
 *   attributes renamed to `data-qingwen-…`. Only to keep the console quiet: the page's
 *   Content-Security-Policy blocks inline styles and handlers, and Chromium logs each one it
 *   meets while parsing, even in an inert document where nothing would run anyway. An
 *   unclosed <script> drops the rest, as the parser would read it;
 * - the tags of elements nested deeper than MAX_DEPTH dropped (see there).
 */
export function prepareHtml(html) {
    const out = [];
    const open = /<(script|style)\b/gi;
    let at = 0;
    for (let m = open.exec(html); m; m = open.exec(html)) {
        out.push(html.slice(at, m.index));
        const close = new RegExp(`</${m[1]}\\s*>`, "gi");
        close.lastIndex = open.lastIndex;
        const end = close.exec(html);
        at = end ? close.lastIndex : html.length;
        open.lastIndex = at;
    }
    out.push(html.slice(at));
    return capTags(out.join(""));
}

/**
 * What `prepareHtml` does to each tag, in one pass over `html` that copies only around the
 * tags it changes (a regular expression per tag, as at first, took 9 s on a million nested
 * elements on the loaded development machine, this 1 s).
 */
function capTags(html) {
    const parts = [];
    let copied = 0; // html[..copied] is in parts
    let depth = 0; // elements open, as counted here
    let dropped = 0; // start tags dropped, whose end tags are to be dropped too
    let foreign = 0; // open <svg> and <math>, where `/>` closes any element
    let lt = html.indexOf("<");
    let gt = -1; // the first ">" at or after lt, once looked for
    while (lt !== -1) {
        if (gt <= lt) gt = html.indexOf(">", lt + 1);
        if (gt === -1) break;
        const next = html.indexOf("<", lt + 1);
        if (next !== -1 && next < gt) {
            lt = next; // "<" not followed by a tag: `a < b`
            continue;
        }
        const slash = html.charCodeAt(lt + 1) === 47;
        let at = slash ? lt + 2 : lt + 1;
        const first = html.charCodeAt(at) | 32;
        if (first >= 97 && first <= 122) {
            const nameStart = at;
            for (let c = html.charCodeAt(at); at < gt && c !== 47 && c !== 32 && (c < 9 || c > 13); c = html.charCodeAt(++at));
            const name = html.slice(nameStart, at).toLowerCase();
            let drop = false;
            let rename = false;
            if (slash) {
                if (!NEUTRAL.has(name)) {
                    if (dropped > 0) {
                        dropped -= 1;
                        drop = true;
                    } else {
                        if (name === "svg" || name === "math") foreign = Math.max(0, foreign - 1);
                        depth = Math.max(0, depth - 1);
                    }
                }
            } else {
                const selfClosed = html.charCodeAt(gt - 1) === 47;
                const svg = name === "svg" || name === "math";
                if (!(NEUTRAL.has(name) || ((foreign > 0 || svg) && selfClosed))) {
                    if (depth >= MAX_DEPTH) {
                        dropped += 1;
                        drop = true;
                    } else {
                        depth += 1;
                        if (svg) foreign += 1;
                    }
                }
                rename = !drop && gt - at > 5 && /\s(on[a-z]|style)/i.test(html.slice(at, gt));
            }
            if (drop || rename) {
                parts.push(html.slice(copied, lt));
                if (rename) {
                    parts.push(html.slice(lt, gt + 1).replace(/(\s)(on[a-z]+|style)(\s*=)/gi, (_, space, attribute, equals) => `${space}${RENAMED}${attribute}${equals}`));
                }
                copied = gt + 1;
            }
        }
        lt = next; // (after gt, or -1)
    }
    if (copied === 0) return html;
    parts.push(html.slice(copied));
    return parts.join("");
}

/** The inline style properties read, and a pattern that finds their declarations in one pass. */
const STYLE_PROPERTIES = /(?:^|;)\s*(display|visibility|font-weight|white-space)\s*:([^;]*)/gi;

/** The properties of an element's inline style that matter here, lowercased (the last declaration of each wins). */
function inlineStyle(element) {
    const style = element.getAttribute("style") ?? element.getAttribute(`${RENAMED}style`);
    const found = {};
    if (!style) return found;
    for (const [, property, value] of style.matchAll(STYLE_PROPERTIES)) {
        found[property.toLowerCase()] = value.replace(/!\s*important\s*$/i, "").trim().toLowerCase();
    }
    return found;
}

/** Whether an element is hidden: the `hidden` attribute, `aria-hidden="true"`, or an inline `display: none` / `visibility: hidden`. */
function isHidden(element, style) {
    return (
        element.hasAttribute("hidden") ||
        element.getAttribute("aria-hidden")?.trim().toLowerCase() === "true" ||
        style.display === "none" ||
        style.visibility === "hidden"
    );
}

/**
 * Whether an element makes its text bold (true), not bold (false), or leaves it as its parent
 * has it (null): <b> and <strong>, or an inline `font-weight`, which wins. Google Docs wraps a
 * whole copy in `<b style="font-weight:normal">` and marks bold runs with `font-weight:700`.
 */
function boldness(element, style) {
    const weight = style["font-weight"] ?? "";
    if (weight === "bold" || weight === "bolder") return true;
    if (weight === "normal" || weight === "lighter") return false;
    const number = Number.parseInt(weight, 10);
    if (Number.isFinite(number)) return number >= 600;
    return element.localName === "b" || element.localName === "strong" ? true : null;
}

/** Collects the text of one block at a time, as src/html.rs's builder does. */
class Builder {
    constructor() {
        this.blocks = [];
        this.parts = []; // the current block's text, in pieces (joined once: no quadratic concatenation)
        this.last = ""; // its last character, "" if none
        this.lead = [];
        this.leadState = "start"; // "start": no text yet; "bold": all text so far is bold; "done"
        this.space = false; // collapsed white space is due before the next character
        this.spaceBreak = false; // …and it held a line break (dropped between two CJK characters)
        this.context = { kind: "paragraph", level: null, pre: false };
    }

    pushText(value, bold) {
        const { pre } = this.context;
        for (const c of value) {
            const code = c.charCodeAt(0);
            if (pre && code === 10) this.pushBreak();
            else if (code === 32 || code === 9 || code === 10 || code === 13 || code === 12) {
                this.space = true;
                if (code === 10 || code === 13) this.spaceBreak = true;
            } else if (code !== 0) this.pushChar(c, bold);
        }
    }

    pushChar(c, bold) {
        const atLineStart = this.last === "" || this.last === "\n";
        const cjkBreak = this.spaceBreak && CJK.test(c) && CJK.test(this.last);
        this.spaceBreak = false;
        if (this.space && !atLineStart && !cjkBreak) {
            this.parts.push(" ");
            if (this.leadState === "bold") this.lead.push(" ");
        }
        this.space = false;
        if (bold && this.leadState !== "done") {
            this.lead.push(c);
            this.leadState = "bold";
        } else {
            this.leadState = "done";
        }
        this.parts.push(c);
        this.last = c;
    }

    pushBreak() {
        this.space = false;
        this.spaceBreak = false;
        if (this.last !== "") {
            this.parts.push("\n");
            this.last = "\n";
        }
    }

    /** Ends the current block. */
    flush() {
        const text = this.parts.join("").replace(/\n+$/, "");
        const lead = this.lead.join("").trim();
        const boldStart = this.leadState === "done" && lead !== "";
        this.parts = [];
        this.last = "";
        this.lead = [];
        this.leadState = "start";
        this.space = false;
        this.spaceBreak = false;
        if (text.trim() === "") return;
        const block = { kind: this.context.kind, text };
        if (this.context.kind === "heading" && this.context.level) block.level = this.context.level;
        if (boldStart) block.lead = lead;
        this.blocks.push(block);
    }
}

/**
 * The typed document of `html`: `{ blocks: [{ kind, level?, text, lead? }] }`, for
 * `analyzeDocument`. Needs DOMParser (a page, not a Worker).
 */
export function htmlToDocument(html) {
    const dom = new DOMParser().parseFromString(prepareHtml(html), "text/html");
    const builder = new Builder();
    // One entry per open element: its context (what its text is), bold, block.
    const stack = [{ context: builder.context, bold: false, block: false, article: false }];
    const top = () => stack[stack.length - 1];

    /** Opens `node` if its content is read; returns whether it was opened. */
    const enter = (node) => {
        if (node.nodeType === 3) {
            builder.pushText(node.nodeValue, top().bold);
            return false;
        }
        if (node.nodeType !== 1) return false; // comments, processing instructions
        const name = node.localName;
        const parent = top();
        if (name === "br") {
            builder.pushBreak();
            return false;
        }
        if (name === "hr") {
            builder.flush();
            return false;
        }
        const role = node.getAttribute("role")?.trim().toLowerCase() ?? "";
        const furniture = FURNITURE.has(name) || FURNITURE_ROLES.has(role);
        if (IGNORED.has(name) || IGNORED_ROLES.has(role) || (furniture && !parent.article)) return false;
        const style = inlineStyle(node);
        if (isHidden(node, style)) return false;
        const context = { ...parent.context };
        if (/^h[1-6]$/.test(name)) {
            context.kind = "heading";
            context.level = Number(name[1]);
        } else if (name === "li" || name === "dd" || name === "dt") context.kind = "list_item";
        else if (name === "blockquote") context.kind = "quote";
        else if (name === "td" || name === "th") context.kind = "table_cell";
        if (name === "pre" || style["white-space"]?.startsWith("pre")) context.pre = true;
        const block = BLOCK.has(name);
        if (block) {
            builder.flush();
            builder.context = context;
        }
        stack.push({
            context,
            bold: boldness(node, style) ?? parent.bold,
            block,
            article: parent.article || name === "article" || name === "main" || role === "main" || role === "article",
        });
        return true;
    };

    /** Closes an element `enter` opened. */
    const leave = () => {
        const closed = stack.pop();
        if (closed.block) {
            builder.flush();
            builder.context = top().context;
        }
    };

    const root = dom.documentElement;
    if (root && enter(root)) {
        let node = root.firstChild;
        while (node) {
            if (enter(node)) {
                if (node.firstChild) {
                    node = node.firstChild;
                    continue;
                }
                leave();
            }
            while (!node.nextSibling) {
                node = node.parentNode;
                leave();
                if (node === root) {
                    node = null;
                    break;
                }
            }
            node = node?.nextSibling ?? null;
        }
    }
    builder.flush();
    return { blocks: builder.blocks };
}

/** The input text of a typed document: its blocks' texts joined by a blank line (what every edit's `original` range indexes). */
export function documentText(doc) {
    return doc.blocks.map((block) => block.text).join(BLOCK_SEPARATOR);
}

/**
 * The document after its text `before` (= `documentText(doc)`) was edited into `after`, or
 * null when the edit replaced the whole text (a new text, not an edit of this one). The blocks
 * the edit touches (with a separator it touches, the blocks on both sides) become one block of
 * the first one's kind, holding the edit, or a paragraph if it now has more lines; the others
 * keep theirs. So typing in a pasted article keeps its headings, and `documentText` of
 * the result is `after`.
 */
export function editDocument(doc, before, after) {
    let start = 0;
    const limit = Math.min(before.length, after.length);
    while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start += 1;
    let tail = 0;
    while (tail < limit - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail += 1;
    const end = before.length - tail; // the edit replaced before[start, end) …
    const inserted = after.slice(start, after.length - tail); // … with this
    if (start === end && inserted === "") return doc;
    if (doc.blocks.length === 0 || (start === 0 && end === before.length)) return null;
    const spans = [];
    let at = 0;
    for (const block of doc.blocks) {
        spans.push({ from: at, to: at + block.text.length });
        at += block.text.length + BLOCK_SEPARATOR.length;
    }
    let first = spans.findIndex((span) => span.to >= start);
    if (first > 0 && start < spans[first].from) first -= 1; // the edit starts in a separator
    let last = spans.findLastIndex((span) => span.from <= end);
    if (last < spans.length - 1 && end > spans[last].to) last += 1; // … or ends in one
    const { from } = spans[first];
    const { to } = spans[last];
    const text = before.slice(from, start) + inserted + before.slice(end, to);
    let block = { ...doc.blocks[first], text };
    const lines = (value) => value.split("\n").length;
    if (block.kind !== "paragraph" && lines(text) > lines(doc.blocks[first].text)) block = { kind: "paragraph", text };
    if (block.lead !== undefined && !text.startsWith(block.lead)) delete block.lead;
    return { blocks: [...doc.blocks.slice(0, first), block, ...doc.blocks.slice(last + 1)] };
}

/**
 * Shows `doc`'s blocks in `container` as the source gave them, up to `limit` characters: one
 * element per block, marked with its kind (`label(kind, level)` names it), its bold lead in
 * bold. Text only (textContent): nothing of the source is parsed as markup.
 */
export function renderDocumentBlocks(container, doc, limit, label) {
    const fragment = container.ownerDocument.createDocumentFragment();
    const make = (tag, className, text) => {
        const node = container.ownerDocument.createElement(tag);
        node.className = className;
        if (text !== undefined) node.textContent = text;
        return node;
    };
    let left = limit;
    for (const block of doc.blocks) {
        if (left <= 0) break;
        const text = block.text.slice(0, left);
        left -= block.text.length + BLOCK_SEPARATOR.length;
        const item = make("div", "source-block");
        item.dataset.kind = block.kind;
        if (block.level) item.dataset.level = String(block.level);
        item.append(make("span", "source-kind", label(block.kind, block.level)));
        const lead = block.lead && text.startsWith(block.lead) ? block.lead : "";
        if (lead) item.append(make("b", "source-lead", lead));
        item.append(text.slice(lead.length));
        fragment.append(item);
    }
    container.replaceChildren(fragment);
}

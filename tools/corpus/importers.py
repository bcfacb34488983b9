"""Source file (Markdown/MDX or a LawRefBook statute) -> document JSON.

The document has the shape of ../shared/eval/docs/*.json:

    {"name", "lang", "meta": {source, date, page, title, subtitle, byline},
     "render": {...}, "provenance": {...},
     "blocks": [{"kind": "title|subtitle|byline|meta|heading|paragraph|list_item",
                 "text": str, "level": int (headings), "lead": str (optional)}]}

What is dropped: front matter, fenced and indented code, tables, HTML/JSX/MDX
components (their Markdown content is kept), images, math, admonition markers,
link targets (the link text stays), emphasis markers, footnote marks, reference
definitions, Liquid/Jinja tags. A block that still holds markup after that
(`<`, `{`, `|`, a backslash, a back-tick) is dropped rather than kept wrong.
Heading levels are made relative: the document's top body heading is level 1.
"""
import html
import re
import unicodedata

CJK_RE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_HAN = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\uff00-\uffef"


def is_cjk(c):
    return bool(CJK_RE.match(c))


def join_lines(lines):
    """Joins a Markdown paragraph's source lines: no space between two CJK
    characters, one space otherwise."""
    out = ""
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        if out and not (is_cjk(out[-1]) and is_cjk(ln[0])):
            out += " "
        out += ln
    return out


_link = re.compile(r"!?\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
_reflink = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_autolink = re.compile(r"<(https?://[^>\s]+)>")
_footref = re.compile(r"\[\^[^\]]+\]")
_mdx_comment = re.compile(r"\{/\*.*?\*/\}")
_html_comment = re.compile(r"<!--.*?-->", re.S)
_anchor = re.compile(r"\s*\{#[^}]*\}\s*$")
_attr = re.compile(r"\{:[^}]*\}|\{\.[^}]*\}")
_tag = re.compile(r"</?[A-Za-z][A-Za-z0-9._-]*(?:\s[^<>]*)?/?>")
_emph = re.compile(r"(\*\*\*|\*\*|(?<![A-Za-z0-9])__)(.+?)\1")
_em1 = re.compile(r"(?<![A-Za-z0-9*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![A-Za-z0-9*])")
_em2 = re.compile(r"(?<![\w_])_(?!\s)([^_\n]+?)(?<!\s)_(?![\w_])")
_code = re.compile(r"``?([^`]+?)``?")
_strike = re.compile(r"~~(.+?)~~")
_role = re.compile(r"\{[a-z]+\}`([^`]*)`")


def inline(s):
    """Markdown inline markup -> plain text."""
    s = _mdx_comment.sub("", s)
    s = _html_comment.sub("", s)
    s = _anchor.sub("", s)
    s = _attr.sub("", s)
    s = _role.sub(r"\1", s)
    s = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", s)          # images
    s = _link.sub(r"\1", s)
    s = _reflink.sub(r"\1", s)
    s = _autolink.sub(r"\1", s)
    s = _footref.sub("", s)
    s = re.sub(r"<br\s*/?>", " ", s)
    s = _tag.sub("", s)
    codes = []

    def keep(m):
        codes.append(m.group(1))
        return "\x00%d\x00" % (len(codes) - 1)
    s = _code.sub(keep, s)                  # code spans keep their `*` and `_`
    for _ in range(2):
        s = _emph.sub(r"\2", s)
    s = _em1.sub(r"\1", s)
    s = _em2.sub(r"\1", s)
    s = _strike.sub(r"\1", s)
    s = re.sub("\x00(\\d+)\x00", lambda m: codes[int(m.group(1))], s)
    s = html.unescape(s)
    s = s.replace("\u00a0", " ").replace("\u200b", "")
    s = re.sub(r"[ \t]+", " ", s).strip()
    return s


BAD = re.compile(r"[<>{}|\\`$]|\]\(|^\s*[-*+]\s|:::|^!!!|^\?\?\?|https?://\S{40,}")


def clean_block_text(s):
    s = inline(s)
    if not s or BAD.search(s):
        return None
    if not re.search(r"[\w\u3400-\u9fff]", s):
        return None
    return s


_fence = re.compile(r"^\s*(```+|~~~+)")
_heading = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_setext = re.compile(r"^(=+|-+)\s*$")
_list = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")
_table = re.compile(r"^\s*\|")
_refdef = re.compile(r"^\s*\[[^\]]+\]:\s*\S+")
_admon = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*\w+")
_container = re.compile(r"^\s*:::")
_jsx_line = re.compile(r"^\s*</?[A-Za-z][^>]*>\s*$|^\s*<[A-Za-z][^>]*$|^\s*/?>\s*$")
_liquid = re.compile(r"^\s*(\{%|\{\{)")
# `- **Type**`, `- **示例**`: a bold label over code or nested text (API references);
# printed alone it is neither a list item nor a heading of the source, so it is left out.
_label_item = re.compile(r"^\*\*[^*]{1,30}\*\*\s*$")
_myst_label = re.compile(r"^\s*\([^()\s]+\)=\s*$")
# JSX/HTML components whose whole content is code, pictures or navigation.
_DROP_COMPONENTS = ("Sandpack", "Diagram", "DiagramGroup", "Illustration", "IllustrationBlock",
                    "TerminalBlock", "ConsoleBlock", "ConsoleBlockMulti", "CodeStep", "svg",
                    "script", "style", "table", "pre", "figure", "iframe", "video", "Recipes",
                    "Challenges", "Solution", "InlineToc", "Listing", "picture", "VueSchoolLink",
                    "ApiIndex", "ThemePage", "VTCodeGroup", "SponsorsGroup", "Hint")


def strip_front_matter(text):
    """Returns (front matter dict of simple `key: value` lines, rest)."""
    fm = {}
    m = re.match(r"^---\s*\n(.*?)\n---\s*\n", text, re.S)
    if m:
        for ln in m.group(1).splitlines():
            mm = re.match(r"^([A-Za-z_]+):\s*(.+?)\s*$", ln)
            if mm:
                fm[mm.group(1).lower()] = mm.group(2).strip("'\"")
        text = text[m.end():]
    return fm, text


def markdown_blocks(text):
    """Markdown/MDX text -> list of (kind, text, level) in order, kind heading /
    paragraph / list_item; heading levels as in the source (1-6)."""
    fm, text = strip_front_matter(text)
    text = _html_comment.sub("", text)
    text = _mdx_comment.sub("", text)
    lines = text.split("\n")
    out = []
    para = []
    para_kind = "paragraph"
    in_fence = None
    drop_depth = []

    def flush():
        nonlocal para, para_kind
        if para:
            t = clean_block_text(join_lines(para))
            if t:
                out.append((para_kind, t, None))
        para = []
        para_kind = "paragraph"

    i = 0
    n = len(lines)
    while i < n:
        raw = lines[i]
        ln = raw.rstrip()
        i += 1
        m = _fence.match(ln)
        if in_fence:
            if m and m.group(1)[0] == in_fence[0] and len(m.group(1)) >= len(in_fence):
                in_fence = None
            continue
        if m:
            flush()
            in_fence = m.group(1)
            continue
        if drop_depth:
            for name in list(drop_depth):
                if re.search(r"</%s\s*>" % re.escape(name), ln):
                    drop_depth.remove(name)
            continue
        mc = re.match(r"^\s*<([A-Za-z][A-Za-z0-9]*)\b(.*)$", ln)
        if mc and mc.group(1) in _DROP_COMPONENTS:
            flush()
            rest = mc.group(2)
            if not re.search(r"/>\s*$", ln) and not re.search(r"</%s\s*>" % mc.group(1), rest):
                drop_depth.append(mc.group(1))
            continue
        if not ln.strip():
            flush()
            continue
        if _jsx_line.match(ln) or _container.match(ln) or _admon.match(ln) or _liquid.match(ln) \
                or _refdef.match(ln) or _table.match(ln) or _myst_label.match(ln):
            flush()
            continue
        if ln.strip().startswith("$$") or ln.strip().startswith("\\["):
            flush()
            # skip display math up to its end
            if ln.strip() in ("$$", "\\[") or not ln.strip().endswith(("$$", "\\]")):
                while i < n and not lines[i].strip().endswith(("$$", "\\]")):
                    i += 1
                i += 1
            continue
        mh = _heading.match(ln)
        if mh:
            flush()
            t = clean_block_text(mh.group(2))
            if t:
                out.append(("heading", t, len(mh.group(1))))
            continue
        if para and para_kind == "paragraph" and len(para) == 1 and _setext.match(ln):
            t = clean_block_text(para[0])
            para = []
            if t:
                out.append(("heading", t, 1 if ln.strip()[0] == "=" else 2))
            continue
        ml = _list.match(ln)
        if ml:
            flush()
            if _label_item.match(ml.group(2)):
                continue
            para_kind = "list_item"
            para = [ml.group(2)]
            continue
        stripped = ln.strip()
        if stripped.startswith(">"):
            stripped = stripped.lstrip("> ").strip()
            if not stripped:
                flush()
                continue
        if raw.startswith("    ") and not para and para_kind == "paragraph" and not out[-1:] == []:
            # indented code block (not a list continuation: no open paragraph)
            if not (out and out[-1][0] == "list_item"):
                continue
        para.append(stripped)
    flush()
    return fm, out


def relative_levels(blocks):
    hs = sorted({lv for k, _, lv in blocks if k == "heading"})
    remap = {lv: i + 1 for i, lv in enumerate(hs)}
    return [(k, t, remap.get(lv) if k == "heading" else None) for k, t, lv in blocks]


def import_markdown(text, lang, nav_title=None):
    """Returns (title, [(kind, text, level)]); the title is the front matter's,
    else `nav_title` (the site navigation's name of the page), else a leading
    heading."""
    fm, blocks = markdown_blocks(text)
    title = clean_block_text(fm.get("title", "")) if fm.get("title") else None
    title = title or nav_title
    if not title and blocks and blocks[0][0] == "heading":
        title = blocks[0][1]
        blocks = blocks[1:]
    # a leading H1 repeated in the body after a front-matter title
    if blocks and blocks[0][0] == "heading" and blocks[0][2] == 1 and title and blocks[0][1] == title:
        blocks = blocks[1:]
    # drop headings with nothing under them before the next heading of same/higher level
    kept = []
    for j, b in enumerate(blocks):
        if b[0] == "heading":
            nxt = blocks[j + 1] if j + 1 < len(blocks) else None
            if nxt is None or (nxt[0] == "heading" and nxt[2] <= b[2]):
                continue
        kept.append(b)
    blocks = relative_levels(kept)
    blocks = [(k, t, min(lv, 4) if lv else lv) for k, t, lv in blocks]
    if lang == "zh":
        blocks = [b for b in blocks if b[0] == "heading" or len(CJK_RE.findall(b[1])) >= 0.3 * len(b[1])]
    return title, blocks


_law_heading = re.compile(r"^(#{1,6})\s+(.*)$")


def import_law(text):
    """LawRefBook statute: `# title`, info lines up to `<!-- INFO END -->`,
    `## 第一章 …` chapters, `### 第一节 …` sections, paragraphs."""
    lines = [ln.strip() for ln in text.split("\n")]
    title = None
    info = []
    blocks = []
    in_info = True
    has_info_end = "<!-- INFO END -->" in text
    for ln in lines:
        if not ln:
            continue
        if ln.startswith("<!--"):
            if "INFO END" in ln:
                in_info = False
            continue
        m = _law_heading.match(ln)
        if m and len(m.group(1)) == 1 and title is None:
            title = m.group(2).strip()
            continue
        if in_info and has_info_end:
            info.append(ln.replace("\u3000", " ").strip())
            continue
        if m:
            t = clean_block_text(m.group(2))
            if t:
                blocks.append(("heading", t, len(m.group(1))))
            continue
        t = clean_block_text(ln)
        if t:
            blocks.append(("paragraph", t.replace("\u3000", " ").strip(), None))
    blocks = relative_levels(blocks)
    return title, info, blocks


DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def nfc(s):
    return unicodedata.normalize("NFC", s)

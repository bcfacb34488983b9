"""Alignment of an extractor's text back to the document it was typeset from.

Every line of the extracted text is matched, as normalised characters, against
the document's blocks (title, subtitle, byline, meta line, headings,
paragraphs, list items in reading order) and against the page furniture that
was printed (running header, each page's footer, e-paper breadcrumb, the
copy-button label put in front of the text).

Normalisation: NFKC (Kangxi radicals, ligatures, full-width forms), the CJK
Radicals Supplement look-alikes folded to their ideographs, U+2015 folded to
U+2014, soft hyphens and all whitespace removed. A hyphen that ends a line
and is not in the source is a typesetting hyphen and is skipped.

A line is matched where the previous line ended if it can be; otherwise the
nearest place it occurs (extractors reorder columns and blocks); otherwise it
is cut into the longest pieces that occur (`pdftotext -layout` prints two
columns side by side on one line, pdfminer may glue lines of different
columns). A line with pieces from places that do not follow each other is
`mixed`; a line of which less than MIN_MATCHED of the characters can be placed
is unaligned.

Each newline then gets a label from the lines around it: the nearest non-blank
line before and after it (blank lines are what extractors put between text
boxes, not evidence of a paragraph end):
    join  both in the same block
    para  in different blocks
    drop  one of them is page furniture
    None  one of them is unaligned or mixed, or there is no line on one side
and `content_label`, the same relation between the nearest lines that are
neither blank nor furniture (what a cleaner must decide once furniture is gone).
"""
import unicodedata

# Share of a line's normalised characters that must be placed for the line to count
# as aligned; below it the line is unaligned and its breaks unlabelled.
MIN_MATCHED = 0.85
# A piece shorter than this is not trusted to locate a line elsewhere in the document
# (short strings such as `的` or `1` occur everywhere).
MIN_PIECE = 3
# Gap (in normalised characters) between two pieces of a line that still counts as
# the same place: a character the extractor dropped or changed.
MAX_GAP = 2

# CJK Radicals Supplement look-alikes (U+2E80-U+2EFF) that NFKC leaves alone.
RADICALS = {
    "\u2e8b": "㔾", "\u2e8c": "小", "\u2e8d": "小", "\u2e8e": "兀", "\u2e8f": "尣", "\u2e90": "尢",
    "\u2e92": "巳", "\u2e93": "幺", "\u2e94": "彑", "\u2e95": "彐", "\u2e96": "忄", "\u2e97": "㣺",
    "\u2e98": "扌", "\u2e99": "攵", "\u2e9b": "旡", "\u2e9c": "日", "\u2e9d": "月", "\u2e9e": "歺",
    "\u2e9f": "母", "\u2ea0": "民", "\u2ea1": "氵", "\u2ea2": "氺", "\u2ea3": "灬", "\u2ea4": "爫",
    "\u2ea5": "爫", "\u2ea6": "丬", "\u2ea7": "牛", "\u2ea8": "犭", "\u2ea9": "王", "\u2eaa": "疋",
    "\u2eab": "罒", "\u2eac": "示", "\u2ead": "礻", "\u2eae": "竹", "\u2eaf": "糹", "\u2eb0": "纟",
    "\u2eb1": "罓", "\u2eb2": "罒", "\u2eb3": "㓁", "\u2eb4": "罒", "\u2eb5": "罒", "\u2eb6": "羊",
    "\u2eb7": "羊", "\u2eb8": "羊", "\u2eb9": "耂", "\u2eba": "肀", "\u2ebb": "肀", "\u2ebc": "月",
    "\u2ebd": "臼", "\u2ebe": "艹", "\u2ebf": "艹", "\u2ec0": "艹", "\u2ec1": "虎", "\u2ec2": "衤",
    "\u2ec3": "覀", "\u2ec4": "西", "\u2ec5": "见", "\u2ec6": "角", "\u2ec7": "角", "\u2ec8": "讠",
    "\u2ec9": "贝", "\u2eca": "足", "\u2ecb": "车", "\u2ecc": "辶", "\u2ecd": "辶", "\u2ece": "辶",
    "\u2ecf": "阝", "\u2ed0": "钅", "\u2ed1": "长", "\u2ed2": "长", "\u2ed3": "长", "\u2ed4": "门",
    "\u2ed5": "阜", "\u2ed6": "阝", "\u2ed7": "雨", "\u2ed8": "青", "\u2ed9": "韦", "\u2eda": "页",
    "\u2edb": "风", "\u2edc": "飞", "\u2edd": "食", "\u2ede": "飠", "\u2edf": "飠", "\u2ee0": "饣",
    "\u2ee1": "首", "\u2ee2": "马", "\u2ee3": "骨", "\u2ee4": "鬼", "\u2ee5": "鱼", "\u2ee6": "鸟",
    "\u2ee7": "卤", "\u2ee8": "麦", "\u2ee9": "黄", "\u2eea": "黾", "\u2eeb": "斉", "\u2eec": "齐",
    "\u2eed": "歯", "\u2eee": "齿", "\u2eef": "竜", "\u2ef0": "龙", "\u2ef1": "龜", "\u2ef2": "亀",
    "\u2ef3": "龟",
}
FOLD = {"\u2015": "\u2014", "\u00ad": "", "\ufeff": "", "\u200b": ""}

ROLE_OF_KIND = {"title": "title", "subtitle": "subtitle", "byline": "byline", "meta": "meta",
                "paragraph": "paragraph", "list_item": "list_item"}


def norm_chars(s):
    """Normalised characters of s, each with the index in s it came from."""
    out = []
    for i, c in enumerate(s):
        if c.isspace():
            continue
        c = FOLD.get(c, c)
        if not c:
            continue
        n = unicodedata.normalize("NFKC", c)
        for d in n:
            if d.isspace():
                continue
            d = RADICALS.get(d, FOLD.get(d, d))
            if d:
                out.append((d, i))
    return out


def norm(s):
    return "".join(c for c, _ in norm_chars(s))


def role_of(block):
    k = block["kind"]
    if k == "heading":
        return "heading%d" % min(4, max(1, block.get("level") or 1))
    return ROLE_OF_KIND.get(k, "paragraph")


class Source:
    """The document's blocks as one normalised string, with the block of each character."""

    def __init__(self, blocks):
        self.blocks = blocks
        parts, owner, starts = [], [], []
        pos = 0
        for i, b in enumerate(blocks):
            t = norm(b["text"])
            starts.append(pos)
            parts.append(t)
            owner.extend([i] * len(t))
            pos += len(t)
        self.s = "".join(parts)
        self.owner = owner
        self.starts = starts
        self.ends = [st + len(p) for st, p in zip(starts, parts)]

    def block_at(self, pos):
        return self.owner[pos]


def _run_at(S, start, L, i):
    """How many characters of L[i:] equal S from start on."""
    k = 0
    n = min(len(L) - i, len(S) - start)
    while k < n and S[start + k] == L[i + k]:
        k += 1
    return k


def _find_near(S, piece, cursor):
    """The occurrence of piece nearest after cursor, else the last one before it."""
    j = S.find(piece, cursor)
    if j >= 0:
        return j
    return S.rfind(piece, 0, cursor + len(piece))


def _longest_prefix(S, L, i, cursor):
    """(length, position) of the longest prefix of L[i:] found in S (near cursor)."""
    lo, hi = 0, len(L) - i
    best = (0, -1)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        j = _find_near(S, L[i:i + mid], cursor)
        if j >= 0:
            lo = mid
            best = (mid, j)
        else:
            hi = mid - 1
    return best


def place_line(S, L, cursor):
    """Pieces [(line_from, line_to, src_from)] placing the normalised line L in S,
    and the number of characters left unplaced. Tries, in order: the whole
    line where the last line ended; the whole line nearest the cursor; the
    longest pieces, each first where the previous one ended."""
    if not L:
        return [], 0
    variants = [L]
    if L.endswith("-") and len(L) > 1:
        variants.append(L[:-1])           # a typesetting hyphen at the line end
    for V in variants:
        if S.startswith(V, cursor):
            return [(0, len(V), cursor)], len(L) - len(V)
    for V in variants:
        if len(V) >= MIN_PIECE:
            j = _find_near(S, V, cursor)
            if j >= 0:
                return [(0, len(V), j)], len(L) - len(V)
        else:
            j = S.find(V)
            if j >= 0 and S.find(V, j + 1) < 0:     # a short line that occurs once only
                return [(0, len(V), j)], len(L) - len(V)
    pieces, unplaced = [], 0
    i, cur = 0, cursor
    while i < len(L):
        k = _run_at(S, cur, L, i) if cur < len(S) else 0
        if k >= min(MIN_PIECE, len(L) - i) and k > 0:
            pieces.append((i, i + k, cur))
            i += k
            cur += k
            continue
        k, j = _longest_prefix(S, L, i, cur)
        if k >= MIN_PIECE or (k > 0 and k == len(L) - i and pieces and abs(j - cur) <= MAX_GAP):
            pieces.append((i, i + k, j))
            i += k
            cur = j + k
            continue
        if L[i] == "-" and i == len(L) - 1:
            i += 1                         # line-end hyphen
            continue
        unplaced += 1
        i += 1
    return pieces, unplaced


class Line:
    __slots__ = ("start", "end", "text", "norm", "status", "role", "first_block", "last_block",
                 "src_from", "src_to", "blocks")

    def __init__(self, start, end, text):
        self.start, self.end, self.text = start, end, text
        self.norm = norm(text)
        self.status = None      # blank | furniture | content | mixed | unaligned
        self.role = None
        self.first_block = self.last_block = None
        self.src_from = self.src_to = None
        self.blocks = ()


def split_lines(text):
    """Lines of text as (start, end) character ranges; the newline at `end`."""
    out, start = [], 0
    while True:
        j = text.find("\n", start)
        if j < 0:
            out.append((start, len(text)))
            return out
        out.append((start, j))
        start = j + 1


def align(text, blocks, furniture):
    """Aligns the lines of `text` to `blocks`; `furniture` is the list of strings
    printed around the text (header, footers, breadcrumb, label). Returns the
    lines (Line objects)."""
    src = Source(blocks)
    S = src.s
    furn = {norm(f) for f in furniture if f and norm(f)}
    lines = [Line(a, b, text[a:b]) for a, b in split_lines(text)]
    cursor = 0
    for ln in lines:
        L = ln.norm
        if not L:
            ln.status, ln.role = "blank", "blank"
            continue
        if L in furn:
            ln.status, ln.role = "furniture", "furniture"
            continue
        if not S.startswith(L, cursor) and any(len(L) >= 2 and L in f for f in furn):
            # a piece of a header the extractor cut in two (`中国经济网` / `2018-04-13`)
            ln.status, ln.role = "furniture", "furniture"
            continue
        # a line holding furniture and text: take the furniture out first
        rest = L
        for f in sorted(furn, key=len, reverse=True):
            if len(f) >= 4 and f in rest:
                rest = rest.replace(f, "", 1)
        pieces, unplaced = place_line(S, rest, cursor)
        placed = sum(b - a for a, b, _ in pieces)
        if not pieces or placed < MIN_MATCHED * len(L) - (len(L) - len(rest)):
            ln.status = "unaligned"
            continue
        contiguous = all(0 <= pieces[k + 1][2] - (pieces[k][2] + pieces[k][1] - pieces[k][0]) <= MAX_GAP
                         for k in range(len(pieces) - 1))
        first, last = pieces[0], pieces[-1]
        ln.src_from = first[2]
        ln.src_to = last[2] + (last[1] - last[0])
        ln.first_block = src.block_at(first[2])
        ln.last_block = src.block_at(ln.src_to - 1)
        ln.blocks = tuple(sorted({src.block_at(p[2]) for p in pieces} | {src.block_at(p[2] + p[1] - p[0] - 1) for p in pieces}))
        if rest != L:
            ln.status = "mixed"          # furniture and text on one line
        else:
            ln.status = "content" if contiguous else "mixed"
        # the role of the block most of the line belongs to
        count = {}
        for a, b, j in pieces:
            for q in range(j, j + (b - a)):
                bi = src.block_at(q)
                count[bi] = count.get(bi, 0) + 1
        ln.role = role_of(blocks[max(count, key=count.get)])
        cursor = ln.src_to
    _place_short_by_neighbours(lines, src, blocks)
    return lines, src


def _set_placed(ln, src, blocks, a, b):
    ln.status = "content"
    ln.src_from, ln.src_to = a, b
    ln.first_block, ln.last_block = src.block_at(a), src.block_at(b - 1)
    ln.blocks = tuple(sorted({ln.first_block, ln.last_block}))
    ln.role = role_of(blocks[ln.first_block])


def _place_short_by_neighbours(lines, src, blocks):
    """An unaligned line too short to be found alone (`持：`, `of`) is placed right
    after the content line before it or right before the content line after it."""
    S = src.s
    for i, ln in enumerate(lines):
        if ln.status != "unaligned" or len(ln.norm) >= 12:
            continue
        L = ln.norm
        variants = [L] + ([L[:-1]] if L.endswith("-") and len(L) > 1 else [])
        prev = next((lines[k] for k in range(i - 1, -1, -1) if lines[k].status == "content"), None)
        nxt = next((lines[k] for k in range(i + 1, len(lines)) if lines[k].status == "content"), None)
        for V in variants:
            if prev is not None and S.startswith(V, prev.src_to):
                _set_placed(ln, src, blocks, prev.src_to, prev.src_to + len(V))
                break
            if nxt is not None and nxt.src_from >= len(V) and S[nxt.src_from - len(V):nxt.src_from] == V:
                _set_placed(ln, src, blocks, nxt.src_from - len(V), nxt.src_from)
                break


def relation(a, b):
    """Label between two non-blank lines a (before) and b (after)."""
    if a is None or b is None:
        return None
    if a.status == "furniture" or b.status == "furniture":
        return "drop"
    if a.status != "content" or b.status != "content":
        return None
    return "join" if a.last_block == b.first_block else "para"


def breaks(text, lines, base=0, lo=0, hi=None):
    """One record per newline of text[lines[lo].start : lines[hi-1].end]; offsets
    are UTF-8 byte offsets, counted from `base` (a character index)."""
    hi = len(lines) if hi is None else hi
    prev_nb = [None] * len(lines)
    last = None
    for i in range(lo, hi):
        if lines[i].status != "blank":
            last = lines[i]
        prev_nb[i] = last
    next_nb = [None] * len(lines)
    nxt = None
    for i in range(hi - 1, lo - 1, -1):
        if lines[i].status != "blank":
            nxt = lines[i]
        next_nb[i] = nxt

    def content_before(i):
        for k in range(i, lo - 1, -1):
            if lines[k].status not in ("blank", "furniture"):
                return lines[k]
        return None

    def content_after(i):
        for k in range(i, hi):
            if lines[k].status not in ("blank", "furniture"):
                return lines[k]
        return None

    out = []
    # byte offsets: encode once, map character index -> byte index incrementally
    byte_pos = 0
    char_pos = base
    for i in range(lo, hi - 1):
        nl = lines[i].end            # character index of the '\n'
        byte_pos += len(text[char_pos:nl].encode("utf-8"))
        char_pos = nl
        a, b = prev_nb[i], next_nb[i + 1]
        rec = {"offset": byte_pos, "label": relation(a, b),
               "prev_role": lines[i].role, "next_role": lines[i + 1].role,
               "content_label": relation(content_before(i), content_after(i + 1))}
        out.append(rec)
    return out


def line_spans_by_block(lines, nblocks):
    """For each block, the indices of the content lines that lie wholly in it."""
    spans = [[] for _ in range(nblocks)]
    for i, ln in enumerate(lines):
        if ln.status == "content" and ln.first_block == ln.last_block:
            spans[ln.first_block].append(i)
    return spans


def covers(src, block, lines, idx):
    """Whether the lines idx (in order) hold exactly the block's characters, in order."""
    pos = src.starts[block]
    for i in idx:
        ln = lines[i]
        if ln.src_from != pos:
            return False
        pos = ln.src_to
    return pos == src.ends[block]


def stats(lines):
    nb = [ln for ln in lines if ln.status != "blank"]
    ok = [ln for ln in nb if ln.status in ("content", "furniture")]
    return len(nb), len(ok)


"""A random layout per (document, engine), and the document as it is printed.

`make(doc, engine, seed)` returns (truth, layout):

truth   the ground truth of every case cut from this rendering, in the format
        of ../shared/eval/cases/*.expected.json (blocks, meta, render). The
        layout changes the text: numbered headings (`一、` `（一）` `1.` `1.1`
        `第一章`, `I.`), heading endings `——` / `：`, list markers, a byline,
        a source/date line, a dateline opening the first paragraph, a document
        number; each block's text is what is printed.
layout  page and type parameters (page size, margins, columns, fonts, size,
        line height, alignment, indent, paragraph spacing, heading styles,
        running header, footer form, e-paper breadcrumb, copy-button label),
        all drawn from one seeded generator.

Bylines, datelines and dates are synthetic (names drawn from lists below);
everything else is the source's text.
"""
import random
import re
import subprocess

ZH_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
ZH_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞文辉力斌宇浩凯健俊帆旭宁林欣晨阳佳琳雪梅慧颖婷倩云峰建国志海波思远博雅嘉怡子涵一鸣晓"
EN_FIRST = ["Alice", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "James",
            "Kavya", "Liam", "Maria", "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Samuel", "Tara",
            "Victor", "Wei", "Yara", "Zoe"]
EN_LAST = ["Smith", "Garcia", "Chen", "Okafor", "Rossi", "Novak", "Kim", "Patel", "Johnson",
           "Larsen", "Silva", "Tanaka", "Brown", "Dubois", "Kowalski", "Nguyen", "Haddad", "Evans",
           "Moreau", "Fischer", "Ahmed", "Walsh"]
ZH_PAPERS = ["人民日报", "经济日报", "科技日报", "光明日报", "法治日报", "中国青年报", "工人日报",
             "农民日报", "中国教育报", "四川日报", "浙江日报", "南方日报", "新华日报", "解放日报"]
ZH_SITES = ["人民网", "新华网", "中国政府网", "光明网", "央视网", "中国新闻网", "中国经济网",
            "澎湃新闻", "国际在线", "中国日报网"]
ZH_CITIES = ["北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安", "重庆",
             "天津", "长沙", "兰州", "合肥", "济南", "郑州"]
ZH_ORGS = ["国办", "国发", "教发", "财预", "工信部规", "发改委", "科发", "人社部发", "商务部令"]
EN_SITES = ["The Daily Ledger", "Tech Weekly", "Open Docs Review", "City Gazette",
            "Developer Bulletin", "Research Notes", "The Evening Post"]
WEEKDAYS_ZH = "一二三四五六日"
CN_NUM = "零一二三四五六七八九十"
COPY_LABELS = ["正文复制", "正文复制", "正文复制", "复制正文", "复制全文"]

# Fonts, each used only when fc-list has it.
ZH_FONTS = ["Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UMing CN", "WenQuanYi Zen Hei", "AR PL SungtiL GB", "AR PL KaitiM GB"]
LATIN_SERIF = ["Liberation Serif", "DejaVu Serif", "Caladea"]
LATIN_SANS = ["Liberation Sans", "DejaVu Sans", "Carlito"]

PAGES = {"A4": (210, 297), "A5": (148, 210), "Letter": (216, 279), "B5": (176, 250)}


def installed_fonts():
    out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    fams = set()
    for ln in out.splitlines():
        for f in ln.split(","):
            fams.add(f.strip())
    return fams


_FONTS = None


def fonts():
    global _FONTS
    if _FONTS is None:
        _FONTS = installed_fonts()
    return _FONTS


def cn_number(n):
    """1 -> 一, 10 -> 十, 12 -> 十二, 23 -> 二十三."""
    if n <= 10:
        return CN_NUM[n]
    if n < 20:
        return "十" + CN_NUM[n - 10]
    t, u = divmod(n, 10)
    return CN_NUM[t] + "十" + (CN_NUM[u] if u else "")


def roman(n):
    vals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def zh_name(rng):
    return rng.choice(ZH_SURNAMES) + "".join(rng.choice(ZH_GIVEN) for _ in range(rng.choice([1, 2, 2])))


def en_name(rng):
    return "%s %s" % (rng.choice(EN_FIRST), rng.choice(EN_LAST))


HAS_NUMBER = re.compile(r"^\s*(第[一二三四五六七八九十百零]+[章节编条部分]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+(\.\d+)*[.、\s]|[IVX]+\.\s|Chapter\s|Part\s)")


def number_heading(style, counters, level):
    """The enumerator printed before a heading of `level` in a numbering style."""
    c = counters
    if style == "zh_gov":
        return {1: "%s、" % cn_number(c[0]), 2: "（%s）" % cn_number(c[1]), 3: "%d." % c[2],
                4: "（%d）" % c[3]}[level]
    if style == "zh_chapter":
        return {1: "第%s章 " % cn_number(c[0]), 2: "第%s节 " % cn_number(c[1]), 3: "%s、" % cn_number(c[2]),
                4: "（%s）" % cn_number(c[3])}[level]
    if style == "decimal":
        return ".".join(str(x) for x in c[:level]) + " "
    if style == "decimal_dot":
        return {1: "%d. " % c[0], 2: "%d.%d " % (c[0], c[1]), 3: "%d.%d.%d " % (c[0], c[1], c[2]),
                4: "(%d) " % c[3]}[level]
    if style == "en_roman":
        return {1: "%s. " % roman(c[0]), 2: "%s. " % chr(64 + min(c[1], 26)), 3: "%d. " % c[2],
                4: "(%s) " % chr(96 + min(c[3], 26))}[level]
    return ""


def first_sentence(text, lang):
    if lang == "zh":
        m = re.match(r"^(.{4,40}?[。！？])(?=.)", text)
        if m and m.group(1).count("，") <= 1 and not re.search(r"[：；“”（）()]", m.group(1)):
            return m.group(1)
        return None
    m = re.match(r"^((?:[A-Z][^.!?:;]{8,90}?)[.!?])\s+(?=[A-Z])", text)
    if m and len(m.group(1).split()) <= 12 and "," not in m.group(1):
        return m.group(1)
    return None


def pick(rng, items, weights=None):
    return rng.choices(items, weights=weights)[0] if weights else rng.choice(items)


def make(doc, engine, seed):
    """Returns (truth, layout) for one rendering of `doc` by `engine`."""
    rng = random.Random("%s:%s:%s" % (seed, doc["name"], engine))
    zh = doc["lang"] == "zh"
    avail = fonts()
    L = {"engine": engine}
    # --- page
    L["paper"] = pick(rng, ["A4", "A5", "Letter", "B5"], [5, 3, 2 if not zh else 1, 2])
    pw, ph = PAGES[L["paper"]]
    small = pw < 160
    L["margins_mm"] = [rng.randint(12, 30), rng.randint(12, 28), rng.randint(14, 30), rng.randint(12, 28)]
    if small:
        L["margins_mm"] = [min(m, 20) for m in L["margins_mm"]]
    L["columns"] = 1 if small else pick(rng, [1, 2, 3], [5, 4, 1.5])
    L["font_pt"] = round(rng.uniform(9, 11.5) if L["columns"] > 1 or small else rng.uniform(10, 14), 1)
    if L["columns"] == 3:
        L["font_pt"] = min(L["font_pt"], 10.0)
        L["margins_mm"] = [min(m, 20) for m in L["margins_mm"]]
    L["line_height"] = round(rng.uniform(1.2, 1.9), 2)
    L["column_gap_mm"] = rng.randint(4, 9)
    zh_fonts = [f for f in ZH_FONTS if f in avail] or ["Noto Serif CJK SC"]
    serif = rng.random() < 0.6
    latin = [f for f in (LATIN_SERIF if serif else LATIN_SANS) if f in avail] or ["DejaVu Serif"]
    L["cjk_font"] = rng.choice(zh_fonts)
    L["latin_font"] = rng.choice(latin)
    L["latin_first"] = rng.random() < 0.5          # e-paper PDFs list the Latin font first
    L["justify"] = rng.random() < (0.7 if zh else 0.55)
    L["indent"] = rng.random() < (0.75 if zh else 0.3)
    L["para_space"] = 0 if rng.random() < 0.45 else round(rng.uniform(0.2, 1.0), 2)
    L["hyphenate"] = (not zh) and engine == "chromium" and rng.random() < 0.6
    # --- headings
    if zh:
        L["heading_numbers"] = pick(rng, ["none", "zh_gov", "zh_chapter", "decimal", "decimal_dot"],
                                    [4, 4, 1, 1.5, 1.5])
    else:
        L["heading_numbers"] = pick(rng, ["none", "decimal", "decimal_dot", "en_roman"], [5, 2, 2, 1])
    L["heading_end"] = pick(rng, ["", "——", "："], [8, 1.2, 1]) if zh else ""
    L["heading_align"] = pick(rng, ["left", "center"], [3, 1])
    L["heading_bold"] = rng.random() < 0.85
    L["heading_scale"] = round(rng.uniform(1.0, 1.45), 2)
    L["title_align"] = pick(rng, ["center", "left"], [3, 1] if zh else [1, 2])
    L["title_scale"] = round(rng.uniform(1.3, 2.0), 2)
    L["list_marker"] = pick(rng, ["none", "number", "bullet"], [5, 3, 2])
    L["leads"] = pick(rng, ["none", "bold", "bold_numbered"], [5, 2, 1.5])
    # --- furniture
    L["footer"] = pick(rng, ["zh_of", "dash", "en_of", "number", "none"],
                       [4, 2, 0.7, 1.5, 1.5] if zh else [0.5, 1.5, 4, 2, 1.5])
    L["running_header"] = rng.random() < 0.55
    L["epaper"] = zh and rng.random() < 0.3
    L["copy_label"] = rng.choice(COPY_LABELS) if zh and rng.random() < 0.25 else None
    # --- document furniture that becomes text
    y = rng.randint(2016, 2026)
    mo = rng.randint(1, 12)
    d = rng.randint(1, 28)
    if doc["meta"].get("date"):
        # the document's own date (a statute's): every synthetic date line repeats it
        y, mo, d = (int(x) for x in doc["meta"]["date"].split("-"))
    date = "%04d-%02d-%02d" % (y, mo, d)
    meta = dict(doc["meta"])
    blocks = [dict(b) for b in doc["blocks"]]
    title = meta["title"]
    head = [b for b in blocks if b["kind"] in ("title", "meta")]
    body = [b for b in blocks if b["kind"] not in ("title", "meta")]
    extra = []
    paper = rng.choice(ZH_PAPERS) if zh else rng.choice(EN_SITES)
    epaper_line = None
    if L["epaper"]:
        page_no = rng.randint(1, 16)
        with_page = rng.random() < 0.6
        epaper_line = "%s/%d年/%d月/%d日%s" % (paper, y, mo, d, "/第 %03d 版" % page_no if with_page else "")
        meta["source"], meta["date"] = paper, date
        meta["page"] = "%03d" % page_no if with_page else None
    law = doc["provenance"]["repo"] == "LawRefBook/Laws"
    if zh and law and rng.random() < 0.35:
        num = "%s〔%d〕%d号" % (rng.choice(ZH_ORGS), y, rng.randint(1, 60))
        extra.append({"kind": "subtitle", "text": num})
        meta["subtitle"] = num
    byline = None
    if rng.random() < 0.45:
        if zh:
            form = pick(rng, ["reporter", "two", "wen", "author", "bare", "with_tx"], [3, 2, 1, 1, 1.5, 1])
            n1, n2 = zh_name(rng), zh_name(rng)
            byline = {"reporter": "本报记者 %s" % n1, "two": "记者 %s %s" % (n1, n2), "wen": "文/%s" % n1,
                      "author": "作者：%s" % n1, "bare": "%s %s" % (n1, n2) if rng.random() < 0.5 else n1,
                      "with_tx": "本报记者 %s 通讯员 %s" % (n1, n2)}[form]
        else:
            form = pick(rng, ["by", "names", "author"], [3, 2, 1])
            n1, n2 = en_name(rng), en_name(rng)
            byline = {"by": "By %s" % n1, "names": "%s, %s" % (n1, n2), "author": "Author: %s" % n1}[form]
        extra.append({"kind": "byline", "text": byline})
        meta["byline"] = byline
    has_meta_line = any(b["kind"] == "meta" for b in head)
    if not has_meta_line and not epaper_line and rng.random() < 0.4:
        hh, mm = rng.randint(6, 22), rng.randint(0, 59)
        if zh:
            site = rng.choice(ZH_SITES)
            form = rng.randint(0, 4)
            line = ["%s　%d年%d月%d日" % (site, y, mo, d),
                    "发布时间：%s %02d:%02d　来源：%s" % (date, hh, mm, site),
                    "来源：%s　%s" % (site, date),
                    "%s %02d:%02d　来源：%s" % (date, hh, mm, site),
                    "《%s》（%d年%02d月%02d日 %02d 版）" % (rng.choice(ZH_PAPERS), y, mo, d, rng.randint(1, 16))][form]
        else:
            months = ["January", "February", "March", "April", "May", "June", "July", "August",
                      "September", "October", "November", "December"]
            form = rng.randint(0, 3)
            line = ["Published: %s %d, %d" % (months[mo - 1], d, y), "Date: %s" % date,
                    "%s · %d %s %d" % (paper, d, months[mo - 1], y), "Last updated: %s" % date][form]
        extra.append({"kind": "meta", "text": line})
        meta["date"] = date
        has_meta_line = True
    # dateline opening the first paragraph (news), only when the date is known
    if zh and not law and (has_meta_line or epaper_line) and rng.random() < 0.35:
        for b in body:
            if b["kind"] == "paragraph":
                form = rng.randint(0, 2)
                if form == 2:
                    dl = "本报讯（记者 %s）" % zh_name(rng)
                else:
                    dl = "%s%s%d月%d日电" % (["本报", "新华社"][form], rng.choice(ZH_CITIES), mo, d)
                    if rng.random() < 0.5:
                        dl += "（记者 %s）" % zh_name(rng)
                b["text"] = dl + ("　" if rng.random() < 0.5 else " ") + b["text"]
                break
    # headings: numbering and endings
    counters = [0, 0, 0, 0]
    numbered = L["heading_numbers"] != "none"
    for b in body:
        if b["kind"] != "heading":
            continue
        lv = b["level"]
        counters[lv - 1] += 1
        for k in range(lv, 4):
            counters[k] = 0
        t = b["text"]
        if numbered and not HAS_NUMBER.match(t):
            t = number_heading(L["heading_numbers"], [max(1, x) for x in counters], lv) + t
        if L["heading_end"] and lv == 1 and not re.search(r"[。：:？！?!——]$", t):
            t = t + L["heading_end"]
        b["text"] = t
    # list markers printed as text
    n_item = 0
    prev_kind = None
    for b in body:
        if b["kind"] == "list_item":
            n_item = n_item + 1 if prev_kind == "list_item" else 1
            if L["list_marker"] == "number" and not re.match(r"^\d+[.、)]|^[（(]\d+[）)]", b["text"]):
                b["text"] = ("（%d）" % n_item if zh and rng.random() < 0.5 else "%d. " % n_item) + b["text"]
            elif L["list_marker"] == "bullet":
                b["text"] = "• " + b["text"]
        prev_kind = b["kind"]
    # bold lead sentences
    if L["leads"] != "none":
        k = 0
        for b in body:
            if b["kind"] == "heading":
                k = 0
            if b["kind"] != "paragraph":
                continue
            fs = first_sentence(b["text"], doc["lang"])
            if not fs or re.match(r"^第[一二三四五六七八九十百]+条", b["text"]):
                continue
            if L["leads"] == "bold_numbered":
                k += 1
                enum = ("（%s）" % cn_number(k) if rng.random() < 0.6 else "%d." % k) if zh else "%d. " % k
                b["text"] = enum + b["text"]
                fs = enum + fs
            b["lead"] = fs
    # running header text
    rh = None
    if L["running_header"]:
        short_title = title if len(title) <= (24 if zh else 60) else None
        if zh:
            opts = ["%s　%d年%d月%d日　星期%s" % (paper, y, mo, d, WEEKDAYS_ZH[rng.randint(0, 6)]),
                    "%s　%s" % (rng.choice(ZH_SITES), meta.get("subtitle") or date)]
            if short_title:
                # with the paper's name: the bare title would be in the text itself, and
                # score.py counts every occurrence of the running header as an artifact
                opts.append("%s　%s" % (paper, short_title))
        else:
            opts = ["%s — %s" % (paper, date), "%s Documentation" % paper]
            if short_title:
                opts.append("%s | %s" % (paper, short_title))
        # a header that is also printed in the text would count as an artifact in the text
        opts = [o for o in opts if not any(o in b["text"] for b in blocks + extra)] or [None]
        rh = rng.choice(opts)
        if rh and (date in rh or "%d年%d月%d日" % (y, mo, d) in rh):
            # a header that prints the paper and date tells the document's date and source
            meta["date"] = meta.get("date") or date
            meta["source"] = meta.get("source") or rh.split("　")[0].split(" — ")[0]
    # the header block in print order: title, subtitle, byline, meta lines; then the body
    order = {"title": 0, "subtitle": 1, "byline": 2, "meta": 3}
    truth_blocks = sorted(head + extra, key=lambda b: order[b["kind"]]) + body
    L["running_header_text"] = rh
    L["epaper_line"] = epaper_line
    truth = {"name": doc["name"], "lang": doc["lang"], "meta": meta,
             "render": {"layout": "%s-%s" % (engine, L["paper"]), "paper": paper if (epaper_line or rh) else None,
                        "epaper_line": epaper_line, "running_header": rh},
             "provenance": doc["provenance"], "blocks": truth_blocks}
    return truth, L


def footer_text(form, page, pages):
    """The footer string printed on `page` of `pages` (None when none)."""
    return {"zh_of": "第 %d 页 共 %d 页" % (page, pages), "dash": "- %d -" % page,
            "en_of": "Page %d of %d" % (page, pages), "number": "%d" % page, "none": None}[form]


def furniture(L, pages):
    """The strings layout `L` prints around the text of a rendering of `pages` pages (running
    header, e-paper line, copy label, each page's footer; None where there is none)."""
    return ([L["running_header_text"], L["epaper_line"], L["copy_label"]]
            + [footer_text(L["footer"], p, pages) for p in range(1, pages + 1)])

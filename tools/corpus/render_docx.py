"""Typesetting engine 2: a Word document (.docx, written with python-docx) exported
to PDF by LibreOffice Writer (`soffice --headless --convert-to pdf`), the way
"Word documents exported to PDF" are made.

Page size and margins, columns (a continuous section break below the title
block, as Word does it), Latin and East Asian fonts, size, exact line
spacing, justification, first-line indent, paragraph spacing, bold lead runs,
running header and a footer with PAGE / NUMPAGES fields all follow the layout.
"""
import os
import shutil
import subprocess
import tempfile

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

import layout as layout_mod

SOFFICE = os.environ.get("SOFFICE", "soffice")
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def set_fonts(rpr_owner, latin, cjk):
    rpr = rpr_owner.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for k in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(k), latin)
    rfonts.set(qn("w:eastAsia"), cjk)


def add_field(paragraph, instr, size):
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(size * 2)))
    rpr.append(sz)
    r.append(rpr)
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


def footer_parts(form):
    """The footer as literal pieces and fields, or None."""
    return {"zh_of": ["第 ", "PAGE", " 页 共 ", "NUMPAGES", " 页"], "dash": ["- ", "PAGE", " -"],
            "en_of": ["Page ", "PAGE", " of ", "NUMPAGES"], "number": ["PAGE"], "none": None}[form]


def set_columns(section, n, gap_mm):
    sp = section._sectPr
    cols = sp.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        sp.append(cols)
    cols.set(qn("w:num"), str(n))
    cols.set(qn("w:space"), str(int(gap_mm * 56.7)))


def to_docx(truth, L, path):
    doc = Document()
    fs = L["font_pt"]
    sec = doc.sections[0]
    pw, ph = layout_mod.PAGES[L["paper"]]
    sec.page_width, sec.page_height = Mm(pw), Mm(ph)
    top, right, bottom, left = L["margins_mm"]
    sec.top_margin, sec.right_margin, sec.bottom_margin, sec.left_margin = Mm(top), Mm(right), Mm(bottom), Mm(left)
    sec.header_distance = Mm(max(5, top * 0.4))
    sec.footer_distance = Mm(max(5, bottom * 0.4))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(fs)
    set_fonts(normal.element, L["latin_font"], L["cjk_font"])
    pf = normal.paragraph_format
    pf.line_spacing = Pt(round(fs * L["line_height"], 1))
    pf.space_before = Pt(0)
    pf.space_after = Pt(round(fs * L["para_space"], 1))
    if L["running_header_text"]:
        hp = sec.header.paragraphs[0]
        r = hp.add_run(L["running_header_text"])
        r.font.size = Pt(8)
        hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    parts = footer_parts(L["footer"])
    if parts:
        fp = sec.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for p in parts:
            if p in ("PAGE", "NUMPAGES"):
                add_field(fp, p, 8)
            else:
                fp.add_run(p).font.size = Pt(8)

    def para(text, align="left", size=None, bold=False, indent=None, left_indent=None, after=None,
             before=None, keep=False):
        p = doc.add_paragraph()
        p.alignment = ALIGN[align]
        if text:
            r = p.add_run(text)
            r.bold = bold
            if size:
                r.font.size = Pt(size)
        f = p.paragraph_format
        if size:
            f.line_spacing = Pt(round(max(size, fs) * L["line_height"], 1))
        if indent is not None:
            f.first_line_indent = Pt(indent)
        if left_indent is not None:
            f.left_indent = Pt(left_indent)
        if after is not None:
            f.space_after = Pt(after)
        if before is not None:
            f.space_before = Pt(before)
        if keep:
            f.keep_with_next = True
        return p

    if L["epaper_line"]:
        para(L["epaper_line"], size=8.5, after=6)
    body_started = False
    body_align = "justify" if L["justify"] else "left"
    first_indent = 2 * fs if L["indent"] else 0
    for b in truth["blocks"]:
        k = b["kind"]
        if k == "title":
            para(b["text"], align=L["title_align"], size=round(fs * L["title_scale"], 1), bold=True, after=6)
            continue
        if k in ("subtitle", "byline", "meta") and not body_started:
            para(b["text"], align=L["title_align"], size=round(fs * 0.95, 1), after=4)
            continue
        if not body_started:
            body_started = True
            if L["columns"] > 1:
                new = doc.add_section(WD_SECTION.CONTINUOUS)
                set_columns(new, L["columns"], L["column_gap_mm"])
        if k == "heading":
            size = round(fs * (L["heading_scale"] if b["level"] <= 2 else 1.0), 1)
            para(b["text"], align=L["heading_align"], size=size, bold=L["heading_bold"], indent=0,
                 before=round(fs * 0.6, 1), after=round(fs * 0.4, 1), keep=True)
        elif k == "list_item":
            para(b["text"], align=body_align, indent=0, left_indent=2 * fs)
        elif b.get("lead"):
            p = para(None, align=body_align, indent=first_indent)
            p.add_run(b["lead"]).bold = True
            p.add_run(b["text"][len(b["lead"]):])
        else:
            para(b["text"], align=body_align, indent=first_indent)
    doc.save(path)


def convert(docx_paths, outdir):
    """Converts a batch of .docx files to PDF with one LibreOffice process (its
    own throw-away profile, so that two batches can run at once)."""
    if not docx_paths:
        return
    profile = tempfile.mkdtemp(prefix="corpus-lo-")
    try:
        subprocess.run([SOFFICE, "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", outdir] + list(docx_paths),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)

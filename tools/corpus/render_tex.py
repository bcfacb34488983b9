"""Typesetting engine 3: LaTeX, compiled by xelatex (ctexart for Chinese, article +
fontspec for English).

TeX breaks lines its own way: Knuth–Plass paragraphs, its own hyphenation
patterns for English (so `hy-` / `phen` lines come from TeX, not pyphen), xeCJK's
glue between CJK and Latin text, multicol columns, fancyhdr running header and
footer (`lastpage` gives the page count, so such footers take a second run).
TeX's input ligatures (`--`, quotes) are switched off so the printed text is the
source's text.
"""
import os
import shutil
import subprocess
import tempfile

import layout as layout_mod

XELATEX = os.environ.get("XELATEX", "xelatex")

_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
            "^": r"\textasciicircum{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}",
            "-": "-{}", "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}"}


def esc(s):
    return "".join(_SPECIAL.get(c, c) for c in s)


FOOTERS = {
    "zh_of": r"第 \thepage\ 页 共 \pageref{LastPage} 页",
    "dash": r"- \thepage\ -",
    "en_of": r"Page \thepage\ of \pageref{LastPage}",
    "number": r"\thepage",
    "none": "",
}


def to_tex(truth, L):
    zh = truth["lang"] == "zh"
    fs = L["font_pt"]
    pw, ph = layout_mod.PAGES[L["paper"]]
    top, right, bottom, left = L["margins_mm"]
    out = []
    if zh:
        out.append(r"\documentclass[fontset=none,zihao=false]{ctexart}")
    else:
        out.append(r"\documentclass{article}")
    out.append(r"\usepackage[paperwidth=%dmm,paperheight=%dmm,top=%dmm,right=%dmm,bottom=%dmm,left=%dmm,"
               r"headsep=4mm,footskip=9mm]{geometry}" % (pw, ph, top, right, bottom, left))
    out.append(r"\usepackage{fontspec}")
    out.append(r"\defaultfontfeatures[\rmfamily,\sffamily]{}")
    out.append(r"\setmainfont{%s}" % L["latin_font"])
    if zh:
        out.append(r"\setCJKmainfont{%s}" % L["cjk_font"])
        out.append(r"\setCJKsansfont{%s}" % L["cjk_font"])
    out.append(r"\usepackage{multicol,fancyhdr,lastpage}")
    out.append(r"\setlength{\columnsep}{%dmm}" % L["column_gap_mm"])
    out.append(r"\pagestyle{fancy}\fancyhf{}\renewcommand{\headrulewidth}{0pt}")
    if L["running_header_text"]:
        out.append(r"\fancyhead[C]{\footnotesize %s}" % esc(L["running_header_text"]))
    foot = FOOTERS[L["footer"]]
    if foot:
        out.append(r"\fancyfoot[C]{\footnotesize %s}" % foot)
    out.append(r"\setlength{\parindent}{%s}" % ("2em" if L["indent"] else "0pt"))
    out.append(r"\setlength{\parskip}{%.2fem}" % L["para_space"])
    out.append(r"\begin{document}")
    out.append(r"\fontsize{%.1fpt}{%.1fpt}\selectfont" % (fs, fs * L["line_height"]))
    if not L["justify"]:
        out.append(r"\raggedright\setlength{\parindent}{%s}" % ("2em" if L["indent"] else "0pt"))
    align_cmd = {"center": r"\centering", "left": r"\raggedright"}
    if L["epaper_line"]:
        out.append(r"\noindent{\footnotesize %s\par}\vspace{2mm}" % esc(L["epaper_line"]))
    body_started = False
    for b in truth["blocks"]:
        k, t = b["kind"], b["text"]
        if k == "title":
            out.append(r"{%s\noindent\bfseries\fontsize{%.1fpt}{%.1fpt}\selectfont %s\par}\vspace{2mm}" % (
                align_cmd[L["title_align"]], fs * L["title_scale"], fs * L["title_scale"] * 1.3, esc(t)))
            continue
        if k in ("subtitle", "byline", "meta") and not body_started:
            out.append(r"{%s\noindent %s\par}\vspace{1mm}" % (align_cmd[L["title_align"]], esc(t)))
            continue
        if not body_started:
            body_started = True
            out.append(r"\vspace{2mm}")
            if L["columns"] > 1:
                out.append(r"\begin{multicols}{%d}" % L["columns"])
        if k == "heading":
            size = fs * (L["heading_scale"] if b["level"] <= 2 else 1.0)
            out.append(r"\par\vspace{0.5em}{%s\noindent%s\fontsize{%.1fpt}{%.1fpt}\selectfont %s\par}"
                       r"\nopagebreak\vspace{0.3em}" % (
                           align_cmd[L["heading_align"]], r"\bfseries" if L["heading_bold"] else "",
                           size, size * 1.3, esc(t)))
        elif k == "list_item":
            out.append(r"{\setlength{\leftskip}{2em}\noindent %s\par}" % esc(t))
        elif b.get("lead"):
            out.append(r"\textbf{%s}%s\par" % (esc(b["lead"]), esc(t[len(b["lead"]):])))
        else:
            out.append(esc(t) + r"\par")
    if body_started and L["columns"] > 1:
        out.append(r"\end{multicols}")
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def compile_pdf(tex_path, pdf_path, runs):
    """Compiles with xelatex in a scratch folder; `runs` is 2 when the footer needs the
    page count."""
    work = tempfile.mkdtemp(prefix="corpus-tex-")
    try:
        shutil.copy(tex_path, os.path.join(work, "doc.tex"))
        for _ in range(runs):
            subprocess.run([XELATEX, "-interaction=batchmode", "-halt-on-error", "doc.tex"], cwd=work,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300, check=False)
        src = os.path.join(work, "doc.pdf")
        if os.path.exists(src):
            shutil.move(src, pdf_path)
            return True
        log = os.path.join(work, "doc.log")
        if os.path.exists(log):
            shutil.copy(log, pdf_path[:-4] + ".texlog")
        return False
    finally:
        shutil.rmtree(work, ignore_errors=True)

"""Typesetting engine 1: HTML + CSS paged media, printed to PDF by headless Chromium.

Running header and footer are CSS @page margin boxes (as in
../shared/eval/tools/render.py). English text may be hyphenated: Chromium run
offline has no hyphenation dictionaries, so pyphen puts soft hyphens at the
legal break points and a script run after layout turns each soft hyphen at
which Chromium broke a line into a visible `-` and drops the others, so the text
layer carries `par-` / `ticular` as typeset PDFs do.
"""
import html
import os
import re
import shutil
import subprocess
import tempfile

import layout as layout_mod

CHROMIUM = os.environ.get("CHROMIUM", "chromium")

FIX_HYPHENS_JS = r"""
<script>
(function () {
  var SHY = '\u00ad';
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  var nodes = [], n;
  while ((n = walker.nextNode())) if (n.data.indexOf(SHY) >= 0) nodes.push(n);
  var plans = [];
  nodes.forEach(function (node) {
    var t = node.data, used = {};
    for (var i = 1; i < t.length - 1; i++) {
      if (t[i] !== SHY) continue;
      var r0 = document.createRange(); r0.setStart(node, i); r0.setEnd(node, i + 1);
      var r1 = document.createRange(); r1.setStart(node, i - 1); r1.setEnd(node, i);
      var r2 = document.createRange(); r2.setStart(node, i + 1); r2.setEnd(node, i + 2);
      var s = r0.getBoundingClientRect(), a = r1.getBoundingClientRect(), b = r2.getBoundingClientRect();
      if (s.width > 0.1 && b.left < a.left) used[i] = true;
    }
    plans.push([node, used]);
  });
  plans.forEach(function (p) {
    var t = p[0].data, out = '';
    for (var i = 0; i < t.length; i++) {
      if (t[i] === SHY) { if (p[1][i]) out += '-'; } else out += t[i];
    }
    p[0].data = out;
  });
})();
</script>
"""

_PYPHEN = None


def hyphenate(text):
    global _PYPHEN
    if _PYPHEN is None:
        import pyphen
        _PYPHEN = pyphen.Pyphen(lang="en_US")

    def word(m):
        w = m.group(0)
        return _PYPHEN.inserted(w, hyphen="\u00ad") if len(w) >= 6 else w

    def token(m):
        t = m.group(0)
        if "://" in t or "www." in t or "-" in t:
            return t
        return re.sub(r"[A-Za-z]+", word, t)
    return re.sub(r"\S+", token, text)


FOOTER_CSS = {
    "zh_of": '"第 " counter(page) " 页 共 " counter(pages) " 页"',
    "dash": '"- " counter(page) " -"',
    "en_of": '"Page " counter(page) " of " counter(pages)',
    "number": "counter(page)",
    "none": None,
}


def css_string(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def font_stack(L, lang):
    lat, cjk = '"%s"' % L["latin_font"], '"%s"' % L["cjk_font"]
    if lang == "en":
        return "%s, %s, serif" % (lat, cjk)
    return "%s, %s, serif" % ((lat, cjk) if L["latin_first"] else (cjk, lat))


def to_html(truth, L):
    en = truth["lang"] == "en"
    hy = L["hyphenate"]

    def T(s):
        return html.escape(hyphenate(s) if hy else s, quote=False)

    font = font_stack(L, truth["lang"])
    top, right, bottom, left = L["margins_mm"]
    margin_boxes = ""
    if L["running_header_text"]:
        margin_boxes += ("@top-center { content: %s; font-family: %s; font-size: 8pt; color: #333;"
                         " vertical-align: bottom; padding-bottom: 1.5mm; }" % (css_string(L["running_header_text"]), font))
    fc = FOOTER_CSS[L["footer"]]
    if fc:
        margin_boxes += "@bottom-center { content: %s; font-family: %s; font-size: 8pt; color: #333; }" % (fc, font)
    ps = "%gem" % L["para_space"]
    # The screen layout in which the hyphen script measures must break lines where the
    # print layout does: the same text width.
    width_mm = layout_mod.PAGES[L["paper"]][0] - left - right
    css = f"""
@page {{ size: {L['paper']}; margin: {top}mm {right}mm {bottom}mm {left}mm; {margin_boxes} }}
html, body {{ margin: 0; padding: 0; }}
.sheet {{ width: {width_mm:.1f}mm; }}
body {{ font-family: {font}; font-size: {L['font_pt']}pt; line-height: {L['line_height']}; color: #111; }}
.epaper {{ font-size: 8.5pt; color: #444; margin: 0 0 3mm 0; }}
h1.title {{ font-size: {L['title_scale']}em; line-height: 1.3; margin: 0 0 2mm 0; text-align: {L['title_align']}; }}
p.subtitle, p.byline, p.meta {{ font-size: 0.95em; margin: 0 0 2mm 0; text-align: {L['title_align']}; }}
.body {{ column-count: {L['columns']}; column-gap: {L['column_gap_mm']}mm; column-fill: auto; margin-top: 3mm; }}
.body p {{ margin: 0 0 {ps} 0; text-align: {'justify' if L['justify'] else 'left'};
          text-indent: {'2em' if L['indent'] else '0'}; hyphens: {'auto' if hy else 'manual'}; orphans: 1; widows: 1; }}
.body p.li {{ text-indent: 0; padding-left: {'2em' if not en else '5mm'}; }}
.body .h {{ font-size: {L['heading_scale']}em; font-weight: {'bold' if L['heading_bold'] else 'normal'};
          text-align: {L['heading_align']}; margin: 0.6em 0 0.4em 0; text-indent: 0; break-after: avoid; }}
.body .h3, .body .h4 {{ font-size: 1em; }}
"""
    out = ['<!doctype html>\n<html lang="%s"><head><meta charset="utf-8"><title>%s</title><style>%s</style></head><body>'
           % ("en" if en else "zh-CN", html.escape(truth["meta"]["title"] or ""), css), '<div class="sheet">']
    if L["epaper_line"]:
        out.append('<div class="epaper">%s</div>' % html.escape(L["epaper_line"]))
    body_started = False
    for b in truth["blocks"]:
        k = b["kind"]
        if k == "title":
            out.append('<h1 class="title">%s</h1>' % T(b["text"]))
            continue
        if k in ("subtitle", "byline", "meta") and not body_started:
            out.append('<p class="%s">%s</p>' % (k, T(b["text"])))
            continue
        if not body_started:
            out.append('<div class="body">')
            body_started = True
        if k == "heading":
            out.append('<p class="h h%d">%s</p>' % (b["level"], T(b["text"])))
        elif k == "list_item":
            out.append('<p class="li">%s</p>' % T(b["text"]))
        elif b.get("lead"):
            lead = b["lead"]
            out.append("<p><strong>%s</strong>%s</p>" % (T(lead), T(b["text"][len(lead):])))
        else:
            out.append("<p>%s</p>" % T(b["text"]))
    if body_started:
        out.append("</div>")
    out.append("</div>")
    if hy:
        out.append(FIX_HYPHENS_JS)
    out.append("</body></html>\n")
    return "".join(out)


def print_pdf(html_path, pdf_path):
    """Prints one HTML file with headless Chromium (offline, no profile kept)."""
    profile = tempfile.mkdtemp(prefix="corpus-chromium-")
    try:
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--user-data-dir=" + profile, "--no-pdf-header-footer",
                        "--print-to-pdf=" + pdf_path, "file://" + os.path.abspath(html_path)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return os.path.exists(pdf_path) and os.path.getsize(pdf_path) > 0

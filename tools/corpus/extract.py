"""The five extractors, run on one PDF; each returns the text exactly as the tool
gives it (form feeds included).

    pdftotext         poppler pdftotext, default mode
    pdftotext-layout  pdftotext -layout
    pdfminer          pdfminer.six with its default LAParams (what pdf2txt.py prints)
    pypdf             pypdf PdfReader(...).pages[i].extract_text(), pages joined by "\\n"
    pdfjs             pdf.js getTextContent: items in order, "\\n" at hasEOL (pdfjs_extract.mjs)
"""
import io
import os
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXTRACTORS = ["pdftotext", "pdftotext-layout", "pdfminer", "pypdf", "pdfjs"]


def pdftotext(pdf, layout=False):
    cmd = ["pdftotext"] + (["-layout"] if layout else []) + ["-enc", "UTF-8", pdf, "-"]
    return subprocess.run(cmd, capture_output=True, check=True).stdout.decode("utf-8")


def pdfminer(pdf):
    from pdfminer.high_level import extract_text_to_fp
    from pdfminer.layout import LAParams
    out = io.BytesIO()
    with open(pdf, "rb") as f:
        extract_text_to_fp(f, out, laparams=LAParams(), output_type="text", codec="utf-8")
    return out.getvalue().decode("utf-8")


def pypdf(pdf):
    from pypdf import PdfReader
    r = PdfReader(pdf)
    return "\n".join(p.extract_text() for p in r.pages)


def pdfjs(pdf):
    with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as t:
        out = t.name
    try:
        subprocess.run(["node", os.path.join(HERE, "pdfjs_extract.mjs"), pdf, out],
                       check=True, capture_output=True, timeout=300)
        with open(out, encoding="utf-8") as f:
            return f.read()
    finally:
        os.remove(out)


def pdfjs_batch(pairs):
    """pdf.js on many PDFs with one node process: pairs of (pdf, output .txt)."""
    args = [x for pair in pairs for x in pair]
    subprocess.run(["node", os.path.join(HERE, "pdfjs_extract.mjs")] + args,
                   check=False, capture_output=True, timeout=1800)


def extract_all(pdf, pdfjs_text=None):
    """{extractor: text} for one PDF (None for an extractor that failed); the pdf.js
    text may come from a batch run (pdfjs_batch) as the path of its output."""
    out = {}
    if pdfjs_text and os.path.exists(pdfjs_text):
        with open(pdfjs_text, encoding="utf-8") as f:
            out["pdfjs"] = f.read()
    for name, fn in (("pdftotext", lambda p: pdftotext(p)), ("pdftotext-layout", lambda p: pdftotext(p, True)),
                     ("pdfminer", pdfminer), ("pypdf", pypdf), ("pdfjs", pdfjs)):
        if name in out:
            continue
        try:
            out[name] = fn(pdf)
        except Exception as e:  # a broken extraction is reported, not fatal
            out[name] = None
            print("extract %s %s: %s" % (name, os.path.basename(pdf), str(e)[:200]))
    return out


def versions():
    import importlib.metadata as md
    v = {"pdftotext": subprocess.run(["pdftotext", "-v"], capture_output=True, text=True).stderr.splitlines()[0],
         "pdfminer.six": md.version("pdfminer.six"), "pypdf": md.version("pypdf"),
         "python-docx": md.version("python-docx"), "pyphen": md.version("pyphen")}
    try:
        with open(os.path.join(HERE, "node_modules", "pdfjs-dist", "package.json")) as f:
            import json
            v["pdfjs-dist"] = json.load(f)["version"]
    except OSError:
        pass
    for tool, cmd in (("chromium", ["chromium", "--version"]), ("libreoffice", ["soffice", "--version"]),
                      ("xelatex", ["xelatex", "--version"])):
        try:
            v[tool] = subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[0]
        except Exception:
            pass
    return v

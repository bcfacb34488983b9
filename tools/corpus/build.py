#!/usr/bin/env python3
"""Builds the labelled corpus end to end from the imported documents (fetch_sources.py).

    python3 build.py --docs N --seed S --out DIR [--jobs 2] [--both 0.15]
    python3 build.py --recut --seed S --out DIR    # the short pastes again, nothing else

For each selected document: a random layout per engine (layout.py), typeset by
headless Chromium (render_html.py), LibreOffice from .docx (render_docx.py)
and/or xelatex (render_tex.py), text pulled out by five extractors
(extract.py), every line aligned back to the blocks (align.py). Validation
documents are typeset by every engine; a training document by one (in turn),
or by all with probability --both.

Writes to DIR (default ../corpus-out):
    cases/NAME.txt               the extractor's text, unchanged (a copy-button label
                                 line may be put in front, recorded as ui_label_prefix)
    cases/NAME.expected.json     ground truth in the format of ../shared/eval/cases
    cases/NAME.breaks.jsonl      one record per newline of NAME.txt (see README.md)
    cases/NAME.shortK.*          short pastes: one paragraph, two adjacent ones, or a
                                 heading with the paragraph under it
    manifest.jsonl               one row per case
    stats.json                   documents, pages, breaks and alignment per extractor/engine
    build/                       HTML, .docx, PDFs and truth/layout per rendering
NAME is DOC.ENGINE.EXTRACTOR, ENGINE `chromium`, `libreoffice` or `xelatex`.
"""
import argparse
import json
import math
import multiprocessing
import os
import random
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import align  # noqa: E402
import extract  # noqa: E402
import layout  # noqa: E402
import render_docx  # noqa: E402
import render_html  # noqa: E402
import render_tex  # noqa: E402

ENGINES = ["chromium", "libreoffice", "xelatex"]
# Short pastes: wrapped lines a person selects (one paragraph or two adjacent ones).
SHORT_MIN_LINES, SHORT_MAX_LINES = 2, 10
SHORT_SINGLES, SHORT_PAIRS = 2, 1
# …and a heading (or the title) with the paragraph under it: one per extraction. A heading
# of up to this many lines (a longer one is rare and would be most of the paste).
SHORT_HEADED, SHORT_HEADING_MAX_LINES = 1, 3
# Share of full-document cases of a rendering with a copy-button label that get the label
# line in front (the eval set puts it on some cases only).
LABEL_SHARE = 0.5
LO_BATCH = 20
PDFJS_BATCH = 25


def load_docs(out):
    d = os.path.join(out, "docs")
    docs = []
    for f in sorted(os.listdir(d)):
        if f.endswith(".json"):
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                docs.append(json.load(fh))
    return docs


def select(docs, n, seed):
    """n documents, each repository contributing in proportion to what it has."""
    by = {}
    for d in docs:
        by.setdefault(d["provenance"]["repo"], []).append(d)
    total = len(docs)
    out = []
    for repo in sorted(by):
        lst = by[repo]
        random.Random("%d:%s" % (seed, repo)).shuffle(lst)
        out.extend(lst[:max(1, math.ceil(n * len(lst) / total))])
    random.Random(seed).shuffle(out)
    return out[:n] if n < len(out) else out


def plan(docs, seed, both):
    rng = random.Random("%d:engines" % seed)
    jobs = []
    for i, d in enumerate(docs):
        if d["provenance"]["split"] == "validation" or rng.random() < both:
            engines = ENGINES
        else:
            engines = [ENGINES[i % len(ENGINES)]]
        for e in engines:
            jobs.append((d, e))
    return jobs


def prepare(job, seed, bdir):
    """Writes the HTML or .docx and the truth/layout of one rendering."""
    doc, engine = job
    rid = "%s.%s" % (doc["name"], engine)
    truth, L = layout.make(doc, engine, seed)
    with open(os.path.join(bdir, rid + ".truth.json"), "w", encoding="utf-8") as f:
        json.dump({"truth": truth, "layout": L}, f, ensure_ascii=False)
    if engine == "chromium":
        with open(os.path.join(bdir, rid + ".html"), "w", encoding="utf-8") as f:
            f.write(render_html.to_html(truth, L))
    elif engine == "libreoffice":
        render_docx.to_docx(truth, L, os.path.join(bdir, rid + ".docx"))
    else:
        with open(os.path.join(bdir, rid + ".tex"), "w", encoding="utf-8") as f:
            f.write(render_tex.to_tex(truth, L))
    return rid


def chromium_pdf(args):
    rid, bdir = args
    render_html.print_pdf(os.path.join(bdir, rid + ".html"), os.path.join(bdir, rid + ".pdf"))
    return rid


def tex_pdf(args):
    rid, bdir = args
    with open(os.path.join(bdir, rid + ".truth.json"), encoding="utf-8") as f:
        L = json.load(f)["layout"]
    runs = 2 if L["footer"] in ("zh_of", "en_of") else 1
    render_tex.compile_pdf(os.path.join(bdir, rid + ".tex"), os.path.join(bdir, rid + ".pdf"), runs)
    return rid


def lo_batch(args):
    rids, bdir = args
    render_docx.convert([os.path.join(bdir, r + ".docx") for r in rids], bdir)
    return rids


def pdfjs_batch(args):
    rids, bdir = args
    extract.pdfjs_batch([(os.path.join(bdir, r + ".pdf"), os.path.join(bdir, r + ".pdfjs.txt"))
                         for r in rids if os.path.exists(os.path.join(bdir, r + ".pdf"))])
    return rids


def page_count(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    for ln in out.splitlines():
        if ln.startswith("Pages:"):
            return int(ln.split()[1])
    return 0


def write_case(cdir, cid, text, truth, case, brk):
    raw = text.encode("utf-8")
    assert [r["offset"] for r in brk] == [i for i, b in enumerate(raw) if b == 10], cid
    with open(os.path.join(cdir, cid + ".txt"), "w", encoding="utf-8", newline="") as f:
        f.write(text)
    exp = dict(truth)
    exp["case"] = case
    with open(os.path.join(cdir, cid + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(os.path.join(cdir, cid + ".breaks.jsonl"), "w", encoding="utf-8") as f:
        for r in brk:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def short_cuts(lines, src, blocks, order):
    """Line ranges (lo, hi, block indices, kind) of short pastes in this extraction."""
    spans = align.line_spans_by_block(lines, len(blocks))
    body = {"paragraph", "list_item"}

    def ok(b, min_lines):
        idx = spans[b]
        if not (min_lines <= len(idx) <= SHORT_MAX_LINES) or blocks[b]["kind"] not in body:
            return None
        lo, hi = idx[0], idx[-1]
        if any(lines[k].status != "blank" and k not in idx for k in range(lo, hi + 1)):
            return None
        if idx != sorted(idx) or not align.covers(src, b, lines, idx):
            return None
        return lo, hi

    cuts = []
    singles = 0
    for b in order:
        if singles >= SHORT_SINGLES:
            break
        r = ok(b, SHORT_MIN_LINES)
        if r:
            cuts.append((r[0], r[1] + 1, [b], "single"))
            singles += 1
    pairs = 0
    for b in order:
        if pairs >= SHORT_PAIRS:
            break
        if b + 1 >= len(blocks):
            continue
        r1, r2 = ok(b, 1), ok(b + 1, 1)
        if not (r1 and r2) or r1[1] >= r2[0]:
            continue
        if any(lines[k].status != "blank" for k in range(r1[1] + 1, r2[0])):
            continue
        n = len(spans[b]) + len(spans[b + 1])
        if SHORT_MIN_LINES <= n <= SHORT_MAX_LINES:
            cuts.append((r1[0], r2[1] + 1, [b, b + 1], "pair"))
            pairs += 1
    # A heading with its paragraph: what a person selects to quote a section's opening.
    # Kept after the other kinds so that adding it left their numbering as it was.
    headed = 0
    for b in order:
        if headed >= SHORT_HEADED:
            break
        h = b - 1
        if h < 0 or blocks[h]["kind"] not in ("heading", "title"):
            continue
        r2 = ok(b, 1)
        idx = spans[h]
        if not r2 or not 1 <= len(idx) <= SHORT_HEADING_MAX_LINES or idx != sorted(idx):
            continue
        if not align.covers(src, h, lines, idx) or idx[-1] >= r2[0]:
            continue
        if any(lines[k].status != "blank" and k not in idx for k in range(idx[0], r2[0])):
            continue
        if SHORT_MIN_LINES <= len(idx) + len(spans[b]) <= SHORT_MAX_LINES:
            cuts.append((idx[0], r2[1] + 1, [h, b], "headed"))
            headed += 1
    return cuts


def short_order(truth, seed):
    """The body blocks in the order short pastes are tried: shuffled per document."""
    order = [i for i, b in enumerate(truth["blocks"]) if b["kind"] in ("paragraph", "list_item")]
    random.Random("%s:%s:short" % (seed, truth["name"])).shuffle(order)
    return order


def write_shorts(cdir, cid, text, lines, src, truth, order, base_row, case):
    """Writes the short pastes cut from one extraction; returns their manifest rows."""
    blocks, prov = truth["blocks"], truth["provenance"]
    rows = []
    for k, (lo, hi, bis, kind) in enumerate(short_cuts(lines, src, blocks, order), 1):
        a, b = lines[lo].start, lines[hi - 1].end
        stext = text[a:b]
        sbrk = align.breaks(text, lines, base=a, lo=lo, hi=hi)
        sid = "%s.short%d" % (cid, k)
        stru = {"name": truth["name"], "lang": truth["lang"],
                "meta": {"source": None, "date": None, "page": None, "title": None, "subtitle": None,
                         "byline": None},
                "render": {"layout": truth["render"]["layout"], "paper": None, "epaper_line": None,
                           "running_header": None},
                "provenance": prov, "blocks": [blocks[i] for i in bis]}
        scase = {"id": sid, "doc": truth["name"], "extractor": case["extractor"], "engine": case["engine"],
                 "pdf": case["pdf"], "ui_label_prefix": None, "short": kind,
                 "source_case": cid, "block_index": bis}
        write_case(cdir, sid, stext, stru, scase, sbrk)
        rows.append(dict(base_row, case=sid, kind="short-" + kind, lines=hi - lo,
                         aligned_lines=hi - lo, breaks=len(sbrk),
                         labelled_breaks=sum(1 for r in sbrk if r["label"])))
    return rows


def recut(out, seed):
    """Cuts every full case's short pastes again from the texts already extracted (for a
    change to the cuts alone: no typesetting, no extraction); returns the manifest rows."""
    bdir, cdir = os.path.join(out, "build"), os.path.join(out, "cases")
    with open(os.path.join(out, "manifest.jsonl"), encoding="utf-8") as f:
        old = [json.loads(x) for x in f if x.strip()]
    for name in os.listdir(cdir):
        if ".short" in name:
            os.remove(os.path.join(cdir, name))
    rows = []
    for r in old:
        if r.get("kind") != "full":
            if "case" not in r:
                rows.append(r)
            continue
        rows.append(r)
        with open(os.path.join(bdir, r["render"] + ".truth.json"), encoding="utf-8") as f:
            tl = json.load(f)
        truth, L = tl["truth"], tl["layout"]
        with open(os.path.join(cdir, r["case"] + ".txt"), encoding="utf-8", newline="") as f:
            text = f.read()
        with open(os.path.join(cdir, r["case"] + ".expected.json"), encoding="utf-8") as f:
            case = json.load(f)["case"]
        lines, src = align.align(text, truth["blocks"], layout.furniture(L, r["pages"]))
        base_row = {k: r[k] for k in ("repo", "path", "licence", "split", "lang", "doc", "render",
                                      "engine", "extractor", "pages")}
        rows.extend(write_shorts(cdir, r["case"], text, lines, src, truth, short_order(truth, seed),
                                 base_row, case))
    return rows


def process(args):
    """Extracts, aligns and writes every case of one rendering; returns manifest rows."""
    rid, bdir, cdir, seed = args
    pdf = os.path.join(bdir, rid + ".pdf")
    with open(os.path.join(bdir, rid + ".truth.json"), encoding="utf-8") as f:
        tl = json.load(f)
    truth, L = tl["truth"], tl["layout"]
    if not os.path.exists(pdf):
        return [{"render": rid, "error": "no pdf"}]
    pages = page_count(pdf)
    texts = extract.extract_all(pdf, os.path.join(bdir, rid + ".pdfjs.txt"))
    rng = random.Random("%s:%s:cases" % (seed, rid))
    furniture = layout.furniture(L, pages)
    blocks = truth["blocks"]
    order = short_order(truth, seed)
    prov = truth["provenance"]
    lay = {k: v for k, v in L.items() if k not in ("running_header_text", "epaper_line")}
    rows = []
    for ex in extract.EXTRACTORS:
        text = texts.get(ex)
        if text is None:
            continue
        label = L["copy_label"] if L["copy_label"] and rng.random() < LABEL_SHARE else None
        if label:
            text = label + "\n" + text
        lines, src = align.align(text, blocks, furniture)
        brk = align.breaks(text, lines)
        cid = "%s.%s" % (rid, ex)
        case = {"id": cid, "doc": truth["name"], "extractor": ex, "engine": L["engine"],
                "pdf": "build/%s.pdf" % rid, "ui_label_prefix": label}
        write_case(cdir, cid, text, truth, case, brk)
        nb, ok = align.stats(lines)
        base_row = {"repo": prov["repo"], "path": prov["path"], "licence": prov["licence"],
                    "split": prov["split"], "lang": truth["lang"], "doc": truth["name"], "render": rid,
                    "engine": L["engine"], "extractor": ex, "pages": pages}
        rows.append(dict(base_row, case=cid, kind="full", lines=nb, aligned_lines=ok, breaks=len(brk),
                         labelled_breaks=sum(1 for r in brk if r["label"]), layout=lay))
        rows.extend(write_shorts(cdir, cid, text, lines, src, truth, order, base_row, case))
    return rows


def summarise(rows, out):
    docs = {r["doc"] for r in rows if "doc" in r}
    renders = {}
    for r in rows:
        if r.get("kind") == "full":
            renders[r["render"]] = r["pages"]
    groups = {}
    for r in rows:
        if r.get("kind") != "full":
            continue
        for key in ((r["extractor"], r["engine"]), (r["extractor"], "all"), ("all", r["engine"]), ("all", "all")):
            g = groups.setdefault("%s/%s" % key, {"cases": 0, "lines": 0, "aligned_lines": 0, "breaks": 0,
                                                   "labelled_breaks": 0, "short_cases": 0})
            g["cases"] += 1
            for k in ("lines", "aligned_lines", "breaks", "labelled_breaks"):
                g[k] += r[k]
    for r in rows:
        if r.get("kind", "").startswith("short"):
            for key in ((r["extractor"], r["engine"]), (r["extractor"], "all"), ("all", r["engine"]), ("all", "all")):
                groups["%s/%s" % key]["short_cases"] += 1
    lic = {}
    for r in rows:
        if r.get("kind") == "full":
            lic[r["repo"]] = r["licence"]
    st = {"documents": len(docs), "renderings": len(renders), "pages": sum(renders.values()),
          "documents_by_lang_split": {}, "groups": groups, "licences": lic}
    seen = set()
    for r in rows:
        if r.get("kind") == "full" and r["doc"] not in seen:
            seen.add(r["doc"])
            k = "%s/%s" % (r["lang"], r["split"])
            st["documents_by_lang_split"][k] = st["documents_by_lang_split"].get(k, 0) + 1
    with open(os.path.join(out, "stats.json"), "w", encoding="utf-8") as f:
        json.dump(st, f, ensure_ascii=False, indent=1)
    print("documents %d, renderings %d, pages %d, by lang/split %s" % (
        st["documents"], st["renderings"], st["pages"], st["documents_by_lang_split"]))
    print("%-28s %6s %8s %8s %8s %9s %7s %6s" % ("extractor/engine", "cases", "lines", "aligned", "breaks",
                                                "labelled", "rate", "short"))
    for k in sorted(groups):
        g = groups[k]
        print("%-28s %6d %8d %8d %8d %9d %7.3f %6d" % (
            k, g["cases"], g["lines"], g["aligned_lines"], g["breaks"], g["labelled_breaks"],
            g["aligned_lines"] / max(1, g["lines"]), g["short_cases"]))


def unchanged(jobs, a, bdir, cdir):
    """For --incremental: the jobs whose rendering differs from the one in OUT (its
    truth or layout changed, or it is new), with the files of those and of renderings
    no longer planned removed; and the manifest rows of the renderings kept."""
    with open(os.path.join(a.out, "manifest.jsonl"), encoding="utf-8") as f:
        old_rows = [json.loads(x) for x in f if x.strip()]
    todo, keep = [], set()
    for doc, engine in jobs:
        rid = "%s.%s" % (doc["name"], engine)
        truth, L = layout.make(doc, engine, a.seed)
        new = json.loads(json.dumps({"truth": truth, "layout": L}, ensure_ascii=False))
        path = os.path.join(bdir, rid + ".truth.json")
        old = None
        if os.path.exists(path) and os.path.exists(os.path.join(bdir, rid + ".pdf")):
            with open(path, encoding="utf-8") as f:
                old = json.load(f)
        if old == new:
            keep.add(rid)
        else:
            todo.append((doc, engine))
    for d in (bdir, cdir):
        for f in os.listdir(d):
            parts = f.split(".")
            if ".".join(parts[:2]) not in keep:
                os.remove(os.path.join(d, f))
    rows = [r for r in old_rows if r.get("render") in keep]
    print("incremental: %d renderings kept, %d to redo" % (len(keep), len(todo)))
    return todo, rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--out", default="../corpus-out")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--both", type=float, default=0.15,
                    help="share of training documents typeset by every engine")
    ap.add_argument("--only-summary", action="store_true", help="re-print the summary of manifest.jsonl")
    ap.add_argument("--incremental", action="store_true",
                    help="keep the renderings whose truth and layout are unchanged; redo the others")
    ap.add_argument("--split", choices=("train", "validation"),
                    help="only the renderings of this split's documents (the same ones a whole build "
                         "makes; build the other later with --incremental)")
    ap.add_argument("--recut", action="store_true",
                    help="cut the short pastes again from the cases already extracted")
    a = ap.parse_args()
    if a.recut:
        rows = sorted(recut(a.out, a.seed), key=lambda r: r.get("case", r.get("render")))
        with open(os.path.join(a.out, "manifest.jsonl"), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        summarise(rows, a.out)
        return
    if a.only_summary:
        with open(os.path.join(a.out, "manifest.jsonl"), encoding="utf-8") as f:
            summarise([json.loads(x) for x in f], a.out)
        return
    t0 = time.time()
    bdir, cdir = os.path.join(a.out, "build"), os.path.join(a.out, "cases")
    for d in (bdir, cdir):
        os.makedirs(d, exist_ok=True)
    docs = select(load_docs(a.out), a.docs, a.seed)
    jobs = plan(docs, a.seed, a.both)
    if a.split:
        jobs = [j for j in jobs if j[0]["provenance"]["split"] == a.split]
    kept_rows = []
    if a.incremental:
        jobs, kept_rows = unchanged(jobs, a, bdir, cdir)
    else:
        for d in (bdir, cdir):
            for f in os.listdir(d):
                os.remove(os.path.join(d, f))
    rids = [prepare(j, a.seed, bdir) for j in jobs]
    print("prepared %d renderings of %d documents (%.0fs)" % (len(rids), len(docs), time.time() - t0))
    chrom = [r for r in rids if r.endswith(".chromium")]
    lo = [r for r in rids if r.endswith(".libreoffice")]
    tex = [r for r in rids if r.endswith(".xelatex")]
    batches = [lo[i:i + LO_BATCH] for i in range(0, len(lo), LO_BATCH)]
    with multiprocessing.Pool(a.jobs) as pool:
        tasks = [pool.apply_async(lo_batch, ((b, bdir),)) for b in batches]
        tasks += [pool.apply_async(chromium_pdf, ((r, bdir),)) for r in chrom]
        tasks += [pool.apply_async(tex_pdf, ((r, bdir),)) for r in tex]
        for t in tasks:
            t.get()
        print("typeset %d PDFs (%.0fs)" % (sum(os.path.exists(os.path.join(bdir, r + ".pdf")) for r in rids),
                                           time.time() - t0))
        pj = [rids[i:i + PDFJS_BATCH] for i in range(0, len(rids), PDFJS_BATCH)]
        for t in [pool.apply_async(pdfjs_batch, ((b, bdir),)) for b in pj]:
            t.get()
        print("pdf.js done (%.0fs)" % (time.time() - t0))
        rows = kept_rows
        for res in pool.imap_unordered(process, [(r, bdir, cdir, a.seed) for r in rids]):
            rows.extend(res)
    rows.sort(key=lambda r: r.get("case", r.get("render")))
    with open(os.path.join(a.out, "manifest.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    tools = extract.versions()
    with open(os.path.join(a.out, "tools.json"), "w", encoding="utf-8") as f:
        json.dump(dict(tools, seed=a.seed, docs=a.docs, both=a.both), f, ensure_ascii=False, indent=1)
    summarise(rows, a.out)
    print("done in %.0fs" % (time.time() - t0))


if __name__ == "__main__":
    main()

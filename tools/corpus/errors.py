#!/usr/bin/env python3
"""The product's errors on one split, sorted into kinds, with an example of each.

    python3 errors.py [--out ../corpus-out] [--split validation] [--cmd ...] [--top 10]

Runs the product on every full case of the split and compares its blocks with the
expected ones (texts normalised as score.py does):

paragraphs (expected paragraph/list_item not returned as one block)
    spacing          only whitespace differs (`2023 年`, the space between a Latin word
                     and CJK text lost or added at a line break)
    hyphen           only hyphens differ (a soft hyphen left, a real one removed)
    look-alike       only NFKC / radical look-alikes differ
    furniture inside a running header, footer, page number or label left inside
    glued to heading the paragraph returned together with a heading
    glued to title   the paragraph returned together with the title / byline / meta line
    joined           two or more paragraphs returned as one block
    split            the paragraph returned as two or more blocks
    interleaved      text of other blocks inside (columns read across)
    other
headings
    heading missed (as paragraph), heading missed (glued), heading ending ——/： missed,
    paragraph read as heading, wrapped line read as heading, list item read as heading,
    title/byline/meta read as heading, heading level wrong
leads: lead missed;  meta: title wrong, byline wrong, date wrong
"""
import argparse
import json
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor

from scoring import add_common_args, load_score



def squash(s):
    return re.sub(r"\s+", "", s or "")


def fold(s):
    import align
    return align.norm(s or "")


def run(cmd, text):
    p = subprocess.run(cmd, shell=True, input=text.encode("utf-8"), capture_output=True, timeout=60)
    try:
        return json.loads(p.stdout.decode("utf-8")) if p.returncode == 0 else None
    except ValueError:
        return None


def classify(exp, out, score, furniture):
    """[(kind, example)] for one case."""
    errs = []
    N = score.norm
    eb = exp["blocks"]
    ob = out.get("blocks") or []
    otexts = [N(b.get("text")) for b in ob]
    oset = {}
    for t in otexts:
        oset[t] = oset.get(t, 0) + 1
    body = [N(b["text"]) for b in eb if b["kind"] in ("paragraph", "list_item")]
    heads = [(N(b["text"]), b.get("level")) for b in eb if b["kind"] == "heading"]
    tops = [N(b["text"]) for b in eb if b["kind"] in ("title", "subtitle", "byline", "meta")]
    osq = [squash(t) for t in otexts]
    ofold = [fold(t) for t in otexts]
    fsq = [squash(f) for f in furniture if f]
    for k, E in enumerate(body):
        if oset.get(E, 0) > 0:
            oset[E] -= 1
            continue
        es = squash(E)
        ex = E[:70]
        if es in osq:
            errs.append(("paragraph: spacing", ex))
            continue
        if es.replace("-", "") in [x.replace("-", "") for x in osq]:
            errs.append(("paragraph: hyphen", ex))
            continue
        if fold(E) in ofold:
            errs.append(("paragraph: look-alike characters", ex))
            continue
        hit = [i for i, x in enumerate(osq) if es and es in x]
        if hit:
            x = osq[hit[0]]
            if any(f and f in x for f in fsq):
                errs.append(("paragraph: furniture left inside", ex))
            elif any(h and squash(h) in x for h, _ in heads):
                errs.append(("paragraph: glued to a heading", ex))
            elif any(t and squash(t) in x for t in tops):
                errs.append(("paragraph: glued to title/byline/meta", ex))
            elif any(o != E and squash(o) and squash(o) in x for o in body):
                errs.append(("paragraph: joined with another paragraph", ex))
            else:
                errs.append(("paragraph: other text glued on", ex))
            continue
        pieces = [x for x in osq if x and len(x) < len(es) and x in es]
        if pieces and sum(len(p) for p in pieces) >= 0.6 * len(es):
            errs.append(("paragraph: split into pieces", ex))
            continue
        if any(f and f in x for x in osq for f in fsq if es[:10] in x or es[-10:] in x):
            errs.append(("paragraph: furniture left inside", ex))
            continue
        if any(es[:12] in x or es[-12:] in x for x in osq):
            errs.append(("paragraph: interleaved with other text", ex))
            continue
        errs.append(("paragraph: other", ex))
    oh = [(N(b.get("text")), b.get("level")) for b in ob if b.get("kind") == "heading"]
    ohs = [t for t, _ in oh]
    for t, lv in heads:
        if t in ohs:
            olv = oh[ohs.index(t)][1]
            if olv != lv:
                errs.append(("heading: level wrong", "%s (level %s, returned %s)" % (t[:50], lv, olv)))
            continue
        dash = t.endswith("——") or t.endswith("：")
        if t in otexts:
            errs.append(("heading: ending —— or ： missed" if dash else "heading: returned as a paragraph", t[:60]))
        elif any(squash(t) in x for x in osq):
            errs.append(("heading: ending —— or ： glued onto text" if dash else "heading: glued onto a paragraph",
                         t[:60]))
        else:
            errs.append(("heading: missed (other)", t[:60]))
    eh = [t for t, _ in heads]
    for t, lv in oh:
        if t in eh:
            continue
        ts = squash(t)
        if t in body:
            kind = "list item read as heading" if any(
                b["kind"] == "list_item" and N(b["text"]) == t for b in eb) else "paragraph read as heading"
        elif t in tops:
            kind = "title/byline/meta read as heading"
        elif any(ts and ts in squash(b) for b in body):
            kind = "wrapped line read as heading"
        else:
            kind = "false heading (other)"
        errs.append(("heading: " + kind, t[:60]))
    # leads
    leads = [score.norm_lead(b["lead"]) for b in eb if b.get("lead")]
    found = [score.norm_lead(b.get("lead")) for b in ob if isinstance(b.get("lead"), str) and b.get("lead")]
    found += score.outline_leads(out.get("outline"), [])
    for ld in leads:
        if ld in found:
            found.remove(ld)
        else:
            errs.append(("lead: missed", ld[:60]))
    om = out.get("meta") or {}
    em = exp["meta"]
    if N(om.get("title")) != N(em.get("title")):
        errs.append(("meta: title wrong", "%s -> %s" % ((em.get("title") or "null")[:40], (om.get("title") or "null")[:40])))
    if score.norm_byline(om.get("byline")) != score.norm_byline(em.get("byline")):
        errs.append(("meta: byline wrong", "%s -> %s" % (em.get("byline"), om.get("byline"))))
    if score.parse_date(om.get("date")) != score.parse_date(em.get("date")):
        errs.append(("meta: date wrong", "%s -> %s" % (em.get("date"), om.get("date"))))
    return errs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_common_args(ap)
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--engine", action="append",
                    help="only cases typeset by this engine (chromium, libreoffice, xelatex; repeatable)")
    ap.add_argument("--all-errors", metavar="FILE",
                    help="also write every error found, one JSON line each (case, kind, example)")
    a = ap.parse_args()
    import sys
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    score = load_score(a.score)
    cdir = os.path.join(a.out, "cases")
    with open(os.path.join(a.out, "manifest.jsonl"), encoding="utf-8") as f:
        rows = [json.loads(x) for x in f if x.strip()]
    rows = [r for r in rows if r.get("split") == a.split and r.get("kind") == "full"]
    if a.engine:
        rows = [r for r in rows if r.get("engine") in a.engine]

    def one(r):
        with open(os.path.join(cdir, r["case"] + ".txt"), encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(cdir, r["case"] + ".expected.json"), encoding="utf-8") as f:
            exp = json.load(f)
        with open(os.path.join(a.out, "build", r["render"] + ".truth.json"), encoding="utf-8") as f:
            L = json.load(f)["layout"]
        out = run(a.cmd, text)
        if out is None:
            return r, [("invalid output", r["case"])]
        furn = [L.get("running_header_text"), L.get("epaper_line"), L.get("copy_label")]
        return r, classify(exp, out, score, furn)

    with ThreadPoolExecutor(a.jobs) as pool:
        res = list(pool.map(one, rows))
    kinds = {}
    for r, errs in res:
        for k, ex in errs:
            d = kinds.setdefault(k, {"n": 0, "by": {}, "example": None})
            d["n"] += 1
            d["by"][r["extractor"]] = d["by"].get(r["extractor"], 0) + 1
            if d["example"] is None:
                d["example"] = "%s: %s" % (r["case"], ex)
    if a.all_errors:
        with open(a.all_errors, "w", encoding="utf-8") as f:
            for r, errs in res:
                for k, ex in errs:
                    f.write(json.dumps({"case": r["case"], "kind": k, "example": ex}, ensure_ascii=False) + "\n")
    order = sorted(kinds, key=lambda k: -kinds[k]["n"])
    print("%d cases of split %s; error kinds, most common first" % (len(rows), a.split))
    for k in order[:a.top]:
        d = kinds[k]
        print("%5d  %-45s %s" % (d["n"], k, " ".join("%s=%d" % x for x in sorted(d["by"].items()))))
        print("       e.g. %s" % d["example"])
    if len(order) > a.top:
        print("other kinds: " + ", ".join("%s %d" % (k, kinds[k]["n"]) for k in order[a.top:]))
    name = a.split + ("." + "+".join(a.engine) if a.engine else "") + ".errors.json"
    with open(os.path.join(a.out, "scores", name), "w", encoding="utf-8") as f:
        json.dump(kinds, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Where the extracted lines of multi-column pages stand against the source's reading order.

    python3 reading_order.py [--out ../corpus-out] [--split validation] [--per-case]

Aligns every line of the split's multi-column full cases (pdftotext, pdftotext -layout,
pdfminer) back to the source (align.py) and, for each pair of neighbouring content lines,
says where the first line's successor in the source stands: the next line (in order), two
lines down (`lag2`: columns read across in turns), three down (`lag3`), further on (`jump`)
or before (`back`); `/blank` or `/tight` for whether a blank line separates the pair.
Counts per extractor; `--per-case` prints one row per case.
"""
import argparse
import collections
import json
import os

import align
import layout
from scoring import OUT

EXTRACTORS = ("pdftotext", "pdfminer", "pdftotext-layout")
# Source characters a line may skip before its successor and still count as in order
# (a space or a list marker that the alignment does not place).
SLACK = 3


def content_lines(text, blocks, furniture):
    """(src_from, src_to, blank_before) of each content line of text."""
    lines, _ = align.align(text, blocks, furniture)
    seq, blank = [], False
    for ln in lines:
        if ln.status != "content":
            blank = True
            continue
        seq.append((ln.src_from, ln.src_to, blank))
        blank = False
    return seq


def kinds(seq):
    """Counter of pair kinds over one case's content lines."""
    c = collections.Counter()
    follows = lambda a, b: 0 <= b[0] - a[1] <= SLACK
    for k in range(len(seq) - 1):
        a, b = seq[k], seq[k + 1]
        if follows(a, b):
            c["in order"] += 1
            continue
        if k + 2 < len(seq) and follows(a, seq[k + 2]):
            kind = "lag2"
        elif k + 3 < len(seq) and follows(a, seq[k + 3]):
            kind = "lag3"
        else:
            kind = "jump" if b[0] > a[1] else "back"
        c[kind + ("/blank" if b[2] else "/tight")] += 1
    return c


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--split", default="validation")
    ap.add_argument("--per-case", action="store_true")
    a = ap.parse_args()
    with open(os.path.join(a.out, "manifest.jsonl"), encoding="utf-8") as f:
        rows = [json.loads(x) for x in f if x.strip()]
    total = collections.defaultdict(collections.Counter)
    for m in rows:
        if (m.get("kind") != "full" or m.get("split") != a.split or m["extractor"] not in EXTRACTORS
                or m["layout"]["columns"] < 2):
            continue
        with open(os.path.join(a.out, "build", m["render"] + ".truth.json"), encoding="utf-8") as f:
            tl = json.load(f)
        L = tl["layout"]
        furniture = layout.furniture(L, m["pages"])
        with open(os.path.join(a.out, "cases", m["case"] + ".txt"), encoding="utf-8") as f:
            text = f.read()
        c = kinds(content_lines(text, tl["truth"]["blocks"], furniture))
        total[m["extractor"]].update(c)
        total["all"].update(c)
        if a.per_case:
            print(m["case"], dict(c))
    for ex in sorted(total):
        print("%-18s %s" % (ex, "  ".join("%s %d" % kv for kv in sorted(total[ex].items()))))


if __name__ == "__main__":
    main()

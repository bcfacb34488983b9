#!/usr/bin/env python3
"""Short pastes cut out of ../shared/eval's cases, scored like score_split.py's.

    python3 eval_short.py [--cases ../shared/eval/cases] [--cmd 'target/release/qingwen analyze - --json']
                          [--score ../shared/eval/score.py] [--jobs 2] [--misses]

The generated validation split holds one kind of document (framework documentation, short
paragraphs); ../shared/eval holds news reports, government documents, PEPs and RFCs, whose
paragraphs run long. This cuts the everyday paste out of those: one paragraph, or two adjacent
ones, as an extractor printed them (2-10 lines; two paragraphs at most 12 with the blank lines
between). A paragraph is found where a run of consecutive non-blank lines of the case's text,
NFKC-folded, spaces left out and a line-end hyphen allowed to go, spells exactly its expected text; one that
no such run spells (reordered columns, moved furniture) is left out. A paste is exact when the
texts of the product's blocks, normalised as score.py does, are its paragraphs.

Validation only: nothing here may be trained on (../shared/eval is never training data).
"""
import argparse
import collections
import json
import os
import re
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor

from score_split import run_product
from scoring import REPO, PRODUCT, SCORE, load_score

# Lines a single-paragraph paste may have, and a pair.
SINGLE_LINES = (2, 10)
PAIR_LINES = 12
# Shortest paragraph, in non-space chars, worth cutting (shorter ones are one line anyway).
MIN_CHARS = 20


def squeeze(s):
    """Text as the matcher compares it: NFKC (pdf.js prints Kangxi radicals for ideographs,
    ⼤ for 大), no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def find_lines(keys, target):
    """(first, end) of the consecutive non-blank lines that spell `target`, or None."""
    for i, k in enumerate(keys):
        if not k or not target.startswith(k):
            continue
        acc, j = "", i
        while j < len(keys) and keys[j] and len(acc) < len(target):
            if target.startswith(acc + keys[j]):
                acc += keys[j]
            elif acc.endswith("-") and target.startswith(acc[:-1] + keys[j]):
                acc = acc[:-1] + keys[j]
            else:
                break
            j += 1
        if acc == target:
            return i, j
    return None


def cut(cases_dir):
    """Every paste: (name, kind, text, expected paragraphs)."""
    pastes = []
    for name in sorted(os.listdir(cases_dir)):
        if not name.endswith(".expected.json"):
            continue
        case = name[: -len(".expected.json")]
        with open(os.path.join(cases_dir, case + ".txt"), encoding="utf-8") as f:
            lines = f.read().split("\n")
        with open(os.path.join(cases_dir, name), encoding="utf-8") as f:
            paras = [b["text"] for b in json.load(f)["blocks"] if b["kind"] == "paragraph"]
        keys = [squeeze(l) for l in lines]
        spans = []
        for p in paras:
            target = squeeze(p)
            at = find_lines(keys, target) if len(target) >= MIN_CHARS else None
            if at and at[1] - at[0] >= SINGLE_LINES[0]:
                spans.append((at[0], at[1], p))
        for k, (i, j, p) in enumerate(spans):
            if j - i <= SINGLE_LINES[1]:
                pastes.append(("%s.single%d" % (case, k), "single", "\n".join(lines[i:j]) + "\n", [p]))
            if k + 1 < len(spans):
                i2, j2, p2 = spans[k + 1]
                if i2 >= j and not any(l.strip() for l in lines[j:i2]) and j2 - i <= PAIR_LINES:
                    pastes.append(("%s.pair%d" % (case, k), "pair", "\n".join(lines[i:j2]) + "\n", [p, p2]))
    return pastes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", default=os.path.join(REPO, "..", "shared", "eval", "cases"))
    ap.add_argument("--cmd", default=PRODUCT)
    ap.add_argument("--score", default=SCORE)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--misses", action="store_true", help="print each paste that is not exact")
    a = ap.parse_args()
    if not os.path.isdir(a.cases):
        print("eval_short: %s is absent: nothing to measure" % a.cases)
        return
    score = load_score(a.score)
    pastes = cut(a.cases)
    with ThreadPoolExecutor(a.jobs) as pool:
        outs = list(pool.map(lambda p: run_product(a.cmd, p[2]), pastes))
    tally = collections.defaultdict(lambda: [0, 0])
    for (name, kind, _, want), out in zip(pastes, outs):
        want = [score.norm(t) for t in want]
        got = [g for g in (score.norm(b.get("text")) for b in out["blocks"]) if g] if out else None
        exact = got == want
        extractor = name.split(".")[1]
        for key in ((extractor, kind), (extractor, "all"), ("all", kind), ("all", "all")):
            tally[key][0] += 1
            tally[key][1] += exact
        if a.misses and not exact:
            print("## %s\n  want %s\n  got  %s" % (name, want, got))
    print("short pastes cut from %s: exact = the product's blocks are the paragraphs" % a.cases)
    print("%-18s %8s %8s %8s %8s %8s %8s" % ("extractor", "single", "exact", "pair", "exact", "all", "exact"))
    for ex in sorted({k[0] for k in tally}, key=lambda e: (e == "all", e)):
        cells = []
        for kind in ("single", "pair", "all"):
            n, ok = tally.get((ex, kind), [0, 0])
            cells += [str(n), "%.3f" % (ok / n) if n else "-"]
        print("%-18s %8s %8s %8s %8s %8s %8s" % (ex, *cells))


if __name__ == "__main__":
    sys.exit(main())

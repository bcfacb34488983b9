#!/usr/bin/env python3
"""Scores the product on one split of the generated corpus, per extractor and engine.

    python3 score_split.py [--out ../corpus-out] [--split validation]
                           [--cmd 'target/release/qingwen analyze - --json']
                           [--score ../shared/eval/score.py] [--jobs 2]

Full documents: score.py is run unchanged on each (extractor, engine) group of
cases (symlinked into a folder of its own); the table gives its summary numbers
per group, and per extractor and overall as the mean over the cases of the
groups (score.py's own way of averaging).

Short pastes (one paragraph or two adjacent ones): the product is run on each,
and a paste counts as exact when the texts of the product's blocks, normalised
as score.py does, are exactly the expected paragraphs, no more, no fewer.

Writes DIR/scores/SPLIT.json (every number printed, and per-case results) and
DIR/scores/SPLIT.short.jsonl (the product's blocks for each short paste).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from scoring import add_common_args, load_score

METRICS = ["para_recall", "body_sim", "heading_f1", "lead_recall", "meta_acc"]



def run_group(score_py, cases_dir, gdir, cases, cmd, label):
    shutil.rmtree(gdir, ignore_errors=True)
    os.makedirs(gdir)
    for c in cases:
        for ext in (".txt", ".expected.json"):
            os.symlink(os.path.join(cases_dir, c + ext), os.path.join(gdir, c + ext))
    res = os.path.join(gdir, "results.json")
    p = subprocess.run([sys.executable, score_py, "--cases", gdir, "--cmd", cmd, "--json", res,
                        "--label", label], capture_output=True, text=True)
    last = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else p.stderr[-300:]
    with open(res, encoding="utf-8") as f:
        rows = json.load(f)
    return last, rows


def mean(rows, k):
    v = [r[k] for r in rows if r.get(k) is not None]
    return sum(v) / len(v) if v else None


def fmt(x):
    return "   -" if x is None else "%.2f" % x


def run_product(cmd, text):
    p = subprocess.run(cmd, shell=True, input=text.encode("utf-8"), capture_output=True, timeout=60)
    if p.returncode != 0:
        return None
    try:
        return json.loads(p.stdout.decode("utf-8"))
    except ValueError:
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_common_args(ap)
    ap.add_argument("--label", default="", help="name of this run in the output file")
    a = ap.parse_args()
    score = load_score(a.score)
    cases_dir = os.path.join(a.out, "cases")
    with open(os.path.join(a.out, "manifest.jsonl"), encoding="utf-8") as f:
        rows = [json.loads(x) for x in f if x.strip()]
    rows = [r for r in rows if r.get("split") == a.split and "case" in r]
    full = [r for r in rows if r["kind"] == "full"]
    short = [r for r in rows if r["kind"].startswith("short")]
    groups = {}
    for r in full:
        groups.setdefault((r["extractor"], r["engine"]), []).append(r["case"])
    sdir = os.path.join(a.out, "scores")
    os.makedirs(sdir, exist_ok=True)
    tmp = os.path.join(sdir, "groups-" + a.split)

    def job(key):
        ex, en = key
        return key, run_group(a.score, cases_dir, os.path.join(tmp, "%s.%s" % (ex, en)), groups[key], a.cmd,
                              "%s/%s" % (ex, en))

    with ThreadPoolExecutor(a.jobs) as pool:
        results = dict(pool.map(job, sorted(groups)))
    table = []
    per_case = []
    for key in sorted(results):
        last, rs = results[key]
        per_case.extend(rs)
        table.append(("%s/%s" % key, rs, last))
    by_ex = {}
    for (ex, en), (last, rs) in results.items():
        by_ex.setdefault(ex, []).extend(rs)
        by_ex.setdefault("all", []).extend(rs)
    print("split %s: %d documents, %d full cases, %d short pastes" % (
        a.split, len({r["doc"] for r in full}), len(full), len(short)))
    hdr = "%-30s %5s %6s %6s %6s %6s %6s %5s %4s" % ("group (extractor/engine)", "cases", "para_r", "body",
                                                     "head_f1", "lead_r", "meta", "art", "inv")
    print(hdr)
    print("-" * len(hdr))
    summary = {}

    def row(name, rs):
        d = {k: mean(rs, k) for k in METRICS}
        d["cases"] = len(rs)
        d["artifacts"] = sum(r.get("artifacts", 0) for r in rs)
        d["invalid"] = sum(1 for r in rs if r.get("invalid"))
        summary[name] = d
        print("%-30s %5d %6s %6s %6s %6s %6s %5d %4d" % (name, d["cases"], fmt(d["para_recall"]), fmt(d["body_sim"]),
                                                         fmt(d["heading_f1"]), fmt(d["lead_recall"]),
                                                         fmt(d["meta_acc"]), d["artifacts"], d["invalid"]))

    for name, rs, last in table:
        row(name, rs)
    print("-" * len(hdr))
    for ex in sorted(by_ex):
        row(ex + "/all", by_ex[ex])
    # short pastes
    texts = []
    for r in short:
        with open(os.path.join(cases_dir, r["case"] + ".txt"), encoding="utf-8") as f:
            t = f.read()
        with open(os.path.join(cases_dir, r["case"] + ".expected.json"), encoding="utf-8") as f:
            exp = json.load(f)
        texts.append((r, t, exp))
    with ThreadPoolExecutor(a.jobs) as pool:
        outs = list(pool.map(lambda x: run_product(a.cmd, x[1]), texts))
    sh = {}
    with open(os.path.join(sdir, a.split + ".short.jsonl"), "w", encoding="utf-8") as f:
        for (r, t, exp), out in zip(texts, outs):
            want = [score.norm(b["text"]) for b in exp["blocks"]]
            got = [score.norm(b.get("text")) for b in out["blocks"]] if out and isinstance(out.get("blocks"), list) else None
            got = [g for g in got if g] if got is not None else None
            exact = got == want
            pr = score.score_case(out, exp)["para_recall"] if out and not score.validate(out) else 0.0
            for key in (r["extractor"], "all"):
                for kind in (r["kind"], "short-all"):
                    g = sh.setdefault((key, kind), {"n": 0, "exact": 0, "para_recall": 0.0})
                    g["n"] += 1
                    g["exact"] += exact
                    g["para_recall"] += pr
            f.write(json.dumps({"case": r["case"], "kind": r["kind"], "exact": exact, "para_recall": pr,
                                "want": want, "got": got}, ensure_ascii=False) + "\n")
    print()
    print("short pastes: exact = the product's blocks are exactly the expected paragraphs")
    print("%-18s %8s %8s %8s %8s %8s %8s" % ("extractor", "single", "exact", "pair", "exact", "all", "exact"))
    short_summary = {}
    for ex in sorted({k[0] for k in sh}):
        cells = []
        for kind in ("short-single", "short-pair", "short-all"):
            g = sh.get((ex, kind), {"n": 0, "exact": 0})
            cells += [g["n"], (g["exact"] / g["n"]) if g["n"] else None]
            short_summary["%s/%s" % (ex, kind)] = {"n": g["n"], "exact_rate": cells[-1]}
        print("%-18s %8d %8s %8d %8s %8d %8s" % (ex, cells[0], fmt(cells[1]), cells[2], fmt(cells[3]), cells[4],
                                                fmt(cells[5])))
    with open(os.path.join(sdir, a.split + ".json"), "w", encoding="utf-8") as f:
        json.dump({"label": a.label, "cmd": a.cmd, "split": a.split, "full": summary, "short": short_summary,
                   "cases": per_case}, f, ensure_ascii=False, indent=1)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

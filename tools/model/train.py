"""Trains the layout model (the line-join decision) and writes data/layout_model.bin.

    python tools/model/train.py --dataset dataset.tsv --corpus CORPUS_DIR --out data/layout_model.bin

dataset.tsv is `cargo run --release --example layout_dataset -- CORPUS_DIR`'s output. Trains
gradient-boosted trees (LightGBM) on the corpus's split=train cases (full documents and short
pastes), stopping early on a held-out slice of the training documents; picks, on that slice,
the rules whose breaks the model decides (those it gets right more often than the rule);
prints break accuracy and join precision/recall on split=validation per extractor, engine and
kind against the rules alone; writes the model in the format src/reflow/model.rs reads.
"""
import argparse
import collections
import hashlib
import json
import struct
import sys

import lightgbm as lgb
import numpy as np
from trees import dump_trees, held_out, lgb_params, pack_trees, tree_score

SEED = 14
# Rules that are certain by construction (a marker, a lone closer, a URL, a reference list,
# a clause mark at the line end): the model never replaces them.
CERTAIN = {"lone_marker", "lone_closer", "url_goes_on", "reference_entry", "mid_sentence"}
# Rules the model could improve on the corpus but that it makes worse on ../shared/eval (whose
# documents the rules were written on): blank lines, full lines that end a sentence, a lone
# Latin line heading a CJK one, a dropped-indent first line going on. Kept by the rules until
# the corpus holds layouts like eval's (measured 2026-12-02: eval para_recall 0.91 → 0.88
# with them, validation break accuracy 0.954 → 0.95x without them).
KEPT = {"blank_line", "full_sentence_end", "latin_heading_head", "hidden_indent_goes_on"}
# A rule is handed to the model when, on the held-out slice, the model gets at least this
# many more of its breaks right than the rule does.
MIN_GAIN = 5
# …and at least this share of the rule's breaks.
MIN_GAIN_SHARE = 0.01
# Repository folds for choosing the rules the model decides.
FOLDS = 4
# Margins tried, and the share of margin 0's out-of-fold gain the chosen one must keep.
MARGINS = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
KEEP_GAIN = 0.95


def load(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = [line.rstrip("\n").split("\t") for line in f]
    nf = len(header) - 5
    case = np.array([r[0] for r in rows])
    rule = np.array([r[2] for r in rows])
    rule_join = np.array([int(r[3]) for r in rows])
    y = np.array([int(r[4]) for r in rows])
    x = np.array([[float(v) for v in r[5:]] for r in rows], dtype=np.float32).reshape(len(rows), nf)
    return header[5:], case, rule, rule_join, y, x


def manifest(corpus, cases):
    """Per case: split, repo, doc, extractor, engine, kind — from the manifest, or from the
    case's expected.json while the corpus build has not written the manifest yet."""
    m = {}
    try:
        with open(corpus + "/manifest.jsonl", encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if "case" in r:
                    m[r["case"]] = r
    except FileNotFoundError:
        pass
    docs = {}
    for r in m.values():
        docs.setdefault(r.get("doc"), r)
    for c in sorted(set(cases) - set(m)):
        if ".clean" in c:
            # Clean text made from a document's expected blocks (layout_dataset.rs).
            doc, k = c.rsplit(".clean", 1)
            if doc in docs:
                r = docs[doc]
                m[c] = {"split": r["split"], "repo": r["repo"], "doc": doc, "extractor": "clean",
                        "engine": "clean", "kind": "clean" + k}
            continue
        with open("%s/cases/%s.expected.json" % (corpus, c), encoding="utf-8") as f:
            e = json.load(f)
        short = e["case"].get("short")
        m[c] = {"split": e["provenance"]["split"], "repo": e["provenance"]["repo"], "doc": e["case"]["doc"],
                "extractor": e["case"]["extractor"], "engine": e["case"]["engine"],
                "kind": "short-" + short if short else "full"}
    return m


def hybrid_with(raw, rule_join, margin):
    """The decision when the model overrides the rule only with a score past `margin`."""
    return np.where(rule_join == 1, (raw > -margin).astype(int), (raw > margin).astype(int))


def export(booster, names, mask, threshold, margin, path):
    trees = dump_trees(booster)
    header = struct.pack("<HHIfff", 1, len(names), mask, threshold, margin, 0.0)
    out = b"QWLM" + header + pack_trees(trees)
    with open(path, "wb") as f:
        f.write(out)
    return trees, out


def figures(pred, y):
    ok = (pred == y).sum()
    tp = ((pred == 1) & (y == 1)).sum()
    return ok / max(1, len(y)), tp / max(1, (pred == 1).sum()), tp / max(1, (y == 1).sum())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--trees", type=int, default=400)
    ap.add_argument("--leaves", type=int, default=15)
    a = ap.parse_args()
    names, case, rule, rule_join, y, x = load(a.dataset)
    man = manifest(a.corpus, case)
    split = np.array([man.get(c, {}).get("split", "?") for c in case])
    doc = np.array([man.get(c, {}).get("doc", c) for c in case])
    train = split == "train"
    val = split == "validation"
    fit, held = held_out(doc, train, SEED)
    params = lgb_params(a.leaves, SEED)
    dfit = lgb.Dataset(x[fit], y[fit], free_raw_data=False)
    dheld = lgb.Dataset(x[held], y[held], reference=dfit)
    booster = lgb.train(params, dfit, num_boost_round=a.trees, valid_sets=[dheld],
                        callbacks=[lgb.early_stopping(30, verbose=False)])
    best = booster.best_iteration or a.trees
    # Refit on all training documents with the number of trees the slice chose.
    booster = lgb.train(params, lgb.Dataset(x[train], y[train]), num_boost_round=best)
    # The rules handed to the model: chosen on out-of-fold predictions over the training
    # documents, folds by repository (as the validation split is), so that a rule goes to
    # the model only where the model generalises to unseen sources.
    repo = np.array([man.get(c, {}).get("repo", "?") for c in case])
    repos = sorted(set(repo[train]))
    oof = np.full(len(y), -1)
    oof_raw = np.zeros(len(y))
    for k in range(FOLDS):
        out_repos = set(repos[k::FOLDS])
        te = train & np.array([r in out_repos for r in repo])
        tr = train & ~te
        if te.any() and tr.any():
            b = lgb.train(params, lgb.Dataset(x[tr], y[tr]), num_boost_round=best)
            oof_raw[te] = b.predict(x[te], raw_score=True)
            oof[te] = (oof_raw[te] > 0).astype(int)
    mask, chosen = 0, []
    order = [n[len("rule="):] for n in names if n.startswith("rule=")]
    for i, r in enumerate(order):
        sel = train & (rule == r) & (oof >= 0)
        if r in CERTAIN or r in KEPT or not sel.any():
            continue
        gain = int((oof[sel] == y[sel]).sum() - (rule_join[sel] == y[sel]).sum())
        if gain >= max(MIN_GAIN, MIN_GAIN_SHARE * sel.sum()):
            mask |= 1 << i
        chosen.append((r, gain, int(sel.sum()), bool(mask >> i & 1)))
    # The margin: the model overrides its rule only when its score is at least this far
    # past the threshold. The widest margin that keeps KEEP_GAIN of the out-of-fold gain
    # of margin 0: the model changes what the rules do only where it is sure.
    decided_oof = train & (oof >= 0) & np.array([(mask >> order.index(r)) & 1 for r in rule]).astype(bool)

    def gain_at(m):
        h = hybrid_with(oof_raw[decided_oof], rule_join[decided_oof], m)
        return int((h == y[decided_oof]).sum() - (rule_join[decided_oof] == y[decided_oof]).sum())

    gains = [(m, gain_at(m)) for m in MARGINS]
    margin = max(m for m, g in gains if g >= KEEP_GAIN * gains[0][1])
    trees, blob = export(booster, names, mask, 0.0, margin, a.out)
    raw = booster.predict(x, raw_score=True)
    mine = tree_score(trees, x[: min(len(x), 2000)])
    drift = np.abs(mine - raw[: len(mine)]).max()
    assert drift < 1e-3, "exported trees disagree with LightGBM: %g" % drift
    model_join = (raw > 0).astype(int)
    decided = np.array([(mask >> order.index(r)) & 1 for r in rule]).astype(bool)
    hybrid = np.where(decided, hybrid_with(raw, rule_join, margin), rule_join)
    try:
        import brotli
        packed = len(brotli.compress(blob, quality=11))
    except ImportError:
        packed = -1
    cases = sorted(set(case[train]))
    print("dataset: %d breaks (%d train in %d cases, %d validation); trees %d, leaves <= %d"
          % (len(y), train.sum(), len(cases), val.sum(), len(trees), a.leaves))
    print("train case list sha256: %s" % hashlib.sha256("\n".join(cases).encode()).hexdigest()[:16])
    print("model: %d bytes raw, %d brotli" % (len(blob), packed))
    print("margin %.2f (out-of-fold gain by margin: %s)" % (margin, ", ".join("%.1f %+d" % g for g in gains)))
    print("rule: out-of-fold gain of the model over the rule / breaks (* = the model decides)")
    print("  " + ", ".join("%s%s %+d/%d" % ("*" if c[3] else "", c[0], c[1], c[2]) for c in chosen))
    gi = {"extractor": [], "engine": [], "kind": []}
    for key in gi:
        gi[key] = np.array([man.get(c, {}).get(key, "?") for c in case])
    print("\nvalidation (break accuracy / join precision / join recall)")
    print("%-28s %6s  %-20s %-20s" % ("group", "breaks", "rules", "hybrid"))

    def line(label, sel):
        r = figures(rule_join[sel], y[sel])
        h = figures(hybrid[sel], y[sel])
        print("%-28s %6d  %.3f %.3f %.3f    %.3f %.3f %.3f" % ((label, sel.sum()) + r + h))

    line("all", val)
    for key in gi:
        for g in sorted(set(gi[key][val])):
            line("%s=%s" % (key, g), val & (gi[key] == g))
    # Short pastes: the share whose every labelled break is right.
    print("\nshort pastes, every break right (validation): rules -> hybrid")
    ex = gi["extractor"]
    for g in sorted(set(ex[val])):
        per = collections.defaultdict(lambda: [True, True])
        for i in np.where(val & (ex == g) & np.char.startswith(gi["kind"], "short"))[0]:
            per[case[i]][0] &= rule_join[i] == y[i]
            per[case[i]][1] &= hybrid[i] == y[i]
        n = max(1, len(per))
        print("  %-18s %4d  %.3f -> %.3f" % (g, len(per), sum(v[0] for v in per.values()) / n,
                                              sum(v[1] for v in per.values()) / n))
    imp = booster.feature_importance("gain")
    top = np.argsort(-imp)[:15]
    print("\ntop features by gain: " + ", ".join("%s %.0f" % (names[i], imp[i]) for i in top))


if __name__ == "__main__":
    sys.exit(main())

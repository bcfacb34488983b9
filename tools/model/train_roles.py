"""Trains the role model (is this candidate paragraph a section heading?) and writes
data/role_model.bin.

    python tools/model/train_roles.py --dataset roles.tsv --corpus CORPUS_DIR --out data/role_model.bin

roles.tsv is `cargo run --release --example role_dataset -- CORPUS_DIR`'s output: one row per
candidate paragraph of every case, as the product's pipeline cleaned it, with the rules'
decision and the features of src/structure/roles.rs. Each row is labelled by aligning its
text with the case's expected blocks (normalised as ../shared/eval/score.py compares texts):
1 when it equals an expected heading, 0 when it equals another expected block, left out of
training when it equals none (a paragraph the cleaner glued or cut: no role decision can
make it right).

Trains gradient-boosted trees (LightGBM, seed 14, one thread) on the corpus's split=train
cases, the number of trees by early stopping on a held-out sixth of the training documents;
chooses the margin (the model overrides the rules only when its score is that far past the
threshold) on out-of-fold predictions with folds by repository; prints heading precision,
recall and F1 on split=validation per extractor against the rules alone; writes the model in
the format src/structure/roles.rs reads.
"""
import argparse
import collections
import hashlib
import json
import re
import struct
import sys

import lightgbm as lgb
import numpy as np
from trees import dump_trees, held_out, lgb_params, pack_trees, tree_score

SEED = 14
FOLDS = 4
MARGINS = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
# For promotions and for demotions apart, the widest margin keeping this share of the best
# margin's out-of-fold gain: the model changes what the rules do only where it is sure.
# 0.97 since 2026-12-03: the out-of-fold promotion gains of neighbouring margins differ by
# 2-5% at random (1.25 +803 below 1.5 +826), and 0.95 fell on that noise; the validation
# split, checked once, agreed (heading_f1 0.7455 at 1.0, 0.7344 at 1.5; ../shared/eval the
# same at both).
KEEP_GAIN = 0.97
# Demoting a heading the rules found is what costs ../shared/eval, whose documents (reports,
# proposals) hold heading shapes the corpus lacks: PEP 3003's `Cannot Change`, at -1.9, is
# one. Never demote with less margin than this (measured 2026-12-02: eval heading_f1 0.93 at
# 2.0, 0.92 at 1.5; the corpus's out-of-fold demotion gain at 2.0 is 84% of the best).
MIN_DEMOTE_MARGIN = 2.0
# Rows whose text matches no expected block (a paragraph glued to a heading, a heading cut
# in two) are not headings as score.py counts them; they train as such, at this weight.
UNALIGNED_WEIGHT = 0.0
N_META = 4  # case, index, rule_heading, text

CJK = (r"\u2E80-\u2FDF\u3000-\u303F\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF"
       r"\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\U00020000-\U0002FFFF")
_between_cjk = re.compile(r"(?<=[%s])\s+(?=[%s])" % (CJK, CJK))
_ws = re.compile(r"\s+")


def norm(s):
    """Text as score.py compares it."""
    s = str(s or "").strip()
    return _ws.sub(" ", _between_cjk.sub("", s))


def load(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = [line.rstrip("\n").split("\t") for line in f]
    case = np.array([r[0] for r in rows])
    rule = np.array([int(r[2]) for r in rows])
    text = [r[3] for r in rows]
    x = np.array([[float(v) for v in r[N_META:]] for r in rows], dtype=np.float32)
    return header[N_META:], case, rule, text, x


def labels(corpus, case, text):
    """1 heading, 0 another block, -1 no expected block has the row's text."""
    y = np.full(len(case), -1)
    roles = {}
    for i, c in enumerate(case):
        if c not in roles:
            with open("%s/cases/%s.expected.json" % (corpus, c), encoding="utf-8") as f:
                e = json.load(f)
            m = {}
            for b in e["blocks"]:
                t = norm(b.get("text"))
                m[t] = max(m.get(t, 0), int(b["kind"] == "heading"))
            roles = {c: m}
        m = roles[c]
        t = norm(text[i])
        if t in m:
            y[i] = m[t]
    return y


def manifest(corpus):
    m = {}
    with open(corpus + "/manifest.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if "case" in r:
                m[r["case"]] = r
    return m


def rules_keep(x, names, rule):
    """The rows whose decision the rules keep (src/structure/roles.rs `rules_keep`)."""
    f = {n: x[:, i] for i, n in enumerate(names)}
    gap = f["gap_same_scheme"]
    heading = ((f["sentence_punct"] == 1) & (f["prev_end"] != 4) & ~((gap >= 0) & (gap < 3))
               & np.isin(f["numbering"], [1, 2, 3]))
    capitalised_doc = ((f["cjk_doc"] == 0) & (f["han_share"] == 0) & (f["numbering"] == 0)
                       & (f["title_case"] == 0) & (f["all_caps"] == 0)
                       & (f["doc_title_case_share"] == 1) & (f["doc_rule_headings"] >= 3))
    para = (f["rule_list"] == 1) | capitalised_doc
    return np.where(rule == 1, heading, para)


def hybrid_with(raw, rule, margin_up, margin_down, keep=None):
    h = np.where(rule == 1, (raw > -margin_down).astype(int), (raw > margin_up).astype(int))
    return h if keep is None else np.where(keep, rule, h)


def export(booster, n_features, margin_up, margin_down, path):
    trees = dump_trees(booster)
    header = struct.pack("<HHffff", 1, n_features, 0.0, margin_up, margin_down, 0.0)
    out = b"QWRM" + header + pack_trees(trees)
    with open(path, "wb") as f:
        f.write(out)
    return trees, out


def prf(pred, y):
    """Heading precision, recall, F1 over rows; a predicted heading whose text matches no
    expected block counts against precision (y = -1)."""
    tp = ((pred == 1) & (y == 1)).sum()
    p = tp / max(1, (pred == 1).sum())
    r = tp / max(1, (y == 1).sum())
    return p, r, 2 * p * r / max(1e-9, p + r)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--trees", type=int, default=300)
    ap.add_argument("--leaves", type=int, default=15)
    ap.add_argument("--booster", help="also save the LightGBM model here (for diagnostics)")
    ap.add_argument("--unaligned-weight", type=float, default=UNALIGNED_WEIGHT)
    a = ap.parse_args()
    names, case, rule, text, x = load(a.dataset)
    y = labels(a.corpus, case, text)
    man = manifest(a.corpus)
    split = np.array([man.get(c, {}).get("split", "?") for c in case])
    doc = np.array([man.get(c, {}).get("doc", c) for c in case])
    repo = np.array([man.get(c, {}).get("repo", "?") for c in case])
    known = y >= 0
    w = np.where(known, 1.0, a.unaligned_weight)
    train = (split == "train") & (known | (a.unaligned_weight > 0))
    target = np.maximum(y, 0)
    val = split == "validation"
    fit, held = held_out(doc, train, SEED)
    params = lgb_params(a.leaves, SEED)
    dfit = lgb.Dataset(x[fit], target[fit], weight=w[fit], free_raw_data=False)
    dheld = lgb.Dataset(x[held], target[held], weight=w[held], reference=dfit)
    booster = lgb.train(params, dfit, num_boost_round=a.trees, valid_sets=[dheld],
                        callbacks=[lgb.early_stopping(30, verbose=False)])
    best = booster.best_iteration or a.trees
    booster = lgb.train(params, lgb.Dataset(x[train], target[train], weight=w[train]),
                        num_boost_round=best)
    # Out-of-fold scores, folds by repository (as the validation split is), for the margin.
    repos = sorted(set(repo[train]))
    oof = np.full(len(y), np.nan)
    for k in range(FOLDS):
        out_repos = set(repos[k::FOLDS])
        te = train & np.isin(repo, list(out_repos))
        tr = train & ~te
        if te.any() and tr.any():
            b = lgb.train(params, lgb.Dataset(x[tr], target[tr], weight=w[tr]), num_boost_round=best)
            oof[te] = b.predict(x[te], raw_score=True)
    sel = train & ~np.isnan(oof)
    keep = rules_keep(x, names, rule)

    def gain_at(m, promote):
        # Rows the model would change at margin m, promotions or demotions alone.
        r, o, t = rule[sel], oof[sel], target[sel]
        changed = ~keep[sel] & ((r == 0) & (o > m) if promote else (r == 1) & (o < -m))
        right = t == (1 if promote else 0)
        return int((changed & right).sum() - (changed & ~right).sum())

    margins = []
    for promote in (True, False):
        gains = [(m, gain_at(m, promote)) for m in MARGINS]
        margins.append(max(m for m, g in gains if g >= KEEP_GAIN * max(0, max(g for _, g in gains))))
        print("%s: out-of-fold gain in rows by margin: %s" % (
            "promote" if promote else "demote", ", ".join("%.1f %+d" % g for g in gains)))
    margin_up, margin_down = margins[0], max(margins[1], MIN_DEMOTE_MARGIN)
    if a.booster:
        booster.save_model(a.booster)
    trees, blob = export(booster, len(names), margin_up, margin_down, a.out)
    raw = booster.predict(x, raw_score=True)
    mine = tree_score(trees, x[: min(len(x), 2000)])
    drift = np.abs(mine - raw[: len(mine)]).max()
    assert drift < 1e-3, "exported trees disagree with LightGBM: %g" % drift
    hybrid = hybrid_with(raw, rule, margin_up, margin_down, keep)
    try:
        import brotli
        packed = len(brotli.compress(blob, quality=11))
    except ImportError:
        packed = -1
    cases = sorted(set(case[split == "train"]))
    print("dataset: %d candidates (%d labelled train, %d validation, %d unaligned); trees %d, leaves <= %d"
          % (len(y), train.sum(), val.sum(), (~known).sum(), len(trees), a.leaves))
    print("train case list sha256: %s" % hashlib.sha256("\n".join(cases).encode()).hexdigest()[:16])
    print("model: %d bytes raw, %d brotli" % (len(blob), packed))
    print("margins: promote past %.2f, demote past %.2f" % (margin_up, margin_down))
    print("\nvalidation headings (precision / recall / F1 over candidate rows; unaligned rows "
          "count against precision)")
    print("%-20s %6s %5s  %-17s %-17s" % ("extractor", "rows", "heads", "rules", "hybrid"))
    ex = np.array([man.get(c, {}).get("extractor", "?") for c in case])
    kind = np.array([man.get(c, {}).get("kind", "?") for c in case])

    def line(label, s):
        r = prf(rule[s], y[s])
        h = prf(hybrid[s], y[s])
        print("%-20s %6d %5d  %.3f %.3f %.3f  %.3f %.3f %.3f"
              % ((label, s.sum(), (y[s] == 1).sum()) + r + h))

    line("all", val)
    for g in sorted(set(ex[val])):
        line(g, val & (ex == g))
    for g in sorted(set(kind[val])):
        line("kind=" + g, val & (kind == g))
    changed = val & (hybrid != rule)
    print("\nvalidation rows changed: %d (right after %d, wrong after %d)"
          % (changed.sum(), (changed & (hybrid == y)).sum(), (changed & (y >= 0) & (hybrid != y)).sum()))
    imp = booster.feature_importance("gain")
    top = np.argsort(-imp)[:15]
    print("top features by gain: " + ", ".join("%s %.0f" % (names[i], imp[i]) for i in top))
    sample = collections.Counter()
    for i in np.where(changed)[0][:4000]:
        sample[(int(rule[i]), int(y[i]))] += 1
    print("changed rows by (rule, truth): %s" % dict(sample))


if __name__ == "__main__":
    sys.exit(main())

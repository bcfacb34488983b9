"""LightGBM trees in the layout the Rust evaluator reads (src/trees.rs), shared by train.py
(the layout model) and train_roles.py (the role model)."""
import struct

import numpy as np

LEAF = 255


def dump_trees(booster):
    """Each tree as a list of nodes (feature or LEAF, threshold, left, right, value), a node's
    children after it (so that a walk ends)."""
    trees = []
    for t in booster.dump_model()["tree_info"]:
        nodes = []

        def walk(n):
            i = len(nodes)
            nodes.append(None)
            if "leaf_value" in n:
                nodes[i] = (LEAF, 0.0, 0, 0, n["leaf_value"])
                return i
            assert n["decision_type"] == "<=", n["decision_type"]
            left = walk(n["left_child"])
            right = walk(n["right_child"])
            nodes[i] = (n["split_feature"], n["threshold"], left, right, n["internal_value"])
            return i

        walk(t["tree_structure"])
        trees.append(nodes)
    return trees


def pack_trees(trees):
    """The trees' part of a model file: u16 tree count, per tree a u16 node count and its
    nodes (u8 feature, f32 threshold, u16 left, u16 right, f32 value), little-endian."""
    out = bytearray(struct.pack("<H", len(trees)))
    for nodes in trees:
        out += struct.pack("<H", len(nodes))
        for feat, thr, left, right, value in nodes:
            thr = max(min(thr, 3.0e38), -3.0e38)
            out += struct.pack("<BfHHf", feat, thr, left, right, value)
    return bytes(out)


def tree_score(trees, x):
    """The raw score as src/trees.rs computes it (f32 comparisons)."""
    s = np.zeros(len(x), dtype=np.float64)
    for nodes in trees:
        for r in range(len(x)):
            i = 0
            while nodes[i][0] != LEAF:
                f, thr, left, right, _ = nodes[i]
                i = left if x[r, f] <= np.float32(thr) else right
            s[r] += np.float32(nodes[i][4])
    return s


def lgb_params(leaves, seed):
    """The LightGBM parameters both models train with: deterministic, one thread."""
    return dict(objective="binary", num_leaves=leaves, learning_rate=0.08, min_data_in_leaf=20,
                feature_fraction=0.9, bagging_fraction=0.8, bagging_freq=1, lambda_l2=1.0,
                seed=seed, deterministic=True, num_threads=1, verbose=-1)


def held_out(doc, train, seed):
    """(fit, held) masks: a sixth of the training documents held out for early stopping, by
    document so that a page's short pastes go with it."""
    rng = np.random.RandomState(seed)
    docs = sorted(set(doc[train]))
    held_docs = set(rng.choice(docs, size=max(1, len(docs) // 6), replace=False))
    held = train & np.array([d in held_docs for d in doc])
    return train & ~held, held

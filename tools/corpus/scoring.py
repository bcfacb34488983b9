"""What errors.py and score_split.py share: where the corpus, the product and the scorer are by
default (relative to this checkout, overridable by the environment), their common options, and
loading ../shared/eval/score.py as a module."""

import importlib.util
import os

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# The generated corpus lives outside the checkout (hundreds of MB, never committed).
OUT = os.environ.get("OUT", os.path.join(REPO, "..", "corpus-out"))
PRODUCT = os.environ.get(
    "PRODUCT", os.path.join(REPO, "target", "release", "qingwen") + " analyze - --json")
SCORE = os.path.join(REPO, "..", "shared", "eval", "score.py")


def add_common_args(ap):
    """The options both scoring commands take: corpus, split, product command, scorer, jobs."""
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--split", default="validation")
    ap.add_argument("--cmd", default=PRODUCT)
    ap.add_argument("--score", default=SCORE)
    ap.add_argument("--jobs", type=int, default=2)


def load_score(path):
    """../shared/eval/score.py as a module, for its normalisers and metrics."""
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod

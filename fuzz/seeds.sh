#!/usr/bin/env bash
# Builds the fuzz corpus (fuzz/corpus/<target>/, git-ignored) from the hand-made seeds in
# fuzz/seeds/, the shared sample, the eval cases and excerpts of weicheng.txt.
#
# Every target reads an 16-byte options header then the text; a header of zeros means the
# default options, so each text goes in once with zeros and once with a few other headers.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shared="${SHARED:-$here/../../shared}"
python3 - "$here" "$shared" <<'PY'
import hashlib, os, random, sys
here, shared = sys.argv[1], sys.argv[2]
targets = ["analyze", "clean", "normalize", "columns", "artifacts", "reflow", "spacing",
           "structure", "terms", "edit", "document", "html"]
CHUNK = 3000  # bytes: libFuzzer's -max_len defaults to the largest seed; keep it small

def chunks(text, size=CHUNK):
    """Splits at line ends into pieces of about `size` bytes."""
    out, cur = [], ""
    for line in text.splitlines(keepends=True):
        if cur and len((cur + line).encode()) > size:
            out.append(cur); cur = ""
        cur += line
    if cur:
        out.append(cur)
    return [c.encode()[:size * 2].decode("utf-8", "ignore") for c in out]

texts = []
for name in sorted(os.listdir(os.path.join(here, "seeds"))):
    texts.append(open(os.path.join(here, "seeds", name), encoding="utf-8", newline="").read())
sample = os.path.join(shared, "samples", "sichuan-daily-2024-02-20.txt")
if os.path.exists(sample):
    texts += chunks(open(sample, encoding="utf-8", newline="").read())
cases = os.path.join(shared, "eval", "cases")
if os.path.isdir(cases):
    for name in sorted(os.listdir(cases)):
        if name.endswith(".txt"):
            texts += chunks(open(os.path.join(cases, name), encoding="utf-8", newline="").read())
weicheng = os.path.join(shared, "corpus", "weicheng.txt")
if os.path.exists(weicheng):
    pieces = chunks(open(weicheng, encoding="utf-8", newline="").read(), 1500)
    rng = random.Random(7)
    texts += rng.sample(pieces, min(40, len(pieces)))

headers = [bytes(16), bytes([0xFF] + [0] * 15),
           bytes([0x30, 0xE7, 3, 0xC8, 0, 1, 2, 3, 0x14, 1, 0x14, 3, 0x0A, 0, 0, 0]),
           bytes([0x0F, 0x01] + [0] * 14)]
rng = random.Random(1)
for t in targets:
    d = os.path.join(here, "corpus", t)
    os.makedirs(d, exist_ok=True)
    for i, text in enumerate(texts):
        body = text.encode("utf-8")
        variants = [body] if t == "edit" else [h + body for h in ([headers[0]] + [rng.choice(headers[1:])])]
        for v in variants:
            open(os.path.join(d, hashlib.sha1(v).hexdigest()), "wb").write(v)
    print(f"{t}: {len(os.listdir(d))} seeds in {d}")
PY

#!/usr/bin/env python3
"""Generates data/dict.txt and data/idf.bin from jieba-rs 0.11's dict.txt and idf.txt (MIT).

data/dict.txt is jieba's dictionary (`word freq tag` per line), sorted by the UTF-8 bytes of
the word: the source of data/dict.bin (scripts/gen_dict.py, run it after this), which qingwen
embeds uncompressed so that the HTTP transfer compression (brotli) compresses it and start-up
skips zstd.

data/idf.bin holds jieba's IDF table as one byte per line of data/dict.txt, so it names no
word: a 12-byte header (little-endian f32 lo, hi, median), then per dictionary word 0 when
idf.txt lacks it (TF-IDF uses the median, as jieba does for unknown words), else q in 1..=255
for idf = lo + (q - 1) * (hi - lo) / 254. The 21,579 words of idf.txt that are not dictionary
words are left out (they get the median too).

usage: scripts/gen_idf.py [JIEBA_DATA_DIR]
"""
import glob
import os
import statistics
import struct
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if len(sys.argv) > 1:
    src = sys.argv[1]
else:
    found = glob.glob(os.path.expanduser("~/.cargo/registry/src/*/jieba-rs-0.11.0/src/data"))
    if not found:
        sys.exit("jieba-rs 0.11.0 not in ~/.cargo/registry; run cargo fetch or pass its src/data")
    src = found[0]

lines = []
with open(os.path.join(src, "dict.txt"), encoding="utf-8") as f:
    for line in f:
        parts = line.split()
        if parts:
            lines.append((parts[0].encode("utf-8"), " ".join(parts)))
lines.sort(key=lambda l: l[0])
words = [w for w, _ in lines]
assert len(set(words)) == len(words), "duplicate dictionary words"

idf = {}
with open(os.path.join(src, "idf.txt"), encoding="utf-8") as f:
    for line in f:
        parts = line.split()
        if len(parts) == 2:
            idf[parts[0].encode("utf-8")] = float(parts[1])
lo, hi = min(idf.values()), max(idf.values())
# jieba's median: the lower middle of all values.
values = sorted(idf.values())
median = values[(len(values) - 1) // 2]
step = (hi - lo) / 254

out = bytearray(struct.pack("<fff", lo, hi, median))
for w in words:
    v = idf.get(w)
    out.append(0 if v is None else 1 + round((v - lo) / step))

with open(os.path.join(root, "data", "dict.txt"), "w", encoding="utf-8", newline="\n") as f:
    for _, line in lines:
        f.write(line + "\n")
with open(os.path.join(root, "data", "idf.bin"), "wb") as f:
    f.write(out)
missing = sum(1 for w in words if w not in idf)
print(f"{len(words)} words, {missing} without an IDF; idf {lo:.4f}..{hi:.4f}, median {median:.4f}")

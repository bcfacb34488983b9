#!/usr/bin/env bash
# Builds the labelled corpus end to end, then scores the product on the validation split.
#
#   tools/corpus/run.sh [DOCS] [SEED]          # defaults: 40 documents, seed 14
#
# Environment: OUT (default ../corpus-out beside the checkout), VENV (default
# ../corpus-venv), MIRROR (default /work/.mirror, the `fetch` snapshots listed in fetch.md),
# JOBS (default 2), PRODUCT (default target/release/qingwen analyze - --json),
# STEPS (default "venv sources build score").
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
DOCS=${1:-40}
SEED=${2:-14}
REPO="$(cd "$HERE/../.." && pwd)"
OUT=${OUT:-$REPO/../corpus-out}
VENV=${VENV:-$REPO/../corpus-venv}
MIRROR=${MIRROR:-/work/.mirror}
JOBS=${JOBS:-2}
PRODUCT=${PRODUCT:-$REPO/target/release/qingwen analyze - --json}
STEPS=${STEPS:-venv sources build score}

for t in chromium soffice pdftotext pdfinfo node fc-list; do
  command -v "$t" >/dev/null || { echo "missing $t: apt-get install -y chromium libreoffice-writer-nogui poppler-utils fonts-noto-cjk nodejs npm"; exit 1; }
done
has() { [[ " $STEPS " == *" $1 "* ]]; }

if has venv; then
  if [ ! -x "$VENV/bin/python" ]; then python3.11 -m venv "$VENV" || python3 -m venv "$VENV"; fi
  "$VENV/bin/pip" install -q -r "$HERE/requirements.txt"
  [ -d "$HERE/node_modules/pdfjs-dist" ] || (cd "$HERE" && npm ci --no-audit --no-fund)
fi
mkdir -p "$OUT"
if has sources; then
  "$VENV/bin/python" "$HERE/fetch_sources.py" --mirror "$MIRROR" --out "$OUT" --seed "$SEED"
fi
if has build; then
  nice -n 10 "$VENV/bin/python" "$HERE/build.py" --docs "$DOCS" --seed "$SEED" --out "$OUT" --jobs "$JOBS" \
    2> >(grep -v 'FontBBox' >&2)
fi
if has score; then
  "$VENV/bin/python" "$HERE/score_split.py" --out "$OUT" --split validation --cmd "$PRODUCT" --jobs "$JOBS"
fi

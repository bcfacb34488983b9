#!/usr/bin/env bash
# Retrains the role model (is a candidate paragraph a heading?): builds the dataset from the
# labelled corpus with the Rust features, trains, writes data/role_model.bin (see
# tools/model/MODEL.md, "The role model").
#
#   bash tools/model/train_roles.sh [CORPUS_DIR]      # default ../corpus-out beside the checkout
#
# Environment: VENV (default ../model-venv beside the checkout, made from
# tools/model/requirements.txt), DATASET (default /tmp/role_dataset.tsv).
set -euo pipefail
cd "$(dirname "$0")/../.."
CORPUS=${1:-../corpus-out}
VENV=${VENV:-../model-venv}
DATASET=${DATASET:-/tmp/role_dataset.tsv}
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q -r tools/model/requirements.txt
fi
cargo run --release --quiet --example role_dataset -- "$CORPUS" > "$DATASET"
"$VENV/bin/python" tools/model/train_roles.py --dataset "$DATASET" --corpus "$CORPUS" --out data/role_model.bin

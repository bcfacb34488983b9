#!/usr/bin/env bash
# Byte-for-byte check of `analyze --json` against a saved baseline, for refactorings that must
# change no output. Inputs: every ../shared/eval case, every tests/fixtures text and the
# ../shared samples, under the option sets of examples/dump_outputs.rs; the CLI's own
# `qingwen analyze --json` output for the default set too.
#
#   scripts/compare-outputs.sh save [DIR]      # write the baseline (default /tmp/qingwen-baseline)
#   scripts/compare-outputs.sh compare [DIR]   # dump again and diff against it
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-compare}
base=${2:-/tmp/qingwen-baseline}
shared=${QINGWEN_SHARED:-../shared}
files=()
for f in "$shared"/eval/cases/*.txt tests/fixtures/*/*.txt "$shared"/samples/*.txt; do
  [[ -f $f && $f != *.expected.txt ]] && files+=("$f")
done
[[ -d $shared ]] || echo "compare-outputs: $shared is absent: only the fixtures are compared" >&2
cargo build --release --quiet --example dump_outputs --bin qingwen
if [[ $mode == save ]]; then out=$base; else out=$(mktemp -d); fi
rm -rf "$out" && mkdir -p "$out/cli"
target/release/examples/dump_outputs "$out" "${files[@]}"
for f in "${files[@]}"; do
  flat=${f#../}; flat=${flat#./}; flat=${flat//\//__}
  target/release/qingwen analyze "$f" --json > "$out/cli/$flat.json"
done
if [[ $mode == save ]]; then
  echo "compare-outputs: baseline saved to $out ($(find "$out" -name '*.json' | wc -l) outputs)"
  exit 0
fi
if diff -rq "$base" "$out"; then
  echo "compare-outputs: identical ($(find "$out" -name '*.json' | wc -l) outputs)"
  rm -rf "$out"
else
  echo "compare-outputs: outputs differ (new outputs kept in $out)" >&2
  exit 1
fi

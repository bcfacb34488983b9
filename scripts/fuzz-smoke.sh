#!/usr/bin/env bash
# Smoke fuzz: runs every cargo-fuzz target in fuzz/ for a short while (FUZZ_SECONDS, 20 by
# default) on the seed corpus; exits non-zero on the first crash, leaving the crashing
# input in fuzz/artifacts/<target>/. Installs cargo-fuzz when it is missing; skips (exit 0)
# when no nightly toolchain is available, since libFuzzer's instrumentation needs one.
#
#   scripts/fuzz-smoke.sh                 # all targets, 20 s each
#   FUZZ_SECONDS=5 scripts/fuzz-smoke.sh analyze clean
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${FUZZ_SECONDS:-20}"

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "fuzz-smoke: no nightly toolchain; skipped" >&2
  exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz-smoke: installing cargo-fuzz" >&2
  cargo install --locked cargo-fuzz
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi

cargo +nightly fuzz build -O

# The seed corpus: the committed hand-made seeds, plus the generated one when present.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  dirs=("$work/$t" seeds)
  [ -d "corpus/$t" ] && dirs+=("corpus/$t")
  echo "fuzz-smoke: $t for ${seconds}s" >&2
  if ! cargo +nightly fuzz run -O "$t" "${dirs[@]}" -- \
      -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 >"$work/$t.log" 2>&1; then
    tail -n 40 "$work/$t.log" >&2
    echo "fuzz-smoke: $t FAILED (input in fuzz/artifacts/$t/)" >&2
    status=1
    continue
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$t.log" | grep -o '[0-9]*$' || echo '?')
  echo "fuzz-smoke: $t ok, $runs runs" >&2
done
exit $status

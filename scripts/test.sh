#!/usr/bin/env bash
# Runs every check and test: the one test command (the README's, and what .ci/run calls).
# Installs what is missing first (scripts/setup.sh). Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n=== %s\n' "$*"; }

step "setup"
bash scripts/setup.sh

step "cargo fmt --check"
cargo fmt --check  # qingwen only: vendor/jieba-rs keeps upstream formatting

step "cargo clippy (native, all targets)"
cargo clippy --all-targets -- -D warnings

step "cargo clippy (wasm32 library)"
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings

step "cargo test --release"
cargo test --release

step "cargo build --release (CLI)"
cargo build --release

step "build the npm package (scripts/build-wasm.sh)"
bash scripts/build-wasm.sh

step "node tests"
node --test tests/node/

step "consumers: the packed package in Node ESM/CJS, Vite, module script, worker, TypeScript"
node --test tests/consumers/

step "browser tests (headless Chromium)"
node --test tests/browser/

if [[ -d ../shared/eval ]]; then
    step "evaluation score (report only)"
    python3 ../shared/eval/score.py --cmd "$PWD/target/release/qingwen analyze - --json" ||
        echo "test: the scorer failed; its numbers are a report, not a test"
fi

printf '\n=== all tests passed\n'

#!/usr/bin/env bash
# Builds everything and serves the page (www/) on http://127.0.0.1:8080 (PORT=… to change).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh
bash scripts/build-wasm.sh # also links pkg/ into www/pkg
exec node scripts/static-server.mjs --root www --port "${PORT:-8080}"

#!/usr/bin/env bash
# Installs what the build and the tests need, when missing: the wasm32 target, rustfmt and
# clippy, Debian's Chromium (browser tests), binaryen (wasm-opt),
# brotli (size report), the pinned wasm-bindgen-cli and the test's npm packages.
# Idempotent; made for Debian 12 with rustup's Rust and Node 20, as root.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# The CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
: "${wasm_bindgen_version:?no wasm-bindgen in Cargo.lock}"

say() { echo "setup: $*"; }

for tool in cargo rustup node npm; do
    if ! command -v "$tool" >/dev/null; then
        say "$tool is missing: install Rust with rustup (https://rustup.rs) and Node 20" >&2
        exit 1
    fi
done
node_major=$(node -p 'process.versions.node.split(".")[0]')
if ((node_major < 20)); then
    say "Node $(node --version) is too old: Node 20 or newer is needed" >&2
    exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

# A minimal rustup profile has neither: test.sh runs both.
for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
        say "adding the $component component"
        rustup component add "$component"
    fi
done

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v wasm-opt >/dev/null || missing+=(binaryen)
command -v brotli >/dev/null || missing+=(brotli)
if ((${#missing[@]})); then
    sudo=()
    if ((EUID != 0)); then sudo=(sudo); fi
    say "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wasm_bindgen_version" ]]; then
    say "installing wasm-bindgen-cli $wasm_bindgen_version (takes a few minutes)"
    cargo install wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

# npm ci wipes node_modules, so run it only when the lock file changed since the last run.
lock_sum=$(sha256sum tests/package-lock.json | cut -d' ' -f1)
stamp=tests/node_modules/.qingwen-lock.sha256
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
    say "npm ci in tests/"
    (cd tests && npm ci --no-audit --no-fund)
    echo "$lock_sum" >"$stamp"
fi
# The consumer projects' dev tools (Vite, TypeScript): the consumer tests `npm ci` copies of
# these folders, which then come from the npm cache.
for lock in tests/consumers/*/package-lock.json; do
    dir=$(dirname "$lock")
    lock_sum=$(sha256sum "$lock" | cut -d' ' -f1)
    stamp=$dir/node_modules/.qingwen-lock.sha256
    if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
        say "npm ci in $dir"
        (cd "$dir" && npm ci --no-audit --no-fund)
        echo "$lock_sum" >"$stamp"
    fi
done
say "ready"

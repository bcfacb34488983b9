#!/usr/bin/env bash
# Builds the npm package into pkg/ (linked into www/pkg for the page): the core compiled to
# wasm32, wasm-bindgen's web glue, the hand-written entries in js/, package.json and README.
# Prints the .wasm's raw, gzip and brotli sizes.
set -euo pipefail
cd "$(dirname "$0")/.."

# The CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
: "${wasm_bindgen_version:?no wasm-bindgen in Cargo.lock}"
installed=$(wasm-bindgen --version 2>/dev/null || true)
if [[ "$installed" != "wasm-bindgen $wasm_bindgen_version" ]]; then
    echo "build-wasm: need wasm-bindgen $wasm_bindgen_version, found '${installed:-none}'; run scripts/setup.sh" >&2
    exit 1
fi

echo "build-wasm: cargo build (wasm32-unknown-unknown, release)"
cargo build --lib --release --target wasm32-unknown-unknown --no-default-features
wasm=target/wasm32-unknown-unknown/release/qingwen.wasm

rm -rf pkg
mkdir pkg
# --experimental-reset-state-function exports __wbg_reset_state, which js/index.js calls to
# replace an instance that crashed. The function names (~61 KB raw, 13 KB brotli) are left out
# of what browsers download; profile the native build instead.
wasm-bindgen --target web --experimental-reset-state-function --remove-name-section \
    --out-dir pkg --out-name qingwen "$wasm"

# The glue's declarations of its init functions (InitInput, InitOutput, initSync, __wbg_init,
# at the end of qingwen.d.ts) name DOM types: RequestInfo, Response, BufferSource,
# WebAssembly.*. A project without the DOM lib that checks libraries (`"lib": ["es2022"]`,
# skipLibCheck false) cannot compile them, and index.d.ts declares init and initSync itself
# with structural types. So they are cut, and no DOM type may be left.
node --input-type=module -e '
import { readFileSync, writeFileSync } from "node:fs";
const path = process.argv[1];
const text = readFileSync(path, "utf8");
const start = text.search(/^export type InitInput = /m);
if (start < 0) throw new Error("build-wasm: no InitInput in " + path + ": the glue changed shape");
const kept = text.slice(0, start).trimEnd() + "\n";
const dom = kept.match(/\b(RequestInfo|Request|Response|BufferSource|WebAssembly|URL|HTMLElement|Window)\b/);
if (dom) throw new Error(`build-wasm: ${path} still names the DOM type ${dom[1]}`);
writeFileSync(path, kept);
' pkg/qingwen.d.ts

cp js/index.js js/index.d.ts js/node.js js/wasm.d.ts README.md pkg/
# qingwen/pdf (analyzePdf with pdf.js) and the qingwen-pdf-lines command: only these import
# pdfjs-dist, so `import { analyze } from "qingwen"` never loads it.
cp js/pdf.js js/pdf.d.ts js/pdf-layout.js js/pdf-lines.mjs pkg/
chmod +x pkg/pdf-lines.mjs
# require("qingwen"): a CommonJS entry generated from the glue and the wrapper, and its types
# (a .d.cts, so TypeScript reads them as CommonJS declarations).
node scripts/cjs-entry.mjs pkg/qingwen.js js/index.js >pkg/node.cjs
cp pkg/qingwen.d.ts pkg/qingwen.d.cts
sed 's|"\./qingwen\.js"|"./qingwen.cjs"|' js/index.d.ts >pkg/index.d.cts
# The licence, and the licences of the data bundled in the module.
notices=()
for notice in LICENSE THIRD_PARTY.md; do
    if [[ -f "$notice" ]]; then
        cp "$notice" pkg/
        notices+=("$notice")
    fi
done

# package.json: name, version, description, keywords and license come from Cargo.toml.
cargo metadata --no-deps --format-version 1 | node --input-type=module -e '
import { readFileSync, writeFileSync } from "node:fs";
const crate = JSON.parse(readFileSync(0, "utf8")).packages.find((p) => p.name === "qingwen");
const files = [
    "index.js", "index.d.ts", "node.js", "node.cjs", "index.d.cts",
    "qingwen.js", "qingwen.d.ts", "qingwen.d.cts", "qingwen_bg.wasm", "wasm.d.ts", "README.md",
    "pdf.js", "pdf.d.ts", "pdf-layout.js", "pdf-lines.mjs",
];
files.push(...process.argv.slice(1));
const pkg = {
    name: "qingwen",
    version: crate.version,
    description: crate.description,
    keywords: crate.keywords,
    license: crate.license,
    type: "module",
    // For tools that predate `exports`: require() gets the CommonJS entry, bundlers the ES one.
    main: "./node.cjs",
    module: "./index.js",
    types: "./index.d.ts",
    // The first matching condition wins. Browsers and bundlers: index.js (`await init()`).
    // Node: node.js for import, node.cjs for require(); both load the module on first use.
    exports: {
        ".": {
            browser: { types: "./index.d.ts", default: "./index.js" },
            node: {
                import: { types: "./index.d.ts", default: "./node.js" },
                require: { types: "./index.d.cts", default: "./node.cjs" },
            },
            import: { types: "./index.d.ts", default: "./index.js" },
            require: { types: "./index.d.cts", default: "./node.cjs" },
            types: "./index.d.ts",
            default: "./index.js",
        },
        // PDF files: pdf.js extracts positioned lines, analyzeLayout reads them (pdf.d.ts).
        "./pdf": { types: "./pdf.d.ts", default: "./pdf.js" },
        // For bundlers that need the file passed to init(): its URL (wasm.d.ts).
        "./qingwen_bg.wasm": { types: "./wasm.d.ts", default: "./qingwen_bg.wasm" },
        "./package.json": "./package.json",
    },
    files,
    // node.js and node.cjs register how to load the module; the other files only define things.
    sideEffects: ["./node.js", "./node.cjs"],
    // `qingwen-pdf-lines FILE.pdf | qingwen analyze --layout -` for the native CLI.
    bin: { "qingwen-pdf-lines": "./pdf-lines.mjs" },
    // Imported by ./pdf.js and ./pdf-layout.js only. Keep in step with tests/package.json,
    // which puts it into the npm cache for the offline installs of the tests and into www/.
    dependencies: { "pdfjs-dist": "5.6.205" },
    engines: { node: ">=20" },
};
writeFileSync("pkg/package.json", JSON.stringify(pkg, null, 2) + "\n");
' "${notices[@]}"

# wasm-opt saves little here (the jieba dictionary is most of the module: -O3 and -Oz both
# measured ~3% smaller, gzip size unchanged), and Debian 12's binaryen 108 breaks
# wasm-bindgen's externref table. So keep its output only if the module still works.
if command -v wasm-opt >/dev/null; then
    wasm-opt -O3 pkg/qingwen_bg.wasm -o pkg/qingwen_bg.opt.wasm
    mv pkg/qingwen_bg.wasm pkg/qingwen_bg.unopt.wasm
    mv pkg/qingwen_bg.opt.wasm pkg/qingwen_bg.wasm
    if node --input-type=module -e '
        const { analyze } = await import(process.argv[1]);
        if (!analyze("清文 qingwen").cleaned) process.exit(1);
    ' "$PWD/pkg/node.js" >/dev/null 2>&1; then
        rm pkg/qingwen_bg.unopt.wasm
        echo "build-wasm: optimized with $(wasm-opt --version)"
    else
        mv pkg/qingwen_bg.unopt.wasm pkg/qingwen_bg.wasm
        echo "build-wasm: $(wasm-opt --version) produced a broken module; keeping the unoptimized one" >&2
    fi
else
    echo "build-wasm: wasm-opt not found; the module is not optimized" >&2
fi

# The page imports ./pkg/index.js: link the package into www/ (ignored by git).
ln -sfn ../pkg www/pkg
# pdf.js for the page, served from its own origin and loaded only when a PDF is opened
# (www/pdf.js): pdfjs-dist's legacy build, its character maps and standard fonts (ignored by
# git). It comes from tests/node_modules (scripts/setup.sh), the version the package names.
pdfjs=tests/node_modules/pdfjs-dist
if [[ -f "$pdfjs/legacy/build/pdf.mjs" ]]; then
    rm -rf www/pdfjs
    mkdir -p www/pdfjs
    cp "$pdfjs/legacy/build/pdf.mjs" "$pdfjs/legacy/build/pdf.worker.mjs" "$pdfjs/LICENSE" www/pdfjs/
    cp -r "$pdfjs/cmaps" "$pdfjs/standard_fonts" www/pdfjs/
else
    echo "build-wasm: no $pdfjs (run scripts/setup.sh): the page cannot open PDFs" >&2
fi

raw=$(stat -c %s pkg/qingwen_bg.wasm)
gz=$(gzip -9 -c pkg/qingwen_bg.wasm | wc -c)
if command -v brotli >/dev/null; then
    br=$(brotli -q 11 -c pkg/qingwen_bg.wasm | wc -c)
else
    br="? (brotli not installed)"
fi
tarball=$(cd pkg && npm pack --dry-run --json 2>/dev/null | node -e '
const [p] = JSON.parse(require("fs").readFileSync(0, "utf8"));
console.log(`${p.size} bytes packed, ${p.unpackedSize} unpacked, ${p.entryCount} files`);')
echo "build-wasm: pkg/qingwen_bg.wasm  raw $raw  gzip $gz  brotli $br bytes"
echo "build-wasm: npm tarball $tarball"

#!/usr/bin/env bash
# Scores PDF input on the evaluation set with its own score.py: one case per PDF in
# build/pdf, whose "pasted text" is the PDF's path; the adaptor (this script with --adapt)
# reads the path, writes the positioned lines with js/pdf-lines.mjs (pdf.js) and runs
# `qingwen analyze --layout - --json`. The expected answer is the document's, from any of its
# text cases (they differ only in the extractor noted).
#
#   scripts/eval-pdf.sh [EVAL_DIR] [score.py options]   # EVAL_DIR default ../shared/eval
#   PDF_DIR=/tmp/eval/build/pdf scripts/eval-pdf.sh     # PDFs built elsewhere (make.sh in a
#                                                       # copy: the shared folder is read-only)
# Needs target/release/qingwen (cargo build --release) and pdfjs-dist in tests/node_modules
# (scripts/setup.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

if [[ "${1:-}" == "--adapt" ]]; then
    path=$(cat)
    node "$QINGWEN_PDF_LINES" "$path" |
        "$root/target/release/qingwen" analyze --layout - --json
    exit
fi

eval_dir="${1:-$root/../shared/eval}"
shift || true
pdf_dir="${PDF_DIR:-$eval_dir/build/pdf}"
if ! compgen -G "$pdf_dir/*.pdf" >/dev/null; then
    echo "eval-pdf: no PDFs in $pdf_dir: run make.sh in a copy of $eval_dir and set PDF_DIR" >&2
    exit 1
fi
cases=$(mktemp -d)
trap 'rm -rf "$cases"' EXIT
# The extractor beside a node_modules that holds pdfjs-dist, as in the installed package.
mkdir "$cases/bin"
cp "$root/js/pdf-layout.js" "$root/js/pdf-lines.mjs" "$cases/bin/"
ln -s "$root/tests/node_modules" "$cases/bin/node_modules"
export QINGWEN_PDF_LINES="$cases/bin/pdf-lines.mjs"
for pdf in "$pdf_dir"/*.pdf; do
    name=$(basename "$pdf" .pdf)
    expected=$(compgen -G "$eval_dir/cases/$name.*.expected.json" | head -1 || true)
    [[ -n "$expected" ]] || continue
    cp "$expected" "$cases/$name.pdf.expected.json"
    realpath "$pdf" >"$cases/$name.pdf.txt"
done
python3 "$eval_dir/score.py" --cases "$cases" --cmd "bash '$root/scripts/eval-pdf.sh' --adapt" --label pdf "$@"

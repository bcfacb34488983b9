// The page's HTML path on the evaluation set's HTML pages: each build/html page is turned
// into a typed document by the page's own code (www/html-document.js, DOMParser in headless
// Chromium), analyzed by the npm package's `analyzeDocument` (Node), and scored by the
// evaluation's score.py against the document's expected answer. Beside it, for comparison,
// the native CLI's HTML reader (`qingwen analyze - --html`) on the same pages. Figures, not
// assertions.
//
//   bash scripts/build-wasm.sh && cargo build --release && (cd tests && npm ci)   # once
//   node bench/html-eval.mjs [--eval DIR] [--html DIR]
//
// --eval is the evaluation set (default ../shared/eval beside the checkout): its score.py and
// cases/; --html its rendered pages (default EVAL/build/html, which make.sh or
// `python3 tools/render.py` writes). Each page's expected answer is the first
// cases/NAME.*.expected.json (the extractor cases of a document share it).
//
// Internally `node bench/html-eval.mjs --analyze` is the command score.py runs: a typed
// document as JSON on stdin → `analyzeDocument`'s result as JSON on stdout.

import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);

if (args[0] === "--analyze") {
    const { analyzeDocument } = await import(join(root, "pkg/node.js"));
    // synchronously: process.exit after an asynchronous write to a pipe would cut it at 64 KB
    writeFileSync(1, JSON.stringify(analyzeDocument(JSON.parse(readFileSync(0, "utf8")))));
    process.exit(0);
}

const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at === -1 ? fallback : args[at + 1];
};
const evalDir = option("--eval", join(root, "../shared/eval"));
const htmlDir = option("--html", join(evalDir, "build/html"));
const cli = join(root, "target/release/qingwen");
for (const [what, path] of [["the evaluation set", join(evalDir, "score.py")], ["its HTML pages (make.sh or tools/render.py)", htmlDir], ["pkg/ (scripts/build-wasm.sh)", join(root, "pkg/node.js")], ["the CLI (cargo build --release)", cli]]) {
    if (!existsSync(path)) {
        console.log(`html-eval: ${what} not found at ${path}; skipped`);
        process.exit(0);
    }
}

const { launch, openPage } = await import("../tests/browser/page-support.mjs");
const cases = readdirSync(join(evalDir, "cases"));
const pages = readdirSync(htmlDir).filter((name) => name.endsWith(".html")).sort();
const work = mkdtempSync(join(tmpdir(), "qingwen-html-eval-"));
const jsCases = join(work, "js");
const cliCases = join(work, "cli");
execFileSync("mkdir", ["-p", jsCases, cliCases]);

const browser = await launch();
try {
    const { page } = await openPage(browser.context, browser.url);
    for (const name of pages) {
        const doc = name.slice(0, -".html".length);
        const expected = cases.find((file) => file.startsWith(`${doc}.`) && file.endsWith(".expected.json"));
        if (!expected) continue;
        const html = readFileSync(join(htmlDir, name), "utf8");
        const started = performance.now();
        const typed = await page.evaluate(async (html) => {
            const { htmlToDocument } = await import("./html-document.js");
            return htmlToDocument(html);
        }, html);
        const ms = performance.now() - started;
        console.log(`html-eval: ${doc}: ${typed.blocks.length} blocks (${ms.toFixed(0)} ms with the page round trip)`);
        writeFileSync(join(jsCases, `${doc}.html.txt`), JSON.stringify(typed));
        writeFileSync(join(cliCases, `${doc}.html.txt`), html);
        for (const dir of [jsCases, cliCases]) copyFileSync(join(evalDir, "cases", expected), join(dir, `${doc}.html.expected.json`));
    }
} finally {
    await browser.close();
}

const score = (label, cmd, dir) => {
    const out = execFileSync("python3", [join(evalDir, "score.py"), "--cases", dir, "--label", label, "--cmd", cmd], { encoding: "utf8" });
    console.log(out.trimEnd());
};
score("page", `node ${join(root, "bench/html-eval.mjs")} --analyze`, jsCases);
score("cli", `${cli} analyze - --html --json`, cliCases);
rmSync(work, { recursive: true, force: true });

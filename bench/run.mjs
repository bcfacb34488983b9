// Runs every system of bench/run and prints one table (medians of 5).
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

import { corpusPath } from "./corpus.mjs";

const root = new URL("..", import.meta.url).pathname;
const corpus = corpusPath(process.argv[2]);
const native = `${root}target/release/qingwen-bench`;
const RUNS = 5;

const systems = [
    { name: "jieba-rs 0.11 native (cut)", cmd: [native, "jieba-rs"] },
    { name: "qingwen native (analyze)", cmd: [native, "qingwen"] },
    {
        name: "jieba-wasm 2.4.0 (cut → string[])",
        cmd: ["node", `${root}bench/bench.mjs`, "jieba-wasm"],
        files: ["bench/node_modules/jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm", "bench/node_modules/jieba-wasm/pkg/web/jieba_rs_wasm.js"],
    },
    {
        name: "qingwen wasm (analyze → object)",
        cmd: ["node", `${root}bench/bench.mjs`, "qingwen-wasm"],
        files: ["pkg/qingwen_bg.wasm", "pkg/qingwen.js", "pkg/index.js"],
    },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const measure = (cmd, ...args) =>
    JSON.parse(execFileSync(cmd[0], [...cmd.slice(1), ...args], { cwd: `${root}bench`, encoding: "utf8" }));

for (const s of systems) {
    const ready = [];
    let peak = 0;
    for (let i = 0; i < RUNS; i++) ready.push(measure(s.cmd, "ready").ms);
    const mbs = [];
    for (let i = 0; i < RUNS; i++) {
        const r = measure(s.cmd, "throughput", corpus);
        mbs.push(r.mbs);
        peak = Math.max(peak, r.peakKb);
    }
    s.ready = median(ready);
    s.mbs = median(mbs);
    s.peakMb = peak / 1024;
    if (s.files) {
        // What a browser downloads: each file compressed on its own.
        const files = s.files.map((f) => readFileSync(`${root}${f}`));
        const sum = (f) => files.reduce((n, b) => n + f(b).length, 0);
        s.raw = sum((b) => b);
        s.gzip = sum((b) => gzipSync(b, { level: 9 }));
        s.brotli = sum((b) =>
            brotliCompressSync(b, {
                params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: b.length },
            }),
        );
    }
}

const [jr, , jw] = systems;
const x = (a, b) => (a / b).toFixed(2) + "×";
const kb = (n) => (n === undefined ? "—" : String(n));
const rows = [["system", "ready ms", "÷jieba-rs", "÷jieba-wasm", "MB/s", "÷jieba-rs", "÷jieba-wasm", "peak MB", "raw B", "gzip -9 B", "brotli -11 B", "br ÷jieba-wasm"]];
for (const s of systems) {
    rows.push([
        s.name,
        s.ready.toFixed(0),
        x(s.ready, jr.ready),
        x(s.ready, jw.ready),
        s.mbs.toFixed(2),
        x(s.mbs, jr.mbs),
        x(s.mbs, jw.mbs),
        s.peakMb.toFixed(0),
        kb(s.raw),
        kb(s.gzip),
        kb(s.brotli),
        s.brotli ? (s.brotli / jw.brotli).toFixed(3) + "×" : "—",
    ]);
}
const size = statSync(corpus).size;
console.log(`corpus ${corpus} (${(size / 1e3).toFixed(0)} kB); ready = start → first result on a short text; medians of ${RUNS} fresh processes`);
console.log(`ready and MB/s ratios: this system ÷ the peer (ready: lower is better; MB/s: higher is better)`);
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const [i, r] of rows.entries()) {
    console.log("| " + r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join(" | ") + " |");
    if (i === 0) console.log("|" + widths.map((w, j) => "-".repeat(w + 1) + (j === 0 ? "-" : ":")).join("|") + "|");
}

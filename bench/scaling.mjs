// How `analyze` (the npm package in pkg/, Node 20) scales with input size: time per MB and
// peak WebAssembly linear memory on weicheng.txt repeated to 100 KB … 32 MB (cut at a line
// boundary). Prints one table; figures, not assertions. Takes about two minutes.
//
//   bash scripts/build-wasm.sh   # once
//   node bench/scaling.mjs [CORPUS]
//
// Each size runs in a fresh Node process, because a WebAssembly memory never shrinks: the
// memory's byteLength after the call is then that size's peak. In each process a tiny first
// call loads the dictionary; the memory after it is the dictionary's share ("base").

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { corpusPath as corpusOrShared } from "./corpus.mjs";

const SIZES = [100e3, 1e6, 4e6, 16e6, 32e6]; // UTF-8 bytes (1 MB = 10^6 bytes)
const corpusPath = process.argv[2] === "--one" ? process.argv[4] : corpusOrShared(process.argv[2]);
const MiB = 1024 * 1024;

/** The corpus repeated to at most `bytes` UTF-8 bytes, cut after the last whole line. */
export function repeatTo(corpus, bytes) {
    const unit = Buffer.from(corpus.endsWith("\n") ? corpus : `${corpus}\n`);
    const buffer = Buffer.alloc(bytes);
    for (let at = 0; at < bytes; at += unit.length) unit.copy(buffer, at, 0, Math.min(unit.length, bytes - at));
    const cut = buffer.lastIndexOf(0x0a) + 1; // after a '\n': never inside a character
    return buffer.subarray(0, cut).toString("utf8");
}

if (process.argv[2] === "--one") {
    // Child: one size in a fresh module instance; prints one JSON line.
    const bytesWanted = Number(process.argv[3]);
    const { analyze } = await import("../pkg/node.js");
    // node.js has already instantiated the module; the glue's initSync returns the existing
    // instance's exports, which include its linear memory.
    const { initSync } = await import("../pkg/qingwen.js");
    const wasm = initSync({ module: new Uint8Array() });
    const memory = () => wasm.memory.buffer.byteLength;
    const atLoad = memory();
    analyze("清文 qingwen：一句短文。");
    const base = memory();
    const text = repeatTo(readFileSync(corpusPath, "utf8"), bytesWanted);
    const bytes = Buffer.byteLength(text);
    const lines = text.split("\n").length - 1;
    // A warm-up on at most 1 MB of it (V8 tiers the module up from its baseline compiler while
    // it runs), then the median of 5 runs up to 1.5 MB, 3 up to 5 MB, one above (seconds each).
    analyze(repeatTo(text, Math.min(bytes, 1e6)));
    const runs = bytes <= 1.5e6 ? 5 : bytes <= 5e6 ? 3 : 1;
    const times = [];
    let analysis;
    for (let i = 0; i < runs; i++) {
        const t = performance.now();
        analysis = analyze(text);
        times.push((performance.now() - t) / 1e3);
    }
    times.sort((a, b) => a - b);
    const peak = memory();
    const status = readFileSync("/proc/self/status", "utf8");
    const rssKb = Number(/VmHWM:\s+(\d+)/.exec(status)[1]);
    console.log(JSON.stringify({
        bytes, lines, seconds: times[Math.floor(times.length / 2)], runs, atLoad, base, peak, rssKb,
        cleaned: analysis.cleaned.length, edits: analysis.edits.length, blocks: analysis.blocks.length,
    }));
} else {
    const self = fileURLToPath(import.meta.url);
    const rows = [];
    for (const size of SIZES) {
        const out = execFileSync(process.execPath, ["--max-old-space-size=8192", self, "--one", String(size), corpusPath], {
            encoding: "utf8",
            maxBuffer: 1 << 20,
        });
        const row = JSON.parse(out.trim().split("\n").pop());
        rows.push(row);
        process.stderr.write(`# ${(row.bytes / 1e6).toFixed(1)} MB: ${row.seconds.toFixed(2)} s\n`);
    }
    const perMb = (row) => row.seconds / (row.bytes / 1e6);
    const ref = perMb(rows.find((row) => row.bytes >= 0.9e6 && row.bytes < 1.1e6) ?? rows[1]);
    const base = rows[0].base;
    console.log(`qingwen analyze (pkg/node.js, Node ${process.versions.node}) on ${corpusPath} repeated; 1 MB = 10^6 UTF-8 bytes`);
    console.log(`dictionary (memory after a tiny first call): ${(base / MiB).toFixed(1)} MiB; at instantiation: ${(rows[0].atLoad / MiB).toFixed(1)} MiB`);
    console.log(`targets: s/MB ratio to 1 MB ≤ 1.3 at 32 MB; peak ≤ 8 × input + dictionary`);
    const header = ["input", "lines", "runs", "seconds", "s/MB", "× 1 MB", "peak memory", "(peak − dict) / input", "8×input+dict", "within", "edits", "RSS peak"];
    const table = rows.map((row) => {
        const limit = 8 * row.bytes + row.base;
        return [
            `${(row.bytes / 1e6).toFixed(row.bytes < 1e6 ? 2 : 1)} MB`,
            row.lines.toLocaleString("en"),
            String(row.runs),
            row.seconds.toFixed(3),
            perMb(row).toFixed(3),
            (perMb(row) / ref).toFixed(2),
            `${(row.peak / MiB).toFixed(0)} MiB`,
            `${((row.peak - row.base) / row.bytes).toFixed(2)}×`,
            `${(limit / MiB).toFixed(0)} MiB`,
            row.peak <= limit ? "yes" : "NO",
            row.edits.toLocaleString("en"),
            `${(row.rssKb / 1024).toFixed(0)} MiB`,
        ];
    });
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
    const line = (cells) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(" | ")} |`;
    console.log(line(header));
    console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
    for (const r of table) console.log(line(r));
}

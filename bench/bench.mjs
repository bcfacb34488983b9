// One wasm measurement per process, one JSON line on stdout (see bench/run).
//   node bench.mjs qingwen-wasm|jieba-wasm ready
//   node bench.mjs qingwen-wasm|jieba-wasm throughput FILE
// `ready` runs from before the import to the first result on a short text, so it includes
// reading, compiling and instantiating the module and building the dictionary.
import { readFileSync } from "node:fs";

const t0 = performance.now();
const [system, what, file] = process.argv.slice(2);
const SHORT = "推动四川现代化建设开好局起好步，离不开强有力的组织保证。";

function peakKb() {
    const line = readFileSync("/proc/self/status", "utf8").split("\n").find((l) => l.startsWith("VmHWM:"));
    return Number(line.split(/\s+/)[1]);
}

let run;
if (system === "qingwen-wasm") {
    const { analyze } = await import("../pkg/node.js");
    run = (text) => analyze(text).terms.length;
} else if (system === "jieba-wasm") {
    const { cut } = await import("jieba-wasm");
    run = (text) => cut(text, true).length;
} else {
    console.error(`unknown system ${system}`);
    process.exit(2);
}

if (what === "ready") {
    run(SHORT);
    console.log(JSON.stringify({ ms: performance.now() - t0, peakKb: peakKb() }));
} else {
    const text = readFileSync(file, "utf8");
    const bytes = Buffer.byteLength(text);
    run(text); // warm-up
    const times = [];
    for (let i = 0; i < 5; i++) {
        const t = performance.now();
        run(text);
        times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(JSON.stringify({ mbs: bytes / 1e6 / (times[2] / 1e3), peakKb: peakKb() }));
}

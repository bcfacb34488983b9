// The token API against jieba-wasm's `cut`, in one Node process (same run, same text):
// qingwen's `cut` (string[]), `tokens` (packed typed arrays), `segment` (one object per word)
// and `analyze`, each as a multiple of jieba-wasm 2.4.0 `cut(text, true)`.
//   node bench/tokens.mjs [TEXT] [--runs N]      (default text: ../shared/corpus/weicheng.txt)
// Run `npm ci` in bench/ and `bash scripts/build-wasm.sh` first (bench/run does both).
import { readFileSync } from "node:fs";

import { corpusPath } from "./corpus.mjs";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const RUNS = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 7;
const text = readFileSync(corpusPath(args[0]), "utf8");

const qingwen = await import("../pkg/node.js");
const jieba = await import("jieba-wasm");

// Each returns how many words it found, so that the runs can be checked against each other.
const systems = [
    ["jieba-wasm 2.4.0 cut → string[]", () => jieba.cut(text, true).length],
    ["qingwen cut → string[]", () => qingwen.cut(text).length],
    ["qingwen tokens → typed arrays", () => qingwen.tokens(text).starts.length],
    ["qingwen segment → Token[]", () => qingwen.segment(text).tokens.length],
    ["qingwen analyze → Analysis", () => qingwen.analyze(text).terms.length],
];

const counts = systems.map(([, run]) => run()); // warm-up: the dictionaries are built here
const times = systems.map(() => []);
// CPU time of the process (user + system) beside wall time: on a shared machine a run that
// waits for a core counts in the wall time only.
const cpuTimes = systems.map(() => []);
// Interleaved rounds, so that a slow moment of a shared machine hits every system alike.
for (let r = 0; r < RUNS; r++) {
    for (const [i, [, run]] of systems.entries()) {
        const cpu = process.cpuUsage();
        const t = performance.now();
        run();
        times[i].push(performance.now() - t);
        const used = process.cpuUsage(cpu);
        cpuTimes[i].push((used.user + used.system) / 1e3);
    }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = times.map(median);
const cpuMs = cpuTimes.map(median);
console.log(
    `text ${(Buffer.byteLength(text) / 1e3).toFixed(0)} kB; medians of ${RUNS} interleaved runs in one process (Node ${process.version}), wall and CPU time`,
);
for (const [i, [name]] of systems.entries()) {
    const speedup =
        i === 0 ? "" : `  ${(ms[0] / ms[i]).toFixed(2)}× jieba-wasm cut (CPU ${(cpuMs[0] / cpuMs[i]).toFixed(2)}×)`;
    console.log(
        `${name.padEnd(34)} ${ms[i].toFixed(1).padStart(8)} ms ${cpuMs[i].toFixed(1).padStart(8)} ms CPU  ${String(counts[i]).padStart(7)} items${speedup}`,
    );
}

// Where the wasm package's time goes, one line per phase (not part of bench/run's table).
//   node bench/phases.mjs [CORPUS]
// ready phases: read the .wasm, compile it, instantiate it, build the dictionary (the first
// `checkUserDict("")` call builds it and nothing else), first `analyze` on a short text.
// Throughput phases on the corpus (medians of 5 after a warm-up): `segment` (jieba + tags →
// objects), `termFrequencies` (segment + filter + count), `analyze` (everything).
import { readFileSync } from "node:fs";

import { corpusPath as corpusOrShared } from "./corpus.mjs";

const t0 = performance.now();
const corpus = corpusOrShared(process.argv[2]);
const SHORT = "推动四川现代化建设开好局起好步，离不开强有力的组织保证。";
// Wall time, and the process's CPU time (user + system), which other processes on a
// shared machine disturb less.
const cpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e3;
};
const c0 = cpu();
const lap = (() => {
    let [last, lastCpu] = [t0, c0];
    return (name) => {
        const [now, nowCpu] = [performance.now(), cpu()];
        console.log(`${name.padEnd(28)} ${(now - last).toFixed(1).padStart(8)} ms ${(nowCpu - lastCpu).toFixed(1).padStart(8)} ms CPU`);
        [last, lastCpu] = [now, nowCpu];
    };
})();
const glue = await import("../pkg/index.js");
lap("import JS");
const bytes = readFileSync(new URL("../pkg/qingwen_bg.wasm", import.meta.url));
lap("read .wasm");
const module = new WebAssembly.Module(bytes);
lap("compile");
glue.initSync({ module });
lap("instantiate");
glue.checkUserDict("");
lap("build dictionary");
glue.analyze(SHORT);
lap("first analyze (short)");
console.log(`${"ready total".padEnd(28)} ${(performance.now() - t0).toFixed(1).padStart(8)} ms ${(cpu() - c0).toFixed(1).padStart(8)} ms CPU (from the first line of this script)`);

const text = readFileSync(corpus, "utf8");
const mb = Buffer.byteLength(text) / 1e6;
const time = (f) => {
    f();
    const [ts, cs] = [[], []];
    for (let i = 0; i < 5; i++) {
        const [t, c] = [performance.now(), cpu()];
        f();
        ts.push(performance.now() - t);
        cs.push(cpu() - c);
    }
    const median = (xs) => xs.sort((a, b) => a - b)[2];
    return [median(ts), median(cs)];
};
for (const [name, f] of [
    ["segment", () => glue.segment(text)],
    ["termFrequencies", () => glue.termFrequencies(text)],
    ["analyze", () => glue.analyze(text)],
]) {
    const [ms, cpuMs] = time(f);
    console.log(`${name.padEnd(28)} ${ms.toFixed(1).padStart(8)} ms ${cpuMs.toFixed(1).padStart(8)} ms CPU ${(mb / (ms / 1e3)).toFixed(2).padStart(7)} MB/s`);
}

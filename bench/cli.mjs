// The CLI at scale: `qingwen analyze DIR --jsonl` over a directory of 200 files with 1 and 2
// threads (and more where the machine has the cores), and with --corpus.
//   node bench/cli.mjs [TEXT] [--runs N]      (default text: ../shared/corpus/weicheng.txt)
// The files are cut from TEXT at paragraph ends, each about a 40th of it (围城: ~18 kB, 3.7 MB
// in all), into a temporary directory that is removed afterwards. Build the binary first
// (`cargo build --release`).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";

import { corpusPath } from "./corpus.mjs";

const FILES = 200;
const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const RUNS = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 3;
const text = readFileSync(corpusPath(args[0]), "utf8");
const binary = new URL("../target/release/qingwen", import.meta.url).pathname;

// 200 files of ~1/40 of the text each, going round the text as often as needed.
const paragraphs = text.split(/\n+/).filter((p) => p.trim());
const perFile = Math.max(1, Math.round(paragraphs.length / 40));
const dir = mkdtempSync(join(tmpdir(), "qingwen-bench-cli-"));
let bytes = 0;
for (let i = 0; i < FILES; i++) {
    const start = (i * perFile) % paragraphs.length;
    const body = [];
    for (let j = 0; j < perFile; j++) body.push(paragraphs[(start + j) % paragraphs.length]);
    const file = body.join("\n");
    bytes += Buffer.byteLength(file);
    writeFileSync(join(dir, `${String(i).padStart(3, "0")}.txt`), file);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Wall and CPU time (user + system) of one run, from bash's `time`: CPU ÷ wall is how many
// cores the run kept busy, which on a shared machine tells parallelism from a busy neighbour.
function once(extra) {
    const script = `TIMEFORMAT='%R %U %S'; time "$0" "$@" >/dev/null`;
    const result = spawnSync("bash", ["-c", script, binary, "analyze", dir, "--jsonl", ...extra], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`qingwen failed: ${result.stderr}`);
    const [real, user, sys] = result.stderr.trim().split("\n").pop().split(" ").map(Number);
    return { wall: real * 1e3, cpu: (user + sys) * 1e3 };
}
function time(extra) {
    const runs = Array.from({ length: RUNS }, () => once(extra));
    return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
}

const cores = availableParallelism();
const threads = [...new Set([1, 2, Math.min(cores, 4)])];
console.log(`${FILES} files, ${(bytes / 1e6).toFixed(2)} MB in all; medians of ${RUNS} runs; ${cores} cores, load average ${loadavg()[0].toFixed(1)}`);
let one;
for (const n of threads) {
    for (const corpus of [false, true]) {
        const { wall, cpu } = time(["--threads", String(n), ...(corpus ? ["--corpus"] : [])]);
        if (n === 1 && !corpus) one = wall;
        const label = `--jsonl --threads ${n}${corpus ? " --corpus" : ""}`;
        console.log(
            `qingwen analyze DIR ${label.padEnd(29)} ${wall.toFixed(0).padStart(6)} ms  ${(bytes / 1e6 / (wall / 1e3)).toFixed(2).padStart(6)} MB/s  ${(one / wall).toFixed(2)}× 1 thread  CPU ${cpu.toFixed(0).padStart(6)} ms (${(cpu / wall).toFixed(2)} cores busy)`,
        );
    }
}
rmSync(dir, { recursive: true, force: true });

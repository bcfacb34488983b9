// Helpers for the Node and browser tests: where things are, and the npm package installed
// the way a user installs it (from an `npm pack` tarball into a fresh project).

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const pkgDir = join(repoRoot, "pkg");
/** The repository's own samples (tests/fixtures/samples/README.md). */
export const samplesDir = join(repoRoot, "tests/fixtures/samples");
export const samplePath = join(samplesDir, "zh-epaper.txt");
export const cliPath = join(repoRoot, "target/release/qingwen");

/** How the tests and bench/page.mjs launch Debian's Chromium through playwright-core. */
export const chromiumOptions = {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ],
};

/**
 * Runs in the page (`page.evaluate(startLagProbe)`): a 50 ms timer that keeps in
 * `window.__lag` the longest it fired late, how long the main thread was blocked; stop it
 * with `clearInterval(window.__probe)`. Shared by tests/browser/large.test.mjs and
 * bench/page.mjs.
 */
export function startLagProbe() {
    window.__lag = 0;
    let last = performance.now();
    window.__probe = setInterval(() => {
        const now = performance.now();
        window.__lag = Math.max(window.__lag, now - last - 50);
        last = now;
    }, 50);
}

export function readSample() {
    return readFileSync(samplePath, "utf8");
}

/**
 * Packs pkg/ with `npm pack`, installs the tarball into a new temporary project and imports
 * `qingwen` from there, through the package's `exports` map (Node picks the "node" entry).
 * Returns `{ dir, qingwen, resolved, cleanup }`.
 */
export async function installPackage() {
    if (!existsSync(join(pkgDir, "package.json"))) {
        throw new Error("pkg/ is not built: run `bash scripts/build-wasm.sh` first");
    }
    const dir = mkdtempSync(join(tmpdir(), "qingwen-consumer-"));
    const packed = execFileSync("npm", ["pack", "--json", "--pack-destination", dir, pkgDir], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
    });
    const [{ filename }] = JSON.parse(packed);
    writeFileSync(
        join(dir, "package.json"),
        JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    execFileSync(
        "npm",
        ["install", "--prefer-offline", "--no-audit", "--no-fund", "--no-package-lock", `./${filename}`],
        { cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
    );
    writeFileSync(
        join(dir, "consumer.mjs"),
        [
            'import * as qingwen from "qingwen";',
            "export { qingwen };",
            'export const resolved = import.meta.resolve("qingwen");',
            "",
        ].join("\n"),
    );
    const { qingwen, resolved } = await import(pathToFileURL(join(dir, "consumer.mjs")).href);
    return { dir, qingwen, resolved, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Installs the package for the calling test file (`before`) and removes it afterwards
 * (`after`). Returns the package's exports, usable inside its tests.
 */
export function usePackage() {
    let installed;
    before(async () => {
        installed = await installPackage();
    });
    after(() => installed?.cleanup());
    return new Proxy({}, { get: (_, name) => installed.qingwen[name] });
}

/** Runs the native CLI: `qingwen analyze FILE --json`, parsed. */
export function runCli(file) {
    if (!existsSync(cliPath)) {
        throw new Error("target/release/qingwen is not built: run `cargo build --release` first");
    }
    return JSON.parse(execFileSync(cliPath, ["analyze", file, "--json"], { encoding: "utf8" }));
}

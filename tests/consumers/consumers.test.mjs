// The npm package in the projects users really have. pkg/ is packed once with `npm pack`;
// each consumer folder here is copied to a fresh temporary directory, gets its dev tools from
// its own package-lock.json (`npm ci`) and the package from the tarball (`npm install`), as a
// user would, and is then run: Node ESM and CommonJS; in headless Chromium a Vite build, a
// webpack 5 build with no config, esbuild, Rollup, `bun build` and `deno bundle` builds with
// the README's recipes, a Next.js app (server and client components, `next build` + `next
// start`), a plain module-script page and a module Web Worker; the Bun and Deno runtimes;
// TypeScript (`tsc --noEmit --strict`) with and without the DOM lib. Every consumer must
// produce the same analysis of the same text.
//
//   node --test tests/consumers/      (needs pkg/ built: bash scripts/build-wasm.sh)

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import {
    cpSync,
    existsSync,
    mkdirSync,
    mkdtempSync,
    readdirSync,
    readFileSync,
    renameSync,
    rmSync,
    writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { startServer } from "../../scripts/static-server.mjs";
import { chromiumOptions, pkgDir } from "../support/package.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const TEXT = "清文：清理从 PDF 复制的文字。\n\n一、背景\n\n清文在本机运行。";

let scratch;
let tarball;
let browser;
let expected; // what Node's ES entry makes of TEXT; every other consumer must agree

function run(command, args, cwd, env = {}) {
    try {
        return execFileSync(command, args, {
            cwd,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "pipe"],
            env: { ...process.env, ...env },
        });
    } catch (error) {
        throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${error.stdout}\n${error.stderr}`);
    }
}

const npmQuiet = ["--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];

/**
 * Copies tests/consumers/NAME to a fresh directory and installs its tools and the tarball.
 * A runtime (Bun, Deno) is no part of the project that uses it: with `runtime`, the copy gets
 * only the tarball, and the runtime is run from tests/consumers/NAME/node_modules, where
 * scripts/setup.sh installed it from the folder's package-lock.json.
 */
function project(name, { runtime = false } = {}) {
    const dir = join(scratch, name);
    cpSync(join(here, name), dir, {
        recursive: true,
        filter: (source) => !["node_modules", "dist"].includes(basename(source)),
    });
    if (runtime) {
        const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
        delete manifest.devDependencies;
        writeFileSync(join(dir, "package.json"), JSON.stringify(manifest, null, 2));
        rmSync(join(dir, "package-lock.json"));
    } else if (existsSync(join(dir, "package-lock.json"))) {
        run("npm", ["ci", ...npmQuiet], dir);
    }
    run("npm", ["install", "--no-save", ...npmQuiet, tarball], dir);
    return dir;
}

/** The path of a runtime installed by scripts/setup.sh in tests/consumers/NAME. */
function installedRuntime(name) {
    const path = join(here, name, "node_modules/.bin", name);
    if (!existsSync(path)) throw new Error(`${path} is missing: run scripts/setup.sh`);
    return path;
}

/** Serves `root`, opens `path` in it in headless Chromium and returns what `openPage` does. */
async function runPage(root, path = "", options = {}) {
    const { server, url } = await startServer({ root, port: 0 });
    try {
        return await openPage(url + path, options);
    } finally {
        await new Promise((resolve) => server.close(resolve));
    }
}

/**
 * Opens `url` in headless Chromium and returns the JSON the page writes to #result, once
 * every element in `wait` (#result by default) has text. Nothing may fail on the way (no
 * page error, console error or failed request) unless `failing` is set: then the failures
 * are returned as `problems` with the result.
 */
async function openPage(url, { wait = ["#result"], failing = false } = {}) {
    const page = await browser.newPage();
    const problems = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    // The browser asks for /favicon.ico on its own; nothing else may fail.
    page.on("console", (message) => {
        if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
            problems.push(`console: ${message.text()}`);
        }
    });
    page.on("response", (response) => {
        if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) {
            problems.push(`${response.status()}: ${response.url()}`);
        }
    });
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
    try {
        await page.goto(url);
        const texts = {};
        for (const selector of wait) {
            await page.waitForFunction((s) => document.querySelector(s)?.textContent, selector, {
                timeout: 30_000,
            });
            texts[selector] = JSON.parse(await page.locator(selector).textContent());
        }
        const result = wait.length === 1 ? texts[wait[0]] : texts;
        if (failing) return { result, problems };
        assert.deepEqual(problems, []);
        return result;
    } finally {
        await page.close();
    }
}

/** Writes DIR/index.html: an #result element and one script, a module or a classic one. */
function writePage(dir, script, { module = true } = {}) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
        join(dir, "index.html"),
        `<!doctype html>\n<meta charset="utf-8">\n<title>qingwen consumer</title>\n` +
            `<output id="result"></output>\n<script${module ? ' type="module"' : ""} src="${script}"></script>\n`,
    );
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
    return new Promise((resolve, reject) => {
        const probe = createServer();
        probe.once("error", reject);
        probe.listen(0, "127.0.0.1", () => {
            const { port } = probe.address();
            probe.close(() => resolve(port));
        });
    });
}

function assertSameAnalysis(result) {
    assert.equal(result.error, undefined, result.error);
    assert.deepEqual(
        { cleaned: result.cleaned, blocks: result.blocks, terms: result.terms },
        { cleaned: expected.cleaned, blocks: expected.blocks, terms: expected.terms },
    );
}

before(() => {
    if (!existsSync(join(pkgDir, "package.json"))) {
        throw new Error("pkg/ is not built: run `bash scripts/build-wasm.sh` first");
    }
    scratch = mkdtempSync(join(tmpdir(), "qingwen-consumers-"));
    const [{ filename }] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", scratch, pkgDir], here));
    tarball = join(scratch, filename);
});

after(async () => {
    await browser?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("the tarball", () => {
    test("holds only what a user needs, and a complete package.json", () => {
        const [packed] = JSON.parse(run("npm", ["pack", "--dry-run", "--json", pkgDir], here));
        assert.deepEqual(packed.files.map((file) => file.path).sort(), [
            "LICENSE", "README.md", "THIRD_PARTY.md", "index.d.cts", "index.d.ts", "index.js",
            "node.cjs", "node.js", "package.json", "pdf-layout.js", "pdf-lines.mjs", "pdf.d.ts", "pdf.js",
            "qingwen.d.cts", "qingwen.d.ts", "qingwen.js",
            "qingwen_bg.wasm", "wasm.d.ts",
        ]);
        const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
        for (const field of ["name", "version", "description", "keywords", "license", "sideEffects", "engines", "exports"]) {
            assert.ok(manifest[field], `package.json has ${field}`);
        }
        const entry = manifest.exports["."];
        for (const condition of ["types", "import", "require", "browser", "node", "default"]) {
            assert.ok(entry[condition], `exports["."] has the ${condition} condition`);
        }
    });
});

describe("Node", () => {
    let esm; // the node-esm project, installed once

    test("ES module: import { analyze } from \"qingwen\", no init", () => {
        const dir = (esm = project("node-esm"));
        expected = JSON.parse(run("node", ["consumer.mjs"], dir));
        assert.match(expected.entry, /\/node_modules\/qingwen\/node\.js$/);
        assert.equal(expected.blocks, 3);
        assert.ok(expected.terms.includes("清文"), expected.terms.join(" "));
        assert.match(expected.markdown, /^## 一、背景$/m);
    });

    test("both entries read the .wasm on the first call, once, not at import", () => {
        assert.deepEqual(JSON.parse(run("node", ["lazy.mjs"], esm)), { atImport: 0, afterCalls: 1 });
        cpSync(join(here, "node-cjs/lazy.js"), join(esm, "lazy.cjs"));
        assert.deepEqual(JSON.parse(run("node", ["lazy.cjs"], esm)), { atImport: 0, afterCalls: 1 });
    });

    test("CommonJS: require(\"qingwen\"), synchronous, no init", () => {
        const dir = project("node-cjs");
        const result = JSON.parse(run("node", ["consumer.js"], dir));
        assert.match(result.entry, /\/node_modules\/qingwen\/node\.cjs$/);
        assert.match(result.badOptions, /^qingwen: invalid options: unknown field `nope`/);
        assert.equal(result.init, "function");
        assert.match(result.crash, /crashed \(RuntimeError: unreachable/);
        assert.equal(result.afterCrash, expected.cleaned, "analyze works after a crash");
        assert.equal(result.markdown, expected.markdown);
        assertSameAnalysis(result);
    });

    // Last: it takes the .wasm away from the node-esm project.
    test("without the .wasm, importing works and the first call says how to pass it", () => {
        const dir = esm;
        renameSync(join(dir, "node_modules/qingwen/qingwen_bg.wasm"), join(dir, "gone.wasm"));
        const imported = JSON.parse(run("node", ["missing.mjs"], dir));
        assert.match(imported.error, /^qingwen: cannot find qingwen_bg\.wasm \(tried: .*\). Pass the module yourself/);
        assert.match(imported.error, /initSync\(\{ module: readFileSync\(/);
        cpSync(join(here, "node-cjs/missing.js"), join(dir, "missing.cjs"));
        const cjs = JSON.parse(run("node", ["missing.cjs"], dir));
        assert.match(cjs.error, /^qingwen: cannot read .*qingwen_bg\.wasm \(ENOENT.*\). Pass the module yourself/);
    });
});

describe("browsers (headless Chromium)", () => {
    before(async () => {
        browser = await chromium.launch(chromiumOptions);
    });

    test("a Vite app: vite build, then the built dist/ served and run", { timeout: 300_000 }, async () => {
        const dir = project("vite");
        run("npx", ["--no-install", "vite", "build", "--logLevel", "warn"], dir);
        const assets = run("ls", ["dist/assets"], dir);
        assert.match(assets, /\.wasm$/m, "the build emitted the .wasm as an asset");
        // Only qingwen/pdf imports pdf.js: an app importing `analyze` does not bundle it.
        const code = readdirSync(join(dir, "dist/assets"))
            .filter((name) => name.endsWith(".js"))
            .map((name) => readFileSync(join(dir, "dist/assets", name), "utf8"))
            .join("\n");
        assert.doesNotMatch(code, /GlobalWorkerOptions|pdfjs/, "the build bundled pdf.js");
        assertSameAnalysis(await runPage(join(dir, "dist")));
    });

    test("a webpack 5 app with no config: webpack, then the built page run", { timeout: 300_000 }, async () => {
        const dir = project("webpack");
        run("npx", ["--no-install", "webpack", "--mode", "production"], dir);
        assert.match(readdirSync(join(dir, "dist")).join("\n"), /\.wasm$/m, "webpack emitted the .wasm");
        assertSameAnalysis(await runPage(dir));
    });

    describe("esbuild", () => {
        let dir;
        const esbuild = (args) => run("npx", ["--no-install", "esbuild", "--bundle", "--log-level=error", ...args], dir);
        before(() => {
            dir = project("esbuild");
        });

        test("the recipe, as an ES module: --loader:.wasm=file, the URL passed to init", async () => {
            esbuild(["main.js", "--format=esm", "--loader:.wasm=file", "--outdir=dist/esm"]);
            assert.match(readdirSync(join(dir, "dist/esm")).join("\n"), /\.wasm$/m);
            writePage(join(dir, "dist/esm"), "./main.js");
            assertSameAnalysis(await runPage(join(dir, "dist/esm")));
        });

        test("the recipe, as an IIFE (no import.meta.url)", async () => {
            esbuild(["main.js", "--format=iife", "--loader:.wasm=file", "--outdir=dist/iife"]);
            writePage(join(dir, "dist/iife"), "./main.js", { module: false });
            assertSameAnalysis(await runPage(join(dir, "dist/iife")));
        });

        test("without the recipe, init() says how to pass the .wasm (a 404, an HTML page, Invalid URL); the .wasm copied works", async () => {
            esbuild(["no-recipe.js", "--format=esm", "--outdir=dist/plain-esm"]);
            writePage(join(dir, "dist/plain-esm"), "./no-recipe.js");
            const esm = await runPage(join(dir, "dist/plain-esm"), "", { failing: true });
            assert.match(esm.result.error, /^qingwen: could not load the WebAssembly module from qingwen_bg\.wasm, next to the package's index\.js: Error: failed to fetch Wasm: 404/);
            assert.match(esm.result.error, /`await init\(\{ module_or_path: wasmUrl \}\)`/);
            assert.deepEqual(esm.problems.map((p) => p.replace(/http:\S+\//, "")), ["404: qingwen_bg.wasm"]);

            // A server that answers with a page in place of the missing file.
            writeFileSync(join(dir, "dist/plain-esm/qingwen_bg.wasm"), "<!doctype html>\n<title>Not here</title>\n");
            const html = await runPage(join(dir, "dist/plain-esm"));
            assert.match(html.error, /^qingwen: could not load .*: CompileError: .*magic word.* \(not WebAssembly: an HTML page served for a missing file\?\)\. /);
            assert.match(html.error, /`await init\(\{ module_or_path: wasmUrl \}\)`/);

            // The other recipe: an ES module bundle finds the .wasm copied next to it.
            cpSync(join(dir, "node_modules/qingwen/qingwen_bg.wasm"), join(dir, "dist/plain-esm/qingwen_bg.wasm"));
            assert.deepEqual(await runPage(join(dir, "dist/plain-esm")), { loaded: true });

            esbuild(["no-recipe.js", "--format=iife", "--outdir=dist/plain-iife"]);
            writePage(join(dir, "dist/plain-iife"), "./no-recipe.js", { module: false });
            const iife = await runPage(join(dir, "dist/plain-iife"));
            assert.match(iife.error, /^qingwen: could not load the WebAssembly module from qingwen_bg\.wasm, next to the package's index\.js: TypeError: .*Invalid URL \(no usable import\.meta\.url: an IIFE bundle\?\)\. /);
            assert.match(iife.error, /`await init\(\{ module_or_path: wasmUrl \}\)`/);
        });
    });

    test("Rollup with the recipe: node-resolve, @rollup/plugin-url, the URL passed to init", async () => {
        const dir = project("rollup");
        run("npx", ["--no-install", "rollup", "-c", "--silent"], dir);
        assert.match(readdirSync(join(dir, "dist")).join("\n"), /\.wasm$/m, "the plugin copied the .wasm");
        writePage(join(dir, "dist"), "./main.js");
        assertSameAnalysis(await runPage(join(dir, "dist")));
    });

    test("a Next.js app with a plain static import: next build, next start, server and client", { timeout: 300_000 }, async () => {
        const dir = project("nextjs");
        const env = { NEXT_TELEMETRY_DISABLED: "1" };
        run("npx", ["--no-install", "next", "build"], dir, env);
        const port = await freePort();
        const server = spawn("npx", ["--no-install", "next", "start", "--port", String(port), "--hostname", "127.0.0.1"], {
            cwd: dir,
            env: { ...process.env, ...env },
            stdio: ["ignore", "pipe", "pipe"],
            detached: true,
        });
        let output = "";
        server.stdout.on("data", (chunk) => (output += chunk));
        server.stderr.on("data", (chunk) => (output += chunk));
        try {
            const url = `http://127.0.0.1:${port}/`;
            await waitForServer(url, () => output);
            // The route handler runs on each request: the server at run time.
            const api = await (await fetch(`${url}api/analyze`)).json();
            assertSameAnalysis(api);
            // The page: prerendered by `next build` on the server, then the client component.
            const page = await openPage(url, { wait: ["#server", "#result"] });
            assertSameAnalysis(page["#server"]);
            assertSameAnalysis(page["#result"]);
            assert.doesNotMatch(output, /error/i, output);
        } finally {
            process.kill(-server.pid);
        }
    });

    test("Bun: the runtime with no init, and `bun build` with the recipe", async () => {
        const dir = project("bun", { runtime: true });
        const bun = installedRuntime("bun");
        const runtime = JSON.parse(run(bun, ["consumer.mjs"], dir));
        assert.match(runtime.entry, /\/node_modules\/qingwen\/node\.js$/);
        assertSameAnalysis(runtime);
        run(bun, ["build", "main.js", "--outdir=dist", "--target=browser"], dir);
        assert.match(readdirSync(join(dir, "dist")).join("\n"), /\.wasm$/m, "bun build emitted the .wasm");
        writePage(join(dir, "dist"), "./main.js");
        assertSameAnalysis(await runPage(join(dir, "dist")));
    });

    test("Deno: the runtime from node_modules with no init, and `deno bundle` with the .wasm copied", async () => {
        const dir = project("deno", { runtime: true });
        const deno = installedRuntime("deno");
        const env = { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
        const runtime = JSON.parse(run(deno, ["run", "--allow-read", "consumer.mjs"], dir, env));
        assert.match(runtime.entry, /\/node_modules\/qingwen\/node\.js$/);
        assertSameAnalysis(runtime);
        run(deno, ["bundle", "--quiet", "--platform=browser", "main.js", "-o", "dist/main.js"], dir, env);
        cpSync(join(dir, "node_modules/qingwen/qingwen_bg.wasm"), join(dir, "dist/qingwen_bg.wasm"));
        writePage(join(dir, "dist"), "./main.js");
        assertSameAnalysis(await runPage(join(dir, "dist")));
    });

    test("a plain <script type=\"module\"> page importing the package's files", async () => {
        assertSameAnalysis(await runPage(project("script-module")));
    });

    test("a module Web Worker", async () => {
        assertSameAnalysis(await runPage(project("worker")));
    });
});

/** Resolves once `url` answers; fails after 30 s with what the server printed. */
async function waitForServer(url, output) {
    const deadline = Date.now() + 30_000;
    for (;;) {
        try {
            await fetch(url);
            return;
        } catch {
            if (Date.now() > deadline) throw new Error(`${url} did not answer:\n${output()}`);
            await new Promise((resolve) => setTimeout(resolve, 200));
        }
    }
}

describe("TypeScript", () => {
    let dir;
    before(() => {
        dir = project("typescript");
    });

    test("every export and result type, tsc --noEmit --strict (nodenext: ESM and CommonJS)", () => {
        run("npx", ["--no-install", "tsc", "--noEmit", "--strict", "-p", "tsconfig.json"], dir);
    });

    test("the same with moduleResolution bundler", () => {
        run("npx", ["--no-install", "tsc", "--noEmit", "--strict", "-p", "tsconfig.bundler.json"], dir);
    });

    test("consumer.ts names every export of the package's index.d.ts", () => {
        const dts = readFileSync(join(dir, "node_modules/qingwen/index.d.ts"), "utf8");
        const names = new Set();
        for (const [, list] of dts.matchAll(/export (?:type )?\{([^}]*)\}/g)) {
            for (const name of list.split(",").map((n) => n.trim()).filter(Boolean)) names.add(name);
        }
        for (const [, name] of dts.matchAll(/export (?:default )?(?:function|type|interface|const) (\w+)/g)) {
            names.add(name);
        }
        const consumer = readFileSync(join(dir, "consumer.ts"), "utf8");
        const missing = [...names].filter((name) => !new RegExp(`\\b${name}\\b`).test(consumer));
        assert.deepEqual(missing, [], "exports that tests/consumers/typescript/consumer.ts does not use");
    });
});

describe("TypeScript without the DOM lib", () => {
    let dir;
    before(() => {
        dir = project("typescript-node");
    });

    test("lib es2022 and @types/node, skipLibCheck false: ESM, CommonJS and the .wasm's URL", () => {
        run("npx", ["--no-install", "tsc", "-p", "tsconfig.json"], dir);
    });

    test("lib es2022 and no types at all", () => {
        run("npx", ["--no-install", "tsc", "-p", "tsconfig.bare.json"], dir);
    });
});

// The npm package in the projects users really have. pkg/ is packed once with `npm pack`;
// each consumer folder here is copied to a fresh temporary directory, gets its dev tools from
// its own package-lock.json (`npm ci`) and the package from the tarball (`npm install`), as a
// user would, and is then run: Node ESM, Node CommonJS, a Vite build, a plain module-script
// page, a module Web Worker (the last three in headless Chromium), and TypeScript (`tsc
// --noEmit --strict`). Every consumer must produce the same analysis of the same text.
//
//   node --test tests/consumers/      (needs pkg/ built: bash scripts/build-wasm.sh)

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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

function run(command, args, cwd) {
    try {
        return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
        throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${error.stdout}\n${error.stderr}`);
    }
}

const npmQuiet = ["--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];

/** Copies tests/consumers/NAME to a fresh directory and installs its tools and the tarball. */
function project(name) {
    const dir = join(scratch, name);
    cpSync(join(here, name), dir, {
        recursive: true,
        filter: (source) => !["node_modules", "dist"].includes(basename(source)),
    });
    if (existsSync(join(dir, "package-lock.json"))) run("npm", ["ci", ...npmQuiet], dir);
    run("npm", ["install", "--no-save", ...npmQuiet, tarball], dir);
    return dir;
}

/** Serves `root`, opens it in headless Chromium and returns the JSON the page writes to #result. */
async function runPage(root) {
    const { server, url } = await startServer({ root, port: 0 });
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
        await page.waitForFunction(() => document.getElementById("result")?.textContent, null, {
            timeout: 30_000,
        });
        const result = JSON.parse(await page.locator("#result").textContent());
        assert.deepEqual(problems, []);
        return result;
    } finally {
        await page.close();
        await new Promise((resolve) => server.close(resolve));
    }
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
            "node.cjs", "node.js", "package.json", "qingwen.d.cts", "qingwen.d.ts", "qingwen.js",
            "qingwen_bg.wasm",
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
    test("ES module: import { analyze } from \"qingwen\", no init", () => {
        const dir = project("node-esm");
        expected = JSON.parse(run("node", ["consumer.mjs"], dir));
        assert.match(expected.entry, /\/node_modules\/qingwen\/node\.js$/);
        assert.equal(expected.blocks, 3);
        assert.ok(expected.terms.includes("清文"), expected.terms.join(" "));
        assert.match(expected.markdown, /^## 一、背景$/m);
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
        assertSameAnalysis(await runPage(join(dir, "dist")));
    });

    test("a plain <script type=\"module\"> page importing the package's files", async () => {
        assertSameAnalysis(await runPage(project("script-module")));
    });

    test("a module Web Worker", async () => {
        assertSameAnalysis(await runPage(project("worker")));
    });
});

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

// qingwen for Node: `import { analyze } from "qingwen"` works with no setup. The first call
// (or `init()`) reads qingwen_bg.wasm from disk and instantiates it, synchronously; nothing is
// read at import, so a bundler that compiles this file for a server (Next.js) can move the
// .wasm and rewrite its URL without breaking the import. `init()` and `initSync()` exist for
// code shared with browsers.

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { __loadOnFirstUse } from "./index.js";

__loadOnFirstUse(() => readFileSync(wasmPath()));

// The same exports as index.js, whose names are the API.
export { default } from "./index.js";
export * from "./index.js";

// Where qingwen_bg.wasm is, from the first of these that names an existing file:
// - the URL a bundler gives the emitted asset: a file: URL in Node, or a path (Next.js's
//   Turbopack makes a URL object without a protocol whose text is the path);
// - this file's directory (Node, unbundled);
// - the package as Node resolves it from the working directory (a server bundle that moved
//   this file but not the .wasm, run from the project).
function wasmPath() {
    const tried = [];
    const candidates = [
        () => new URL("./qingwen_bg.wasm", import.meta.url),
        () => join(fileURLToPath(String(import.meta.url)), "..", "qingwen_bg.wasm"),
        () => createRequire(join(process.cwd(), "package.json")).resolve("qingwen/qingwen_bg.wasm"),
    ];
    for (const candidate of candidates) {
        let path;
        try {
            path = toPath(candidate());
        } catch (error) {
            tried.push(error instanceof Error ? error.message : String(error));
            continue;
        }
        if (path !== null && existsSync(path)) return path;
        tried.push(String(path));
    }
    throw new Error(
        `qingwen: cannot find qingwen_bg.wasm (tried: ${tried.join("; ")}). Pass the module ` +
            "yourself before the first call: " +
            '`initSync({ module: readFileSync(require.resolve("qingwen/qingwen_bg.wasm")) })`',
    );
}

// A path from a URL object (of any realm or polyfill), a file: URL string or a path.
function toPath(location) {
    const text = typeof location === "string" ? location : String(location?.href ?? location);
    if (text.startsWith("file:")) return fileURLToPath(text);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return null; // http: and the like: not on disk
    return text;
}

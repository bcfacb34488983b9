// qingwen for Node: `import { analyze } from "qingwen"` works with no setup, because the
// WebAssembly module is read from disk and instantiated when this file is imported.
// `init()` and `initSync()` exist for code shared with browsers, and do nothing here.

import { readFileSync } from "node:fs";
import { initSync } from "./index.js";

initSync({ module: readFileSync(new URL("./qingwen_bg.wasm", import.meta.url)) });

// The same exports as index.js, whose names are the API.
export { default } from "./index.js";
export * from "./index.js";

// A Node program's use of the package, with @types/node and no DOM lib: the module passed
// in by hand, from a file URL and from bytes.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import init, { analyze, initSync, type Term } from "qingwen";

const path = createRequire(import.meta.url).resolve("qingwen/qingwen_bg.wasm");
initSync({ module: readFileSync(path) });
await init({ module_or_path: new URL("file:///nowhere.wasm") });
await init({ module_or_path: Promise.resolve(readFileSync(path)) });
const terms: Term[] = analyze("清文 qingwen").terms;
console.log(terms.length);

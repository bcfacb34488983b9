// A Node program's use of the package, with @types/node and no DOM lib: the module passed
// in by hand, from a file URL and from bytes.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import init, { analyze, cut, initSync, iterateTokens, tokens, type PackedTokens, type Term } from "qingwen";

const path = createRequire(import.meta.url).resolve("qingwen/qingwen_bg.wasm");
initSync({ module: readFileSync(path) });
await init({ module_or_path: new URL("file:///nowhere.wasm") });
await init({ module_or_path: Promise.resolve(readFileSync(path)) });
const terms: Term[] = analyze("清文 qingwen").terms;
console.log(terms.length);

// The fast token API: words as strings, and packed with a typed iterator.
const words: string[] = cut("清文 qingwen", { terms: { hmm: false } });
const packed: PackedTokens = tokens("清文 qingwen");
for (const { word, tag, start, end } of iterateTokens(packed, "清文 qingwen")) {
    console.log(word, tag, start + end, packed.starts.length, words.length);
}

// The ES entry reads qingwen_bg.wasm on the first call, not at import: every read of a .wasm
// through node:fs is recorded.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

const reads = [];
const readFileSync = fs.readFileSync;
fs.readFileSync = function (path, ...rest) {
    if (String(path).endsWith(".wasm")) reads.push(String(path));
    return readFileSync.call(this, path, ...rest);
};
syncBuiltinESMExports();

const { analyze } = await import("qingwen");
const atImport = reads.length;
analyze("清文 qingwen");
analyze("清文 qingwen");
console.log(JSON.stringify({ atImport, afterCalls: reads.length }));

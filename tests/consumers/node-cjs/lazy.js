// The CommonJS entry reads qingwen_bg.wasm on the first call, not at require(): every read of
// a .wasm through node:fs is recorded.
const fs = require("node:fs");

const reads = [];
const readFileSync = fs.readFileSync;
fs.readFileSync = function (path, ...rest) {
    if (String(path).endsWith(".wasm")) reads.push(String(path));
    return readFileSync.call(this, path, ...rest);
};

const { analyze } = require("qingwen");
const atImport = reads.length;
analyze("清文 qingwen");
analyze("清文 qingwen");
console.log(JSON.stringify({ atImport, afterCalls: reads.length }));

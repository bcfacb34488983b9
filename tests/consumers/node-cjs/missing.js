// With qingwen_bg.wasm gone, require() still works and the first call says what to do.
const { analyze } = require("qingwen");
try {
    analyze("清文");
    console.log(JSON.stringify({ loaded: true }));
} catch (error) {
    console.log(JSON.stringify({ error: error.message }));
}

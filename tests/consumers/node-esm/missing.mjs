// With qingwen_bg.wasm gone, the import still works and the first call says what to do.
const { analyze } = await import("qingwen");
try {
    analyze("清文");
    console.log(JSON.stringify({ loaded: true }));
} catch (error) {
    console.log(JSON.stringify({ error: error.message }));
}

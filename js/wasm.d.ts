// `import wasmUrl from "qingwen/qingwen_bg.wasm"`: what bundlers that emit the file as an asset
// give (webpack's asset modules, esbuild's `--loader:.wasm=file`, @rollup/plugin-url, Bun):
// its URL, to pass to `init({ module_or_path: wasmUrl })`.

/** The URL of the emitted qingwen_bg.wasm. */
declare const wasmUrl: string;
export default wasmUrl;

// `import wasmUrl from "qingwen/qingwen_bg.wasm"`, for bundlers that emit an imported file as an
// asset and make the import its URL (esbuild's `--loader:.wasm=file`, Rollup's
// @rollup/plugin-url, `bun build`): the URL to pass to `init({ module_or_path: wasmUrl })`.

/** The URL of the emitted qingwen_bg.wasm. */
declare const wasmUrl: string;
export default wasmUrl;

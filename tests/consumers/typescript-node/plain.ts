// Needs nothing but ES2022: no DOM lib, no @types/node (tsconfig.bare.json), skipLibCheck off.
import init, { analyze, initSync, type Analysis, type InitInput, type Options } from "qingwen";
import wasmUrl from "qingwen/qingwen_bg.wasm";

const options: Options = { terms: { top: 5 } };
const analysis: Analysis = analyze("清文 qingwen", options);
const url: string = wasmUrl;
const inputs: InitInput[] = [url, new Uint8Array(8), new ArrayBuffer(8)];
export const loaded: Promise<void> = init({ module_or_path: inputs[0]! });
initSync({ module: new Uint8Array(8) });
// @ts-expect-error: init takes an object, not a number.
export const wrong = () => init({ module_or_path: 42 });
export const cleaned: string = analysis.cleaned;

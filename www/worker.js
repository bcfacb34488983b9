// The module Worker that runs qingwen's WebAssembly, so the page stays responsive.
//
// Protocol. In: { id, text, options? }. Out: { type: "ready" } once loaded,
// { type: "result", id, analysis, ms }, { type: "error", id, message },
// or { type: "fatal", message } if the module cannot be loaded.

import init, { analyze } from "./pkg/index.js";

const ready = init().then(
    () => postMessage({ type: "ready" }),
    (error) => postMessage({ type: "fatal", message: messageOf(error) }),
);

onmessage = async ({ data: { id, text, options } }) => {
    await ready;
    const started = performance.now();
    try {
        const analysis = analyze(text, options);
        postMessage({ type: "result", id, analysis, ms: performance.now() - started });
    } catch (error) {
        // analyze recovers from its own crashes: the next message works either way.
        postMessage({ type: "error", id, message: messageOf(error) });
    }
};

function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}

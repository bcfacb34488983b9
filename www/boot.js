// Runs first, while the page is still being parsed (a classic script in <head>): starts the
// module Worker that runs qingwen (worker.js), which fetches and compiles the WebAssembly
// module itself, so that neither waits for the page's own modules (main.js and the panels).
// app.js takes the Worker over, with the messages it sent meanwhile.
"use strict";

(() => {
    const base = document.currentScript?.src ?? document.baseURI;
    /**
     * Starts a Worker; given `module` (a WebAssembly.Module an earlier Worker compiled), it
     * takes that one instead of fetching and compiling the .wasm again (see worker.js).
     */
    const start = (module) => {
        if (!module) return new Worker(new URL("worker.js", base), { type: "module" });
        const worker = new Worker(new URL("worker.js", base), { type: "module", name: "qingwen-module-given" });
        worker.postMessage({ type: "module", module });
        return worker;
    };

    // The Worker first: its thread, its scripts and the module take longest to get going.
    const boot = { worker: start(), start, early: [] };

    // Until app.js takes over: keep what the Worker says.
    const keep = (event) => boot.early?.push(event);
    boot.worker.addEventListener("message", keep);
    boot.worker.addEventListener("error", keep);
    boot.stopKeeping = () => {
        boot.worker.removeEventListener("message", keep);
        boot.worker.removeEventListener("error", keep);
        const early = boot.early;
        boot.early = null;
        return early;
    };
    globalThis.qingwenBoot = boot;
})();

// Runs first, while the page is still being parsed (a classic script in <head>): starts the
// slow parts of loading at once and side by side — the WebAssembly module's download (preloaded
// by index.html) and compilation (streaming, off the main thread) and the module Worker that
// will run it — so that they do not wait for the page's own modules (main.js and the panels).
// app.js takes the Worker over, with the messages it sent meanwhile.
"use strict";

(() => {
    const base = document.currentScript?.src ?? document.baseURI;
    let compiled;
    /** Starts a Worker and sends it the compiled module (or null). */
    function start() {
        const worker = new Worker(new URL("worker.js", base), { type: "module" });
        // (`compiled` is set just below, before any microtask runs)
        queueMicrotask(() => compiled.then((module) => worker.postMessage({ type: "module", module })));
        return worker;
    }

    // The Worker first: its thread and its scripts take longest to get going.
    const boot = { worker: start(), start, early: [] };
    // null if it cannot be compiled here: the Worker then fetches the module itself.
    compiled =
        typeof WebAssembly.compileStreaming === "function"
            ? WebAssembly.compileStreaming(fetch(new URL("pkg/qingwen_bg.wasm", base))).then(
                  (module) => {
                      performance.mark("qingwen-compiled");
                      return module;
                  },
                  () => null,
              )
            : Promise.resolve(null);

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

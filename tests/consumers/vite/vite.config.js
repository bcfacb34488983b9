import { defineConfig } from "vite";

export default defineConfig({
    // Top-level await in main.js; every browser that runs WebAssembly modules has it.
    build: { target: "es2022" },
    // The dev server's dependency pre-bundling moves index.js away from qingwen_bg.wasm;
    // leave the package as it is (the build does not pre-bundle).
    optimizeDeps: { exclude: ["qingwen"] },
});

import { nodeResolve } from "@rollup/plugin-node-resolve";
import url from "@rollup/plugin-url";

export default {
    input: "main.js",
    output: { dir: "dist", format: "es" },
    plugins: [
        nodeResolve({ browser: true }),
        // Copies qingwen_bg.wasm into dist/ (limit 0: never inline it) and makes the import its URL.
        url({ include: ["**/*.wasm"], limit: 0 }),
    ],
};

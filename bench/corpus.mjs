// The benchmarks' default text: 围城 from the shared data beside the checkout
// (../shared/corpus/weicheng.txt). A clone without it gets a notice and a clean exit.

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** `given`, or the shared corpus's path; exits with a notice when the default is absent. */
export function corpusPath(given) {
    if (given) return given;
    const path = fileURLToPath(new URL("../../shared/corpus/weicheng.txt", import.meta.url));
    if (!existsSync(path)) {
        console.error("skipped: ../shared/corpus/weicheng.txt is absent (give a text's path)");
        process.exit(0);
    }
    return path;
}

// qingwen for Node: `import { analyze } from "qingwen"` works with no setup, because the
// WebAssembly module is read from disk and instantiated when this file is imported.
// `init()` and `initSync()` exist for code shared with browsers, and do nothing here.

import { readFileSync } from "node:fs";
import { initSync } from "./index.js";

initSync({ module: readFileSync(new URL("./qingwen_bg.wasm", import.meta.url)) });

export {
    default,
    initSync,
    analyze,
    defaultOptions,
    concordance,
    termsCsv,
    keywordsCsv,
    phrasesCsv,
    sectionsCsv,
    renderMarkdown,
    checkUserDict,
    segment,
    termFrequencies,
    keywords,
    phrases,
    __crashForTesting,
} from "./index.js";

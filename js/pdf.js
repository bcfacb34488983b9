// qingwen/pdf: a PDF's bytes → positioned lines (pdf.js) → `analyzeLayout` → an `Analysis`.
//
// A separate entry so that `import { analyze } from "qingwen"` never loads pdf.js: only this
// entry (through ./pdf-layout.js) imports pdfjs-dist. In browsers, `await init()` from
// "qingwen" before the first call (as for `analyze`); in Node the module loads on first use.

import { analyzeLayout } from "qingwen";
import { extractLayout } from "./pdf-layout.js";

export { extractLayout, NO_TEXT_MESSAGE } from "./pdf-layout.js";

/**
 * Cleans, outlines and counts the terms of a PDF: `extractLayout` then `analyzeLayout`.
 * `options` are `analyze`'s; `pdfOptions` are `extractLayout`'s.
 */
export async function analyzePdf(bytes, options, pdfOptions) {
    const layout = await extractLayout(bytes, pdfOptions);
    return analyzeLayout(layout, options);
}

// PDF files in the page's Worker: pdf.js (served from the page's own origin, www/pdfjs/,
// imported only when the first PDF arrives) reads the positioned text, which the Worker
// then analyses with analyzeLayout. Used by worker.js.

import { extractLayout } from "./pkg/pdf-layout.js";

let pdfjs;

/** pdf.js with its worker code in this thread (the page's Worker is already off the main thread). */
async function loadPdfjs() {
    if (!pdfjs) {
        const [library] = await Promise.all([import("./pdfjs/pdf.mjs"), import("./pdfjs/pdf.worker.mjs")]);
        pdfjs = library;
    }
    return pdfjs;
}

/**
 * The positioned text of the PDF in `bytes` (an ArrayBuffer), page by page; `onProgress(done,
 * total)` after each page, `signal` stops between pages. Throws an Error with a message to show
 * for a scan, an encrypted, damaged or truncated file.
 */
export async function readPdf(bytes, { onProgress, signal } = {}) {
    return extractLayout(bytes, {
        pdfjs: await loadPdfjs(),
        cMapUrl: new URL("./pdfjs/cmaps/", import.meta.url).href,
        standardFontDataUrl: new URL("./pdfjs/standard_fonts/", import.meta.url).href,
        onProgress,
        signal,
    });
}

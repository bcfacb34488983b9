// PDF bytes → positioned lines, with pdf.js: what `analyzeLayout` and `qingwen analyze --layout`
// read. Used by the qingwen/pdf entry (pdf.js) and the qingwen-pdf-lines command; it does not
// load qingwen's WebAssembly module.
//
// pdf.js runs in the calling thread (its "fake worker"), which is what a Node process or the
// page's own Worker wants; nothing is fetched from another origin.

/** The message of the error thrown for a PDF without a text layer (a scan). */
export const NO_TEXT_MESSAGE = "this PDF has no text to read; it would need OCR";

// Font names that say the face is bold or italic (`ABCDEF+NotoSerifCJKsc-Bold`, `Arial,BoldItalic`,
// `Helvetica-Oblique`). The core reads the font name too; this only fills the flags.
const BOLD_NAME = /bold|black|heavy|semibold|demibold|extrabold|ultrabold/i;
const ITALIC_NAME = /italic|oblique/i;

// Skew or rotation (in font units per unit of size) above which a text item is not horizontal
// text: vertical CJK and rotated stamps are left out rather than put at wrong places.
const MAX_SKEW = 0.05;

let pdfjsPromise = null;

/** pdf.js, loaded on the first call; its worker code runs in this thread. */
function loadPdfjs() {
    pdfjsPromise ??= (async () => {
        const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
        if (!globalThis.pdfjsWorker?.WorkerMessageHandler) {
            await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
        }
        return pdfjs;
    })();
    return pdfjsPromise;
}

/** The error to throw for what pdf.js threw while opening a document. */
function openError(error) {
    const name = error?.name ?? "";
    if (name === "PasswordException") {
        return new Error("qingwen: this PDF is encrypted with a password; open it and save an unprotected copy", {
            cause: error,
        });
    }
    if (name === "InvalidPDFException" || name === "UnknownErrorException" || name === "FormatError") {
        return new Error(`qingwen: this file is not a readable PDF (damaged or truncated): ${error.message}`, {
            cause: error,
        });
    }
    return new Error(`qingwen: cannot read this PDF: ${error?.message ?? error}`, { cause: error });
}

/**
 * The positioned text of a PDF, page by page, as `analyzeLayout` reads it.
 *
 * `bytes` is a `Uint8Array` or `ArrayBuffer` (it is copied: pdf.js takes ownership of what it
 * gets). `pdfOptions.pdfjs` is pdf.js itself, already loaded (a page serving its own copy). `pdfOptions.onProgress(done, total)` is called after each page; `pdfOptions.signal`
 * (an `AbortSignal`) stops between pages; `pdfOptions.cMapUrl` / `standardFontDataUrl` point
 * pdf.js at its data files for PDFs that need them (in Node they default to pdfjs-dist's own).
 * Throws an `Error` with a clear message for an encrypted, damaged or truncated file, and for
 * a PDF with no text at all (`NO_TEXT_MESSAGE`).
 */
export async function extractLayout(bytes, pdfOptions = {}) {
    const { onProgress, signal, cMapUrl, standardFontDataUrl } = pdfOptions;
    const data = bytes instanceof ArrayBuffer ? new Uint8Array(bytes.slice(0)) : new Uint8Array(bytes);
    // A page without a bundler passes pdf.js loaded from its own files (and its worker code
    // already imported); everyone else gets pdfjs-dist's legacy build.
    const pdfjs = pdfOptions.pdfjs ?? (await loadPdfjs());
    const dataUrls = await defaultDataUrls();
    const task = pdfjs.getDocument({
        data,
        cMapUrl: cMapUrl ?? dataUrls.cMapUrl,
        cMapPacked: true,
        standardFontDataUrl: standardFontDataUrl ?? dataUrls.standardFontDataUrl,
        useSystemFonts: false,
        isEvalSupported: false,
        disableFontFace: true,
        stopAtErrors: false,
        verbosity: 0,
    });
    let doc;
    try {
        doc = await task.promise;
    } catch (error) {
        throw openError(error);
    }
    try {
        const pages = [];
        let chars = 0;
        for (let n = 1; n <= doc.numPages; n++) {
            if (signal) await yieldToEvents();
            signal?.throwIfAborted();
            const page = await doc.getPage(n);
            const result = await pageLayout(page);
            chars += result.chars;
            pages.push(result.page);
            page.cleanup();
            onProgress?.(n, doc.numPages);
        }
        if (chars === 0) throw new Error(`qingwen: ${NO_TEXT_MESSAGE}`);
        return { pages };
    } catch (error) {
        if (error?.name === "AbortError" || error?.message?.startsWith("qingwen:")) throw error;
        throw openError(error);
    } finally {
        await task.destroy();
    }
}

/**
 * Lets the thread handle its other events between pages: pdf.js in this thread answers in
 * promise callbacks only, so without this a message that would abort the signal (the page's
 * Cancel) waits until the whole file is read. A message to itself queues behind the messages
 * already there (scheduler.yield's continuation may run first; a nested setTimeout is clamped
 * to 4 ms, 2 s over 500 pages).
 */
function yieldToEvents() {
    if (typeof setImmediate === "function") return new Promise((resolve) => setImmediate(resolve));
    return new Promise((resolve) => {
        const { port1, port2 } = new MessageChannel();
        port1.onmessage = () => {
            port1.close();
            resolve();
        };
        port2.postMessage(null);
    });
}

/** One page's text items as positioned runs, top-left origin, in PDF points. */
async function pageLayout(page) {
    const [x0, y0, x1, y1] = page.view;
    const width = Math.abs(x1 - x0);
    const height = Math.abs(y1 - y0);
    const content = await page.getTextContent();
    // The fonts' names (which say Bold/Italic) come with the operator list.
    await page.getOperatorList();
    const fonts = new Map();
    const fontOf = (id) => {
        if (!fonts.has(id)) {
            const font = page.commonObjs.has(id) ? page.commonObjs.get(id) : null;
            const name = typeof font?.name === "string" ? font.name : "";
            fonts.set(id, {
                name,
                bold: Boolean(font?.bold || font?.black) || BOLD_NAME.test(name),
                italic: Boolean(font?.italic) || ITALIC_NAME.test(name),
            });
        }
        return fonts.get(id);
    };
    const lines = [];
    let chars = 0;
    for (const item of content.items) {
        if (typeof item.str !== "string" || item.str.length === 0) continue;
        const [, b, c, d, e, f] = item.transform;
        const size = Math.hypot(c, d);
        if (!(size > 0) || Math.abs(b) > MAX_SKEW * size || Math.abs(c) > MAX_SKEW * size || d < 0) continue;
        const font = fontOf(item.fontName);
        const left = e - x0;
        const top = y1 - f - size;
        lines.push({
            x: left,
            y: top,
            width: item.width,
            height: size,
            fontSize: size,
            bold: font.bold,
            italic: font.italic,
            font: font.name,
            text: item.str,
        });
        chars += item.str.trim().length;
    }
    return { page: { width, height, lines }, chars };
}

/** pdfjs-dist's data folders as file paths, in Node; none elsewhere. */
async function defaultDataUrls() {
    if (typeof process === "undefined" || !process.versions?.node) return {};
    const { createRequire } = await import("node:module");
    const { dirname, join } = await import("node:path");
    const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
    return { cMapUrl: join(root, "cmaps") + "/", standardFontDataUrl: join(root, "standard_fonts") + "/" };
}

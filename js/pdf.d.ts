// qingwen/pdf: PDF bytes → positioned lines (pdf.js) → `analyzeLayout`.

import type { Layout, LayoutAnalysis, Options } from "qingwen";

export type { Dropped, Layout, LayoutAnalysis, LayoutLine, LayoutPage, Place } from "qingwen";

/** The message (after `qingwen: `) of the error thrown for a PDF with no text layer. */
export declare const NO_TEXT_MESSAGE: string;

/** How the PDF is read. */
export interface PdfOptions {
    /** Called after each page with the pages done and the page count. */
    onProgress?: (done: number, total: number) => void;
    /** Stops the extraction between pages (the promise rejects with the signal's reason). */
    signal?: { readonly aborted: boolean; readonly reason?: unknown; throwIfAborted(): void };
    /** Where pdf.js finds its character maps (`pdfjs-dist/cmaps/`); Node finds its own. */
    cMapUrl?: string;
    /** Where pdf.js finds the standard fonts' data (`pdfjs-dist/standard_fonts/`). */
    standardFontDataUrl?: string;
    /**
     * pdf.js itself, already loaded (`import * as pdfjs from "…/pdf.mjs"`, with its
     * `pdf.worker.mjs` imported too), for a page that serves its own copy; by default
     * `pdfjs-dist/legacy/build/pdf.mjs` is imported.
     */
    pdfjs?: unknown;
}

/**
 * The positioned text of a PDF, page by page. Throws an `Error` for an encrypted, damaged or
 * truncated file, and for a PDF with no text (`NO_TEXT_MESSAGE`: a scan would need OCR).
 */
export declare function extractLayout(
    bytes: Uint8Array | ArrayBuffer,
    pdfOptions?: PdfOptions,
): Promise<Layout>;

/** Cleans, outlines and counts the terms of a PDF: `extractLayout`, then `analyzeLayout`. */
export declare function analyzePdf(
    bytes: Uint8Array | ArrayBuffer,
    options?: Options | null,
    pdfOptions?: PdfOptions,
): Promise<LayoutAnalysis>;

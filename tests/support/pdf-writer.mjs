// A small PDF writer for tests and benchmarks: text pages in the standard fonts Helvetica and
// Helvetica-Bold (WinAnsi, so Latin text only), made at run time instead of committing large
// binary files. `bookPdf(pages)` writes a long document with headings, paragraphs and a page
// number on every page (used by tests/browser/pdf-large.test.mjs and bench/pdf.mjs).

/** A4 in points. */
const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;

/**
 * The bytes of a PDF whose pages hold `pages[i].lines`: `{ x, y, size, bold, text }` with `y`
 * the top of the line from the page's top, in points. Text is Latin-1 (WinAnsi) only.
 */
export function makePdf(pages) {
    const objects = []; // object bodies, numbered from 1
    const add = (body) => objects.push(body); // its number
    const catalog = add(null);
    const pageTree = add(null);
    const regular = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    const bold = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
    const kids = [];
    for (const page of pages) {
        const content = page.lines
            .map(({ x, y, size, bold: isBold, text }) => {
                const baseline = PAGE_HEIGHT - y - size;
                return `BT /${isBold ? "F2" : "F1"} ${size} Tf ${x.toFixed(2)} ${baseline.toFixed(2)} Td (${escape(text)}) Tj ET`;
            })
            .join("\n");
        const stream = add(`<< /Length ${latin1Length(content)} >>\nstream\n${content}\nendstream`);
        kids.push(
            add(
                `<< /Type /Page /Parent ${pageTree} 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
                    `/Resources << /Font << /F1 ${regular} 0 R /F2 ${bold} 0 R >> >> /Contents ${stream} 0 R >>`,
            ),
        );
    }
    objects[catalog - 1] = `<< /Type /Catalog /Pages ${pageTree} 0 R >>`;
    objects[pageTree - 1] = `<< /Type /Pages /Kids [${kids.map((n) => `${n} 0 R`).join(" ")}] /Count ${kids.length} >>`;

    let out = "%PDF-1.4\n";
    const offsets = [];
    for (const [i, body] of objects.entries()) {
        offsets.push(latin1Length(out));
        out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    }
    const xref = latin1Length(out);
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
    out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return Uint8Array.from(out, (c) => c.charCodeAt(0) & 0xff);
}

/** A PDF string's text with its delimiters escaped. */
function escape(text) {
    return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** Bytes of a Latin-1 string (one per character). */
function latin1Length(text) {
    return text.length;
}

const WORDS = (
    "river stone lantern harbour meadow orchard signal copper winter garden bridge valley " +
    "market letter window engine compass ledger thread summit island canvas marble quarry " +
    "beacon cedar ferry granite hollow ember linen mirror parcel saddle timber velvet"
).split(" ");

/** Lines of body text per page, 14 pt apart at 10 pt. */
const BODY_LINES = 44;
/** Characters per body line: Helvetica 10 pt averages ~5 pt a character, in 450 pt. */
const LINE_CHARS = 88;

/**
 * A `pages`-page book as PDF bytes: a chapter heading (bold, 16 pt) at the top of every tenth
 * page with a stray "Copy code" under it (a copy label the cleaner removes), paragraphs of justified-looking body text, and "Page N of M" at the foot of each page
 * (page furniture the reader drops). Deterministic: the same count gives the same bytes.
 * Returns `{ bytes, chapters }`, the chapters as `{ title, page }`.
 */
export function bookPdf(pages) {
    let seed = 7;
    const word = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return WORDS[seed % WORDS.length];
    };
    const chapters = [];
    const out = [];
    let lineInParagraph = 0;
    for (let p = 1; p <= pages; p++) {
        const lines = [];
        let y = 72;
        if (p % 10 === 1) {
            const title = `Chapter ${chapters.length + 1}: The ${word()} and the ${word()}`;
            chapters.push({ title, page: p });
            lines.push({ x: 72, y, size: 16, bold: true, text: title });
            // A web page's button label copied with its text: a fix the cleaner makes.
            lines.push({ x: 72, y: y + 22, size: 10, bold: false, text: "Copy code" });
            y += 50;
            lineInParagraph = 0;
        }
        while (y < 72 + BODY_LINES * 14) {
            // Paragraphs of 6 lines: an indented first line, a short last one ending a sentence.
            const first = lineInParagraph === 0;
            const last = lineInParagraph === 5;
            let text = first ? `Section ${p}.${Math.round(y)} opens with the ${word()}` : word();
            const width = last ? LINE_CHARS / 2 : LINE_CHARS - (first ? 4 : 0);
            while (text.length < width) text += ` ${word()}`;
            if (last) text += ".";
            lines.push({ x: first ? 92 : 72, y, size: 10, bold: false, text });
            lineInParagraph = last ? 0 : lineInParagraph + 1;
            y += 14;
        }
        lines.push({ x: 270, y: 800, size: 8, bold: false, text: `Page ${p} of ${pages}` });
        out.push({ lines });
    }
    return { bytes: makePdf(out), chapters };
}

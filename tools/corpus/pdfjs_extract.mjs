// Text as a pdf.js viewer copies it (each page's text items in order, a line break where
// pdf.js marks an end of line, pages one after the other), for a batch of PDFs:
//   node pdfjs_extract.mjs IN1.pdf OUT1.txt [IN2.pdf OUT2.txt ...]
import { readFileSync, writeFileSync } from "node:fs";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

const base = new URL("node_modules/pdfjs-dist/", import.meta.url).pathname;
const args = process.argv.slice(2);
for (let i = 0; i + 1 < args.length; i += 2) {
  const data = new Uint8Array(readFileSync(args[i]));
  const doc = await pdfjs.getDocument({ data, cMapUrl: base + "cmaps/", cMapPacked: true,
    standardFontDataUrl: base + "standard_fonts/", useSystemFonts: false, verbosity: 0 }).promise;
  let out = "";
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const tc = await page.getTextContent();
    for (const it of tc.items) {
      if (!("str" in it)) continue;
      out += it.str;
      if (it.hasEOL) out += "\n";
    }
    if (!out.endsWith("\n")) out += "\n";
  }
  await doc.destroy();
  writeFileSync(args[i + 1], out);
}

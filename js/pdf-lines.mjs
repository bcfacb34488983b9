#!/usr/bin/env node
// qingwen-pdf-lines FILE.pdf: writes the PDF's positioned lines as JSON on stdout, for
// `qingwen analyze --layout -`. Exit status 1 with the reason on stderr when the PDF cannot
// be read (encrypted, damaged, no text layer).
import { readFileSync } from "node:fs";
import { extractLayout } from "./pdf-layout.js";

const [file] = process.argv.slice(2);
if (!file || file === "-h" || file === "--help") {
    process.stderr.write("usage: qingwen-pdf-lines FILE.pdf > layout.json   (FILE - reads stdin)\n");
    process.exit(file ? 0 : 2);
}
try {
    const bytes = readFileSync(file === "-" ? 0 : file);
    const layout = await extractLayout(bytes);
    process.stdout.write(JSON.stringify(layout) + "\n");
} catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
}

// The input panel: the text box (a paste is analyzed at once, typing after a pause), the
// counter, a huge text held outside the textarea, files opened or dropped (.txt, .md,
// .html), and the typed document of a rich paste or an HTML file (html-document.js).

import { $, emit, hooks, on, run, runPdf, setStatus, state, t } from "./app.js";
import { decodeBytes, DecodeError, ENCODING_NAMES } from "./encoding.js";
import { documentText, editDocument, htmlToDocument, prepareHtml } from "./html-document.js";

const TYPING_PAUSE_MS = 700;
/** A text longer than this (UTF-16 units) is kept out of the textarea's layout. */
const HUGE_INPUT = 1_000_000;
/** A paste at least this long (UTF-16 units) is inserted without the browser's editing. */
const BIG_PASTE = 100_000;

const input = $("input");
let typingTimer;
/** The file the input was read from, `{ name, encoding }`, or null. */
let shownFile = null;

const formatting = $("use-formatting");
/** The typed document of the input (a rich paste, an HTML file), or null; `sourceText` is its text. */
let source = null;
let sourceText = "";

on("run", () => clearTimeout(typingTimer));
on("language", () => updateCounter());

/**
 * Replaces the input with `text` (a file, an example, a recent document: a new document, not
 * an edit of the one shown) and analyzes it, unless `analyze` is false. With `document`, a
 * typed document whose text `text` is, that document is analyzed instead.
 */
export function replaceInput(text, { analyze = true, document = null } = {}) {
    setSource(document, text);
    setInput(text);
    checkHuge();
    updateCounter();
    showFileInfo(null);
    emit("text", { fresh: true });
    if (analyze) run();
}

// A PDF's text, read in the Worker, arrives with its analysis (app.js runPdf).
on("pdfText", (text) => replaceInput(text, { analyze: false }));

/**
 * Shows the file the input was read from and its encoding (null: none; omitted: as before),
 * and whether the input is read with its formatting.
 */
function showFileInfo(name, encoding) {
    if (name !== undefined) shownFile = name ? { name, encoding } : null;
    const parts = [];
    if (shownFile) parts.push(t("fileInfo", shownFile.name, ENCODING_NAMES[shownFile.encoding]));
    if (source && formatting.checked) parts.push(t("formattedInfo", source.blocks.length.toLocaleString()));
    $("file-info").hidden = parts.length === 0;
    $("file-info").textContent = parts.join(" · ");
}

/** Shows the "Try an example" button only on an empty text box. */
function showExampleButton() {
    $("example").hidden = inputText() !== "";
}

$("example").addEventListener("click", async () => {
    // The examples are files of the page's own origin, fetched only when asked for.
    try {
        const response = await fetch(new URL(`./examples/${state.lang}.txt`, import.meta.url));
        if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
        replaceInput(await response.text());
    } catch (error) {
        setStatus("error", error.message);
    }
});

/**
 * A text too long for the textarea (over HUGE_INPUT), held here instead, while the textarea
 * is hidden and empty; null when the textarea holds the input. Even hidden, a textarea given a
 * 50 MB value took 0.1 s (11k lines) to 0.5 s (262k lines) in Chromium 156; shown, 6–10 s.
 */
let heldText = null;
const inputText = () => heldText ?? input.value;
hooks.inputText = inputText;

/** Puts `text` in the textarea, or holds it outside if it is huge (unless shown on request). */
function setInput(text) {
    if (text.length > HUGE_INPUT && !$("input-panel").classList.contains("show-huge")) {
        heldText = text;
        input.value = "";
    } else {
        heldText = null;
        input.value = text;
    }
}

function updateCounter() {
    showExampleButton();
    const text = inputText();
    let lines = text ? 1 : 0;
    for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) lines += 1;
    $("counter").textContent = t("counter", grouped(text.length), grouped(lines));
}

/**
 * A count with the locale's digit grouping. Below 1000 there is no group to separate, and the
 * start-up counter (0 characters) skips the first toLocaleString(), which loads the locale's
 * number formats: 30–55 ms of the main thread in a fresh Chromium tab on a busy machine, up to
 * 157 ms in a cold start's profile (bench/startup-trace.mjs --profile), before the page is ready.
 */
function grouped(count) {
    return count < 1000 ? String(count) : count.toLocaleString();
}

/** Keeps a huge text out of the textarea's layout (seconds of main-thread work). */
function checkHuge() {
    const huge = inputText().length > HUGE_INPUT;
    $("input-panel").classList.toggle("huge", huge && !$("input-panel").classList.contains("show-huge"));
    $("huge-note").hidden = !huge;
    if (!huge) $("input-panel").classList.remove("show-huge");
}

$("show-huge").addEventListener("click", () => {
    $("input-panel").classList.add("show-huge");
    if (heldText !== null) {
        input.value = heldText;
        heldText = null;
    }
    checkHuge();
});
$("clear-input").addEventListener("click", () => {
    replaceInput("");
    input.focus();
});

$("analyze").addEventListener("click", run);
let lengthBefore = 0;
input.addEventListener("beforeinput", () => {
    lengthBefore = inputText().length;
});
input.addEventListener("input", (event) => {
    // The textarea is hidden while a text is held; if it has content, that is the input now.
    if (input.value !== "") heldText = null;
    followEdit();
    checkHuge();
    updateCounter();
    showFileInfo(null);
    const whole = event.inputType === "insertFromPaste" || event.inputType === "insertFromDrop";
    emit("text", { fresh: whole && lengthBefore === 0 });
    clearTimeout(typingTimer);
    // A paste or a drop is a whole text: analyze it now. Typing waits for a pause.
    if (event.inputType === "insertFromPaste" || event.inputType === "insertFromDrop") run();
    else typingTimer = setTimeout(run, TYPING_PAUSE_MS);
});
// Chromium's own paste of 50 MB into the textarea is one 12 s main-thread task (editing, and
// laying the text out in the textarea). A long paste is put in by the page instead, giving
// up its undo step (short ones keep theirs); a huge one is held outside the textarea.
input.addEventListener("paste", (event) => {
    if (pasteFormatted(event)) return;
    const text = event.clipboardData?.getData("text/plain") ?? "";
    if (text.length < BIG_PASTE) return;
    event.preventDefault();
    const pasted = text.replace(/\r\n?/g, "\n");
    const { selectionStart: from, selectionEnd: to, value } = input;
    lengthBefore = inputText().length;
    setInput(value.slice(0, from) + pasted + value.slice(to));
    if (heldText === null) input.setSelectionRange(from + pasted.length, from + pasted.length);
    input.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste", bubbles: true }));
});
input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run();
});

/**
 * The text of an HTML document, with line breaks between blocks. DOMParser makes an inert
 * document: no script runs, nothing loads, nothing is shown (Chromium still reports the
 * inline handlers and styles it sees to the console as blocked by the page's CSP).
 */
export function htmlToText(html) {
    // prepareHtml drops style sheets and scripts and renames style and on… attributes, which
    // Chromium would log as blocked by the CSP, and caps the nesting the parser is slow on.
    const doc = new DOMParser().parseFromString(prepareHtml(html), "text/html");
    // Code and style sheets are not text; everything else (SVG and MathML text too) is kept.
    for (const node of doc.querySelectorAll("script, style, template, noscript")) node.remove();
    const BLOCK = /^(P|DIV|H[1-6]|LI|TR|BR|SECTION|ARTICLE|HEADER|FOOTER|BLOCKQUOTE|PRE|UL|OL|TABLE|DD|DT|FIGCAPTION|HR)$/;
    const parts = [];
    const walk = (node) => {
        for (const child of node.childNodes) {
            if (child.nodeType === Node.TEXT_NODE) parts.push(child.nodeValue);
            else if (child.nodeType === Node.ELEMENT_NODE) {
                const block = BLOCK.test(child.nodeName);
                if (block) parts.push("\n");
                walk(child);
                if (block) parts.push("\n");
            }
        }
    };
    walk(doc.body ?? doc);
    return parts.join("").replace(/[ \t]*\n[ \t\n]*\n/g, "\n\n").trim();
}

/**
 * The text of a file, in whichever encoding it is in (encoding.js): `{ text, encoding }`.
 * Shows an error naming the file and the first bad byte, and returns null, if it cannot be read.
 */
export async function readFile(file) {
    try {
        return decodeBytes(new Uint8Array(await file.arrayBuffer()), file.name);
    } catch (error) {
        if (error instanceof DecodeError) setStatus("error", "cannotDecode", error.file, ENCODING_NAMES[error.encoding], error.offset);
        else setStatus("error", "cannotRead", error.message);
        return null;
    }
}

/** Reads `file` (a PDF in the Worker, text and HTML here) into the input and analyzes it. */
export async function loadFile(file) {
    if (/\.pdf$/i.test(file.name) || file.type === "application/pdf") {
        runPdf(file);
        return;
    }
    const read = await readFile(file);
    if (!read) return;
    const isHtml = /\.html?$/i.test(file.name) || file.type === "text/html";
    if (!isHtml) replaceInput(read.text);
    else if (!replaceWithHtml(read.text)) replaceInput(htmlToText(read.text));
    showFileInfo(file.name, read.encoding);
    setStatus("busy", "loadedFile", file.name, ENCODING_NAMES[read.encoding]);
}

$("file").addEventListener("change", (event) => {
    const file = event.target.files?.[0];
    if (file) loadFile(file);
    event.target.value = "";
});
for (const type of ["dragenter", "dragover"]) {
    document.addEventListener(type, (event) => {
        event.preventDefault();
        $("input-panel").classList.add("dragging");
    });
}
document.addEventListener("dragleave", (event) => {
    if (!event.relatedTarget) $("input-panel").classList.remove("dragging");
});
document.addEventListener("drop", (event) => {
    event.preventDefault();
    $("input-panel").classList.remove("dragging");
    const file = event.dataTransfer?.files?.[0];
    if (file) loadFile(file);
});

// ---- the paste's formatting -----------------------------------------------------------
// A paste carrying text/html (a web page, WeChat, Word, WPS, Google Docs) and an .html file
// become a typed document: its blocks' kinds (headings and their levels, list items …) are
// the source's, not guessed from the text. The text box shows the document's text (its
// blocks joined by a blank line), which every fix's range indexes; typing in it edits the
// document (editDocument), and replacing the whole text drops it.

hooks.inputDocument = () => (formatting.checked ? source : null);

function setSource(document, text) {
    source = document;
    sourceText = document ? text : "";
}

/** Whether the coming edit replaces all of the text (select all, then type or paste). */
let replacingAll = false;
input.addEventListener("beforeinput", () => {
    replacingAll = input.value !== "" && input.selectionStart === 0 && input.selectionEnd === input.value.length;
});

/** Keeps the typed document in step with an edit of the text box. */
function followEdit() {
    if (!source) return;
    const now = inputText();
    source = replacingAll ? null : editDocument(source, sourceText, now);
    sourceText = source ? now : "";
    replacingAll = false; // (the page's own insertions have no beforeinput)
}

/** The typed document of the input, whether or not it is used (kept by storage.js with the text). */
export function inputDocument() {
    return source;
}

/** Whether pastes and .html files are read with their formatting (kept by storage.js). */
export function useFormatting() {
    return formatting.checked;
}

/** Sets the switch (on unless `on` is false: on by default). */
export function setUseFormatting(on) {
    formatting.checked = on !== false;
}

/** Replaces the input with the typed document of `html`; false (and nothing done) if it has no text. */
function replaceWithHtml(html) {
    if (!formatting.checked) return false;
    const document = htmlToDocument(html);
    if (document.blocks.length === 0) return false;
    replaceInput(documentText(document), { document });
    return true;
}

/**
 * Takes a paste that carries text/html and replaces the whole input (an empty box, or all of
 * it selected) as a typed document; returns whether it did. A paste into a part of the text
 * is left to the browser (its plain text), as is one whose HTML has no text.
 */
function pasteFormatted(event) {
    const data = event.clipboardData;
    if (!formatting.checked || !data?.types.includes("text/html")) return false;
    const whole = heldText === null && input.selectionStart === 0 && input.selectionEnd === input.value.length;
    if (!whole) return false;
    lengthBefore = inputText().length;
    if (!replaceWithHtml(data.getData("text/html"))) return false;
    event.preventDefault();
    return true;
}

formatting.addEventListener("change", () => {
    emit("formatting");
    showFileInfo();
    if (source) run();
});
on("language", () => {
    $("use-formatting-label").title = t("useFormattingHint");
    showFileInfo();
});

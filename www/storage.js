// Nothing lost: the input, the fixes undone in it and the options are kept in this browser's
// IndexedDB (never sent anywhere) and come back after a reload or a crash; the last few
// documents are listed to reopen; "Forget everything" deletes all of it.

import { $, contentLang, el, hooks, on, run, setStatus, state, t } from "./app.js";
import { disabledFamilyNames, setDisabledFamilies, setRejected } from "./cleaned.js";
import { documentText } from "./html-document.js";
import { inputDocument, replaceInput, setUseFormatting, useFormatting } from "./input.js";
import { setTermSettings, termSettings } from "./terms.js";

/**
 * Texts longer than this (UTF-16 units) are not kept. IndexedDB stores a string as UTF-16,
 * so this is 10 MB per document, and the save (a structured clone on the main thread) of a
 * text this long took ~20 ms in Chromium on the development machine: longer ones would make
 * every save a noticeable pause.
 */
export const KEEP_LIMIT = 5_000_000;
/** How many documents the recent list keeps; older ones are deleted. */
const RECENT_DOCUMENTS = 8;
/** Saving waits for this long a pause in the changes. */
const SAVE_PAUSE_MS = 300;
const DB_NAME = "qingwen";
const TITLE_CHARS = 60;

let db = null; // the open database, or null if this browser has none (private mode, file:)
let currentId = null; // the document shown, once kept
let saveTimer;
let restoring = false;

function open() {
    return new Promise((resolve, reject) => {
        const request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = () => {
            request.result.createObjectStore("documents", { keyPath: "id", autoIncrement: true });
            request.result.createObjectStore("settings");
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
        request.onblocked = () => reject(new Error("the database is in use by another tab"));
    });
}

/** Runs `fn(stores)` in one transaction; resolves to what it returns once the transaction is done. */
function transaction(mode, fn) {
    return new Promise((resolve, reject) => {
        const tx = db.transaction(["documents", "settings"], mode);
        let result;
        Promise.resolve(fn({ documents: tx.objectStore("documents"), settings: tx.objectStore("settings") })).then((value) => (result = value), reject);
        tx.oncomplete = () => resolve(result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new Error("aborted"));
    });
}

const ask = (request) => new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
});

function titleOf(text) {
    const line = text.trim().split("\n", 1)[0].trim();
    return line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS)}…` : line;
}

function settingsNow() {
    return { terms: termSettings(), disabledFamilies: disabledFamilyNames(), useFormatting: useFormatting() };
}

let saves = 0;
/** Counts the saves made and says whether one is pending, on the "kept" line (for the tests). */
function markSaves(pending) {
    $("kept").dataset.saves = String(saves);
    $("kept").dataset.pending = String(pending);
}

/** Keeps the input, its undone fixes and the options now. */
async function save() {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    try {
        await saveNow();
    } finally {
        saves += 1;
        markSaves(saveTimer !== undefined);
    }
}

async function saveNow() {
    if (!db || restoring) return;
    const text = hooks.inputText();
    const settings = settingsNow();
    try {
        if (!text.trim()) {
            currentId = null;
            await transaction("readwrite", ({ settings: store }) => {
                store.put(settings, "options");
                store.put(null, "current");
            });
            showKept("");
            return;
        }
        if (text.length > KEEP_LIMIT) {
            await transaction("readwrite", ({ settings: store }) => {
                store.put(settings, "options");
                store.put(null, "current");
            });
            currentId = null;
            showKept(t("tooLargeToKeep", KEEP_LIMIT.toLocaleString()), "too-large");
            return;
        }
        const doc = { title: titleOf(text), saved: Date.now(), size: text.length, text, rejected: state.rejected };
        // The typed document of a rich paste or an HTML file, whose text `text` is.
        const source = inputDocument();
        if (source) doc.document = source;
        if (currentId !== null) doc.id = currentId;
        currentId = await transaction("readwrite", async ({ documents, settings: store }) => {
            const id = await ask(documents.put(doc));
            store.put(settings, "options");
            store.put(id, "current");
            // keep the newest RECENT_DOCUMENTS
            const keys = await ask(documents.getAllKeys());
            for (const old of keys.slice(0, Math.max(0, keys.length - RECENT_DOCUMENTS))) documents.delete(old);
            return id;
        });
        showKept(t("kept"), "kept");
        await showRecent();
    } catch (error) {
        showKept(t("cannotKeep", error.message), "error");
    }
}

function saveSoon() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, SAVE_PAUSE_MS);
    markSaves(true);
}

function showKept(message, kind = "") {
    $("kept").textContent = message;
    $("kept").dataset.state = kind;
}

async function showRecent() {
    if (!db) return;
    const docs = await transaction("readonly", ({ documents }) => ask(documents.getAll()));
    docs.sort((a, b) => b.saved - a.saved);
    $("recent").hidden = docs.length === 0;
    $("recent-list").replaceChildren(
        ...docs.map((doc) =>
            el("li", { dataset: { testid: "recent-item", current: doc.id === currentId ? "true" : "false" } },
                el("button", { type: "button", lang: contentLang(doc.title || ""), text: doc.title || "…", onclick: () => reopen(doc.id) }),
                el("span", { class: "recent-meta", text: `${new Date(doc.saved).toLocaleString(state.lang === "zh" ? "zh-CN" : "en")} · ${t("recentItem", doc.size.toLocaleString())}` }),
            )
        ),
    );
}

/** Shows a kept document again, with its undone fixes. */
async function reopen(id, { analyze = true } = {}) {
    const doc = await transaction("readonly", ({ documents }) => ask(documents.get(id)));
    if (!doc) return false;
    restoring = true;
    try {
        const source = doc.document && documentText(doc.document) === doc.text ? doc.document : null;
        replaceInput(doc.text, { analyze: false, document: source });
        setRejected(doc.rejected);
        currentId = doc.id;
    } finally {
        restoring = false;
    }
    if (analyze) run();
    await showRecent();
    return true;
}

/** Opens the database and puts back what was kept: the options, then the last document. */
export async function restore() {
    if (!globalThis.indexedDB) return;
    try {
        db = await open();
    } catch (error) {
        db = null;
        showKept(t("cannotKeep", error.message), "error");
        return;
    }
    try {
        const [options, current] = await transaction("readonly", ({ settings }) => Promise.all([ask(settings.get("options")), ask(settings.get("current"))]));
        if (options) {
            setTermSettings(options.terms);
            setDisabledFamilies(options.disabledFamilies);
            setUseFormatting(options.useFormatting);
        }
        if (current !== null && current !== undefined && !hooks.inputText()) {
            if (await reopen(current, { analyze: false })) {
                showKept(t("kept"), "kept");
                run();
            }
        }
        await showRecent();
    } catch (error) {
        showKept(t("cannotKeep", error.message), "error");
    }
}

/** Deletes everything kept, and puts the page back as on a first visit. */
async function forget() {
    clearTimeout(saveTimer);
    db?.close();
    db = null;
    await new Promise((resolve) => {
        const request = indexedDB.deleteDatabase(DB_NAME);
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
    for (const key of Object.keys(localStorage)) if (key.startsWith("qingwen")) localStorage.removeItem(key);
    currentId = null;
    restoring = true;
    try {
        setTermSettings({});
        setDisabledFamilies([]);
        setUseFormatting(true);
        replaceInput("", { analyze: false });
        setRejected([]);
    } finally {
        restoring = false;
    }
    run();
    $("recent-list").replaceChildren();
    $("recent").hidden = true;
    db = await open().catch(() => null);
    showKept(t("forgotten"), "forgotten");
    setStatus("ready", "forgotten");
}

on("text", ({ fresh }) => {
    if (fresh && !restoring) currentId = null;
});
on("run", saveSoon);
on("rejected", saveSoon);
on("formatting", saveSoon);
on("language", () => showRecent().catch(() => {}));
$("forget").addEventListener("click", forget);
// A tab closed or put away: keep what is pending now.
addEventListener("pagehide", () => saveTimer && save());
document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden" && saveTimer) save();
});

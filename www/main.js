// The page: the panels render what the Worker (worker.js, driven by app.js) sends back.
// Everything that comes from the user's text is rendered with textContent or as SVG text
// nodes, never parsed as markup (tests/browser/safety.test.mjs greps for the ways to do so).
//
//   app.js      state, language, status line, the Worker
//   input.js    the text box, files opened or dropped
//   cleaned.js  the fixes, the cleaned text, the original, exports
//   outline.js  title, byline …, headings
//   terms.js    terms, chart, keywords, phrases, sections, cloud, KWIC, term options
//   storage.js  the text, undone fixes and options kept on the device; recent documents
//   encoding.js bytes of a file → text (UTF-8, UTF-16, GB18030, Big5)
//   corpus.js   many documents: the corpus tables (loaded when its panel is first opened)
//   pool.js     the Workers that analyse the corpus's documents side by side

import { applyLanguage, on, setStatus, startWorker } from "./app.js";
import "./input.js";
import "./cleaned.js";
import "./outline.js";
import "./terms.js";
import { restore } from "./storage.js";

// A copy of the page's own files for reopening it fast and offline (sw.js); optional. Made once
// the Worker's dictionary is built ("warm"), not at "ready": its first copy downloads every
// file again, and a repeat visit's refresh asks for each once more, which slowed the start and
// then the dictionary's build, which a first paste waits for (bench/startup.mjs, 15 runs: the
// dictionary built 86 ms sooner on a first visit, 48 ms on a repeat one).
// (Listened for before the Worker is taken over: it may be warm already.)
let registered = false;
on("warm", () => {
    if (registered || !("serviceWorker" in navigator) || location.protocol === "file:") return;
    registered = true;
    navigator.serviceWorker.register("./sw.js").catch(() => {});
    // The copy this page came from is brought up to date now, not while the page started.
    navigator.serviceWorker.controller?.postMessage("refresh");
});

// The word cloud's script (vendor/wordcloud2.js, 38 KB; terms.js draws no cloud until it is
// there) is needed once a result is shown, not to start: in <head> it ran before the modules
// (15 ms of the main thread in a trace of a repeat visit on a busy machine). Loaded once the
// dictionary is built, as the copy above, so that it does not slow that down.
on("warm", () => {
    if (document.getElementById("wordcloud-script")) return;
    const script = document.createElement("script");
    script.id = "wordcloud-script";
    script.src = "vendor/wordcloud2.js";
    document.head.append(script);
});

// The corpus view is loaded when its panel is first opened: it costs the start nothing.
document.getElementById("corpus").addEventListener("toggle", () => import("./corpus.js"), { once: true });

applyLanguage();
setStatus("loading", "loading");
startWorker();
restore();

// The CommonJS side: `require("qingwen")` resolves (through the `require` condition) to
// node.cjs and its .d.cts, which must type everything as well.

import qingwen = require("qingwen");
import type { Analysis, Options } from "qingwen";

const options: Options = qingwen.defaultOptions();
const analysis: Analysis = qingwen.analyze("清文 qingwen", options);
const init: (input?: { module_or_path: qingwen.InitInput }) => Promise<void> = qingwen.default;
qingwen.initSync({ module: new Uint8Array() });

const markdown: string = qingwen.renderMarkdown(analysis);
const hits: qingwen.Concordance[] = qingwen.concordance(analysis.cleaned, "清文");

export = { terms: analysis.terms.map((term) => term.term), init, markdown, hits };

// The CommonJS declarations (index.d.cts) without the DOM lib.
import qingwen = require("qingwen");

const analysis: qingwen.Analysis = qingwen.analyze("清文 qingwen");
const input: qingwen.InitInput = new Uint8Array(8);
qingwen.initSync({ module: input as Uint8Array });

export = { terms: analysis.terms.map((term) => term.term) };

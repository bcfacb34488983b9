// The page's files as served, without a browser: its one inline script (www/index.html, which
// starts the Worker before any script request) is allowed by hash, in the page's <meta> CSP and
// in the header scripts/static-server.mjs sends; an edit of the script that leaves a hash
// behind would have the browser refuse to run it.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { CONTENT_SECURITY_POLICY, INLINE_SCRIPT_HASH } from "../../scripts/static-server.mjs";

const html = readFileSync(new URL("../../www/index.html", import.meta.url), "utf8");

/** The text of each inline <script> (no src attribute) of the page. */
const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);

/** The CSP source expression for `text`'s SHA-256, as the browser computes it (UTF-8). */
const hashSource = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

const metaPolicy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)?.[1];

/** The sources of `directive` in `policy`. */
function sources(policy, directive) {
    const found = policy.split(";").map((part) => part.trim().split(/\s+/)).find(([name]) => name === directive);
    assert.ok(found, `${directive} in ${policy}`);
    return found.slice(1);
}

test("the page has one inline script, and both CSPs allow exactly it by hash", () => {
    assert.equal(inlineScripts.length, 1, "one inline script (the Worker's start)");
    const expected = hashSource(inlineScripts[0]);
    assert.equal(INLINE_SCRIPT_HASH, expected, "scripts/static-server.mjs's INLINE_SCRIPT_HASH is the script's");
    assert.ok(metaPolicy, "index.html has a CSP <meta>");
    for (const [name, policy] of [["<meta>", metaPolicy], ["header", CONTENT_SECURITY_POLICY]]) {
        const script = sources(policy, "script-src");
        assert.ok(script.includes(expected), `${name} script-src allows the inline script: ${script.join(" ")}`);
        assert.ok(!script.includes("'unsafe-inline'"), `${name} allows no other inline script`);
        assert.deepEqual(script.filter((source) => source.startsWith("'sha")), [expected], `${name}: no stale hash`);
    }
});

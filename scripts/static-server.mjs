// A small static file server for the page: the right MIME types (application/wasm for
// compileStreaming), the page's Content-Security-Policy as a header (it also governs the
// module Worker, which the page's <meta> tag does not), and caching that is always fresh yet
// lets a repeat visit reuse what the browser kept: `Cache-Control: no-cache` with an ETag, so
// every use is revalidated (304 Not Modified when unchanged) and Chromium's cache of compiled
// WebAssembly and JavaScript code, which hangs off the HTTP cache entry, survives. Node
// standard library only.
//
//   node scripts/static-server.mjs [--root www] [--port 8080] [--host 127.0.0.1]
//
// Tests import `startServer` and listen on port 0 (a free port).

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The hash of the page's one inline script (www/index.html: it starts the Worker without a
 * request of its own), which the page's <meta> CSP allows too; tests/node/page.test.mjs checks
 * that both name the script as it is.
 */
export const INLINE_SCRIPT_HASH = "'sha256-Xfk5+8sLFuZQn6S1q0e23GfGpIqtpBGuOb8mGSSfLho='";

export const CONTENT_SECURITY_POLICY = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${INLINE_SCRIPT_HASH}`,
    "connect-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
].join("; ");

const TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".wasm": "application/wasm",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".ts": "text/plain; charset=utf-8",
};

/**
 * Serves `root` on `host:port` (port 0 picks a free one). Resolves to `{ server, url }` once
 * listening. Symlinks inside `root` are followed (www/pkg links to the built package).
 */
export function startServer({ root, port = 8080, host = "127.0.0.1" } = {}) {
    const base = resolve(root);
    const server = createServer((request, response) => {
        serve(base, request, response).catch((error) => {
            if (!response.headersSent) send(response, 500, `internal error: ${error.message}`);
            else response.destroy();
        });
    });
    return new Promise((resolvePromise, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
            const { port: actual } = server.address();
            resolvePromise({ server, url: `http://${host}:${actual}/` });
        });
    });
}

async function serve(base, request, response) {
    if (request.method !== "GET" && request.method !== "HEAD") {
        response.setHeader("Allow", "GET, HEAD");
        return send(response, 405, "method not allowed");
    }
    let path;
    try {
        path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    } catch {
        return send(response, 400, "bad request");
    }
    // Refuse anything that could climb out of the root.
    if (path.includes("\0") || path.split("/").some((part) => part === "..")) {
        return send(response, 400, "bad request");
    }
    let file = join(base, path);
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
        file = join(file, "index.html");
        info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) return send(response, 404, "not found");

    // A weak validator from the file's size and modification time: cheap, and it changes
    // whenever the file is rebuilt.
    const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const headers = {
        ...securityHeaders(),
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        ETag: etag,
        "Last-Modified": info.mtime.toUTCString(),
    };
    const tags = request.headers["if-none-match"];
    if (tags && tags.split(",").some((tag) => tag.trim() === etag || tag.trim() === "*")) {
        response.writeHead(304, headers);
        return response.end();
    }
    response.writeHead(200, { ...headers, "Content-Length": info.size });
    if (request.method === "HEAD") return response.end();
    createReadStream(file).pipe(response);
}

function securityHeaders() {
    return {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    };
}

function send(response, status, message) {
    response.writeHead(status, {
        ...securityHeaders(),
        "Content-Type": "text/plain; charset=utf-8",
    });
    response.end(`${message}\n`);
}

function option(args, name, fallback) {
    const at = args.indexOf(`--${name}`);
    return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const args = process.argv.slice(2);
    const root = option(args, "root", "www");
    const port = Number(option(args, "port", "8080"));
    const host = option(args, "host", "127.0.0.1");
    startServer({ root, port, host }).then(
        ({ url }) => console.log(`qingwen: serving ${root}/ on ${url}  (Ctrl-C to stop)`),
        (error) => {
            console.error(`qingwen: cannot serve on ${host}:${port}: ${error.message}`);
            process.exit(1);
        },
    );
}

"use client";
// A client component: the same static import, run in the browser after `await init()`.
import init, { analyze } from "qingwen";
import { useEffect, useState } from "react";

import { TEXT, summary } from "./text.js";

export default function InBrowser() {
    const [result, setResult] = useState("");
    useEffect(() => {
        init().then(
            () => setResult(JSON.stringify(summary(analyze(TEXT)))),
            (error) => setResult(JSON.stringify({ error: String(error) })),
        );
    }, []);
    return <output id="result">{result}</output>;
}

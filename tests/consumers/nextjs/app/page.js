// A server component: a plain static import, and analyze() called while rendering (at
// `next build`, which prerenders this page, on the server).
import { analyze } from "qingwen";

import InBrowser from "./in-browser.js";
import { TEXT, summary } from "./text.js";

export default function Page() {
    return (
        <main>
            <output id="server">{JSON.stringify(summary(analyze(TEXT)))}</output>
            <InBrowser />
        </main>
    );
}

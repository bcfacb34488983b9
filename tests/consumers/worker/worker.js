// A module worker: import the package, await init() once, analyze each message.
import init, { analyze } from "./node_modules/qingwen/index.js";

const ready = init();
self.onmessage = async ({ data }) => {
    try {
        await ready;
        self.postMessage(analyze(data));
    } catch (error) {
        self.postMessage({ error: String(error) });
    }
};

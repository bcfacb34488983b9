// A pool of module Workers (pool-worker.js), each its own instance of the WebAssembly module
// with its own dictionary, that run tasks side by side: the corpus view's documents, one per
// task (the page's main thread hands them out), and the parts of a large paste (the page's
// Worker, worker.js, hands them out: see its runInParts). No DOM.
//
// Memory: each Worker holds one instance of the module (its linear memory starts at the
// dictionary and the tables built from it, 34 MB once warm, measured by bench/pool.mjs) plus
// what the task in hand needs; MAX_WORKERS bounds the sum.

/**
 * The most Workers a pool starts, whatever `navigator.hardwareConcurrency` says: every Worker
 * costs its own copy of the dictionary, and past 4 the corpus view is bound by reading files
 * and by the one Worker that keeps the corpus, not by analysis.
 */
export const MAX_WORKERS = 4;

/** How many Workers a pool has on this device: its cores, at most MAX_WORKERS. */
export function poolSize() {
    return Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 1));
}

/** The module compiled once for every pool (null where it cannot be: each Worker fetches it). */
let compiled = null;
function compiledModule() {
    compiled ??=
        typeof WebAssembly.compileStreaming === "function"
            ? WebAssembly.compileStreaming(fetch(new URL("./pkg/qingwen_bg.wasm", import.meta.url))).catch(() => null)
            : Promise.resolve(null);
    return compiled;
}

/** An error of a task whose pool was terminated (cancelled). */
export class PoolTerminated extends Error {
    constructor() {
        super("the pool was terminated");
        this.name = "PoolTerminated";
    }
}

/** Workers that take tasks in the order given, each a message answered by one message. */
export class WorkerPool {
    /**
     * A pool of `size` Workers (started on the first task). `module`, a compiled
     * WebAssembly.Module, is given to each Worker as it starts (a Worker whose parent is busy
     * then need not wait for the parent to compile or fetch it).
     */
    constructor(size = poolSize(), { module = null } = {}) {
        this.size = size;
        this.module = module;
        this.workers = [];
        this.queue = [];
        this.nextId = 0;
        this.terminated = false;
    }

    /**
     * Runs `message` on the first free Worker; resolves to its answer (`{ type, id, … }`),
     * rejects with its error message, or with PoolTerminated if the pool is terminated first.
     */
    run(message, transfer = []) {
        if (this.terminated) return Promise.reject(new PoolTerminated());
        return new Promise((resolve, reject) => {
            this.queue.push({ message: { ...message, id: (this.nextId += 1) }, transfer, resolve, reject });
            this.#dispatch();
        });
    }

    /** Stops every Worker at once (a task in hand is abandoned); pending tasks reject. */
    terminate() {
        this.terminated = true;
        for (const slot of this.workers) {
            slot.worker.terminate();
            slot.task?.reject(new PoolTerminated());
        }
        for (const task of this.queue) task.reject(new PoolTerminated());
        this.workers = [];
        this.queue = [];
    }

    #dispatch() {
        while (this.queue.length) {
            let slot = this.workers.find((candidate) => !candidate.task);
            if (!slot && this.workers.length < this.size) slot = this.#start();
            if (!slot) return;
            slot.task = this.queue.shift();
            slot.worker.postMessage(slot.task.message, slot.task.transfer);
        }
    }

    #start() {
        const worker = new Worker(new URL("./pool-worker.js", import.meta.url), { type: "module" });
        const slot = { worker, task: null };
        if (this.module) worker.postMessage({ type: "module", module: this.module });
        else compiledModule().then((module) => worker.postMessage({ type: "module", module }));
        worker.addEventListener("message", ({ data }) => {
            const task = slot.task;
            if (!task || data.id !== task.message.id) {
                if (data.type === "fatal") this.#fail(slot, data.message);
                return;
            }
            slot.task = null;
            if (data.type === "error") task.reject(new Error(data.message));
            else task.resolve(data);
            this.#dispatch();
        });
        worker.addEventListener("error", (event) => this.#fail(slot, event.message || "the Worker stopped"));
        this.workers.push(slot);
        return slot;
    }

    /** A Worker that cannot run: its task and every queued one fail with `message`. */
    #fail(slot, message) {
        slot.task?.reject(new Error(message));
        slot.task = null;
        for (const task of this.queue) task.reject(new Error(message));
        this.queue = [];
    }
}

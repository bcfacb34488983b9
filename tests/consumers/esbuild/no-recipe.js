// esbuild without the recipe: the .wasm is not emitted (an ES module bundle fetches a 404) or
// cannot even be located (an IIFE has no import.meta.url). init() must say how to pass it.
import init from "qingwen";

init().then(
    () => {
        document.getElementById("result").textContent = JSON.stringify({ loaded: true });
    },
    (error) => {
        document.getElementById("result").textContent = JSON.stringify({ error: error.message });
    },
);

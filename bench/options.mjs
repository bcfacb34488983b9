// Command-line options of the benchmarks.

/**
 * The value after `name` in `args` (`--runs 5` → "5"), or `fallback` when `name` is absent.
 * The pair is removed from `args`, so what remains are the positional arguments.
 */
export function takeOption(args, name, fallback) {
    const at = args.indexOf(name);
    if (at === -1) return fallback;
    const [value] = args.splice(at, 2).slice(1);
    return value;
}

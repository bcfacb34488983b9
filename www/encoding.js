// Bytes of a text file → its text and the encoding it was read in: UTF-8 (with or without a
// BOM), UTF-16 LE/BE with a BOM, GB18030 (and so GBK and GB2312) and Big5, with the browser's
// own decoders (TextDecoder, always `fatal`: a byte that does not decode is an error naming
// where it is, never a silent U+FFFD). No DOM: runs in the page, a worker or Node.

/** Encodings a file is tried in, as TextDecoder labels, with the names shown to the user. */
export const ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-16le": "UTF-16 LE",
    "utf-16be": "UTF-16 BE",
    gb18030: "GB18030/GBK",
    big5: "Big5",
};

/**
 * A legacy decoding (GB18030 or Big5) is taken only if at least this share of its non-ASCII
 * characters are common (see `plausibility`). Correct decodings of Chinese text score 0.97 and
 * more (GB2312's first level alone covers ~99.7% of modern simplified text, Big5's frequent
 * characters ~99% of traditional text); the other legacy decoding of the same bytes scored
 * 0.51–0.58 (GBK text read as Big5: the sample and www/examples/zh.txt) and 0.22–0.30 (Big5 text
 * read as GB18030), tested by tests/browser/daily.test.mjs.
 */
export const MIN_PLAUSIBILITY = 0.8;

/** How much of a long text (UTF-16 units) `plausibility` looks at: enough to tell, and quick on a 50 MB file. */
const PLAUSIBILITY_SAMPLE = 100_000;

/** A file whose bytes do not decode: `offset` is the byte where the first bad sequence starts. */
export class DecodeError extends Error {
    constructor(name, encoding, offset) {
        super(`${name}: not readable as ${ENCODING_NAMES[encoding] ?? encoding}: invalid bytes at byte ${offset}`);
        this.name = "DecodeError";
        this.file = name;
        this.encoding = encoding;
        this.offset = offset;
    }
}

/**
 * Decodes the bytes of file `name`. A BOM decides (UTF-8, UTF-16 LE, UTF-16 BE); otherwise
 * UTF-8 if it is valid, otherwise the more plausible of GB18030 and Big5 (see `plausibility`)
 * if it is plausible enough. Returns `{ text, encoding }` (a key of ENCODING_NAMES; the BOM is
 * not part of the text). Throws a DecodeError naming the file and the first bad byte.
 */
export function decodeBytes(bytes, name = "file") {
    const bom = bomOf(bytes);
    if (bom) return { text: decodeOrThrow(bytes, bom, name), encoding: bom };
    const utf8 = tryDecode(bytes, "utf-8");
    if (utf8 !== null) return { text: utf8, encoding: "utf-8" };
    let best = null;
    for (const encoding of ["gb18030", "big5"]) {
        const text = tryDecode(bytes, encoding);
        if (text === null) continue;
        const score = plausibility(text.slice(0, PLAUSIBILITY_SAMPLE));
        if (!best || score > best.score) best = { text, encoding, score };
    }
    if (best && best.score >= MIN_PLAUSIBILITY) return { text: best.text, encoding: best.encoding };
    // Most files that are neither are UTF-8 with a damaged byte: say where.
    throw new DecodeError(name, "utf-8", firstBadByte(bytes, "utf-8"));
}

function bomOf(bytes) {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
    return null;
}

function tryDecode(bytes, encoding) {
    try {
        return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
        return null;
    }
}

function decodeOrThrow(bytes, encoding, name) {
    const text = tryDecode(bytes, encoding);
    if (text === null) throw new DecodeError(name, encoding, firstBadByte(bytes, encoding));
    return text;
}

/**
 * The offset of the first byte sequence that does not decode in `encoding`. The longest
 * prefix that decodes as a stream (an unfinished sequence at its end is allowed) is found by
 * bisection; the bad sequence starts at the last offset before it up to which the bytes decode
 * whole.
 */
export function firstBadByte(bytes, encoding) {
    const decodes = (end, stream) => {
        try {
            new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes.subarray(0, end), { stream });
            return true;
        } catch {
            return false;
        }
    };
    let lo = 0; // decodes as a stream
    let hi = bytes.length; // assumed not to decode whole
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (decodes(mid, true)) lo = mid;
        else hi = mid - 1;
    }
    // The sequences of these encodings are at most 4 bytes long.
    for (let start = lo; start >= Math.max(0, lo - 4); start--) {
        if (decodes(start, false)) return start;
    }
    return lo;
}

let common = null;
/**
 * The characters counted as common: GB2312's first-level hanzi (bytes B0A1–D7F9, the 3,755
 * most used simplified characters), Big5's frequently used hanzi (A440–C67E, 5,401 traditional
 * characters), both read through the browser's own decoders, and CJK and fullwidth punctuation.
 */
function commonCharacters() {
    if (common) return common;
    const bytes = [];
    for (let lead = 0xb0; lead <= 0xd7; lead++) for (let trail = 0xa1; trail <= 0xfe; trail++) bytes.push(lead, trail);
    const gb = new TextDecoder("gb18030").decode(new Uint8Array(bytes));
    bytes.length = 0;
    for (let lead = 0xa4; lead <= 0xc6; lead++) {
        for (const [from, to] of [[0x40, 0x7e], [0xa1, 0xfe]]) {
            for (let trail = from; trail <= to; trail++) {
                if (lead === 0xc6 && trail > 0x7e) break; // the frequent characters end at C67E
                bytes.push(lead, trail);
            }
        }
    }
    const big5 = new TextDecoder("big5").decode(new Uint8Array(bytes));
    common = new Set([...gb, ...big5].filter((c) => c !== "\ufffd"));
    return common;
}

/**
 * How plausible a decoding is as Chinese text: the share of its non-ASCII characters that are
 * common (see `commonCharacters`) or CJK/fullwidth/general punctuation; 1 for a text with no
 * non-ASCII characters. Reading bytes in the wrong legacy encoding gives kana, Cyrillic,
 * box-drawing, private-use and rare characters, which score low.
 */
export function plausibility(text) {
    const set = commonCharacters();
    let other = 0;
    let hits = 0;
    for (const c of text) {
        const code = c.codePointAt(0);
        if (code < 0x80) continue;
        other += 1;
        if (set.has(c) || (code >= 0x3000 && code <= 0x303f) || (code >= 0xff00 && code <= 0xffef) || (code >= 0x2000 && code <= 0x206f)) hits += 1;
    }
    return other === 0 ? 1 : hits / other;
}

export const TEXT = "清文：清理从 PDF 复制的文字。\n\n一、背景\n\n清文在本机运行。";

/** The part of an analysis every consumer test compares. */
export function summary(analysis) {
    return {
        cleaned: analysis.cleaned,
        blocks: analysis.blocks.length,
        terms: analysis.terms.map((term) => term.term),
    };
}

// How much of a result the page shows, shared by the page (main.js) and the Worker
// (worker.js), which sends no more than the page shows.

/** Cleaned texts longer than this (UTF-16 units) are shown in part; the downloads are whole. */
export const DISPLAY_LIMIT = 400_000;
/** At most this many fixes are highlighted. */
export const MARK_LIMIT = 4_000;
/** The sections table shows this many sections, then the rest summed. */
export const SECTION_COLUMNS = 30;
/** The outline shows at most this many nodes. */
export const OUTLINE_LIMIT = 1_500;

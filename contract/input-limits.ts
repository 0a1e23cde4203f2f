// Bounds on what people type, as plain values: the API's schemas enforce them and the console
// imports them at run time (counters, date pickers) without bundling zod.

/** The longest comment in a task's thread. */
export const TASK_COMMENT_MAX = 4000;
/** The longest decision comment (驳回 / 同意 意见). */
export const DECISION_COMMENT_MAX = 2000;

/** Years a day typed into a filter may name (the inbox's 截止 filter); beyond them it is a slip (9999-12-31). */
export const FILTER_YEARS = { min: 2000, max: 2100 } as const;

/** Saved inbox views (/api/views): a name's length and how many one person keeps. */
export const VIEW_NAME_MAX = 40;
export const VIEWS_PER_USER_MAX = 50;

/** Master-data imports (issue 14): a file is small; anything larger is a mistake or an attack. */
export const IMPORT_MAX_BYTES = 1024 * 1024;
export const IMPORT_MAX_ROWS = 2000;

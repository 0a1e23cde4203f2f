// China has had no daylight saving time since 1991: Asia/Shanghai is always UTC+8. Business days,
// record numbers and what customers read are all in China time, whatever the server's zone.
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The calendar day (YYYY-MM-DD) it is in Asia/Shanghai at `at`. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The time it is in Asia/Shanghai at `at`, to the minute: 2026-12-02 21:37 (what people there read). */
export function shanghaiDateTime(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})\b/g;

/**
 * Every ISO date-time in `text` as people read it: China time, to the minute (2026-11-27 09:30).
 * For texts a diagram builds from variables (notices to customers and staff), which FEEL joins as ISO.
 */
export function inChinaTime(text: string): string {
  return text.replace(ISO_INSTANT, (iso) => {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return iso;
    return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
  });
}

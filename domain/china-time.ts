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

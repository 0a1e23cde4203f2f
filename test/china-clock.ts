import { shanghaiDate } from '../domain/china-time';

// China's calendar for tests that run on real clocks (CI runs at any hour: from 16:00 to 24:00 UTC
// China's date is UTC's + 1, and China's midnight may pass while a test runs). What the product
// derives from "today in China" — a number's month, days overdue, a deadline's day — is read on the
// product's clock at a moment the test cannot see, but the test can read its own clock before and
// after: the product's reading lies between, so its "today" is China's day at one of the two.

const DAY_MS = 86_400_000;

/** China's calendar day (YYYY-MM-DD) at `ms`, `offsetDays` later. */
export const chinaDay = (ms: number = Date.now(), offsetDays = 0): string => shanghaiDate(new Date(ms + offsetDays * DAY_MS));

/** The calendar day `n` days after `day` (YYYY-MM-DD). */
export const plusDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** China's month (YYYY-MM) at `ms`. */
export const chinaMonth = (ms: number = Date.now()): string => chinaDay(ms).slice(0, 7);

/**
 * What the product may have derived from China's today when it read its clock between the test's
 * readings `fromMs` and `toMs`: `f` of China's day at each, one value, two when China's midnight passed
 * in between. For `expect(x).toBeOneOf(...)` / `expect.toBeOneOf(...)`.
 */
export function betweenChinaDays<T>(fromMs: number, toMs: number, f: (chinaToday: string) => T): T[] {
  return [...new Set([f(chinaDay(fromMs)), f(chinaDay(toMs))])];
}

/** The China months (YYYY-MM) the product may have numbered something in between `fromMs` and `toMs`. */
export const chinaMonthsBetween = (fromMs: number, toMs: number): string[] => betweenChinaDays(fromMs, toMs, (today) => today.slice(0, 7));

/** Whole calendar days from `from` to `to` (YYYY-MM-DD): days overdue, days since a purchase. */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * Waits, if China's midnight is less than `marginMs` away, until it has passed: for a browser test that
 * types a time rounded down to the minute into a field refusing past days (a minute typed at 23:59
 * is yesterday by the time the server checks it at 00:00). At most `marginMs`, once a day.
 */
export async function clearOfChinaMidnight(marginMs: number): Promise<void> {
  const untilMidnight = DAY_MS - ((Date.now() + 8 * 3_600_000) % DAY_MS);
  if (untilMidnight < marginMs) await new Promise((resolve) => setTimeout(resolve, untilMidnight + 1_000));
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

// Building an Intl formatter costs far more than using one (the inbox formats a few hundred times
// while it first renders), so each language × style is built once and kept.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<F extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}
const dateTimeFormat = (lang: string, style: 'short' | 'medium', timeZone?: string) =>
  cached(`dt|${lang}|${style}|${timeZone ?? ''}`, () => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: style, ...(timeZone ? { timeZone } : {}) }));

/** "3 小时后" / "in 3 hours", "2 天前" / "2 days ago"; under a minute is "现在" / "now". */
export function formatRelative(iso: string, now: number, lang: string): string {
  const diff = Date.parse(iso) - now;
  if (Number.isNaN(diff)) return '';
  const rtf = cached(`rel|${lang}`, () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }));
  const abs = Math.abs(diff);
  for (const [unit, ms] of UNITS) {
    // Switch to the larger unit once at least one whole one has passed (weeks only from 2, months from 2 …).
    const threshold = unit === 'week' || unit === 'month' ? 2 * ms : ms;
    if (abs >= threshold) return rtf.format(Math.round(diff / ms), unit);
  }
  return rtf.format(0, 'second');
}

/** An unreadable date gives "Invalid Date", as `toLocaleString` did. */
const formatWith = (f: Intl.DateTimeFormat, iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? 'Invalid Date' : f.format(d);
};

export const formatDateTime = (iso: string, lang: string) => formatWith(dateTimeFormat(lang, 'short'), iso);

/** Down to the second, for audit trails where the order of close events matters. */
export const formatDateTimeExact = (iso: string, lang: string) => formatWith(dateTimeFormat(lang, 'medium'), iso);

/** In Beijing time whatever the browser's zone: business records (purchases, the customer page) are kept in China time. */
export const formatChinaDateTime = (iso: string, lang: string) => formatWith(dateTimeFormat(lang, 'short', 'Asia/Shanghai'), iso);

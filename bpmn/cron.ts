// Cron expressions as Zeebe reads them in a timer's timeCycle (Spring's six fields: second minute
// hour day-of-month month day-of-week), or the classic five without seconds. Pure: the compiler
// checks a diagram's cron with it and the API turns the same fields into a Temporal Schedule's
// calendar, so what validates is exactly what runs.

export interface CronRange {
  start: number;
  end: number;
  step: number;
}

export interface CronFields {
  second: CronRange[];
  minute: CronRange[];
  hour: CronRange[];
  dayOfMonth: CronRange[];
  month: CronRange[];
  /** 0 = Sunday … 6 = Saturday (7 in the expression is Sunday too). */
  dayOfWeek: CronRange[];
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  name: keyof CronFields;
  min: number;
  max: number;
  names?: string[];
  /** Value of the first name (months count from 1). */
  namesFrom?: number;
  /** `?` ("no specific value") is allowed in the two day fields only. */
  question?: boolean;
}

const FIELDS: FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'dayOfMonth', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES, namesFrom: 1 },
  { name: 'dayOfWeek', min: 0, max: 7, names: DAY_NAMES, namesFrom: 0, question: true },
];

/** Whether a timeCycle looks like cron rather than ISO 8601 (`R…`): five or six space-separated fields. */
export const looksLikeCron = (raw: string): boolean => !/^R/i.test(raw.trim()) && /^\S+(\s+\S+){4,5}$/.test(raw.trim());

function value(spec: FieldSpec, raw: string): number | undefined {
  const upper = raw.toUpperCase();
  const named = spec.names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + spec.namesFrom!;
  if (!/^\d{1,2}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= spec.min && n <= spec.max ? n : undefined;
}

function field(spec: FieldSpec, text: string): CronRange[] | string {
  const out: CronRange[] = [];
  for (const item of text.split(',')) {
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined || range === undefined || range === '') return `"${item}" in ${spec.name}`;
    const step = stepText === undefined ? 1 : /^\d{1,2}$/.test(stepText) && Number(stepText) > 0 ? Number(stepText) : undefined;
    if (step === undefined) return `step "${stepText}" in ${spec.name}`;
    let start: number | undefined;
    let end: number | undefined;
    if (range === '*' || (range === '?' && spec.question)) {
      start = spec.min;
      end = spec.name === 'dayOfWeek' ? 6 : spec.max;
    } else {
      const [a, b, more] = range.split('-');
      if (more !== undefined) return `"${item}" in ${spec.name}`;
      start = value(spec, a!);
      // `5/15` is "from 5 to the end, every 15" (Spring and Quartz).
      end = b !== undefined ? value(spec, b) : stepText !== undefined ? spec.max : start;
    }
    if (start === undefined || end === undefined || end < start) return `"${item}" in ${spec.name}`;
    if (spec.name === 'dayOfWeek' && end === 7) {
      // 7 is Sunday again: keep the days up to Saturday and add Sunday if the step lands on it.
      if (start <= 6) out.push({ start, end: 6, step });
      if ((7 - start) % step === 0) out.push({ start: 0, end: 0, step: 1 });
      continue;
    }
    out.push({ start, end, step });
  }
  return out;
}

/**
 * The fields of a cron expression, or why it is not one Shouwen can schedule. Spring's `L`, `W`
 * and `#` (last day, nearest weekday, n-th weekday) have no Temporal calendar equivalent and are
 * refused rather than approximated.
 */
export function parseCron(raw: string): { ok: true; fields: CronFields } | { ok: false; reason: string } {
  const parts = raw.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) return { ok: false, reason: `${parts.length} fields (a cron expression has 6: second minute hour day month weekday)` };
  const six = parts.length === 5 ? ['0', ...parts] : parts;
  const fields: Partial<CronFields> = {};
  for (const [i, spec] of FIELDS.entries()) {
    const parsed = field(spec, six[i]!);
    if (typeof parsed === 'string') return { ok: false, reason: `cannot read ${parsed}` };
    fields[spec.name] = parsed;
  }
  return { ok: true, fields: fields as CronFields };
}

/** Cron is read in Beijing time, which has had no daylight saving since 1991: a fixed offset. */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How far ahead a match is looked for: leap days and 5th weekdays recur well within 8 years. */
const SEARCH_DAYS = 8 * 366;

function values(ranges: CronRange[]): number[] {
  const out = new Set<number>();
  for (const r of ranges) for (let v = r.start; v <= r.end; v += r.step) out.add(v);
  return [...out].sort((a, b) => a - b);
}

/**
 * The first instant strictly after `afterMs` that the cron fields match, read in Beijing time, or
 * undefined when none does within eight years (31 February). As Spring's CronExpression (which
 * Zeebe uses) and Temporal's calendars, a day must match both the day of month and the weekday.
 * Pure arithmetic on its argument: workflow code calls it with the workflow clock.
 */
export function nextCronFire(fields: CronFields, afterMs: number): number | undefined {
  const seconds = values(fields.second);
  const minutes = values(fields.minute);
  const hours = values(fields.hour);
  const days = new Set(values(fields.dayOfMonth));
  const months = new Set(values(fields.month));
  const weekdays = new Set(values(fields.dayOfWeek));
  // Beijing wall-clock time as if it were UTC: the getUTC* accessors then read local fields.
  const local = Math.floor((afterMs + BEIJING_OFFSET_MS) / 1000) * 1000 + 1000;
  const firstDay = Math.floor(local / DAY_MS) * DAY_MS;
  for (let i = 0; i <= SEARCH_DAYS; i += 1) {
    const dayStart = firstDay + i * DAY_MS;
    const d = new Date(dayStart);
    if (!months.has(d.getUTCMonth() + 1) || !days.has(d.getUTCDate()) || !weekdays.has(d.getUTCDay())) continue;
    const from = Math.max(0, local - dayStart);
    for (const h of hours)
      for (const m of minutes)
        for (const s of seconds) {
          const at = ((h * 60 + m) * 60 + s) * 1000;
          if (at >= from) return dayStart + at - BEIJING_OFFSET_MS;
        }
  }
  return undefined;
}

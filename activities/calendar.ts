import type { Db } from '../server/db/pool';

// The business calendar: "within N working days" skips weekends and public holidays and
// counts 调休 weekend working days. Computed here, never in workflow code, so a calendar
// change affects new deadlines only and never replays differently.

const DAY = 86_400_000;
/** Working days are counted in China Standard Time, whatever the server's zone. */
const CST_OFFSET = 8 * 3_600_000;

export interface AddWorkingDays {
  from: string;
  days: number;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function createCalendarActivities({ db }: { db: Db }) {
  return {
    /** The same wall-clock time `days` working days after `from` (Asia/Shanghai). */
    async addWorkingDays({ from, days }: AddWorkingDays): Promise<string> {
      const start = Date.parse(from);
      const horizon = isoDay(start + CST_OFFSET + (days * 3 + 30) * DAY);
      const { rows } = await db.query<{ day: string; kind: 'holiday' | 'workday' }>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind FROM calendar_day WHERE day > $1::date AND day <= $2::date`,
        [isoDay(start + CST_OFFSET), horizon],
      );
      const exceptions = new Map(rows.map((r) => [r.day, r.kind]));
      return new Date(addWorkingDaysWith(start, days, exceptions)).toISOString();
    },
  };
}

/** Pure part, exported for unit tests. */
export function addWorkingDaysWith(start: number, days: number, exceptions: ReadonlyMap<string, 'holiday' | 'workday'>): number {
  let t = start;
  let left = days;
  while (left > 0) {
    t += DAY;
    const local = t + CST_OFFSET;
    const kind = exceptions.get(isoDay(local));
    const weekday = new Date(local).getUTCDay();
    const working = kind ? kind === 'workday' : weekday !== 0 && weekday !== 6;
    if (working) left -= 1;
  }
  return t;
}

import type { CalendarOverride } from '../domain/calendar-year';
import type { CalendarDayChange } from '../contract';
import type { Db } from './pool';

// calendar_day: the business calendar's overrides of the national schedule (see activities/calendar.ts).

export type CalendarDayInput = CalendarDayChange;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));

export function createCalendarRepository(db: Pick<Db, 'query'>) {
  return {
    async overridesIn(year: number): Promise<CalendarOverride[]> {
      const { rows } = await db.query(
        `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, d.kind, d.name, d.updated_by, u.display_name AS updated_by_name, d.updated_at
           FROM calendar_day d LEFT JOIN app_user u ON u.id = d.updated_by
          WHERE d.day >= make_date($1, 1, 1) AND d.day < make_date($1 + 1, 1, 1) ORDER BY d.day`,
        [year],
      );
      return rows.map((r) => ({ day: r.day, kind: r.kind, note: r.name, updatedBy: r.updated_by ?? null, updatedByName: r.updated_by_name ?? null, updatedAt: iso(r.updated_at) }));
    },

    /** Overrides after `afterDay` up to and including `throughDay`: day → is it a working day. */
    async workingDayOverrides(afterDay: string, throughDay: string): Promise<Map<string, boolean>> {
      const { rows } = await db.query<{ day: string; kind: 'holiday' | 'workday' }>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind FROM calendar_day WHERE day > $1::date AND day <= $2::date`,
        [afterDay, throughDay],
      );
      return new Map(rows.map((r) => [r.day, r.kind === 'workday']));
    },

    /** Inserts or replaces the overrides of these days, all in one statement (all or nothing). */
    async upsert(days: CalendarDayInput[], userId: string): Promise<void> {
      await db.query(
        `INSERT INTO calendar_day (day, kind, name, updated_by, updated_at)
         SELECT d.day, d.kind, d.note, $4, now() FROM unnest($1::date[], $2::text[], $3::text[]) AS d(day, kind, note)
         ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [days.map((d) => d.day), days.map((d) => d.kind), days.map((d) => d.note ?? ''), userId],
      );
    },

    /** Removes a day's override; false when it had none. */
    async remove(day: string): Promise<boolean> {
      const { rowCount } = await db.query('DELETE FROM calendar_day WHERE day = $1::date', [day]);
      return (rowCount ?? 0) > 0;
    },
  };
}

export type CalendarRepository = ReturnType<typeof createCalendarRepository>;

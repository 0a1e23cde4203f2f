import { DAYS_OF_WEEK, MONTHS, ScheduleOverlapPolicy, type CalendarSpec, type Range, type ScheduleOptions, type ScheduleSpec } from '@temporalio/client';
import { parseCron, type CronRange } from '../../bpmn/cron';
import { parseIsoDateTime, parseIsoDuration } from '../../bpmn/duration';
import type { StartTimer } from '../../bpmn/model';

/** China has one time zone and no daylight saving; cron in a diagram is read in it (Zeebe reads UTC). */
export const SCHEDULE_TIME_ZONE = 'Asia/Shanghai';

/**
 * Overlap: every run only starts a case and ends, and each case is its own workflow, so runs never
 * wait for each other (ALLOW_ALL: a slow run never costs the next one its case). Catch-up: runs
 * missed while Temporal was down are made up for a day, so a daily case is not lost to an outage
 * of a few hours; older ones are skipped.
 */
export const SCHEDULE_POLICIES: NonNullable<ScheduleOptions['policies']> = { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: '1 day' };

/** The Temporal Schedule id of a timer start event: process key and event id (neither holds a ":"). */
export const scheduleIdOf = (processKey: string, startEventId: string): string => `case-start:${processKey}:${startEventId}`;

const ranges = <U>(rs: CronRange[], unit: (n: number) => U): Range<U>[] => rs.map((r) => ({ start: unit(r.start), end: unit(r.end), step: r.step }));

/** The schedule's spec and, for R<n> and dates, how many runs it has left at creation. */
export function scheduleSpecOf(timer: StartTimer): { spec: ScheduleSpec; remainingActions?: number } {
  const t = timer.timing;
  if (t.kind === 'cron') {
    const parsed = parseCron(t.cron);
    if (!parsed.ok) throw new Error(`compiled cron "${t.cron}" does not parse: ${parsed.reason}`);
    const f = parsed.fields;
    const calendar: CalendarSpec = {
      second: ranges(f.second, Number),
      minute: ranges(f.minute, Number),
      hour: ranges(f.hour, Number),
      dayOfMonth: ranges(f.dayOfMonth, Number),
      month: ranges(f.month, (n) => MONTHS[n - 1]!),
      dayOfWeek: ranges(f.dayOfWeek, (n) => DAYS_OF_WEEK[n]!),
      year: '*',
      comment: timer.expression,
    };
    return { spec: { calendars: [calendar], timezone: SCHEDULE_TIME_ZONE } };
  }
  if (t.kind === 'date') {
    const at = new Date(parseIsoDateTime(t.at)!);
    const calendar: CalendarSpec = {
      year: at.getUTCFullYear(),
      month: MONTHS[at.getUTCMonth()]!,
      dayOfMonth: at.getUTCDate(),
      hour: at.getUTCHours(),
      minute: at.getUTCMinutes(),
      second: at.getUTCSeconds(),
      dayOfWeek: '*',
      comment: timer.expression,
    };
    return { spec: { calendars: [calendar], timezone: 'UTC' }, remainingActions: 1 };
  }
  const every = parseIsoDuration(t.every)!;
  const start = t.startAt === undefined ? undefined : parseIsoDateTime(t.startAt)!;
  // Temporal counts intervals from the epoch; the offset puts a run on the start instant itself.
  const offset = start === undefined ? 0 : ((start % every) + every) % every;
  return {
    spec: { intervals: [{ every, offset }], ...(start !== undefined && { startAt: new Date(start) }) },
    ...(t.repetitions !== undefined && { remainingActions: t.repetitions }),
  };
}

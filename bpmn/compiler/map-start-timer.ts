import { parseCron, looksLikeCron } from '../cron';
import { parseIsoDateTime, parseIsoDuration } from '../duration';
import type { StartTimer } from '../model';
import type { CompileContext } from './context';
import { asFeel } from './expressions';
import { bool, expressionBody, str, type ModdleElement } from './moddle';

/** `R/PT1H`, `R5/P1D`, `R/2026-12-01T09:00:00+08:00/P1D`. */
const ISO_CYCLE = /^R(\d*)\/(?:([^/]+)\/)?(P[^/]+)$/;
/** A schedule starts real cases: more often than once a minute is a mistake, not a process. */
const MIN_INTERVAL_MS = 60_000;
const ROLE = /^role:([a-z_]+)$/;
const USER_ID = /^[A-Za-z0-9_.@-]+$/;

type Timing = StartTimer['timing'];

function cycleTiming(ctx: CompileContext, el: ModdleElement, raw: string): Timing | undefined {
  const bad = (reason: string): undefined => {
    ctx.report(el, `Time cycle "${raw}" of a timer start event cannot be scheduled (${reason}); write R/PT1H, R5/P1D, R/2026-12-01T09:00:00+08:00/P1D or a cron expression such as "0 0 9 * * MON-FRI".`, {
      code: 'bpmn.timerStart.badCycle',
      params: { value: raw, reason },
    });
    return undefined;
  };
  const tooOften = (): undefined => {
    ctx.report(el, `Time cycle "${raw}" would start a case more often than once a minute.`, { code: 'bpmn.timerStart.tooOften', params: { value: raw } });
    return undefined;
  };
  if (looksLikeCron(raw)) {
    const cron = parseCron(raw);
    if (!cron.ok) return bad(cron.reason);
    const [second] = cron.fields.second;
    if (cron.fields.second.length !== 1 || second!.start !== second!.end) return tooOften();
    return { kind: 'cron', cron: raw.trim().split(/\s+/).length === 5 ? `0 ${raw.trim()}` : raw.trim() };
  }
  const m = ISO_CYCLE.exec(raw);
  if (!m) return bad('neither R<times>/<duration> nor cron');
  const every = parseIsoDuration(m[3]!);
  if (every === undefined) return bad(`"${m[3]}" is not a duration in days, hours, minutes or seconds`);
  if (every < MIN_INTERVAL_MS) return tooOften();
  if (m[1] !== '' && Number(m[1]) === 0) return bad('R0 never runs');
  if (m[2] !== undefined && parseIsoDateTime(m[2]) === undefined) return bad(`"${m[2]}" is not a date-time with a time zone`);
  return { kind: 'interval', every: m[3]!, ...(m[2] !== undefined && { startAt: m[2] }), ...(m[1] !== '' && { repetitions: Number(m[1]) }) };
}

/** Who owns a scheduled case (shouwen:owner, shouwen:unit); without an owner, the unit's process owners, with a warning. */
function ownerOf(ctx: CompileContext, el: ModdleElement): Pick<StartTimer, 'owner' | 'unitId'> | undefined {
  const raw = str(el, 'owner')?.trim();
  const unit = str(el, 'unit')?.trim();
  const unitId = unit ? { unitId: unit } : {};
  if (!raw) {
    ctx.warn(el, 'A timer start event names no first-contact owner (shouwen:owner): its cases go to the process owners of its unit.', { code: 'bpmn.timerStart.noOwner' });
    return { owner: { kind: 'role', role: 'process_owner' }, ...unitId };
  }
  const role = ROLE.exec(raw);
  if (role) return { owner: { kind: 'role', role: role[1]! }, ...unitId };
  if (USER_ID.test(raw)) return { owner: { kind: 'user', userId: raw }, ...unitId };
  ctx.report(el, `shouwen:owner "${raw}" is neither a user id nor role:<role>.`, { code: 'bpmn.timerStart.badOwner', params: { value: raw } });
  return undefined;
}

/**
 * A process-level timer start event: its cycle (ISO or cron) or date, fixed at deploy because
 * the schedule is made from it then; FEEL and durations are refused, naming the element.
 */
export function startTimer(ctx: CompileContext, el: ModdleElement, def: ModdleElement): StartTimer | undefined {
  const cycle = expressionBody(def, 'timeCycle');
  const date = expressionBody(def, 'timeDate');
  if (expressionBody(def, 'timeDuration') !== undefined) {
    ctx.report(el, 'A timer start event needs a time cycle or a date; a duration says "after what?" and has no answer before the case exists.', { code: 'bpmn.timerStart.duration' });
    return undefined;
  }
  if (cycle !== undefined && date !== undefined) {
    ctx.report(el, 'Timer start event has both a time cycle and a date; choose one.', { code: 'bpmn.timerStart.both' });
    return undefined;
  }
  if (bool(el, 'workingTime') === true) {
    // A schedule runs on the clock (Temporal Schedules); skipping days off is shouwen:workingDaysOnly's job.
    ctx.report(el, 'A timer start event does not count working time (shouwen:workingTime): its schedule runs on the clock. Use shouwen:workingDaysOnly="true" to skip runs on days off.', { code: 'bpmn.timerStart.workingTime' });
    return undefined;
  }
  const raw = cycle ?? date;
  if (raw === undefined) {
    ctx.report(el, 'Timer has no duration or date: it would never fire.', { code: 'bpmn.timer.empty' });
    return undefined;
  }
  if (asFeel(raw) !== undefined) {
    ctx.report(el, `A timer start event's ${cycle !== undefined ? 'cycle' : 'date'} must be written out ("${raw}" is FEEL): its schedule is made when the process is deployed.`, { code: 'bpmn.timerStart.feel', params: { value: raw } });
    return undefined;
  }
  let timing: Timing | undefined;
  if (cycle !== undefined) timing = cycleTiming(ctx, el, cycle);
  else if (parseIsoDateTime(date!) === undefined) {
    ctx.report(el, `Timer date "${date}" is not a valid ISO 8601 date-time with a time zone, such as 2025-03-01T09:00:00+08:00.`, { code: 'bpmn.timer.badDate', params: { value: date! } });
  } else timing = { kind: 'date', at: date! };
  const owner = ownerOf(ctx, el);
  return timing && owner && { expression: raw, timing, ...owner, ...(bool(el, 'workingDaysOnly') === true && { workingDaysOnly: true as const }) };
}

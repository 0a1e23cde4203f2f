import { parseIsoDateTime, parseIsoDuration } from '../duration';
import { looksLikeCron, nextCronFire, parseCron } from '../cron';
import type { IoMapping, TimerDefinition } from '../model';
import type { CompileContext } from './context';
import { bool, expressionBody, extension, list, ref, str, type ModdleElement } from './moddle';

/** Camunda marks FEEL with a leading `=`; everything else is a literal. */
export function asFeel(value: string): string | undefined {
  const t = value.trim();
  return t.startsWith('=') ? t.slice(1).trim() : undefined;
}

/**
 * A Camunda value (FEEL or literal) as FEEL, so the interpreter only ever evaluates FEEL:
 * literal `zj.cs_manager` becomes the FEEL string `"zj.cs_manager"`, `3` and `true` stay as they are.
 */
export function toFeel(value: string): string {
  const feel = asFeel(value);
  if (feel !== undefined) return feel;
  const t = value.trim();
  return /^-?\d+(\.\d+)?$/.test(t) || t === 'true' || t === 'false' ? t : JSON.stringify(value);
}

/** zeebe:ioMapping inputs/outputs; each source is checked as FEEL. */
export function ioMappings(ctx: CompileContext, el: ModdleElement): { inputs: IoMapping[]; outputs: IoMapping[] } {
  const io = extension(el, 'zeebe:IoMapping');
  const read = (key: string, kind: string): IoMapping[] =>
    list(io, key).flatMap((p) => {
      const source = str(p, 'source');
      const target = str(p, 'target');
      if (!target) {
        ctx.report(el, `An ${kind} mapping has no target variable: there is nowhere to put its value.`, { code: kind === 'input' ? 'bpmn.io.inputNoTarget' : 'bpmn.io.outputNoTarget' });
        return [];
      }
      // Zeebe sets the target to null when the source is left empty.
      const feel = source === undefined || source.trim() === '' || source.trim() === '=' ? 'null' : toFeel(source);
      ctx.checkFeel(el, feel, { kind: kind === 'input' ? 'inputMapping' : 'outputMapping', target });
      return [{ source: feel, target }];
    });
  return { inputs: read('inputParameters', 'input'), outputs: read('outputParameters', 'output') };
}

/** A literal ISO duration/date or a FEEL expression, validated either way. */
export function timerValue(
  ctx: CompileContext,
  el: ModdleElement,
  kind: 'duration' | 'date',
  raw: string,
  what = 'Timer',
): TimerDefinition | undefined {
  const feel = asFeel(raw);
  if (feel !== undefined) {
    return ctx.checkFeel(el, feel, { kind: what === 'Due' ? (kind === 'date' ? 'dueDate' : 'dueDuration') : kind === 'date' ? 'timerDate' : 'timerDuration' }) ? { kind, expression: feel } : undefined;
  }
  const iso = raw.trim();
  if (kind === 'duration' && parseIsoDuration(iso) === undefined) {
    ctx.report(el, `${what} duration "${iso}" is not a valid ISO 8601 duration such as PT2H or P3D (years and months are not supported).`, {
      code: what === 'Due' ? 'bpmn.due.badDuration' : 'bpmn.timer.badDuration',
      params: { value: iso },
    });
    return undefined;
  }
  if (kind === 'date' && parseIsoDateTime(iso) === undefined) {
    ctx.report(el, `${what} date "${iso}" is not a valid ISO 8601 date-time with a time zone, such as 2025-03-01T09:00:00+08:00.`, {
      code: what === 'Due' ? 'bpmn.due.badDate' : 'bpmn.timer.badDate',
      params: { value: iso },
    });
    return undefined;
  }
  return { kind, iso };
}

/** A bpmn:TimerEventDefinition of a catch or boundary event. */
export function timerDefinition(ctx: CompileContext, el: ModdleElement, def: ModdleElement): TimerDefinition | undefined {
  const duration = expressionBody(def, 'timeDuration');
  const date = expressionBody(def, 'timeDate');
  if (expressionBody(def, 'timeCycle') !== undefined) {
    ctx.report(el, 'A repeating timer (time cycle) only works on a non-interrupting boundary event; use a duration or a date here.', { code: 'bpmn.timer.cycle' });
    return undefined;
  }
  if (duration !== undefined && date !== undefined) {
    ctx.report(el, 'Timer has both a duration and a date; choose one.', { code: 'bpmn.timer.both' });
    return undefined;
  }
  if (bool(el, 'workingTime') === true) return workingHours(ctx, el, duration);
  if (duration !== undefined) return timerValue(ctx, el, 'duration', duration);
  if (date !== undefined) return timerValue(ctx, el, 'date', date);
  ctx.report(el, 'Timer has no duration or date: it would never fire.', { code: 'bpmn.timer.empty' });
  return undefined;
}

/**
 * shouwen:workingTime="true": the timer's duration counts working-day time only (weekends and
 * holidays on the business calendar skipped). Whole hours written as PTnH, so the count is exact;
 * a repeating timer may also step whole working days (R/P1D: the next working day, same time).
 */
function workingHours(ctx: CompileContext, el: ModdleElement, duration: string | undefined, allowDays = false): TimerDefinition | undefined {
  const text = duration?.trim() ?? '';
  const hours = /^PT([1-9]\d{0,3})H$/.exec(text)?.[1];
  if (hours) return { kind: 'workingHours', hours: Number(hours) };
  const days = allowDays ? /^P([1-9]\d{0,2})D$/.exec(text)?.[1] : undefined;
  if (days) return { kind: 'workingDays', days: Number(days) };
  const example = allowDays ? 'PT4H or P1D' : 'PT20H';
  ctx.report(el, `A working-time timer needs a duration in whole ${allowDays ? 'hours or days' : 'hours'} such as ${example}, not "${duration ?? ''}".`, {
    code: allowDays ? 'bpmn.timer.workingTimeCycle' : 'bpmn.timer.workingTime',
    params: { value: duration ?? '' },
  });
  return undefined;
}

/** Error code of the bpmn:Error an errorEventDefinition references; `null` when there is no reference. */
export function errorCodeOf(ctx: CompileContext, el: ModdleElement, def: ModdleElement): string | null | undefined {
  const error = ref(def, 'errorRef');
  if (error === undefined) return null;
  const code = str(error, 'errorCode')?.trim();
  if (!code) {
    const errorName = str(error, 'name') ?? str(error, 'id') ?? '';
    ctx.report(el, `Error "${errorName}" has no error code, so it cannot be matched.`, { code: 'bpmn.error.noCode', params: { error: errorName } });
    return undefined;
  }
  if (asFeel(code) !== undefined) {
    ctx.report(el, `Error codes given as FEEL ("${code}") are not supported by Shouwen; use a fixed code.`, { code: 'bpmn.error.feelCode', params: { errorCode: code } });
    return undefined;
  }
  return code;
}

/** Name and correlation key of the bpmn:Message a messageEventDefinition references. */
export function messageOf(
  ctx: CompileContext,
  el: ModdleElement,
  def: ModdleElement,
): { messageName: string; correlationKey?: string } | undefined {
  const message = ref(def, 'messageRef');
  const name = str(message, 'name')?.trim();
  if (!message || !name) {
    ctx.report(el, 'Message event has no message name: no message could ever be delivered to it.', { code: 'bpmn.message.noName' });
    return undefined;
  }
  if (asFeel(name) !== undefined) {
    ctx.report(el, `Message names given as FEEL ("${name}") are not supported by Shouwen; use a fixed name.`, { code: 'bpmn.message.feelName', params: { name } });
    return undefined;
  }
  const key = str(extension(message, 'zeebe:Subscription'), 'correlationKey');
  if (key === undefined || key.trim() === '' || key.trim() === '=') return { messageName: name };
  const correlationKey = toFeel(key);
  ctx.checkFeel(el, correlationKey, { kind: 'correlationKey' });
  return { messageName: name, correlationKey };
}

/** `R3/PT4H` → every 4 hours, 3 times; `R/P1D` → every day while it lasts. FEEL cycles are not supported. */
const CYCLE = /^R(\d*)\/(P.+)$/;

/**
 * The time cycle of a non-interrupting boundary event or event sub-process timer: its interval as a
 * duration timer and how often, or a cron expression (read in Beijing time, as for timer start
 * events) that fires at each match while the host runs.
 */
export function timerCycle(ctx: CompileContext, el: ModdleElement, def: ModdleElement): { timer: TimerDefinition; cycle: { repetitions?: number } } | undefined {
  const raw = expressionBody(def, 'timeCycle')?.trim() ?? '';
  const bad = (reason?: string) => {
    ctx.report(el, `Time cycle "${raw}" is not supported${reason ? ` (${reason})` : ''}: write it as R<times>/<duration> (e.g. R3/PT4H, or R/P1D to repeat while the task lasts) or as cron (e.g. "0 0 9 * * MON-FRI", Beijing time).`, {
      code: 'bpmn.timer.badCycle',
      params: { value: raw, ...(reason && { reason }) },
    });
    return undefined;
  };
  const working = bool(el, 'workingTime') === true;
  if (looksLikeCron(raw)) {
    if (working) {
      // A cron already names the moments; "working time" would have nothing to count. Weekdays are written in the cron.
      ctx.report(el, `Time cycle "${raw}" is cron: it names its own times, so shouwen:workingTime has nothing to count. Write working days into the cron (e.g. "0 0 9 * * MON-FRI") and drop shouwen:workingTime, or use R<times>/<duration>.`, {
        code: 'bpmn.timer.workingTimeCron',
        params: { value: raw },
      });
      return undefined;
    }
    const cron = parseCron(raw);
    if (!cron.ok) return bad(cron.reason);
    const [second] = cron.fields.second;
    if (cron.fields.second.length !== 1 || second!.start !== second!.end) return bad('it would fire more often than once a minute');
    if (nextCronFire(cron.fields, Date.now()) === undefined) return bad('no date ever matches it');
    return { timer: { kind: 'cron', cron: raw.split(/\s+/).length === 5 ? `0 ${raw}` : raw }, cycle: {} };
  }
  const m = CYCLE.exec(raw);
  const interval = m ? parseIsoDuration(m[2]!) : undefined;
  if (!m || interval === undefined || interval === 0 || (m[1] !== '' && Number(m[1]) === 0)) return bad();
  const cycle = m[1] === '' ? {} : { repetitions: Number(m[1]) };
  if (working) {
    const timer = workingHours(ctx, el, m[2], true);
    return timer && { timer, cycle };
  }
  return { timer: { kind: 'duration', iso: m[2]! }, cycle };
}

/** zeebe:taskHeaders as a plain record; written to the model only when there are some (model hash). */
export function taskHeaders(ctx: CompileContext, el: ModdleElement): { headers?: Record<string, string> } {
  const headers: Record<string, string> = {};
  for (const h of list(extension(el, 'zeebe:TaskHeaders'), 'values')) {
    const key = str(h, 'key')?.trim();
    if (!key) {
      ctx.report(el, 'A task header has no key: a worker or the task page could not name it.', { code: 'bpmn.taskHeaders.noKey' });
      continue;
    }
    if (Object.hasOwn(headers, key)) ctx.report(el, `Task header "${key}" is given twice; keep one.`, { code: 'bpmn.taskHeaders.duplicate', params: { key } });
    headers[key] = str(h, 'value') ?? '';
  }
  return Object.keys(headers).length ? { headers } : {};
}

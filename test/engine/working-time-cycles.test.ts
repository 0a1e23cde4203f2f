import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDaysWith, addWorkingHoursWith, CST_OFFSET, DAY, isoDay, weekdaysOnly } from '../../domain/working-days';
import { bpmnXml, flow, uniqueKey, userTask } from '../bpmn-xml';
import { caseState, compileFixture, complete, openTasks, recordHistory, startEngineEnv, stateWhen, type CaseHandle, type EngineEnv } from './engine-env';

// Issue 13 §4: a repeating reminder in working time (shouwen:workingTime on a time cycle). Each
// interval is counted by the calendar activity from the previous fire's due time, so the reminder
// never fires on a day off and does not drift. The calendar here is the real rule
// (domain/working-days.ts) over Monday–Friday plus the holidays a test enters, in place of the DB.

const HOUR = 3_600_000;

/** 处理 with a non-interrupting reminder (→ 催办, a notify service task) repeating on `value` in working time. */
const diagram = (key: string, value: string) =>
  bpmnXml(
    key,
    `<bpmn:startEvent id="start"/>${userTask('handle')}<bpmn:endEvent id="end"/>
     <bpmn:boundaryEvent id="remind" attachedToRef="handle" cancelActivity="false" shouwen:workingTime="true"><bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${value}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
     <bpmn:serviceTask id="chase" name="催办"><bpmn:extensionElements><zeebe:taskDefinition type="notify"/></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="chased"/>
     ${flow('f1', 'start', 'handle')}${flow('f2', 'handle', 'end')}${flow('f3', 'remind', 'chase')}${flow('f4', 'chase', 'chased')}`,
  );

/** The next moment at or after `now` that is `weekday` (0 = Sunday) `hour`:00 in Beijing time. */
function nextBeijing(now: number, weekday: number, hour: number): number {
  const bj = new Date(now + CST_OFFSET);
  let t = Date.UTC(bj.getUTCFullYear(), bj.getUTCMonth(), bj.getUTCDate(), hour) - CST_OFFSET;
  while (t < now || new Date(t + CST_OFFSET).getUTCDay() !== weekday) t += DAY;
  return t;
}

/** Beijing calendar day and hour of an instant, e.g. "Mon 04". */
const bjDayHour = (ms: number) => {
  const bj = new Date(ms + CST_OFFSET);
  return `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][bj.getUTCDay()]} ${String(bj.getUTCHours()).padStart(2, '0')}`;
};

describe('engine: repeating timers in working time', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  /** Moves the server's clock to `at` (no case runs yet) and returns how to move it to later instants. */
  async function clockAt(at: number) {
    await e.env.sleep(at - (await e.env.currentTimeMs()));
    return async (to: number) => e.env.sleep(Math.max(0, to - (await e.env.currentTimeMs())));
  }
  const reminded = async (handle: CaseHandle) => (await caseState(handle)).completedCounts['remind'] ?? 0;

  it('R3/PT4H started Friday 16:00 (Beijing) fires Friday 20:00, then Monday 00:00 and 04:00 — never on the weekend — and no more', async () => {
    const model = await compileFixture(diagram(uniqueKey('wt-r3'), 'R3/PT4H'));
    const friday16 = nextBeijing(await e.env.currentTimeMs(), 5, 16);
    const clockTo = await clockAt(friday16);
    await e.withWorker(
      async ({ start, stubs }) => {
        const handle = await start(model);
        const [task] = await openTasks(handle, ['handle']);
        await clockTo(friday16 + 4.5 * HOUR);
        await stateWhen(handle, (s) => s.completedCounts['remind'] === 1, 'the Friday 20:00 reminder');
        // All weekend: a clock PT4H would have fired at Saturday 00:00 and 04:00 already.
        await clockTo(friday16 + 55 * HOUR); // Sunday 23:00
        expect(await reminded(handle)).toBe(1);
        await clockTo(friday16 + 56.5 * HOUR); // Monday 00:30
        await stateWhen(handle, (s) => s.completedCounts['remind'] === 2, 'the Monday 00:00 reminder');
        await clockTo(friday16 + 60.5 * HOUR); // Monday 04:30
        await stateWhen(handle, (s) => s.completedCounts['remind'] === 3, 'the Monday 04:00 reminder');
        await clockTo(friday16 + 7 * 24 * HOUR);
        expect(await reminded(handle)).toBe(3);

        // Each interval asked the calendar from the previous due time (not from when the case woke).
        const asked = stubs.calls.filter(([name]) => name === 'addWorkingHours').map(([, input]) => input as { from: string; hours: number });
        expect(asked.map((a) => a.hours)).toEqual([4, 4, 4]);
        expect(asked.map((a) => bjDayHour(Date.parse(a.from)))).toEqual(['Fri 16', 'Fri 20', 'Mon 00']);
        expect(Date.parse(asked[1]!.from)).toBe(Date.parse(asked[0]!.from) + 4 * HOUR);
        expect(Date.parse(asked[2]!.from)).toBe(Date.parse(asked[0]!.from) + 56 * HOUR);

        await complete(handle, task!);
        expect((await handle.result()).status).toBe('completed');
        expect(stubs.calls.filter(([name]) => name === 'notify')).toHaveLength(3);
        await recordHistory(handle, 'boundary-timer-working-time-cycle');
      },
      { workingHours: (from, hours) => new Date(addWorkingHoursWith(Date.parse(from), hours, weekdaysOnly)).toISOString() },
    );
  });

  it('an event sub-process timer start with R/P1D in working time starts an instance each working day, none on the weekend', async () => {
    const key = uniqueKey('wt-esp');
    const model = await compileFixture(
      bpmnXml(
        key,
        `<bpmn:startEvent id="start"/>${userTask('handle')}<bpmn:endEvent id="end"/>${flow('f1', 'start', 'handle')}${flow('f2', 'handle', 'end')}
         <bpmn:subProcess id="daily" triggeredByEvent="true"><bpmn:startEvent id="dailyStart" isInterrupting="false" shouwen:workingTime="true"><bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">R/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent><bpmn:endEvent id="dailyEnd"/>${flow('f3', 'dailyStart', 'dailyEnd')}</bpmn:subProcess>`,
      ),
    );
    const friday10 = nextBeijing(await e.env.currentTimeMs(), 5, 10);
    const clockTo = await clockAt(friday10);
    await e.withWorker(
      async ({ start }) => {
        const handle = await start(model);
        const [task] = await openTasks(handle, ['handle']);
        const runs = async () => (await caseState(handle)).completedCounts['dailyEnd'] ?? 0;
        await clockTo(friday10 + 2 * DAY + 12 * HOUR); // Sunday 22:00
        expect(await runs()).toBe(0);
        await clockTo(friday10 + 3 * DAY + HOUR); // Monday 11:00
        await stateWhen(handle, (s) => s.completedCounts['dailyEnd'] === 1, 'the Monday instance');
        await clockTo(friday10 + 4 * DAY + HOUR); // Tuesday 11:00
        await stateWhen(handle, (s) => s.completedCounts['dailyEnd'] === 2, 'the Tuesday instance');
        await complete(handle, task!);
        expect((await handle.result()).status).toBe('completed');
      },
      { workingDays: (from, days) => new Date(addWorkingDaysWith(Date.parse(from), days, weekdaysOnly)).toISOString() },
    );
  });

  it('R/P1D skips a holiday entered in the calendar and the weekend, and stops when the task is done', async () => {
    const model = await compileFixture(diagram(uniqueKey('wt-r1d'), 'R/P1D'));
    const tuesday10 = nextBeijing(await e.env.currentTimeMs(), 2, 10);
    // Wednesday is a company day off (a calendar_day row); Thursday and Friday are working days.
    const holiday = isoDay(tuesday10 + DAY + CST_OFFSET);
    const isWorking = (day: string) => day !== holiday && weekdaysOnly(day);
    const clockTo = await clockAt(tuesday10);
    await e.withWorker(
      async ({ start, stubs }) => {
        const handle = await start(model);
        const [task] = await openTasks(handle, ['handle']);
        await clockTo(tuesday10 + DAY + 2 * HOUR); // Wednesday 12:00, the holiday
        expect(await reminded(handle)).toBe(0);
        await clockTo(tuesday10 + 2 * DAY + HOUR); // Thursday 11:00
        await stateWhen(handle, (s) => s.completedCounts['remind'] === 1, 'the Thursday reminder');
        await clockTo(tuesday10 + 3 * DAY + HOUR); // Friday 11:00
        await stateWhen(handle, (s) => s.completedCounts['remind'] === 2, 'the Friday reminder');
        await clockTo(tuesday10 + 5 * DAY + 12 * HOUR); // Sunday 22:00
        expect(await reminded(handle)).toBe(2);
        await clockTo(tuesday10 + 6 * DAY + HOUR); // Monday 11:00
        await stateWhen(handle, (s) => s.completedCounts['remind'] === 3, 'the Monday reminder');

        const asked = stubs.calls.filter(([name]) => name === 'addWorkingDays').map(([, input]) => input as { from: string; days: number });
        expect(asked.slice(0, 4).map((a) => bjDayHour(Date.parse(a.from)))).toEqual(['Tue 10', 'Thu 10', 'Fri 10', 'Mon 10']);

        await complete(handle, task!);
        expect((await handle.result()).status).toBe('completed');
        await clockTo(tuesday10 + 10 * DAY);
        expect(stubs.calls.filter(([name]) => name === 'notify')).toHaveLength(3);
      },
      { workingDays: (from, days) => new Date(addWorkingDaysWith(Date.parse(from), days, isWorking)).toISOString() },
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileBpmn } from '../../bpmn/compile';
import { bpmnXml, flow, uniqueKey, userTask } from '../bpmn-xml';
import { caseState, compileFixture, complete, openTasks, startEngineEnv, type EngineEnv } from './engine-env';

// Issue 13 §4: a time cycle on a non-interrupting boundary event reminds every interval while
// the task waits, as many times as it says (R3/PT4H) or until the task is done (R/PT4H).

const cycle = (value: string) =>
  `<bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${value}</bpmn:timeCycle></bpmn:timerEventDefinition>`;

/** 处理 with a reminder boundary (→ 催办, a notify service task) repeating on `value`. */
const diagram = (key: string, value: string, interrupting = false) =>
  bpmnXml(
    key,
    `<bpmn:startEvent id="start"/>${userTask('handle')}<bpmn:endEvent id="end"/>
     <bpmn:boundaryEvent id="remind" attachedToRef="handle" cancelActivity="${interrupting}">${cycle(value)}</bpmn:boundaryEvent>
     <bpmn:serviceTask id="chase" name="催办"><bpmn:extensionElements><zeebe:taskDefinition type="notify"/></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="chased"/>
     ${flow('f1', 'start', 'handle')}${flow('f2', 'handle', 'end')}${flow('f3', 'remind', 'chase')}${flow('f4', 'chase', 'chased')}`,
  );

describe('engine: repeating timers', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  it('R3/PT4H reminds three times, four hours apart, and no more', async () => {
    const model = await compileFixture(diagram(uniqueKey('r3'), 'R3/PT4H'));
    expect(model.elements['remind']).toMatchObject({ trigger: { kind: 'timer', timer: { kind: 'duration', iso: 'PT4H' }, cycle: { repetitions: 3 } } });
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model);
      const [task] = await openTasks(handle, ['handle']);
      await e.env.sleep('9 hours');
      expect((await caseState(handle)).completedCounts['remind']).toBe(2);
      await e.env.sleep('20 hours');
      expect((await caseState(handle)).completedCounts['remind']).toBe(3);
      await complete(handle, task!);
      expect((await handle.result()).status).toBe('completed');
      expect(stubs.calls.filter(([name]) => name === 'notify')).toHaveLength(3);
    });
  });

  it('R/PT4H reminds while the task waits and stops when it is done', async () => {
    const model = await compileFixture(diagram(uniqueKey('rforever'), 'R/PT4H'));
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model);
      const [task] = await openTasks(handle, ['handle']);
      await e.env.sleep('21 hours');
      expect((await caseState(handle)).completedCounts['remind']).toBe(5);
      await complete(handle, task!);
      expect((await handle.result()).status).toBe('completed');
      await e.env.sleep('12 hours');
      expect(stubs.calls.filter(([name]) => name === 'notify')).toHaveLength(5);
    });
  });

  it('a cron cycle reminds at each match in Beijing time (weekdays at 09:00) while the task waits', async () => {
    const model = await compileFixture(diagram(uniqueKey('rcron'), '0 0 9 * * MON-FRI'));
    expect(model.elements['remind']).toMatchObject({ trigger: { kind: 'timer', timer: { kind: 'cron', cron: '0 0 9 * * MON-FRI' }, cycle: {} } });
    await e.withWorker(async ({ start, stubs }) => {
      const from = await e.env.currentTimeMs();
      const handle = await start(model);
      const [task] = await openTasks(handle, ['handle']);
      await e.env.sleep('8 days');
      const to = await e.env.currentTimeMs();
      // Counted independently of the cron code: every whole hour in the window that is 09:00 on a
      // weekday in Beijing (UTC+8).
      let expected = 0;
      for (let h = Math.ceil(from / 3_600_000) * 3_600_000; h <= to; h += 3_600_000) {
        const bj = new Date(h + 8 * 3_600_000);
        if (bj.getUTCHours() === 9 && bj.getUTCDay() >= 1 && bj.getUTCDay() <= 5) expected += 1;
      }
      expect(expected).toBeGreaterThanOrEqual(5);
      expect((await caseState(handle)).completedCounts['remind']).toBe(expected);
      await complete(handle, task!);
      expect((await handle.result()).status).toBe('completed');
      await e.env.sleep('3 days');
      expect(stubs.calls.filter(([name]) => name === 'notify')).toHaveLength(expected);
    });
  });

  it('a cycle is refused where it cannot repeat (an interrupting boundary) and when it is neither R<n>/<duration> nor a cron that fires at most once a minute', async () => {
    const codes = async (xml: string) => {
      const r = await compileBpmn(xml);
      return r.ok ? [] : r.problems.map((p) => [p.elementId, p.code]);
    };
    expect(await codes(diagram(uniqueKey('int'), 'R3/PT4H', true))).toEqual([['remind', 'bpmn.timer.cycle']]);
    expect(await codes(diagram(uniqueKey('cron'), '0 0 9 * * ?'))).toEqual([]);
    // Cron that fires every second, that never matches, or that is no cron.
    expect(await codes(diagram(uniqueKey('cronsec'), '* 0 9 * * ?'))).toEqual([['remind', 'bpmn.timer.badCycle']]);
    expect(await codes(diagram(uniqueKey('cronnever'), '0 0 9 31 FEB ?'))).toEqual([['remind', 'bpmn.timer.badCycle']]);
    expect(await codes(diagram(uniqueKey('cronbad'), '0 0 25 * * ?'))).toEqual([['remind', 'bpmn.timer.badCycle']]);
    expect(await codes(diagram(uniqueKey('zero'), 'R0/PT4H'))).toEqual([['remind', 'bpmn.timer.badCycle']]);
  });
});

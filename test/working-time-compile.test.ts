import { describe, expect, it } from 'vitest';
import { bpmnXml, flow } from './bpmn-xml';
import { compileBpmn } from '../bpmn/compile';

// shouwen:workingTime on a timer (issue 16): its PTnH duration counts working-day time only.

const withTimer = (duration: string, attr = ' shouwen:workingTime="true"') =>
  compileBpmn(
    bpmnXml(
      'p',
      `<bpmn:startEvent id="s"/><bpmn:userTask id="t"/><bpmn:boundaryEvent id="remind" attachedToRef="t" cancelActivity="false"${attr}><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${duration}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>${flow('f1', 's', 't')}${flow('f2', 't', 'e')}${flow('f3', 'remind', 'e2')}`,
    ),
  );

describe('working-time timers', () => {
  it('PT20H with shouwen:workingTime is 20 working hours', async () => {
    const r = await withTimer('PT20H');
    expect(r.ok, JSON.stringify(r.problems)).toBe(true);
    if (r.ok) expect(r.model.elements.remind).toMatchObject({ trigger: { kind: 'timer', timer: { kind: 'workingHours', hours: 20 } } });
  });

  it('without it, PT20H stays clock time', async () => {
    const r = await withTimer('PT20H', '');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.model.elements.remind).toMatchObject({ trigger: { kind: 'timer', timer: { kind: 'duration', iso: 'PT20H' } } });
  });

  it.each(['P1D', 'PT90M', '=reminderAfter'])('refuses %s: whole hours only', async (duration) => {
    const r = await withTimer(duration);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ elementId: 'remind', code: 'bpmn.timer.workingTime' })]);
  });
});

// Issue 13 §4: a repeating timer may count working time too — each interval in working hours or
// working days; combinations with nothing to count are refused naming the element.

const cycleXml = (value: string) =>
  `<bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${value}</bpmn:timeCycle></bpmn:timerEventDefinition>`;
const withCycle = (value: string, attr = ' shouwen:workingTime="true"') =>
  compileBpmn(
    bpmnXml(
      'p',
      `<bpmn:startEvent id="s"/><bpmn:userTask id="t"/><bpmn:boundaryEvent id="remind" attachedToRef="t" cancelActivity="false"${attr}>${cycleXml(value)}</bpmn:boundaryEvent><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>${flow('f1', 's', 't')}${flow('f2', 't', 'e')}${flow('f3', 'remind', 'e2')}`,
    ),
  );
const codes = (r: Awaited<ReturnType<typeof compileBpmn>>) => (r.ok ? [] : r.problems.map((p) => [p.elementId, p.code]));

describe('working-time time cycles', () => {
  it('R3/PT4H counts each interval in working hours, three times', async () => {
    const r = await withCycle('R3/PT4H');
    expect(r.ok, JSON.stringify(r.problems)).toBe(true);
    if (r.ok) expect(r.model.elements.remind).toMatchObject({ trigger: { kind: 'timer', timer: { kind: 'workingHours', hours: 4 }, cycle: { repetitions: 3 } } });
  });

  it('R/P1D steps one working day at a time while the task waits', async () => {
    const r = await withCycle('R/P1D');
    expect(r.ok, JSON.stringify(r.problems)).toBe(true);
    if (r.ok) {
      expect(r.model.elements.remind).toMatchObject({ trigger: { kind: 'timer', timer: { kind: 'workingDays', days: 1 }, cycle: {} } });
      expect((r.model.elements.remind as { trigger: { cycle: object } }).trigger.cycle).not.toHaveProperty('repetitions');
    }
  });

  it('without the attribute the same cycles stay clock time', async () => {
    const r = await withCycle('R/P1D', '');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.model.elements.remind).toMatchObject({ trigger: { kind: 'timer', timer: { kind: 'duration', iso: 'P1D' } } });
  });

  it('refuses working time on a cron cycle: the cron names its own times', async () => {
    expect(codes(await withCycle('0 0 9 * * MON-FRI'))).toEqual([['remind', 'bpmn.timer.workingTimeCron']]);
  });

  it.each(['R3/PT90M', 'R/P1DT2H', 'R/PT30S'])('refuses %s: whole working hours or days only', async (value) => {
    expect(codes(await withCycle(value))).toEqual([['remind', 'bpmn.timer.workingTimeCycle']]);
  });

  it('an event sub-process timer start takes it too (non-interrupting, R/P1D)', async () => {
    const r = await compileBpmn(
      bpmnXml(
        'p',
        `<bpmn:startEvent id="s"/><bpmn:userTask id="t"/><bpmn:endEvent id="e"/>${flow('f1', 's', 't')}${flow('f2', 't', 'e')}
         <bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="daily" isInterrupting="false" shouwen:workingTime="true">${cycleXml('R/P1D')}</bpmn:startEvent><bpmn:endEvent id="espEnd"/>${flow('f3', 'daily', 'espEnd')}</bpmn:subProcess>`,
      ),
    );
    expect(r.ok, JSON.stringify(r.problems)).toBe(true);
    if (r.ok) expect(r.model.elements.daily).toMatchObject({ trigger: { kind: 'timer', timer: { kind: 'workingDays', days: 1 }, cycle: {} } });
  });

  it('refuses working time on a process timer start event: a schedule runs on the clock (shouwen:workingDaysOnly skips days off)', async () => {
    const r = await compileBpmn(
      bpmnXml(
        'p',
        `<bpmn:startEvent id="daily" shouwen:workingTime="true" shouwen:owner="zj.cs_manager">${cycleXml('R/P1D')}</bpmn:startEvent><bpmn:userTask id="t"/><bpmn:endEvent id="e"/>${flow('f1', 'daily', 't')}${flow('f2', 't', 'e')}`,
      ),
    );
    expect(codes(r)).toEqual([['daily', 'bpmn.timerStart.workingTime']]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bpmnXml, flow, userTask } from './bpmn-xml';
import { compileBpmn, hashProcessModel } from '../bpmn/compile';
import { parseCron } from '../bpmn/cron';
import { startsByHand, timerStarts } from '../bpmn/model';

// Issue 13 §1: timer start events compile into the schedule the API creates on deploy. The
// cycle is fixed at deploy, so every mistake in it is a compile error naming the element.

const timerStart = (id: string, def: string, attrs = '') =>
  `<bpmn:startEvent id="${id}" ${attrs}><bpmn:timerEventDefinition>${def}</bpmn:timerEventDefinition></bpmn:startEvent>`;
const cycle = (v: string) => `<bpmn:timeCycle xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${v}</bpmn:timeCycle>`;
const date = (v: string) => `<bpmn:timeDate xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${v}</bpmn:timeDate>`;
const duration = (v: string) => `<bpmn:timeDuration xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${v}</bpmn:timeDuration>`;

/** A timer start (and optionally a none start) → one user task → end. */
const diagram = (timer: string, withNoneStart = false) =>
  bpmnXml(
    'scheduled',
    `${timer}${withNoneStart ? '<bpmn:startEvent id="manual"/>' + flow('fm', 'manual', 'work') : ''}${userTask('work')}<bpmn:endEvent id="end"/>
     ${flow('f1', 'daily', 'work')}${flow('f2', 'work', 'end')}`,
  );

const compile = (timer: string, withNoneStart = false) => compileBpmn(diagram(timer, withNoneStart));

describe('timer start events', () => {
  it.each([
    ['R/PT1H', { kind: 'interval', every: 'PT1H' }],
    ['R5/P1D', { kind: 'interval', every: 'P1D', repetitions: 5 }],
    ['R/2026-12-01T09:00:00+08:00/P1D', { kind: 'interval', every: 'P1D', startAt: '2026-12-01T09:00:00+08:00' }],
    ['0 0 9 * * MON-FRI', { kind: 'cron', cron: '0 0 9 * * MON-FRI' }],
    ['30 8 1 * *', { kind: 'cron', cron: '0 30 8 1 * *' }],
  ])('compiles the cycle %s into its schedule', async (value, timing) => {
    const result = await compile(timerStart('daily', cycle(value), 'shouwen:owner="role:cs_manager" shouwen:unit="zj"'));
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.model.elements.daily).toMatchObject({ type: 'startEvent', timer: { expression: value, timing, owner: { kind: 'role', role: 'cs_manager' }, unitId: 'zj' } });
    // Only timer starts: the timer start stands in, and nobody may start a case by hand.
    expect(result.model.startEventId).toBe('daily');
    expect(startsByHand(result.model)).toBe(false);
    expect(timerStarts(result.model).map((e) => e.id)).toEqual(['daily']);
  });

  it('compiles a date into one run, and keeps a none start event for 新建 beside it', async () => {
    const result = await compile(timerStart('daily', date('2027-01-04T09:00:00+08:00'), 'shouwen:owner="zj.cs_manager"'), true);
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.model.startEventId).toBe('manual');
    expect(startsByHand(result.model)).toBe(true);
    expect(result.model.elements.daily).toMatchObject({ timer: { timing: { kind: 'date', at: '2027-01-04T09:00:00+08:00' }, owner: { kind: 'user', userId: 'zj.cs_manager' } } });
  });

  it('a none start event with shouwen:manualStart="false" is the system\'s: 新建 does not offer the process', async () => {
    const system = await compileBpmn(bpmnXml('sys', `<bpmn:startEvent id="s" shouwen:manualStart="false"/>${userTask('work')}<bpmn:endEvent id="end"/>${flow('f1', 's', 'work')}${flow('f2', 'work', 'end')}`));
    expect(system.ok ? [] : system.problems).toEqual([]);
    if (!system.ok) return;
    expect(system.model.elements.s).toMatchObject({ manualStart: false });
    expect(startsByHand(system.model)).toBe(false);
    const plain = await compileBpmn(bpmnXml('sys', `<bpmn:startEvent id="s"/>${userTask('work')}<bpmn:endEvent id="end"/>${flow('f1', 's', 'work')}${flow('f2', 'work', 'end')}`));
    expect(plain.ok && plain.model.elements.s).not.toHaveProperty('manualStart');
    expect(plain.ok && startsByHand(plain.model)).toBe(true);
  });

  it('keeps shouwen:workingDaysOnly, and writes nothing for it when absent', async () => {
    const on = await compile(timerStart('daily', cycle('0 0 9 * * *'), 'shouwen:owner="zj.cs_manager" shouwen:workingDaysOnly="true"'));
    const off = await compile(timerStart('daily', cycle('0 0 9 * * *'), 'shouwen:owner="zj.cs_manager"'));
    if (!on.ok || !off.ok) throw new Error('does not compile');
    expect(on.model.elements.daily).toMatchObject({ timer: { workingDaysOnly: true } });
    expect(JSON.stringify(off.model)).not.toContain('workingDaysOnly');
  });

  it('goes to the process owners, with a warning, when the diagram names no owner', async () => {
    const result = await compile(timerStart('daily', cycle('R/P1D')));
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([expect.objectContaining({ elementId: 'daily', code: 'bpmn.timerStart.noOwner' })]);
    if (result.ok) expect(result.model.elements.daily).toMatchObject({ timer: { owner: { kind: 'role', role: 'process_owner' } } });
  });

  it.each([
    [cycle('R/PT4X'), 'bpmn.timerStart.badCycle'],
    [cycle('every day'), 'bpmn.timerStart.badCycle'],
    [cycle('0 0 25 * * *'), 'bpmn.timerStart.badCycle'],
    [cycle('0 0 9 L * *'), 'bpmn.timerStart.badCycle'],
    [cycle('0 0 9 ? * MON#2'), 'bpmn.timerStart.badCycle'],
    [cycle('R0/P1D'), 'bpmn.timerStart.badCycle'],
    [cycle('R/yesterday/P1D'), 'bpmn.timerStart.badCycle'],
    [cycle('R/P1M'), 'bpmn.timerStart.badCycle'],
    [cycle('R/PT10S'), 'bpmn.timerStart.tooOften'],
    [cycle('*/5 * * * * *'), 'bpmn.timerStart.tooOften'],
    [cycle('=schedule'), 'bpmn.timerStart.feel'],
    [date('2027-01-04 09:00'), 'bpmn.timer.badDate'],
    [duration('PT1H'), 'bpmn.timerStart.duration'],
    [cycle('R/P1D') + date('2027-01-04T09:00:00+08:00'), 'bpmn.timerStart.both'],
  ])('refuses %s naming the start event', async (def, code) => {
    const result = await compile(timerStart('daily', def, 'shouwen:owner="zj.cs_manager"'));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ elementId: 'daily', elementType: 'startEvent', code })]);
  });

  it('refuses an owner that is neither a user nor role:<role>', async () => {
    const result = await compile(timerStart('daily', cycle('R/P1D'), 'shouwen:owner="客服 经理"'));
    expect(result.problems).toEqual([expect.objectContaining({ elementId: 'daily', code: 'bpmn.timerStart.badOwner' })]);
  });

  it('refuses a timer start event inside a sub-process', async () => {
    const xml = bpmnXml(
      'nested',
      `<bpmn:startEvent id="s"/><bpmn:subProcess id="sub">${timerStart('inner', cycle('R/P1D'), 'shouwen:owner="zj.cs_manager"')}<bpmn:startEvent id="subStart"/>${userTask('t')}<bpmn:endEvent id="subEnd"/>${flow('a', 'subStart', 't')}${flow('b', 'inner', 't')}${flow('c', 't', 'subEnd')}</bpmn:subProcess><bpmn:endEvent id="e"/>${flow('f1', 's', 'sub')}${flow('f2', 'sub', 'e')}`,
    );
    const result = await compileBpmn(xml);
    expect(result.problems).toEqual(expect.arrayContaining([expect.objectContaining({ elementId: 'inner', code: 'bpmn.timerStart.inSubProcess' })]));
  });

  it('leaves the model of a diagram without timer start events as it was (same hash)', async () => {
    const result = await compileBpmn(readFileSync(new URL('../bpmn/processes/demo-approval.bpmn', import.meta.url), 'utf8'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(JSON.stringify(result.model)).not.toContain('"timer":');
    expect(hashProcessModel(result.model)).toBe(result.model.hash);
  });
});

describe('cron', () => {
  it('reads names, lists, ranges, steps and Sunday as 7', () => {
    const parsed = parseCron('0 15,45 8-18/2 ? JAN,JUL 5-7');
    expect(parsed).toEqual({
      ok: true,
      fields: {
        second: [{ start: 0, end: 0, step: 1 }],
        minute: [{ start: 15, end: 15, step: 1 }, { start: 45, end: 45, step: 1 }],
        hour: [{ start: 8, end: 18, step: 2 }],
        dayOfMonth: [{ start: 1, end: 31, step: 1 }],
        month: [{ start: 1, end: 1, step: 1 }, { start: 7, end: 7, step: 1 }],
        dayOfWeek: [{ start: 5, end: 6, step: 1 }, { start: 0, end: 0, step: 1 }],
      },
    });
  });

  it.each(['0 0 9 * *  * *', '0 60 9 * * *', '0 0 9 * * MON-SUNDAY', '0 0 9 5-1 * *', '0 0 9 * * 1/0'])('refuses %s', (raw) => {
    expect(parseCron(raw).ok).toBe(false);
  });
});

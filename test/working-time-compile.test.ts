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

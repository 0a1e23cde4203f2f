import { describe, expect, it } from 'vitest';
import { bpmnXml, flow } from './bpmn-xml';
import { compileBpmn } from '../bpmn/compile';

// shouwen:dueByTier (issue 15): a user task due by the case customer's tier's limit for a step kind,
// with shouwen:dueWorkingDays as the limit when the case has no customer.

const withTask = (attrs: string) => compileBpmn(bpmnXml('p', `<bpmn:startEvent id="s"/><bpmn:userTask id="t"${attrs}/><bpmn:endEvent id="e"/>${flow('f1', 's', 't')}${flow('f2', 't', 'e')}`));

describe('due by tier', () => {
  it('names the step kind and keeps the working days as the default', async () => {
    const r = await withTask(' shouwen:dueByTier="complaint" shouwen:dueWorkingDays="3"');
    expect(r.ok, JSON.stringify(r.problems)).toBe(true);
    if (r.ok) expect(r.model.elements.t).toMatchObject({ dueByTier: 'complaint', due: { kind: 'workingDays', days: 3 } });
  });

  it('a task without it compiles as before (no dueByTier in the model)', async () => {
    const r = await withTask(' shouwen:dueWorkingDays="3"');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.model.elements.t).not.toHaveProperty('dueByTier');
  });

  it('refuses an unknown step kind and a missing default', async () => {
    const unknown = await withTask(' shouwen:dueByTier="repair" shouwen:dueWorkingDays="3"');
    expect(unknown.ok).toBe(false);
    expect(unknown.problems).toEqual([expect.objectContaining({ elementId: 't', code: 'bpmn.due.unknownTierLimit' })]);
    const noDefault = await withTask(' shouwen:dueByTier="followUp"');
    expect(noDefault.ok).toBe(false);
    expect(noDefault.problems).toEqual([expect.objectContaining({ elementId: 't', code: 'bpmn.due.tierNoDefault' })]);
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import type { CaseEvent } from '../../../contract';
import { messages } from '../i18n/allMessages';
import { describeCaseEvent, taskElements } from './caseEvents';
import { bodyFieldErrors, modelProblemsOf } from './problems';
import { capabilities } from '../../../policy/capabilities';
import { canDeployProcesses } from './roles';
import { parseValue, rowsToVariables, withCustomer } from './variables';

const ev = (kind: string, extra: Partial<CaseEvent> = {}): CaseEvent => ({ seq: 1, n: 1, kind, taskId: null, actorId: null, actorName: null, assigneeName: null, at: '2026-01-01T00:00:00Z', payload: {}, ...extra });

describe('deploy rights', () => {
  // Who has them is policy/capabilities.test.ts; the console only reads the session's answer.
  it('come from the session capabilities', () => {
    const session = (deployProcesses: boolean) => ({ capabilities: { ...capabilities({ roles: [] }), deployProcesses } });
    expect(canDeployProcesses(session(true))).toBe(true);
    expect(canDeployProcesses(session(false))).toBe(false);
    expect(canDeployProcesses(null)).toBe(false);
  });
});

describe('case history lines', () => {
  const names = (id: string | null) => (id === 'c/Approve/1' ? '客服经理审批' : (id ?? ''));

  it('reads every known kind with a message both languages have', () => {
    const kinds = ['case.started', 'task.opened', 'task.claimed', 'task.unclaimed', 'task.delegated', 'task.completed', 'task.cancelled', 'task.escalated', 'notification', 'case.archived', 'case.customer', 'callback.coverage', 'task.dueByTier', 'incident.raised', 'incident.resolved', 'case.ended', 'case.migrated', 'case.migrationUndone', 'case.migrationAbandoned', 'something.new'];
    for (const kind of kinds) {
      const line = describeCaseEvent(ev(kind), names);
      expect(messages['zh-CN'][line.key], kind).toBeTruthy();
      expect(messages.en[line.key], kind).toBeTruthy();
    }
  });

  it('carries who, what and the comment of a completion', () => {
    const line = describeCaseEvent(ev('task.completed', { taskId: 'c/Approve/1', actorId: 'zj.cs_manager', actorName: '王经理', payload: { outcome: 'reject', comment: '金额不符' } }), names);
    expect(line).toMatchObject({ key: 'event.taskCompleted', vars: { actor: '王经理', task: '客服经理审批' }, outcome: 'reject', note: '金额不符', color: 'red' });
    expect(describeCaseEvent(ev('task.delegated', { actorId: 'a', actorName: '甲', assigneeName: '乙', payload: { assigneeId: 'b', reason: '休假' } }), names)).toMatchObject({ vars: { actor: '甲', to: '乙' }, note: '休假' });
    expect(describeCaseEvent(ev('case.ended', { payload: { status: 'completed' } }), names).color).toBe('green');
    expect(describeCaseEvent(ev('something.new', { actorId: 'x', actorName: '某人' }), names).vars).toEqual({ kind: 'something.new', actor: '某人' });
  });

  it('reads a 回访 coverage decision with the tier rule it applied (issue 15)', () => {
    const payload = { customerTier: 'D', tierName: '潜在客户', callbackCoverage: 0.1, callbackSampleBucket: 5234, callbackSelected: false };
    expect(describeCaseEvent(ev('callback.coverage', { payload }), names)).toMatchObject({ key: 'event.callbackSkipped', vars: { tier: 'D', tierName: '潜在客户', coverage: '10%', bucket: '5234/10000' }, color: 'gray' });
    expect(describeCaseEvent(ev('callback.coverage', { payload: { ...payload, callbackSelected: true } }), names).key).toBe('event.callbackSelected');
  });

  it('says why a task is due when it is: the tier\'s limit, or the default without a tier (issue 15)', () => {
    const payload = { taskName: '转交处理（初步分析）', customerTier: 'A', tierName: '重点客户', days: 1 };
    expect(describeCaseEvent(ev('task.dueByTier', { payload }), names)).toMatchObject({ key: 'event.dueByTier', vars: { task: '转交处理（初步分析）', tier: 'A', tierName: '重点客户', days: 1 } });
    expect(describeCaseEvent(ev('task.dueByTier', { payload: { ...payload, customerTier: null, tierName: null, days: 3 } }), names)).toMatchObject({ key: 'event.dueByTierDefault', vars: { days: 3 } });
  });

  it('shows people by name, the engine as 系统 / System, units by name (issue 12)', () => {
    const en = { system: 'System', unit: (id: string) => ({ zj: 'Zhejiang', east: 'East China' })[id] ?? id };
    expect(describeCaseEvent(ev('incident.resolved', { actorId: null, payload: { action: 'retry' } }), names).vars.actor).toBe('系统');
    expect(describeCaseEvent(ev('incident.resolved', { actorId: null, payload: { action: 'retry' } }), names, undefined, en).vars.actor).toBe('System');
    expect(describeCaseEvent(ev('task.claimed', { actorId: 'zj.cs_manager', actorName: '浙江省服务中心 客服经理' }), names, undefined, en).vars.actor).toBe('浙江省服务中心 客服经理');
    expect(describeCaseEvent(ev('task.escalated', { payload: { fromUnitId: 'zj', toUnitId: 'east' } }), names, undefined, en).vars).toMatchObject({ from: 'Zhejiang', to: 'East China' });
  });

  it('maps task ids to their elements from task.opened', () => {
    expect(taskElements([ev('task.opened', { taskId: 't1', payload: { elementId: 'Approve' } }), ev('task.completed', { taskId: 't1' })])).toEqual(new Map([['t1', 'Approve']]));
  });
});

describe('new-case variables', () => {
  it('parses JSON-looking values and keeps other text', () => {
    expect(parseValue('42')).toBe(42);
    expect(parseValue('true')).toBe(true);
    expect(parseValue('["a",1]')).toEqual(['a', 1]);
    expect(parseValue('"42"')).toBe('42');
    expect(parseValue('退货')).toBe('退货');
    expect(parseValue('12 件')).toBe('12 件');
    expect(parseValue('{broken')).toBe('{broken');
  });

  it('skips nameless rows and sends nothing when empty', () => {
    expect(rowsToVariables([{ name: ' amount ', value: '300' }, { name: '', value: 'x' }, { name: 'reason', value: '破损' }])).toEqual({ amount: 300, reason: '破损' });
    expect(rowsToVariables([{ name: '  ' }])).toBeUndefined();
    expect(rowsToVariables(undefined)).toBeUndefined();
  });

  it("pre-fills the forms' customer fields from the chosen customer; typed variables win", () => {
    const c = { id: 'C0002', name: '宁波港城贸易有限公司', contactName: '李芳', phone: '0574-87654321' };
    expect(withCustomer(c, undefined)).toEqual({ customerId: 'C0002', customerName: '宁波港城贸易有限公司', contactPerson: '李芳', phone: '0574-87654321' });
    expect(withCustomer({ ...c, contactName: null, phone: null }, { customerName: '港城' })).toEqual({ customerId: 'C0002', customerName: '港城' });
    expect(withCustomer(null, { amount: 1 })).toEqual({ amount: 1 });
    expect(withCustomer(null, undefined)).toBeUndefined();
  });
});

describe('request problems', () => {
  it('sorts field errors by body field', () => {
    expect(bodyFieldErrors([{ path: 'body.customerId', message: 'unknown' }, { path: 'body.variables.1x', message: 'bad name' }, { path: 'query.q', message: 'x' }])).toEqual({
      customerId: ['unknown'],
      variables: ['bad name'],
    });
  });

  it('takes diagram problems from a refused deployment only', () => {
    const err = new ApiError(422, { errors: [{ path: 'body.xml#Task_1', elementId: 'Task_1', elementType: 'bpmn:UserTask', message: 'no assignee' } as never, { path: 'body.xml', message: 'no start event' }] });
    expect(modelProblemsOf(err)).toEqual([
      { elementId: 'Task_1', elementType: 'bpmn:UserTask', message: 'no assignee' },
      { elementId: '', elementType: '', message: 'no start event' },
    ]);
    expect(modelProblemsOf(new ApiError(403, {}))).toEqual([]);
  });
});

describe('a new diagram', () => {
  it('gets a process id the API accepts as a key, and escapes the name', async () => {
    const { newDiagramXml, newProcessId } = await import('../pages/Processes/Editor/newDiagram');
    const id = newProcessId(() => 0.5);
    expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/);
    expect(newProcessId()).not.toBe(newProcessId());
    const xml = newDiagramXml(id, 'A & <B>');
    expect(xml).toContain(`<bpmn:process id="${id}" name="A &amp; &lt;B&gt;" isExecutable="true">`);
    expect(xml).toContain('xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"');
  });
});

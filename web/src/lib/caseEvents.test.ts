import { describe, expect, it } from 'vitest';
import type { CaseEvent, ProcessVersion } from '../../../contract';
import { completedData, describeCaseEvent, stepNameResolver } from './caseEvents';

const event = (kind: string, payload: Record<string, unknown>, taskId: string | null = null): CaseEvent => ({ seq: 1, n: 1, kind, taskId, actorId: 'zj.cs_agent', at: '2026-01-01T00:00:00Z', payload }) as unknown as CaseEvent;
const version = { model: { elements: { Approve: { name: '客服经理审批' } } } } as unknown as ProcessVersion;

describe('a new case page (issue 12 §5)', () => {
  it('names the version from the case when the start event does not carry it', () => {
    expect(describeCaseEvent(event('case.started', {}), () => '—', 3).vars.version).toBe('3');
    expect(describeCaseEvent(event('case.started', { processVersion: 2 }), () => '—', 3).vars.version).toBe('2');
  });

  it('names a step the history has not recorded yet from the live state, never by its raw id', () => {
    const name = stepNameResolver([], version, [{ taskId: 't-123', elementId: 'Approve', name: 'Approve' }], '一个步骤');
    expect(name('t-123')).toBe('客服经理审批');
    expect(stepNameResolver([], undefined, [{ taskId: 't-1', elementId: 'Approve', name: '审批' }], '一个步骤')('t-1')).toBe('审批');
    expect(name('t-unknown')).toBe('一个步骤');
    expect(stepNameResolver([event('task.opened', { elementId: 'Approve' }, 't-9')], version, [], '?')('t-9')).toBe('客服经理审批');
  });

  it('reads the data a completion recorded', () => {
    expect(completedData(event('task.completed', { outcome: 'approve', data: { amount: 5 } }))).toEqual({ amount: 5 });
    expect(completedData(event('task.completed', {}))).toEqual({});
    expect(completedData(event('task.opened', { data: { x: 1 } }))).toEqual({});
  });
});

describe('engine events of issue 13 on the timeline', () => {
  it('a milestone by its name; a decision by its table, version and the rules that matched', () => {
    expect(describeCaseEvent(event('milestone', { elementId: 'sent', name: '已发出回访信' }), () => '—')).toMatchObject({ key: 'event.milestone', vars: { name: '已发出回访信' } });
    const decided = event('decision.evaluated', {
      decisionId: 'creditGrade',
      decisionName: '信用等级评估原则',
      version: 2,
      evaluated: [{ matchedRules: [] }, { matchedRules: [{ id: 'rule_good', index: 2, description: '偶有短期逾期' }] }],
    });
    expect(describeCaseEvent(decided, () => '—')).toMatchObject({ key: 'event.decisionEvaluated', vars: { decision: '信用等级评估原则', version: '2', rules: '#2 偶有短期逾期' } });
  });
});

describe('a case a schedule started (issue 13 §1)', () => {
  it('is started by 系统（定时）, not by a person and not by the bare 系统', () => {
    const started = { ...event('case.started', { processVersion: 1, scheduledBy: 'monthly', ownerId: 'zj.cs_manager' }), actorId: null } as CaseEvent;
    expect(describeCaseEvent(started, () => '—').vars.actor).toBe('系统（定时）');
    const byEngine = { ...event('case.started', { processVersion: 1 }), actorId: null } as CaseEvent;
    expect(describeCaseEvent(byEngine, () => '—').vars.actor).toBe('系统');
  });
});

describe('a case moved to another version', () => {
  it('says who moved it, between which versions, which steps went where, and why', () => {
    const moved = { ...event('case.migrated', { fromVersion: 1, toVersion: 2, note: '新增总经理审批', moves: [{ from: 'review', to: 'check', fromName: '审核', toName: '检查' }, { from: 'wait', to: 'wait' }] }), actorName: '流程负责人' } as CaseEvent;
    expect(describeCaseEvent(moved, () => '—')).toMatchObject({ key: 'event.caseMigrated', vars: { actor: '流程负责人', from: '1', to: '2', steps: '审核 → 检查、wait → wait' }, note: '新增总经理审批' });
    expect(describeCaseEvent(event('case.migrationUndone', { fromVersion: 2, toVersion: 1, moves: [] }), () => '—')).toMatchObject({ key: 'event.caseMigrationUndone', vars: { steps: '—' } });
  });
});

describe('a case purged with its archive (issue 16) on the timeline', () => {
  it('keeps each line and puts 内容已随档案销毁 where its details were', () => {
    const purged = describeCaseEvent(event('task.completed', { contentDestroyed: '内容已随档案销毁' }, 't-1'), () => '客服经理审批');
    expect(purged).toMatchObject({ key: 'event.taskCompleted', vars: { task: '客服经理审批' }, note: '内容已随档案销毁' });
    expect(describeCaseEvent(event('task.completed', { outcome: 'approve', comment: '同意' }, 't-1'), () => '—').note).toBe('同意');
    expect(describeCaseEvent(event('case.contentDestroyed', { archiveId: 'DA-2026-11-000001', destructionNo: 'XH-2026-11-000001' }), () => '—')).toMatchObject({
      key: 'event.caseContentDestroyed',
      vars: { archive: 'DA-2026-11-000001', destruction: 'XH-2026-11-000001' },
    });
    expect(describeCaseEvent(event('case.historyDestroyed', { destructionNo: 'XH-2026-11-000001' }), () => '—').key).toBe('event.caseHistoryDestroyed');
  });
});

describe('an incident on the timeline', () => {
  it('says where and why with the reader’s words when given, never the element id or the engine’s English line', () => {
    const raised = event('incident.raised', { elementId: 'Activity_0x9f', elementName: null, message: 'Activity_0x9f: no outgoing condition is true and the gateway has no default flow' });
    const words = { system: '系统', unit: (id: string) => id, element: () => '未命名的排他网关', incident: () => ({ element: '未命名的排他网关', reason: '未命名的排他网关的出口条件都不成立' }) };
    expect(describeCaseEvent(raised, () => '—', 1, words)).toMatchObject({ key: 'event.incidentRaised', vars: { element: '未命名的排他网关' }, note: '未命名的排他网关的出口条件都不成立' });
    // Without the words (no model yet): the name if any, else a dash; never the id.
    expect(describeCaseEvent(raised, () => '—').vars.element).toBe('—');
    const moved = event('case.migrated', { fromVersion: 1, toVersion: 2, moves: [{ from: 'wait', to: 'wait' }] });
    expect(describeCaseEvent(moved, () => '—', 1, words).vars.steps).toBe('未命名的排他网关 → 未命名的排他网关');
  });

  it('a failed case’s end reason (the engine’s English line) in the reader’s words when given', () => {
    const ended = event('case.ended', { status: 'failed', reason: 'uncaught BPMN error NOT_FOUND from EndEvent_1' });
    const words = { system: '系统', unit: (id: string) => id, failure: () => '未命名的结束事件抛出的业务错误“NOT_FOUND”没有被接住。' };
    expect(describeCaseEvent(ended, () => '—', 1, words).note).toBe('未命名的结束事件抛出的业务错误“NOT_FOUND”没有被接住。');
    expect(describeCaseEvent(event('case.ended', { status: 'terminated', reason: '处理故障时取消：重复' }), () => '—', 1, words).note).toBe('处理故障时取消：重复');
    // A cancellation's reason is the engine's word `cancelled`: said in the reader's words.
    expect(describeCaseEvent(event('case.ended', { status: 'terminated', reason: 'cancelled' }), () => '—', 1, { ...words, cancelled: '案例被取消' }).note).toBe('案例被取消');
  });

  it('a task whose step has no name is said by its kind, not its id', () => {
    expect(stepNameResolver([event('task.opened', { elementId: 'Activity_1' }, 't-1')], undefined, [], '一个步骤', () => '未命名的人工任务')('t-1')).toBe('未命名的人工任务');
    expect(stepNameResolver([event('task.opened', { elementId: 'Activity_1' }, 't-1')], undefined, [], '一个步骤')('t-1')).toBe('一个步骤');
  });
});

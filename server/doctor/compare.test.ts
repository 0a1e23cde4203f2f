import { describe, expect, it } from 'vitest';
import { compareCase, describeDifference, type DbCase } from './compare';

const row = (over: Partial<DbCase> = {}): DbCase => ({ caseId: 'p/1', status: 'running', processVersion: 1, tasks: [], chainBrokenAt: null, ...over });
const task = (taskId: string, status: 'open' | 'completing' = 'open') => ({ taskId, name: '审核', status });

describe('compareCase', () => {
  it('agrees when the rows say what Temporal says', () => {
    expect(compareCase({ caseId: 'p/1', status: 'running', processVersion: 1, openTasks: [task('t1')] }, row({ tasks: [{ taskId: 't1', name: '审核', status: 'open' }] }))).toEqual([]);
    expect(compareCase({ caseId: 'p/1', status: 'completed' }, row({ status: 'completed' }))).toEqual([]);
  });

  it('a task being completed may already be projected as completed, but not as cancelled or missing', () => {
    const t = { caseId: 'p/1', status: 'running' as const, processVersion: 1, openTasks: [task('t1', 'completing')] };
    expect(compareCase(t, row({ tasks: [{ taskId: 't1', name: '审核', status: 'completed' }] }))).toEqual([]);
    expect(compareCase(t, row({ tasks: [{ taskId: 't1', name: '审核', status: 'cancelled' }] }))).toEqual([{ code: 'task.missing', caseId: 'p/1', taskId: 't1', name: '审核', db: 'cancelled' }]);
    expect(compareCase(t, row())).toEqual([{ code: 'task.missing', caseId: 'p/1', taskId: 't1', name: '审核', db: null }]);
  });

  it('open rows of an ended case are extra; a version moved is named', () => {
    expect(compareCase({ caseId: 'p/1', status: 'completed' }, row({ status: 'completed', tasks: [{ taskId: 't1', name: '审核', status: 'open' }] }))).toEqual([
      { code: 'task.extra', caseId: 'p/1', taskId: 't1', name: '审核', temporal: 'completed' },
    ]);
    expect(compareCase({ caseId: 'p/1', status: 'running', processVersion: 2, openTasks: [] }, row())).toEqual([{ code: 'case.version', caseId: 'p/1', temporal: 2, db: 1 }]);
  });

  it('an ended case Temporal no longer keeps is no difference; a running one is', () => {
    expect(compareCase({ caseId: 'p/1', gone: true }, row({ status: 'completed' }))).toEqual([]);
    expect(compareCase({ caseId: 'p/1', gone: true }, row())).toEqual([{ code: 'case.notInTemporal', caseId: 'p/1', db: 'running' }]);
  });

  it('an unanswered state query is a difference (the tasks could not be checked), not silence', () => {
    const [d] = compareCase({ caseId: 'p/1', status: 'running', unanswered: 'deadline exceeded' }, row({ tasks: [{ taskId: 't1', name: '审核', status: 'open' }] }));
    expect(d).toEqual({ code: 'case.unanswered', caseId: 'p/1', reason: 'deadline exceeded' });
    expect(describeDifference(d!)).toBe('案例 p/1：Temporal 说运行中，但状态查询没有回答（deadline exceeded）；待办无法比对');
  });
});

import { describe, expect, it } from 'vitest';
import { SERVICE_TASK_TYPES } from '../bpmn/service-task-types';
import type { Db } from '../db/pool';
import { createServiceTaskActivities } from './service-tasks';

describe('service tasks', () => {
  it('implements exactly the types diagrams may name', () => {
    // The factory only captures db; no query runs while building the table.
    const implemented = Object.keys(createServiceTaskActivities({ db: {} as Db }));
    expect(implemented.sort()).toEqual([...SERVICE_TASK_TYPES].sort());
  });
});

describe('notify', () => {
  it("words a diagram's ISO date-times as China time, in the history and in the notice (issue 12)", async () => {
    const queries: Array<{ sql: string; params: unknown[] }> = [];
    const db = {
      query: async (sql: string, params: unknown[] = []) => {
        queries.push({ sql, params });
        return { rows: [], rowCount: 0 };
      },
    } as unknown as Db;
    await createServiceTaskActivities({ db }).notify({
      caseId: 'c1',
      key: 'c1/Remind/1',
      elementId: 'Remind',
      variables: { message: '投诉 TS-1 将于 2026-12-02T13:37:07.930Z 到期', to: 'zj.cs_manager' },
    });
    const event = queries.find((q) => q.sql.includes('INSERT INTO case_event'))!;
    expect(JSON.stringify(event.params)).toContain('将于 2026-12-02 21:37 到期');
    const notice = queries.find((q) => q.sql.includes('INSERT INTO notification'))!;
    expect(notice.params).toContain('投诉 TS-1 将于 2026-12-02 21:37 到期');
  });
});

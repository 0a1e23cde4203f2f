import { describe, expect, it } from 'vitest';
import { SERVICE_TASK_TYPES } from '../bpmn/service-task-types';
import type { Db } from '../db/pool';
import { createServiceTaskActivities } from './service-tasks';
import { undeclaredOutputs } from '../bpmn/service-task-outputs';

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

describe('what the service tasks return', () => {
  // Rows for the queries the archive tasks run, by a phrase of their SQL: enough to fill every field.
  const rowsFor = (sql: string): Record<string, unknown>[] => {
    if (sql.includes('AS expired')) {
      return [
        { id: 'DA-1', status: 'in_stock', legal_hold: false, expired: true },
        { id: 'DA-2', status: 'in_stock', legal_hold: true, expired: true },
      ];
    }
    if (sql.includes("'overdueLoan'")) return [{ archiveId: 'DA-3', kind: 'overdueLoan', detail: 'JY-1 应于 2026-01-01 归还' }];
    if (sql.includes('expires_on')) return [{ id: 'DA-1', expires_on: '2019-01-01', status: 'in_stock', legal_hold: false }];
    return [];
  };
  const db = { query: async (sql: string) => ({ rows: rowsFor(sql), rowCount: rowsFor(sql).length }) } as unknown as Db;
  const tasks = createServiceTaskActivities({ db });
  const input = (variables: Record<string, unknown>) => ({ caseId: 'c1', key: 'c1/T/1', elementId: 'T', variables });

  it('are only variables the catalog declares, their records’ fields included (bpmn/service-task-outputs.ts)', async () => {
    const ran = {
      'archive-destruction-check': await tasks['archive-destruction-check'](input({ proposedArchiveIds: 'DA-1, DA-2, DA-9' })),
      'archive-inspect': await tasks['archive-inspect'](input({})),
      notify: await tasks.notify(input({ message: '提醒', to: 'zj.cs_agent' })),
    } as const;
    expect(ran['archive-destruction-check'].destructionRefused).toHaveLength(2);
    expect(ran['archive-destruction-check'].expiredArchives).toHaveLength(1);
    expect(ran['archive-inspect'].findings).toHaveLength(1);
    for (const [type, result] of Object.entries(ran)) expect(undeclaredOutputs(type as keyof typeof ran, result), type).toEqual([]);
  });
});

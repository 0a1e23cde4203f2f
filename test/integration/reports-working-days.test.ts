import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../contract';
import { createCalendarActivities } from '../../activities/calendar';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../helpers';

// Issue 17: the 时效 report across a holiday. A step due "within 1 working day" (`shouwen:dueWorkingDays`)
// opened on the eve of National Day 2026 (国庆 1–7 October, in the business calendar) is due on
// 8 October, the next working day; its due time is computed by the deadline activity the engine
// calls, and the report counts against it. A calendar-day reading would call both tasks late.
describe('时效 report: a working-day deadline across a holiday', () => {
  let s: TestStack;
  const tag = Date.now().toString(36);
  const key = `rep-wd-${tag}`;
  let due: string;

  beforeAll(async () => {
    s = await startTestApi(uniqueTaskQueue('reports-wd'));
    // Wednesday 30 September 2026, 10:00 in China.
    const opened = '2026-09-30T02:00:00Z';
    due = await createCalendarActivities({ db: s.db }).addWorkingDays({ from: opened, days: 1 });
    await s.db.query(`INSERT INTO process_definition (key, version, name, hash, xml, model) VALUES ($1, 1, '节假日时效', $2, '<x/>', '{}')`, [key, `hash-${tag}`]);
    await s.db.query(
      `INSERT INTO process_case (id, process_key, process_version, business_key, title, status, unit_id, started_at, ended_at)
       VALUES ($1, $2, 1, $3, '节假日时效', 'completed', 'zj', $4, '2026-10-08T04:00:00Z')`,
      [`${key}/c1`, key, `${tag}-c1`, opened],
    );
    const tasks: Array<[string, string]> = [
      ['w1', '2026-10-08T01:00:00Z'], // 8 October 09:00 in China: before the due time, 191 h after opening
      ['w2', '2026-10-08T03:00:00Z'], // 8 October 11:00: an hour past it, 193 h
    ];
    for (const [t, completed] of tasks) {
      await s.db.query(
        `INSERT INTO task (id, case_id, element_id, name, status, unit_id, candidate_roles, due_at, created_at, completed_at, completed_by, escalation_level, outcome)
         VALUES ($1, $2, 'review', '审核', 'completed', 'zj', '{cs_manager}', $3, $4, $5, 'zj.cs_manager', 0, 'complete')`,
        [`${key}/c1/${t}`, `${key}/c1`, due, opened, completed],
      );
    }
  });
  afterAll(async () => s?.close());

  it('the deadline skips the seven holidays: due 8 October 10:00 in China', () => {
    expect(due).toBe('2026-10-08T02:00:00.000Z');
  });

  it('counts the task done on the first working day after the holiday on time, the one after its due time late', async () => {
    const res = await s.app.inject({
      method: 'GET',
      url: `/api/reports/sla?${new URLSearchParams({ processKey: key, from: '2026-10-01', to: '2026-10-31' })}`,
      headers: { cookie: await login(s.app, 'hq.auditor') },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Report;
    expect(Object.fromEntries(r.summary.map((x) => [x.key, x.value]))).toEqual({ completed: 2, onTimeRate: 0.5, late: 1, escalated: 0, medianHours: 192, p90Hours: 192.8 });
    expect(r.tables.find((t) => t.key === 'bySteps')!.rows).toEqual([
      { process: '节假日时效', step: '审核', unit: 'zj', completed: 2, onTime: 1, late: 1, noDeadline: 0, escalated: 0, maxLevel: 0, onTimeRate: 0.5, medianHours: 192, p90Hours: 192.8 },
    ]);
  });
});

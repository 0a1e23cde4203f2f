import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousMonth } from '../../../db/report-snapshots';
import { scheduleIdOf } from '../../../server/schedules/spec';
import { startEngine, uniqueKey, type Engine } from '../../engine-harness';
import { eventually } from '../../helpers';

// Issue 17, 定期总结 on a schedule: the monthly-report-summary diagram's timer start (a Temporal
// Schedule) runs generate-report-snapshots, which stores last month's reports per unit, then 归档 enters
// them in the archive register.

describe('月度报表存档 monthly-report-summary', () => {
  let e: Engine;
  let key: string;
  beforeAll(async () => {
    e = await startEngine('monthly-summary');
    key = uniqueKey('monthly-summary');
    const shipped = await readFile(new URL('../../../bpmn/processes/monthly-report-summary.bpmn', import.meta.url), 'utf8');
    const deployed = await e.deploy(shipped.replaceAll('"monthly-report-summary"', `"${key}"`));
    expect(deployed.statusCode, JSON.stringify(deployed.body)).toBe(201);
  });
  afterAll(async () => e?.close());

  it('a run of the schedule stores last month per unit, marked as the schedule’s and its case’s, readable through the API', async () => {
    const handle = e.stack.temporal.client.schedule.getHandle(scheduleIdOf(key, 'StartEvent_Monthly'));
    const described = await handle.describe();
    // Beijing time, the 1st at 01:00.
    expect(described.spec.timezone).toBe('Asia/Shanghai');
    const before = described.info.recentActions.length;
    const triggeredAt = Date.now();
    await e.stack.app.services.schedules.trigger(key, 'StartEvent_Monthly');
    const action = await eventually(async () => (await handle.describe()).info.recentActions[before], 30_000, 'a run of the schedule');
    const run = (await e.stack.temporal.client.workflow.getHandle(action.action.workflow.workflowId).result()) as { caseId: string };
    expect((await e.result(run.caseId)).status).toBe('completed');
    const vars = (await e.state(run.caseId)).variables as { summaryPeriod: string; summaryUnits: number; summaryIds: string[] };
    // Last month as of the run: read between these two clock readings (a China month may end meanwhile).
    expect(vars.summaryPeriod).toBeOneOf([previousMonth(triggeredAt), previousMonth(Date.now())]);

    const { rows } = await e.stack.db.query(`SELECT id::text, unit_id, period, trigger, generated_by, case_id FROM report_snapshot WHERE case_id = $1 ORDER BY report_snapshot.id`, [run.caseId]);
    expect(rows.map((r) => r.id)).toEqual(vars.summaryIds);
    expect(rows.length).toBe(vars.summaryUnits);
    expect(rows.map((r) => r.unit_id)).toEqual(expect.arrayContaining(['hq', 'zj', 'gd']));
    expect(rows.every((r) => r.trigger === 'schedule' && r.generated_by === null && r.period === vars.summaryPeriod)).toBe(true);

    const zj = rows.find((r) => r.unit_id === 'zj')!;
    const res = await e.stack.app.inject({ method: 'GET', url: `/api/report-snapshots/${zj.id}`, headers: { cookie: await e.cookie('zj.cs_manager') } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ period: vars.summaryPeriod, trigger: 'schedule', caseId: run.caseId, masked: false });
    expect(res.json().reports).toHaveLength(5);

    // 归档: the month's summaries are in the archive register like a case file, naming the snapshots.
    const archived = await e.stack.db.query(`SELECT id FROM archive WHERE case_id = $1`, [run.caseId]);
    expect(archived.rows).toHaveLength(1);
    const archive = await e.stack.app.inject({ method: 'GET', url: `/api/archives/${archived.rows[0].id}`, headers: { cookie: await e.cookie('hq.cs_manager') } });
    expect(archive.statusCode, archive.body).toBe(200);
    expect(archive.json()).toMatchObject({ id: expect.stringMatching(/^DA-/), archiveType: key, unitId: 'hq', status: expect.any(String), masked: false });
    expect(archive.json().records).toMatchObject({ summaryPeriod: vars.summaryPeriod, summaryUnits: vars.summaryUnits, summaryIds: vars.summaryIds });
    expect(archive.json().history.map((h: { kind: string }) => h.kind)).toContain('registered');
    const trail = await e.stack.app.inject({ method: 'GET', url: `/api/cases/${encodeURIComponent(run.caseId)}/audit`, headers: { cookie: await e.cookie('hq.auditor') } });
    expect(trail.json().entries.map((x: { kind: string }) => x.kind)).toContain('case.archived');
  });
});

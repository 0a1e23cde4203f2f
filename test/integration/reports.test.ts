import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../contract';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../helpers';
import { seedReportHistory, type ReportHistory } from '../report-history';

// Issue 17, reports: each report's figures against a history with known answers (test/report-history.ts),
// over October 2026 in China. Every expected number is worked out by hand in the comments there.

describe('reports: figures from a known history', () => {
  let s: TestStack;
  let h: ReportHistory;
  const cookies = new Map<string, string>();
  const cookie = async (user: string) => cookies.get(user) ?? cookies.set(user, await login(s.app, user)).get(user)!;
  const tag = Date.now().toString(36);

  beforeAll(async () => {
    s = await startTestApi(uniqueTaskQueue('reports'));
    h = await seedReportHistory(s.db, tag);
  });
  afterAll(async () => s?.close());

  const get = async (user: string, url: string) => {
    const res = await s.app.inject({ method: 'GET', url, headers: { cookie: await cookie(user) } });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res;
  };
  const report = async (user: string, name: string, query: Record<string, string> = {}) =>
    (await get(user, `/api/reports/${name}?${new URLSearchParams({ processKey: h.key, from: '2026-10-01', to: '2026-10-31', ...query })}`)).json() as Report;
  const summary = (r: Report) => Object.fromEntries(r.summary.map((x) => [x.key, x.value]));
  const rows = (r: Report, table: string) => r.tables.find((t) => t.key === table)!.rows;

  it('时效: on time, late (an escalated task counted late though it ended before its moved due time), levels, median and p90, per step and unit', async () => {
    const r = await report('hq.auditor', 'sla');
    // t1 t2 t3 t4 t5 t7 (t7 ended 1 October 01:00 in China; t8 on 1 November is out); 1, 2, 4, 6, 48, 72 hours.
    expect(summary(r)).toEqual({ completed: 6, onTimeRate: 0.5, late: 2, escalated: 1, medianHours: 5, p90Hours: 60 });
    expect(rows(r, 'bySteps')).toEqual([
      { process: '报表测试流程', step: '处理', unit: 'zj', completed: 1, onTime: 0, late: 1, noDeadline: 0, escalated: 1, maxLevel: 2, onTimeRate: 0, medianHours: 72, p90Hours: 72 },
      { process: '报表测试流程', step: '审核', unit: 'gd', completed: 1, onTime: 1, late: 0, noDeadline: 0, escalated: 0, maxLevel: 0, onTimeRate: 1, medianHours: 6, p90Hours: 6 },
      { process: '报表测试流程', step: '审核', unit: 'js', completed: 1, onTime: 0, late: 0, noDeadline: 1, escalated: 0, maxLevel: 0, onTimeRate: null, medianHours: 4, p90Hours: 4 },
      { process: '报表测试流程', step: '审核', unit: 'zj', completed: 2, onTime: 1, late: 1, noDeadline: 0, escalated: 0, maxLevel: 0, onTimeRate: 0.5, medianHours: 25, p90Hours: 43.4 },
      { process: '报表测试流程', step: '归档', unit: 'zj', completed: 1, onTime: 0, late: 0, noDeadline: 1, escalated: 0, maxLevel: 0, onTimeRate: null, medianHours: 1, p90Hours: 1 },
    ]);
    // China weeks (Mondays): 1 October is in the week of 28 September.
    expect(r.chart.points).toEqual([
      { x: '2026-09-28', y: 0, group: 'onTime' }, { x: '2026-09-28', y: 0, group: 'late' },
      { x: '2026-10-05', y: 1, group: 'onTime' }, { x: '2026-10-05', y: 2, group: 'late' },
      { x: '2026-10-12', y: 1, group: 'onTime' }, { x: '2026-10-12', y: 0, group: 'late' },
    ]);
    expect(r.unitNames.zj).toEqual({ 'zh-CN': expect.any(String), en: expect.any(String) });
  });

  it('时效 is scoped: a manager counts the cases of their units; a unit filter takes the unit and those below; a version filter', async () => {
    expect(summary(await report('zj.cs_manager', 'sla')).completed).toBe(4); // t1 t2 t3 t7: zj's cases
    expect(summary(await report('hq.auditor', 'sla', { unitId: 'east' })).completed).toBe(5); // zj and js
    expect(summary(await report('hq.auditor', 'sla', { unitId: 'gd' })).completed).toBe(1);
    expect(summary(await report('hq.auditor', 'sla', { processVersion: '2' })).completed).toBe(0);
    expect(summary(await report('hq.auditor', 'sla', { from: '2026-11-01', to: '2026-11-30' })).completed).toBe(1); // t8
  });

  it('满意度: satisfied and dissatisfied rates, SERVQUAL by dimension with 恢复性, the 回访日清表 and 回访 coverage', async () => {
    const r = await report('hq.auditor', 'satisfaction');
    expect(summary(r)).toEqual({ callbacks: 3, satisfactionRate: 0.6667, dissatisfactionRate: 0.3333, averageSatisfaction: 3.67, closedWorkOrders: 3, coverage: 0.6667 });
    expect(rows(r, 'dimensions')).toEqual([
      { dimension: 'tangibles', average: 3.67, answers: 3 },
      { dimension: 'reliability', average: 3.33, answers: 3 },
      { dimension: 'responsiveness', average: 4, answers: 3 },
      { dimension: 'assurance', average: 3.33, answers: 3 },
      { dimension: 'empathy', average: 3.67, answers: 3 },
      { dimension: 'recovery', average: 2.5, answers: 2 },
    ]);
    expect(rows(r, 'dailySheet').map((x) => [x.day, x.businessKey, x.customer, x.workOrder, x.satisfaction, x.recovery])).toEqual([
      ['2026-10-07', `${tag}-c1`, '杭州西湖电子有限公司', h.workOrders[0], 5, 4],
      ['2026-10-08', `${tag}-c2`, '宁波港城贸易有限公司', h.workOrders[1], 2, 1],
      ['2026-10-16', `${tag}-c4`, '深圳南山科技有限公司', null, 4, null],
    ]);
    // c2's second 派工单 was never called back: not 100% 回访.
    expect(rows(r, 'uncovered').map((x) => x.workOrder)).toEqual([h.workOrders[2]]);
  });

  it('投诉统计: by channel, severity, cause, department and outcome; time to close; closed late; repeat customers', async () => {
    const r = await report('hq.auditor', 'complaints');
    expect(summary(r)).toEqual({ complaints: 6, closed: 3, closedLate: 1, medianCloseHours: 72, p90CloseHours: 283.2, repeatCustomers: 2 });
    expect(rows(r, 'byChannel')).toEqual([{ value: '电话', count: 3 }, { value: '上门', count: 1 }, { value: '信函', count: 1 }, { value: '网络', count: 1 }]);
    expect(rows(r, 'bySeverity')).toEqual([{ value: 'general', count: 4 }, { value: 'major', count: 1 }, { value: 'serious', count: 1 }]);
    expect(rows(r, 'byCause')).toEqual([{ value: 'unknown', count: 3 }, { value: 'own', count: 2 }, { value: 'external', count: 1 }]);
    expect(rows(r, 'byDepartment')).toEqual([{ value: 'unknown', count: 3 }, { value: '质量管理部', count: 2 }, { value: '生产部', count: 1 }]);
    expect(rows(r, 'byOutcome')).toEqual([{ value: 'open', count: 3 }, { value: 'compensated', count: 1 }, { value: 'invalid', count: 1 }, { value: 'resolved', count: 1 }]);
    expect(rows(r, 'repeatCustomers')).toEqual([
      { customerId: 'C0001', customer: '杭州西湖电子有限公司', complaints: 2 },
      { customerId: 'C0006', customer: '深圳南山科技有限公司', complaints: 2 },
    ]);
  });

  it('维修统计: monthly volume in and out of warranty, fees, first-time fix rate, the 维修台账', async () => {
    const r = await report('hq.auditor', 'repairs', { to: '2026-11-30' });
    expect(summary(r)).toEqual({ workOrders: 4, inWarranty: 1, fees: 650, firstTimeFixRate: 0.6667 });
    expect(rows(r, 'monthly')).toEqual([
      { month: '2026-10', serviceKind: '维修', count: 3, inWarranty: 1, outOfWarranty: 2, fees: 500 },
      { month: '2026-11', serviceKind: '保养', count: 1, inWarranty: 0, outOfWarranty: 1, fees: 150 },
    ]);
    expect(rows(r, 'ledger').map((w) => [w.workOrder, w.customer, w.product, w.engineer, w.inWarranty, w.fee, w.status])).toEqual([
      [h.workOrders[0], '杭州西湖电子有限公司', '净水器', expect.stringContaining('工程部'), true, 0, 'closed'],
      [h.workOrders[1], '宁波港城贸易有限公司', '净水器', expect.stringContaining('工程部'), false, 300, 'closed'],
      [h.workOrders[2], '宁波港城贸易有限公司', '净水器', expect.stringContaining('工程部'), false, 200, 'closed'],
      [h.workOrders[3], '深圳南山科技有限公司', '净水器', expect.stringContaining('工程部'), false, 150, 'dispatched'],
    ]);
  });

  it('工作量: completed per person, open, overdue and escalated per unit', async () => {
    const r = await report('hq.auditor', 'workload');
    expect(rows(r, 'byPerson').map((p) => [p.unit, p.completed, p.late])).toEqual(
      expect.arrayContaining([['zj', 2, 1], ['hq', 1, 1], ['js', 1, 0], ['gd', 1, 0], ['zj', 1, 0]]),
    );
    expect(rows(r, 'byPerson')).toHaveLength(5);
    expect(rows(r, 'byPerson')[0]).toMatchObject({ completed: 2, medianHours: 25 });
    expect(rows(r, 'byPerson').every((p) => typeof p.person === 'string' && !String(p.person).includes('.'))).toBe(true); // names, not ids
    expect(rows(r, 'byUnit')).toEqual([{ unit: 'js', open: 1, overdue: 1, escalatedOpen: 1 }]);
    expect(summary(r)).toEqual({ completed: 6, open: 1, overdue: 1 });
  });

  it('exports CSV with a BOM and Chinese headings, and an .xlsx that opens with the same figures', async () => {
    const q = new URLSearchParams({ processKey: h.key, from: '2026-10-01', to: '2026-10-31' });
    const csv = await get('hq.auditor', `/api/reports/complaints/export?${q}&format=csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain(encodeURIComponent('投诉统计'));
    expect(csv.body.startsWith('\uFEFF投诉统计\r\n')).toBe(true);
    expect(csv.body).toContain('按处理结果\r\n类别,数量\r\n处理中,3\r\n赔偿,1\r\n不属实,1\r\n解决,1\r\n');
    expect(csv.body).toContain('重复投诉客户\r\n客户编号,客户,投诉数\r\nC0001,杭州西湖电子有限公司,2\r\n');

    const xlsx = await get('hq.auditor', `/api/reports/sla/export?${q}&format=xlsx&lang=en`);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['SLA compliance', 'By process, step and unit']);
    const sheet = book.getWorksheet('By process, step and unit')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Process', 'Step', 'Unit', 'Completed', 'On time', 'Late', 'No deadline', 'Escalated', 'Highest escalation level', 'On-time rate', 'Median (hours)', 'P90 (hours)']);
    const escalated = sheet.getRow(2).values as unknown[];
    expect(escalated.slice(1, 4)).toEqual(['报表测试流程', '处理', expect.any(String)]);
    expect(escalated.slice(4)).toEqual([1, 0, 1, 0, 1, 2, 0, 72, 72]);
    const overview = book.getWorksheet('SLA compliance')!;
    expect(overview.getRow(3).values).toEqual([undefined, 'Tasks completed', 6]);
    expect(overview.getRow(4).values).toEqual([undefined, 'On-time rate', 0.5]);
  });

  it('with a few thousand rows of history, a month’s report reads its period through the indexes the migration added', async () => {
    // 3,000 tasks, complaints and 派工单 spread over 2025 (outside every period above), then statistics.
    const bulk = `bulk-${tag}`;
    await s.db.query(
      `INSERT INTO process_case (id, process_key, process_version, business_key, title, status, unit_id, started_at)
       SELECT $1 || '/' || g, $1, 1, $1 || '-' || g, '批量 ' || g, 'completed', 'zj', timestamptz '2025-01-01' + g * interval '2 hours' FROM generate_series(1, 3000) g`,
      [bulk],
    );
    await s.db.query(
      `INSERT INTO task (id, case_id, element_id, name, status, unit_id, created_at, completed_at, completed_by)
       SELECT $1 || '/' || g || '/t', $1 || '/' || g, 'review', '审核', 'completed', 'zj', timestamptz '2025-01-01' + g * interval '2 hours',
              timestamptz '2025-01-01' + g * interval '2 hours' + interval '1 hour', 'zj.cs_manager' FROM generate_series(1, 3000) g`,
      [bulk],
    );
    await s.db.query(
      `INSERT INTO complaint (id, case_id, stage, channel, received_at) SELECT 'TS-' || $1 || '-' || g, $1 || '/' || g, 'registered', '电话',
              timestamptz '2025-01-01' + g * interval '2 hours' FROM generate_series(1, 3000) g`,
      [bulk],
    );
    await s.db.query(
      `INSERT INTO work_order (id, work_order_key, case_id, service_kind, mode, appointment_at, due_at, in_warranty, created_at)
       SELECT 'PG-' || $1 || '-' || g, 'PG-' || $1 || '-' || g, $1 || '/' || g, '维修', '上门', now(), now(), true, timestamptz '2025-01-01' + g * interval '2 hours'
         FROM generate_series(1, 3000) g`,
      [bulk],
    );
    await s.db.query('ANALYZE task; ANALYZE complaint; ANALYZE work_order; ANALYZE process_case');
    const plan = async (sql: string) => (await s.db.query(`EXPLAIN ${sql}`)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
    const october = `>= '2026-09-30T16:00:00Z' AND %s < '2026-10-31T16:00:00Z'`;
    expect(await plan(`SELECT count(*) FROM task t WHERE t.status = 'completed' AND t.completed_at ${october.replace('%s', 't.completed_at')}`)).toContain('task_completed_at');
    expect(await plan(`SELECT count(*) FROM complaint k WHERE coalesce(k.received_at, k.created_at) ${october.replace('%s', 'coalesce(k.received_at, k.created_at)')}`)).toContain('complaint_by_received');
    expect(await plan(`SELECT count(*) FROM work_order w WHERE w.created_at ${october.replace('%s', 'w.created_at')}`)).toContain('work_order_by_created');
    // The bulk history is outside October: the figures above are unchanged by it.
    expect((await report('hq.auditor', 'sla')).summary.find((x) => x.key === 'completed')!.value).toBe(6);
  });
});

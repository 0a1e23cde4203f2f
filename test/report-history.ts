import type { Db } from '../db/pool';

// A history with known answers for the report tests (test/integration/reports.test.ts,
// test/security/reports.test.ts): cases, tasks, complaints, 派工单 and 回访 inserted straight into
// the projection tables under one process key of their own, so the shared test database's other
// cases never count. Times are UTC; the comments give them in China (UTC+8), where the reports count.
//
// Customers (demo seed): C0001 杭州西湖电子 秘密 (zj), C0002 宁波港城 内部 (zj), C0003 南京金陵 内部 (js),
// C0006 深圳南山 机密 (gd).

export interface ReportHistory {
  key: string;
  /** Case ids by their letter. */
  cases: Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5' | 'c6', string>;
  workOrders: [string, string, string, string];
}

/** `name`: the process's; two files that seed into one database and pick the process by name in the console give different names. */
export async function seedReportHistory(db: Db, tag: string, name = '报表测试流程'): Promise<ReportHistory> {
  const key = `rep-${tag}`;
  const id = (c: string) => `${key}/${c}`;
  await db.query(`INSERT INTO process_definition (key, version, name, hash, xml, model) VALUES ($1, 1, $3, $2, '<x/>', '{}')`, [key, `hash-${tag}`, name]);
  const cases: Array<[string, string, string | null, string, string, string | null]> = [
    // letter, unit, customer, status, started, ended
    ['c1', 'zj', 'C0001', 'completed', '2026-10-05T01:00:00Z', '2026-10-08T01:00:00Z'],
    ['c2', 'zj', 'C0002', 'completed', '2026-10-06T01:00:00Z', '2026-10-20T01:00:00Z'],
    ['c3', 'js', 'C0003', 'running', '2026-10-12T01:00:00Z', null],
    ['c4', 'gd', 'C0006', 'completed', '2026-10-13T01:00:00Z', '2026-10-15T01:00:00Z'],
    ['c5', 'zj', 'C0001', 'running', '2026-10-25T01:00:00Z', null],
    ['c6', 'gd', 'C0006', 'running', '2026-10-26T01:00:00Z', null],
  ];
  for (const [c, unit, customer, status, started, ended] of cases) {
    await db.query(
      `INSERT INTO process_case (id, process_key, process_version, business_key, title, status, unit_id, customer_id, started_at, ended_at)
       VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8, $9)`,
      [id(c), key, `${tag}-${c}`, `报表 ${c}`, status, unit, customer, started, ended],
    );
  }
  const tasks: Array<[string, string, string, string, string, string, string | null, string | null, string | null, number, string | null]> = [
    // task, case, element, name, unit, created, due, completed, completed by, escalation level, status override
    ['t1', 'c1', 'review', '审核', 'zj', '2026-10-05T01:00:00Z', '2026-10-06T01:00:00Z', '2026-10-05T03:00:00Z', 'zj.cs_manager', 0, null], // on time, 2 h
    ['t2', 'c2', 'review', '审核', 'zj', '2026-10-06T01:00:00Z', '2026-10-07T01:00:00Z', '2026-10-08T01:00:00Z', 'zj.cs_manager', 0, null], // late, 48 h
    // Escalated twice (zj → east → hq); each level moved its due time on, so it ended before the last one: late all the same.
    ['t3', 'c2', 'handle', '处理', 'hq', '2026-10-06T02:00:00Z', '2026-10-10T02:00:00Z', '2026-10-09T02:00:00Z', 'hq.cs_manager', 2, null], // 72 h
    ['t4', 'c3', 'review', '审核', 'js', '2026-10-12T01:00:00Z', null, '2026-10-12T05:00:00Z', 'js.cs_manager', 0, null], // no deadline, 4 h
    ['t5', 'c4', 'review', '审核', 'gd', '2026-10-13T01:00:00Z', '2026-10-14T01:00:00Z', '2026-10-13T07:00:00Z', 'gd.cs_manager', 0, null], // on time, 6 h
    ['t6', 'c3', 'handle', '处理', 'js', '2026-10-12T06:00:00Z', '2026-10-20T06:00:00Z', null, null, 1, 'open'], // open, overdue, escalated
    ['t7', 'c1', 'archive', '归档', 'zj', '2026-09-30T16:00:00Z', null, '2026-09-30T17:00:00Z', 'zj.cs_agent', 0, null], // 1 October 01:00 in China: in October, 1 h
    ['t8', 'c1', 'archive', '归档', 'zj', '2026-10-31T16:30:00Z', null, '2026-10-31T17:00:00Z', 'zj.cs_agent', 0, null], // 1 November in China: not in October
  ];
  for (const [t, c, element, name, unit, created, due, completed, by, level, status] of tasks) {
    await db.query(
      `INSERT INTO task (id, case_id, element_id, name, status, unit_id, candidate_roles, due_at, created_at, completed_at, completed_by, escalation_level, outcome)
       VALUES ($1, $2, $3, $4, $5, $6, '{cs_manager}', $7, $8, $9, $10, $11, $12)`,
      [`${id(c)}/${t}`, id(c), element, name, status ?? 'completed', unit, due, created, completed, by, level, status ? null : 'complete'],
    );
  }
  const complaints: Array<[string, string, string, string | null, string | null, boolean | null, number | null, string, string | null]> = [
    // case, channel, severity, cause, department, valid, compensation, received, promised deadline
    ['c1', '电话', 'serious', 'own', '质量管理部', true, 500, '2026-10-05T01:00:00Z', '2026-10-07T01:00:00Z'], // compensated, closed late, 72 h
    ['c2', '网络', 'general', null, null, false, null, '2026-10-06T01:00:00Z', '2026-10-25T01:00:00Z'], // not substantiated, 336 h
    ['c3', '电话', 'major', 'external', '生产部', true, null, '2026-10-12T01:00:00Z', null], // open
    ['c4', '上门', 'general', 'own', '质量管理部', true, 0, '2026-10-13T01:00:00Z', '2026-10-20T01:00:00Z'], // resolved, 48 h
    ['c5', '电话', 'general', null, null, null, null, '2026-10-25T01:00:00Z', null], // C0001 again: open
    ['c6', '信函', 'general', null, null, null, null, '2026-10-26T01:00:00Z', null], // C0006 again: open
  ];
  for (const [c, channel, severity, cause, dept, valid, compensation, received, promised] of complaints) {
    await db.query(
      `INSERT INTO complaint (id, case_id, customer_id, stage, channel, severity, cause_type, responsible_department, is_valid, compensation_amount, received_at, promised_deadline)
       SELECT $1, c.id, c.customer_id, 'handling', $3, $4, $5, $6, $7, $8, $9, $10 FROM process_case c WHERE c.id = $2`,
      [`TS-${tag}-${c}`, id(c), channel, severity, cause, dept, valid, compensation, received, promised],
    );
  }
  const workOrders = [1, 2, 3, 4].map((n) => `PG-${tag}-${n}`) as ReportHistory['workOrders'];
  const orders: Array<[string, string, string, boolean, number, string, string, string | null]> = [
    // id, case, kind, in warranty, fee, created, status, closed
    [workOrders[0], 'c1', '维修', true, 0, '2026-10-05T02:00:00Z', 'closed', '2026-10-06T02:00:00Z'],
    [workOrders[1], 'c2', '维修', false, 300, '2026-10-06T03:00:00Z', 'closed', '2026-10-07T03:00:00Z'],
    [workOrders[2], 'c2', '维修', false, 200, '2026-10-10T03:00:00Z', 'closed', '2026-10-11T03:00:00Z'], // c2's second dispatch: not fixed first time
    [workOrders[3], 'c4', '保养', false, 150, '2026-11-02T03:00:00Z', 'dispatched', null],
  ];
  for (const [wo, c, kind, warranty, fee, created, status, closed] of orders) {
    await db.query(
      `INSERT INTO work_order (id, work_order_key, case_id, customer_id, product_id, service_kind, engineer_id, mode, appointment_at, due_at, status, fee, in_warranty, created_at, closed_at)
       SELECT $1, $1, c.id, c.customer_id, 'P-WP-10', $3, 'zj.engineering', '送修', $6::timestamptz, $6::timestamptz + interval '1 day', $7, $4, $5, $6, $8
         FROM process_case c WHERE c.id = $2`,
      [wo, id(c), kind, fee, warranty, created, status, closed],
    );
  }
  const callbacks: Array<[string, string | null, string, number, number[], number | null, string, string]> = [
    // case, work order, method, satisfaction, [tangibles, reliability, responsiveness, assurance, empathy], recovery, comments, at
    ['c1', workOrders[0], '电话', 5, [5, 4, 5, 4, 5], 4, '西湖电子王总：很满意', '2026-10-07T02:00:00Z'],
    ['c2', workOrders[1], '电话', 2, [2, 2, 3, 2, 2], 1, '太慢', '2026-10-08T02:00:00Z'],
    ['c4', null, '上门', 4, [4, 4, 4, 4, 4], null, '可以', '2026-10-16T02:00:00Z'],
  ];
  for (const [c, wo, method, satisfaction, [tg, rl, rs, as, em], recovery, comments, at] of callbacks) {
    await db.query(
      `INSERT INTO callback_record (callback_key, case_id, work_order_id, method, satisfaction, tangibles, reliability, responsiveness, assurance, empathy, recovery, comments, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [`${id(c)}/callback/${at}`, id(c), wo, method, satisfaction, tg, rl, rs, as, em, recovery, comments, at],
    );
  }
  return { key, cases: Object.fromEntries(cases.map(([c]) => [c, id(c)])) as ReportHistory['cases'], workOrders };
}

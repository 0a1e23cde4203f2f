import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBorrow } from '../../db/archives';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../helpers';
import { seedReportHistory, type ReportHistory } from '../report-history';

// An archive is the case's data kept after it ends: it is read under the rules the case and its
// customer are read by now. Two ways it used to be read more widely: (1) it kept the level its
// customer had when it was registered, so a customer raised to 秘密 later (the customer-information
// process) stayed named in the register, its records shown and lent at the old level; (2) a 有关部门
// holder, who reads a complaint only once it is routed to their department, read its archived records.

describe('archives are read by the customer’s level now and the source case’s readers', () => {
  let s: TestStack;
  let h: ReportHistory;
  const tag = Date.now().toString(36).toUpperCase();
  const customerId = `C-AC-${tag}`;
  const raisedNo = `DA-${tag}-000011`;
  const routedNo = `DA-${tag}-000012`;

  beforeAll(async () => {
    s = await startTestApi(uniqueTaskQueue('archive-clearance'));
    h = await seedReportHistory(s.db, `ac${tag.toLowerCase()}`);
    await s.db.query(`INSERT INTO customer (id, name, tier, unit_id, confidentiality) VALUES ($1, '东海测绘仪器有限公司', 'B', 'zj', 'internal')`, [customerId]);
    await s.db.query(`UPDATE process_case SET customer_id = $2 WHERE id = $1`, [h.cases.c2, customerId]);
    const archive = (id: string, caseId: string, customer: string, unit: string, title: string, records: object) =>
      s.db.query(
        `INSERT INTO archive (id, case_id, customer_id, unit_id, archive_type, title, confidentiality, location, retention_years, expires_on, records)
         VALUES ($1, $2, $3, $4, 'complaint', $5, 'internal', '档案室 A-1', 5, '2031-10-31', $6::jsonb)`,
        [id, caseId, customer, unit, title, JSON.stringify(records)],
      );
    await archive(raisedNo, h.cases.c2, customerId, 'zj', '东海测绘 投诉档案', { complaintContent: '东海测绘 仪器校准偏差' });
    // 江苏's open complaint, its later steps routed to 生产部; js.department is of 质量管理部.
    await archive(routedNo, h.cases.c3, 'C0003', 'js', '江苏 投诉档案', { complaintContent: '生产批次缺陷' });
    await s.db.query(
      `INSERT INTO task (id, case_id, element_id, name, status, unit_id, candidate_roles, candidate_department, created_at)
       VALUES ($1, $2, 'handle-dept', '部门处理', 'open', 'js', '{department}', 'production', now())`,
      [`${h.cases.c3}/dept`, h.cases.c3],
    );
  });
  afterAll(async () => s?.close());

  const get = async (user: string, url: string) => {
    const res = await s.app.inject({ method: 'GET', url, headers: { cookie: await login(s.app, user) } });
    return { status: res.statusCode, body: res.json() };
  };
  const archive = async (user: string, id: string) => {
    const res = await get(user, `/api/archives/${encodeURIComponent(id)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { title: string; customerName: string; confidentiality: string; masked: boolean; records: Record<string, unknown> };
  };

  it('a customer raised to 秘密 after the archive was registered: its archive is masked, unfindable by name and not lent to those not cleared', async () => {
    const before = await archive('zj.cs_agent', raisedNo);
    expect(before).toMatchObject({ title: '东海测绘 投诉档案', customerName: '东海测绘仪器有限公司', masked: false, records: { complaintContent: '东海测绘 仪器校准偏差' } });
    expect((await checkBorrow(s.db, raisedNo, 'zj.cs_agent')).refusal).toBeNull();

    await s.db.query(`UPDATE customer SET confidentiality = 'secret' WHERE id = $1`, [customerId]);

    const after = await archive('zj.cs_agent', raisedNo);
    expect(after).toMatchObject({ title: '（保密客户的案例）', customerName: '（保密客户）', confidentiality: 'secret', masked: true, records: {} });
    expect(JSON.stringify(after)).not.toMatch(/东海|校准/);
    const listed = await get('zj.cs_agent', `/api/archives?limit=200`);
    expect(JSON.stringify(listed.body)).not.toMatch(/东海|校准/);
    expect((await get('zj.cs_agent', `/api/archives?q=${encodeURIComponent('东海测绘')}`)).body.items).toEqual([]);
    expect((await get('zj.cs_agent', `/api/search?q=${encodeURIComponent('东海测绘')}&limit=20`)).body.archives.items).toEqual([]);
    expect((await checkBorrow(s.db, raisedNo, 'zj.cs_agent')).refusal).toBe('archive.levelTooHigh');

    // The 浙江 客服经理 is cleared for 秘密: everything, and the loan.
    expect(await archive('zj.cs_manager', raisedNo)).toMatchObject({ title: '东海测绘 投诉档案', masked: false, records: { complaintContent: '东海测绘 仪器校准偏差' } });
    expect((await get('zj.cs_manager', `/api/archives?q=${encodeURIComponent('东海测绘')}`)).body.items.map((a: { id: string }) => a.id)).toEqual([raisedNo]);
    expect((await checkBorrow(s.db, raisedNo, 'zj.cs_manager')).refusal).toBeNull();
  });

  it('a 有关部门 holder who may not read the source case (routed to another department) sees the archive listed, not its records', async () => {
    expect((await get('js.department', `/api/cases/${encodeURIComponent(h.cases.c3)}`)).status).toBe(404);
    const asDepartment = await archive('js.department', routedNo);
    expect(asDepartment).toMatchObject({ title: '江苏 投诉档案', records: {} });
    expect(JSON.stringify(asDepartment)).not.toMatch(/生产批次/);
    // Whoever reads the case reads its archive's records.
    expect((await archive('js.cs_agent', routedNo)).records).toEqual({ complaintContent: '生产批次缺陷' });
  });
});

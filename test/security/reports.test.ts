import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../contract';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../helpers';
import { seedReportHistory, type ReportHistory } from '../report-history';

// Issue 17: who reads reports, within which units, and what of a secret customer a report or its
// file may say. C0001 杭州西湖电子 is 秘密 in Zhejiang (cleared: 客服经理 / 总经理 of zj and above,
// auditors); C0006 深圳南山 is 机密 in Guangdong (cleared: 总经理 of gd and above, auditors). Process
// owners read reports but are cleared for neither.

const SECRETS = ['杭州西湖电子', '深圳南山科技', '西湖电子王总'];

describe('reports: refusals, unit scope, confidentiality in reports and exports', () => {
  let s: TestStack;
  let h: ReportHistory;
  const cookies = new Map<string, string>();
  const cookie = async (user: string) => cookies.get(user) ?? cookies.set(user, await login(s.app, user)).get(user)!;

  beforeAll(async () => {
    s = await startTestApi(uniqueTaskQueue('reports-security'));
    h = await seedReportHistory(s.db, `sec${Date.now().toString(36)}`);
  });
  afterAll(async () => s?.close());

  const ask = async (user: string | null, url: string) =>
    s.app.inject({ method: 'GET', url, headers: user ? { cookie: await cookie(user) } : {} });
  const period = () => new URLSearchParams({ processKey: h.key, from: '2026-10-01', to: '2026-11-30' });
  const report = async (user: string, name: string) => {
    const res = await ask(user, `/api/reports/${name}?${period()}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Report;
  };
  const rows = (r: Report, table: string) => r.tables.find((t) => t.key === table)!.rows;

  it('agents, engineers, sales and departments are refused every report route (403 report.forbidden), even with a filter that would not validate', async () => {
    for (const user of ['zj.cs_agent', 'zj.engineering', 'zj.sales', 'zj.department']) {
      for (const url of ['/api/reports', '/api/reports/sla', '/api/reports/complaints/export?format=xlsx', '/api/reports/sla?from=2026-13-45', '/api/reports/nope']) {
        const res = await ask(user, url);
        expect(res.statusCode, `${user} ${url}`).toBe(403);
        expect(res.json().code).toBe('report.forbidden');
      }
    }
    expect((await ask(null, '/api/reports/sla')).statusCode).toBe(401);
  });

  it('a unit outside the reader’s is refused (403 report.unitOutOfScope), an unknown one alike; the reader’s own units are offered', async () => {
    for (const [user, unit] of [['zj.cs_manager', 'gd'], ['zj.cs_manager', 'east'], ['gd.general_manager', 'zj'], ['zj.process_owner', 'no-such-unit']] as const) {
      const res = await ask(user, `/api/reports/sla?unitId=${unit}`);
      expect(res.statusCode, `${user} ${unit}`).toBe(403);
      expect(res.json()).toMatchObject({ code: 'report.unitOutOfScope', params: { unitId: unit } });
      expect((await ask(user, `/api/reports/sla/export?format=csv&unitId=${unit}`)).statusCode).toBe(403);
    }
    expect((await ask('zj.cs_manager', '/api/reports/sla?unitId=zj')).statusCode).toBe(200);
    expect((await ask('east.cs_manager', '/api/reports/sla?unitId=zj')).statusCode).toBe(200);
    const units = (await ask('east.cs_manager', '/api/reports')).json().units.map((u: { id: string }) => u.id);
    // east and the provinces under it (other test files may add units below them); none beside or above.
    expect(units).toEqual(expect.arrayContaining(['east', 'js', 'zj']));
    for (const outside of ['hq', 'south', 'gd', 'fj']) expect(units).not.toContain(outside);
    expect((await ask('hq.auditor', '/api/reports')).json().units.length).toBeGreaterThanOrEqual(7);
  });

  it('refuses a period that ends before it starts and a version without its process (400)', async () => {
    const backwards = await ask('hq.auditor', '/api/reports/sla?from=2026-10-31&to=2026-10-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([expect.objectContaining({ path: 'querystring.to' })]);
    expect((await ask('hq.auditor', '/api/reports/sla?processVersion=2')).statusCode).toBe(400);
    expect((await ask('hq.auditor', '/api/reports/sla/export?format=pdf')).statusCode).toBe(400);
  });

  it('a manager’s report counts only their units’ cases', async () => {
    const gd = await report('gd.cs_manager', 'complaints');
    expect(gd.summary.find((x) => x.key === 'complaints')!.value).toBe(2); // c4, c6
    const zj = await report('zj.cs_manager', 'complaints');
    expect(zj.summary.find((x) => x.key === 'complaints')!.value).toBe(3); // c1, c2, c5
  });

  it('names a secret customer, and shows its call-back comments, only to readers cleared for it', async () => {
    const repeat = async (user: string) => Object.fromEntries(rows(await report(user, 'complaints'), 'repeatCustomers').map((r) => [r.customerId, r.customer]));
    expect(await repeat('hq.auditor')).toEqual({ C0001: '杭州西湖电子有限公司', C0006: '深圳南山科技有限公司' });
    expect(await repeat('hq.general_manager')).toEqual({ C0001: '杭州西湖电子有限公司', C0006: '深圳南山科技有限公司' });
    expect(await repeat('hq.process_owner')).toEqual({ C0001: '（保密客户）', C0006: '（保密客户）' });
    expect(await repeat('zj.cs_manager')).toEqual({ C0001: '杭州西湖电子有限公司' });
    expect(await repeat('zj.process_owner')).toEqual({ C0001: '（保密客户）' });
    expect(await repeat('gd.cs_manager')).toEqual({ C0006: '（保密客户）' }); // 机密: managers are not enough
    expect(await repeat('gd.general_manager')).toEqual({ C0006: '深圳南山科技有限公司' });

    const sheet = async (user: string) => rows(await report(user, 'satisfaction'), 'dailySheet').map((r) => [r.customerId, r.customer, r.comments]);
    expect(await sheet('zj.process_owner')).toEqual([['C0001', '（保密客户）', null], ['C0002', '宁波港城贸易有限公司', '太慢']]);
    expect(await sheet('zj.cs_manager')).toEqual([['C0001', '杭州西湖电子有限公司', '西湖电子王总：很满意'], ['C0002', '宁波港城贸易有限公司', '太慢']]);

    const ledger = async (user: string) => rows(await report(user, 'repairs'), 'ledger').map((r) => r.customer);
    expect(await ledger('hq.process_owner')).toEqual(['（保密客户）', '宁波港城贸易有限公司', '宁波港城贸易有限公司', '（保密客户）']);
    expect(await ledger('hq.general_manager')).toEqual(['杭州西湖电子有限公司', '宁波港城贸易有限公司', '宁波港城贸易有限公司', '深圳南山科技有限公司']);
  });

  it('the exported files say no more than the screen: no secret name or comment in a CSV or an .xlsx for a reader not cleared', async () => {
    const files = async (user: string) => {
      const texts: string[] = [];
      for (const name of ['satisfaction', 'complaints', 'repairs']) {
        const csv = await ask(user, `/api/reports/${name}/export?${period()}&format=csv`);
        expect(csv.statusCode).toBe(200);
        texts.push(csv.body);
        const xlsx = await ask(user, `/api/reports/${name}/export?${period()}&format=xlsx`);
        expect(xlsx.statusCode).toBe(200);
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
        book.eachSheet((sheet) => sheet.eachRow((row) => texts.push(JSON.stringify(row.values))));
      }
      return texts.join('\n');
    };
    const hidden = await files('hq.process_owner');
    for (const secret of SECRETS) expect(hidden).not.toContain(secret);
    expect(hidden).toContain('（保密客户）');
    expect(hidden).toContain('宁波港城贸易有限公司');
    // The same files for a reader cleared for both do name them: the check above can fail.
    const shown = await files('hq.general_manager');
    for (const secret of SECRETS) expect(shown).toContain(secret);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../contract';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../helpers';
import { seedReportHistory, type ReportHistory } from '../report-history';

// Issue 17, search: the header search finds archives by their DA- number, within the units the
// register shows the reader, masked as the register masks them; and by the JY- number of a loan of
// it or the XH- number of its destruction.

describe('header search: archives by number', () => {
  let s: TestStack;
  let h: ReportHistory;
  const tag = Date.now().toString(36).toUpperCase();
  const zjNo = `DA-${tag}-000001`;
  const gdNo = `DA-${tag}-000002`;
  const loanNo = `JY-${tag}-000001`;
  const destructionNo = `XH-${tag}-000001`;

  beforeAll(async () => {
    s = await startTestApi(uniqueTaskQueue('archive-search'));
    h = await seedReportHistory(s.db, tag.toLowerCase());
    const archive = (id: string, caseId: string, customer: string, unit: string, level: string, title: string) =>
      s.db.query(
        `INSERT INTO archive (id, case_id, customer_id, unit_id, archive_type, title, confidentiality, location, retention_years, expires_on, records)
         VALUES ($1, $2, $3, $4, 'complaint', $5, $6, '档案室 A-1', 5, '2031-10-31', '{}'::jsonb)`,
        [id, caseId, customer, unit, title, level],
      );
    await archive(zjNo, h.cases.c1, 'C0001', 'zj', 'secret', '西湖电子 投诉档案');
    await archive(gdNo, h.cases.c4, 'C0006', 'gd', 'confidential', '南山科技 投诉档案');
    // A returned loan of 浙江's archive (借阅台账) and the destruction of 广东's (销毁处理登记表).
    await s.db.query(
      `INSERT INTO archive_loan (id, archive_id, case_id, purpose, due_on, returned_at, return_intact) VALUES ($1, $2, $3, '核对投诉处理', '2026-11-10', now(), true)`,
      [loanNo, zjNo, h.cases.c2],
    );
    await s.db.query(
      `INSERT INTO archive_destruction (id, archive_id, case_id, archive_type, customer_id, expires_on, method) VALUES ($1, $2, $3, 'complaint', 'C0006', '2031-10-31', '粉碎')`,
      [destructionNo, gdNo, h.cases.c6],
    );
  });
  afterAll(async () => s?.close());

  const search = async (user: string, q: string) => {
    const res = await s.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}&limit=20`, headers: { cookie: await login(s.app, user) } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as SearchResult;
  };

  it('finds an archive by its number for readers of its unit, the title masked above their clearance, nothing of other units', async () => {
    expect((await search('hq.auditor', `DA-${tag}`)).archives.items).toEqual([
      { id: gdNo, title: '南山科技 投诉档案', status: expect.any(String), masked: false },
      { id: zjNo, title: '西湖电子 投诉档案', status: expect.any(String), masked: false },
    ].sort((a, b) => (a.id < b.id ? 1 : -1)));
    // The 浙江 客服人员: their unit's archive, its secret customer's title withheld; 广东's not at all.
    expect((await search('zj.cs_agent', `DA-${tag}`)).archives.items).toEqual([{ id: zjNo, title: '（保密客户的案例）', status: expect.any(String), masked: true }]);
    // A title is matched only where the reader is cleared.
    expect((await search('zj.cs_agent', '西湖电子 投诉档案')).archives.items).toEqual([]);
    expect((await search('hq.auditor', '西湖电子 投诉档案')).archives.items.map((a) => a.id)).toEqual([zjNo]);
  });

  it('finds the archive a JY- loan number or an XH- destruction number is about, within the same units and masking', async () => {
    expect((await search('hq.auditor', loanNo)).archives.items.map((a) => a.id)).toEqual([zjNo]);
    expect((await search('zj.cs_agent', loanNo)).archives.items).toEqual([{ id: zjNo, title: '（保密客户的案例）', status: expect.any(String), masked: true }]);
    expect((await search('gd.cs_manager', loanNo)).archives.items).toEqual([]);
    expect((await search('hq.auditor', destructionNo)).archives.items.map((a) => a.id)).toEqual([gdNo]);
    expect((await search('gd.cs_manager', destructionNo)).archives.items.map((a) => a.id)).toEqual([gdNo]);
    expect((await search('zj.cs_manager', destructionNo)).archives.items).toEqual([]);
  });
});

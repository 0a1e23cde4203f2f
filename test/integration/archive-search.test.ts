import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../contract';
import { login, startTestApi, uniqueTaskQueue, type TestStack } from '../helpers';
import { seedReportHistory, type ReportHistory } from '../report-history';

// Issue 17, search: the header search finds archives by their DA- number, within the units the
// register shows the reader, masked as the register masks them.

describe('header search: archives by number', () => {
  let s: TestStack;
  let h: ReportHistory;
  const tag = Date.now().toString(36).toUpperCase();
  const zjNo = `DA-${tag}-000001`;
  const gdNo = `DA-${tag}-000002`;

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
});

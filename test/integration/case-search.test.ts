import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../engine-harness';

// The 案例 list (issue 12 §5): search by 业务编号, by the numbers a case was given (TS-, KH- …), by
// customer (number or name) and by title; filters for process, status and period; keyset paging;
// the export. C0001 (杭州西湖电子有限公司) is 秘密 in Zhejiang: zj.cs_agent is not cleared for it,
// zj.cs_manager and auditors are. Search must not tell the agent that such a customer has cases.

const numberTask = (id: string, prefix: string, target: string) =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="assign-number"/>
     <zeebe:ioMapping><zeebe:input source="=&quot;${prefix}&quot;" target="prefix"/><zeebe:output source="=number" target="${target}"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:serviceTask>`;

interface ListJson {
  items: Array<{ id: string; title: string; customerId: string | null; variables: Record<string, unknown>; status: string }>;
  nextCursor: string | null;
}

describe('案例 list: search, filters, keyset paging, export', () => {
  let e: Engine;
  let key: string;
  const tag = Date.now().toString(36);
  let secret: string; // C0001, 秘密
  let plain: string; // C0002, 内部
  let titled: string; // no customer
  const numbers = new Map<string, { kh: string; ts: string }>();

  beforeAll(async () => {
    e = await startEngine('case-search');
    key = uniqueKey('search');
    const body = `<bpmn:startEvent id="s"/>${numberTask('kh', 'KH', 'recordNo')}${numberTask('ts', 'TS', 'complaintNo')}${userTask('call', { group: 'cs_agent' })}<bpmn:endEvent id="e"/>
      ${flow('f1', 's', 'kh')}${flow('f2', 'kh', 'ts')}${flow('f3', 'ts', 'call')}${flow('f4', 'call', 'e')}`;
    expect((await e.deploy(bpmnXml(key, body))).statusCode).toBe(201);
    secret = await e.start('zj.cs_agent', key, {}, { title: `西湖电子 回访 ${tag}`, customerId: 'C0001' });
    plain = await e.start('zj.cs_agent', key, {}, { title: `港城 换货 ${tag}`, customerId: 'C0002' });
    titled = await e.start('zj.cs_agent', key, {}, { title: `净水器漏水 ${tag}` });
    for (const id of [secret, plain, titled]) {
      await e.waitForTasks(id, ['call']);
      const { rows } = await e.stack.db.query<{ number: string }>('SELECT number FROM number_assignment WHERE starts_with(assignment_key, $1) ORDER BY number', [`${id}/`]);
      numbers.set(id, { kh: rows.find((r) => r.number.startsWith('KH-'))!.number, ts: rows.find((r) => r.number.startsWith('TS-'))!.number });
    }
  });
  afterAll(async () => e?.close());

  const get = async (user: string, url: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url, headers: { cookie: await e.cookie(user) } });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res;
  };
  const list = async (user: string, query: Record<string, string>) => (await get(user, `/api/cases?${new URLSearchParams(query)}`)).json() as ListJson;
  /** The ids found among this test's cases. */
  const found = async (user: string, q: string) => (await list(user, { processKey: key, q })).items.map((c) => c.id).sort();

  it('finds a case by its 业务编号, whole or in part', async () => {
    const businessKey = plain.split('/')[1]!;
    expect(await found('zj.cs_agent', businessKey)).toEqual([plain]);
    expect(await found('zj.cs_agent', businessKey.slice(-6).toLowerCase())).toEqual([plain]);
  });

  it('finds a case by the numbers its process gave it (TS-, KH-)', async () => {
    const { kh, ts } = numbers.get(plain)!;
    expect(await found('zj.cs_agent', ts)).toEqual([plain]);
    expect(await found('zj.cs_agent', kh)).toEqual([plain]);
    expect(await found('zj.cs_agent', kh.toLowerCase())).toEqual([plain]);
  });

  it('finds a case by its customer’s number or name, and by its title', async () => {
    expect(await found('zj.cs_agent', 'C0002')).toEqual([plain]);
    expect(await found('zj.cs_agent', '宁波港城贸易')).toEqual([plain]);
    expect(await found('zj.cs_agent', `净水器漏水 ${tag}`)).toEqual([titled]);
    // A LIKE wildcard typed by a person is a character, not "anything".
    expect(await found('zj.cs_agent', '%')).toEqual([]);
  });

  it('a reader not cleared for a secret customer cannot find its cases by name, title or number: the same answer as for a name that does not exist', async () => {
    const { ts, kh } = numbers.get(secret)!;
    const nobody = await list('zj.cs_agent', { q: '杭州不存在电子有限公司' });
    expect(nobody).toEqual({ items: [], nextCursor: null });
    // Across every case the agent may read, not only this test's.
    for (const q of ['杭州西湖电子有限公司', '西湖电子', `西湖电子 回访 ${tag}`, ts, kh]) {
      expect(await list('zj.cs_agent', { q }), q).toEqual(nobody);
      expect((await get('zj.cs_agent', `/api/cases/export?${new URLSearchParams({ q })}`)).body, q).toBe((await get('zj.cs_agent', `/api/cases/export?${new URLSearchParams({ q: '杭州不存在电子有限公司' })}`)).body);
    }
    // Those cleared find it by each.
    for (const user of ['zj.cs_manager', 'hq.auditor']) {
      for (const q of ['杭州西湖电子', `西湖电子 回访 ${tag}`, ts, kh]) expect(await found(user, q), `${user} ${q}`).toEqual([secret]);
    }
    // Its 业务编号 and customer number are what the masked row shows: they find it, masked.
    const byNumber = await list('zj.cs_agent', { processKey: key, q: 'C0001' });
    expect(byNumber.items).toEqual([expect.objectContaining({ id: secret, title: '（保密客户的案例）', variables: {} })]);
    expect(await found('zj.cs_agent', secret.split('/')[1]!)).toEqual([secret]);
  });

  it('filters by process, status and period (China calendar days)', async () => {
    const all = (await list('hq.auditor', { processKey: key })).items.map((c) => c.id).sort();
    expect(all).toEqual([secret, plain, titled].sort());
    expect((await list('hq.auditor', { processKey: key, status: 'completed' })).items).toEqual([]);
    expect((await list('hq.auditor', { processKey: key, status: 'running' })).items).toHaveLength(3);
    // The China days the cases started on, as stored: beforeAll started them, perhaps on China's
    // yesterday if its midnight has passed since (or in between: then two days).
    const { rows: days } = await e.stack.db.query<{ day: string }>(
      `SELECT DISTINCT to_char(started_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day FROM process_case WHERE id = ANY ($1) ORDER BY day`,
      [[secret, plain, titled]],
    );
    const [first, last] = [days[0]!.day, days.at(-1)!.day];
    const day = (from: string, offset: number) => new Date(Date.parse(`${from}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    expect((await list('hq.auditor', { processKey: key, from: first, to: last })).items).toHaveLength(3);
    expect((await list('hq.auditor', { processKey: key, from: day(last, 1) })).items).toEqual([]);
    expect((await list('hq.auditor', { processKey: key, to: day(first, -1) })).items).toEqual([]);
    const bad = await e.stack.app.inject({ method: 'GET', url: '/api/cases?from=2026-02-30', headers: { cookie: await e.cookie('hq.auditor') } });
    expect(bad.statusCode).toBe(400);
  });

  it('pages by keyset: no case twice, none skipped, while new cases are started', async () => {
    const pagingKey = uniqueKey('paging');
    const insert = async (n: number, at: string) =>
      (
        await e.stack.db.query<{ id: string }>(
          `INSERT INTO process_case (id, process_key, process_version, business_key, title, status, unit_id, started_at)
           SELECT $1 || '/' || $2 || '-' || g, $1, 1, $2 || '-' || g, '翻页 ' || g, 'running', 'zj', $3::timestamptz + (g % 5) * interval '1 microsecond'
             FROM generate_series(1, $4) g RETURNING id`,
          [pagingKey, `${at.slice(0, 19).replace(/[^0-9]/g, '')}${Math.random().toString(36).slice(2, 6)}`, at, n],
        )
      ).rows.map((r) => r.id);
    // 23 cases at five instants a microsecond apart (ties broken by id).
    const before = await insert(23, '2026-11-01T08:00:00.000123Z');
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ListJson = await list('hq.auditor', { processKey: pagingKey, limit: '4', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      pages++;
      // Someone starts cases while the pages are read.
      await insert(2, new Date().toISOString());
    } while (cursor);
    expect(pages).toBe(6);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...before].sort());
    // The first page, read again, starts with the newest.
    const fresh = await list('hq.auditor', { processKey: pagingKey, limit: '4' });
    expect(before).not.toContain(fresh.items[0]!.id);
    const broken = await e.stack.app.inject({ method: 'GET', url: `/api/cases?cursor=not-a-cursor`, headers: { cookie: await e.cookie('hq.auditor') } });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'case.cursorInvalid' });
  });

  it('exports the filtered list as CSV for Excel: BOM, Chinese headers, names, China times, masked as the list', async () => {
    const res = await get('zj.cs_manager', `/api/cases/export?${new URLSearchParams({ processKey: key })}`);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="cases-\d{8}-\d{4}\.csv"; filename\*=UTF-8''%E6%A1%88%E4%BE%8B-/);
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('业务编号,标题,流程,状态,客户编号,客户,相关编号,首问负责人,发起人,单位,发起时间（北京时间）,结束时间（北京时间）');
    expect(lines).toHaveLength(4);
    const row = (id: string, csv: string[]) => csv.find((l) => l.startsWith(`${id.split('/')[1]},`))!.split(',');
    const { kh, ts } = numbers.get(secret)!;
    // The test deploys its process without a name: the export says so in words rather than pass the key off as a name (contract/process-names.ts).
    const cells = row(secret, lines);
    expect(cells.slice(1, 7)).toEqual([`西湖电子 回访 ${tag}`, `未命名流程（${key}） v1`, '进行中', 'C0001', '杭州西湖电子有限公司', [kh, ts].sort().join('、')]);
    // People and units by name, not by code.
    const { rows: names } = await e.stack.db.query<{ person: string; unit: string }>(`SELECT u.display_name AS person, o.name AS unit FROM app_user u, org_unit o WHERE u.id = 'zj.cs_agent' AND o.id = 'zj'`);
    expect(cells.slice(7, 10)).toEqual([names[0]!.person, names[0]!.person, names[0]!.unit]);
    expect(names[0]!.person).not.toBe('zj.cs_agent');
    expect(cells[10]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(cells[11]).toBe('');

    // The agent, not cleared for C0001: the row is there (as in the list), masked; nothing of the customer.
    const agent = (await get('zj.cs_agent', `/api/cases/export?${new URLSearchParams({ processKey: key })}`)).body;
    const masked = row(secret, agent.replace(/^\uFEFF/, '').trimEnd().split('\r\n'));
    expect(masked.slice(1, 7)).toEqual(['（保密客户的案例）', `未命名流程（${key}） v1`, '进行中', 'C0001', '（保密客户）', '']);
    expect(agent).not.toContain('西湖');
    expect(agent).not.toContain(ts);
    expect(row(plain, agent.replace(/^\uFEFF/, '').split('\r\n'))[5]).toBe('宁波港城贸易有限公司');

    const en = (await get('zj.cs_manager', `/api/cases/export?${new URLSearchParams({ processKey: key, lang: 'en' })}`)).body;
    expect(en.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Business key,Title,Process,Status,Customer no.,Customer,Numbers,Owner,Initiator,Unit,Started (China time),Ended (China time)');
  });
});

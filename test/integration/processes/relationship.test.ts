import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../engine-harness';

// 客户关系管理流程 (PROCESSES.md §6, issue 15): the shipped diagram bpmn/processes/relationship.bpmn
// with its forms bpmn/forms/relationship-*.form, driven through the API by the users of 浙江 (zj)
// who hold each lane's role. The customers ranked live in a unit of their own under 浙江 (made
// here), so the seeded sales distribution is the whole of what 客户分类 sees.

const SALES = 'zj.sales';
const AGENT = 'zj.cs_agent';
const MANAGER = 'zj.cs_manager';
const GM = 'zj.general_manager';

const chinaDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

const CARD = { customerNeeds: '计划明年更换三台商用空调，关注节能与上门保养', contactPreference: 'visit', importantDates: '公司周年 3 月 18 日' };
const COMPILE = { compiledSummary: '老客户，近一年采购稳定，回款及时', dataCompleteness: 'complete' };
const PLAN = (cost = 1200) => ({ serviceMethod: 'visit', serviceOwner: '浙江 销售人员', serviceCost: cost, planContent: '每季度上门拜访一次，节前问候' });
const SCHEDULE = () => ({ planSchedule: '每季度首月第二周拜访；春节前问候', firstVisitOn: chinaDay(1) });

describe('客户关系管理流程 relationship', () => {
  let e: Engine;
  let unitId: string;
  /** Sales (yuan, last 365 days) per customer of the test unit: 80/20 edges at 80 % and 95 %. */
  const customers: Record<string, { sales: number; level?: string }> = {
    big: { sales: 50_000 }, //      prior 0    → A
    second: { sales: 30_000 }, //   prior .5   → A
    edge80: { sales: 10_000 }, //   prior .8   → B (the bound itself is not below it)
    mid: { sales: 5_000, level: 'secret' }, // prior .9 → B
    edge95: { sales: 3_000 }, //    prior .95  → C
    small: { sales: 2_000 }, //     prior .98  → C
    none: { sales: 0 }, //          no sales   → D
  };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    e = await startEngine('relationship');
    unitId = `nbtest${Date.now().toString(36)}`;
    await e.stack.db.query("INSERT INTO org_unit (id, parent_id, name, name_en, level, path) VALUES ($1, 'zj', '宁波测试网点', 'Ningbo test outlet', 'outlet', $2)", [unitId, `hq/east/zj/${unitId}`]);
    let n = 0;
    for (const [key, c] of Object.entries(customers)) {
      const id = `${unitId}-${key}`;
      ids[key] = id;
      // Every customer starts as D, so the computation's changes are visible.
      await e.stack.db.query(
        "INSERT INTO customer (id, name, tier, contact_name, phone, unit_id, confidentiality) VALUES ($1, $2, 'D', '联系人', '0574-0000 0000', $3, $4)",
        [id, `宁波${key}贸易有限公司`, unitId, c.level ?? 'internal'],
      );
      if (c.sales > 0) {
        // Split in two purchases, plus an old one outside the 365 days that must not count.
        for (const [amount, daysAgo] of [[c.sales / 2, 10], [c.sales / 2, 200], [1_000_000, 400]] as const) {
          n++;
          await e.stack.db.query(
            `INSERT INTO purchase (id, customer_id, product_id, purchased_on, warranty_ends_on, amount, paid_amount)
             VALUES ($1, $2, 'P-AC-200', ((now() AT TIME ZONE 'Asia/Shanghai')::date - $3::int), ((now() AT TIME ZONE 'Asia/Shanghai')::date + 700), $4, $4)`,
            [`GM-${unitId}-${n}`, id, daysAgo, amount],
          );
        }
      }
    }
  });
  afterAll(async () => e?.close());

  async function step(caseId: string, elementId: string, user: string, data: Record<string, unknown>, outcome = 'complete', comment?: string) {
    const [task] = await e.waitForTasks(caseId, [elementId]);
    const res = await e.complete(user, task!.id, { outcome, data, ...(comment ? { comment } : {}) });
    expect(res.statusCode, `${elementId} by ${user}: ${JSON.stringify(res.body)}`).toBe(200);
    return task!;
  }
  const get = async (user: string, url: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url, headers: { cookie: await e.cookie(user) } });
    return { statusCode: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : res.body, headers: res.headers };
  };
  const tiers = async () => {
    const { rows } = await e.stack.db.query<{ id: string; tier: string }>('SELECT id, tier FROM customer WHERE unit_id = $1', [unitId]);
    return Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, rows.find((r) => r.id === id)!.tier]));
  };

  it('happy path: card, compiled, analysed (sales and grade), the unit classified 80/20 with history, plan approved, two services logged, evaluated, archived', async () => {
    const caseId = await e.start(SALES, 'relationship', {}, { customerId: ids.edge80 });
    await step(caseId, 'Activity_CollectCard', SALES, CARD);
    await step(caseId, 'Activity_Compile', AGENT, COMPILE);
    await e.waitForTasks(caseId, ['Activity_Roster']);

    // 客户分类 over the whole unit, from the seeded distribution (old purchases out of the 365 days do not count).
    expect(await tiers()).toEqual({ big: 'A', second: 'A', edge80: 'B', mid: 'B', edge95: 'C', small: 'C', none: 'D' });
    const history = await e.stack.db.query<Record<string, unknown>>(
      'SELECT customer_id, tier_before, tier_after, sales::float AS sales, prior_share::float AS prior_share FROM customer_tier_history WHERE case_id = $1 ORDER BY customer_id',
      [caseId],
    );
    expect(history.rows).toHaveLength(7);
    expect(history.rows.find((r) => r.customer_id === ids.edge80)).toMatchObject({ tier_before: 'D', tier_after: 'B', sales: 10_000, prior_share: 0.8 });
    expect(history.rows.find((r) => r.customer_id === ids.none)).toMatchObject({ tier_before: 'D', tier_after: 'D', sales: 0, prior_share: null });

    // 分析客户交易状况: read from the database, never typed.
    const analysed = await e.state(caseId);
    expect(analysed.variables).toMatchObject({
      salesSummary: { purchases: 3, annualSales: 10_000 },
      creditGrade: '未评定',
      customerTier: 'B',
      tierPriorShare: 0.8,
      tierCounts: { A: 2, B: 2, C: 2, D: 1 },
      tierUnit: unitId,
    });

    await step(caseId, 'Activity_Roster', AGENT, { rosterNote: '分类结果无误', dataUpdated: true });
    await step(caseId, 'Activity_Plan', AGENT, PLAN());
    await step(caseId, 'Activity_Schedule', SALES, SCHEDULE());
    await step(caseId, 'Activity_ManagerReview', MANAGER, { reviewOpinion: '方案可行' }, 'approve', '同意');
    await step(caseId, 'Activity_GeneralManagerApproval', GM, { approvalOpinion: '同意' }, 'approve', '同意');
    // One reading of China's day for what is typed and what is read back (its midnight may pass in between).
    const visitedOn = chinaDay(0);
    await step(caseId, 'Activity_Implement', SALES, { visitKind: 'visit', visitedOn, visitSummary: '上门拜访，介绍节能机型', customerOpinion: '希望保养响应更快', moreVisits: true });
    await step(caseId, 'Activity_Implement', SALES, { visitKind: 'greeting', visitedOn, visitSummary: '公司周年问候', moreVisits: false });
    await step(caseId, 'Activity_Evaluate', SALES, { relationshipStatus: 'improved', evaluation: '客户满意度提升' });
    await step(caseId, 'Activity_Optimise', SALES, { optimisationAdvice: '保养预约纳入季度拜访' });
    const result = await e.result(caseId);
    expect(result.status).toBe('completed');
    expect(await e.events(caseId)).toContain('case.archived:Activity_Archive');

    // The visit log, on 客户 360's 服务记录: both entries, recorded by the salesperson who completed 实施.
    const visits = await get(AGENT, `/api/customers/${encodeURIComponent(ids.edge80!)}/visits`);
    expect(visits.statusCode).toBe(200);
    expect(visits.body.masked).toBe(false);
    expect(visits.body.items.map((v: { kind: string }) => v.kind).sort()).toEqual(['greeting', 'visit']);
    expect(visits.body.items.find((v: { kind: string }) => v.kind === 'visit')).toMatchObject({ caseId, summary: '上门拜访，介绍节能机型', customerOpinion: '希望保养响应更快', recordedBy: SALES, visitedOn });
    // 客户分类历史 on 客户 360: this computation, D → B on 10,000 at a prior share of 80 %.
    const tierHistory = await get(AGENT, `/api/customers/${encodeURIComponent(ids.edge80!)}/tiers`);
    expect(tierHistory.body.masked).toBe(false);
    expect(tierHistory.body.items.find((h: { caseId: string }) => h.caseId === caseId)).toMatchObject({ tierBefore: 'D', tierAfter: 'B', sales: 10_000, priorShare: 0.8 });
    await expect(e.stack.db.query('DELETE FROM customer_visit WHERE case_id = $1', [caseId])).rejects.toThrow(/append-only/);
    await expect(e.stack.db.query('UPDATE customer_tier_history SET tier_after = $2 WHERE case_id = $1', [caseId, 'A'])).rejects.toThrow(/append-only/);
  });

  it('客服经理 驳回 and 总经理 驳回 each go back to 编制服务方案; the approved plan is the last one; the grade is read from the grade history', async () => {
    const caseId = await e.start(SALES, 'relationship', {}, { customerId: ids.big });
    await step(caseId, 'Activity_CollectCard', SALES, CARD);
    // A grade approved earlier by credit grading (its case is this one, for the foreign key).
    await e.stack.db.query("INSERT INTO customer_credit_grade (key, customer_id, case_id, grade, credit_limit, basis) VALUES ($1, $2, $3, 'AA', 300000, '{}')", [`test/${caseId}`, ids.big, caseId]);
    await step(caseId, 'Activity_Compile', AGENT, COMPILE);
    await e.waitForTasks(caseId, ['Activity_Roster']);
    expect((await e.state(caseId)).variables).toMatchObject({ creditGrade: 'AA', creditLimit: 300_000, customerTier: 'A' });
    await step(caseId, 'Activity_Roster', AGENT, { rosterNote: '', dataUpdated: true });

    await step(caseId, 'Activity_Plan', AGENT, PLAN(50_000));
    await step(caseId, 'Activity_Schedule', SALES, SCHEDULE());
    await step(caseId, 'Activity_ManagerReview', MANAGER, { reviewOpinion: '费用过高' }, 'reject', '费用过高');
    await e.waitForTasks(caseId, ['Activity_Plan']);

    await step(caseId, 'Activity_Plan', AGENT, PLAN(8_000));
    await step(caseId, 'Activity_Schedule', SALES, SCHEDULE());
    await step(caseId, 'Activity_ManagerReview', MANAGER, { reviewOpinion: '同意' }, 'approve', '同意');
    await step(caseId, 'Activity_GeneralManagerApproval', GM, { approvalOpinion: '拜访频次不足' }, 'reject', '拜访频次不足');
    await e.waitForTasks(caseId, ['Activity_Plan']);
    // Nothing is implemented before both approvals.
    expect((await e.stack.db.query('SELECT 1 FROM customer_visit WHERE case_id = $1', [caseId])).rows).toEqual([]);

    await step(caseId, 'Activity_Plan', AGENT, { ...PLAN(9_000), planContent: '每月上门拜访一次' });
    await step(caseId, 'Activity_Schedule', SALES, SCHEDULE());
    await step(caseId, 'Activity_ManagerReview', MANAGER, { reviewOpinion: '同意' }, 'approve', '同意');
    await step(caseId, 'Activity_GeneralManagerApproval', GM, { approvalOpinion: '同意' }, 'approve', '同意');
    await step(caseId, 'Activity_Implement', SALES, { visitKind: 'promotion', visitedOn: chinaDay(0), visitSummary: '节能机型以旧换新促销', moreVisits: false });
    await e.waitForTasks(caseId, ['Activity_Evaluate']);

    const state = await e.state(caseId);
    expect(state.completedCounts).toMatchObject({ Activity_Plan: 3, Activity_Schedule: 3, Activity_ManagerReview: 3, Activity_GeneralManagerApproval: 2, Activity_Implement: 1, Activity_Classify: 1 });
    expect(state.variables).toMatchObject({ serviceCost: 9_000, planContent: '每月上门拜访一次' });
  });

  it('客户名册: by tier, every row masked by level for a reader not cleared (screen and export); the visit log too', async () => {
    // Rank the unit (a case through 客户分类), so the tiers are the computed ones.
    const caseId = await e.start(SALES, 'relationship', {}, { customerId: ids.small });
    await step(caseId, 'Activity_CollectCard', SALES, CARD);
    await step(caseId, 'Activity_Compile', AGENT, COMPILE);
    await e.waitForTasks(caseId, ['Activity_Roster']);

    const forAgent = await get(AGENT, `/api/customers/roster?unitId=${unitId}`);
    expect(forAgent.statusCode).toBe(200);
    expect(forAgent.body.items.map((r: { id: string; tier: string }) => [r.id, r.tier])).toEqual([
      [ids.big, 'A'], [ids.second, 'A'], [ids.edge80, 'B'], [ids.mid, 'B'], [ids.edge95, 'C'], [ids.small, 'C'], [ids.none, 'D'],
    ]);
    expect(forAgent.body.rules.map((r: { tier: string; callbackCoverage: number }) => [r.tier, r.callbackCoverage])).toEqual([['A', 1], ['B', 0.5], ['C', 0.2], ['D', 0.1]]);
    const secret = forAgent.body.items.find((r: { id: string }) => r.id === ids.mid);
    // Its sales too (the figure behind its tier): withheld, and the row last in its tier, so that its rank does not tell them.
    expect(secret).toMatchObject({ name: '（保密客户）', contactName: null, phone: null, masked: true, tier: 'B', confidentiality: 'secret', sales: null, tierChangedAt: null });
    expect(forAgent.body.items.find((r: { id: string }) => r.id === ids.big)).toMatchObject({ name: '宁波big贸易有限公司', phone: '0574-0000 0000', masked: false });
    // The manager of 浙江 is cleared for 秘密 in the units below.
    const forManager = await get(MANAGER, `/api/customers/roster?unitId=${unitId}&tier=B`);
    expect(forManager.body.items.map((r: { id: string; masked: boolean; name: string }) => [r.id, r.masked, r.name])).toEqual([
      [ids.edge80, false, '宁波edge80贸易有限公司'],
      [ids.mid, false, '宁波mid贸易有限公司'],
    ]);
    expect(forManager.body.items.find((r: { id: string }) => r.id === ids.mid).sales).toBe(5_000);

    const csv = await get(AGENT, `/api/customers/roster/export?unitId=${unitId}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    const text = String(csv.body);
    expect(text).toContain('宁波big贸易有限公司');
    expect(text).not.toContain('宁波mid贸易有限公司');
    expect(text).toContain(`B,${ids.mid},（保密客户）`);
    expect(String((await get(MANAGER, `/api/customers/roster/export?unitId=${unitId}&format=csv`)).body)).toContain('宁波mid贸易有限公司');
    const xlsx = await e.stack.app.inject({ method: 'GET', url: `/api/customers/roster/export?unitId=${unitId}&format=xlsx`, headers: { cookie: await e.cookie(AGENT) } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    // An unknown unit is refused with a code the console words.
    const unknown = await get(AGENT, '/api/customers/roster?unitId=nowhere');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body.code).toBe('customer.unitUnknown');

    // The secret customer's visit log: nothing for the agent, listed for the manager.
    const opinionOn = chinaDay(0);
    await e.stack.db.query(
      "INSERT INTO customer_visit (entry_key, customer_id, case_id, kind, visited_on, summary) VALUES ($1, $2, $3, 'opinion', $4::date, '听取意见：交期')",
      [`test/${caseId}`, ids.mid, caseId, opinionOn],
    );
    expect((await get(AGENT, `/api/customers/${encodeURIComponent(ids.mid!)}/visits`)).body).toEqual({ items: [], masked: true });
    expect((await get(AGENT, `/api/customers/${encodeURIComponent(ids.mid!)}/tiers`)).body).toEqual({ items: [], masked: true });
    expect((await get(MANAGER, `/api/customers/${encodeURIComponent(ids.mid!)}/tiers`)).body.items[0]).toMatchObject({ tierAfter: 'B', sales: 5_000 });
    expect((await get(MANAGER, `/api/customers/${encodeURIComponent(ids.mid!)}/visits`)).body.items.map((v: { summary: string }) => v.summary)).toEqual(['听取意见：交期']);
    // The roster's last visit is withheld with the rest of a masked row.
    expect((await get(AGENT, `/api/customers/roster?unitId=${unitId}&tier=B`)).body.items.find((r: { id: string }) => r.id === ids.mid).lastVisitOn).toBeNull();
    expect((await get(MANAGER, `/api/customers/roster?unitId=${unitId}&tier=B`)).body.items.find((r: { id: string }) => r.id === ids.mid).lastVisitOn).toBe(opinionOn);
  });
});

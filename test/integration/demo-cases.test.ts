import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDemoCases } from '../../programs/demo/demo-cases';
import { startEngine, type Engine } from '../engine-harness';
import { createCatalogRepository } from '../../db/products';
import { DEMO_ARCHIVES } from '../../programs/demo/demo-archives';

// First start opens on a living inbox: the demo cases of every shipped process are walked to
// their steps through the same services the API uses. A diagram or form change that breaks a
// demo script shows up here, not on a new user's first start.

describe('demo cases on first start', () => {
  let e: Engine;
  const lines: string[] = [];
  let caseIds: string[] = [];
  beforeAll(async () => {
    e = await startEngine('demo-cases');
    caseIds = await startDemoCases(e.stack.db, e.stack.temporal, (line) => lines.push(line));
  });
  afterAll(async () => e?.close());

  it('walks every demo case without a hitch', () => {
    expect(lines).toEqual([]);
    expect(caseIds).toHaveLength(28); // 5 approvals, 5 complaints (one closed 不属实), 4 repairs, 2 follow-ups, 2 relationships, 4 credit gradings, 2 credit anomalies, 2 customer-info, 1 archive borrow, 1 archive destruction
  });

  it('leaves cases of each process open at different steps, for the roles of each lane', async () => {
    // The last step walked in each case opens the next one a moment after it completed (the planned
    // call-back's timer fires a moment after the demo run): wait until every case has reached its step.
    const rows = await vi.waitFor(
      async () => {
        const { rows } = await e.stack.db.query<{ process_key: string; element_id: string; candidate_roles: string[] }>(
          `SELECT c.process_key, t.element_id, t.candidate_roles FROM task t JOIN process_case c ON c.id = t.case_id
            WHERE t.case_id = ANY ($1) AND t.status = 'open' ORDER BY c.process_key, t.element_id`,
          [caseIds],
        );
        const at = (key: string) => rows.filter((r) => r.process_key === key).map((r) => r.element_id);
        expect(at('demo-approval')).toHaveLength(5);
        expect(at('complaint')).toEqual(['Activity_Investigate', 'Activity_Investigate', 'Activity_ManagerApproval', 'Activity_RegisterComplaint']);
        expect(at('repair')).toEqual(['Activity_ConfirmFee', 'Activity_ConfirmMode', 'Activity_Repair', 'Activity_Repair']);
        expect(at('after-sales-follow-up').sort()).toEqual(['Activity_Callback', 'Activity_CustomerProfile']);
        expect(at('relationship')).toEqual(['Activity_Compile', 'Activity_ManagerReview']);
        expect(at('credit-grading')).toEqual(['Activity_CollectCreditInfo', 'Activity_ManagerReview']);
        expect(at('credit-anomaly')).toEqual(['Activity_AnomalyAnalysis', 'Activity_SupervisorReview']);
        expect(at('customer-info')).toEqual(['Activity_Collect', 'Activity_ManagerReview']);
        expect(at('archive-borrow')).toEqual(['Activity_Return']);
        expect(at('archive-destruction')).toEqual(['Activity_ManagerReview']);
        return rows;
      },
      { timeout: 30_000, interval: 250 },
    );
    const roles = new Set(rows.flatMap((r) => r.candidate_roles));
    for (const role of ['cs_agent', 'cs_manager', 'department', 'engineering']) expect(roles).toContain(role);
    // Every demo user of 浙江 whose role has a step finds work in their own unit.
    const zj = await e.stack.db.query<{ role: string }>(
      `SELECT DISTINCT r AS role FROM task t, unnest(t.candidate_roles) r WHERE t.case_id = ANY ($1) AND t.status = 'open' AND t.unit_id = 'zj'`,
      [caseIds],
    );
    expect(zj.rows.map((r) => r.role).sort()).toEqual(expect.arrayContaining(['cs_agent', 'cs_manager', 'department', 'engineering']));
  });

  it('grades customers differently from their demo sales: the graded ones show on 客户 360, the overdue one is the daily check\'s', async () => {
    const { rows } = await e.stack.db.query<{ customer_id: string; grade: string; credit_limit: string }>(
      `SELECT customer_id, grade, credit_limit FROM customer_credit_grade WHERE case_id = ANY ($1) ORDER BY customer_id`,
      [caseIds],
    );
    expect(rows.map((r) => [r.customer_id, r.grade, Number(r.credit_limit)])).toEqual([['C0003', 'AA', 1_000_000], ['C0005', 'B', 50_000]]);
    // Seeded due 35 days before China's today at seeding; read later, China's midnight may have passed
    // in between (a CI run at 23:59 in Shanghai), so the days are counted against the seeded due date,
    // read just before and just after the figures (the midnight may also fall between those reads).
    const daysOverdue = async () =>
      (
        await e.stack.db.query<{ days: number }>(
          `SELECT ((now() AT TIME ZONE 'Asia/Shanghai')::date - due_on)::int AS days FROM purchase WHERE id = 'GM-DEMO-0008'`,
        )
      ).rows[0]!.days;
    const before = await daysOverdue();
    const overdue = await createCatalogRepository(e.stack.db).overdueCustomers(50_000, 30);
    const days = [before, await daysOverdue()];
    expect(days.every((d) => d === 35 || d === 36)).toBe(true);
    expect(overdue.filter((o) => o.customerId.startsWith('C000'))).toEqual([{ customerId: 'C0008', overdueReceivable: 90_000, maxOverdueDays: expect.toBeOneOf(days) }]);
  });

  it('opens on a register that is not empty: case archives at 归档, one held, one lent with its loan open, one proposed for destruction', async () => {
    // The graded credit cases and the complaint closed 不属实 pass 归档 a moment after their last step.
    await vi.waitFor(
      async () => {
        const { rows } = await e.stack.db.query(`SELECT 1 FROM archive WHERE case_id = ANY ($1)`, [caseIds]);
        if (rows.length < 3) throw new Error('credit and complaint cases not archived yet');
      },
      { timeout: 20_000, interval: 200 },
    );
    const fromCases = await e.stack.db.query(`SELECT archive_type, customer_id, status FROM archive WHERE case_id = ANY ($1) ORDER BY customer_id`, [caseIds]);
    expect(fromCases.rows).toEqual([
      { archive_type: 'complaint', customer_id: 'C0002', status: 'in_stock' },
      { archive_type: 'credit-grading', customer_id: 'C0003', status: 'in_stock' },
      { archive_type: 'credit-grading', customer_id: 'C0005', status: 'in_stock' },
    ]);
    const { rows } = await e.stack.db.query<{ id: string; status: string; legal_hold: boolean; expired: boolean }>(
      `SELECT id, status, legal_hold, expires_on < (now() AT TIME ZONE 'Asia/Shanghai')::date AS expired FROM archive WHERE id = ANY ($1) ORDER BY id`,
      // The demo's own paper-register archives (other test files register archives of their own).
      [Object.values(DEMO_ARCHIVES)],
    );
    expect(rows).toEqual([
      { id: DEMO_ARCHIVES.expired, status: 'in_stock', legal_hold: false, expired: true },
      { id: DEMO_ARCHIVES.held, status: 'in_stock', legal_hold: true, expired: true },
      { id: DEMO_ARCHIVES.lent, status: 'on_loan', legal_hold: false, expired: false },
    ]);
    const history = await e.stack.db.query(`SELECT archive_id, kind FROM archive_event WHERE archive_id = ANY ($1) ORDER BY archive_id, id`, [[DEMO_ARCHIVES.held, DEMO_ARCHIVES.lent]]);
    expect(history.rows.map((r) => `${r.archive_id} ${r.kind}`)).toEqual([
      `${DEMO_ARCHIVES.held} registered`,
      `${DEMO_ARCHIVES.held} hold.set`,
      `${DEMO_ARCHIVES.lent} registered`,
      `${DEMO_ARCHIVES.lent} lent`,
    ]);
    // The loan is open in the 借阅台账, its borrow case waiting at 归还档案.
    const loans = await e.stack.db.query(`SELECT l.archive_id, l.department, l.returned_at, c.process_key FROM archive_loan l JOIN process_case c ON c.id = l.case_id WHERE l.case_id = ANY ($1)`, [caseIds]);
    expect(loans.rows).toEqual([{ archive_id: DEMO_ARCHIVES.lent, department: '质量管理部', returned_at: null, process_key: 'archive-borrow' }]);
    // The destruction proposal kept the expired archive only; the held one is never proposed.
    const destruction = await e.stack.db.query<{ id: string }>(`SELECT id FROM process_case WHERE id = ANY ($1) AND process_key = 'archive-destruction'`, [caseIds]);
    const state = await e.state(destruction.rows[0]!.id);
    expect(state.variables.destructionList).toEqual([DEMO_ARCHIVES.expired]);
    expect(state.variables.expiredArchives).toEqual(
      expect.arrayContaining([expect.objectContaining({ archiveId: DEMO_ARCHIVES.expired, legalHold: false }), expect.objectContaining({ archiveId: DEMO_ARCHIVES.held, legalHold: true })]),
    );
  });

  it('records what the steps produced: a complaint under handling and a dispatched work order', async () => {
    const complaints = await e.stack.db.query(`SELECT stage FROM complaint WHERE case_id = ANY ($1) ORDER BY stage`, [caseIds]);
    // The first complaint waits at 受理投诉, so it has no record yet; the third was investigated, its plan not yet agreed.
    // The one closed 不属实 keeps its registered record (its outcome is read from the case).
    expect(complaints.rows.map((r) => r.stage)).toEqual(['investigated', 'registered', 'registered', 'registered']);
    // 客户分类 ranked 江苏 on its sales: the big buyer stays A, the one without a purchase this year is D.
    const tiers = await e.stack.db.query(`SELECT customer_id, tier_before, tier_after FROM customer_tier_history WHERE case_id = ANY ($1) ORDER BY customer_id`, [caseIds]);
    expect(tiers.rows).toEqual([
      { customer_id: 'C0003', tier_before: 'A', tier_after: 'A' },
      { customer_id: 'C0004', tier_before: 'C', tier_after: 'D' },
    ]);
    const orders = await e.stack.db.query(`SELECT status, engineer_id, mode FROM work_order WHERE case_id = ANY ($1) ORDER BY engineer_id`, [caseIds]);
    expect(orders.rows).toEqual([
      { status: 'dispatched', engineer_id: 'fj.engineering', mode: '送修' },
      { status: 'dispatched', engineer_id: 'zj.engineering', mode: '送修' },
    ]);
  });
});

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskRepository, type TaskFilter } from '../../db/tasks';
import type { Db } from '../../db/pool';
import type { SessionUser } from '../../db/users';
import { connectToStackDb } from '../shared-stack';

// Every order the inbox offers is read from an index, so a page reads about a page of tasks however many there are
// (issue 19). By customer priority, and the completed lists by due time, every visible task used to be joined and
// sorted for each page (0.85–1.9 s at 1M tasks), as the priority was read through the case's customer: the tier is now
// copied onto the task (migration 059), and must follow the customer. An auditor, offered nothing, had their 待认领
// page walk every open task to find that out. Measured here by the task rows each page's statement reads
// (EXPLAIN ANALYZE), not by time; on the stack's database (PGlite, or PostgreSQL with DATABASE_URL), rolled back.

const user = (id: string, unitId: string, role: string): SessionUser => ({ id, username: id, displayName: id, unitId, roles: [{ role, unitId }] });
const auditor = user('hq.auditor', 'hq', 'auditor');
const manager = user('zj.cs_manager', 'zj', 'cs_manager');

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}
/** The task rows a plan read: those its scans of task returned or filtered out. */
function taskRowsRead(node: PlanNode): number {
  const own =
    node['Relation Name'] === 'task'
      ? ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * (node['Actual Loops'] ?? 1)
      : 0;
  return own + (node.Plans ?? []).reduce((n, p) => n + taskRowsRead(p), 0);
}

// Each task's priority from its customer itself (not the task's copy), as the inbox means it: tier A first, no customer as C.
const BY_PRIORITY = `coalesce(CASE cu.tier WHEN 'A' THEN 1 WHEN 'B' THEN 2 WHEN 'C' THEN 3 WHEN 'D' THEN 4 END, 3), coalesce(t.due_at, 'infinity'), t.id`;
const BY_DUE = `coalesce(t.due_at, 'infinity'), t.created_at, t.id`;

describe('inbox pages in every order', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = await connectToStackDb();
  });
  afterAll(async () => client?.end());

  it('read about a page of tasks, in the order of the customers as they are now', async () => {
    const seen: Array<{ text: string; values: unknown[]; name?: string }> = [];
    const recording = {
      query: (q: string | pg.QueryConfig, values?: unknown[]) => {
        if (typeof q === 'string') seen.push({ text: q, values: values ?? [] });
        else seen.push({ text: q.text, values: q.values ?? [], ...(q.name ? { name: q.name } : {}) });
        return client.query(q as string, values);
      },
    } as unknown as Db;
    const repo = createTaskRepository(recording);
    /** One page, and the task rows its statement read. */
    async function page(who: SessionUser, f: Omit<TaskFilter, 'limit'>) {
      const { items, nextCursor } = await repo.list(who, { ...f, limit: 20 });
      const last = seen.at(-1)!;
      const { rows } = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${last.text}`, last.values);
      return { ids: items.map((t) => t.id), read: taskRowsRead(rows[0]!['QUERY PLAN'][0]!.Plan), nextCursor };
    }
    const oracle = async (status: 'open' | 'completed', order: string, customerId?: string, offset = 0) =>
      (
        await client.query<{ id: string }>(
          `SELECT t.id FROM task t JOIN process_case c ON c.id = t.case_id LEFT JOIN customer cu ON cu.id = c.customer_id
            WHERE t.status = $1 AND ($2::text IS NULL OR c.customer_id = $2) ORDER BY ${order} LIMIT 20 OFFSET $3`,
          [status, customerId ?? null, offset],
        )
      ).rows.map((r) => r.id);

    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL lock_timeout = '20s'`);
      // Only this test's tasks (the files before it leave theirs): rolled back with the rest.
      await client.query('TRUNCATE task CASCADE');
      const run = `order-plan-${Date.now().toString(36)}`;
      // Four cases: of a tier-A, a tier-B and a tier-D customer, and of none. 4,000 open and 4,000 completed tasks, a
      // quarter each, three in four of them in 浙江 (offered to its 客服经理), due at scattered times. In whole milliseconds,
      // as every task's are kept (migration 060; test/integration/task-cursor-precision.test.ts).
      for (const [i, tier] of ['A', 'B', 'D'].entries()) {
        await client.query(`INSERT INTO customer (id, name, tier, unit_id, confidentiality) VALUES ($1, $2, $3, 'zj', 'internal')`, [`${run}-c${i}`, `排序客户${i}`, tier]);
      }
      for (let i = 0; i < 4; i += 1) {
        await client.query(
          `INSERT INTO process_case (id, process_key, process_version, business_key, title, status, initiator_id, owner_id, unit_id, customer_id, started_at)
           VALUES ($1, 'order-plan', 1, $1, '排序', 'running', 'zj.cs_agent', 'zj.cs_agent', 'zj', $2, now())`,
          [`${run}/${i}`, i < 3 ? `${run}-c${i}` : null],
        );
      }
      await client.query(
        `INSERT INTO task (id, case_id, element_id, name, status, unit_id, candidate_roles, candidate_scope, candidate_users, due_at, created_at, completed_at, completed_by)
         SELECT $1 || '/t' || i, $1 || '/' || (i % 4), 'e', '审批', CASE WHEN i < 4000 THEN 'open' ELSE 'completed' END,
                CASE WHEN i % 8 < 6 THEN 'zj' ELSE 'gd' END, ARRAY['cs_manager'], 'unit', '{}',
                ms.now + ((i * 7919) % 10007) * interval '1 minute', ms.now - interval '1 day',
                CASE WHEN i >= 4000 THEN ms.now END, CASE WHEN i >= 4000 THEN 'zj.cs_manager' END
           FROM generate_series(0, 7999) i, (SELECT date_trunc('milliseconds', now()) AS now) ms`,
        [run],
      );
      await client.query('ANALYZE task');

      const cases: Array<{ who: SessionUser; f: Omit<TaskFilter, 'limit'>; order?: string }> = [
        { who: auditor, f: { view: 'all', status: 'open', sort: 'priority' }, order: BY_PRIORITY },
        { who: auditor, f: { view: 'all', status: 'completed', sort: 'priority' }, order: BY_PRIORITY },
        { who: auditor, f: { view: 'all', status: 'completed', sort: 'due' }, order: BY_DUE },
        { who: manager, f: { view: 'group', status: 'open', sort: 'priority' } },
        { who: manager, f: { view: 'all', status: 'completed', sort: 'priority' } },
        // One tier-B customer's tasks by priority: along its own due range, not past every tier-A task first.
        { who: auditor, f: { view: 'all', status: 'open', sort: 'priority', customerId: `${run}-c1` }, order: BY_PRIORITY },
        { who: auditor, f: { view: 'all', status: 'completed', sort: 'priority', customerId: `${run}-c1` }, order: BY_PRIORITY },
      ];
      for (const { who, f, order } of cases) {
        const got = await page(who, f);
        expect(got.ids, `${who.id} ${f.view} ${f.status} by ${f.sort}`).toHaveLength(20);
        if (order) {
          expect(got.ids).toEqual(await oracle(f.status, order, f.customerId));
          // The next page from the cursor, as the walk would go on.
          const next = await page(who, { ...f, cursor: got.nextCursor! });
          expect(next.ids).toEqual(await oracle(f.status, order, f.customerId, 20));
        }
        // A page of 20 (21 read to know there is more), a quarter of them not the manager's: a sort read all 4,000.
        expect(got.read, `${who.id} ${f.view} ${f.status} by ${f.sort}${f.customerId ? " of one customer" : ""}: task rows read`).toBeLessThan(200);
      }

      // The tier-D customer becomes A: its tasks are ranked with the other A's at once, open and completed.
      await client.query(`UPDATE customer SET tier = 'A' WHERE id = $1`, [`${run}-c2`]);
      for (const status of ['open', 'completed'] as const) {
        const got = await page(auditor, { view: 'all', status, sort: 'priority' });
        expect(got.ids).toEqual(await oracle(status, BY_PRIORITY));
        expect(got.ids.some((id) => Number(id.split('/t')[1]) % 4 === 2)).toBe(true);
      }
      // Nothing but the customer writes the copy.
      await client.query(`UPDATE task SET customer_tier = 'D' WHERE id = $1`, [`${run}/t0`]);
      const { rows: stale } = await client.query(
        `SELECT t.id FROM task t LEFT JOIN customer cu ON cu.id = t.customer_id WHERE t.customer_tier IS DISTINCT FROM cu.tier::text`,
      );
      expect(stale).toEqual([]);

      // The auditor is offered nothing: their 待认领 is empty without reading the open tasks.
      const group = await page(auditor, { view: 'group', status: 'open', sort: 'due' });
      expect(group.ids).toEqual([]);
      expect(group.read).toBeLessThan(20);

      // 我的 已完成 by due time is planned for its user (their own count decides between the walk and a sort).
      await page(manager, { view: 'mine', status: 'completed', sort: 'due' });
      expect(seen.at(-1)!.name).toBeUndefined();
    } finally {
      await client.query('ROLLBACK');
    }
  });
});

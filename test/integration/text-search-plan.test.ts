import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskRepository } from '../../db/tasks';
import type { Db } from '../../db/pool';
import type { SessionUser } from '../../db/users';
import { connectToStackDb } from '../shared-stack';

// A term in the open lists has its plan chosen by the text the repository writes (db/tasks.ts): the
// open tasks' trigram index for a term sparse along the due order, else the walk of that order.
// PostgreSQL planned it again for every search: a custom plan, made for the pattern, is estimated
// cheaper than the generic one, so the generic plan was never kept (issue 19).
// With its parameters out of the planner's sight (db/prepared.ts paramsOpaque), the connection keeps one
// plan after PostgreSQL's five custom ones, and the search still finds the same tasks. On the stack's
// database (PGlite, or PostgreSQL with DATABASE_URL), rolled back.

const auditor: SessionUser = { id: 'hq.auditor', username: 'hq.auditor', displayName: 'hq.auditor', unitId: 'hq', roles: [{ role: 'auditor', unitId: 'hq' }] };

describe('free text in the open lists', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = await connectToStackDb();
  });
  afterAll(async () => client?.end());

  it('is planned once per connection, not per search, and finds the same tasks', async () => {
    await client.query('BEGIN');
    try {
      const run = `text-plan-${Date.now().toString(36)}`;
      await client.query(
        `INSERT INTO process_case (id, process_key, process_version, business_key, title, status, initiator_id, owner_id, unit_id, started_at)
         VALUES ($1, 'text-plan', 1, $1, '计划测试', 'running', 'zj.cs_agent', 'zj.cs_agent', 'zj', now())`,
        [run],
      );
      // 240 open tasks, first in the due order (due ten years ago), all of the case numbered `run`: a term dense along the
      // walk; three of them (t79, t159, t239) also named with zqxjv, a term sparse there, so read through the index.
      await client.query(
        `INSERT INTO task (id, case_id, element_id, name, status, unit_id, candidate_roles, candidate_scope, due_at, created_at)
         SELECT $1 || '/t' || i, $1, 'e', CASE WHEN i % 80 = 79 THEN '核对 zqxjv 第' || i ELSE '核对 第' || i END, 'open', 'zj',
                ARRAY['cs_manager'], 'unit', now() - interval '10 years' + i * interval '1 minute', now()
           FROM generate_series(0, 239) i`,
        [run],
      );
      const cases = [
        { term: 'zqxjv', byIndex: true, want: [79, 159, 239] },
        { term: run, byIndex: false, want: Array.from({ length: 50 }, (_, i) => i) },
      ];
      // By customer priority too: its order is the task's copy of the tier (migration 059), read from an index like the due
      // order (these tasks have no customer, so the two orders are the same).
      for (const [{ term, byIndex, want }, sort] of cases.flatMap((c) => (['due', 'priority'] as const).map((s) => [c, s] as const))) {
        // The named statements whose pattern the planner cannot see, to find the search's among the session's.
        const statements = new Map<string, string>();
        const recording = {
          query: (q: string | pg.QueryConfig, values?: unknown[]) => {
            if (typeof q !== 'string' && q.name && q.text.includes('LIKE (SELECT opaque.p')) statements.set(q.name, q.text);
            return client.query(q as string, values);
          },
        } as unknown as Db;
        const repo = createTaskRepository(recording);
        const walk = createTaskRepository(client as unknown as Db, { textSearchByIndex: false });
        const filter = { view: 'all' as const, status: 'open' as const, q: term, sort, limit: 50 };
        const ids = want.map((i) => `${run}/t${i}`);
        for (let i = 0; i < 8; i += 1) expect((await repo.list(auditor, filter)).items.map((t) => t.id)).toEqual(ids);
        expect((await walk.list(auditor, filter)).items.map((t) => t.id)).toEqual(ids);
        expect(statements.size).toBe(1);
        const [name, text] = [...statements][0]!;
        // Read through the open tasks' trigram index (their texts joined), or by the walk.
        expect(text.includes("|| coalesce(t.customer_name, '')")).toBe(byIndex);
        // At this size a plan made for the pattern may cost the same as the generic one; at 1M tasks it did not, so the
        // statement shows the planner no parameter beyond its first row.
        expect(text.slice(text.indexOf(') SELECT')).match(/\$\d/)).toBeNull();
        // PGlite's sessions prefix each client's names (db/pglite-sessions.ts).
        const { rows } = await client.query<{ generic_plans: string; custom_plans: string }>(
          `SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1 OR name LIKE '%.' || $1`,
          [name],
        );
        // PostgreSQL plans the first five runs for their parameters, then keeps the generic plan for the other three.
        expect(rows.map((r) => [Number(r.custom_plans), Number(r.generic_plans)])).toContainEqual([5, 3]);
      }
    } finally {
      await client.query('ROLLBACK');
    }
  });
});

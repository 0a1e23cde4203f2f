import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskRepository, type TaskFilter } from '../../db/tasks';
import type { Db } from '../../db/pool';
import type { SessionUser } from '../../db/users';
import { connectToStackDb } from '../shared-stack';

// The inbox's keyset cursor carries a task's instants as the API writes them, to the millisecond (db/iso-text.ts),
// while a timestamptz holds microseconds. A task written with microseconds (by SQL now(), a hand-made fix, an import)
// was then seen twice at a page boundary in the ascending orders and skipped in the newest-first one: the cursor
// compared a cut instant with the whole one. Tasks keep their instants to the millisecond (migration 060), whoever
// writes them. Paged one task at a time here, in every order, against the database's own order; rolled back.

const auditor: SessionUser = { id: 'hq.auditor', username: 'hq.auditor', displayName: 'hq.auditor', unitId: 'hq', roles: [{ role: 'auditor', unitId: 'hq' }] };

describe('the inbox cursor', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = await connectToStackDb();
  });
  afterAll(async () => client?.end());

  it('pages through tasks written to the microsecond once each, in every order', async () => {
    const repo = createTaskRepository(client as unknown as Db);
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL lock_timeout = '20s'`);
      await client.query('TRUNCATE task CASCADE');
      const run = `cursor-us-${Date.now().toString(36)}`;
      await client.query(
        `INSERT INTO process_case (id, process_key, process_version, business_key, title, status, initiator_id, owner_id, unit_id, started_at)
         VALUES ($1, 'cursor-us', 1, $1, '游标', 'running', 'zj.cs_agent', 'zj.cs_agent', 'zj', now())`,
        [run],
      );
      // Twelve tasks of each status, due and created within one millisecond, apart by microseconds only; one without a due time.
      await client.query(
        `INSERT INTO task (id, case_id, element_id, name, status, unit_id, candidate_roles, candidate_scope, candidate_users, due_at, created_at, completed_at, completed_by)
         SELECT $1 || '/t' || lpad(i::text, 2, '0'), $1, 'e', '审批', CASE WHEN i % 2 = 0 THEN 'open' ELSE 'completed' END, 'zj', ARRAY['cs_manager'], 'unit', '{}',
                CASE WHEN i <> 7 THEN timestamptz '2026-12-04 08:00:00.123+00' + ((i * 37) % 24 + 1) * interval '1 microsecond' END,
                timestamptz '2026-12-01 08:00:00.456+00' + ((i * 11) % 24 + 1) * interval '1 microsecond',
                CASE WHEN i % 2 = 1 THEN now() END, CASE WHEN i % 2 = 1 THEN 'zj.cs_manager' END
           FROM generate_series(0, 23) i`,
        [run],
      );
      const orders = {
        due: `coalesce(t.due_at, 'infinity'), t.created_at, t.id`,
        created: `t.created_at DESC, t.id DESC`,
        priority: `coalesce(t.due_at, 'infinity'), t.id`,
      } as const;
      for (const status of ['open', 'completed'] as const) {
        for (const sort of ['due', 'created', 'priority'] as const) {
          const f: TaskFilter = { view: 'all', status, sort, limit: 1 };
          const seen: string[] = [];
          for (let cursor: string | null | undefined = undefined, n = 0; n < 30; n += 1) {
            const page = await repo.list(auditor, { ...f, ...(cursor ? { cursor } : {}) });
            seen.push(...page.items.map((t) => t.id));
            cursor = page.nextCursor;
            if (!cursor) break;
          }
          const { rows } = await client.query<{ id: string }>(`SELECT t.id FROM task t WHERE t.status = $1 ORDER BY ${orders[sort]}`, [status]);
          expect(seen, `${status} by ${sort}`).toEqual(rows.map((r) => r.id));
        }
      }
    } finally {
      await client.query('ROLLBACK');
    }
  });
});

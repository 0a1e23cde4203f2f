import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskRepository } from '../../db/tasks';
import type { Db } from '../../db/pool';
import type { SessionUser } from '../../db/users';
import { TASK_ACTIONABLE, TASK_ASSIGNED_OR_OFFERED, TASK_OFFERED, taskVisibleWhenOffered } from '../../policy/sql';
import { connectToStackDb, sharedStack } from '../shared-stack';

// The inbox badge counts read task_open_count (migration 049), the current hour's past minutes from task_open_edge (057) and the current minute's tasks; the
// oracle is the query they replaced, which scans every open task and tests "offered" for each.
// Random tasks (units, roles, scopes, departments, candidate users, claims, due times around
// the current hour), random changes to them (claim, complete, cancel, escalate, new due time,
// delete) and random users, on the stack's database (PGlite, or PostgreSQL with DATABASE_URL),
// each run under a savepoint rolled back afterwards, all of them in one transaction that first
// sets aside the tasks the files before this one left (TRUNCATE, rolled back at the end): the
// walks over those thousands of tasks made this file 49 s of a full run (CI 107) against 2 s
// alone. now() is the transaction's start, so both queries see the same moment. The same scenarios hold the open pages of a user offered few tasks
// and the completed pages of a user with few in reach (read through their units, db/tasks.ts
// fewOfferedUnits, fewDoneUnits) to the walk in page order, page by page.

const COUNTS_BY_SCAN = (user: SessionUser) => `SELECT count(*) FILTER (WHERE x.mine) AS mine,
        count(*) FILTER (WHERE x.unclaimed AND x.offered) AS "group",
        count(*) FILTER (WHERE x.visible) AS "all",
        count(*) FILTER (WHERE x.visible AND x.due_at < now()) AS overdue,
        count(*) FILTER (WHERE x.visible AND x.due_at >= now() AND x.due_at - now() < (x.due_at - x.created_at) / 4) AS due_soon
   FROM (SELECT t.assignee_id = $1 AS mine, t.assignee_id IS NULL AS unclaimed, o.offered, ${taskVisibleWhenOffered(user, 'o.offered')} AS visible, t.due_at, t.created_at
           FROM task t CROSS JOIN LATERAL (SELECT ${TASK_OFFERED} AS offered OFFSET 0) o
          WHERE t.status = 'open') x`;

const UNITS = ['hq', 'east', 'south', 'zj', 'js', 'gd', 'fj'];
const ROLES = ['cs_agent', 'cs_manager', 'engineering', 'sales', 'department', 'general_manager', 'auditor'];
const USERS = ['zj.cs_manager', 'zj.cs_agent', 'east.cs_manager', 'gd.engineering', 'zj.department', 'hq.general_manager', 'hq.auditor', 'admin'];

const minutes = fc.oneof(
  fc.integer({ min: -90, max: 90 }),
  fc.integer({ min: -6000, max: 6000 }),
  fc.constantFrom(0, 'hour' as const, 'hourEnd' as const, 'minute' as const, 'beforeMinute' as const),
);
const taskArb = fc.record({
  unit: fc.constantFrom(...UNITS),
  roles: fc.subarray(ROLES, { maxLength: 2 }),
  ancestors: fc.boolean(),
  department: fc.option(fc.constantFrom('quality', 'rnd'), { nil: null }),
  candidateUsers: fc.subarray(USERS, { maxLength: 2 }),
  assignee: fc.option(fc.constantFrom(...USERS), { nil: null }),
  status: fc.constantFrom('open', 'open', 'open', 'completed', 'cancelled'),
  due: fc.option(minutes, { nil: null }),
  createdAgo: fc.integer({ min: -120, max: 8000 }),
});
const changeArb = fc.record({
  task: fc.nat(),
  kind: fc.constantFrom('claim', 'unclaim', 'complete', 'cancel', 'escalate', 'due', 'delete'),
  who: fc.constantFrom(...USERS),
  due: fc.option(minutes, { nil: null }),
  unit: fc.constantFrom(...UNITS),
});
const scenario = fc.record({
  tasks: fc.array(taskArb, { maxLength: 30 }),
  changes: fc.array(changeArb, { maxLength: 10 }),
  user: fc.constantFrom(...USERS),
  extraRoles: fc.array(fc.record({ role: fc.constantFrom(...ROLES), unit: fc.constantFrom(...UNITS) }), { maxLength: 2 }),
});

describe('inbox badge counts and few-task pages from task_open_count', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = await connectToStackDb();
    const { rows } = await client.query<{ code: string }>('SELECT code FROM department');
    expect(rows.map((r) => r.code)).toEqual(expect.arrayContaining(['quality', 'rnd']));
  });
  afterAll(async () => client?.end());

  // The edges the counts read apart: the current hour's start and end, the current minute's start (tasks from there
  // to now are read from task, those before from task_open_edge) and the last instant before it.
  type Due = number | 'hour' | 'hourEnd' | 'minute' | 'beforeMinute';
  const at = (now: Date, hour: Date, m: Due) => {
    const minute = Math.floor(now.getTime() / 60_000) * 60_000;
    if (m === 'hour') return hour.toISOString();
    if (m === 'hourEnd') return new Date(hour.getTime() + 3_600_000 - 1).toISOString();
    if (m === 'minute') return new Date(minute).toISOString();
    if (m === 'beforeMinute') return new Date(minute - 1).toISOString();
    return new Date(now.getTime() + m * 60_000).toISOString();
  };

  it('equal the scan over every open task (counts) and the walk in page order (pages), for random tasks, changes and users', async () => {
    const repo = createTaskRepository(client as unknown as Db, { sparseRatio: 0 }); // the units' plan for every user offered few
    const walkOnly = createTaskRepository(client as unknown as Db, { fewOfferedByUnit: false });
    let runs = 0;
    await client.query('BEGIN');
    try {
      // Fails rather than waits should a connection of an earlier file still hold a task row.
      await client.query(`SET LOCAL lock_timeout = '20s'`);
      // TRUNCATE's own trigger clears task_open_count (migration 049); CASCADE empties what refers to tasks.
      await client.query('TRUNCATE task CASCADE');
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          await client.query('SAVEPOINT run');
          try {
            const { rows: clock } = await client.query<{ now: Date; hour: Date }>('SELECT now() AS now, task_hour(now()) AS hour');
            const { now, hour } = clock[0]!;
            const caseId = `counts-prop/${runs++}`;
            await client.query(
              `INSERT INTO process_case (id, process_key, process_version, business_key, title, status, initiator_id, owner_id, unit_id, started_at)
               VALUES ($1, 'counts-prop', 1, $1, '计数', 'running', 'zj.cs_agent', 'zj.cs_agent', 'zj', now())`,
              [caseId],
            );
            const ids = s.tasks.map((_, i) => `${caseId}/t${i}`);
            // One statement for all of them (as B3's seed), then one per change (as the projections).
            if (s.tasks.length) {
              await client.query(
                `INSERT INTO task (id, case_id, element_id, name, status, unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users,
                                   assignee_id, due_at, created_at, completed_at, completed_by)
                 SELECT x.id, $1, 'e', '审批', x.status, x.unit_id, x.roles, x.scope, x.department, x.users, x.assignee, x.due_at, x.created_at,
                        CASE WHEN x.status = 'open' THEN NULL ELSE x.created_at END, CASE WHEN x.status = 'completed' THEN x.assignee END
                   FROM jsonb_to_recordset($2::jsonb) AS x(id text, status text, unit_id text, roles text[], scope text, department text, users text[],
                                                             assignee text, due_at timestamptz, created_at timestamptz)`,
                [
                  caseId,
                  JSON.stringify(
                    s.tasks.map((t, i) => ({
                      id: ids[i],
                      status: t.status,
                      unit_id: t.unit,
                      roles: t.roles,
                      scope: t.ancestors ? 'ancestors' : 'unit',
                      department: t.department,
                      users: t.candidateUsers,
                      assignee: t.assignee,
                      due_at: t.due === null ? null : at(now, hour, t.due),
                      created_at: new Date(now.getTime() - t.createdAgo * 60_000).toISOString(),
                    })),
                  ),
                ],
              );
            }
            for (const c of s.changes) {
              if (!ids.length) break;
              const id = ids[c.task % ids.length];
              const sql = {
                claim: [`UPDATE task SET assignee_id = $2 WHERE id = $1 AND status = 'open'`, [id, c.who]],
                unclaim: [`UPDATE task SET assignee_id = NULL WHERE id = $1 AND status = 'open'`, [id]],
                complete: [`UPDATE task SET status = 'completed', completed_at = now(), completed_by = $2 WHERE id = $1 AND status = 'open'`, [id, c.who]],
                cancel: [`UPDATE task SET status = 'cancelled', completed_at = now() WHERE id = $1 AND status = 'open'`, [id]],
                escalate: [`UPDATE task SET unit_id = $2, assignee_id = NULL WHERE id = $1 AND status = 'open'`, [id, c.unit]],
                due: [`UPDATE task SET due_at = $2 WHERE id = $1`, [id, c.due === null ? null : at(now, hour, c.due)]],
                delete: [`DELETE FROM task WHERE id = $1`, [id]],
              }[c.kind] as [string, unknown[]];
              await client.query(sql[0], sql[1]);
            }
            for (const r of s.extraRoles) {
              await client.query('INSERT INTO user_role (user_id, role, unit_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [s.user, r.role, r.unit]);
            }
            const { rows: held } = await client.query<{ role: string; unit_id: string }>('SELECT role, unit_id FROM user_role WHERE user_id = $1', [s.user]);
            const user: SessionUser = { id: s.user, username: s.user, displayName: s.user, unitId: 'zj', roles: held.map((r) => ({ role: r.role, unitId: r.unit_id })) };

            const { rows: scanned } = await client.query(COUNTS_BY_SCAN(user), [user.id]);
            const o = scanned[0]!;
            const oracle = { mine: Number(o.mine), group: Number(o.group), all: Number(o.all), overdue: Number(o.overdue), dueSoon: Number(o.due_soon) };
            expect(await repo.counts(user)).toEqual(oracle);
            // The pages read through the units of a user offered few open tasks (or with few completed ones in reach)
            // equal the walk's, page by page.
            for (const [status, view] of [['open', 'all'], ['open', 'group'], ['completed', 'all'], ['completed', 'group'], ['completed', 'mine']] as const) {
              for (const sort of ['due', 'created', 'priority'] as const) {
                let cursor: string | undefined;
                for (let page = 0; page < 10; page++) {
                  const f = { view, status, sort, limit: 4, ...(cursor ? { cursor } : {}) };
                  const [byUnits, walked] = [await repo.list(user, f), await walkOnly.list(user, f)];
                  expect(byUnits, `${status} ${view} by ${sort}, page ${page + 1}`).toEqual(walked);
                  cursor = walked.nextCursor ?? undefined;
                  if (!cursor) break;
                }
              }
            }
            // What each row says its reader may do: the group queue and 我的待办 take it from their own condition
            // (db/tasks.ts SELECT_OFFERED), every other list asks the predicates; all must equal the predicates' answer.
            for (const view of ['group', 'mine', 'all'] as const) {
              const { items } = await repo.list(user, { view, status: 'open', sort: 'due', limit: 200 });
              const { rows: asked } = await client.query<{ id: string; actionable: boolean; assigned_or_offered: boolean }>(
                `SELECT t.id, ${TASK_ACTIONABLE} IS TRUE AS actionable, ${TASK_ASSIGNED_OR_OFFERED} IS TRUE AS assigned_or_offered FROM task t WHERE t.id = ANY ($2::text[])`,
                [user.id, items.map((t) => t.id)],
              );
              const want = new Map(asked.map((r) => [r.id, { actionable: r.actionable, assignedOrOffered: r.assigned_or_offered }]));
              for (const t of items) expect(t.offer, `${view}: ${t.id}`).toEqual(want.get(t.id));
            }
            // The counters themselves: one row per key with its exact number of open tasks, no empty keys.
            // (EXCEPT compares NULLs as equal: a key without department or due time matches itself.)
            const want = `SELECT unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users, assignee_id IS NOT NULL,
                                 task_hour(due_at), task_hour(due_soon_at), count(*) FROM task WHERE status = 'open' GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
            const kept = `SELECT unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users, claimed, due_hour, soon_hour, n FROM task_open_count`;
            const { rows: drift } = await client.query(`(${want} EXCEPT ALL ${kept}) UNION ALL (${kept} EXCEPT ALL ${want})`);
            expect(drift).toEqual([]);
            // And task_open_edge (migration 057): one row per key, kind and minute with a due time, no empty rows.
            const wantEdge = `SELECT m.minute, m.kind, unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users, count(*)
                                FROM task t CROSS JOIN LATERAL (VALUES (task_minute(t.due_at), 'due'), (task_minute(t.due_soon_at), 'soon')) m (minute, kind)
                               WHERE status = 'open' AND due_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7`;
            const keptEdge = `SELECT minute, kind, unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users, n FROM task_open_edge`;
            const { rows: edgeDrift } = await client.query(`(${wantEdge} EXCEPT ALL ${keptEdge}) UNION ALL (${keptEdge} EXCEPT ALL ${wantEdge})`);
            expect(edgeDrift).toEqual([]);
          } finally {
            await client.query('ROLLBACK TO SAVEPOINT run');
          }
        }),
        {
          numRuns: 80,
          // Offered only as a candidate user, in a unit where the user holds no role, due within the current hour: counted
          // from the edge (the random runs seldom make one; the edge's thinning by unit once dropped it unseen).
          examples: [
            [{
              tasks: [
                { unit: 'gd', roles: [], ancestors: false, department: null, candidateUsers: ['zj.cs_manager'], assignee: null, status: 'open', due: 'hour', createdAgo: 120 },
                { unit: 'fj', roles: ['sales'], ancestors: false, department: null, candidateUsers: ['zj.cs_manager', 'gd.engineering'], assignee: null, status: 'open', due: 'hour', createdAgo: 120 },
              ],
              changes: [],
              user: 'zj.cs_manager',
              extraRoles: [],
            }],
          ],
        },
      );
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('are planned once per connection for every user, not again on each poll', async () => {
    // PostgreSQL keeps a prepared statement's generic plan only when it is estimated cheaper than the custom plans of its
    // first runs; with the user's id in sight of the planner, the counts were planned anew on every run for most users
    // (2.1 ms of a 2.7 ms count at 1M tasks, issue 19). A connection of its own, so that its prepared statements are these.
    const own = new pg.Client({ connectionString: sharedStack().databaseUrl });
    await own.connect();
    await own.query('BEGIN');
    try {
      // The shape where it mattered, with statistics to plan by: 20,000 open tasks of two units, due in bursts, and
      // 20,000 completed by one user (a custom plan for anyone else then expects none of "completed by me").
      await own.query(
        `INSERT INTO process_case (id, process_key, process_version, business_key, title, status, initiator_id, owner_id, unit_id, started_at)
         VALUES ('counts-plan', 'counts-plan', 1, 'counts-plan', '计数', 'running', 'zj.cs_agent', 'zj.cs_agent', 'zj', now())`,
      );
      await own.query(
        `INSERT INTO task (id, case_id, element_id, name, status, unit_id, candidate_roles, candidate_scope, candidate_users, due_at, created_at)
         SELECT 'counts-plan/' || i, 'counts-plan', 'e', '审批', 'open', CASE WHEN i % 2 = 0 THEN 'zj' ELSE 'gd' END, '{cs_manager}', 'unit', '{}',
                now() + ((i % 24) * 10 - 60) * interval '1 hour', now() - interval '1 day'
           FROM generate_series(1, 20000) i`,
      );
      await own.query(
        `INSERT INTO task (id, case_id, element_id, name, status, unit_id, candidate_roles, candidate_scope, candidate_users, created_at, completed_at, completed_by)
         SELECT 'counts-plan/done/' || i, 'counts-plan', 'e', '审批', 'completed', 'zj', '{cs_manager}', 'unit', '{}', now() - interval '2 days', now() - interval '1 day', 'zj.cs_manager'
           FROM generate_series(1, 20000) i`,
      );
      await own.query('ANALYZE task; ANALYZE task_open_count; ANALYZE task_open_edge');
      const statements = `SELECT name, generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement LIKE '%task_open_count%'`;
      const before = new Set((await own.query<{ name: string }>(statements)).rows.map((r) => r.name));
      const repo = createTaskRepository(own as unknown as Db);
      const users = ['zj.cs_agent', 'zj.cs_manager', 'gd.engineering', 'hq.general_manager', 'zj.department'];
      for (const id of users) {
        const { rows: held } = await own.query<{ role: string; unit_id: string }>('SELECT role, unit_id FROM user_role WHERE user_id = $1', [id]);
        const user: SessionUser = { id, username: id, displayName: id, unitId: 'zj', roles: held.map((r) => ({ role: r.role, unitId: r.unit_id })) };
        for (let i = 0; i < 8; i++) await repo.counts(user);
      }
      const { rows: after } = await own.query<{ name: string; generic: number; custom: number }>(statements);
      // (PGlite's clients share one session: the statements this connection prepared are the new names.)
      const rows = after.filter((r) => !before.has(r.name)).map(({ generic, custom }) => ({ generic, custom }));
      expect(rows).toHaveLength(1);
      // Five custom plans before PostgreSQL compares; after that the one generic plan, whoever asks.
      expect(rows[0]).toEqual({ generic: users.length * 8 - 5, custom: 5 });
    } finally {
      await own.query('ROLLBACK');
      await own.end();
    }
  });
});

import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskRepository } from '../../db/tasks';
import type { Db } from '../../db/pool';
import type { SessionUser } from '../../db/users';
import { connectToStackDb } from '../shared-stack';

// The inbox's free text reads a term sparse along the open tasks' due order through their own
// trigram index (migration 056), and a completed list's term with few matches its candidate tasks
// through the trigram indexes of tasks, cases and customers (migration 051), before the same exact
// test the due-order walk applies, and a term without cased characters is matched with LIKE instead of ILIKE
// (db/text-like.ts). The oracle is the walk alone, with ILIKE for every term: for random tasks, cases, customers (every confidentiality level), users and terms (Chinese,
// digits, either case, LIKE's own % and _, one to five characters) both give the same pages, after
// random changes to the cases, customers and tasks, which the tasks' copies of the texts the walk
// tests (migration 052) must follow — checked against the cases and customers themselves. On
// the stack's database (PGlite, or PostgreSQL with DATABASE_URL), each run rolled back.

// Few letters, so that terms recur across texts; LIKE's own characters and spaces now and then.
const symbol = fc.oneof({ weight: 12, arbitrary: fc.constantFrom('宁', '波', '港', '1', '2', 'A', 'a') }, { weight: 1, arbitrary: fc.constantFrom(' ', '%', '_') });
const text = (min: number, max: number) => fc.array(symbol, { minLength: min, maxLength: max }).map((cs) => cs.join(''));
const LEVELS = ['public', 'internal', 'confidential', 'secret'];
const USERS = ['zj.cs_manager', 'zj.cs_agent', 'hq.auditor', 'hq.general_manager', 'gd.engineering', 'zj.department', 'hq.cs_manager'];
// Who a task is offered to, in all its parts (the offer key: db/tasks.ts decides "offered" once per key for the open list).
const offer = fc.record({
  roles: fc.subarray(['cs_manager', 'cs_agent', 'engineering', 'department']),
  scope: fc.constantFrom('unit', 'ancestors'),
  department: fc.option(fc.constantFrom('quality', 'production'), { nil: null, freq: 2 }),
  users: fc.subarray(USERS, { maxLength: 2 }),
  assignee: fc.option(fc.constantFrom(...USERS), { nil: null, freq: 3 }),
});

function change() {
  return fc.oneof(
    fc.record({ kind: fc.constant('retitle' as const), case: fc.nat(), title: text(3, 8) }),
    fc.record({ kind: fc.constant('renumber' as const), case: fc.nat(), key: text(3, 6) }),
    fc.record({ kind: fc.constant('recustomer' as const), case: fc.nat(), customer: fc.option(fc.nat(), { nil: null }) }),
    fc.record({ kind: fc.constant('rename' as const), customer: fc.nat(), name: text(3, 6) }),
    fc.record({ kind: fc.constant('retier' as const), customer: fc.nat(), tier: fc.constantFrom('A', 'B', 'C', 'D') }),
    fc.record({ kind: fc.constant('move' as const), task: fc.nat(), case: fc.nat() }),
    // Nothing may write the copies but the triggers: a direct write is overwritten with the truth.
    fc.record({ kind: fc.constant('forge' as const), task: fc.nat(), title: text(3, 8) }),
  );
}
type Change = ReturnType<typeof change> extends fc.Arbitrary<infer C> ? C : never;

/** Applies one change to the scenario's rows (ids by position, modulo how many there are). */
async function apply(client: pg.Client, c: Change, ids: { customers: string[]; cases: string[]; tasks: string[] }) {
  const pick = (list: string[], i: number) => list[i % list.length]!;
  if (c.kind === 'retitle') await client.query('UPDATE process_case SET title = $2 WHERE id = $1', [pick(ids.cases, c.case), c.title]);
  if (c.kind === 'renumber') await client.query('UPDATE process_case SET business_key = $2 WHERE id = $1', [pick(ids.cases, c.case), `${c.key}-${pick(ids.cases, c.case)}`]);
  if (c.kind === 'recustomer') await client.query('UPDATE process_case SET customer_id = $2 WHERE id = $1', [pick(ids.cases, c.case), c.customer === null ? null : pick(ids.customers, c.customer)]);
  if (c.kind === 'rename') await client.query('UPDATE customer SET name = $2 WHERE id = $1', [pick(ids.customers, c.customer), c.name]);
  if (c.kind === 'retier') await client.query('UPDATE customer SET tier = $2 WHERE id = $1', [pick(ids.customers, c.customer), c.tier]);
  if (c.kind === 'move') await client.query('UPDATE task SET case_id = $2 WHERE id = $1', [pick(ids.tasks, c.task), pick(ids.cases, c.case)]);
  if (c.kind === 'forge') await client.query(`UPDATE task SET case_title = $2, customer_name = $2, case_business_key = $2, customer_tier = 'D' WHERE id = $1`, [pick(ids.tasks, c.task), c.title]);
}

/** Tasks whose copies differ from their case's number and title and its customer's id, name and tier (migration 059: the priority sort's). */
const STALE_COPIES = `SELECT t.id FROM task t JOIN process_case c ON c.id = t.case_id LEFT JOIN customer cu ON cu.id = c.customer_id
  WHERE (t.customer_id, t.case_business_key, t.case_title, t.customer_name, t.customer_tier) IS DISTINCT FROM (c.customer_id, c.business_key, c.title, cu.name, cu.tier::text)`;

const scenario = fc.record({
  customers: fc.array(fc.record({ name: text(3, 6), level: fc.constantFrom(...LEVELS), unit: fc.constantFrom('zj', 'gd', 'hq'), tier: fc.constantFrom('A', 'B', 'C', 'D') }), {
    minLength: 1,
    maxLength: 4,
  }),
  cases: fc.array(fc.record({ title: text(3, 8), key: text(3, 6), customer: fc.option(fc.nat(), { nil: null, freq: 4 }) }), { minLength: 1, maxLength: 8 }),
  tasks: fc.array(
    fc.record({ case: fc.nat(), name: text(3, 6), open: fc.boolean(), unit: fc.constantFrom('zj', 'gd'), dueIn: fc.option(fc.integer({ min: -500, max: 500 }), { nil: null }), offer }),
    { minLength: 1, maxLength: 20 },
  ),
  user: fc.oneof({ weight: 3, arbitrary: fc.constant(USERS[0]!) }, { weight: 2, arbitrary: fc.constantFrom(...USERS) }),
  // Mostly a piece of one of the texts, three to five characters (what the trigram index can serve).
  term: fc.oneof({ weight: 1, arbitrary: text(1, 4) }, { weight: 3, arbitrary: fc.record({ from: fc.nat(), start: fc.nat(), length: fc.integer({ min: 3, max: 5 }) }) }),
  status: fc.constantFrom('open' as const, 'open' as const, 'completed' as const),
  view: fc.constantFrom('all' as const, 'all' as const, 'group' as const, 'mine' as const),
  limit: fc.constantFrom(2, 200),
  // By customer priority now and then: the tier the order reads is the task's copy (migration 059).
  byPriority: fc.boolean(),
  // Changes after the tasks were written: the search reads the tasks' copies of these (migration 052).
  changes: fc.array(change(), { maxLength: 3 }),
});

describe('inbox free text through the trigram indexes', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = await connectToStackDb();
  });
  afterAll(async () => client?.end());

  it('finds the same tasks, in the same pages, as the walk in due order', async () => {
    const indexed = createTaskRepository(client as unknown as Db);
    const walk = createTaskRepository(client as unknown as Db, { textSearchByIndex: false, caselessLike: false });
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        await client.query('BEGIN');
        try {
          const run = `text-prop-${runs++}`;
          const customers = s.customers.map((c, i) => ({ ...c, id: `${run}-c${i}` }));
          for (const c of customers) {
            await client.query(`INSERT INTO customer (id, name, tier, unit_id, confidentiality) VALUES ($1, $2, $5, $3, $4)`, [c.id, c.name, c.unit, c.level, c.tier]);
          }
          const cases = s.cases.map((c, i) => ({ ...c, id: `${run}/${i}`, customerId: c.customer === null ? null : customers[c.customer % customers.length]!.id }));
          for (const c of cases) {
            await client.query(
              `INSERT INTO process_case (id, process_key, process_version, business_key, title, status, initiator_id, owner_id, unit_id, customer_id, started_at)
               VALUES ($1, 'text-prop', 1, $2, $3, 'running', 'zj.cs_agent', 'zj.cs_agent', 'zj', $4, now())`,
              [c.id, `${c.key}-${run}`, c.title, c.customerId],
            );
          }
          for (const [i, t] of s.tasks.entries()) {
            await client.query(
              `INSERT INTO task (id, case_id, element_id, name, status, unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users, assignee_id,
                                 due_at, created_at, completed_at, completed_by)
               VALUES ($1, $2, 'e', $3, $4, $5, $8, $9, $10, $11, $12, now() + $6 * interval '1 minute', now() - $7 * interval '1 second',
                       CASE WHEN $4 = 'open' THEN NULL ELSE now() END, CASE WHEN $4 = 'open' THEN NULL ELSE coalesce($12, 'zj.cs_manager') END)`,
              [`${run}/t${i}`, cases[t.case % cases.length]!.id, t.name, t.open ? 'open' : 'completed', t.unit, t.dueIn, i, t.offer.roles, t.offer.scope, t.offer.department, t.offer.users, t.offer.assignee],
            );
          }
          const ids = { customers: customers.map((c) => c.id), cases: cases.map((c) => c.id), tasks: s.tasks.map((_, i) => `${run}/t${i}`) };
          for (const c of s.changes) await apply(client, c, ids);
          expect((await client.query(STALE_COPIES)).rows).toEqual([]);
          const { rows: now } = await client.query<{ name: string; title: string; key: string }>(
            `SELECT cu.name, NULL AS title, NULL AS key FROM customer cu WHERE cu.id = ANY($1) UNION ALL SELECT NULL, c.title, c.business_key FROM process_case c WHERE c.id = ANY($2)`,
            [ids.customers, ids.cases],
          );
          const texts = [...now.flatMap((r) => [r.name, r.title, r.key].filter((x): x is string => x !== null)), ...s.tasks.map((t) => t.name)];
          const q =
            typeof s.term === 'string'
              ? s.term
              : (() => {
                  const from = texts[s.term.from % texts.length]!;
                  const start = s.term.start % Math.max(1, from.length - 2);
                  return from.slice(start, start + s.term.length);
                })();
          if (!q.trim()) return; // the API trims the term and refuses an empty one
          const { rows } = await client.query<{ role: string; unit_id: string }>('SELECT role, unit_id FROM user_role WHERE user_id = $1', [s.user]);
          const user: SessionUser = { id: s.user, username: s.user, displayName: s.user, unitId: 'zj', roles: rows.map((r) => ({ role: r.role, unitId: r.unit_id })) };
          const filter = { view: s.view, status: s.status, q: q.trim(), sort: s.byPriority ? ('priority' as const) : s.status === 'open' ? ('due' as const) : ('created' as const), limit: s.limit };
          const idsOf = (page: { items: Array<{ id: string }> }) => page.items.map((t) => t.id);
          const want = await walk.list(user, filter);
          const got = await indexed.list(user, filter);
          expect(idsOf(got)).toEqual(idsOf(want));
          expect(got.nextCursor).toEqual(want.nextCursor);
          if (want.nextCursor) {
            expect(idsOf(await indexed.list(user, { ...filter, cursor: want.nextCursor }))).toEqual(idsOf(await walk.list(user, { ...filter, cursor: want.nextCursor })));
          }
        } finally {
          await client.query('ROLLBACK');
        }
      }),
      { numRuns: 120 },
    );
  });
});

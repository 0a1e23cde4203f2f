import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskRepository } from '../../db/tasks';
import type { Db } from '../../db/pool';
import type { SessionUser } from '../../db/users';
import { sharedStack } from '../shared-stack';

// The inbox's free text with few matches reads its candidate tasks through the trigram indexes
// (migration 051) before the same exact test the due-order walk applies. The oracle is the walk
// alone: for random tasks, cases, customers (every confidentiality level), users and terms (Chinese,
// digits, either case, LIKE's own % and _, one to five characters) both give the same pages. On
// the stack's database (PGlite, or PostgreSQL with DATABASE_URL), each run rolled back.

// Few letters, so that terms recur across texts; LIKE's own characters and spaces now and then.
const symbol = fc.oneof({ weight: 12, arbitrary: fc.constantFrom('宁', '波', '港', '1', '2', 'A', 'a') }, { weight: 1, arbitrary: fc.constantFrom(' ', '%', '_') });
const text = (min: number, max: number) => fc.array(symbol, { minLength: min, maxLength: max }).map((cs) => cs.join(''));
const LEVELS = ['public', 'internal', 'confidential', 'secret'];
const USERS = ['zj.cs_manager', 'zj.cs_agent', 'hq.auditor', 'hq.general_manager', 'gd.engineering'];

const scenario = fc.record({
  customers: fc.array(fc.record({ name: text(3, 6), level: fc.constantFrom(...LEVELS), unit: fc.constantFrom('zj', 'gd', 'hq') }), { minLength: 1, maxLength: 4 }),
  cases: fc.array(fc.record({ title: text(3, 8), key: text(3, 6), customer: fc.option(fc.nat(), { nil: null, freq: 4 }) }), { minLength: 1, maxLength: 8 }),
  tasks: fc.array(
    fc.record({ case: fc.nat(), name: text(3, 6), open: fc.boolean(), unit: fc.constantFrom('zj', 'gd'), dueIn: fc.option(fc.integer({ min: -500, max: 500 }), { nil: null }) }),
    { minLength: 1, maxLength: 20 },
  ),
  user: fc.oneof({ weight: 3, arbitrary: fc.constant(USERS[0]!) }, { weight: 2, arbitrary: fc.constantFrom(...USERS) }),
  // Mostly a piece of one of the texts, three to five characters (what the trigram index can serve).
  term: fc.oneof({ weight: 1, arbitrary: text(1, 4) }, { weight: 3, arbitrary: fc.record({ from: fc.nat(), start: fc.nat(), length: fc.integer({ min: 3, max: 5 }) }) }),
  status: fc.constantFrom('open' as const, 'open' as const, 'completed' as const),
  limit: fc.constantFrom(2, 200),
});

describe('inbox free text through the trigram indexes', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: sharedStack().databaseUrl });
    await client.connect();
  });
  afterAll(async () => client?.end());

  it('finds the same tasks, in the same pages, as the walk in due order', async () => {
    const indexed = createTaskRepository(client as unknown as Db);
    const walk = createTaskRepository(client as unknown as Db, { textSearchByIndex: false });
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        await client.query('BEGIN');
        try {
          const run = `text-prop-${runs++}`;
          const customers = s.customers.map((c, i) => ({ ...c, id: `${run}-c${i}` }));
          for (const c of customers) {
            await client.query(`INSERT INTO customer (id, name, tier, unit_id, confidentiality) VALUES ($1, $2, 'B', $3, $4)`, [c.id, c.name, c.unit, c.level]);
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
              `INSERT INTO task (id, case_id, element_id, name, status, unit_id, candidate_roles, due_at, created_at, completed_at, completed_by)
               VALUES ($1, $2, 'e', $3, $4, $5, '{cs_manager,cs_agent,engineering}', now() + $6 * interval '1 minute', now() - $7 * interval '1 second',
                       CASE WHEN $4 = 'open' THEN NULL ELSE now() END, CASE WHEN $4 = 'open' THEN NULL ELSE 'zj.cs_manager' END)`,
              [`${run}/t${i}`, cases[t.case % cases.length]!.id, t.name, t.open ? 'open' : 'completed', t.unit, t.dueIn, i],
            );
          }
          const texts = [...customers.map((c) => c.name), ...cases.flatMap((c) => [c.title, c.key]), ...s.tasks.map((t) => t.name)];
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
          const filter = { view: 'all' as const, status: s.status, q: q.trim(), sort: s.status === 'open' ? ('due' as const) : ('created' as const), limit: s.limit };
          const ids = (page: { items: Array<{ id: string }> }) => page.items.map((t) => t.id);
          const want = await walk.list(user, filter);
          const got = await indexed.list(user, filter);
          expect(ids(got)).toEqual(ids(want));
          expect(got.nextCursor).toEqual(want.nextCursor);
          if (want.nextCursor) {
            expect(ids(await indexed.list(user, { ...filter, cursor: want.nextCursor }))).toEqual(ids(await walk.list(user, { ...filter, cursor: want.nextCursor })));
          }
        } finally {
          await client.query('ROLLBACK');
        }
      }),
      { numRuns: 120 },
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDay } from '../../china-clock';
import { startEngine, type Engine } from '../../engine-harness';

// 定期服务问候 (PROCESSES.md §6, issue 15): the shipped bpmn/processes/relationship-greetings.bpmn, run
// as its Temporal Schedule runs it, records each customer date (生日/节日/纪念日) falling today in
// China in the visit log as a due greeting, once per date and day. Real Temporal and PostgreSQL.

const AGENT = 'fj.cs_agent';
const suffix = Date.now().toString(36);

describe('定期服务问候 relationship-greetings', () => {
  let e: Engine;
  // Dates falling on China's today and on its tomorrow: the run greets whichever day it is when it
  // runs (China's midnight may pass between the test's reading and the run's, at 16:00 UTC).
  const customers: Record<'today' | 'tomorrow' | 'other', string> = { today: '', tomorrow: '', other: '' };

  beforeAll(async () => {
    e = await startEngine('relationship-greetings');
    for (const which of ['today', 'tomorrow', 'other'] as const) {
      const created = await e.post(AGENT, '/api/customers', { name: `问候 ${which} ${suffix}`, tier: 'B', unitId: 'fj', contactName: '林小姐', phone: '0592-5555 6666' });
      expect(created.statusCode, JSON.stringify(created.body)).toBe(201);
      customers[which] = created.body.id;
    }
  });
  afterAll(async () => e?.close());

  /** A run as the schedule starts it; its case's result. */
  async function run() {
    const { rows } = await e.stack.db.query<{ version: number }>("SELECT max(version) AS version FROM process_definition WHERE key = 'relationship-greetings'");
    const started = (await e.stack.temporal.client.workflow.execute('scheduledCaseStart', {
      taskQueue: e.stack.temporal.taskQueue,
      workflowId: `case-start:relationship-greetings:StartEvent_Daily-test-${Date.now()}`,
      args: [{ processKey: 'relationship-greetings', processVersion: rows[0]!.version, startEventId: 'StartEvent_Daily' }],
    })) as { caseId: string };
    expect((await e.result(started.caseId)).status).toBe('completed');
    return { caseId: started.caseId, variables: (await e.state(started.caseId)).variables };
  }

  const greetings = async (customerId: string) =>
    (await e.stack.db.query<{ kind: string; visited_on: string; summary: string; case_id: string }>(
      "SELECT kind, to_char(visited_on, 'YYYY-MM-DD') AS visited_on, summary, case_id FROM customer_visit WHERE customer_id = $1 ORDER BY id", [customerId],
    )).rows;

  it('records the dates falling today as due greetings, once per date and day; other days\' dates not', async () => {
    const now = Date.now();
    const [today, tomorrow, other] = [chinaDay(now), chinaDay(now, 1), chinaDay(now, 10)];
    const monthDay = (d: string) => [Number(d.slice(5, 7)), Number(d.slice(8, 10))];
    for (const [customer, d] of [[customers.today, today], [customers.tomorrow, tomorrow]] as const) {
      await e.stack.db.query(
        `INSERT INTO customer_important_date (customer_id, kind, month, day, note) VALUES ($1, 'birthday', $2, $3, '董事长生日'), ($1, 'anniversary', $2, $3, '合作十周年')`,
        [customer, ...monthDay(d)],
      );
    }
    // Another day of the year (neither today nor tomorrow).
    await e.stack.db.query(`INSERT INTO customer_important_date (customer_id, kind, month, day, note) VALUES ($1, 'festival', $2, $3, '开业纪念')`, [customers.other, ...monthDay(other)]);

    const first = await run();
    const greetedOn = first.variables.greetingsOn as string;
    expect(greetedOn).toBeOneOf([today, tomorrow]);
    const [due, notDue] = greetedOn === today ? [customers.today, customers.tomorrow] : [customers.tomorrow, customers.today];
    expect(first.variables.greetingCustomers).toEqual(expect.arrayContaining([due]));
    expect(await greetings(due)).toEqual([
      { kind: 'greeting', visited_on: greetedOn, summary: '待问候（生日）：董事长生日', case_id: first.caseId },
      { kind: 'greeting', visited_on: greetedOn, summary: '待问候（纪念日）：合作十周年', case_id: first.caseId },
    ]);
    expect(first.variables.greetingCustomers).not.toContain(notDue);
    expect(await greetings(notDue)).toEqual([]);
    expect(await greetings(customers.other)).toEqual([]);

    // A second run records nothing again for the day's dates (if China's next day has begun
    // meanwhile, it greets that day's dates, never the first run's again).
    const second = await run();
    expect(second.variables.greetingCustomers).not.toContain(due);
    expect(await greetings(due)).toHaveLength(2);
  });

  it('nobody starts it by hand', async () => {
    const res = await e.post(AGENT, '/api/cases', { processKey: 'relationship-greetings', title: '问候' });
    expect(res.statusCode).toBe(422);
    expect(res.body.code).toBe('process.noManualStart');
  });
});

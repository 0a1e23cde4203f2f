import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../../domain/china-time';
import { startEngine, type Engine } from '../../engine-harness';

// 定期服务问候 (PROCESSES.md §6, issue 15): the shipped bpmn/processes/relationship-greetings.bpmn, run
// as its Temporal Schedule runs it, records each customer date (生日/节日/纪念日) falling today in
// China in the visit log as a due greeting, once per date and day. Real Temporal and PostgreSQL.

const AGENT = 'fj.cs_agent';
const suffix = Date.now().toString(36);

describe('定期服务问候 relationship-greetings', () => {
  let e: Engine;
  const customers: Record<'today' | 'other', string> = { today: '', other: '' };

  beforeAll(async () => {
    e = await startEngine('relationship-greetings');
    for (const which of ['today', 'other'] as const) {
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
    const today = shanghaiDate(new Date());
    const [, month, day] = today.split('-').map(Number);
    // Another day of the year: the 1st of the next month (never today).
    const otherMonth = (month! % 12) + 1;
    await e.stack.db.query(
      `INSERT INTO customer_important_date (customer_id, kind, month, day, note) VALUES ($1, 'birthday', $2, $3, '董事长生日'), ($1, 'anniversary', $2, $3, '合作十周年'), ($4, 'festival', $5, 1, '开业纪念')`,
      [customers.today, month, day, customers.other, otherMonth],
    );

    const first = await run();
    expect(first.variables).toMatchObject({ greetingsOn: today });
    expect(first.variables.greetingCustomers).toEqual(expect.arrayContaining([customers.today]));
    expect(await greetings(customers.today)).toEqual([
      { kind: 'greeting', visited_on: today, summary: '待问候（生日）：董事长生日', case_id: first.caseId },
      { kind: 'greeting', visited_on: today, summary: '待问候（纪念日）：合作十周年', case_id: first.caseId },
    ]);
    expect(await greetings(customers.other)).toEqual([]);

    // A second run the same day records nothing again.
    const second = await run();
    expect(second.variables.greetingCustomers).not.toContain(customers.today);
    expect(await greetings(customers.today)).toHaveLength(2);
  });

  it('nobody starts it by hand', async () => {
    const res = await e.post(AGENT, '/api/cases', { processKey: 'relationship-greetings', title: '问候' });
    expect(res.statusCode).toBe(422);
    expect(res.body.code).toBe('process.noManualStart');
  });
});

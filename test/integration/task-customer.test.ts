import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskRepository, type TaskFilter } from '../../db/tasks';
import type { Db } from '../../db/pool';
import type { SessionUser } from '../../db/users';
import { connectToStackDb } from '../shared-stack';

// The inbox's customer filter reads task.customer_id (migration 050): a task takes its case's
// customer when written, and follows the case when its customer is chosen or changed later.

describe('inbox customer filter on task.customer_id', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = await connectToStackDb();
  });
  afterAll(async () => client?.end());

  it('follows the case: set on insert, changed and cleared with it', async () => {
    const repo = createTaskRepository(client as unknown as Db);
    const user = { id: 'zj.cs_manager', username: 'zj.cs_manager', displayName: '', unitId: 'zj', roles: [{ role: 'cs_manager', unitId: 'zj' }] } as SessionUser;
    const filter = (customerId: string): TaskFilter => ({ view: 'all', status: 'open', customerId, processKey: 'customer-filter', sort: 'due', limit: 10 });
    const ids = async (customerId: string) => (await repo.list(user, filter(customerId))).items.map((t) => t.id);
    await client.query('BEGIN');
    try {
      await client.query(
        `INSERT INTO process_case (id, process_key, process_version, business_key, title, status, initiator_id, owner_id, unit_id, customer_id, started_at)
         VALUES ('customer-filter/1', 'customer-filter', 1, 'cf-1', '客户筛选', 'running', 'zj.cs_agent', 'zj.cs_agent', 'zj', 'C0002', now())`,
      );
      await client.query(
        `INSERT INTO task (id, case_id, element_id, name, status, unit_id, candidate_roles, created_at)
         VALUES ('customer-filter/1/a', 'customer-filter/1', 'a', '审批', 'open', 'zj', ARRAY['cs_manager'], now())`,
      );
      expect(await ids('C0002')).toEqual(['customer-filter/1/a']);
      // A task written with some other customer still takes its case's.
      await client.query(`UPDATE task SET customer_id = 'C0003' WHERE id = 'customer-filter/1/a'`);
      expect(await ids('C0003')).toEqual([]);
      await client.query(`UPDATE process_case SET customer_id = 'C0004' WHERE id = 'customer-filter/1'`);
      expect(await ids('C0002')).toEqual([]);
      expect(await ids('C0004')).toEqual(['customer-filter/1/a']);
      await client.query(`UPDATE process_case SET customer_id = NULL WHERE id = 'customer-filter/1'`);
      expect(await ids('C0004')).toEqual([]);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});

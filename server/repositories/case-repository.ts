import type { Db } from '../db/pool';

export interface CaseRow {
  id: string;
  processKey: string;
  processVersion: number;
  businessKey: string;
  title: string;
  status: string;
  initiatorId: string | null;
  ownerId: string | null;
  unitId: string;
  customerId: string | null;
  parentCaseId: string | null;
  /** The variables at the end (written when the case ends; live ones come from the workflow). */
  variables: Record<string, unknown>;
  startedAt: string;
  endedAt: string | null;
}

export interface CaseEventRow {
  seq: number;
  kind: string;
  taskId: string | null;
  actorId: string | null;
  at: string;
  payload: Record<string, unknown>;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));

function toCase(r: Record<string, unknown>): CaseRow {
  return {
    id: r.id as string,
    processKey: r.process_key as string,
    processVersion: Number(r.process_version),
    businessKey: r.business_key as string,
    title: r.title as string,
    status: r.status as string,
    initiatorId: (r.initiator_id as string | null) ?? null,
    ownerId: (r.owner_id as string | null) ?? null,
    unitId: r.unit_id as string,
    customerId: (r.customer_id as string | null) ?? null,
    parentCaseId: (r.parent_case_id as string | null) ?? null,
    variables: (r.variables as Record<string, unknown>) ?? {},
    startedAt: iso(r.started_at)!,
    endedAt: iso(r.ended_at),
  };
}

export function createCaseRepository(db: Db) {
  return {
    async list(limit: number): Promise<CaseRow[]> {
      const { rows } = await db.query('SELECT * FROM process_case ORDER BY started_at DESC, id LIMIT $1', [limit]);
      return rows.map(toCase);
    },
    async findById(id: string): Promise<CaseRow | undefined> {
      const { rows } = await db.query('SELECT * FROM process_case WHERE id = $1', [id]);
      return rows[0] ? toCase(rows[0]) : undefined;
    },
    async customerExists(customerId: string): Promise<boolean> {
      const { rows } = await db.query('SELECT 1 FROM customer WHERE id = $1', [customerId]);
      return rows.length > 0;
    },
    async customer(customerId: string): Promise<{ id: string; name: string; tier: string } | undefined> {
      const { rows } = await db.query('SELECT id, name, tier FROM customer WHERE id = $1', [customerId]);
      return rows[0] ? { id: rows[0].id, name: rows[0].name, tier: rows[0].tier } : undefined;
    },
    async events(caseId: string): Promise<CaseEventRow[]> {
      const { rows } = await db.query('SELECT seq, kind, task_id, actor_id, at, payload FROM case_event WHERE case_id = $1 ORDER BY seq', [caseId]);
      return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, taskId: r.task_id, actorId: r.actor_id, at: iso(r.at)!, payload: r.payload }));
    },
  };
}

export type CaseRepository = ReturnType<typeof createCaseRepository>;

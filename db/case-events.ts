import { NOTIFY_CASE_EVENT } from './live-events';
import type { Db } from './pool';

// case_event: the append-only, hash-chained audit trail (the chain is kept by a trigger, see
// migration 006). Keys derive from workflow + element + occurrence, so a retried write is a no-op.

type Queryable = Pick<Db, 'query'>;

export interface CaseEventInput {
  key: string;
  caseId: string;
  kind: string;
  /** ISO instant; absent = the database's clock. */
  at?: string;
  taskId?: string | null;
  actorId?: string | null;
  payload?: unknown;
}

// Every task and case change writes an event here, so here is where it is announced to the open
// consoles (live-events.ts): in the same statement, so only when the event is new, and on commit.
export async function appendCaseEvent(db: Queryable, e: CaseEventInput): Promise<void> {
  await db.query(
    `WITH e AS (INSERT INTO case_event (event_key, case_id, kind, task_id, actor_id, at, payload)
     VALUES ($1, $2, $3, $4, $5, COALESCE($6::timestamptz, now()), $7) ON CONFLICT (event_key) DO NOTHING RETURNING case_id, task_id)
     SELECT ${NOTIFY_CASE_EVENT('e')} FROM e`,
    [e.key, e.caseId, e.kind, e.taskId ?? null, e.actorId ?? null, e.at ?? null, JSON.stringify(e.payload ?? {})],
  );
}

/** The payload of the event with this key, if it was written (a repeated request finds its first answer). */
export async function findCaseEvent(db: Queryable, key: string): Promise<{ caseId: string; payload: Record<string, unknown> } | undefined> {
  const { rows } = await db.query<{ case_id: string; payload: Record<string, unknown> }>('SELECT case_id, payload FROM case_event WHERE event_key = $1', [key]);
  return rows[0] ? { caseId: rows[0].case_id, payload: rows[0].payload } : undefined;
}

/** The audit trail's writes and look-ups as one object, for services that record what people did. */
export const createCaseEventStore = (db: Queryable) => ({
  append: (e: CaseEventInput) => appendCaseEvent(db, e),
  find: (key: string) => findCaseEvent(db, key),
});

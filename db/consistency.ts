import type { Db } from './pool';

// What `shouwen doctor` reads of the projections, and the writes only a repair makes (the
// ordinary projection writes in cases.ts and tasks.ts are reused wherever they fit).

export interface ProjectedCase {
  caseId: string;
  processKey: string;
  status: string;
  processVersion: number;
}

export interface ProjectedTask {
  taskId: string;
  caseId: string;
  name: string;
  status: string;
}

export function createConsistencyReads(db: Pick<Db, 'query'>) {
  return {
    /** The ids of every case (of one process), oldest first. */
    async caseIds(processKey: string | undefined): Promise<string[]> {
      const { rows } = await db.query<{ id: string }>('SELECT id FROM process_case WHERE ($1::text IS NULL OR process_key = $1) ORDER BY started_at, id', [processKey ?? null]);
      return rows.map((r) => r.id);
    },
    async cases(caseIds: string[]): Promise<Map<string, ProjectedCase>> {
      const { rows } = await db.query('SELECT id, process_key, status, process_version FROM process_case WHERE id = ANY ($1::text[])', [caseIds]);
      return new Map(rows.map((r) => [r.id as string, { caseId: r.id, processKey: r.process_key, status: r.status, processVersion: Number(r.process_version) }]));
    },
    /** The open rows of the cases, and the rows of `taskIds` whatever their status. */
    async tasks(caseIds: string[], taskIds: string[]): Promise<ProjectedTask[]> {
      const { rows } = await db.query(
        `SELECT id, case_id, name, status FROM task WHERE case_id = ANY ($1::text[]) AND (status = 'open' OR id = ANY ($2::text[])) ORDER BY created_at, id`,
        [caseIds, taskIds],
      );
      return rows.map((r) => ({ taskId: r.id, caseId: r.case_id, name: r.name, status: r.status }));
    },
    /** A task's trail entry by its key (`<taskId>/opened`, `<taskId>/completed`): what the projection wrote before. */
    async taskEvent(key: string): Promise<{ at: string; actorId: string | null; payload: Record<string, unknown> } | undefined> {
      const { rows } = await db.query(`SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor_id, payload FROM case_event WHERE event_key = $1`, [key]);
      return rows[0] ? { at: rows[0].at, actorId: rows[0].actor_id, payload: rows[0].payload } : undefined;
    },
  };
}

/** Repair writes: Temporal's word set into a row the ordinary projection writes would not touch again. */
export function createConsistencyRepairs(db: Pick<Db, 'query'>) {
  return {
    /** A case whose status or version the row says otherwise than Temporal (an ended row is ended by `createCaseWrites().ended`). */
    async caseRow(caseId: string, fix: { status?: 'running' | 'completed' | 'failed' | 'terminated'; processVersion?: number }): Promise<void> {
      await db.query(
        `UPDATE process_case SET status = coalesce($2, status), ended_at = CASE WHEN $2::text = 'running' THEN NULL ELSE ended_at END,
                process_version = coalesce($3, process_version) WHERE id = $1`,
        [caseId, fix.status ?? null, fix.processVersion ?? null],
      );
    },
    /** A task Temporal waits on that the row says completed or cancelled. */
    async reopenTask(taskId: string): Promise<void> {
      await db.query(`UPDATE task SET status = 'open', completed_at = NULL, completed_by = NULL, outcome = NULL, comment = NULL WHERE id = $1 AND status <> 'open'`, [taskId]);
    },
  };
}

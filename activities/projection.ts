import type { Db } from '../server/db/pool';

// Projections of workflow state into PostgreSQL. Every write is keyed by deterministic IDs
// (workflow + element + occurrence), so a retried activity never duplicates a row.

export interface CaseStarted {
  caseId: string;
  processKey: string;
  processVersion: number;
  businessKey: string;
  title: string;
  initiatorId: string;
  unitId: string;
  customerId?: string | null;
  startedAt: string;
}

export interface TaskOpened {
  caseId: string;
  taskId: string;
  elementId: string;
  name: string;
  unitId: string;
  candidateRoles: string[];
  assigneeId?: string | null;
  dueAt?: string | null;
  createdAt: string;
}

export interface TaskCompleted {
  caseId: string;
  taskId: string;
  userId: string;
  outcome: 'approve' | 'reject';
  comment: string | null;
  data: Record<string, unknown>;
  completedAt: string;
}

export interface CaseEnded {
  caseId: string;
  status: 'completed' | 'failed' | 'terminated';
  endedAt: string;
}

export function createProjectionActivities({ db }: { db: Db }) {
  const event = (key: string, caseId: string, kind: string, at: string, extra: { taskId?: string; actorId?: string | null; payload?: unknown } = {}) =>
    db.query(
      `INSERT INTO case_event (event_key, case_id, kind, task_id, actor_id, at, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_key) DO NOTHING`,
      [key, caseId, kind, extra.taskId ?? null, extra.actorId ?? null, at, JSON.stringify(extra.payload ?? {})],
    );

  return {
    async projectCaseStarted(c: CaseStarted): Promise<void> {
      await db.query(
        `INSERT INTO process_case (id, process_key, process_version, business_key, title, status, initiator_id, owner_id, unit_id, customer_id, started_at)
         VALUES ($1, $2, $3, $4, $5, 'running', $6, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
        [c.caseId, c.processKey, c.processVersion, c.businessKey, c.title, c.initiatorId, c.unitId, c.customerId ?? null, c.startedAt],
      );
      await event(`${c.caseId}/started`, c.caseId, 'case.started', c.startedAt, { actorId: c.initiatorId });
    },

    async projectTaskOpened(t: TaskOpened): Promise<void> {
      await db.query(
        `INSERT INTO task (id, case_id, element_id, name, status, unit_id, assignee_id, candidate_roles, due_at, created_at)
         VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
        [t.taskId, t.caseId, t.elementId, t.name, t.unitId, t.assigneeId ?? null, t.candidateRoles, t.dueAt ?? null, t.createdAt],
      );
      await event(`${t.taskId}/opened`, t.caseId, 'task.opened', t.createdAt, { taskId: t.taskId });
    },

    async projectTaskCompleted(t: TaskCompleted): Promise<void> {
      await db.query(
        `UPDATE task SET status = 'completed', completed_at = $2, completed_by = $3, outcome = $4, comment = $5, data = $6
         WHERE id = $1 AND status = 'open'`,
        [t.taskId, t.completedAt, t.userId, t.outcome, t.comment, JSON.stringify(t.data)],
      );
      await event(`${t.taskId}/completed`, t.caseId, 'task.completed', t.completedAt, {
        taskId: t.taskId,
        actorId: t.userId,
        payload: { outcome: t.outcome, comment: t.comment },
      });
    },

    async projectCaseEnded(c: CaseEnded): Promise<void> {
      await db.query(`UPDATE process_case SET status = $2, ended_at = $3 WHERE id = $1 AND status = 'running'`, [c.caseId, c.status, c.endedAt]);
      await event(`${c.caseId}/ended`, c.caseId, 'case.ended', c.endedAt, { payload: { status: c.status } });
    },
  };
}

export type ProjectionActivities = ReturnType<typeof createProjectionActivities>;

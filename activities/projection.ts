import type { CandidateScope } from '../bpmn/model';
import type { Db } from '../db/pool';
import { candidatesIn, writeNotifications } from './notifications';

// Projections of workflow state into PostgreSQL. Every write is keyed by deterministic IDs
// (workflow + element + occurrence), so a retried activity never duplicates a row, and
// state changes are guarded by the current status so a late retry cannot undo a newer one.

export interface CaseStarted {
  caseId: string;
  processKey: string;
  processVersion: number;
  businessKey: string;
  title: string;
  initiatorId: string;
  unitId: string;
  customerId?: string | null;
  parentCaseId?: string | null;
  startedAt: string;
}

export interface TaskOpened {
  caseId: string;
  taskId: string;
  elementId: string;
  name: string;
  unitId: string;
  candidateRoles: string[];
  /** Where the candidate roles must be held; absent = the task's unit only. */
  candidateScope?: CandidateScope;
  candidateUsers?: string[];
  assigneeId?: string | null;
  formId?: string | null;
  outcomes?: string[];
  separationOfDuties?: boolean;
  dueAt?: string | null;
  createdAt: string;
}

export interface TaskCompleted {
  caseId: string;
  taskId: string;
  userId: string;
  outcome: string;
  comment: string | null;
  data: Record<string, unknown>;
  completedAt: string;
}

export interface TaskCancelled {
  caseId: string;
  taskId: string;
  /** Why: an interrupting boundary event, a multi-instance rule met, the case terminated. */
  reason: string;
  at: string;
}

export interface TaskAssigned {
  caseId: string;
  taskId: string;
  /** claim / unclaim / delegate, and who did it. */
  action: 'claim' | 'unclaim' | 'delegate';
  actorId: string;
  assigneeId: string | null;
  /** Distinguishes repeated actions on the same task (the Update ID). */
  actionId: string;
  reason?: string;
  at: string;
}

export interface TaskEscalated {
  caseId: string;
  taskId: string;
  fromUnitId: string;
  at: string;
}

export interface CaseEnded {
  caseId: string;
  status: 'completed' | 'failed' | 'terminated';
  variables?: Record<string, unknown>;
  reason?: string;
  endedAt: string;
}

export interface CaseMilestone {
  caseId: string;
  /** Unique per case: element + occurrence. */
  key: string;
  kind: string;
  actorId?: string | null;
  payload: Record<string, unknown>;
  at: string;
}

const ASSIGNMENT_EVENT = { claim: 'task.claimed', unclaim: 'task.unclaimed', delegate: 'task.delegated' } as const;

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
        `INSERT INTO process_case (id, process_key, process_version, business_key, title, status, initiator_id, owner_id, unit_id, customer_id, parent_case_id, started_at)
         VALUES ($1, $2, $3, $4, $5, 'running', $6, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
        [c.caseId, c.processKey, c.processVersion, c.businessKey, c.title, c.initiatorId, c.unitId, c.customerId ?? null, c.parentCaseId ?? null, c.startedAt],
      );
      await event(`${c.caseId}/started`, c.caseId, 'case.started', c.startedAt, { actorId: c.initiatorId, payload: { processVersion: c.processVersion } });
    },

    async projectTaskOpened(t: TaskOpened): Promise<void> {
      await db.query(
        `INSERT INTO task (id, case_id, element_id, name, status, unit_id, assignee_id, candidate_roles, candidate_users, form_id, outcomes,
                           separation_of_duties, due_at, created_at, candidate_scope)
         VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (id) DO NOTHING`,
        [
          t.taskId,
          t.caseId,
          t.elementId,
          t.name,
          t.unitId,
          t.assigneeId ?? null,
          t.candidateRoles,
          t.candidateUsers ?? [],
          t.formId ?? null,
          t.outcomes ?? ['approve', 'reject'],
          t.separationOfDuties ?? false,
          t.dueAt ?? null,
          t.createdAt,
          t.candidateScope ?? 'unit',
        ],
      );
      await event(`${t.taskId}/opened`, t.caseId, 'task.opened', t.createdAt, { taskId: t.taskId, payload: { elementId: t.elementId } });
      if (t.assigneeId) {
        await writeNotifications(db, { key: `${t.taskId}/opened`, userIds: [t.assigneeId], kind: 'task.assigned', caseId: t.caseId, taskId: t.taskId, title: `新任务：${t.name}` });
      }
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
        payload: { outcome: t.outcome, comment: t.comment, data: t.data },
      });
    },

    async projectTaskCancelled(t: TaskCancelled): Promise<void> {
      await db.query(`UPDATE task SET status = 'cancelled', completed_at = $2 WHERE id = $1 AND status = 'open'`, [t.taskId, t.at]);
      await event(`${t.taskId}/cancelled`, t.caseId, 'task.cancelled', t.at, { taskId: t.taskId, payload: { reason: t.reason } });
    },

    async projectTaskAssigned(t: TaskAssigned): Promise<void> {
      await db.query(`UPDATE task SET assignee_id = $2, claimed_at = CASE WHEN $2::text IS NULL THEN NULL ELSE $3::timestamptz END WHERE id = $1 AND status = 'open'`, [
        t.taskId,
        t.assigneeId,
        t.at,
      ]);
      await event(`${t.taskId}/${t.action}/${t.actionId}`, t.caseId, ASSIGNMENT_EVENT[t.action], t.at, {
        taskId: t.taskId,
        actorId: t.actorId,
        payload: { assigneeId: t.assigneeId, ...(t.reason ? { reason: t.reason } : {}) },
      });
      if (t.action === 'delegate' && t.assigneeId) {
        await writeNotifications(db, {
          key: `${t.taskId}/delegate/${t.actionId}`,
          userIds: [t.assigneeId],
          kind: 'task.assigned',
          caseId: t.caseId,
          taskId: t.taskId,
          title: '有任务转交给您',
          body: t.reason ?? '',
        });
      }
    },

    /** 首问责任制: an overdue task moves one level up the org tree. Returns the unit it now belongs to. */
    async projectTaskEscalated(t: TaskEscalated): Promise<string> {
      const { rows } = await db.query<{ parent_id: string | null }>('SELECT parent_id FROM org_unit WHERE id = $1', [t.fromUnitId]);
      const toUnitId = rows[0]?.parent_id ?? t.fromUnitId;
      await db.query(
        `UPDATE task SET unit_id = $2, assignee_id = NULL, claimed_at = NULL, escalation_level = escalation_level + 1
         WHERE id = $1 AND status = 'open' AND unit_id = $3`,
        [t.taskId, toUnitId, t.fromUnitId],
      );
      await event(`${t.taskId}/escalated/${t.fromUnitId}`, t.caseId, 'task.escalated', t.at, { taskId: t.taskId, payload: { fromUnitId: t.fromUnitId, toUnitId } });
      // The first-contact owner and the next level's candidates hear of it (首问责任制).
      const { rows: info } = await db.query<{ owner_id: string | null; name: string; candidate_roles: string[]; candidate_scope: CandidateScope }>(
        `SELECT c.owner_id, t.name, t.candidate_roles, t.candidate_scope FROM task t JOIN process_case c ON c.id = t.case_id WHERE t.id = $1`,
        [t.taskId],
      );
      if (info[0]) {
        const next = await candidatesIn(db, toUnitId, info[0].candidate_roles, info[0].candidate_scope);
        await writeNotifications(db, {
          key: `${t.taskId}/escalated/${t.fromUnitId}`,
          userIds: [...(info[0].owner_id ? [info[0].owner_id] : []), ...next],
          kind: 'task.escalated',
          caseId: t.caseId,
          taskId: t.taskId,
          title: `任务已超时升级：${info[0].name}`,
        });
      }
      return toUnitId;
    },

    async projectCaseMilestone(m: CaseMilestone): Promise<void> {
      await event(`${m.caseId}/${m.key}`, m.caseId, m.kind, m.at, { actorId: m.actorId ?? null, payload: m.payload });
    },

    async projectCaseEnded(c: CaseEnded): Promise<void> {
      await db.query(`UPDATE process_case SET status = $2, ended_at = $3, variables = $4 WHERE id = $1 AND status = 'running'`, [
        c.caseId,
        c.status,
        c.endedAt,
        JSON.stringify(c.variables ?? {}),
      ]);
      await event(`${c.caseId}/ended`, c.caseId, 'case.ended', c.endedAt, { payload: { status: c.status, ...(c.reason ? { reason: c.reason } : {}) } });
      const { rows } = await db.query<{ owner_id: string | null; title: string }>('SELECT owner_id, title FROM process_case WHERE id = $1', [c.caseId]);
      if (rows[0]?.owner_id) {
        const word = { completed: '已完成', failed: '失败', terminated: '已终止' }[c.status];
        await writeNotifications(db, { key: `${c.caseId}/ended`, userIds: [rows[0].owner_id], kind: 'case.ended', caseId: c.caseId, title: `案例${word}：${rows[0].title}`, body: c.reason ?? '' });
      }
    },
  };
}

export type ProjectionActivities = ReturnType<typeof createProjectionActivities>;

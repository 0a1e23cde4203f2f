import type { Db } from '../db/pool';
import type { SessionUser } from './user-repository';

export interface TaskRow {
  id: string;
  caseId: string;
  caseTitle: string;
  businessKey: string;
  processKey: string;
  elementId: string;
  name: string;
  status: 'open' | 'completed' | 'cancelled';
  unitId: string;
  candidateRoles: string[];
  assigneeId: string | null;
  dueAt: string | null;
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
  outcome: string | null;
  comment: string | null;
  formId: string | null;
  outcomes: string[];
  candidateUsers: string[];
  escalationLevel: number;
}

const seesEverything = (user: SessionUser) => user.roles.some((r) => r.role === 'auditor' || r.role === 'admin');

// A task is the user's when it is assigned to them or offered to a role they hold in the task's unit.
const VISIBLE = `(t.assignee_id = $1 OR $1 = ANY (t.candidate_users) OR EXISTS (
   SELECT 1 FROM user_role ur WHERE ur.user_id = $1 AND ur.unit_id = t.unit_id AND ur.role = ANY (t.candidate_roles)))`;

const SELECT = `SELECT t.id, t.case_id, c.title AS case_title, c.business_key, c.process_key, t.element_id, t.name, t.status,
        t.unit_id, t.candidate_roles, t.assignee_id, t.due_at, t.created_at, t.completed_at, t.completed_by, t.outcome, t.comment,
        t.form_id, t.outcomes, t.candidate_users, t.escalation_level
   FROM task t JOIN process_case c ON c.id = t.case_id`;

function toTask(r: Record<string, unknown>): TaskRow {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));
  return {
    id: r.id as string,
    caseId: r.case_id as string,
    caseTitle: r.case_title as string,
    businessKey: r.business_key as string,
    processKey: r.process_key as string,
    elementId: r.element_id as string,
    name: r.name as string,
    status: r.status as TaskRow['status'],
    unitId: r.unit_id as string,
    candidateRoles: r.candidate_roles as string[],
    assigneeId: (r.assignee_id as string | null) ?? null,
    dueAt: iso(r.due_at),
    createdAt: iso(r.created_at)!,
    completedAt: iso(r.completed_at),
    completedBy: (r.completed_by as string | null) ?? null,
    outcome: (r.outcome as string | null) ?? null,
    comment: (r.comment as string | null) ?? null,
    formId: (r.form_id as string | null) ?? null,
    outcomes: (r.outcomes as string[]) ?? [],
    candidateUsers: (r.candidate_users as string[]) ?? [],
    escalationLevel: Number(r.escalation_level ?? 0),
  };
}

export function createTaskRepository(db: Db) {
  return {
    async listVisible(user: SessionUser, filter: { status?: 'open' | 'completed'; limit: number }): Promise<TaskRow[]> {
      const params: unknown[] = [user.id];
      const where: string[] = [seesEverything(user) ? 'true' : VISIBLE];
      if (filter.status) {
        params.push(filter.status);
        where.push(`t.status = $${params.length}`);
      }
      params.push(filter.limit);
      const { rows } = await db.query(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY t.created_at DESC, t.id LIMIT $${params.length}`, params);
      return rows.map(toTask);
    },

    async findById(id: string): Promise<TaskRow | undefined> {
      const { rows } = await db.query(`${SELECT} WHERE t.id = $1`, [id]);
      return rows[0] ? toTask(rows[0]) : undefined;
    },

    async mayComplete(user: SessionUser, taskId: string): Promise<boolean> {
      const { rows } = await db.query(`SELECT 1 FROM task t WHERE t.id = $2 AND ${VISIBLE}`, [user.id, taskId]);
      return rows.length > 0;
    },
  };
}

export type TaskRepository = ReturnType<typeof createTaskRepository>;

import { appendCaseEvent } from '../db/case-events';
import { enqueueChatMessage } from '../db/chat-outbox';
import { createCaseWrites, type CaseEnded, type CaseMigrated, type CaseStarted } from '../db/cases';
import { recordIncidentRaised, recordIncidentResolved, type IncidentRaised, type IncidentResolved } from '../db/incidents';
import { routeToDepartment, type DepartmentRoute, type DepartmentRouting } from '../db/departments';
import { candidatesIn, writeNotifications } from '../db/notifications';
import type { Db } from '../db/pool';
import { createTaskWrites, type TaskAssigned, type TaskCancelled, type TaskCompleted, type TaskEscalated, type TaskOpened } from '../db/tasks';
import { caseEndNote } from './case-end-note';

// Projections of workflow state into PostgreSQL, through the data layer (db/). What each
// activity adds is the notice people get: the rows and audit events are the stores' business.

export type { CaseEnded, CaseMigrated, CaseStarted, TaskAssigned, TaskCancelled, TaskCompleted, TaskEscalated, TaskOpened };

export interface CaseMilestone {
  caseId: string;
  /** Unique per case: element + occurrence. */
  key: string;
  kind: string;
  actorId?: string | null;
  payload: Record<string, unknown>;
  at: string;
}


function createProjectionWriters(db: Db) {
  const tasks = createTaskWrites(db);
  const cases = createCaseWrites(db);
  return {
    async projectCaseStarted(c: CaseStarted): Promise<void> {
      await cases.started(c);
    },

    async projectTaskOpened(t: TaskOpened): Promise<void> {
      await tasks.opened(t);
      if (t.assigneeId) {
        await writeNotifications(db, { key: `${t.taskId}/opened`, userIds: [t.assigneeId], kind: 'task.assigned', caseId: t.caseId, taskId: t.taskId, title: `新任务：${t.name}`, params: { notice: 'task.new', task: t.name } });
      }
      // The unit's team chat hears of every new task, offered or assigned: whoever is free takes it.
      await enqueueChatMessage(db, { key: `${t.taskId}/opened`, kind: 'task.opened', caseId: t.caseId, taskId: t.taskId, headline: `新任务：${t.name}` });
    },

    async projectTaskCompleted(t: TaskCompleted): Promise<void> {
      await tasks.completed(t);
    },

    async projectTaskCancelled(t: TaskCancelled): Promise<void> {
      await tasks.cancelled(t);
    },

    async projectTaskAssigned(t: TaskAssigned): Promise<void> {
      const assigned = await tasks.assigned(t);
      if (t.action === 'delegate' && t.assigneeId) {
        // Who handed it over and which step, by name: the recipient knows neither from an id.
        const from = assigned?.actorName ?? '系统';
        await writeNotifications(db, {
          key: `${t.taskId}/delegate/${t.actionId}`,
          userIds: [t.assigneeId],
          kind: 'task.assigned',
          caseId: t.caseId,
          taskId: t.taskId,
          title: assigned ? `${from}转交给您：${assigned.taskName}` : '有任务转交给您',
          ...(assigned && { params: { notice: 'task.delegated', actor: from, task: assigned.taskName } }),
          body: t.reason ?? '',
        });
      }
    },

    /** 首问责任制: an overdue task moves one level up the org tree. Returns the unit it now belongs to. */
    async projectTaskEscalated(t: TaskEscalated): Promise<string> {
      const moved = await tasks.escalated(t);
      // The first-contact owner and the next level's candidates hear of it (首问责任制).
      if ('name' in moved) {
        const next = await candidatesIn(db, moved.toUnitId, moved.candidateRoles, moved.candidateScope, moved.candidateDepartment);
        await writeNotifications(db, {
          key: `${t.taskId}/escalated/${t.fromUnitId}`,
          userIds: [...(moved.ownerId ? [moved.ownerId] : []), ...next],
          kind: 'task.escalated',
          caseId: t.caseId,
          taskId: t.taskId,
          title: `任务已超时升级：${moved.name}`,
          params: { notice: 'task.escalated', task: moved.name },
        });
        await enqueueChatMessage(db, { key: `${t.taskId}/escalated/${t.fromUnitId}`, kind: 'task.escalated', caseId: t.caseId, taskId: t.taskId, headline: `任务已超时升级：${moved.name}` });
      }
      return moved.toUnitId;
    },

    async projectCaseMigrated(m: CaseMigrated): Promise<void> {
      await cases.migrated(m);
    },

    async projectCaseMilestone(m: CaseMilestone): Promise<void> {
      await appendCaseEvent(db, { key: `${m.caseId}/${m.key}`, caseId: m.caseId, kind: m.kind, at: m.at, actorId: m.actorId ?? null, payload: m.payload });
    },

    async projectIncidentRaised(i: IncidentRaised): Promise<void> {
      await recordIncidentRaised(db, i);
    },

    async projectIncidentResolved(r: IncidentResolved): Promise<void> {
      await recordIncidentResolved(db, r);
    },

    async projectCaseEnded(c: CaseEnded): Promise<void> {
      const ended = await cases.ended(c);
      // How it ended is its end event's name (已同意, 已驳回 …), as the diagram words it.
      const word = { completed: '已完成', failed: '失败', terminated: '已终止' }[c.status];
      const headline = `案例${word}${c.endEvent?.name ? `（${c.endEvent.name}）` : ''}`;
      if (ended?.ownerId) {
        await writeNotifications(db, {
          key: `${c.caseId}/ended`,
          userIds: [ended.ownerId],
          kind: 'case.ended',
          caseId: c.caseId,
          title: `${headline}：${ended.title}`,
          body: caseEndNote(c),
          params: { notice: 'case.ended', status: c.status, ending: c.endEvent?.name ?? '', case: ended.title },
        });
      }
      if (ended) await enqueueChatMessage(db, { key: `${c.caseId}/ended`, kind: 'case.ended', caseId: c.caseId, headline, body: caseEndNote(c) });
    },
  };
}

/** Every projection: what the engine may queue and send in one batch (workflows/bpmn/projection-batch.ts). */
export type ProjectionWriters = ReturnType<typeof createProjectionWriters>;

/** One queued projection: which, and its input. */
export type ProjectionWrite = { [K in keyof ProjectionWriters]: { kind: K; input: Parameters<ProjectionWriters[K]>[0] } }[keyof ProjectionWriters];

/**
 * Runs the writes in order, each as its own activity would (its own transaction, idempotent by its
 * key), and returns their results by position. A retry of the batch repeats the writes that had got
 * through, which is why every projection already had to be idempotent.
 */
export async function runProjectionBatch(writers: { [K in keyof ProjectionWriters]: (input: never) => Promise<unknown> }, writes: readonly ProjectionWrite[]): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const w of writes) {
    // Only projections: a batch cannot name any other activity the worker has.
    if (!Object.hasOwn(writers, w.kind)) throw new TypeError(`not a projection: ${String(w.kind)}`);
    results.push((await writers[w.kind](w.input as never)) ?? null);
  }
  return results;
}

export function createProjectionActivities({ db }: { db: Db }) {
  const writers = createProjectionWriters(db);
  return {
    ...writers,
    /** shouwen:candidateDepartment: the department a step goes to, or the fallback when nobody there can take it. */
    async routeTaskToDepartment(r: DepartmentRouting): Promise<DepartmentRoute> {
      return routeToDepartment(db, r);
    },
    /** Several of the above in one activity, in order (workflows/bpmn/projection-batch.ts). */
    projectBatch: (writes: ProjectionWrite[]): Promise<unknown[]> => runProjectionBatch(writers, writes),
  };
}

export type ProjectionActivities = ReturnType<typeof createProjectionActivities>;

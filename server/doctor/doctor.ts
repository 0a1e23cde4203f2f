import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { appendCaseEvent } from '../../db/case-events';
import { createCaseRepository, createCaseWrites } from '../../db/cases';
import { createConsistencyReads, createConsistencyRepairs } from '../../db/consistency';
import type { Db } from '../../db/pool';
import { createProcessRepository } from '../../db/processes';
import { createTaskWrites } from '../../db/tasks';
import { verifyChain } from '../audit/verify-chain';
import { caseStateQuery, type BpmnProcessResult, type OpenTaskView } from '../../workflows/bpmn/messages';
import { CaseStatus as CaseStatusAttribute } from '../../workflows/search-attributes';
import { compareCase, differenceKey, repairable, type CaseStatus, type DbCase, type Difference, type TemporalCase } from './compare';

// Gathers both sides of every case, compares them (compare.ts) and, asked to, rewrites the
// projection rows from Temporal's state through the projection writes of db/cases.ts and
// db/tasks.ts. Each repair leaves a `case.repaired` entry on the case's audit trail.

export interface DoctorOptions {
  /** Only the cases of this process. */
  processKey?: string;
  /** A difference found is checked again after this long and reported only if it is still there (a projection in flight). */
  settleMs?: number;
  /** How long a state query may take before the case counts as unanswered. */
  queryTimeoutMs?: number;
}

export interface DoctorReport {
  checked: number;
  differences: Difference[];
}

type TemporalSide = TemporalCase & { openTaskViews?: OpenTaskView[]; closeTime?: Date; workflowStatus?: string };

const QUERY = `WorkflowType = 'bpmnProcess'`;
const quoted = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/** The ended case's status as the workflow projected it (CaseStatus search attribute), else from Temporal's own status. */
function endedStatus(workflowStatus: string, attribute: string | undefined): CaseStatus {
  if (attribute === 'completed' || attribute === 'failed' || attribute === 'terminated') return attribute;
  if (workflowStatus === 'COMPLETED') return 'completed';
  if (workflowStatus === 'FAILED') return 'failed';
  return 'terminated';
}

export function createDoctor(deps: { db: Db; client: Client }) {
  const { db, client } = deps;
  const reads = createConsistencyReads(db);

  async function temporalSide(caseId: string, queryTimeoutMs: number): Promise<TemporalSide> {
    const handle = client.workflow.getHandle(caseId);
    let desc;
    try {
      desc = await handle.describe();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { caseId, gone: true };
      throw err;
    }
    const workflowStatus = desc.status.name;
    if (workflowStatus !== 'RUNNING') {
      return { caseId, status: endedStatus(workflowStatus, desc.typedSearchAttributes.get(CaseStatusAttribute)), workflowStatus, ...(desc.closeTime && { closeTime: desc.closeTime }) };
    }
    try {
      // A query needs a worker: without a deadline a stopped worker would hang the whole check.
      const state = await client.connection.withDeadline(Date.now() + queryTimeoutMs, () => handle.query(caseStateQuery));
      return { caseId, status: 'running', processVersion: state.processVersion, openTasks: state.openTasks, openTaskViews: state.openTasks, workflowStatus };
    } catch (err) {
      return { caseId, status: 'running', unanswered: err instanceof Error ? err.message.split('\n')[0]! : String(err), workflowStatus };
    }
  }

  async function dbSide(caseIds: string[], temporal: TemporalSide[]): Promise<Map<string, DbCase>> {
    const cases = await reads.cases(caseIds);
    const named = temporal.flatMap((t) => (!t.gone && t.openTasks ? t.openTasks.map((o) => o.taskId) : []));
    const tasks = await reads.tasks(caseIds, named);
    const repo = createCaseRepository(db);
    const out = new Map<string, DbCase>();
    await mapLimited([...cases.values()], 4, async (c) => {
      const verdict = verifyChain(await repo.auditTrail(c.caseId));
      out.set(c.caseId, { caseId: c.caseId, status: c.status, processVersion: c.processVersion, tasks: tasks.filter((t) => t.caseId === c.caseId), chainBrokenAt: verdict.verified ? null : verdict.brokenAt });
    });
    return out;
  }

  async function examine(caseIds: string[], queryTimeoutMs: number): Promise<{ temporal: TemporalSide[]; differences: Difference[] }> {
    const temporal = await mapLimited(caseIds, 8, (id) => temporalSide(id, queryTimeoutMs));
    const projected = await dbSide(caseIds, temporal);
    return { temporal, differences: temporal.flatMap((t) => compareCase(t, projected.get(t.caseId))) };
  }

  async function caseIds(processKey: string | undefined): Promise<string[]> {
    const ids = new Set(await reads.caseIds(processKey));
    // Visibility lists every run: a case that continued as new appears once per run.
    const query = processKey ? `${QUERY} AND ProcessKey = ${quoted(processKey)}` : QUERY;
    for await (const wf of client.workflow.list({ query })) ids.add(wf.workflowId);
    return [...ids].sort();
  }

  return {
    async check(o: DoctorOptions = {}): Promise<DoctorReport & { temporal: TemporalSide[] }> {
      const queryTimeoutMs = o.queryTimeoutMs ?? 10_000;
      const ids = await caseIds(o.processKey);
      const first = await examine(ids, queryTimeoutMs);
      const suspects = [...new Set(first.differences.map((d) => d.caseId))];
      if (suspects.length === 0 || !o.settleMs) return { checked: ids.length, ...first };
      await new Promise((r) => setTimeout(r, o.settleMs));
      const again = await examine(suspects, queryTimeoutMs);
      const before = new Set(first.differences.map(differenceKey));
      const temporal = first.temporal.map((t) => again.temporal.find((a) => a.caseId === t.caseId) ?? t);
      return { checked: ids.length, temporal, differences: again.differences.filter((d) => before.has(differenceKey(d))) };
    },

    /** Rewrites the rows each repairable difference names from Temporal's state; returns what it did, one line each. */
    async repair(differences: Difference[], temporal: TemporalSide[]): Promise<string[]> {
      const cases = createCaseWrites(db);
      const tasks = createTaskWrites(db);
      const fixes = createConsistencyRepairs(db);
      const processes = createProcessRepository(db);
      const byCase = new Map(temporal.map((t) => [t.caseId, t]));
      const stamp = new Date().toISOString();
      const done: string[] = [];
      let n = 0;
      for (const d of differences.filter(repairable)) {
        const t = byCase.get(d.caseId);
        if (!t || t.gone) continue;
        const note = async (what: string, extra: Record<string, unknown> = {}) => {
          await appendCaseEvent(db, { key: `${d.caseId}/repaired/${stamp}/${n++}`, caseId: d.caseId, kind: 'case.repaired', payload: { code: d.code, what, ...extra } });
          done.push(`${d.caseId}: ${what}`);
        };
        if (d.code === 'case.status') {
          if (t.status === 'running') {
            await fixes.caseRow(d.caseId, { status: 'running' });
            await note(`案例状态 ${d.db} → running`);
          } else if (d.db === 'running') {
            // The ordinary end projection, with the result the workflow returned when it has one.
            let variables: Record<string, unknown> | undefined;
            if (t.workflowStatus === 'COMPLETED') variables = ((await client.workflow.getHandle(d.caseId).result()) as BpmnProcessResult | undefined)?.variables;
            await cases.ended({ caseId: d.caseId, status: t.status, endedAt: (t.closeTime ?? new Date()).toISOString(), ...(variables && { variables }), reason: 'shouwen doctor' });
            await note(`案例状态 running → ${t.status}`);
          } else {
            await fixes.caseRow(d.caseId, { status: t.status });
            await note(`案例状态 ${d.db} → ${t.status}`);
          }
        } else if (d.code === 'case.version') {
          await fixes.caseRow(d.caseId, { processVersion: d.temporal });
          await note(`版本 ${d.db} → ${d.temporal}`);
        } else if (d.code === 'task.missing') {
          const view = t.openTaskViews?.find((v) => v.taskId === d.taskId);
          if (!view) continue;
          if (d.db !== null) {
            await fixes.reopenTask(d.taskId);
            await note(`待办 ${d.taskId} ${d.db} → open`, { taskId: d.taskId });
            continue;
          }
          const row = (await reads.cases([d.caseId])).get(d.caseId);
          const model = row ? (await processes.get(row.processKey, t.processVersion ?? row.processVersion))?.model : undefined;
          const element = model?.elements[view.elementId];
          const userTask = element?.type === 'userTask' ? element : undefined;
          const opened = await reads.taskEvent(`${d.taskId}/opened`);
          // The ordinary open projection: its trail entry already exists and is left as it was.
          await tasks.opened({
            caseId: d.caseId,
            taskId: view.taskId,
            elementId: view.elementId,
            name: view.name,
            unitId: view.unitId,
            candidateRoles: view.candidateGroups,
            candidateUsers: view.candidateUsers,
            ...(userTask?.candidateScope && { candidateScope: userTask.candidateScope }),
            assigneeId: view.assigneeId,
            formId: view.formId,
            outcomes: view.outcomes,
            separationOfDuties: userTask?.separationOfDuties ?? false,
            dueAt: view.dueAt,
            createdAt: opened?.at ?? stamp,
          });
          await note(`待办 ${d.taskId}（${d.name}）按 Temporal 的状态重建`, { taskId: d.taskId });
        } else if (d.code === 'task.extra') {
          const completed = await reads.taskEvent(`${d.taskId}/completed`);
          if (completed?.actorId) {
            const p = completed.payload;
            await tasks.completed({ caseId: d.caseId, taskId: d.taskId, userId: completed.actorId, outcome: String(p.outcome ?? 'complete'), comment: (p.comment as string | null) ?? null, data: (p.data as Record<string, unknown>) ?? {}, completedAt: completed.at });
            await note(`待办 ${d.taskId}（${d.name}）按审计记录标为已完成`, { taskId: d.taskId });
          } else {
            await tasks.cancelled({ caseId: d.caseId, taskId: d.taskId, reason: 'shouwen doctor：Temporal 中已没有这个待办', at: stamp });
            await note(`待办 ${d.taskId}（${d.name}）标为已取消`, { taskId: d.taskId });
          }
        }
      }
      return done;
    },
  };
}

// `shouwen doctor`: what Temporal says about a case against what the projections say. Temporal's
// history is the truth a case runs on; the rows in process_case and task are copies written by
// projection activities, so a difference means a copy went wrong (a restored backup, a hand
// edit, a bug), never that the case did. This module only compares and words the findings.

export type CaseStatus = 'running' | 'completed' | 'failed' | 'terminated';

export interface TemporalTaskView {
  taskId: string;
  name: string;
  /** 'completing': an Update is finishing it, the row may already say completed. */
  status: 'open' | 'completing';
}

/** A case as Temporal holds it: absent when it has no workflow (`gone`). */
export type TemporalCase =
  | { caseId: string; gone: true }
  | {
      caseId: string;
      gone?: false;
      status: CaseStatus;
      /** Running cases only: from the state query. */
      processVersion?: number;
      openTasks?: TemporalTaskView[];
      /** The state query did not answer (no worker polling, a timeout): the tasks could not be compared. */
      unanswered?: string;
    };

export interface DbTask {
  taskId: string;
  name: string;
  status: string;
}

export interface DbCase {
  caseId: string;
  status: string;
  processVersion: number;
  /** Every task row of the case that is open, and the rows of the tasks Temporal names whatever their status. */
  tasks: DbTask[];
  /** First broken entry of the audit chain, numbered within the case; null when it verifies. */
  chainBrokenAt: number | null;
}

export type Difference =
  | { code: 'case.missing'; caseId: string; temporal: CaseStatus }
  | { code: 'case.notInTemporal'; caseId: string; db: string }
  | { code: 'case.status'; caseId: string; temporal: CaseStatus; db: string }
  | { code: 'case.version'; caseId: string; temporal: number; db: number }
  | { code: 'case.unanswered'; caseId: string; reason: string }
  | { code: 'task.missing'; caseId: string; taskId: string; name: string; db: string | null }
  | { code: 'task.extra'; caseId: string; taskId: string; name: string; temporal: CaseStatus }
  | { code: 'audit.chainBroken'; caseId: string; brokenAt: number };

/** Every difference of one case; `db` undefined = no row in process_case. */
export function compareCase(t: TemporalCase, db: DbCase | undefined): Difference[] {
  const caseId = t.caseId;
  const out: Difference[] = [];
  if (db && db.chainBrokenAt !== null) out.push({ code: 'audit.chainBroken', caseId, brokenAt: db.chainBrokenAt });
  if (t.gone) {
    // An ended case whose history Temporal's retention removed is not a difference: the row is all that is left.
    if (db && db.status === 'running') out.push({ code: 'case.notInTemporal', caseId, db: db.status });
    return out;
  }
  if (!db) return [...out, { code: 'case.missing', caseId, temporal: t.status }];
  if (db.status !== t.status) out.push({ code: 'case.status', caseId, temporal: t.status, db: db.status });
  if (t.status === 'running' && t.unanswered) return [...out, { code: 'case.unanswered', caseId, reason: t.unanswered }];
  if (t.processVersion !== undefined && t.processVersion !== db.processVersion) out.push({ code: 'case.version', caseId, temporal: t.processVersion, db: db.processVersion });
  const open = new Map((t.status === 'running' ? (t.openTasks ?? []) : []).map((task) => [task.taskId, task]));
  const rows = new Map(db.tasks.map((r) => [r.taskId, r]));
  for (const task of open.values()) {
    const row = rows.get(task.taskId);
    // A task being completed may already be projected as completed: both are right for a moment.
    if (row?.status === 'open' || (task.status === 'completing' && row?.status === 'completed')) continue;
    out.push({ code: 'task.missing', caseId, taskId: task.taskId, name: task.name, db: row?.status ?? null });
  }
  for (const row of db.tasks) {
    if (row.status === 'open' && !open.has(row.taskId)) out.push({ code: 'task.extra', caseId, taskId: row.taskId, name: row.name, temporal: t.status });
  }
  return out;
}

const STATUS_ZH: Record<string, string> = { running: '运行中', completed: '已完成', failed: '失败', terminated: '已终止', open: '待办', cancelled: '已取消' };
const zh = (status: string) => STATUS_ZH[status] ?? status;

/** One line naming the case, what Temporal says and what the database says. */
export function describeDifference(d: Difference): string {
  const at = `案例 ${d.caseId}`;
  switch (d.code) {
    case 'case.missing':
      return `${at}：Temporal 说案例${zh(d.temporal)}；数据库中没有这个案例（process_case 缺行）`;
    case 'case.notInTemporal':
      return `${at}：Temporal 中没有这个案例的工作流；数据库说${zh(d.db)}`;
    case 'case.status':
      return `${at}：Temporal 说案例${zh(d.temporal)}；数据库说${zh(d.db)}`;
    case 'case.version':
      return `${at}：Temporal 说按第 ${d.temporal} 版运行；数据库说第 ${d.db} 版`;
    case 'case.unanswered':
      return `${at}：Temporal 说运行中，但状态查询没有回答（${d.reason}）；待办无法比对`;
    case 'task.missing':
      return `${at}：Temporal 说待办「${d.name}」（${d.taskId}）在等人办理；数据库${d.db === null ? '中没有这条待办' : `说它${zh(d.db)}`}`;
    case 'task.extra':
      return `${at}：Temporal 说没有待办「${d.name}」（${d.taskId}）${d.temporal === 'running' ? '' : `，案例${zh(d.temporal)}`}；数据库说它待办`;
    case 'audit.chainBroken':
      return `${at}：审计链在第 ${d.brokenAt} 条断开（内容被改动、删除或插入）；投影修复不会改审计记录`;
  }
}

/** Stable identity of a finding, to tell one that persists from one that was in flight. */
export const differenceKey = (d: Difference) => JSON.stringify(d);

/** What `--repair` can rewrite from Temporal's state; the rest is reported only. */
export const repairable = (d: Difference) => d.code === 'case.status' || d.code === 'case.version' || d.code === 'task.missing' || d.code === 'task.extra';

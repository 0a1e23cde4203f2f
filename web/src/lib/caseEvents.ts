import type { CaseEvent, ProcessVersion } from '../../../contract';
import type { MessageKey } from '../i18n/messages';
import { personLabel } from './person';

/** How one history entry reads: a message with its placeholders, a dot color, and optional detail lines. */
export interface EventLine {
  key: MessageKey;
  vars: Record<string, string | number>;
  color: 'blue' | 'green' | 'red' | 'gray' | 'orange' | 'purple';
  /** An outcome id (task.completed) to render as a tag. */
  outcome?: string;
  /** Free text the actor wrote or the engine gave (comment, reason, message). */
  note?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/** How the reader's language says who did it when nobody did (the engine), and a unit's name. */
export interface EventWords {
  system: string;
  /** Who started a case a timer start event's schedule started: 系统（定时）. */
  scheduled?: string;
  unit: (unitId: string) => string;
  /** An element by its name, else its kind (未命名的人工任务), never its id; without it, the name the event carries. */
  element?: (elementId: string, elementName: string | undefined) => string;
  /** Where and why an incident stopped the case, in words (the element as a sentence names it: 「审批」, 未命名的服务任务; web/src/lib/incidents.ts); without it, the name and the engine's own line. */
  incident?: (at: { elementId: string; elementName: string | undefined; message: string }) => { element: string; reason: string };
  /** Why a case failed (its end reason is the engine's English line, like an incident's), in words; without it, the line. */
  failure?: (reason: string) => string;
  /** What a case ended by cancellation (its end reason `cancelled`, the engine's word) says: 案例被取消. */
  cancelled?: string;
}
/** The end reason the engine records for a case cancelled (terminated by request): workflows/bpmn/process.ts. */
export const CANCELLED_REASON = 'cancelled';
const ZH_WORDS: EventWords = { system: '系统', scheduled: '系统（定时）', unit: (id) => id, cancelled: '案例被取消' };

/** The actor of an event as the trail names them; a scheduled start is the system's, said so. */
export const eventActor = (e: Pick<CaseEvent, 'kind' | 'actorId' | 'actorName' | 'payload'>, words: EventWords): string =>
  e.kind === 'case.started' && e.actorId === null && typeof e.payload.scheduledBy === 'string' ? (words.scheduled ?? words.system) : personLabel(e.actorId, e.actorName, words.system);

/**
 * A human-readable line for each event kind. `taskName` resolves a task id to its step name (from
 * the task.opened events and the process model); unknown kinds fall back to the kind itself.
 * `processVersion` is the case's own, for a start event whose payload is withheld (a customer above
 * the reader's clearance): the version is no secret.
 */
export function describeCaseEvent(e: CaseEvent, taskName: (taskId: string | null) => string, processVersion?: number, words: EventWords = ZH_WORDS): EventLine {
  const line = describeKind(e, taskName, processVersion, words);
  // A payload destroyed with the case's archive: the marker stands where the details were.
  const destroyed = str(e.payload.contentDestroyed);
  return destroyed ? { ...line, note: destroyed } : line;
}

function describeKind(e: CaseEvent, taskName: (taskId: string | null) => string, processVersion: number | undefined, words: EventWords): EventLine {
  const actor = eventActor(e, words);
  const task = taskName(e.taskId);
  const p = e.payload;
  switch (e.kind) {
    case 'case.started':
      return { key: 'event.caseStarted', vars: { actor, version: String(p.processVersion ?? processVersion ?? '?') }, color: 'blue' };
    case 'task.opened':
      return { key: 'event.taskOpened', vars: { task }, color: 'blue' };
    case 'task.claimed':
      return { key: 'event.taskClaimed', vars: { actor, task }, color: 'gray' };
    case 'task.unclaimed':
      return { key: 'event.taskUnclaimed', vars: { actor, task }, color: 'gray' };
    case 'task.delegated':
      return { key: 'event.taskDelegated', vars: { actor, task, to: e.assigneeName ?? str(p.assigneeId) ?? '—' }, color: 'purple', note: str(p.reason) };
    case 'task.completed':
      return { key: 'event.taskCompleted', vars: { actor, task }, color: p.outcome === 'reject' ? 'red' : 'green', outcome: str(p.outcome), note: str(p.comment) };
    case 'task.cancelled':
      return { key: 'event.taskCancelled', vars: { task }, color: 'gray', note: str(p.reason) };
    case 'task.escalated':
      return { key: 'event.taskEscalated', vars: { task, from: unitLabel(p.fromUnitId, words), to: unitLabel(p.toUnitId, words) }, color: 'orange' };
    case 'task.department':
      // The step went to the department the investigation named, or (nobody there) to the 客服经理.
      return { key: p.fallback === true ? 'event.taskDepartmentFallback' : 'event.taskDepartment', vars: { task, department: str(p.departmentName) ?? '—' }, color: p.fallback === true ? 'orange' : 'blue' };
    case 'notification':
      return { key: 'event.notification', vars: { to: Array.isArray(p.to) ? p.to.join(', ') : (str(p.to) ?? '—') }, color: 'blue', note: str(p.message) };
    case 'case.customer':
      return { key: 'event.caseCustomer', vars: { customer: str(p.customerName) ?? '—' }, color: 'blue' };
    case 'callback.coverage': {
      // 回访 coverage (issue 15): the tier's rule as it was applied, and where the purchase's hash fell (of 10000).
      const coverage = typeof p.callbackCoverage === 'number' ? `${Math.round(p.callbackCoverage * 100)}%` : '—';
      const vars = { tier: str(p.customerTier) ?? '—', tierName: str(p.tierName) ?? '—', coverage, bucket: typeof p.callbackSampleBucket === 'number' ? `${p.callbackSampleBucket}/10000` : '—' };
      return { key: p.callbackSelected === true ? 'event.callbackSelected' : 'event.callbackSkipped', vars, color: p.callbackSelected === true ? 'blue' : 'gray' };
    }
    case 'task.dueByTier': {
      // Why a task's due date is what it is: the customer's tier's limit when it opened, or the diagram's default.
      const vars = { task: str(p.taskName) ?? task, tier: str(p.customerTier) ?? '—', tierName: str(p.tierName) ?? '—', days: typeof p.days === 'number' ? p.days : '—' };
      return { key: p.customerTier ? 'event.dueByTier' : 'event.dueByTierDefault', vars, color: 'blue' };
    }
    case 'incident.raised': {
      const at = { elementId: str(p.elementId) ?? '', elementName: str(p.elementName), message: str(p.message) ?? '' };
      const worded = words.incident?.(at);
      return { key: 'event.incidentRaised', vars: { element: worded?.element ?? (at.elementName ? `「${at.elementName}」` : '—') }, color: 'red', note: worded ? worded.reason : str(p.message) };
    }
    case 'incident.resolved':
      return {
        key: p.action === 'retry' ? 'event.incidentRetried' : p.action === 'cancel' ? 'event.incidentCancelled' : 'event.incidentWithdrawn',
        vars: { actor },
        color: p.action === 'retry' ? 'orange' : 'gray',
        note: str(p.comment),
      };
    case 'case.archived':
      return { key: 'event.caseArchived', vars: {}, color: 'gray' };
    case 'case.migrated':
    case 'case.migrationUndone': {
      // Moved to another version by a process owner: which steps went where, and why.
      const moves = Array.isArray(p.moves) ? (p.moves as Array<{ from?: string; to?: string; fromName?: string; toName?: string }>) : [];
      const step = (id: string | undefined, name: string | undefined) => (words.element && id ? words.element(id, name) : (name ?? id ?? '?'));
      const steps = moves.map((m) => `${step(m.from, m.fromName)} → ${step(m.to, m.toName)}`).join('、') || '—';
      const vars = { actor, from: String(p.fromVersion ?? '?'), to: String(p.toVersion ?? '?'), steps };
      return { key: e.kind === 'case.migrated' ? 'event.caseMigrated' : 'event.caseMigrationUndone', vars, color: 'purple', note: str(p.note) };
    }
    case 'case.migrationAbandoned':
      return { key: 'event.caseMigrationAbandoned', vars: { to: String(p.toVersion ?? '?') }, color: 'gray', note: str(p.reason) };
    case 'case.contentDestroyed':
      return { key: 'event.caseContentDestroyed', vars: { archive: str(p.archiveId) ?? '—', destruction: str(p.destructionNo) ?? '—' }, color: 'gray' };
    case 'case.historyDestroyed':
      return { key: 'event.caseHistoryDestroyed', vars: {}, color: 'gray' };
    case 'milestone':
      return { key: 'event.milestone', vars: { name: words.element && str(p.elementId) ? words.element(str(p.elementId)!, str(p.name)) : (str(p.name) ?? str(p.elementId) ?? '—') }, color: 'blue' };
    case 'decision.evaluated': {
      // Why the grade came out: the rules that matched in the decision asked (the last one evaluated).
      const evaluated = Array.isArray(p.evaluated) ? (p.evaluated as Array<{ matchedRules?: Array<{ index?: number; description?: string }> }>) : [];
      const rules = (evaluated.at(-1)?.matchedRules ?? []).map((r) => `#${r.index ?? '?'}${r.description ? ` ${r.description}` : ''}`).join('、');
      return { key: 'event.decisionEvaluated', vars: { decision: str(p.decisionName) ?? str(p.decisionId) ?? '—', version: String(p.version ?? '?'), rules: rules || '—' }, color: 'blue' };
    }
    case 'case.ended':
      return {
        key: 'event.caseEnded',
        vars: { status: str(p.status) ?? '—' },
        color: p.status === 'completed' ? 'green' : p.status === 'failed' ? 'red' : 'gray',
        note:
          (p.status === 'failed' && str(p.reason) && words.failure
            ? words.failure(str(p.reason)!)
            : p.reason === CANCELLED_REASON && words.cancelled
              ? words.cancelled
              : str(p.reason)) ?? str(p.endEventName),
      };
    default:
      return { key: 'event.other', vars: { kind: e.kind, actor }, color: 'gray' };
  }
}

const unitLabel = (id: unknown, words: EventWords) => (str(id) ? words.unit(str(id)!) : '—');

/** The data a task.completed event recorded (empty for other kinds, or when withheld). */
export function completedData(e: CaseEvent): Record<string, unknown> {
  const d = e.kind === 'task.completed' ? e.payload.data : undefined;
  return d && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, unknown>) : {};
}

/**
 * A task's step name: from its task.opened event and the model, else from the live state's open
 * tasks (a case page loaded before the worker recorded task.opened, or whose payloads are withheld),
 * else `fallback` — never the raw task id.
 */
export function stepNameResolver(
  events: readonly CaseEvent[],
  version: ProcessVersion | undefined,
  openTasks: ReadonlyArray<{ taskId: string; name?: string; elementId: string }>,
  fallback: string,
  unnamed?: (elementId: string) => string,
): (taskId: string | null) => string {
  const elements = taskElements(events);
  return (taskId) => {
    if (!taskId) return '—';
    const open = openTasks.find((o) => o.taskId === taskId);
    const el = elements.get(taskId) ?? open?.elementId;
    return (el && modelElementName(version, el)) || open?.name || (el && unnamed?.(el)) || fallback;
  };
}

/** taskId → element id, from the task.opened events (their payload names the element). */
export function taskElements(events: readonly CaseEvent[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of events) {
    const el = e.payload.elementId;
    if (e.kind === 'task.opened' && e.taskId && typeof el === 'string') out.set(e.taskId, el);
  }
  return out;
}

/** An element's BPMN type in the compiled process model (`serviceTask`), if the element is there: an unnamed one is named by it. */
export function modelElementType(version: ProcessVersion | undefined, elementId: string): string | undefined {
  const elements = (version?.model as { elements?: Record<string, { type?: string }> } | undefined)?.elements;
  return elements?.[elementId]?.type || undefined;
}

/** An element's name in the compiled process model, if it has one. */
export function modelElementName(version: ProcessVersion | undefined, elementId: string): string | undefined {
  const elements = (version?.model as { elements?: Record<string, { name?: string }> } | undefined)?.elements;
  return elements?.[elementId]?.name || undefined;
}

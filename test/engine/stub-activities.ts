import { isDepartment } from '../../contract/departments';
import { ApplicationFailure } from '@temporalio/activity';
import type { Activities } from '../../activities';
import type { ResolvedProcess } from '../../activities/processes';
import type { TaskOpened } from '../../activities/projection';
import { SERVICE_TASK_TYPES } from '../../bpmn/service-task-types';
import type { ServiceTaskFn, ServiceTaskInput } from '../../activities/service-tasks';
import type { ProcessModel } from '../../bpmn/model';
import type { DecisionModel } from '../../bpmn/dmn/model';
import { DecisionEvaluationError, evaluateDecision } from '../../bpmn/dmn/evaluate';
import type { EvaluateDecisionInput } from '../../activities/decisions';
import { runProjectionBatch } from '../../activities/projection';
import type { ProjectionWrite } from '../../activities/projection';

// In-memory stand-ins for every activity the worker registers, so engine tests need neither
// the database nor the API: projections land in maps a test can read, the calendar counts
// every day as a working day, and service tasks answer what the test tells them to.

export interface StubTask extends TaskOpened {
  status: 'open' | 'completed' | 'cancelled';
  reason?: string;
  escalatedTo?: string;
}

export interface StubOptions {
  /** Called processes by key (call activities), all at version 1. */
  processes?: Record<string, ProcessModel>;
  /** Service task types by name; those not given return no variables. */
  serviceTasks?: Partial<Record<string, ServiceTaskFn>>;
  /** Deployed DMN files (business rule tasks), all at version 1. */
  decisions?: DecisionModel[];
  /** The org unit an overdue task moves to. */
  escalateTo?: (fromUnitId: string) => string;
  /** When `hours` of working time after `from` end (default: every day is a working day). */
  workingHours?: (from: string, hours: number) => string;
  /** Runs while the case closes a message or signal subscription (e.g. a signal sent in that moment). */
  closingSubscription?: (input: { subscriptionId: string }) => Promise<void>;
  /** When `days` working days after `from` end (default: every day is a working day). */
  workingDays?: (from: string, days: number) => string;
  /** Activities that fail for good with this message, as a database refusing the data does (activities/data-errors.ts). */
  refuse?: Partial<Record<string, string>>;
}

export interface Stubs {
  activities: Activities;
  /** Every call in the order the worker ran them: [activity name, input]. */
  calls: Array<[string, unknown]>;
  tasks: Map<string, StubTask>;
  ended: Map<string, { status: string; reason?: string }>;
  /** Incidents by id: raised, then resolved (retry / cancel / withdrawn). */
  incidents: Map<string, { caseId: string; elementId: string; message: string; resolution?: string; actorId?: string | null }>;
}

const DAY = 24 * 60 * 60 * 1000;

export function createStubActivities(options: StubOptions = {}): Stubs {
  const calls: Array<[string, unknown]> = [];
  const tasks = new Map<string, StubTask>();
  const ended = new Map<string, { status: string; reason?: string }>();
  const incidents: Stubs['incidents'] = new Map();
  const task = (id: string) => {
    const t = tasks.get(id);
    if (!t) throw ApplicationFailure.nonRetryable(`stub: no task ${id}`);
    return t;
  };
  const record = <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
    async (...args: A): Promise<Awaited<R>> => {
      calls.push([name, args[0]]);
      const refused = options.refuse?.[name];
      if (refused) throw ApplicationFailure.create({ type: 'DataError', message: refused, nonRetryable: true });
      return await fn(...args);
    };
  const serviceTask = (type: string): ServiceTaskFn => record(type, async (input: ServiceTaskInput) => (await options.serviceTasks?.[type]?.(input)) ?? {});

  const activities: Activities = {
    // The writes of a batch land in `calls` one by one, as separate projections would.
    projectBatch: (writes: ProjectionWrite[]) => runProjectionBatch(activities, writes),
    projectCaseStarted: record('projectCaseStarted', () => undefined),
    // Message correlation across cases lives in PostgreSQL (test/integration/messages.test.ts); here nothing is buffered.
    openMessageSubscription: record('openMessageSubscription', () => null),
    closeMessageSubscription: record('closeMessageSubscription', async (input: { subscriptionId: string }) => void (await options.closingSubscription?.(input))),
    publishThrown: record('publishThrown', () => ({ started: 0, correlated: 0, buffered: false })),
    projectCaseMilestone: record('projectCaseMilestone', () => undefined),
    projectCaseMigrated: record('projectCaseMigrated', () => undefined),
    projectCaseEnded: record('projectCaseEnded', (c: Parameters<Activities['projectCaseEnded']>[0]) => void ended.set(c.caseId, { status: c.status, ...(c.reason ? { reason: c.reason } : {}) })),
    projectIncidentRaised: record('projectIncidentRaised', (i: Parameters<Activities['projectIncidentRaised']>[0]) => void incidents.set(i.id, { caseId: i.caseId, elementId: i.elementId, message: i.message })),
    projectIncidentResolved: record('projectIncidentResolved', (r: Parameters<Activities['projectIncidentResolved']>[0]) =>
      void Object.assign(incidents.get(r.incidentId) ?? {}, { resolution: r.action, actorId: r.actorId }),
    ),
    projectTaskOpened: record('projectTaskOpened', (t: TaskOpened) => void tasks.set(t.taskId, { ...t, status: 'open' })),
    projectTaskCompleted: record('projectTaskCompleted', (t: Parameters<Activities['projectTaskCompleted']>[0]) => void (task(t.taskId).status = 'completed')),
    projectTaskCancelled: record('projectTaskCancelled', (t: Parameters<Activities['projectTaskCancelled']>[0]) => void Object.assign(task(t.taskId), { status: 'cancelled', reason: t.reason })),
    projectTaskAssigned: record('projectTaskAssigned', (t: Parameters<Activities['projectTaskAssigned']>[0]) => void (task(t.taskId).assigneeId = t.assigneeId)),
    projectTaskEscalated: record('projectTaskEscalated', (t: Parameters<Activities['projectTaskEscalated']>[0]) => {
      const to = options.escalateTo?.(t.fromUnitId) ?? 'hq';
      Object.assign(task(t.taskId), { escalatedTo: to, unitId: to });
      return to;
    }),
    addWorkingDays: record('addWorkingDays', ({ from, days }: { from: string; days: number }) => options.workingDays?.(from, days) ?? new Date(Date.parse(from) + days * DAY).toISOString()),
    // No customer in the engine tests: the diagram's default limit.
    tierDueDate: record('tierDueDate', ({ from, defaultDays }: { from: string; defaultDays: number }) => new Date(Date.parse(from) + defaultDays * DAY).toISOString()),
    // Every known department is staffed here; anything else falls back to the 客服经理 (db/departments.ts).
    routeTaskToDepartment: record('routeTaskToDepartment', (r: Parameters<Activities['routeTaskToDepartment']>[0]) =>
      isDepartment(r.department) ? { department: r.department } : { department: typeof r.department === 'string' ? r.department : null, fallbackRoles: ['cs_manager'] },
    ),
    addWorkingHours: record('addWorkingHours', ({ from, hours }: { from: string; hours: number }) =>
      options.workingHours?.(from, hours) ?? new Date(Date.parse(from) + hours * 3_600_000).toISOString(),
    ),
    resolveLatestProcess: record('resolveLatestProcess', (key: string): ResolvedProcess => {
      const model = options.processes?.[key];
      if (!model) throw ApplicationFailure.nonRetryable(`No deployed process with key "${key}".`, 'ProcessNotDeployed');
      return { model, version: 1, forms: {} };
    }),
    // A scheduled start plans from the called processes, owned by zj.cs_manager in zj.
    planScheduledStart: record('planScheduledStart', (ref: Parameters<Activities['planScheduledStart']>[0]) => {
      const model = options.processes?.[ref.processKey];
      if (!model) throw ApplicationFailure.nonRetryable(`No deployed process with key "${ref.processKey}".`, 'NoTimerStart');
      return { model, version: 1, forms: {}, ownerId: 'zj.cs_manager', unitId: 'zj' };
    }),
    evaluateDecision: record('evaluateDecision', (input: EvaluateDecisionInput) => {
      const file = options.decisions?.find((d) => Object.hasOwn(d.decisions, input.decisionId));
      if (!file) throw ApplicationFailure.nonRetryable(`Decision "${input.decisionId}" is not deployed.`, 'DecisionNotDeployed');
      try {
        return { result: evaluateDecision(file, input.decisionId, input.variables).result, decisionKey: file.key, version: 1 };
      } catch (err) {
        if (err instanceof DecisionEvaluationError) throw ApplicationFailure.nonRetryable(err.message, 'DecisionEvaluationFailed');
        throw err;
      }
    }),
    // A stub answers whatever variables its test gives, not only those the shipped task declares.
    ...(Object.fromEntries(SERVICE_TASK_TYPES.map((type) => [type, serviceTask(type)])) as unknown as Pick<Activities, (typeof SERVICE_TASK_TYPES)[number]>),
  };
  return { activities, calls, tasks, ended, incidents };
}

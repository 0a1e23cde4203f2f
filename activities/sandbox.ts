import type { ActivityDeps } from './index';
import { createCalendarActivities } from './calendar';
import { createDecisionActivities } from './decisions';
import { createProcessActivities } from './processes';
import { createProjectionActivities } from './projection';

// 试运行 (issue 18 §8): the activities of the sandbox task queue. A played draft must write no
// case, task or trail row, notify nobody and touch no business data, so the set is built from an
// allow-list: only activities that merely read pass through; every other name the worker knows
// (projections, notifications, service tasks, message subscriptions, and any activity added
// later) answers as a no-op with the 模拟 result below. Safe by default, not by remembering.

/** A service task's 模拟 result: no variables; the played case carries on with what it has. */
const SIMULATED: Record<string, unknown> = {};

export function createSandboxActivities(deps: ActivityDeps, names: readonly string[]) {
  const calendar = createCalendarActivities(deps);
  const projection = createProjectionActivities(deps);
  const processes = createProcessActivities(deps);
  const reads = {
    addWorkingDays: calendar.addWorkingDays,
    addWorkingHours: calendar.addWorkingHours,
    routeTaskToDepartment: projection.routeTaskToDepartment,
    resolveLatestProcess: processes.resolveLatestProcess,
    evaluateDecision: createDecisionActivities({ ...deps, sandbox: true }).evaluateDecision,
    // The customer's tier rule is business data the played case has none of: the step's default days.
    tierDueDate: (i: { from: string; defaultDays: number }) => calendar.addWorkingDays({ from: i.from, days: i.defaultDays }),
    // Nothing was buffered for a sandbox; a sandbox's waits are reached by its owner only.
    openMessageSubscription: async () => null,
    publishThrown: async () => ({ started: 0, correlated: 0, buffered: false }),
  } satisfies Record<string, (...args: never[]) => Promise<unknown>>;
  const activities: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const name of names) activities[name] = async () => SIMULATED;
  // A batch of projections (workflows/bpmn/projection-batch.ts) answers as each of its writes would.
  activities.projectBatch = async (writes: readonly unknown[]) => writes.map(() => SIMULATED);
  return { ...activities, ...reads };
}

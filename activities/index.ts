import type { Db } from '../db/pool';
import { createCalendarActivities } from './calendar';
import { createDecisionActivities } from './decisions';
import { failFastOnDataErrors } from './data-errors';
import { createMessageActivities } from './messages';
import { createProcessActivities } from './processes';
import { createProjectionActivities } from './projection';
import { createScheduledStartActivities } from './scheduled-starts';
import { createServiceTaskActivities } from './service-tasks';

export interface ActivityDeps {
  db: Db;
}

/** Every activity the worker registers, wired with its dependencies. */
export function createActivities(deps: ActivityDeps) {
  return failFastOnDataErrors({
    ...createProjectionActivities(deps),
    ...createCalendarActivities(deps),
    ...createProcessActivities(deps),
    ...createServiceTaskActivities(deps),
    ...createDecisionActivities(deps),
    ...createScheduledStartActivities(deps),
    ...createMessageActivities(deps),
  });
}

export type Activities = ReturnType<typeof createActivities>;

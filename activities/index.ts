import type { Db } from '../server/db/pool';
import { createProjectionActivities } from './projection';

export interface ActivityDeps {
  db: Db;
}

/** Every activity the worker registers, wired with its dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createProjectionActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;

import { describe, expect, it } from 'vitest';
import { SERVICE_TASK_TYPES } from '../bpmn/service-task-types';
import type { Db } from '../db/pool';
import { createServiceTaskActivities } from './service-tasks';

describe('service tasks', () => {
  it('implements exactly the types diagrams may name', () => {
    // The factory only captures db; no query runs while building the table.
    const implemented = Object.keys(createServiceTaskActivities({ db: {} as Db }));
    expect(implemented.sort()).toEqual([...SERVICE_TASK_TYPES].sort());
  });
});

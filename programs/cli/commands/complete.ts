import { createCaseRepository } from '../../../db/cases';
import { createProcessRepository } from '../../../db/processes';
import { createTaskRepository } from '../../../db/tasks';
import { createUserRepository } from '../../../db/users';
import { createTaskService } from '../../../server/services/task-service';
import { parseCommand } from '../args';
import { EXIT, loadUser, usageError, withDatabase, withTemporal } from '../context';
import { print } from '../output';
import type { Command } from './types';

function parseData(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    throw usageError(`complete: --data is not JSON (${(err as Error).message}).`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw usageError('complete: --data must be a JSON object, e.g. {"approved":true}.');
  return data as Record<string, unknown>;
}

export const complete: Command = async (args, config) => {
  const { values, positionals } = parseCommand(
    'complete',
    args,
    { user: { type: 'string' }, outcome: { type: 'string', default: 'complete' }, comment: { type: 'string' }, data: { type: 'string' } },
    { min: 1, max: 1, names: '<taskId>' },
  );
  // No default user: completing as admin would always be refused (tasks go to roles in a unit).
  if (values.user === undefined) throw usageError('complete: --user is required (the user who completes the task).');
  const username = values.user;
  const data = parseData(values.data);
  const cfg = config();
  return withDatabase(cfg, (db) =>
    withTemporal(cfg, async (temporal) => {
      const user = await loadUser(db, username);
      const service = createTaskService({
        temporal,
        tasks: createTaskRepository(db),
        users: createUserRepository(db),
        cases: createCaseRepository(db),
        processes: createProcessRepository(db),
      });
      const result = await service.complete(user, positionals[0]!, {
        outcome: values.outcome,
        ...(values.comment === undefined ? {} : { comment: values.comment }),
        ...(data ? { data } : {}),
      });
      print(`completed ${result.taskId} (${result.outcome}) at ${result.completedAt}`);
      return EXIT.ok;
    }),
  );
};

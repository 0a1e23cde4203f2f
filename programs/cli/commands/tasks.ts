import { createTaskRepository } from '../../../db/tasks';
import { parseCommand, positiveInt } from '../args';
import { EXIT, loadUser, usageError, withDatabase } from '../context';
import { print, shortTime, table } from '../output';
import type { Command } from './types';

export const tasks: Command = async (args, config) => {
  const { values } = parseCommand(
    'tasks',
    args,
    { user: { type: 'string', default: 'admin' }, status: { type: 'string', default: 'open' }, limit: { type: 'string' } },
    { min: 0, max: 0, names: '' },
  );
  const status = values.status;
  if (status !== 'open' && status !== 'completed') throw usageError(`tasks: --status must be open or completed, not "${status}".`);
  const limit = Math.min(positiveInt('tasks', 'limit', values.limit) ?? 50, 200);
  return withDatabase(config(), async (db) => {
    const user = await loadUser(db, values.user);
    // The "all" view: everything the user may see (admins and auditors: every task), as the console's.
    const { items: rows } = await createTaskRepository(db).list(user, { view: 'all', status, sort: 'created', limit });
    if (rows.length === 0) {
      print(`no ${status} tasks visible to ${user.username}`);
      return EXIT.ok;
    }
    print(
      table(
        ['ID', 'STATUS', 'NAME', 'CASE', 'ASSIGNEE', 'DUE'],
        rows.map((t) => [t.id, t.status, t.name, t.caseId, t.assigneeId ?? '-', shortTime(t.dueAt)]),
      ),
    );
    return EXIT.ok;
  });
};

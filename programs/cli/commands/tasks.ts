import { createTaskRepository } from '../../../db/tasks';
import { maskedTaskRows } from '../../../server/services/task-service';
import { parseCommand, positiveInt } from '../args';
import { EXIT, loadUser, usageError, withDatabase } from '../context';
import { say } from '../lang';
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
  if (status !== 'open' && status !== 'completed') throw usageError(say(`tasks：--status 只能是 open（待办）或 completed（已办），而不是“${status}”。`, `tasks: --status must be open or completed, not "${status}".`));
  const limit = Math.min(positiveInt('tasks', 'limit', values.limit) ?? 50, 200);
  return withDatabase(config(), async (db) => {
    const user = await loadUser(db, values.user);
    // The "all" view: everything the user may see (admins and auditors: every task), as the console's.
    const repo = createTaskRepository(db);
    const { items } = await repo.list(user, { view: 'all', status, sort: 'created', limit });
    if (items.length === 0) {
      print(say(`${user.displayName}（${user.username}）没有可见的${status === 'open' ? '待办' : '已办'}任务`, `no ${status} tasks visible to ${user.username}`));
      return EXIT.ok;
    }
    // A case's title only for those cleared for its customer, masked where the API masks it.
    const rows = await maskedTaskRows(repo, user, items);
    // Ids stay: the task id is what `complete` takes, the case id what `replay` takes; names beside them.
    print(
      table(
        say('任务编号|状态|名称|案例编号|案例|处理人|期限（北京时间）', 'ID|STATUS|NAME|CASE|TITLE|ASSIGNEE|DUE (China time)').split('|'),
        rows.map((t) => [t.id, say(t.status === 'open' ? '待办' : '已办', t.status), t.name, t.caseId, t.caseTitle, t.assigneeName ?? t.assigneeId ?? '-', shortTime(t.dueAt)]),
      ),
    );
    return EXIT.ok;
  });
};

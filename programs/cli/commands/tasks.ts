import { createTaskRepository, type TaskRepository, type TaskRow } from '../../../db/tasks';
import type { SessionUser } from '../../../db/users';
import { isRestricted, mayReadCustomer, MASKED_TITLE } from '../../../policy/confidentiality';
import { parseCommand, positiveInt } from '../args';
import { EXIT, loadUser, usageError, withDatabase } from '../context';
import { say } from '../lang';
import { print, shortTime, table } from '../output';
import type { Command } from './types';

/** A case's title only for those cleared for its customer (policy/confidentiality.ts), as the API shows it. */
async function withTitlesCleared(user: SessionUser, rows: TaskRow[], repo: TaskRepository): Promise<TaskRow[]> {
  if (!rows.some((r) => isRestricted(r.customerLevel))) return rows;
  const paths = await repo.unitPaths();
  return rows.map((r) => (r.customerLevel && r.customerUnitPath && !mayReadCustomer(user, r.customerLevel, r.customerUnitPath, (id) => paths.get(id)) ? { ...r, caseTitle: MASKED_TITLE } : r));
}

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
    const rows = await withTitlesCleared(user, items, repo);
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

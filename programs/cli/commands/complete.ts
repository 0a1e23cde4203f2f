import { createCaseRepository } from '../../../db/cases';
import { createProcessRepository } from '../../../db/processes';
import { createTaskRepository } from '../../../db/tasks';
import { createUserRepository } from '../../../db/users';
import { createTaskService } from '../../../server/services/task-service';
import { parseCommand } from '../args';
import { EXIT, loadUser, usageError, withDatabase, withTemporal } from '../context';
import { outcomeWord } from '../../../contract/outcome-words';
import { say } from '../lang';
import { print, shortTime } from '../output';
import type { Command } from './types';

function parseData(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    throw usageError(say(`complete：--data 不是有效的 JSON（${(err as Error).message}）。`, `complete: --data is not JSON (${(err as Error).message}).`));
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw usageError(say('complete：--data 须为 JSON 对象，例如 {"approved":true}。', 'complete: --data must be a JSON object, e.g. {"approved":true}.'));
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
  if (values.user === undefined) throw usageError(say('complete：必须给出 --user（办理任务的用户）。', 'complete: --user is required (the user who completes the task).'));
  const username = values.user;
  const data = parseData(values.data);
  const cfg = config();
  return withDatabase(cfg, (db) =>
    withTemporal(cfg, async (temporal) => {
      const user = await loadUser(db, username);
      const taskRows = createTaskRepository(db);
      const service = createTaskService({
        temporal,
        tasks: taskRows,
        users: createUserRepository(db),
        cases: createCaseRepository(db),
        processes: createProcessRepository(db),
      });
      const result = await service.complete(user, positionals[0]!, {
        outcome: values.outcome,
        ...(values.comment === undefined ? {} : { comment: values.comment }),
        ...(data ? { data } : {}),
      });
      // The step's name (from the diagram, never customer data) beside the id the user typed.
      const name = (await taskRows.findById(result.taskId))?.name;
      const at = shortTime(result.completedAt);
      print(
        say(
          `已办理${name ? `“${name}”` : '任务'}（${result.taskId}），结果：${outcomeWord(result.outcome, 'zh-CN')}，时间：${at}（北京时间）`,
          `completed ${name ? `"${name}" ` : ''}${result.taskId} (${outcomeWord(result.outcome, 'en')}) at ${at} China time`,
        ),
      );
      return EXIT.ok;
    }),
  );
};

import { ConfigError, loadConfig, type Config } from '../../server/config';
import { HttpProblem } from '../../server/http/problem';
import { CliError, EXIT } from './context';
import { httpProblemLines, print, printError } from './output';
import type { Command } from './commands/types';
import { langFromEnv, say, setLang } from './lang';

export const USAGE_EN = `Usage: shouwen <command> [options]

Commands:
  validate <file.bpmn|file.dmn> [--forms <dir>]
      Check a diagram or a DMN decision file offline (no database, no Temporal). With
      --forms, form references are checked against the *.form files of <dir>.
  decide <file.dmn> [--decision <id>] [--input <json>]
      Evaluate a decision offline against the input variables and print its result, the
      rules that matched and the decisions it required, as JSON.
  deploy <file.bpmn> --note <text> [--forms <dir>] [--user <name>]
  deploy <file.dmn> [--user <name>]
      Deploy a diagram as a new process version (forms: the shipped ones plus --forms) with
      its change note (required: what this version changes), or a DMN file as a new version
      of its decisions.
  start <processKey> [--business-key <key>] [--title <text>] [--version <n>] [--user <name>]
        [--customer <id>] [--var <name>=<value> ...]
      Start a case and print its id. --var values are JSON when they parse
      (42, true, '"text"', '[1,2]'), else plain strings.
  tasks [--user <name>] [--status open|completed] [--limit <n>]
      List the tasks the user may see (admin sees all), newest first; --status defaults
      to open, --limit to 50 (at most 200).
  complete <taskId> --user <name> [--outcome <outcome>] [--comment <text>] [--data <json>]
      Complete a task as the user; the outcome defaults to "complete".
  replay <workflowId>
  replay --file <history.json>
      Replay a case's event history against the current workflow code.
  verify-export <export.json>
      Check an audit export (审计 → 导出) offline, without database or Temporal: the hash
      chain recomputed entry by entry and the recorded history replayed on this checkout's
      workflow code; a verdict in Chinese names the first entry that does not match.
  doctor [--process <key>] [--repair] [--settle-ms <n>] [--query-timeout-ms <n>]
      Compare Temporal's view of every case (running or ended, open tasks, version) with the
      case and task rows and verify each audit chain; names every difference in Chinese and
      exits 1 if any. A difference is checked again after --settle-ms (3000) so one in flight
      is not reported. --repair rewrites the case and task rows from Temporal's state, then
      checks again (a broken audit chain is reported, never rewritten).
  calendar import <file.json> [--user <name>]
      Set business-calendar days (admins): a JSON list (or {"days": [...]}) of
      {"day": "2027-10-01", "kind": "holiday" | "workday", "note": "国庆节"}.
  calendar show <year>
      The year's public holidays, make-up working days and overrides.
  help
      Show this text.

--user defaults to admin (complete needs it given). Settings come from the environment:
DATABASE_URL (unset: the embedded PostgreSQL of \`npm start\` on SHOUWEN_PGLITE_PORT, 5433),
TEMPORAL_ADDRESS (127.0.0.1:TEMPORAL_PORT), TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE.

Language: Chinese by default; SHOUWEN_LANG=en prints everything in English (messages,
table headings, refusals). Times are China time (Asia/Shanghai), YYYY-MM-DD HH:mm.

Exit codes: 0 ok; 1 invalid diagram, refused request, replay divergence, an export that does not verify or a doctor difference;
2 usage error, unknown user or missing file; 3 database or Temporal not reachable.`;

export const USAGE_ZH = `用法：shouwen <命令> [选项]

命令：
  validate <file.bpmn|file.dmn> [--forms <目录>]
      离线检查流程图或 DMN 决策文件（不需要数据库和 Temporal）。给出 --forms 时，
      按 <目录> 中的 *.form 文件检查表单引用。
  decide <file.dmn> [--decision <id>] [--input <json>]
      离线按输入变量计算决策，以 JSON 输出结果、命中的规则和所依赖的决策。
  deploy <file.bpmn> --note <文字> [--forms <目录>] [--user <用户名>]
  deploy <file.dmn> [--user <用户名>]
      把流程图部署为新的流程版本（表单：系统自带的加上 --forms 中的），须附变更说明
      （本版本改了什么）；或把 DMN 文件部署为其决策的新版本。
  start <流程键> [--business-key <业务编号>] [--title <标题>] [--version <n>] [--user <用户名>]
        [--customer <客户编号>] [--var <名称>=<值> ...]
      发起案例并输出案例编号。--var 的值能按 JSON 解析时按 JSON（42、true、'"文本"'、
      '[1,2]'），否则按原文。
  tasks [--user <用户名>] [--status open|completed] [--limit <n>]
      列出该用户可见的任务（管理员可见全部），新任务在前；--status 默认 open（待办），
      --limit 默认 50（最多 200）。
  complete <任务编号> --user <用户名> [--outcome <结果>] [--comment <意见>] [--data <json>]
      以该用户身份办理任务；结果默认为 "complete"。
  replay <案例编号>
  replay --file <history.json>
      在当前流程代码上重放案例的执行历史。
  verify-export <export.json>
      离线核验审计导出文件（审计 → 导出）：逐条重新计算哈希链，并在本代码上重放记录的
      执行历史；用中文给出结论，并指出第一条不符的记录。
  doctor [--process <流程键>] [--repair] [--settle-ms <n>] [--query-timeout-ms <n>]
      比较 Temporal 中每个案例的状态（运行或结束、待办任务、版本）与数据库中的案例和任务
      记录，并校验每条审计链；逐条说明差异，有差异时退出码为 1。差异在 --settle-ms（3000）
      毫秒后再查一次，正在进行中的不算。--repair 按 Temporal 的状态重写案例和任务记录，
      然后再检查一次（审计链损坏只报告，从不重写）。
  calendar import <file.json> [--user <用户名>]
      设置工作日历（管理员）：JSON 列表（或 {"days": [...]}），每项为
      {"day": "2027-10-01", "kind": "holiday" | "workday", "note": "国庆节"}。
  calendar show <年份>
      该年的法定节假日、调休上班日和人工设置的日期。
  help
      显示本说明。

--user 默认为 admin（complete 必须给出）。设置来自环境变量：DATABASE_URL（未设置时使用
\`npm start\` 内嵌的 PostgreSQL，端口 SHOUWEN_PGLITE_PORT，默认 5433）、TEMPORAL_ADDRESS
（127.0.0.1:TEMPORAL_PORT）、TEMPORAL_NAMESPACE、TEMPORAL_TASK_QUEUE。

语言：默认中文；设置 SHOUWEN_LANG=en 时全部以英文输出（提示、表头、拒绝原因）。
时间一律为北京时间（Asia/Shanghai），格式 YYYY-MM-DD HH:mm。

退出码：0 成功；1 流程图无效、请求被拒绝、重放不一致、审计导出未通过核验或 doctor 发现差异；
2 用法错误、用户不存在或文件缺失；3 无法连接数据库或 Temporal。`;

/** The usage text in the CLI's language. */
export const usage = () => say(USAGE_ZH, USAGE_EN);

// Commands load lazily: `validate` and `help` should not pay for the Temporal and pg imports.
const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./commands/validate')).validate,
  decide: async () => (await import('./commands/decide')).decide,
  deploy: async () => (await import('./commands/deploy')).deploy,
  start: async () => (await import('./commands/start')).start,
  tasks: async () => (await import('./commands/tasks')).tasks,
  complete: async () => (await import('./commands/complete')).complete,
  replay: async () => (await import('./commands/replay')).replay,
  'verify-export': async () => (await import('./commands/verify-export')).verifyExport,
  calendar: async () => (await import('./commands/calendar')).calendar,
  doctor: async () => (await import('./commands/doctor')).doctor,
};

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...args] = argv;
  setLang('zh-CN');
  try {
    setLang(langFromEnv(env));
  } catch (err) {
    printError((err as Error).message);
    return EXIT.usage;
  }
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    print(usage());
    return EXIT.ok;
  }
  const load = COMMANDS[name];
  if (!load) {
    printError([say(`没有命令“${name}”。`, `Unknown command "${name}".`), '', usage()]);
    return EXIT.usage;
  }
  if (args.includes('--help') || args.includes('-h')) {
    print(usage());
    return EXIT.ok;
  }
  let config: Config | undefined;
  // Read on first use, so `validate` works even with an unrelated bad variable in the environment.
  const getConfig = () => (config ??= loadConfig(env));
  try {
    return await (await load())(args, getConfig);
  } catch (err) {
    if (err instanceof CliError) {
      printError(err.message);
      return err.exitCode;
    }
    if (err instanceof ConfigError) {
      printError(err.message);
      return EXIT.usage;
    }
    if (err instanceof HttpProblem) {
      printError(httpProblemLines(err));
      return EXIT.failed;
    }
    // A person reads this: the message, not a stack trace (SHOUWEN_DEBUG=1 shows it for a bug report).
    const detail = err instanceof Error ? (env.SHOUWEN_DEBUG === '1' ? (err.stack ?? err.message) : err.message) : String(err);
    const hint = say('（设置 SHOUWEN_DEBUG=1 可显示报告问题所需的详细信息）', '(SHOUWEN_DEBUG=1 shows the details for a bug report)');
    printError(`shouwen ${name}: ${detail}${env.SHOUWEN_DEBUG === '1' ? '' : `\n${hint}`}`);
    return EXIT.failed;
  }
}

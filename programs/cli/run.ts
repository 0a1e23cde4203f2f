import { ConfigError, loadConfig, type Config } from '../../server/config';
import { HttpProblem } from '../../server/http/problem';
import { CliError, EXIT } from './context';
import { httpProblemLines, print, printError } from './output';
import type { Command } from './commands/types';

export const USAGE = `Usage: shouwen <command> [options]

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

Exit codes: 0 ok; 1 invalid diagram, refused request, replay divergence, an export that does not verify or a doctor difference;
2 usage error, unknown user or missing file; 3 database or Temporal not reachable.`;

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
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    print(USAGE);
    return EXIT.ok;
  }
  const load = COMMANDS[name];
  if (!load) {
    printError([`Unknown command "${name}".`, '', USAGE]);
    return EXIT.usage;
  }
  if (args.includes('--help') || args.includes('-h')) {
    print(USAGE);
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
    printError(`shouwen ${name}: ${detail}${env.SHOUWEN_DEBUG === '1' ? '' : '\n(SHOUWEN_DEBUG=1 shows the details for a bug report)'}`);
    return EXIT.failed;
  }
}

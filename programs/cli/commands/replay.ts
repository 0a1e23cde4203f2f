import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { WORKFLOW_PRELOAD_MODULES, WORKFLOWS_PATH } from '../../../server/temporal/workflow-bundle';
import { parseCommand } from '../args';
import { CliError, EXIT, usageError, withTemporal } from '../context';
import { cliLang, say } from '../lang';
import { readText } from '../files';
import { print } from '../output';
import type { Command } from './types';

interface History {
  events?: unknown[] | null;
}

/** A history export as in test/replay/histories/*.json: the Temporal JSON plus the workflow ID beside it. */
async function historyFromFile(file: string): Promise<{ workflowId?: string; history: History }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readText(file));
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(say(`${file}：不是有效的 JSON（${(err as Error).message}）`, `${file}: not valid JSON (${(err as Error).message})`), EXIT.usage);
  }
  if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as History).events)) {
    throw new CliError(say(`${file}：不是执行历史文件（应为 {"workflowId": …, "events": […]}）。`, `${file}: not a workflow history (expected {"workflowId": …, "events": […]}).`), EXIT.usage);
  }
  const { workflowId, ...history } = parsed as History & { workflowId?: unknown };
  return { ...(typeof workflowId === 'string' ? { workflowId } : {}), history };
}

/** Core wraps the divergence ("[TMPRL1100] Nondeterminism error: …") in a debug dump of the failure. */
function divergence(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return /message: "((?:[^"\\]|\\.)*)"/.exec(message)?.[1] ?? message;
}

/** Replays a history on the workflow code of this checkout; the divergence, or null when it matches. */
export async function replayQuietly(history: unknown, workflowId: string): Promise<string | null> {
  try {
    // The bundler logs at INFO and Core warns about the failed task it replays; the error says it all.
    Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
  } catch {
    // already installed
  }
  try {
    await Worker.runReplayHistory({ workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: WORKFLOW_PRELOAD_MODULES } }, history, workflowId);
    return null;
  } catch (err) {
    return divergence(err);
  }
}

/**
 * A divergence as the CLI says it: in Chinese a sentence of its own, Temporal's words (English, the
 * evidence an auditor or a developer needs as they are) on a line of their own below it.
 */
export function replayFailedLines(events: number, failed: string): string[] {
  return [say(`重放不一致（${events} 个事件）：执行历史与当前流程代码不一致，案例无法按记录重演。`, `replay failed (${events} events): ${failed}`), ...(cliLang() === 'en' ? [] : [`  Temporal 原文：${failed}`])];
}

export const replay: Command = async (args, config) => {
  const { values, positionals } = parseCommand('replay', args, { file: { type: 'string' } }, { min: 0, max: 1, names: '<workflowId> or --file <history.json>' });
  let workflowId = positionals[0];
  let history: History;
  if (values.file !== undefined) {
    const loaded = await historyFromFile(values.file);
    history = loaded.history;
    // Task IDs derive from the workflow ID, so a wrong one would itself look like a divergence.
    workflowId ??= loaded.workflowId;
  } else {
    if (workflowId === undefined) throw usageError(say('replay：缺少 <workflowId> 或 --file <history.json>。', 'replay: missing <workflowId> or --file <history.json>.'));
    const id = workflowId;
    const cfg = config();
    history = await withTemporal(cfg, async (temporal) => {
      try {
        return await temporal.client.workflow.getHandle(id).fetchHistory();
      } catch (err) {
        // gRPC NOT_FOUND: the raw service error, fetchHistory does not wrap it.
        if ((err as { code?: unknown }).code === 5) throw new CliError(say(`命名空间 ${cfg.TEMPORAL_NAMESPACE} 中没有案例 ${id}。`, `No workflow ${id} in namespace ${cfg.TEMPORAL_NAMESPACE}.`), EXIT.failed);
        throw err;
      }
    });
  }
  const events = history.events?.length ?? 0;
  const failed = await replayQuietly(history, workflowId ?? 'replay');
  if (failed !== null) {
    print(replayFailedLines(events, failed));
    return EXIT.failed;
  }
  print(say(`重放一致（${events} 个事件）`, `replay ok (${events} events)`));
  return EXIT.ok;
};

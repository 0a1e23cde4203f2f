import { auditExportSchema, type AuditExport } from '../../../contract/audit';
import { fieldProblemText } from '../../../contract/problem-text';
import { firstChainBreak, type ChainBreak } from '../../../domain/audit-chain';
import { zodParams } from '../../../server/http/problem';
import { parseCommand } from '../args';
import { CliError, EXIT } from '../context';
import { readText } from '../files';
import { cliLang, say } from '../lang';
import { print, shortTime } from '../output';
import { replayQuietly } from './replay';
import type { Command } from './types';

// `shouwen verify-export <file>`: checks an audit export (审计 → 导出, or GET
// /api/cases/:id/audit/export) with nothing but the file and this checkout's workflow code: the
// hash chain is recomputed entry by entry and the recorded history is replayed. The verdicts the
// server wrote into the file are shown, never trusted.

async function load(file: string): Promise<AuditExport> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readText(file));
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(say(`${file}：不是有效的 JSON（${(err as Error).message}）`, `${file}: not valid JSON (${(err as Error).message})`), EXIT.usage);
  }
  const result = auditExportSchema.safeParse(parsed);
  if (!result.success) {
    // The first thing wrong, where and what, in the CLI's language (the API's words for a field problem), not zod's English.
    const issue = result.error.issues[0];
    const where = issue ? issue.path.join('.') || say('文件本身', 'the file itself') : '';
    const what = issue ? fieldProblemText({ message: issue.message, code: `zod.${issue.code}`, params: zodParams(issue as unknown as Record<string, unknown>) }, cliLang()) : '';
    throw new CliError(
      say(`${file}：不是首问审计导出文件（${issue ? `${where}：${what}` : '格式不符'}）`, `${file}: not a Shouwen audit export (${issue ? `${where}: ${what}` : 'wrong shape'})`),
      EXIT.usage,
    );
  }
  return result.data;
}

/** An audit entry's kind in words (the console's case page says these as sentences); a kind this checkout does not know is said by its family. */
const KIND_WORDS: Record<string, [zh: string, en: string]> = {
  'case.started': ['发起案例', 'case started'],
  'case.ended': ['案例结束', 'case ended'],
  'case.archived': ['案例归档', 'case archived'],
  'case.customer': ['确定客户', 'customer set'],
  'case.migrated': ['版本迁移', 'version migration'],
  'case.migrationUndone': ['撤销迁移', 'migration undone'],
  'case.migrationAbandoned': ['迁移未执行', 'migration abandoned'],
  'case.repaired': ['修复案例', 'case repaired'],
  'case.contentDestroyed': ['内容随档案销毁', 'content destroyed with the archive'],
  'case.historyDestroyed': ['执行历史随档案销毁', 'history destroyed with the archive'],
  'task.department': ['交由有关部门办理', 'task sent to a department'],
  'message.received': ['收到消息', 'message received'],
  'signal.received': ['收到信号', 'signal received'],
  milestone: ['到达里程碑', 'milestone reached'],
  'task.opened': ['生成任务', 'task opened'],
  'task.claimed': ['认领任务', 'task claimed'],
  'task.unclaimed': ['退回候选组', 'task unclaimed'],
  'task.delegated': ['转办任务', 'task delegated'],
  'task.assigned': ['指派任务', 'task assigned'],
  'task.completed': ['办理任务', 'task completed'],
  'task.cancelled': ['取消任务', 'task cancelled'],
  'task.escalated': ['超时升级', 'task escalated'],
  'task.dueByTier': ['按客户分类定时限', 'due date by customer tier'],
  'callback.coverage': ['回访抽样', 'call-back sampling'],
  'decision.evaluated': ['决策表判定', 'decision evaluated'],
  'incident.raised': ['发生故障', 'incident raised'],
  'incident.resolved': ['故障处理', 'incident resolved'],
  notification: ['发送通知', 'notification'],
};
const FAMILY_WORDS: Record<string, [zh: string, en: string]> = { case: ['案例记录', 'case entry'], task: ['任务记录', 'task entry'], incident: ['故障记录', 'incident entry'] };

function kindWords(kind: string): string {
  const words = KIND_WORDS[kind] ?? FAMILY_WORDS[kind.split('.')[0]!] ?? ['记录', 'entry'];
  return say(...words);
}

function chainBreakLine(x: AuditExport, b: ChainBreak): string {
  const e = x.trail.entries[b.index];
  const which = e
    ? say(`文件中第 ${b.index + 1} 条（原第 ${e.n} 条，${kindWords(e.kind)}，${shortTime(e.at)}）`, `entry ${b.index + 1} of the file (number ${e.n} of the case, ${kindWords(e.kind)}, ${shortTime(e.at)})`)
    : '';
  switch (b.reason) {
    case 'digest':
      return say(`${which}的内容与其哈希不符：该条记录已被修改`, `${which} does not match its hash: the entry was changed`);
    case 'link':
      return say(`${which}未接续前一条的哈希：其前的记录被删除、插入或调换了顺序`, `${which} does not follow the previous entry's hash: entries before it were removed, inserted or reordered`);
    case 'count':
      return say(
        `文件有 ${x.trail.entries.length} 条记录，导出时为 ${b.expected} 条：末尾的记录被删除或添加`,
        `the file holds ${x.trail.entries.length} entries, the export had ${b.expected}: entries at the end were removed or added`,
      );
    case 'head':
      return say('最后一条的哈希与导出时的链尾不符：末尾的记录被删除或替换', "the last entry's hash is not the chain's head at export: entries at the end were removed or replaced");
  }
}

const said = (ok: boolean) => (ok ? say('通过', 'passed') : say('未通过', 'failed'));

export const verifyExport: Command = async (args) => {
  const { positionals } = parseCommand('verify-export', args, {}, { min: 1, max: 1, names: '<export.json>' });
  const file = positionals[0]!;
  const x = await load(file);
  const lines = [
    say(
      `审计导出核验：${x.case.businessKey} ${x.case.title}（案例 ${x.case.id}，流程 ${x.case.processKey} 第 ${x.case.processVersion} 版，导出于 ${shortTime(x.exportedAt)}）`,
      `Audit export check: ${x.case.businessKey} ${x.case.title} (case ${x.case.id}, process ${x.case.processKey} version ${x.case.processVersion}, exported ${shortTime(x.exportedAt)})`,
    ),
  ];
  // The chain must be of this case: entries copied in from another case's export would chain too.
  const foreign = x.trail.entries.findIndex((e) => e.caseId !== x.case.id);
  const broken: ChainBreak | null = firstChainBreak(x.trail.entries, { count: x.trail.count, head: x.trail.head });
  let chainOk = broken === null && foreign < 0;
  const chainLine = (s: string) => say(`链校验：${s}`, `Hash chain: ${s}`);
  if (foreign >= 0) lines.push(chainLine(say(`未通过 — 文件中第 ${foreign + 1} 条属于另一个案例（${x.trail.entries[foreign]!.caseId}）`, `failed — entry ${foreign + 1} of the file belongs to another case (${x.trail.entries[foreign]!.caseId})`)));
  else if (broken) lines.push(chainLine(`${said(false)} — ${chainBreakLine(x, broken)}`));
  else lines.push(chainLine(say(`通过（${x.trail.entries.length} 条记录，逐条重新计算的哈希与记录一致）`, `passed (${x.trail.entries.length} entries, each hash recomputed and matching)`)));
  if (x.trail.entries.length === 0) {
    chainOk = false;
    lines.push(chainLine(say('未通过 — 文件中没有审计记录', 'failed — the file holds no audit entries')));
  }

  const events = x.history.events.length;
  const divergence = await replayQuietly(x.history, x.case.id);
  if (divergence === null) lines.push(say(`重放验证：通过（执行历史 ${events} 个事件在当前流程代码上重放，结果一致）`, `Replay: passed (the history's ${events} events replayed on this checkout's workflow code, same result)`));
  // Temporal's own words are the evidence, kept as they are on a line of their own (as `shouwen replay` does).
  else if (cliLang() === 'en') lines.push(`Replay: failed — the history (${events} events) does not match this checkout's workflow code: ${divergence}`);
  else lines.push(`重放验证：未通过 — 执行历史（${events} 个事件）与当前流程代码不一致，案例无法按记录重演`, `  Temporal 原文：${divergence}`);

  lines.push(say(`导出时服务器的结论：链校验${said(x.chain.verified)}，重放验证${said(x.replay.ok)}`, `The server's verdicts at export: hash chain ${said(x.chain.verified)}, replay ${said(x.replay.ok)}`));
  const ok = chainOk && divergence === null;
  lines.push(ok ? say('结论：核验通过 (verified)', 'Verdict: verified') : say('结论：核验未通过 (NOT verified)', 'Verdict: NOT verified'));
  print(lines);
  return ok ? EXIT.ok : EXIT.failed;
};

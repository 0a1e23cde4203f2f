import { auditExportSchema, type AuditExport } from '../../../contract/audit';
import { firstChainBreak, type ChainBreak } from '../../../domain/audit-chain';
import { parseCommand } from '../args';
import { CliError, EXIT } from '../context';
import { readText } from '../files';
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
    throw new CliError(`${file}：不是有效的 JSON（${(err as Error).message}）`, EXIT.usage);
  }
  const result = auditExportSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CliError(`${file}：不是首问审计导出文件（${issue ? `${issue.path.join('.') || '根'}: ${issue.message}` : '格式不符'}）`, EXIT.usage);
  }
  return result.data;
}

function chainBreakLine(x: AuditExport, b: ChainBreak): string {
  const e = x.trail.entries[b.index];
  const which = e ? `文件中第 ${b.index + 1} 条（原第 ${e.n} 条，${e.kind}，${shortTime(e.at)}）` : '';
  switch (b.reason) {
    case 'digest':
      return `${which}的内容与其哈希不符：该条记录已被修改`;
    case 'link':
      return `${which}未接续前一条的哈希：其前的记录被删除、插入或调换了顺序`;
    case 'count':
      return `文件有 ${x.trail.entries.length} 条记录，导出时为 ${b.expected} 条：末尾的记录被删除或添加`;
    case 'head':
      return '最后一条的哈希与导出时的链尾不符：末尾的记录被删除或替换';
  }
}

const said = (ok: boolean) => (ok ? '通过' : '未通过');

export const verifyExport: Command = async (args) => {
  const { positionals } = parseCommand('verify-export', args, {}, { min: 1, max: 1, names: '<export.json>' });
  const file = positionals[0]!;
  const x = await load(file);
  const lines = [`审计导出核验：${x.case.businessKey}（${x.case.id}，${x.case.processKey} 版本 ${x.case.processVersion}，导出于 ${shortTime(x.exportedAt)}）`];
  // The chain must be of this case: entries copied in from another case's export would chain too.
  const foreign = x.trail.entries.findIndex((e) => e.caseId !== x.case.id);
  const broken: ChainBreak | null = firstChainBreak(x.trail.entries, { count: x.trail.count, head: x.trail.head });
  let chainOk = broken === null && foreign < 0;
  if (foreign >= 0) lines.push(`链校验：未通过 — 文件中第 ${foreign + 1} 条属于另一个案例（${x.trail.entries[foreign]!.caseId}）`);
  else if (broken) lines.push(`链校验：未通过 — ${chainBreakLine(x, broken)}`);
  else lines.push(`链校验：通过（${x.trail.entries.length} 条记录，逐条重新计算的哈希与记录一致）`);
  if (x.trail.entries.length === 0) {
    chainOk = false;
    lines.push('链校验：未通过 — 文件中没有审计记录');
  }

  const events = x.history.events.length;
  const divergence = await replayQuietly(x.history, x.case.id);
  if (divergence === null) lines.push(`重放验证：通过（执行历史 ${events} 个事件在当前流程代码上重放，结果一致）`);
  else lines.push(`重放验证：未通过 — 执行历史（${events} 个事件）与当前流程代码不一致：${divergence}`);

  lines.push(`导出时服务器的结论：链校验${said(x.chain.verified)}，重放验证${said(x.replay.ok)}`);
  const ok = chainOk && divergence === null;
  lines.push(ok ? '结论：核验通过 (verified)' : '结论：核验未通过 (NOT verified)');
  print(lines);
  return ok ? EXIT.ok : EXIT.failed;
};

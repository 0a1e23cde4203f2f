import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditTrail, Case } from '../../../contract';
import { messages } from '../i18n/allMessages';
import { interpolate } from '../i18n/interpolate';
import { buildDictionary } from './dictionary';
import { auditExport, auditFileName, chainBadge, completedFromTrail, formatSeconds, replayOutcome, rowChainState, shortHash, sortedEntries, temporalUiHref } from './audit';

const HASH = '3f9a0c1b2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8';

const entry = (seq: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  seq,
  n: seq,
  kind: 'task.completed',
  taskId: null,
  actorId: 'zj.cs_agent',
  actorName: '张敏',
  assigneeName: null,
  at: `2026-11-23T08:00:0${seq}Z`,
  payload: {},
  hash: `${seq}`.repeat(64),
  prevHash: seq > 1 ? `${seq - 1}`.repeat(64) : null,
  ...over,
});

const kase = (over: Partial<Case>): Case => ({
  id: 'complaint/C-1',
  processKey: 'complaint',
  processVersion: 2,
  businessKey: 'C-1',
  title: '张先生 退货申请',
  status: 'running',
  initiatorId: 'zj.cs_agent',
  initiatorName: '张敏',
  ownerId: null,
  ownerName: null,
  unitId: 'zj',
  customerId: null,
  parentCaseId: null,
  variables: {},
  startedAt: '2026-11-23T08:00:00Z',
  endedAt: null,
  ...over,
});

describe('audit hashes', () => {
  it('shows the first 10 hex characters, or a dash without a hash', () => {
    expect(shortHash(HASH)).toBe('3f9a0c1b2d');
    expect(shortHash('abc')).toBe('abc');
    expect(shortHash(null)).toBe('—');
    expect(shortHash(undefined)).toBe('—');
  });

  it('sorts the trail by seq without touching the input', () => {
    const input = [entry(3), entry(1), entry(2)];
    expect(sortedEntries(input).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(input.map((e) => e.seq)).toEqual([3, 1, 2]);
  });
});

describe('chain verdict', () => {
  const zh = (b: ReturnType<typeof chainBadge>) => interpolate(messages['zh-CN'][b.key], b.vars);

  it('reads 审计链完整 (green) when verified', () => {
    const b = chainBadge({ verified: true, brokenAt: null });
    expect(b.color).toBe('success');
    expect(zh(b)).toBe('审计链完整');
  });

  it('names the entry where the chain breaks (red), by its number in the case', () => {
    const b = chainBadge({ verified: false, brokenAt: 7 });
    expect(b.color).toBe('error');
    expect(zh(b)).toBe('审计链在第 7 条断开');
    expect(interpolate(messages.en[b.key], b.vars)).toBe('Audit chain broken at entry 7');
  });

  it('still reads as broken when the server gives no position', () => {
    const b = chainBadge({ verified: false, brokenAt: null });
    expect(b.color).toBe('error');
    expect(zh(b)).toBe('审计链校验未通过');
  });

  it('says the per-case number, not the global sequence the server also reports', () => {
    const b = chainBadge({ verified: false, brokenAtSeq: 84, brokenAt: 2 } as AuditTrail);
    expect(zh(b)).toBe('审计链在第 2 条断开');
  });

  it('marks the broken row and everything after it', () => {
    const broken = { verified: false, brokenAtSeq: 3 };
    expect([1, 2, 3, 4, 5].map((seq) => rowChainState(seq, broken))).toEqual(['ok', 'ok', 'broken', 'unverified', 'unverified']);
    expect(rowChainState(9, { verified: true, brokenAtSeq: null })).toBe('ok');
    expect(rowChainState(1, { verified: false, brokenAtSeq: null })).toBe('unverified');
  });
});

describe('replay result', () => {
  it('says the replay matched, with the event count and duration', () => {
    const out = replayOutcome({ ok: true, events: 42, durationMs: 3170, divergence: null });
    expect(out.type).toBe('success');
    expect(interpolate(messages['zh-CN'][out.key], out.vars)).toBe('重放一致：42 个事件在当前流程代码上重新执行，结果相同');
    expect(interpolate(messages['zh-CN']['audit.replayDuration'], out.vars)).toBe('用时 3.2 秒');
    expect(out.detail).toBeUndefined();
  });

  it('carries the divergence text when it did not match', () => {
    const out = replayOutcome({ ok: false, events: 12, durationMs: 900, divergence: '  [TMPRL1100] Nondeterminism error: activity type mismatch \n' });
    expect(out.type).toBe('error');
    expect(out.key).toBe('audit.replayDiverged');
    expect(out.detail).toBe('[TMPRL1100] Nondeterminism error: activity type mismatch');
    expect(replayOutcome({ ok: false, events: 0, durationMs: 0, divergence: null }).detail).toBeUndefined();
  });

  it('formats seconds: one decimal below 10 s, whole above, never negative', () => {
    expect(formatSeconds(0)).toBe('0.0');
    expect(formatSeconds(1234)).toBe('1.2');
    expect(formatSeconds(12_600)).toBe('13');
    expect(formatSeconds(-50)).toBe('0.0');
  });
});

describe('links and export', () => {
  it('points at the Temporal UI of the embedded dev server, the id encoded', () => {
    expect(temporalUiHref('localhost', 'complaint/C-1')).toBe('http://localhost:8233/namespaces/default/workflows/complaint%2FC-1');
    expect(temporalUiHref('10.0.0.5', 'a b')).toBe('http://10.0.0.5:8233/namespaces/default/workflows/a%20b');
  });

  it('names the file after the business key, unsafe characters replaced', () => {
    expect(auditFileName('ZJ-2026-0001')).toBe('ZJ-2026-0001-audit.json');
    expect(auditFileName('a/b:c*?')).toBe('a_b_c__-audit.json');
    expect(auditFileName('  ')).toBe('case-audit.json');
  });

  it('exports the case, the verification and the entries oldest first', () => {
    const trail: AuditTrail = { entries: [entry(2), entry(1)], verified: false, brokenAtSeq: 2, brokenAt: 2 };
    const out = auditExport(kase({}), trail, new Date('2026-11-24T01:02:03Z'));
    expect(out.case).toEqual({
      id: 'complaint/C-1',
      businessKey: 'C-1',
      title: '张先生 退货申请',
      processKey: 'complaint',
      processVersion: 2,
      status: 'running',
      startedAt: '2026-11-23T08:00:00Z',
      endedAt: null,
    });
    expect(out.exportedAt).toBe('2026-11-24T01:02:03.000Z');
    expect(out.verification).toEqual({ verified: false, brokenAt: 2, brokenAtSeq: 2 });
    expect(out.entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(out.entries[0]).toEqual(entry(1));
    // Round-trips as JSON (what the download holds).
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
    expect(out).not.toHaveProperty('readable');
  });

  it('words the trail for people beside the recorded entries: names, China time, labels and formatted values (issue 12)', () => {
    const dict = buildDictionary([
      {
        id: 'f',
        components: [
          { type: 'number', key: 'compensationAmount', label: '补偿金额' },
          { type: 'select', key: 'responsibleDepartment', label: '责任部门', values: [{ value: 'quality', label: '质量部' }] },
          { type: 'checkbox', key: 'isValid', label: '投诉属实' },
          { type: 'datetime', key: 'promisedAt', label: '承诺处理期限', subtype: 'datetime' },
        ],
      },
    ]);
    const zhT = (key: string, vars: Record<string, string | number>) => interpolate(messages['zh-CN'][key as keyof (typeof messages)['zh-CN']], vars);
    const reader = {
      lang: 'zh-CN' as const,
      words: { system: '系统', unit: (id: string) => id },
      dict,
      taskName: () => '客服经理审批',
      say: (line: { key: string; vars: Record<string, string | number> }) => zhT(line.key, line.vars),
      outcome: (o: string) => (o === 'approve' ? '同意' : o),
      status: (s: string) => (s === 'running' ? '进行中' : s),
      process: (k: string, v: number) => `客户投诉 v${v}`,
    };
    const completed = entry(1, {
      taskId: 't1',
      actorId: 'zj.cs_manager',
      actorName: '浙江省服务中心 客服经理',
      at: '2026-12-02T13:37:07.930Z',
      payload: { outcome: 'approve', comment: '同意', data: { compensationAmount: 5000, responsibleDepartment: 'quality', isValid: true, promisedAt: '2026-12-05T02:00:00Z', note: 'x' } },
    });
    const engine = entry(2, { kind: 'task.opened', taskId: 't2', actorId: null, actorName: null });
    const out = auditExport(kase({ initiatorName: '浙江省服务中心 客服人员' }), { entries: [engine, completed], verified: true, brokenAtSeq: null, brokenAt: null }, new Date('2026-11-24T01:02:03Z'), reader);
    expect(out.entries).toEqual([completed, engine]);
    expect(out.readable!.case).toMatchObject({ process: '客户投诉 v2', status: '进行中', initiator: '浙江省服务中心 客服人员', startedAt: '2026-11-23 16:00', exportedAt: '2026-11-24 09:02' });
    expect(out.readable!.entries[0]).toEqual({
      n: 1,
      time: '2026-12-02 21:37',
      actor: '浙江省服务中心 客服经理',
      what: '浙江省服务中心 客服经理 处理了“客服经理审批”',
      step: '客服经理审批',
      outcome: '同意',
      note: '同意',
      data: { 补偿金额: '¥5,000.00', 责任部门: '质量部', 投诉属实: '是', 承诺处理期限: '2026-12-05 10:00', note: 'x' },
    });
    expect(out.readable!.entries[1]).toMatchObject({ actor: '系统' });
    expect(JSON.stringify(out.readable)).not.toMatch(/zj\.cs_|T\d{2}:\d{2}:\d{2}/);
  });
});

describe('diagram fallback', () => {
  it('counts completed user-task elements from the trail', () => {
    const trail = [
      entry(1, { kind: 'case.started' }),
      entry(2, { kind: 'task.opened', taskId: 't1', payload: { elementId: 'Review' } }),
      entry(3, { kind: 'task.completed', taskId: 't1', payload: { outcome: 'reject' } }),
      entry(4, { kind: 'task.opened', taskId: 't2', payload: { elementId: 'Review' } }),
      entry(5, { kind: 'task.completed', taskId: 't2', payload: { outcome: 'approve' } }),
      entry(6, { kind: 'task.opened', taskId: 't3', payload: { elementId: 'Refund' } }),
      entry(7, { kind: 'task.completed', taskId: 'unknown' }),
    ];
    expect(completedFromTrail(trail)).toEqual({ Review: 2 });
    expect(completedFromTrail([])).toEqual({});
  });
});

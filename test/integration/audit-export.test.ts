import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../programs/cli/spawn-cli';
import { startEngine, type Engine } from '../engine-harness';

// An auditor's export is checked with nothing but the file: the CLI runs with no database and no
// Temporal reachable, recomputes the chain and replays the history, and names what does not match.
describe('audit export checked offline by `shouwen verify-export`', () => {
  let e: Engine;
  let caseId: string;
  let tmp: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let exported: any;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'shouwen-export-'));
    e = await startEngine('audit-export');
    caseId = await e.start('zj.cs_agent', 'demo-approval');
    const [task] = await e.waitForTasks(caseId, ['Approve']);
    // Quotes, a line break, a backslash and Chinese: the digest hashes PostgreSQL's jsonb text of them.
    expect((await e.complete('zj.cs_manager', task!.id, { outcome: 'approve', comment: '同意 "按期" \\ 办理\n第二行' })).statusCode).toBe(200);
    await e.result(caseId);
    const res = await e.stack.app.inject({ method: 'GET', url: `/api/cases/${encodeURIComponent(caseId)}/audit/export`, headers: { cookie: await e.cookie('hq.auditor') } });
    expect(res.statusCode, res.body).toBe(200);
    exported = res.json();
  });
  afterAll(async () => {
    await e?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  // Nothing to reach: a check that needed the server or the database would fail here.
  const verify = async (content: unknown, name: string, env: Record<string, string> = {}) => {
    const file = join(tmp, `${name}.json`);
    await writeFile(file, JSON.stringify(content, null, 2));
    return runCli(['verify-export', file], { DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none', TEMPORAL_ADDRESS: '127.0.0.1:1', ...env });
  };
  const copy = () => structuredClone(exported);

  it('carries the trail with its hashes, the history and both verdicts', () => {
    expect(exported).toMatchObject({ format: 'shouwen.audit-export/1', case: { id: caseId }, chain: { verified: true, brokenAt: null }, replay: { ok: true, divergence: null } });
    expect(exported.trail.entries.map((x: { kind: string }) => x.kind)).toEqual(['case.started', 'task.opened', 'task.completed', 'case.ended']);
    expect(exported.trail.count).toBe(4);
    expect(exported.trail.head).toBe(exported.trail.entries[3].hash);
    expect(exported.trail.entries[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(exported.history.events.length).toBeGreaterThan(10);
  });

  it('an untouched export verifies offline', async () => {
    const run = await verify(exported, 'good');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('链校验：通过（4 条记录');
    expect(run.stdout).toContain('重放验证：通过');
    expect(run.stdout).toContain('结论：核验通过');
  });

  it('a changed comment fails, naming the entry', async () => {
    const x = copy();
    x.trail.entries[2].payload.comment = '驳回';
    const run = await verify(x, 'comment');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('链校验：未通过 — 文件中第 3 条（原第 3 条，办理任务，');
    expect(run.stdout).toContain('已被修改');
    expect(run.stdout).toContain('结论：核验未通过');
  });

  it('a removed entry fails, naming the entry after the gap', async () => {
    const x = copy();
    x.trail.entries.splice(1, 1);
    const run = await verify(x, 'removed');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('文件中第 2 条（原第 3 条，办理任务，');
    expect(run.stdout).toContain('未接续前一条的哈希');
  });

  it('a removed last entry fails by the count the export promised', async () => {
    const x = copy();
    x.trail.entries.pop();
    const run = await verify(x, 'truncated');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('文件有 3 条记录，导出时为 4 条');
  });

  it('reordered entries fail, naming the first out of place', async () => {
    const x = copy();
    [x.trail.entries[1], x.trail.entries[2]] = [x.trail.entries[2], x.trail.entries[1]];
    const run = await verify(x, 'reordered');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('文件中第 2 条（原第 3 条，办理任务，');
  });

  it('a file of the wrong shape is refused saying where and what, in Chinese; SHOUWEN_LANG=en says all of it in English', async () => {
    const x = copy();
    x.trail.count = '四';
    const run = await verify(x, 'shape');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('不是首问审计导出文件（trail.count：应为');
    expect(run.stderr).not.toMatch(/Invalid input|expected number/);

    const y = copy();
    y.trail.entries[2].payload.comment = '驳回';
    const en = await verify(y, 'comment-en', { SHOUWEN_LANG: 'en' });
    expect(en.code).toBe(1);
    expect(en.stdout).toContain('Hash chain: failed — entry 3 of the file (number 3 of the case, task completed,');
    expect(en.stdout).toContain('Verdict: NOT verified');
    // The first line names the case by its own (Chinese) title; every word of the CLI's own is English.
    expect(en.stdout.split('\n').slice(1).join('\n')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('a tampered history fails the replay while the chain still verifies', async () => {
    const x = copy();
    const scheduled = x.history.events.find((ev: { eventType: string }) => ev.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED');
    expect(scheduled).toBeDefined();
    scheduled.activityTaskScheduledEventAttributes.activityType.name = 'somethingElse';
    const run = await verify(x, 'history');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('链校验：通过');
    expect(run.stdout).toContain('重放验证：未通过');
  });

  it('is refused to a reader not cleared for the customer (the file would hold the data), and 404 to a stranger', async () => {
    const stranger = await e.stack.app.inject({ method: 'GET', url: `/api/cases/${encodeURIComponent(caseId)}/audit/export`, headers: { cookie: await e.cookie('gd.cs_manager') } });
    expect(stranger.statusCode).toBe(404);
    // C0001 is secret: its case's initiator, a 客服人员, reads the case masked, and gets no export.
    const secret = await e.start('zj.cs_agent', 'demo-approval', {}, { customerId: 'C0001' });
    const url = `/api/cases/${encodeURIComponent(secret)}/audit/export`;
    const agent = await e.stack.app.inject({ method: 'GET', url, headers: { cookie: await e.cookie('zj.cs_agent') } });
    expect(agent.statusCode).toBe(403);
    expect(agent.json()).toMatchObject({ code: 'audit.exportNotCleared' });
    const manager = await e.stack.app.inject({ method: 'GET', url, headers: { cookie: await e.cookie('zj.cs_manager') } });
    expect(manager.statusCode, manager.body).toBe(200);
    expect(manager.json().chain.verified).toBe(true);
  });
});

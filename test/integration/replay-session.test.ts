import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createReplayService } from '../../server/audit/replay-service';
import { openReplaySession, warmUpHistory, type ReplaySession } from '../../server/audit/replay-session';
import type { TemporalAccess } from '../../server/temporal/client';

// 重放验证 on one replay worker kept open (replay-session.ts) must say exactly what a fresh worker per
// history says (Worker.runReplayHistory, as test/integration/replay.test.ts does): every recorded
// history agrees, a tampered one diverges, and neither the order nor a divergence before changes a verdict.

const DIR = new URL('../replay/histories/', import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
function load(file: string): { workflowId: string; history: { events: Array<Record<string, unknown>> } } {
  const { workflowId, ...history } = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as { workflowId: string; events: Array<Record<string, unknown>> };
  return { workflowId, history };
}
function tampered() {
  const { workflowId, history } = load('form-data.json');
  return { workflowId, history: JSON.parse(JSON.stringify(history).replace('"name":"projectTaskOpened"', '"name":"projectSomethingElse"')) as typeof history };
}
const code = () => readFile(inject('workflowBundlePath'), 'utf8');

describe('the kept replay worker', () => {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // another test file installed it
  }
  let session: ReplaySession;
  beforeAll(() => {
    session = openReplaySession(code());
  });
  afterAll(async () => session?.close());

  it('replays the warm-up history (the interpreter runs its first workflow task) without a divergence', async () => {
    expect(await session.replay(warmUpHistory())).toBeUndefined();
  });

  it('agrees with a fresh worker on every recorded history, one after another on the same worker', async () => {
    for (const file of files) {
      const { workflowId, history } = load(file);
      expect(await session.replay({ workflowId, history }), file).toBeUndefined();
    }
  });

  it('finds the divergence a fresh worker finds, and the next history still replays clean', async () => {
    const bad = tampered();
    const fresh = await Worker.runReplayHistory({ workflowBundle: { code: await code() } }, bad.history, bad.workflowId).then(
      () => null,
      (err: Error) => err.name,
    );
    expect(fresh).toMatch(/Determinism/);
    const kept = await session.replay(bad);
    expect(kept?.name).toBe(fresh);
    expect(kept?.message).toMatch(/[Nn]ondetermin/);
    const { workflowId, history } = load('camunda-complaint.json');
    expect(await session.replay({ workflowId, history })).toBeUndefined();
  });
});

describe('the replay service on the kept worker', () => {
  // Temporal stands in as the recorded histories: the service fetches a case's history by its id (the workflow id).
  const good = load('camunda-complaint.json');
  const bad = tampered();
  const histories = new Map<string, unknown>([
    [good.workflowId, good.history],
    [bad.workflowId, bad.history],
  ]);
  const temporal = { client: { workflow: { getHandle: (id: string) => ({ fetchHistory: async () => histories.get(id) }) } } } as unknown as TemporalAccess;
  const service = createReplayService(temporal, undefined, code);
  afterAll(async () => service.close());

  it('warms up, then gives the same verdict on the first and the second verification of a case', async () => {
    await service.warm();
    const first = await service.replay(good.workflowId);
    const second = await service.replay(good.workflowId);
    expect(first).toMatchObject({ ok: true, divergence: null, events: 170 });
    expect(second).toMatchObject({ ok: first.ok, divergence: first.divergence, events: first.events });
  });

  it('says a tampered history diverged, first time and again, and still verifies a good one after', async () => {
    const first = await service.replay(bad.workflowId);
    const second = await service.replay(bad.workflowId);
    expect(first.ok).toBe(false);
    expect(first.divergence).toMatch(/[Nn]ondetermin/);
    expect(second).toMatchObject({ ok: false, divergence: first.divergence });
    expect(await service.replay(good.workflowId)).toMatchObject({ ok: true });
  });
});

import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, login, startTestApi, type TestStack } from '../helpers';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../engine-harness';

interface Received {
  event: string;
  data: Record<string, string>;
}

/** Opens /api/events over real HTTP and collects what arrives. */
async function openStream(baseUrl: string, cookie: string) {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/events`, { headers: { cookie }, signal: controller.signal });
  const received: Received[] = [];
  let ended = false;
  const reading = (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return void (ended = true);
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event) received.push({ event, data: JSON.parse(data ?? '{}') });
      }
    }
  })().catch(() => undefined);
  // The stream says it is up before anything else: from then on, events reach it.
  await eventually(async () => (received.some((r) => r.event === 'resync') ? true : undefined), 10_000, 'stream ready');
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    received,
    ended: () => ended,
    async close() {
      controller.abort();
      await reading;
    },
  };
}

async function listen(stack: TestStack): Promise<string> {
  await stack.app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(stack.app.server.address() as AddressInfo).port}`;
}

// Issue 19: a task completed by one user shows in another user's open inbox without a reload —
// pushed through PostgreSQL LISTEN/NOTIFY to every API process, and only to those who may see it.
describe('live events (/api/events)', () => {
  let e: Engine;
  let second: TestStack;
  let api1: string;
  let api2: string;
  beforeAll(async () => {
    e = await startEngine('live');
    // A second API process on the same database and task queue: horizontal scaling.
    // Its streams check their sessions every second instead of every 15 s (the sign-out test waits for one).
    second = await startTestApi(e.stack.temporal.taskQueue, undefined, { liveHeartbeatMs: 1_000 });
    [api1, api2] = [await listen(e.stack), await listen(second)];
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await e?.close();
  });

  it('ends a stream once its session is signed out', async () => {
    const cookie = await login(second.app, 'fj.cs_manager');
    const stream = await openStream(api2, cookie);
    try {
      expect((await second.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } })).statusCode).toBe(204);
      // Checked at the next heartbeat (1 s on this API).
      await eventually(async () => (stream.ended() ? true : undefined), 40_000, 'the stream to end');
    } finally {
      await stream.close();
    }
  }, 60_000);

  it('refuses a stream without a session', async () => {
    const res = await fetch(`${api2}/api/events`);
    expect(res.status).toBe(401);
    await res.body?.cancel();
  });

  it('a task completed through one API reaches the streams on another API of those who may see it, and no one else', async () => {
    const key = uniqueKey('live');
    const xml = bpmnXml(key, `<bpmn:startEvent id="s"/>${userTask('approve', { group: 'cs_manager,general_manager' })}<bpmn:endEvent id="e"/>${flow('f1', 's', 'approve')}${flow('f2', 'approve', 'e')}`);
    expect((await e.deploy(xml)).statusCode).toBe(201);

    const peer = await openStream(api2, await login(second.app, 'fj.general_manager')); // offered the same step
    const auditor = await openStream(api2, await login(second.app, 'hq.auditor')); // reads everything
    const otherUnit = await openStream(api2, await login(second.app, 'zj.cs_manager')); // another province
    const initiator = await openStream(api1, await login(e.stack.app, 'fj.cs_agent'));
    try {
      expect(peer.status).toBe(200);
      expect(peer.contentType).toMatch(/^text\/event-stream/);
      const caseId = await e.start('fj.cs_agent', key);
      const [task] = await e.waitForTasks(caseId, ['approve']);
      expect((await e.complete('fj.cs_manager', task!.id)).statusCode).toBe(200);
      await e.result(caseId);

      const completedSeen = (s: { received: Received[] }) => s.received.some((r) => r.event === 'task' && r.data.taskId === task!.id && r.data.caseId === caseId);
      // The completion is the task's last write: seen after it, the row is gone from a refetched inbox.
      await eventually(async () => (completedSeen(peer) ? true : undefined), 10_000, 'the task event on the peer stream');
      await eventually(async () => (completedSeen(auditor) ? true : undefined), 10_000, 'the task event on the auditor stream');
      // The initiator reads the case (case events) and gets the bell's notice of its end.
      await eventually(async () => (initiator.received.some((r) => r.event === 'notice') && initiator.received.some((r) => r.event === 'case' && r.data.caseId === caseId) ? true : undefined), 10_000, 'the initiator hears of the end');
      const inbox = await second.app.inject({ method: 'GET', url: '/api/tasks?view=group', headers: { cookie: await login(second.app, 'fj.general_manager') } });
      expect((inbox.json() as { items: Array<{ id: string }> }).items.map((t) => t.id)).not.toContain(task!.id);

      // A later case in zj, which the other-unit user does see, marks that their stream is live and caught up.
      const marker = await e.start('zj.cs_agent', key);
      await eventually(async () => (otherUnit.received.some((r) => r.data.caseId === marker) ? true : undefined), 10_000, 'the zj case on the zj stream');
      expect(otherUnit.received.filter((r) => r.data.caseId === caseId || r.data.taskId === task!.id)).toEqual([]);
      expect(otherUnit.received.some((r) => r.event === 'notice')).toBe(false);
      // The peer is not told of the zj case (another unit), nor of the initiator's notices.
      expect(peer.received.some((r) => r.data.caseId === marker)).toBe(false);
      expect(peer.received.some((r) => r.event === 'notice')).toBe(false);
      for (const s of [peer, auditor, otherUnit, initiator]) for (const r of s.received) expect(Object.keys(r.data).every((k) => k === 'caseId' || k === 'taskId')).toBe(true);
    } finally {
      await Promise.all([peer.close(), auditor.close(), otherUnit.close(), initiator.close()]);
    }
  });
});

import type { FastifyInstance } from 'fastify';
import { compileBpmn } from '../bpmn/compile';
import { buildApp } from '../server/app';
import { DEMO_PASSWORD } from '../programs/demo/demo-data';
import { createProcessRepository } from '../db/processes';
import { createTemporalAccess } from '../server/temporal/client';
import type { BenchStack } from './stack';
import { summary } from './stats';

// B2 — approve-to-next-task latency: from the HTTP request approving step 1 to step 2 being
// visible through the inbox API, at fixed arrival rates (open loop). Floor: an Update round trip
// that does nothing (the bench-baseline workflow's validator refuses it at once). Beside it, the
// push (issue 19): from the same request to the completion's event arriving on another window's
// /api/events stream of a user who sees the task — what makes an open inbox drop the row.

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:shouwen="http://shouwen.dev/schema/bpmn/1.0"';
const task = (id: string) =>
  `<bpmn:userTask id="${id}" shouwen:outcomes="approve,reject"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="cs_manager"/></bpmn:extensionElements></bpmn:userTask>`;
const xml = `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="bench"><bpmn:process id="bench-two-steps" isExecutable="true">
<bpmn:startEvent id="s"/>${task('first')}${task('second')}<bpmn:endEvent id="e"/>
<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="first"/><bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="second"/><bpmn:sequenceFlow id="f3" sourceRef="second" targetRef="e"/>
</bpmn:process></bpmn:definitions>`;

async function waitFor<T>(fn: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function runB2(b: BenchStack, quick: boolean) {
  const compiled = await compileBpmn(xml);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  await createProcessRepository(b.db).deploy({ key: 'bench-two-steps', name: 'bench', hash: compiled.model.hash, xml, model: compiled.model, forms: {}, deployedBy: null });
  const taskQueue = 'bench-b2';
  const worker = await b.worker(taskQueue);
  const temporal = createTemporalAccess({ address: b.stack.temporalAddress, namespace: 'default', taskQueue });
  const app: FastifyInstance = await buildApp({ db: b.db, temporal, logger: false });
  await app.ready();
  const cookieOf = async (u: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username: u, password: DEMO_PASSWORD } });
    return `sw_session=${res.cookies.find((c) => c.name === 'sw_session')!.value}`;
  };
  const agent = await cookieOf('zj.cs_agent');
  const manager = await cookieOf('zj.cs_manager');
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const pushed = await watchEvents(`${base}/api/events`, await cookieOf('zj.cs_manager'));

  const openTask = (caseId: string, elementId: string) =>
    waitFor(async () => {
      const { rows } = await b.db.query<{ id: string }>(`SELECT id FROM task WHERE case_id = $1 AND element_id = $2 AND status = 'open'`, [caseId, elementId]);
      return rows[0]?.id;
    });

  const rates = quick ? [1, 5, 10] : [1, 5, 10, 20];
  const seconds = quick ? 5 : 15;
  const results: Array<Record<string, unknown>> = [];
  for (const rate of rates) {
    const n = rate * seconds;
    // Prepare n cases waiting at their first step.
    const cases: Array<{ caseId: string; first: string }> = [];
    for (let i = 0; i < n; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: agent }, payload: { processKey: 'bench-two-steps', title: 'B2' } });
      const caseId = res.json().id as string;
      cases.push({ caseId, first: await openTask(caseId, 'first') });
    }
    const latencies: number[] = [];
    const pushLatencies: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      cases.map(async (c, i) => {
        const due = t0 + (i * 1000) / rate;
        await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
        const start = performance.now();
        const res = await app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(c.first)}/complete`, headers: { cookie: manager }, payload: { outcome: 'approve' } });
        if (res.statusCode !== 200) throw new Error(res.body);
        await waitFor(async () => {
          const inbox = await app.inject({ method: 'GET', url: `/api/tasks?view=group&q=${encodeURIComponent(c.caseId.split('/')[1]!)}`, headers: { cookie: manager } });
          return (inbox.json().items as Array<{ elementId: string }>).some((t) => t.elementId === 'second') ? true : undefined;
        });
        latencies.push(performance.now() - start);
        pushLatencies.push((await waitFor(async () => pushed.arrivals.get(c.first)?.find((at) => at >= start))) - start);
      }),
    );
    // Floor: an Update that the validator refuses immediately, on a running case, same server.
    const floor: number[] = [];
    const h = b.temporal.client.workflow.getHandle(cases[0]!.caseId);
    for (let i = 0; i < Math.min(50, n * 2); i++) {
      const s = performance.now();
      await h.executeUpdate('claimTask', { args: [{ taskId: 'no-such-task', userId: 'zj.cs_manager' }] }).catch(() => undefined);
      floor.push(performance.now() - s);
    }
    const row = { approvalsPerSec: rate, latencyMs: summary(latencies), noopUpdateFloorMs: summary(floor), pushedMs: summary(pushLatencies) };
    results.push(row);
    console.log(`[B2] ${rate}/s: approve→next task p50 ${row.latencyMs.p50} ms p99 ${row.latencyMs.p99} ms (floor p50 ${row.noopUpdateFloorMs.p50} ms); approve→event pushed p50 ${row.pushedMs.p50} ms p99 ${row.pushedMs.p99} ms`);
  }
  pushed.close();
  await app.close();
  await temporal.close();
  await worker.stop();
  return results;
}

/** An /api/events stream, noting when each task's events arrive. */
async function watchEvents(url: string, cookie: string) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { cookie }, signal: controller.signal });
  const arrivals = new Map<string, number[]>();
  void (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const data = /^data: (.*)$/m.exec(buffer.slice(0, cut))?.[1];
        buffer = buffer.slice(cut + 2);
        const taskId = data ? (JSON.parse(data) as { taskId?: string }).taskId : undefined;
        if (taskId) arrivals.set(taskId, [...(arrivals.get(taskId) ?? []), performance.now()]);
      }
    }
  })().catch(() => undefined);
  return { arrivals, close: () => controller.abort() };
}

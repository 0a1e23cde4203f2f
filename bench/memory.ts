import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileBpmn } from '../bpmn/compile';
import { buildApp } from '../server/app';
import { DEMO_PASSWORD } from '../programs/demo/demo-data';
import { createProcessRepository } from '../db/processes';
import { createTemporalAccess } from '../server/temporal/client';
import { startChild } from './child';
import type { BenchStack } from './stack';
import { pool, round } from './stats';

// Memory — the worker's RSS (its own process, the product's worker options) with N cases waiting
// at a user task, started through the API. API RSS under load is measured in B4.

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';
const xml = `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="bench"><bpmn:process id="bench-waiting" isExecutable="true">
<bpmn:startEvent id="s"/><bpmn:userTask id="wait"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="cs_manager"/></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="e"/>
<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait"/><bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="e"/>
</bpmn:process></bpmn:definitions>`;

export async function runMemory(b: BenchStack, quick: boolean) {
  const compiled = await compileBpmn(xml);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  await createProcessRepository(b.db).deploy({ key: 'bench-waiting', name: 'bench', hash: compiled.model.hash, xml, model: compiled.model, forms: {}, deployedBy: null });
  const taskQueue = 'bench-memory';
  const bundle = join(tmpdir(), `shouwen-bench-workflows-${process.pid}.js`);
  writeFileSync(bundle, b.workflowCode);
  const worker = await startChild<{ maxCachedWorkflows: number }>(new URL('./worker-process.ts', import.meta.url).pathname, {
    BENCH_DATABASE_URL: b.stack.databaseUrl,
    BENCH_TEMPORAL_ADDRESS: b.stack.temporalAddress,
    BENCH_TASK_QUEUE: taskQueue,
    BENCH_WORKFLOW_BUNDLE: bundle,
  });
  const temporal = createTemporalAccess({ address: b.stack.temporalAddress, namespace: 'default', taskQueue });
  const app = await buildApp({ db: b.db, temporal, logger: false });
  await app.ready();
  try {
    const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'zj.cs_agent', password: DEMO_PASSWORD } });
    const cookie = `sw_session=${login.cookies.find((c) => c.name === 'sw_session')!.value}`;
    const waiting = async () => Number((await b.db.query(`SELECT count(*) AS n FROM task t JOIN process_case c ON c.id = t.case_id WHERE c.process_key = 'bench-waiting' AND t.status = 'open'`)).rows[0].n);
    await new Promise((r) => setTimeout(r, 2000));
    const idleRssMiB = await worker.rssMiB();
    const points: Array<{ waitingCases: number; workerRssMiB: number; startsPerSec: number }> = [];
    let started = 0;
    for (const target of quick ? [200, 1000] : [1000, 10_000]) {
      const t0 = performance.now();
      const n = target - started;
      await pool(n, 8, async () => {
        const res = await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie }, payload: { processKey: 'bench-waiting', title: 'memory' } });
        if (res.statusCode !== 201) throw new Error(`start: ${res.statusCode} ${res.body}`);
      });
      started = target;
      const deadline = Date.now() + 300_000;
      while ((await waiting()) < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      const startsPerSec = round(n / ((performance.now() - t0) / 1000), 1);
      await new Promise((r) => setTimeout(r, 2000)); // let the worker settle
      const point = { waitingCases: await waiting(), workerRssMiB: await worker.rssMiB(), startsPerSec };
      points.push(point);
      console.log(`[memory] ${point.waitingCases} waiting cases: worker RSS ${point.workerRssMiB} MiB (${startsPerSec} cases started and waiting per second)`);
    }
    const [a, z] = [points[0]!, points.at(-1)!];
    return {
      workerMaxCachedWorkflows: worker.ready.maxCachedWorkflows,
      idleWorkerRssMiB: idleRssMiB,
      points,
      kibPerWaitingCase: round(((z.workerRssMiB - a.workerRssMiB) * 1024) / Math.max(1, z.waitingCases - a.waitingCases), 1),
    };
  } finally {
    await app.close();
    await temporal.close();
    await worker.stop();
  }
}

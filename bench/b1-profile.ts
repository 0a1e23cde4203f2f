import { writeFileSync } from 'node:fs';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { BpmnProcessInput } from '../workflows/bpmn/messages';
import { approve, listenForTasks, newCounts } from './b1-approver';
import { BENCH_XML, ONE_APPROVAL_XML } from './b1-diagram';
import { deploy, historyAnatomy, updateSender } from './b1-engine';
import { startBenchStack } from './stack';
import { cpuSnapshot, cpuSplit } from './proc-cpu';
import { pool, round } from './stats';
import { PATCH_LEVEL } from '../workflows/bpmn/patch-level';

// `node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/b1-profile.ts [--variant=engine|oneApproval]
//   [--concurrency=8] [--cases=200] [--warmup=40]`: B1's engine case alone, many cases at one
// concurrency after a warm-up, for a CPU profile of the worker (main thread and the workflow
// thread each write a .cpuprofile). Prints cases/s and the process's CPU per case (worker, client
// and approver: the same process as B1's figures), and writes DIR/window.json: the measured window
// on the monotonic clock, for `bench/cpu-profile.ts --window=DIR/window.json`.

const arg = (name: string, dflt: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const variant = arg('variant', 'engine');
const concurrency = Number(arg('concurrency', '8'));
const cases = Number(arg('cases', '200'));
const warmup = Number(arg('warmup', '40'));
const dir = process.execArgv.find((a) => a.startsWith('--cpu-prof-dir='))?.split('=')[1];

const b = await startBenchStack();
try {
  const model = await deploy(b, variant === 'oneApproval' ? ONE_APPROVAL_XML : BENCH_XML);
  const taskQueue = 'bench-b1-profile';
  const worker = await b.worker(taskQueue);
  const counts = newCounts();
  const arrivals = await listenForTasks(b.db, counts);
  const sender = updateSender(b);
  let serial = 0;
  const runCase = async () => {
    const businessKey = `P-${process.pid}-${serial++}`;
    const caseId = `${model.key}/${businessKey}`;
    const taskId = `${caseId}/approve/1`;
    const opened = arrivals.waitFor(taskId);
    const input: BpmnProcessInput = { model, processVersion: 1, forms: {}, businessKey, title: 'bench', initiatorId: 'zj.cs_agent', unitId: 'zj', variables: {}, startedAt: new Date().toISOString(), patchLevel: PATCH_LEVEL };
    const h = await b.temporal.client.workflow.start('bpmnProcess', { taskQueue, workflowId: caseId, args: [input] });
    await opened;
    await approve(sender, caseId, taskId, counts);
    await h.result();
  };
  await pool(warmup, concurrency, runCase);
  const from = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const procs0 = cpuSnapshot();
  const t0 = performance.now();
  await pool(cases, concurrency, runCase);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const split = cpuSplit(procs0, cpuSnapshot());
  const to = process.hrtime.bigint();
  const result = { variant, concurrency, cases, casesPerSec: round(cases / seconds), cpuMsPerCase: round((cpu.user + cpu.system) / 1000 / cases), userMsPerCase: round(cpu.user / 1000 / cases), systemMsPerCase: round(cpu.system / 1000 / cases) };
  console.log('[B1 profile]', result);
  console.log('[B1 profile] CPU ms per case by process:', Object.fromEntries(Object.entries(split).map(([k, v]) => [k, round(v / cases)])));
  if (dir) writeFileSync(`${dir}/window.json`, JSON.stringify({ fromUs: Number(from / 1000n), toUs: Number(to / 1000n), ...result }));
  // One case's history: how many workflow tasks and activities each case cost the server.
  const last = `${model.key}/P-${process.pid}-${serial - 1}`;
  const history = await b.temporal.client.workflow.getHandle(last).fetchHistory();
  console.log('[B1 profile] one case:', historyAnatomy((JSON.parse(historyToJSON(history)) as { events: Array<{ eventType?: string }> }).events));
  // Every measured case: workflow tasks timed out or failed under this concurrency (work done twice).
  const total: Record<string, number> = {};
  for (let i = serial - cases; i < serial; i++) {
    const h = await b.temporal.client.workflow.getHandle(`${model.key}/P-${process.pid}-${i}`).fetchHistory();
    for (const [k, v] of Object.entries(historyAnatomy((JSON.parse(historyToJSON(h)) as { events: Array<{ eventType?: string }> }).events))) total[k] = (total[k] ?? 0) + v;
  }
  console.log('[B1 profile] all measured cases:', total);
  await arrivals.close();
  await worker.stop();
} finally {
  await b.close();
}
process.exit(0);

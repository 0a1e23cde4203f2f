import { setMaxListeners } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { createProcessRepository } from '../db/processes';
import type { BpmnProcessInput } from '../workflows/bpmn/messages';
import { approve, listenForTasks, newCounts, type UpdateSender } from './b1-approver';
import { BENCH_XML, chainXml, compileBenchDiagram, ONE_APPROVAL_XML } from './b1-diagram';
import type { BenchStack } from './stack';
import { cpuSnapshot, cpuSplit } from './proc-cpu';
import { pool, round } from './stats';
import { PATCH_LEVEL } from '../workflows/bpmn/patch-level';

// B1 — interpreter overhead: the same case as a BPMN diagram run by the engine (A) and as a
// hand-written workflow (B, workflows/bench-baseline.ts), same worker, alternating rounds. Beside
// them, the engine runs B6's one-approval case (no service tasks), which B6 divides by Flowable's.

/** Compiles and deploys one of B1's diagrams on the bench's database. */
export async function deploy(b: BenchStack, xml: string) {
  const model = await compileBenchDiagram(xml);
  const repo = createProcessRepository(b.db);
  await repo.deploy({ key: model.key, name: model.key, hash: model.hash, xml, model, forms: {}, deployedBy: null });
  return model;
}

const REPLAY_DEADLINE_MS = 60_000;
const MODEL_SIZE_DEADLINE_MS = 120_000;

/** `work`, or an error naming `what` once `ms` have passed without it settling. */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The approver's completeTask Updates through the bench's Temporal client. */
export function updateSender(b: BenchStack): UpdateSender {
  return {
    withDeadline: (deadline, fn) => b.temporal.client.withDeadline(deadline, fn),
    executeUpdate: (caseId, updateId, args) => b.temporal.client.workflow.getHandle(caseId).executeUpdate('completeTask', { updateId, args }),
  };
}

/** How long one round of n cases may take before B1 gives it up (at least 1 case/s, and a minute). */
export const roundBudgetMs = (cases: number) => Math.max(60_000, cases * 1_000);

/** What one case's history is made of: the round trips and activities behind a case/s figure. */
export function historyAnatomy(events: Array<{ eventType?: unknown }>) {
  const count = (type: string) => events.filter((e) => String(e.eventType) === type || String(e.eventType) === `EVENT_TYPE_${type}`).length;
  return {
    events: events.length,
    workflowTasks: count('WORKFLOW_TASK_COMPLETED'),
    activities: count('ACTIVITY_TASK_SCHEDULED'),
    markers: count('MARKER_RECORDED'),
    // Lost work: a workflow task handed out again (waited past its timeout, or failed).
    workflowTaskTimeouts: count('WORKFLOW_TASK_TIMED_OUT'),
    workflowTaskFailures: count('WORKFLOW_TASK_FAILED'),
  };
}

/** The engine's B1 case, its hand-written twin, and the engine on B6's one-approval case. */
type Variant = 'engine' | 'handwritten' | 'oneApproval';

export async function runB1(b: BenchStack, quick: boolean, onlyLevels?: number[]) {
  const model = await deploy(b, BENCH_XML);
  // The diagram each engine variant runs.
  const diagrams = { engine: model, oneApproval: await deploy(b, ONE_APPROVAL_XML) };
  const taskQueue = 'bench-b1';
  const worker = await b.worker(taskQueue);
  const counts = newCounts();
  const arrivals = await listenForTasks(b.db, counts);
  const sender = updateSender(b);
  try {
    return await measure();
  } finally {
    // A failed round must not leave the worker polling: the run would never exit.
    await arrivals.close();
    await worker.stop();
  }

  async function measure() {
    let serial = 0;
    const startedAt = () => new Date().toISOString();

    /** Cases started and not yet finished: what a round given up must terminate. */
    const inFlight = new Set<string>();
    const untilAborted = <T>(p: Promise<T>, signal?: AbortSignal) =>
      !signal
        ? p
        : new Promise<T>((resolve, reject) => {
            const abort = () => reject(signal.reason as Error);
            if (signal.aborted) return abort();
            signal.addEventListener('abort', abort, { once: true });
            p.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
          });

    const runCase = async (variant: Variant, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      const businessKey = `B1-${variant}-${process.pid}-${serial++}`;
      const caseId = `${variant === 'handwritten' ? 'bench-baseline' : diagrams[variant].key}/${businessKey}`;
      const taskId = `${caseId}/approve/1`;
      const opened = arrivals.waitFor(taskId, signal);
      // Rejected when the round is given up, maybe before this case gets to wait for it.
      opened.catch(() => undefined);
      inFlight.add(caseId);
      const h =
        variant !== 'handwritten'
          ? await b.temporal.client.workflow.start('bpmnProcess', {
              taskQueue,
              workflowId: caseId,
              args: [{ model: diagrams[variant], processVersion: 1, forms: {}, businessKey, title: 'bench', initiatorId: 'zj.cs_agent', unitId: 'zj', variables: {}, startedAt: startedAt(), patchLevel: PATCH_LEVEL } satisfies BpmnProcessInput],
            })
          : await b.temporal.client.workflow.start('benchBaseline', { taskQueue, workflowId: caseId, args: [{ businessKey, initiatorId: 'zj.cs_agent', unitId: 'zj', startedAt: startedAt() }] });
      await opened;
      await approve(sender, caseId, taskId, counts, signal);
      await untilAborted(h.result(), signal);
      inFlight.delete(caseId);
      return caseId;
    };

    /** n cases, c at a time, within roundBudgetMs; a round out of time terminates what it started. */
    const round_ = async (variant: Variant, n: number, c: number) => {
      const ac = new AbortController();
      // Every case in flight listens for the round's end.
      setMaxListeners(0, ac.signal);
      const budget = roundBudgetMs(n);
      let done = 0;
      const timer = setTimeout(() => ac.abort(new Error(`${variant}: ${done} of ${n} cases finished within ${budget / 1000} s`)), budget);
      const tick = setInterval(() => console.log(`[B1] concurrency ${c}, ${variant}: ${done}/${n} cases`), 30_000);
      try {
        await pool(n, c, async () => {
          await runCase(variant, ac.signal);
          done++;
        });
      } catch (err) {
        ac.abort(err);
        throw ac.signal.reason ?? err;
      } finally {
        clearTimeout(timer);
        clearInterval(tick);
        const left = [...inFlight];
        inFlight.clear();
        await Promise.all(left.map((id) => b.temporal.client.workflow.getHandle(id).terminate('B1: round given up').catch(() => undefined)));
      }
    };

    const levels = onlyLevels ?? (quick ? [1, 8] : [1, 8, 32, 128]);
    const throughput: Array<Record<string, number | string>> = [];
    for (const c of levels) {
      const n = quick ? Math.max(10, c * 2) : Math.max(40, c * 4);
      const row: Record<string, number | string> = { concurrency: c, cases: n };
      const before = { ...counts };
      try {
        for (const variant of ['handwritten', 'engine', 'oneApproval', 'handwritten', 'engine', 'oneApproval'] as const) {
          const cpu0 = process.cpuUsage();
          const procs0 = cpuSnapshot();
          const t0 = performance.now();
          await round_(variant, n, c);
          const seconds = (performance.now() - t0) / 1000;
          const cpu = process.cpuUsage(cpu0);
          const split = cpuSplit(procs0, cpuSnapshot());
          // The Temporal server and PostgreSQL share the cores: their CPU per case is part of a case's cost.
          row[`${variant}ServerCpuMsPerCase`] = Math.min(Number(row[`${variant}ServerCpuMsPerCase`] ?? Infinity), round(split['Temporal server'] / n));
          row[`${variant}PgCpuMsPerCase`] = Math.min(Number(row[`${variant}PgCpuMsPerCase`] ?? Infinity), round(split.PostgreSQL / n));
          // Two rounds per variant, alternating; keep the better of the two (least disturbed).
          row[`${variant}CasesPerSec`] = Math.max(Number(row[`${variant}CasesPerSec`] ?? 0), round(n / seconds));
          row[`${variant}CpuMsPerCase`] = Math.min(Number(row[`${variant}CpuMsPerCase`] ?? Infinity), round((cpu.user + cpu.system) / 1000 / n));
        }
        row.ratio = round(Number(row.engineCasesPerSec) / Number(row.handwrittenCasesPerSec), 3);
        row.updatesPerCase = round((counts.updates - before.updates) / (6 * n));
        console.log(`[B1] concurrency ${c}: engine ${row.engineCasesPerSec}/s, hand-written ${row.handwrittenCasesPerSec}/s, ratio ${row.ratio}; one-approval case ${row.oneApprovalCasesPerSec}/s`);
      } catch (err) {
        // One concurrency that cannot finish is recorded as such; the others still run.
        row.error = (err as Error).message;
        console.error(`[B1] concurrency ${c} given up: ${row.error}`);
      }
      throughput.push(row);
    }

    const events = { engine: 0, handwritten: 0 };
    const anatomy: Record<string, ReturnType<typeof historyAnatomy>> = {};
    for (const variant of ['engine', 'handwritten'] as const) {
      const caseId = await runCase(variant);
      const history = await b.temporal.client.workflow.getHandle(caseId).fetchHistory();
      anatomy[variant] = historyAnatomy((JSON.parse(historyToJSON(history)) as { events: Array<{ eventType?: string }> }).events);
      events[variant] = anatomy[variant].events;
    }

    const sizes: Array<Record<string, number>> = [];
    for (const n of quick ? [10, 100] : [10, 100, 1000]) {
      const key = `bench-chain-${n}`;
      const chain = await deploy(b, chainXml(key, n));
      const t0 = performance.now();
      const caseId = `${key}/${process.pid}-${serial++}`;
      const h = await b.temporal.client.workflow.start('bpmnProcess', {
        taskQueue,
        workflowId: caseId,
        args: [{ model: chain, processVersion: 1, forms: {}, businessKey: caseId.split('/')[1]!, title: 'bench', initiatorId: 'zj.cs_agent', unitId: 'zj', variables: {}, startedAt: startedAt() }],
      });
      try {
        // A case that stops (an incident waits for an operator) must not hold the run for ever.
        await withDeadline(h.result(), MODEL_SIZE_DEADLINE_MS, `the case of ${n + 2} elements`);
      } catch (err) {
        await h.terminate('B1: model-size case given up').catch(() => undefined);
        sizes.push({ elements: n + 2, ms: NaN, events: NaN, modelBytes: JSON.stringify(chain).length });
        console.log(`[B1] model of ${n + 2} elements given up: ${(err as Error).message}`);
        continue;
      }
      sizes.push({ elements: n + 2, ms: round(performance.now() - t0), events: (await h.describe()).historyLength, modelBytes: JSON.stringify(chain).length });
      console.log(`[B1] model of ${n + 2} elements: ${sizes.at(-1)!.ms} ms per case`);
    }

    // Replay cost of the committed histories. Each replay has a deadline: a full run once waited
    // here for ever after concurrency 128 (1 Dec, bench/results/2026-12-01T14-17-full-b1-stdout.md),
    // losing every figure above; now the step is recorded as failed and the run goes on.
    const dir = new URL('../test/replay/histories/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    const t0 = performance.now();
    let replay: { histories: number; msPerHistory: number } | { histories: number; error: string };
    try {
      for (const f of files) {
        const { workflowId, ...history } = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { workflowId: string };
        await withDeadline(Worker.runReplayHistory({ workflowBundle: { code: b.workflowCode } }, history, workflowId), REPLAY_DEADLINE_MS, `replaying ${f}`);
      }
      replay = { histories: files.length, msPerHistory: round((performance.now() - t0) / files.length) };
      console.log(`[B1] replay: ${replay.msPerHistory} ms per history (${files.length} histories)`);
    } catch (err) {
      replay = { histories: files.length, error: err instanceof Error ? err.message : String(err) };
      console.log(`[B1] replay failed: ${replay.error}`);
    }

    return { throughput, historyEventsPerCase: { ...events, ratio: round(events.engine / events.handwritten, 3) }, historyAnatomy: anatomy, approver: counts, modelSize: sizes, replay };
  }
}

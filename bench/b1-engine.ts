import { readdirSync, readFileSync } from 'node:fs';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { compileBpmn } from '../bpmn/compile';
import { createProcessRepository } from '../db/processes';
import type { BpmnProcessInput } from '../workflows/bpmn/messages';
import type { BenchStack } from './stack';
import { pool, round } from './stats';

// B1 — interpreter overhead: the same case as a BPMN diagram run by the engine (A) and as a
// hand-written workflow (B, workflows/bench-baseline.ts), same worker, alternating rounds.

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:shouwen="http://shouwen.dev/schema/bpmn/1.0"';
const flow = (id: string, a: string, b: string, c?: string) =>
  c ? `<bpmn:sequenceFlow id="${id}" sourceRef="${a}" targetRef="${b}"><bpmn:conditionExpression>${c}</bpmn:conditionExpression></bpmn:sequenceFlow>` : `<bpmn:sequenceFlow id="${id}" sourceRef="${a}" targetRef="${b}"/>`;
const svc = (id: string) => `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="noop"/></bpmn:extensionElements></bpmn:serviceTask>`;

const benchXml = `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="bench"><bpmn:process id="bench-engine" isExecutable="true">
<bpmn:startEvent id="s"/>${svc('a')}${svc('b')}${svc('c')}
<bpmn:userTask id="approve" shouwen:outcomes="approve,reject"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="cs_manager"/></bpmn:extensionElements></bpmn:userTask>
<bpmn:exclusiveGateway id="gw" default="no"/><bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
${flow('f1', 's', 'a')}${flow('f2', 'a', 'b')}${flow('f3', 'b', 'c')}${flow('f4', 'c', 'approve')}${flow('f5', 'approve', 'gw')}${flow('yes', 'gw', 'e1', '=outcome = &quot;approve&quot;')}${flow('no', 'gw', 'e2')}
</bpmn:process></bpmn:definitions>`;

function chainXml(key: string, scripts: number): string {
  const els = Array.from({ length: scripts }, (_, i) => `<bpmn:scriptTask id="t${i}"><bpmn:extensionElements><zeebe:script expression="=${i}" resultVariable="x"/></bpmn:extensionElements></bpmn:scriptTask>`);
  const ids = ['s', ...Array.from({ length: scripts }, (_, i) => `t${i}`), 'e'];
  const flows = ids.slice(1).map((id, i) => flow(`f${i}`, ids[i]!, id));
  return `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="bench"><bpmn:process id="${key}" isExecutable="true"><bpmn:startEvent id="s"/>${els.join('')}<bpmn:endEvent id="e"/>${flows.join('')}</bpmn:process></bpmn:definitions>`;
}

async function deploy(b: BenchStack, xml: string) {
  const compiled = await compileBpmn(xml);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  const repo = createProcessRepository(b.db);
  await repo.deploy({ key: compiled.model.key, name: compiled.model.key, hash: compiled.model.hash, xml, model: compiled.model, forms: {}, deployedBy: null });
  return compiled.model;
}

const isDeadlineExceeded = (err: unknown) => (err as { code?: number })?.code === 4 || /deadline/i.test(String((err as Error)?.message ?? ''));

/** Sends the approval as soon as the task is open (the validator refuses it until then). */
async function approve(b: BenchStack, caseId: string, taskId: string) {
  const handle = b.temporal.client.workflow.getHandle(caseId);
  for (;;) {
    try {
      // One update id per task: a retry after a lost reply is the same update, not a second one.
      // Bounded like the product's task actions: at concurrency 128 an Update was seen to wait
      // forever; the same update id is simply sent again.
      await b.temporal.client.withDeadline(Date.now() + 30_000, () =>
        handle.executeUpdate('completeTask', { updateId: `bench:${taskId}`, args: [{ taskId, userId: 'zj.cs_manager', outcome: 'approve' }] }),
      );
      return;
    } catch (err) {
      if (isDeadlineExceeded(err)) continue;
      // Under heavy load the reply can be lost after the update landed and the case ran to its end.
      if (err instanceof WorkflowNotFoundError && (await handle.describe()).status.name === 'COMPLETED') return;
      if (!(err instanceof WorkflowUpdateFailedError)) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

export async function runB1(b: BenchStack, quick: boolean) {
  const model = await deploy(b, benchXml);
  const taskQueue = 'bench-b1';
  const worker = await b.worker(taskQueue);
  try {
    return await measure();
  } finally {
    // A failed round must not leave the worker polling: the run would never exit.
    await worker.stop();
  }

  async function measure() {
    let serial = 0;
    const startedAt = () => new Date().toISOString();

    const runCase = async (variant: 'engine' | 'handwritten') => {
      const businessKey = `B1-${variant}-${process.pid}-${serial++}`;
      if (variant === 'engine') {
        const caseId = `bench-engine/${businessKey}`;
        const input: BpmnProcessInput = { model, processVersion: 1, forms: {}, businessKey, title: 'bench', initiatorId: 'zj.cs_agent', unitId: 'zj', variables: {}, startedAt: startedAt() };
        const h = await b.temporal.client.workflow.start('bpmnProcess', { taskQueue, workflowId: caseId, args: [input] });
        await approve(b, caseId, `${caseId}/approve/1`);
        await h.result();
        return caseId;
      }
      const caseId = `bench-baseline/${businessKey}`;
      const h = await b.temporal.client.workflow.start('benchBaseline', { taskQueue, workflowId: caseId, args: [{ businessKey, initiatorId: 'zj.cs_agent', unitId: 'zj', startedAt: startedAt() }] });
      await approve(b, caseId, `${caseId}/approve/1`);
      await h.result();
      return caseId;
    };

    const levels = quick ? [1, 8] : [1, 8, 32, 128];
    const throughput: Array<Record<string, number>> = [];
    for (const c of levels) {
      const n = quick ? Math.max(10, c * 2) : Math.max(40, c * 4);
      const row: Record<string, number> = { concurrency: c, cases: n };
      for (const variant of ['handwritten', 'engine', 'handwritten', 'engine'] as const) {
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        await pool(n, c, () => runCase(variant));
        const seconds = (performance.now() - t0) / 1000;
        const cpu = process.cpuUsage(cpu0);
        // Two rounds per variant, alternating; keep the better of the two (least disturbed).
        row[`${variant}CasesPerSec`] = Math.max(row[`${variant}CasesPerSec`] ?? 0, round(n / seconds));
        row[`${variant}CpuMsPerCase`] = Math.min(row[`${variant}CpuMsPerCase`] ?? Infinity, round((cpu.user + cpu.system) / 1000 / n));
      }
      row.ratio = round(row.engineCasesPerSec! / row.handwrittenCasesPerSec!, 3);
      throughput.push(row);
      console.log(`[B1] concurrency ${c}: engine ${row.engineCasesPerSec}/s, hand-written ${row.handwrittenCasesPerSec}/s, ratio ${row.ratio}`);
    }

    const events = { engine: 0, handwritten: 0 };
    for (const variant of ['engine', 'handwritten'] as const) {
      const caseId = await runCase(variant);
      events[variant] = (await b.temporal.client.workflow.getHandle(caseId).describe()).historyLength;
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
      await h.result();
      sizes.push({ elements: n + 2, ms: round(performance.now() - t0), events: (await h.describe()).historyLength, modelBytes: JSON.stringify(chain).length });
      console.log(`[B1] model of ${n + 2} elements: ${sizes.at(-1)!.ms} ms per case`);
    }

    // Replay cost of the committed histories.
    const dir = new URL('../test/replay/histories/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    const t0 = performance.now();
    for (const f of files) {
      const { workflowId, ...history } = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { workflowId: string };
      await Worker.runReplayHistory({ workflowBundle: { code: b.workflowCode } }, history, workflowId);
    }
    const replayMsPerHistory = round((performance.now() - t0) / files.length);
    console.log(`[B1] replay: ${replayMsPerHistory} ms per history (${files.length} histories)`);

    return { throughput, historyEventsPerCase: { ...events, ratio: round(events.engine / events.handwritten, 3) }, modelSize: sizes, replay: { histories: files.length, msPerHistory: replayMsPerHistory } };
  }
}

import { ActivityFailure, isCancellation, TimeoutFailure } from '@temporalio/workflow';
import { DEFAULT_JOB_TASK_QUEUE, JOB_WORKER_WAIT_SECONDS, type JobInput } from '../../../bpmn/job-worker';
import type { ServiceTaskElement } from '../../../bpmn/model';
import { jobActivity, jobAttempts } from '../activity-options';
import { bpmnErrorCode, ProcessIncident } from '../errors';
import type { Interpreter } from '../interpreter';
import { applyOutputs, mapInputs } from './io-mapping';

// A service task of a type Shouwen does not ship: a job for a team's own worker, which takes it
// as a Temporal activity named by the type from the job task queue (bpmn/job-worker.ts has the
// contract). No running case can have met one before this existed (the compiler refused such
// diagrams), so it needs no patch marker.

/** The queue: the task's own (shouwen:jobTaskQueue), else the deployment's, else the default. */
export const jobQueueOf = (engine: Interpreter, el: ServiceTaskElement): string => el.taskQueue ?? engine.input.jobTaskQueue ?? DEFAULT_JOB_TASK_QUEUE;

export async function runJob(engine: Interpreter, el: ServiceTaskElement): Promise<void> {
  const n = engine.occurrence(el.id);
  const queue = jobQueueOf(engine, el);
  const attempts = jobAttempts(el.retries);
  const waitSeconds = engine.input.jobWorkerWaitSeconds ?? JOB_WORKER_WAIT_SECONDS;
  const input: JobInput = {
    jobKey: `${engine.caseId}/${el.id}/${n}`,
    type: el.taskType,
    caseId: engine.caseId,
    processKey: engine.model.key,
    processVersion: engine.input.processVersion,
    businessKey: engine.input.businessKey,
    elementId: el.id,
    elementName: el.name ?? null,
    variables: mapInputs(engine, el.id, el.inputs),
    headers: el.headers ?? {},
    retries: attempts,
  };
  let result: unknown;
  try {
    result = await jobActivity(el.taskType, queue, el.retries, waitSeconds)(input);
  } catch (err) {
    // A BPMN error thrown by the worker goes to the error boundary; an interruption travels on.
    if (!(err instanceof ActivityFailure) || isCancellation(err) || bpmnErrorCode(err)) throw err;
    // Out of retries, or nobody took it: an incident on this step, in words an operator can act on.
    if (err.cause instanceof TimeoutFailure && err.cause.timeoutType === 'SCHEDULE_TO_START') {
      throw new ProcessIncident(el.id, `no job worker took job "${el.taskType}" from task queue "${queue}" within ${waitSeconds} s: is a worker for this type running on that queue?`);
    }
    throw new ProcessIncident(el.id, `job "${el.taskType}" failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${err.cause?.message ?? err.message}`);
  }
  if (result === null || result === undefined) result = {};
  if (typeof result !== 'object' || Array.isArray(result)) {
    throw new ProcessIncident(el.id, `job "${el.taskType}" returned ${Array.isArray(result) ? 'a list' : typeof result}; a job worker returns an object of variables`);
  }
  applyOutputs(engine, el.id, el.outputs, result as Record<string, unknown>);
}

import { Worker } from '@temporalio/worker';

// One replay worker kept open for the API process. `Worker.runReplayHistory` builds a worker (the
// bundle parsed into a fresh V8 context, a native replay worker) for every history and throws it
// away: on top of building the bundle, that made the first 重放验证 of a case take seconds. Here the
// worker is created once and fed histories one at a time through `runReplayHistories`; a warm-up
// history (one workflow task of a two-element process) runs the interpreter once before anyone asks.

export interface ReplayItem {
  history: unknown;
  workflowId: string;
}

/** A queue the replay worker reads from; it waits while empty and ends when closed. */
function channel<T>() {
  const items: T[] = [];
  const waiting: Array<(r: IteratorResult<T>) => void> = [];
  let closed = false;
  return {
    push(item: T) {
      const w = waiting.shift();
      if (w) w({ value: item, done: false });
      else items.push(item);
    },
    close() {
      closed = true;
      for (const w of waiting.splice(0)) w({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]: (): AsyncIterator<T> => ({
      next: () =>
        items.length ? Promise.resolve({ value: items.shift()!, done: false }) : closed ? Promise.resolve({ value: undefined, done: true }) : new Promise((resolve) => waiting.push(resolve)),
    }),
  };
}

export interface ReplaySession {
  /** Replays one history; resolves with the replay's error (a divergence), undefined when it agrees. Rejects if the worker itself failed. */
  replay(item: ReplayItem): Promise<Error | undefined>;
  close(): Promise<void>;
}

/** Opens a replay worker on the bundle `code` (one history at a time: callers queue). */
export function openReplaySession(code: Promise<string>): ReplaySession {
  const queue = channel<ReplayItem>();
  let results: AsyncIterator<{ error?: Error }> | undefined;
  let next: Promise<IteratorResult<{ error?: Error }>> | undefined;
  const ready = code.then((c) => {
    const replays = Worker.runReplayHistories({ workflowBundle: { code: c } }, queue);
    results = replays;
    // Asked at once, so the worker is built now and then waits for the first history.
    next = replays.next();
    next.catch(() => undefined);
  });
  return {
    async replay(item) {
      await ready;
      queue.push(item);
      const r = await next!;
      next = results!.next();
      next.catch(() => undefined);
      if (r.done) throw new Error('the replay worker stopped');
      return r.value.error;
    },
    async close() {
      queue.close();
      await ready.catch(() => undefined);
      await next?.catch(() => undefined);
    },
  };
}

const json = (value: unknown) => ({ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from(JSON.stringify(value)).toString('base64') });

/**
 * A case's first workflow task, as Temporal records it (started, task scheduled, task started), for a
 * start → end process: replaying it runs the interpreter up to its first command.
 */
export function warmUpHistory(): ReplayItem {
  const model = {
    key: 'replay-warm-up',
    hash: '0'.repeat(64),
    name: 'replay-warm-up',
    flows: { f1: { id: 'f1', source: 's', target: 'e' } },
    elements: { s: { id: 's', type: 'startEvent', incoming: [], outgoing: ['f1'] }, e: { id: 'e', kind: 'none', type: 'endEvent', incoming: ['f1'], outgoing: [] } },
    startEventId: 's',
    schemaVersion: 1,
  };
  const input = { model, processVersion: 1, forms: {}, businessKey: 'warm-up', title: 'warm-up', initiatorId: null, unitId: 'warm-up', customerId: null, variables: {}, startedAt: '2026-01-01T00:00:00.000Z' };
  const at = '2026-01-01T00:00:00Z';
  const queue = { name: 'replay-warm-up', kind: 'TASK_QUEUE_KIND_NORMAL' };
  return {
    workflowId: 'replay-warm-up/1',
    history: {
      events: [
        {
          eventId: '1',
          eventTime: at,
          eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
          workflowExecutionStartedEventAttributes: { workflowType: { name: 'bpmnProcess' }, taskQueue: queue, input: { payloads: [json(input)] }, workflowTaskTimeout: '10s', originalExecutionRunId: '00000000-0000-0000-0000-000000000001', firstExecutionRunId: '00000000-0000-0000-0000-000000000001', attempt: 1, workflowId: 'replay-warm-up/1' },
        },
        { eventId: '2', eventTime: at, eventType: 'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED', workflowTaskScheduledEventAttributes: { taskQueue: queue, startToCloseTimeout: '10s', attempt: 1 } },
        { eventId: '3', eventTime: at, eventType: 'EVENT_TYPE_WORKFLOW_TASK_STARTED', workflowTaskStartedEventAttributes: { scheduledEventId: '2', identity: 'warm-up', requestId: 'warm-up' } },
      ],
    },
  };
}

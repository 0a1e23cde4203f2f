import { status as GrpcStatus } from '@grpc/grpc-js';
import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { CaseNoAnswer, ranOutOfTime, queryCaseState } from './case-state';

/** A handle whose client enforces deadlines like the SDK's (a gRPC DEADLINE_EXCEEDED inside a ServiceError) and whose queries answer as scripted. */
function fakeHandle(answers: Array<'never' | 'state' | Error>) {
  let asked = 0;
  const handle = {
    client: {
      withDeadline: <T>(deadline: number, fn: () => Promise<T>) =>
        Promise.race([
          fn(),
          new Promise<never>((_, reject) => setTimeout(() => reject(Object.assign(new Error('Failed to query Workflow'), { cause: Object.assign(new Error('deadline'), { code: GrpcStatus.DEADLINE_EXCEEDED }) })), deadline - Date.now())),
        ]),
    },
    query: () => {
      const a = answers[asked++] ?? 'never';
      if (a === 'never') return new Promise(() => {});
      if (a instanceof Error) return Promise.reject(a);
      return Promise.resolve({ status: 'running', asked });
    },
  };
  return { handle: handle as unknown as WorkflowHandle, asked: () => asked };
}

describe('queryCaseState', () => {
  it('asks again when a query goes unanswered past its deadline, and returns the next answer', async () => {
    const { handle, asked } = fakeHandle(['never', 'state']);
    expect(await queryCaseState(handle, { timeoutMs: 20 })).toMatchObject({ status: 'running', asked: 2 });
    expect(asked()).toBe(2);
  });

  it('gives up after its attempts with CaseNoAnswer (the API answers 503), instead of hanging', async () => {
    const { handle, asked } = fakeHandle(['never', 'never', 'never']);
    const err = await queryCaseState(handle, { timeoutMs: 20, attempts: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaseNoAnswer);
    expect(ranOutOfTime((err as CaseNoAnswer).cause, Date.now())).toBe(true);
    expect(asked()).toBe(2);
  });

  it('asks again when the server gave up at the deadline first (CANCELLED), but not after a cancel before it', async () => {
    const serverGaveUp = Object.assign(new Error('Failed to query Workflow'), { cause: Object.assign(new Error('Call cancelled'), { code: GrpcStatus.CANCELLED }) });
    const late = fakeHandle(['never', 'state']);
    const lateHandle = late.handle as unknown as { client: { withDeadline: <T>(d: number, fn: () => Promise<T>) => Promise<T> } };
    lateHandle.client.withDeadline = (deadline) => new Promise((_, reject) => setTimeout(() => reject(serverGaveUp), deadline - Date.now() + 1)) as never;
    await expect(queryCaseState(late.handle, { timeoutMs: 20, attempts: 2 })).rejects.toMatchObject({ name: 'CaseNoAnswer', cause: serverGaveUp });
    expect(ranOutOfTime(serverGaveUp, Date.now() - 1)).toBe(true);
    expect(ranOutOfTime(serverGaveUp, Date.now() + 1_000)).toBe(false);
  });

  it('does not ask again after any other failure', async () => {
    const { handle, asked } = fakeHandle([new Error('workflow not found'), 'state']);
    await expect(queryCaseState(handle, { timeoutMs: 20 })).rejects.toThrow('workflow not found');
    expect(asked()).toBe(1);
  });
});

import { ApplicationFailure, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { TaskFailure } from '../workflows/bpmn/task-failures';
import { approve, newCounts, type UpdateSender } from './b1-approver';

const failed = (type: string, message: string) => new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message, nonRetryable: true }));

/** A sender that answers the Updates it receives with `answers`, in order, and records the update ids. */
function sender(answers: Array<() => unknown>) {
  const ids: string[] = [];
  const s: UpdateSender = {
    withDeadline: (_deadline, fn) => fn(),
    async executeUpdate(_caseId, updateId) {
      ids.push(updateId);
      const answer = answers.shift();
      if (!answer) throw new Error('sent once too often');
      return answer();
    },
  };
  return { s, ids };
}

describe('B1 approver', () => {
  it('sends the same update again while the task is not open yet, then stops', async () => {
    const { s, ids } = sender([() => { throw failed(TaskFailure.notOpen, 'task not open'); }, () => ({ outcome: 'approve' })]);
    const counts = newCounts();
    await approve(s, 'c/1', 'c/1/approve/1', counts);
    expect(ids).toEqual(['bench:c/1/approve/1', 'bench:c/1/approve/1']);
    expect(counts).toMatchObject({ updates: 2, notOpen: 1 });
  });

  it('resends after a deadline without an answer, however the SDK words it', async () => {
    const grpc = Object.assign(new Error('Deadline exceeded'), { code: 4 });
    // What a deadline passed while polling for the outcome becomes (seen at concurrency 128).
    const polling = new WorkflowUpdateRPCTimeoutOrCancelledError('Call cancelled', { cause: Object.assign(new Error('Call cancelled'), { code: 1 }) });
    const { s, ids } = sender([() => { throw grpc; }, () => { throw polling; }, () => ({ outcome: 'approve' })]);
    const counts = newCounts();
    await approve(s, 'c/1', 'c/1/approve/1', counts);
    expect(ids).toHaveLength(3);
    expect(counts.deadlines).toBe(2);
  });

  it('gives up on a final failure instead of resending it forever (the hang at concurrency 128)', async () => {
    // Temporal answers every resend of this update id with the same outcome: resending cannot help.
    const final = () => { throw failed('AcceptedUpdateCompletedWorkflow', 'Workflow Update failed because the Workflow completed before the Update completed.'); };
    const { s, ids } = sender([final, final, final]);
    await expect(approve(s, 'c/1', 'c/1/approve/1', newCounts())).rejects.toThrow(WorkflowUpdateFailedError);
    expect(ids).toHaveLength(1);
  });

  it('stops once its round is given up', async () => {
    const { s } = sender(Array.from({ length: 1000 }, () => () => { throw failed(TaskFailure.notOpen, 'task not open'); }));
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('round out of time')), 100);
    await expect(approve(s, 'c/1', 'c/1/approve/1', newCounts(), ac.signal)).rejects.toThrow('round out of time');
  });
});

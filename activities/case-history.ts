import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/common';
import { appendCaseEvent } from '../db/case-events';
import type { Db } from '../db/pool';

// The closed workflow of a destroyed archive's source case holds the same data as the case
// (every form's values are in its history), so the history is deleted through Temporal's workflow
// service (DeleteWorkflowExecution) once the case's own content is purged. Replay and the audit
// export then answer 410 case.historyDestroyed instead of failing.

const GRPC_NOT_FOUND = 5;

/** Deletes the Temporal history of each destroyed archive's source case; a retry finds them gone and goes on. */
export async function destroySourceHistories(db: Pick<Db, 'query'>, archiveIds: string[]): Promise<void> {
  if (archiveIds.length === 0) return;
  const { rows } = await db.query<{ case_id: string; destruction_no: string }>(
    `SELECT a.case_id, d.id AS destruction_no FROM archive a JOIN archive_destruction d ON d.archive_id = a.id
      WHERE a.id = ANY($1) AND a.case_id IS NOT NULL`,
    [archiveIds],
  );
  const client = Context.current().client;
  for (const r of rows) {
    const handle = client.workflow.getHandle(r.case_id);
    let deleted = true;
    try {
      // A case still running would be terminated by the deletion: it keeps its history (never
      // expected, as 归档 is a case's last step and destruction comes years later), and the trail says so.
      const d = await handle.describe();
      if (d.status.name === 'RUNNING') deleted = false;
      else await client.workflowService.deleteWorkflowExecution({ namespace: client.options.namespace, workflowExecution: { workflowId: r.case_id } });
    } catch (err) {
      const gone = err instanceof WorkflowNotFoundError || (err as { code?: number }).code === GRPC_NOT_FOUND;
      if (!gone) throw err;
    }
    await appendCaseEvent(db, {
      key: `${r.case_id}/history-destroyed`,
      caseId: r.case_id,
      kind: deleted ? 'case.historyDestroyed' : 'case.historyKept',
      actorId: null,
      payload: { destructionNo: r.destruction_no, ...(deleted ? {} : { reason: 'running' }) },
    });
  }
}

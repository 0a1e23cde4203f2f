import type { Db } from './pool';

/** What a replay found, kept: the auditor's 首页 lists the divergences among the recent exceptions. */
export async function recordReplayVerdict(
  db: Pick<Db, 'query'>,
  v: { caseId: string; ok: boolean; events: number; divergence: string | null; source: 'replay' | 'export'; checkedBy: string | null },
): Promise<void> {
  await db.query('INSERT INTO replay_verdict (case_id, ok, events, divergence, source, checked_by) VALUES ($1, $2, $3, $4, $5, $6)', [
    v.caseId,
    v.ok,
    v.events,
    // A nondeterminism message quotes commands and stacks: long, and of no use past its start.
    v.divergence?.slice(0, 2000) ?? null,
    v.source,
    v.checkedBy,
  ]);
}

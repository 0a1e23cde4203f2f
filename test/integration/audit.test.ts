import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../engine-harness';

// Auditors: a tamper-evident trail per case, and a replay that proves the recorded history
// re-executes on the current workflow code.

describe('audit trail and replay', () => {
  let e: Engine;
  let caseId: string;
  beforeAll(async () => {
    e = await startEngine('audit');
    caseId = await e.start('zj.cs_agent', 'demo-approval');
    const [task] = await e.waitForTasks(caseId, ['Approve']);
    expect((await e.complete('zj.cs_manager', task!.id, { outcome: 'approve', comment: '同意' })).statusCode).toBe(200);
    await e.result(caseId);
  });
  afterAll(async () => e?.close());

  const audit = async (user = 'hq.auditor') =>
    (await e.stack.app.inject({ method: 'GET', url: `/api/cases/${encodeURIComponent(caseId)}/audit`, headers: { cookie: await e.cookie(user) } })).json();

  it('chains every event to the one before and verifies the chain', async () => {
    const trail = await audit();
    expect(trail.verified).toBe(true);
    expect(trail.entries.map((x: { kind: string }) => x.kind)).toEqual(['case.started', 'task.opened', 'task.completed', 'case.ended']);
    // Numbered within the case, whatever other cases wrote to the shared sequence in between.
    expect(trail.entries.map((x: { n: number }) => x.n)).toEqual([1, 2, 3, 4]);
    expect(trail.brokenAt).toBeNull();
    expect(trail.entries[0].prevHash).toBe('');
    for (let i = 1; i < trail.entries.length; i++) expect(trail.entries[i].prevHash).toBe(trail.entries[i - 1].hash);
  });

  it('is append-only, and an edit made behind its back is detected at that event', async () => {
    await expect(e.stack.db.query(`UPDATE case_event SET payload = '{}' WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only/);
    await expect(e.stack.db.query(`DELETE FROM case_event WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only/);
    const { rows } = await e.stack.db.query<{ seq: string }>(`SELECT seq FROM case_event WHERE case_id = $1 AND kind = 'task.completed'`, [caseId]);
    // A database owner can still bypass the trigger; the chain shows it.
    const client = await e.stack.db.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE case_event DISABLE TRIGGER case_event_append_only');
      await client.query(`UPDATE case_event SET payload = jsonb_set(payload, '{outcome}', '"reject"') WHERE seq = $1`, [rows[0]!.seq]);
      const { rows: check } = await client.query(
        `SELECT e.hash = case_event_digest(coalesce(e.prev_hash, ''), e) AS intact FROM case_event e WHERE seq = $1`,
        [rows[0]!.seq],
      );
      expect(check[0].intact).toBe(false);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect((await audit()).verified).toBe(true); // rolled back
  });

  it('replays the recorded history on the current code: same result', async () => {
    const res = await e.stack.app.inject({ method: 'POST', url: `/api/cases/${encodeURIComponent(caseId)}/replay`, headers: { cookie: await e.cookie('hq.auditor') } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, divergence: null, events: expect.any(Number) });
    expect(res.json().events).toBeGreaterThan(10);
    // The verdict is kept with who asked (the auditor's 首页 lists divergences from these).
    const kept = await e.stack.db.query('SELECT ok, events, divergence, source, checked_by FROM replay_verdict WHERE case_id = $1 ORDER BY id DESC LIMIT 1', [caseId]);
    expect(kept.rows[0]).toEqual({ ok: true, events: res.json().events, divergence: null, source: 'replay', checked_by: 'hq.auditor' });
    const stranger = await e.stack.app.inject({ method: 'POST', url: `/api/cases/${encodeURIComponent(caseId)}/replay`, headers: { cookie: await e.cookie('gd.cs_manager') } });
    expect(stranger.statusCode).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../../engine-harness';

// Moving running cases to a newer version through the API: dry run, migration, undo, refusals,
// the task row and the case's history — on the real dev server and database.

const named = (id: string, name: string) => userTask(id).replace(`name="${id}"`, `name="${name}"`);
const v1 = (key: string) => bpmnXml(key, `<bpmn:startEvent id="s"/>${named('review', '审核')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'review')}${flow('f2', 'review', 'e')}`);
const v2 = (key: string) =>
  bpmnXml(key, `<bpmn:startEvent id="s"/>${named('review', '复核')}${named('gm', '总经理审批')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'review')}${flow('f2', 'review', 'gm')}${flow('f3', 'gm', 'e')}`);
/** v3 names the first step differently (`check`). */
const v3 = (key: string) => bpmnXml(key, `<bpmn:startEvent id="s"/>${named('check', '检查')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'check')}${flow('f2', 'check', 'e')}`);

describe('moving running cases to another version (POST /api/processes/:key/migrations)', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('migration');
  });
  afterAll(async () => e?.close());

  const taskName = async (id: string) => (await e.stack.db.query<{ name: string }>('SELECT name FROM task WHERE id = $1', [id])).rows[0]?.name;
  const migrate = (body: Record<string, unknown>, key: string, user = 'hq.process_owner') => e.post(user, `/api/processes/${key}/migrations`, body);

  it('a dry run says what would happen and moves nothing; the migration moves the case, its task row and its history', async () => {
    const key = uniqueKey('mig');
    await e.deploy(v1(key));
    const caseId = await e.start('zj.cs_agent', key);
    const [task] = await e.waitForTasks(caseId, ['review']);
    await e.deploy(v2(key));

    const dry = await migrate({ targetVersion: 2, caseIds: [caseId] }, key);
    expect(dry.statusCode).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, targetVersion: 2, results: [{ caseId, fromVersion: 1, outcome: 'ready', undo: false, moves: [{ from: 'review', fromName: '审核', to: 'review', toName: '复核' }], problems: [] }] });
    expect((await e.state(caseId)).processVersion).toBe(1);

    const moved = await migrate({ targetVersion: 2, caseIds: [caseId], dryRun: false, note: '新增总经理审批' }, key);
    expect(moved.body.results[0]).toMatchObject({ outcome: 'migrated', fromVersion: 1 });
    // What a reader sees next: the case on v2, the same task now named as v2 names it, the move in its history.
    const read = await e.stack.app.inject({ method: 'GET', url: `/api/cases/${encodeURIComponent(caseId)}`, headers: { cookie: await e.cookie('hq.process_owner') } });
    expect(read.json().case.processVersion).toBe(2);
    const migrated = read.json().events.find((ev: { kind: string }) => ev.kind === 'case.migrated');
    expect(migrated).toMatchObject({ actorId: 'hq.process_owner', payload: { fromVersion: 1, toVersion: 2, note: '新增总经理审批', moves: [{ from: 'review', to: 'review' }] } });
    const [same] = await e.openTasks(caseId);
    expect(same!.id).toBe(task!.id);
    expect(await taskName(same!.id)).toBe('复核');

    // The undo is offered until a step completes on the new version.
    const undoDry = await migrate({ targetVersion: 1, caseIds: [caseId] }, key);
    expect(undoDry.body.results[0]).toMatchObject({ outcome: 'ready', undo: true });
    await e.complete('zj.cs_manager', same!.id);
    await e.waitForTasks(caseId, ['gm']);
    const tooLate = await migrate({ targetVersion: 1, caseIds: [caseId], dryRun: false }, key);
    expect(tooLate.body.results[0]).toMatchObject({ outcome: 'refused', problems: [{ code: 'migration.backwards' }] });
    const [gm] = await e.openTasks(caseId);
    await e.complete('zj.cs_manager', gm!.id);
    expect((await e.result(caseId)).status).toBe('completed');
  });

  it('an active element the target lacks is refused by name unless mapped; the others in the same request still move', async () => {
    const key = uniqueKey('mig');
    await e.deploy(v1(key));
    const first = await e.start('zj.cs_agent', key);
    const second = await e.start('zj.cs_agent', key);
    await e.waitForTasks(first, ['review']);
    await e.waitForTasks(second, ['review']);
    await e.deploy(v2(key));
    await e.deploy(v3(key));

    const unmapped = await migrate({ targetVersion: 3, caseIds: [first, 'no-such-case'], dryRun: false }, key);
    expect(unmapped.body.results).toMatchObject([
      { caseId: first, outcome: 'refused', problems: [{ elementId: 'review', elementName: '审核', code: 'migration.unmapped' }] },
      { caseId: 'no-such-case', outcome: 'refused', problems: [{ code: 'case.notFound' }] },
    ]);
    expect((await e.state(first)).processVersion).toBe(1);
    const mapped = await migrate({ targetVersion: 3, caseIds: [first, second], mapping: { review: 'check' }, dryRun: false }, key);
    expect(mapped.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['migrated', 'migrated']);
    const [moved] = await e.openTasks(second);
    expect(moved).toMatchObject({ elementId: 'check' });
    expect(await taskName(moved!.id)).toBe('检查');
  });

  it('bad input and people who are not process owners get problem+json', async () => {
    const key = uniqueKey('mig');
    await e.deploy(v1(key));
    const caseId = await e.start('zj.cs_agent', key);
    const notOwner = await migrate({ targetVersion: 1, caseIds: [caseId] }, key, 'zj.cs_manager');
    expect(notOwner.statusCode).toBe(403);
    const noVersion = await migrate({ targetVersion: 7, caseIds: [caseId] }, key);
    expect(noVersion).toMatchObject({ statusCode: 404, body: { code: 'process.noVersion' } });
    const bad = await migrate({ targetVersion: 0, caseIds: [] }, key);
    expect(bad.statusCode).toBe(400);
    expect(bad.body.errors.map((x: { path: string }) => x.path)).toEqual(expect.arrayContaining(['body.targetVersion', 'body.caseIds']));
  });
});

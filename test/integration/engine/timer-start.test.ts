import { ScheduleNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduledStartRef } from '../../../domain/case-header';
import { createProcessScheduleRepository } from '../../../db/process-schedules';
import { scheduleIdOf } from '../../../server/schedules/spec';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../../engine-harness';
import { betweenChinaDays, chinaDay } from '../../china-clock';
import { eventually } from '../../helpers';

// Issue 13 §1 on the real Temporal dev server (Schedules are not in the time-skipping test
// server): a deploy creates one Temporal Schedule per timer start event, a redeploy moves it to
// the new version, a start event removed deletes it; process owners pause and resume it (in the
// change log), others are refused; a run of the schedule opens a real case owned by the
// diagram's shouwen:owner, started by nobody.

const timerStart = (id: string, name: string, cycle: string, attrs: string) =>
  `<bpmn:startEvent id="${id}" name="${name}" ${attrs}><bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${cycle}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>`;

/** 每月回访 (timer) and/or 新建 (none) → 回访客户 (客服经理, separation of duties) → end. */
function diagram(key: string, opts: { cycle?: string; manual?: boolean; taskName?: string; attrs?: string }): string {
  const parts: string[] = [];
  if (opts.cycle) parts.push(timerStart('monthly', '每月回访', opts.cycle, `shouwen:owner="role:cs_manager" shouwen:unit="zj" ${opts.attrs ?? ''}`), flow('ft', 'monthly', 'call'));
  if (opts.manual !== false) parts.push('<bpmn:startEvent id="manual"/>', flow('fm', 'manual', 'call'));
  parts.push(userTask('call', { group: 'cs_manager', attrs: `name="${opts.taskName ?? '回访客户'}" shouwen:separationOfDuties="true"` }).replace('name="call" ', ''), '<bpmn:endEvent id="end"/>', flow('fe', 'call', 'end'));
  return bpmnXml(key, parts.join(''));
}

describe('timer start events as Temporal Schedules', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('timer-start');
  });
  afterAll(async () => e?.close());

  const get = async (user: string, url: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url, headers: { cookie: await e.cookie(user) } });
    return { statusCode: res.statusCode, body: res.json() };
  };
  const describeSchedule = (key: string) => e.stack.temporal.client.schedule.getHandle(scheduleIdOf(key, 'monthly')).describe();
  const versionOf = async (key: string) => ((await describeSchedule(key)).action.args?.[0] as ScheduledStartRef).processVersion;

  it('is created on deploy, moved by a redeploy, deleted when its start event goes, and kept as it was by an identical deploy', async () => {
    const key = uniqueKey('sched');
    expect((await e.deploy(diagram(key, { cycle: '0 0 9 1 * *' }))).statusCode).toBe(201);
    const created = await describeSchedule(key);
    expect(created.action).toMatchObject({ workflowType: 'scheduledCaseStart', taskQueue: e.stack.temporal.taskQueue, args: [{ processKey: key, processVersion: 1, startEventId: 'monthly' }] });
    // 09:00 China time on the 1st of the month is 01:00 UTC.
    expect(created.info.nextActionTimes[0]!.toISOString()).toMatch(/-01T01:00:00\.000Z$/);

    const listed = await get('zj.cs_agent', `/api/processes/${key}/schedules?count=3`);
    expect(listed.statusCode).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ startEventId: 'monthly', name: '每月回访', expression: '0 0 9 1 * *', processVersion: 1, paused: false, owner: { kind: 'role', role: 'cs_manager' }, unitId: 'zj' }),
    ]);
    expect(listed.body.items[0].nextRuns).toHaveLength(3);
    expect(listed.body.changes).toEqual([expect.objectContaining({ action: 'created', processVersion: 1, actorId: 'hq.process_owner' })]);

    // Identical content: same version, the schedule untouched.
    expect((await e.deploy(diagram(key, { cycle: '0 0 9 1 * *' }))).body).toMatchObject({ created: false });
    expect((await get('hq.process_owner', `/api/processes/${key}/schedules`)).body.changes).toHaveLength(1);

    expect((await e.deploy(diagram(key, { cycle: 'R/P1D', taskName: '回访客户（新）' }))).body).toMatchObject({ created: true, process: { version: 2 } });
    expect(await versionOf(key)).toBe(2);
    expect((await describeSchedule(key)).spec.intervals).toEqual([expect.objectContaining({ every: 86_400_000 })]);

    expect((await e.deploy(diagram(key, {}))).body).toMatchObject({ created: true, process: { version: 3 } });
    await expect(describeSchedule(key)).rejects.toBeInstanceOf(ScheduleNotFoundError);
    const after = await get('hq.process_owner', `/api/processes/${key}/schedules`);
    expect(after.body.items).toEqual([]);
    expect(after.body.changes.map((c: { action: string; processVersion: number }) => `${c.action} v${c.processVersion}`)).toEqual(['deleted v3', 'moved v2', 'created v1']);
  });

  it('puts an ISO start instant and a date on the exact Beijing times, with the runs they have', async () => {
    const cycled = uniqueKey('iso');
    expect((await e.deploy(diagram(cycled, { cycle: 'R3/2027-01-04T09:30:00+08:00/P1D' }))).statusCode).toBe(201);
    const cycleView = (await get('hq.process_owner', `/api/processes/${cycled}/schedules?count=4`)).body.items[0];
    expect(cycleView).toMatchObject({ remainingRuns: 3, nextRuns: ['2027-01-04T01:30:00.000Z', '2027-01-05T01:30:00.000Z', '2027-01-06T01:30:00.000Z'] });

    const dated = uniqueKey('date');
    const once = diagram(dated, { cycle: 'R/P1D' }).replace(
      /<bpmn:timeCycle[^>]*>R\/P1D<\/bpmn:timeCycle>/,
      '<bpmn:timeDate xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">2027-01-04T09:00:00+08:00</bpmn:timeDate>',
    );
    expect((await e.deploy(once)).statusCode).toBe(201);
    expect((await get('hq.process_owner', `/api/processes/${dated}/schedules`)).body.items[0]).toMatchObject({ remainingRuns: 1, nextRuns: ['2027-01-04T01:00:00.000Z'] });
  });

  it("the API's start reconciles every process: a schedule Temporal lost is made again, and a second pass changes nothing", async () => {
    const key = uniqueKey('reconcile');
    expect((await e.deploy(diagram(key, { cycle: 'R/P1D' }))).statusCode).toBe(201);
    await e.stack.temporal.client.schedule.getHandle(scheduleIdOf(key, 'monthly')).delete();
    const first = await e.stack.app.services.schedules.syncAll();
    expect(first.filter((d) => d.processKey === key)).toEqual([{ processKey: key, startEventId: 'monthly', action: 'created' }]);
    expect(await versionOf(key)).toBe(1);
    expect((await e.stack.app.services.schedules.syncAll()).filter((d) => d.processKey === key)).toEqual([]);
    const { changes } = (await get('hq.process_owner', `/api/processes/${key}/schedules`)).body;
    expect(changes).toEqual([expect.objectContaining({ action: 'created', actorId: null }), expect.objectContaining({ action: 'created', actorId: 'hq.process_owner' })]);
  });

  it('is paused and resumed by process owners only, each in the change log with the note', async () => {
    const key = uniqueKey('pause');
    expect((await e.deploy(diagram(key, { cycle: 'R/PT1H' }))).statusCode).toBe(201);
    const refused = await e.post('zj.cs_manager', `/api/processes/${key}/schedules/monthly/pause`, { note: '试试' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toMatchObject({ code: 'schedule.ownerOnly' });
    expect((await describeSchedule(key)).state.paused).toBe(false);
    expect((await e.post('hq.auditor', `/api/processes/${key}/schedules/monthly/pause`, {})).statusCode).toBe(403);
    expect((await e.post('hq.process_owner', `/api/processes/${key}/schedules/nothing/pause`, {})).body).toMatchObject({ code: 'schedule.notFound' });

    const paused = await e.post('hq.process_owner', `/api/processes/${key}/schedules/monthly/pause`, { note: '春节停发' });
    expect(paused.statusCode).toBe(200);
    expect(paused.body).toMatchObject({ paused: true, note: '春节停发' });
    expect((await describeSchedule(key)).state.paused).toBe(true);

    // A redeploy moves the schedule but keeps the owner's pause.
    expect((await e.deploy(diagram(key, { cycle: 'R/PT1H', taskName: '改名' }))).body).toMatchObject({ created: true });
    expect((await describeSchedule(key)).state.paused).toBe(true);

    const resumed = await e.post('hq.process_owner', `/api/processes/${key}/schedules/monthly/resume`, {});
    expect(resumed.body).toMatchObject({ paused: false });
    const { changes } = (await get('hq.process_owner', `/api/processes/${key}/schedules`)).body;
    expect(changes.map((c: { action: string }) => c.action)).toEqual(['resumed', 'moved', 'paused', 'created']);
    expect(changes[2]).toMatchObject({ actorId: 'hq.process_owner', actorName: expect.any(String), note: '春节停发' });
  });

  it('a run starts a real case owned by shouwen:owner, started by nobody, that nobody may start by hand when the diagram has no plain start', async () => {
    const key = uniqueKey('run');
    expect((await e.deploy(diagram(key, { cycle: '0 0 9 1 * *', manual: false }))).statusCode).toBe(201);
    const byHand = await e.post('zj.cs_agent', '/api/cases', { processKey: key, title: '手动' });
    expect(byHand.statusCode).toBe(422);
    expect(byHand.body).toMatchObject({ code: 'process.noManualStart' });
    // 新建 does not offer it: the list says so.
    const processes = (await get('zj.cs_agent', '/api/processes')).body.items as Array<{ key: string; startsByHand?: boolean }>;
    expect(processes.find((p) => p.key === key)).toMatchObject({ startsByHand: false });
    expect(processes.find((p) => p.key === 'demo-approval')).toMatchObject({ startsByHand: true });

    const triggered = Date.now();
    await e.stack.app.services.schedules.trigger(key, 'monthly');
    const list = await eventually(async () => {
      const res = await get('zj.cs_manager', `/api/cases?owner=me&processKey=${key}`);
      return res.body.items?.length ? res.body.items : undefined;
    }, 30_000, 'the scheduled case in 我负责的');
    expect(list).toEqual([
      expect.objectContaining({ processKey: key, processVersion: 1, status: 'running', initiatorId: null, ownerId: 'zj.cs_manager', unitId: 'zj', title: `未命名流程（${key}） · 每月回访` }),
    ]);
    const caseId = list[0].id as string;
    expect(list[0].businessKey).toMatch(/^\d{8}-[0-9A-F]{8}$/);
    // Its day is China's when it ran, as a hand-started case's (not UTC's: they differ 16:00–24:00 UTC).
    expect(list[0].businessKey.slice(0, 8)).toBeOneOf(betweenChinaDays(triggered, Date.now(), (today) => today.replaceAll('-', '')));
    const desc = await e.stack.temporal.client.workflow.getHandle(caseId).describe();
    expect(desc.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value])).toEqual(expect.arrayContaining([['ProcessKey', key], ['BusinessKey', list[0].businessKey]]));

    const { rows } = await e.stack.db.query(`SELECT actor_id, payload FROM case_event WHERE case_id = $1 AND kind = 'case.started'`, [caseId]);
    expect(rows).toEqual([{ actor_id: null, payload: { processVersion: 1, scheduledBy: 'monthly', ownerId: 'zj.cs_manager' } }]);

    // Separation of duties excludes the initiator; a scheduled case has none, so the owner may do the step.
    const [task] = await e.waitForTasks(caseId, ['call']);
    expect(task).toMatchObject({ unitId: 'zj' });
    expect((await e.complete('zj.cs_manager', task!.id)).statusCode).toBe(200);
    expect((await e.result(caseId)).status).toBe('completed');
    await e.recordHistory(caseId, 'timer-start-case');
    const run = (await describeSchedule(key)).info.recentActions[0]!.action.workflow.workflowId;
    await e.recordHistory(run, 'timer-start-run');
  });

  it('shouwen:workingDaysOnly: a run on a day off (business calendar) starts no case, on a working day it does', async () => {
    const key = uniqueKey('workdays');
    expect((await e.deploy(diagram(key, { cycle: '0 0 9 * * *', manual: false, attrs: 'shouwen:workingDaysOnly="true"' }))).statusCode).toBe(201);
    // The run reads China's today when it runs: today and tomorrow both get the kind, so China's
    // midnight passing meanwhile (a CI run at 23:59 in Shanghai) changes nothing.
    const [today, tomorrow] = [chinaDay(), chinaDay(Date.now(), 1)];
    const setDay = async (kind: 'holiday' | 'workday') =>
      (
        await e.stack.app.inject({
          method: 'PUT',
          url: '/api/calendar/days',
          headers: { cookie: await e.cookie('admin') },
          payload: { days: [today, tomorrow].map((day) => ({ day, kind, note: '定时测试' })) },
        })
      ).statusCode;
    const runResult = async (n: number) => {
      const action = await eventually(async () => (await describeSchedule(key)).info.recentActions[n], 30_000, `run ${n}`);
      return e.stack.temporal.client.workflow.getHandle(action.action.workflow.workflowId).result();
    };
    const cases = async () => (await get('hq.auditor', `/api/cases?processKey=${key}`)).body.items as unknown[];
    try {
      expect(await setDay('holiday')).toBe(200);
      await e.stack.app.services.schedules.trigger(key, 'monthly');
      expect(await runResult(0)).toEqual({ caseId: null, skippedDay: expect.toBeOneOf([today, tomorrow]) });
      expect(await cases()).toEqual([]);

      expect(await setDay('workday')).toBe(200);
      await e.stack.app.services.schedules.trigger(key, 'monthly');
      expect(await runResult(1)).toMatchObject({ caseId: expect.stringMatching(new RegExp(`^${key}/`)) });
      expect(await eventually(async () => ((await cases()).length ? await cases() : undefined), 30_000, 'the case')).toHaveLength(1);
    } finally {
      for (const day of [today, tomorrow]) await e.stack.app.inject({ method: 'DELETE', url: `/api/calendar/days/${day}`, headers: { cookie: await e.cookie('admin') } });
    }
  });

  it("resolves shouwen:owner at run time: a role's first active holder in the unit, a named user, nobody, an unknown unit as the root", async () => {
    const repo = createProcessScheduleRepository(e.stack.db);
    expect(await repo.resolveOwner({ owner: { kind: 'role', role: 'cs_manager' }, unitId: 'zj' })).toEqual({ ownerId: 'zj.cs_manager', unitId: 'zj' });
    expect(await repo.resolveOwner({ owner: { kind: 'user', userId: 'gd.cs_agent' } })).toEqual({ ownerId: 'gd.cs_agent', unitId: 'gd' });
    expect(await repo.resolveOwner({ owner: { kind: 'user', userId: 'nobody.here' }, unitId: 'zj' })).toEqual({ ownerId: null, unitId: 'zj' });
    const unknownUnit = await repo.resolveOwner({ owner: { kind: 'role', role: 'process_owner' }, unitId: 'no-such-unit' });
    expect(unknownUnit).toMatchObject({ unitId: 'hq', ownerId: expect.any(String) });
    expect(await repo.resolveOwner({ owner: { kind: 'role', role: 'process_owner' } })).toEqual(unknownUnit);
  });
});

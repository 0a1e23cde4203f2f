import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BpmnProcessResult } from '../../../workflows/bpmn/messages';
import { eventually } from '../../helpers';
import { bpmnXml, flow, startContinuingAsNew, startEngine, timerDuration, uniqueKey, userTask, type Engine } from '../../engine-harness';

// A long-lived case continues as new when its history grows: tasks, waiting messages, timers and
// tokens parked at a join all carry over, task ids keep counting, nothing is projected twice.

describe('continue-as-new', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('can');
  });
  afterAll(async () => e?.close());

  it('carries a looping task, a waiting message, a pending timer and a parked join into new runs', async () => {
    const key = uniqueKey('can');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
       ${userTask('review', { group: 'cs_manager', attrs: 'shouwen:outcomes="again,done"' })}
       <bpmn:exclusiveGateway id="more" default="finished"/>
       <bpmn:intermediateCatchEvent id="reply" shouwen:candidateGroups="cs_agent"><bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=replied" target="replied"/></zeebe:ioMapping></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
       <bpmn:intermediateCatchEvent id="pause">${timerDuration('PT4S')}</bpmn:intermediateCatchEvent>
       <bpmn:parallelGateway id="join"/><bpmn:endEvent id="e"/>
       ${flow('f1', 's', 'fork')}${flow('f2', 'fork', 'review')}${flow('f3', 'fork', 'reply')}${flow('f4', 'fork', 'pause')}
       ${flow('f5', 'review', 'more')}${flow('loop', 'more', 'review', '=outcome = "again"')}${flow('finished', 'more', 'join')}
       ${flow('f6', 'reply', 'join')}${flow('f7', 'pause', 'join')}${flow('f8', 'join', 'e')}`,
      '',
      '<bpmn:message id="m" name="customer-reply"/>',
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);
    const { caseId, firstRunId } = await startContinuingAsNew(e, key);

    const completedIds: string[] = [];
    for (let round = 1; round <= 6; round++) {
      const [task] = await e.waitForTasks(caseId, ['review']);
      expect(task!.id).toBe(`${caseId}/review/${round}`);
      const res = await e.complete('zj.cs_manager', task!.id, { outcome: 'again' });
      expect(res.statusCode, JSON.stringify(res.body)).toBe(200);
      completedIds.push(task!.id);
      if (round === 2) {
        // The join already holds the timer's token once the pause is over (4 s) — wait for that.
        await eventually(async () => ((await e.state(caseId)).activeElements.includes('join') ? true : undefined), 10_000, 'timer token at the join');
      }
    }
    const described = await e.stack.temporal.client.workflow.getHandle(caseId).describe();
    expect(described.runId).not.toBe(firstRunId);

    // Taken at once, or buffered if it lands in a new run's first activation before the wait is re-entered.
    const sent = await e.post('zj.cs_agent', `/api/cases/${encodeURIComponent(caseId)}/messages`, { messageName: 'customer-reply', variables: { replied: true } });
    expect(sent.statusCode).toBe(200);
    const [last] = await e.waitForTasks(caseId, ['review']);
    expect(last!.id).toBe(`${caseId}/review/7`);
    await e.complete('zj.cs_manager', last!.id, { outcome: 'done' });

    const result = (await e.stack.temporal.client.workflow.getHandle(caseId).result()) as BpmnProcessResult;
    expect(result).toMatchObject({ status: 'completed', variables: { replied: true, outcome: 'done' } });
    const { rows } = await e.stack.db.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM case_event WHERE case_id = $1 GROUP BY kind ORDER BY kind`,
      [caseId],
    );
    expect(rows).toEqual([
      { kind: 'case.ended', n: 1 },
      { kind: 'case.started', n: 1 },
      { kind: 'message.received', n: 1 }, // the API's audit entry of who sent it
      { kind: 'task.completed', n: 7 },
      { kind: 'task.opened', n: 7 },
    ]);
    const state = await e.state(caseId);
    expect(state.completedCounts).toMatchObject({ review: 7, reply: 1, pause: 1, join: 1, e: 1 });
  }, 90_000);
});

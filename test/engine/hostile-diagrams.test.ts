import { resolveIncidentUpdate, type OpenIncidentView } from '../../workflows/bpmn/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STEPS_WITHOUT_WAIT } from '../../workflows/bpmn/interpreter';
import { BOUNDED_NESTING_PATCH, SLOW_PATTERNS_PATCH } from '../../workflows/bpmn/patch-level';
import { bpmnXml, flow, timerDuration, uniqueKey } from '../bpmn-xml';
import { eventually } from '../helpers';
import { compileFixture, startEngineEnv, stateWhen, type CaseHandle, type EngineEnv } from './engine-env';

// Issue 11 §1: a diagram that loops without ever waiting used to hold the worker in one
// workflow task until it ran out of memory, crash-looping it and stopping every other case.
// Now the token stops as an incident of its own case and waits for an operator to retry or cancel.

/** Waits until one of the case's tokens waits on an incident other than `not`. */
async function incidentOf(handle: CaseHandle, not?: string): Promise<OpenIncidentView> {
  const s = await stateWhen(handle, (st) => st.incidents.some((i) => i.id !== not), 'an incident');
  return s.incidents.find((i) => i.id !== not)!;
}

/** The patches a case's history records (each marker's payload, decoded). */
async function patchMarkers(handle: CaseHandle): Promise<string[]> {
  const { events } = await handle.fetchHistory();
  return (events ?? [])
    .map((e) => e.markerRecordedEventAttributes)
    .filter((m) => m?.markerName === 'core_patch')
    .map((m) => Object.values(m!.details ?? {}).flatMap((d) => (d.payloads ?? []).map((p) => Buffer.from(p.data ?? []).toString('utf8'))).join(' '));
}

const script = (id: string, expression: string, resultVariable: string) =>
  `<bpmn:scriptTask id="${id}" name="${id}"><bpmn:extensionElements><zeebe:script expression="${expression}" resultVariable="${resultVariable}"/></bpmn:extensionElements></bpmn:scriptTask>`;

/** start → count (n := n + 1) → again? — default flow back to count; `n > limit` leaves. */
const loopingXml = (key: string, limit: number) =>
  bpmnXml(
    key,
    `<bpmn:startEvent id="start"/>${script('count', '=if n = null then 1 else n + 1', 'n')}
     <bpmn:exclusiveGateway id="again" default="back"/><bpmn:endEvent id="end"/>
     ${flow('f1', 'start', 'count')}${flow('f2', 'count', 'again')}${flow('out', 'again', 'end', `=n > ${limit}`)}${flow('back', 'again', 'count')}`,
  );

describe('engine: hostile diagrams', () => {
  let e: EngineEnv;
  beforeAll(async () => {
    e = await startEngineEnv();
  });
  afterAll(async () => e?.close());

  it('a loop with no wait state becomes an incident of its own case, and other cases keep moving', async () => {
    const endless = await compileFixture(loopingXml(uniqueKey('endless'), Number.MAX_SAFE_INTEGER));
    const key = uniqueKey('ordinary');
    // A case that waits an hour on a timer: it finishes only if the worker goes on serving after the bad one.
    const ordinary = await compileFixture(
      bpmnXml(key, `<bpmn:startEvent id="start"/><bpmn:intermediateCatchEvent id="wait">${timerDuration('PT1H')}</bpmn:intermediateCatchEvent><bpmn:endEvent id="end"/>${flow('f1', 'start', 'wait')}${flow('f2', 'wait', 'end')}`),
    );
    await e.withWorker(async ({ start, stubs }) => {
      const other = await start(ordinary);
      const bad = await start(endless);
      const incident = await incidentOf(bad);
      expect(incident.message).toMatch(/^(count|again): more than 1000 steps without reaching a user task, service task, timer or message/);
      // The state shows it once the workflow task is recorded; the inbox once its projection has run.
      expect(await eventually(async () => stubs.incidents.get(incident.id), 10_000, 'the incident projected')).toMatchObject({ caseId: bad.workflowId, elementId: incident.elementId });
      // The same worker still serves the other case: it reached its timer after the bad one looped.
      await stateWhen(other, (st) => st.activeElements.includes('wait'), 'the other case at its timer');
      // Cancelling ends the case and says who. (Updates go before any time skipping: the test
      // server times out a case whose only wait is an incident once it skips time.)
      const answer = await bad.executeUpdate(resolveIncidentUpdate, { args: [{ incidentId: incident.id, action: 'cancel', actorId: 'hq.process_owner', comment: '流程图有死循环' }] });
      expect(answer).toEqual({ resolved: true, action: 'cancel' });
      expect((await bad.result()).status).toBe('terminated');
      expect(stubs.ended.get(bad.workflowId)).toEqual({ status: 'terminated', reason: '处理故障时取消：流程图有死循环' });
      expect(stubs.incidents.get(incident.id)).toMatchObject({ resolution: 'cancel', actorId: 'hq.process_owner' });
      expect((await other.result()).status).toBe('completed');
    });
  });

  it('an incident on bad data is retried with corrected variables and the case carries on; a stale resolution is refused', async () => {
    const key = uniqueKey('no-path');
    const model = await compileFixture(
      bpmnXml(
        key,
        `<bpmn:startEvent id="start"/><bpmn:intermediateCatchEvent id="wait" name="等待客户">${timerDuration('=delay')}</bpmn:intermediateCatchEvent><bpmn:endEvent id="end"/>
         ${flow('f1', 'start', 'wait')}${flow('f2', 'wait', 'end')}`,
      ),
    );
    await e.withWorker(async ({ start, stubs }) => {
      const handle = await start(model, { delay: '三天' });
      const incident = await incidentOf(handle);
      expect(incident).toMatchObject({ elementId: 'wait', elementName: '等待客户' });
      expect(incident.message).toContain('三天');
      await handle.executeUpdate(resolveIncidentUpdate, { args: [{ incidentId: incident.id, action: 'retry', actorId: 'hq.process_owner', variables: { delay: 'P3D' } }] });
      const result = await handle.result();
      expect(result.status).toBe('completed');
      expect(result.variables.delay).toBe('P3D');
      const stale = await handle.executeUpdate(resolveIncidentUpdate, { args: [{ incidentId: incident.id, action: 'cancel', actorId: 'x', comment: 'late' }] }).catch((err: unknown) => err);
      expect(stale).toBeInstanceOf(Error);
      expect(stubs.incidents.get(incident.id)).toMatchObject({ resolution: 'retry', actorId: 'hq.process_owner' });
    });
  });

  it('a FEEL expression over its budget becomes an incident of its step, and other cases keep moving', async () => {
    // The bound comes from a variable, so the compiler cannot see it; the worker must.
    const huge = await compileFixture(
      bpmnXml(
        uniqueKey('huge-feel'),
        `<bpmn:startEvent id="start"/>${script('seed', '=100000000', 'n')}${script('explode', '=count(for i in 1..n return i)', 'c')}<bpmn:endEvent id="end"/>
         ${flow('f1', 'start', 'seed')}${flow('f2', 'seed', 'explode')}${flow('f3', 'explode', 'end')}`,
      ),
    );
    const ordinary = await compileFixture(
      bpmnXml(
        uniqueKey('ordinary'),
        `<bpmn:startEvent id="start"/><bpmn:intermediateCatchEvent id="wait">${timerDuration('PT1H')}</bpmn:intermediateCatchEvent>${script('sum', '=sum(for i in 1..1000 return i)', 's')}<bpmn:endEvent id="end"/>
         ${flow('f1', 'start', 'wait')}${flow('f2', 'wait', 'sum')}${flow('f3', 'sum', 'end')}`,
      ),
    );
    await e.withWorker(async ({ start, stubs }) => {
      const other = await start(ordinary);
      const bad = await start(huge);
      const incident = await incidentOf(bad);
      expect(incident).toMatchObject({ elementId: 'explode' });
      expect(incident.message).toBe('explode: FEEL "count(for i in 1..n return i)": the range [1..100000000] has 100000000 values, more than the 100000 steps one expression may take');
      expect(await eventually(async () => stubs.incidents.get(incident.id), 10_000, 'the incident projected')).toMatchObject({ caseId: bad.workflowId, elementId: 'explode' });
      await bad.executeUpdate(resolveIncidentUpdate, { args: [{ incidentId: incident.id, action: 'cancel', actorId: 'hq.process_owner', comment: '表达式超出预算' }] });
      expect((await bad.result()).status).toBe('terminated');
      const done = await other.result();
      expect(done.status).toBe('completed');
      expect(done.variables.s).toBe(500500);
    });
  });

  it('a pattern that would backtrack polynomially for minutes on its text becomes an incident; the refusal is a patch, recorded only where it refused', async () => {
    // 3,000 a's against ^a*a*a*b$: 13 s of backtracking with feelin's `u` flag, more with every character.
    const slow = await compileFixture(
      bpmnXml(
        uniqueKey('slow-pattern'),
        `<bpmn:startEvent id="start"/>${script('text', '=string join(for i in 1..3000 return &quot;a&quot;)', 't')}${script('check', '=matches(t, &quot;^a*a*a*b$&quot;)', 'ok')}<bpmn:endEvent id="end"/>
         ${flow('f1', 'start', 'text')}${flow('f2', 'text', 'check')}${flow('f3', 'check', 'end')}`,
      ),
    );
    const short = await compileFixture(
      bpmnXml(
        uniqueKey('short-pattern'),
        `<bpmn:startEvent id="start"/>${script('check', '=matches(&quot;aaab&quot;, &quot;^a*a*a*b$&quot;)', 'ok')}<bpmn:endEvent id="end"/>
         ${flow('f1', 'start', 'check')}${flow('f2', 'check', 'end')}`,
      ),
    );
    await e.withWorker(async ({ start }) => {
      // The short one first: awaiting a result lets the time-skipping server jump ahead, past an incident's wait.
      const fine = await start(short);
      expect((await fine.result()).variables.ok).toBe(true);
      expect(await patchMarkers(fine)).toEqual([]);
      const bad = await start(slow);
      const incident = await incidentOf(bad);
      expect(incident).toMatchObject({ elementId: 'check' });
      expect(incident.message).toContain('of matches() may take about 10^10 steps on a text of 3000 characters');
      expect((await patchMarkers(bad)).join(' ')).toContain(SLOW_PATTERNS_PATCH);
      await bad.terminate('test over');
    });
  });

  it('a pattern with an optional group the star height refused runs now, behind a patch recorded only at that call', async () => {
    const decimal = await compileFixture(
      bpmnXml(
        uniqueKey('decimal-pattern'),
        `<bpmn:startEvent id="start"/>${script('check', '=matches(&quot;12.50&quot;, &quot;^\\d+(\\.\\d+)?$&quot;)', 'ok')}<bpmn:endEvent id="end"/>
         ${flow('f1', 'start', 'check')}${flow('f2', 'check', 'end')}`,
      ),
    );
    await e.withWorker(async ({ start }) => {
      const handle = await start(decimal);
      const result = await handle.result();
      expect([result.status, result.variables.ok]).toEqual(['completed', true]);
      const markers = await patchMarkers(handle);
      expect(markers).toHaveLength(1);
      expect(markers[0]).toContain(BOUNDED_NESTING_PATCH);
    });
  });

  it('a loop that waits nowhere but ends within the bound still completes', async () => {
    const bounded = await compileFixture(loopingXml(uniqueKey('bounded'), Math.floor(MAX_STEPS_WITHOUT_WAIT / 2) - 10));
    await e.withWorker(async ({ start }) => {
      const handle = await start(bounded);
      const result = await handle.result();
      expect(result.status).toBe('completed');
      expect(result.variables.n).toBe(Math.floor(MAX_STEPS_WITHOUT_WAIT / 2) - 9);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../../engine-harness';
import { noNameWarning } from '../../helpers';

const oneTask = (key: string, taskId: string) => bpmnXml(key, `<bpmn:startEvent id="s"/>${userTask(taskId)}<bpmn:endEvent id="e"/>${flow('f1', 's', taskId)}${flow('f2', taskId, 'e')}`);

describe('deployments, versions, call activities and service tasks', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('versions');
  });
  afterAll(async () => e?.close());

  it('deploying v2 leaves running v1 cases on v1; identical content returns the existing version', async () => {
    const key = uniqueKey('ver');
    const v1 = await e.deploy(oneTask(key, 'first'));
    expect(v1).toMatchObject({ statusCode: 201, body: { created: true, process: { key, version: 1, deployedBy: 'hq.process_owner' } } });
    const again = await e.deploy(oneTask(key, 'first'));
    expect(again).toMatchObject({ statusCode: 200, body: { created: false, process: { version: 1 } } });

    const onV1 = await e.start('zj.cs_agent', key);
    await e.waitForTasks(onV1, ['first']);

    expect((await e.deploy(oneTask(key, 'second'))).body.process.version).toBe(2);
    const onV2 = await e.start('zj.cs_agent', key);
    const pinnedV1 = await e.start('zj.cs_agent', key, {}, { version: 1 });
    const [t2] = await e.waitForTasks(onV2, ['second']);
    const [t1] = await e.waitForTasks(onV1, ['first']);
    await e.waitForTasks(pinnedV1, ['first']);
    expect((await e.state(onV1)).processVersion).toBe(1);
    expect((await e.state(onV2)).processVersion).toBe(2);

    await e.complete('zj.cs_manager', t1!.id);
    await e.complete('zj.cs_manager', t2!.id);
    expect((await e.result(onV1)).status).toBe('completed');
    expect((await e.result(onV2)).status).toBe('completed');

    const listed = await e.stack.app.inject({ method: 'GET', url: '/api/processes', headers: { cookie: await e.cookie('hq.auditor') } });
    // The deployer by name as well as by id: the console shows people by name.
    const deployer = (await e.stack.db.query<{ display_name: string }>('SELECT u.display_name FROM process_definition d JOIN app_user u ON u.id = d.deployed_by WHERE d.key = $1 AND d.version = 2', [key])).rows[0]!.display_name;
    expect(listed.json().items.find((p: { key: string }) => p.key === key)).toMatchObject({ version: 2, versions: 2, deployedByName: deployer });
    const versions = await e.stack.app.inject({ method: 'GET', url: `/api/processes/${key}/versions`, headers: { cookie: await e.cookie('hq.auditor') } });
    expect(versions.json().items.map((v: { deployedByName: string }) => v.deployedByName)).toEqual([deployer, deployer]);
    const detail = await e.stack.app.inject({ method: 'GET', url: `/api/processes/${key}/versions/1`, headers: { cookie: await e.cookie('hq.auditor') } });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().xml).toContain('id="first"');
    expect(Object.keys(detail.json().model.elements)).toContain('first');
    const missing = await e.stack.app.inject({ method: 'GET', url: `/api/processes/${key}/versions/9`, headers: { cookie: await e.cookie('hq.auditor') } });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses a bad diagram with 422 naming each element, and refuses deploys by non-owners', async () => {
    const key = uniqueKey('bad');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/><bpmn:scriptTask id="nobody"/><bpmn:manualTask id="manual"/><bpmn:endEvent id="e"/>
       ${flow('f1', 's', 'nobody')}${flow('f2', 'nobody', 'manual')}${flow('f3', 'manual', 'e')}`,
    );
    const res = await e.deploy(xml);
    expect(res.statusCode).toBe(422);
    const ids = res.body.errors.map((x: { elementId: string }) => x.elementId);
    expect(ids).toEqual(expect.arrayContaining(['nobody', 'manual']));
    expect(res.body.errors[0]).toEqual(expect.objectContaining({ path: expect.stringMatching(/^body\.xml#/), elementType: expect.any(String), message: expect.any(String) }));
    expect((await e.deploy(oneTask(uniqueKey('x'), 'a'), undefined, 'zj.cs_agent')).statusCode).toBe(403);
    const garbage = await e.deploy('<not-bpmn');
    expect(garbage.statusCode).toBe(422);
    const unknownProcess = await e.post('zj.cs_agent', '/api/cases', { processKey: 'no-such-process', title: 'x' });
    expect(unknownProcess.statusCode).toBe(404);
  });

  it('a call activity runs another deployed process as a child case and takes its variables back', async () => {
    const child = uniqueKey('child');
    const parent = uniqueKey('parent');
    expect(
      (
        await e.deploy(
          bpmnXml(
            child,
            `<bpmn:startEvent id="s"/>
             <bpmn:scriptTask id="calc"><bpmn:extensionElements><zeebe:script expression="=fee * 2" resultVariable="total"/></bpmn:extensionElements></bpmn:scriptTask>
             <bpmn:endEvent id="e"/>${flow('f1', 's', 'calc')}${flow('f2', 'calc', 'e')}`,
          ),
        )
      ).statusCode,
    ).toBe(201);
    const parentXml = bpmnXml(
      parent,
      `<bpmn:startEvent id="s"/>
       <bpmn:callActivity id="repair"><bpmn:extensionElements><zeebe:calledElement processId="${child}" propagateAllChildVariables="false"/>
         <zeebe:ioMapping><zeebe:input source="=price" target="fee"/><zeebe:output source="=total" target="repairTotal"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:callActivity>
       <bpmn:endEvent id="e"/>${flow('f1', 's', 'repair')}${flow('f2', 'repair', 'e')}`,
    );
    expect((await e.deploy(parentXml)).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', parent, { price: 150 });
    const result = await e.result(caseId);
    expect(result.variables.repairTotal).toBe(300);
    expect(result.variables.total).toBeUndefined();
    const { rows } = await e.stack.db.query(`SELECT id, process_key, status FROM process_case WHERE parent_case_id = $1`, [caseId]);
    expect(rows).toEqual([{ id: `${child}/${caseId.split('/')[1]}.repair.1`, process_key: child, status: 'completed' }]);
    // The call activity has no name: the child case is titled by the process it is, not by the element id.
    const { rows: titles } = await e.stack.db.query<{ parent: string; child: string }>(
      `SELECT p.title AS parent, c.title AS child FROM process_case c JOIN process_case p ON p.id = c.parent_case_id WHERE c.parent_case_id = $1`,
      [caseId],
    );
    expect(titles).toEqual([{ parent: expect.any(String), child: `${titles[0]!.parent} · 未命名流程（${child}）` }]);
    await e.recordHistory(caseId, 'call-activity-parent');
  });

  it('a service task calls its registered activity with mapped inputs: 编号 KH-YYYY-MM-000001, stable under retries', async () => {
    const key = uniqueKey('number');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/>
       <bpmn:serviceTask id="number"><bpmn:extensionElements><zeebe:taskDefinition type="assign-number"/>
         <zeebe:ioMapping><zeebe:input source="=&quot;KH&quot;" target="prefix"/><zeebe:output source="=number" target="recordNo"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:serviceTask>
       <bpmn:endEvent id="e"/>${flow('f1', 's', 'number')}${flow('f2', 'number', 'e')}`,
    );
    expect((await e.deploy(xml)).statusCode).toBe(201);
    const a = (await e.result(await e.start('zj.cs_agent', key))).variables.recordNo as string;
    const b = (await e.result(await e.start('zj.cs_agent', key))).variables.recordNo as string;
    expect(a).toMatch(/^KH-\d{4}-\d{2}-\d{6}$/);
    expect(Number(b.slice(-6))).toBe(Number(a.slice(-6)) + 1);
    const svcKey = uniqueKey('svc');
    const unknown = bpmnXml(
      svcKey,
      `<bpmn:startEvent id="s"/><bpmn:serviceTask id="x"><bpmn:extensionElements><zeebe:taskDefinition type="send-fax"/></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="e"/>${flow('f1', 's', 'x')}${flow('f2', 'x', 'e')}`,
    );
    // A type Shouwen does not ship is a job for a worker of the team's own (job-workers.test.ts): deployed, with a warning.
    const warned = await e.deploy(unknown);
    expect(warned.statusCode).toBe(201);
    expect(warned.body.warnings).toEqual([expect.objectContaining({ elementId: 'x', code: 'bpmn.serviceTask.externalJob', message: expect.stringContaining('send-fax') }), noNameWarning(svcKey)]);
  });
});

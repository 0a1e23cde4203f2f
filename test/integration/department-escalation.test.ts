import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../engine-harness';

// A step routed to one department (shouwen:candidateDepartment) that passes its due time climbs the
// org tree like any other (首问责任制); its escalation notice goes to the next level's holders of its
// roles who work in that department, the only ones it is offered to there (policy/sql.ts taskOfferedTo).

const PRODUCTION = 'east.production-dept'; // 有关部门 of 华东大区, in 生产部 (made below through 用户管理)
const QUALITY = 'east.department'; // the demo's 有关部门 user of 华东大区 works in 质量管理部

describe('escalation of a department step', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('dept-escalation');
    const made = await e.post('admin', '/api/admin/users', {
      username: PRODUCTION,
      displayName: '华东 生产部',
      unitId: 'east',
      department: 'production',
      password: 'shouwen123',
      roles: [{ role: 'department', unitId: 'east' }],
    });
    expect(made.statusCode, JSON.stringify(made.body)).toBe(201);
  });
  afterAll(async () => e?.close());

  const bell = async (user: string) => {
    const res = await e.stack.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: await e.cookie(user) } });
    return res.json() as { items: Array<{ kind: string; caseId: string }> };
  };
  const escalationsOf = async (user: string, caseId: string) => (await bell(user)).items.filter((n) => n.caseId === caseId && n.kind === 'task.escalated');

  it('tells the next level’s 质量管理部 holder and the owner, not the 生产部 holder there', async () => {
    const key = uniqueKey('dept-esc');
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="s"/>${userTask('fix', { group: 'department', attrs: 'shouwen:candidateDepartment="=&quot;quality&quot;"', ext: '<zeebe:taskSchedule dueDate="PT1S"/>' })}
       <bpmn:endEvent id="e"/>${flow('f1', 's', 'fix')}${flow('f2', 'fix', 'e')}`,
    );
    const deployed = await e.deploy(xml);
    expect(deployed.statusCode, JSON.stringify(deployed.body)).toBe(201);
    const caseId = await e.start('zj.cs_agent', key);
    const [fix] = await e.waitForTasks(caseId, ['fix']);
    // Due in a second: it climbs from 浙江 to 华东大区, still a 质量管理部 step.
    await eventually(async () => ((await escalationsOf(QUALITY, caseId)).length ? true : undefined), 30_000, 'escalation notice to 质量管理部');
    const task = (await e.stack.db.query('SELECT unit_id, candidate_department FROM task WHERE id = $1', [fix!.id])).rows[0];
    expect(task).toMatchObject({ unit_id: 'east', candidate_department: 'quality' });
    expect(await escalationsOf('zj.cs_agent', caseId)).toHaveLength(1); // the owner (首问责任人)
    // Written in the same statement as the 质量管理部 notice: none for 生产部.
    expect(await escalationsOf(PRODUCTION, caseId)).toEqual([]);
    const { rows } = await e.stack.db.query<{ user_id: string }>(`SELECT user_id FROM notification WHERE case_id = $1 AND kind = 'task.escalated' ORDER BY user_id`, [caseId]);
    expect(rows.map((r) => r.user_id)).not.toContain(PRODUCTION);
    expect(rows.map((r) => r.user_id)).toContain(QUALITY);
  });
});

import { compileBpmn } from '../bpmn/compile';
import type { Db } from '../db/pool';

// A history with known answers for the 首页 tests (test/integration/dashboard.test.ts,
// test/security/dashboard.test.ts). Two outlets of their own — A under 浙江 (zj), B under 广东 (gd) —
// with their own managers and process owner, so the shared test database's other cases never count
// for them. Times are relative to now(): the dashboard looks at "now" and the last 30 China days.
//
// C0001 杭州西湖电子 is 秘密 in zj: A's manager (a role in A, below zj) is not cleared for it,
// zj.cs_manager is.

export interface DashboardHistory {
  key: string;
  unitA: string;
  unitB: string;
  /** User ids: A's 客服经理 and 流程管理员, B's 客服经理. */
  managerA: string;
  ownerA: string;
  managerB: string;
  cases: Record<'k1' | 'k2' | 'k3' | 'k4', string>;
  tasks: Record<'o1' | 'o2' | 'o3' | 'o4' | 'o5' | 'o6' | 'd1' | 'd2' | 'd3' | 'd4', string>;
  secretTitle: string;
}

/** A drawn diagram (with DI, so bpmn-js shows it) whose steps are the history's elements. */
function drawnXml(key: string): string {
  const steps: Array<[string, string, string]> = [['start', 'bpmn:startEvent', ''], ['review', 'bpmn:userTask', '审核'], ['recheck', 'bpmn:userTask', '复核'], ['handle', 'bpmn:userTask', '处理'], ['end', 'bpmn:endEvent', '']];
  const x = (i: number) => 100 + i * 160;
  const size = (tag: string) => (tag === 'bpmn:userTask' ? { w: 100, h: 80 } : { w: 36, h: 36 });
  const elements = steps.map(([id, tag, name]) => `<${tag} id="${id}" name="${name}"/>`).join('');
  const flows = steps.slice(1).map(([id], i) => `<bpmn:sequenceFlow id="f${i}" sourceRef="${steps[i]![0]}" targetRef="${id}"/>`).join('');
  const shapes = steps
    .map(([id, tag], i) => {
      const { w, h } = size(tag);
      return `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x(i)}" y="${140 - h / 2}" width="${w}" height="${h}"/></bpmndi:BPMNShape>`;
    })
    .join('');
  const edges = steps
    .slice(1)
    .map((_, i) => `<bpmndi:BPMNEdge id="f${i}_di" bpmnElement="f${i}"><di:waypoint x="${x(i) + size(steps[i]![1]).w}" y="140"/><di:waypoint x="${x(i + 1)}" y="140"/></bpmndi:BPMNEdge>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="defs" targetNamespace="http://shouwen.dev/test"><bpmn:process id="${key}" name="首页测试流程" isExecutable="true">${elements}${flows}</bpmn:process><bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="${key}">${shapes}${edges}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></bpmn:definitions>`;
}

export async function seedDashboardHistory(db: Db, tag: string): Promise<DashboardHistory> {
  const key = `dash-${tag}`;
  const unitA = `da${tag}`;
  const unitB = `db${tag}`;
  for (const [unit, parent, name] of [[unitA, 'zj', '西湖网点'], [unitB, 'gd', '南山网点']] as const) {
    await db.query(
      `INSERT INTO org_unit (id, parent_id, name, name_en, level, path) SELECT $1, p.id, $3, $4, 'outlet', p.path || '/' || $1 FROM org_unit p WHERE p.id = $2`,
      [unit, parent, `${name}${tag}`, `Outlet ${unit}`],
    );
  }
  const users: Array<[string, string, string, string]> = [
    [`${unitA}.cs_manager`, unitA, 'cs_manager', '网点甲经理'],
    [`${unitA}.process_owner`, unitA, 'process_owner', '网点甲流程管理员'],
    [`${unitB}.cs_manager`, unitB, 'cs_manager', '网点乙经理'],
  ];
  for (const [id, unit, role, name] of users) {
    // The demo password, so the tests sign in as everyone else does.
    await db.query(`INSERT INTO app_user (id, username, display_name, password_hash, unit_id) SELECT $1, $1, $2, password_hash, $3 FROM app_user WHERE id = 'zj.cs_agent'`, [id, name, unit]);
    await db.query('INSERT INTO user_role (user_id, role, unit_id) VALUES ($1, $2, $3)', [id, role, unit]);
  }
  // Compiled as a deployment would, so the version's page (which serves its model) reads it.
  const xml = drawnXml(key);
  const compiled = await compileBpmn(xml);
  if (!compiled.ok) throw new Error(`the test diagram does not compile: ${JSON.stringify(compiled.problems)}`);
  for (const v of [1, 2]) {
    await db.query(`INSERT INTO process_definition (key, version, name, hash, xml, model, deployed_by, deployed_at) VALUES ($1, $2, '首页测试流程', $3, $5, $6, 'hq.process_owner', now() - make_interval(days => $4))`, [
      key,
      v,
      `hash-${tag}-${v}`,
      10 - v,
      xml,
      JSON.stringify(compiled.model),
    ]);
  }
  const id = (c: string) => `${key}/${c}`;
  const secretTitle = `西湖电子维修 ${tag}`;
  const cases: Array<[string, number, string, string | null, string, string]> = [
    // case, version, unit, customer, status, title
    ['k1', 1, unitA, 'C0001', 'running', secretTitle],
    ['k2', 1, unitA, null, 'completed', '首页 k2'],
    ['k3', 2, unitA, 'C0002', 'running', '宁波港城 k3'],
    ['k4', 2, unitB, null, 'running', '首页 k4'],
  ];
  for (const [c, version, unit, customer, status, title] of cases) {
    await db.query(
      `INSERT INTO process_case (id, process_key, process_version, business_key, title, status, unit_id, customer_id, started_at, ended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() - interval '6 days', CASE WHEN $6 = 'completed' THEN now() - interval '2 days' END)`,
      [id(c), key, version, `${tag}-${c}`, title, status, unit, customer],
    );
  }
  // Hours relative to now (negative = past); null = none.
  const tasks: Array<[string, string, string, string, string, number, number | null, number | null, string | null, number, string | null, string[]]> = [
    // task, case, element, name, unit, created, due, completed, assignee, escalation level, completed by, candidate users
    // Overdue for years, so it heads every reader's list (zj.cs_manager's too, whatever else the shared database holds); also offered to zj.cs_manager by name.
    ['o1', 'k1', 'review', '审核', unitA, -90_010, -90_000, null, null, 0, null, ['zj.cs_manager']],
    ['o2', 'k3', 'review', '审核', unitA, -10, 1, null, null, 0, null, []], // due soon (1 h of 11 left)
    ['o3', 'k3', 'recheck', '复核', unitA, -1, null, null, null, 0, null, []], // no due time
    ['o4', 'k3', 'handle', '处理', unitA, -1, 72, null, null, 0, null, []], // on time
    ['o5', 'k3', 'handle', '处理', unitA, -1, 72, null, 'zj.cs_agent', 0, null, []], // someone else's
    ['o6', 'k4', 'review', '审核', unitB, -30, -1, null, null, 0, null, []], // B's, overdue
    ['d1', 'k2', 'review', '审核', unitA, -120, -96, -108, null, 0, `${unitA}.cs_manager`, []], // on time, 12 h
    ['d2', 'k2', 'recheck', '复核', unitA, -120, -96, -72, null, 0, `${unitA}.cs_manager`, []], // late, 48 h
    ['d3', 'k1', 'review', '审核', unitA, -48, -36, -24, null, 1, 'zj.cs_manager', []], // escalated once: late, 24 h
    ['d4', 'k2', 'review', '审核', unitA, -1000, -990, -960, null, 0, `${unitA}.cs_manager`, []], // 40 days ago: outside the period
  ];
  const h = (x: number | null) => (x === null ? null : `${x} hours`);
  for (const [t, c, element, name, unit, created, due, completed, assignee, level, by, candidateUsers] of tasks) {
    await db.query(
      `INSERT INTO task (id, case_id, element_id, name, status, unit_id, candidate_roles, candidate_users, assignee_id, due_at, created_at, completed_at, completed_by, escalation_level, outcome)
       VALUES ($1, $2, $3, $4, $5, $6, '{cs_manager}', $7, $8, now() + $9::interval, now() + $10::interval, now() + $11::interval, $12, $13, $14)`,
      [`${id(c)}/${t}`, id(c), element, name, completed === null ? 'open' : 'completed', unit, candidateUsers, assignee, h(due), h(created), h(completed), by, level, completed === null ? null : 'complete'],
    );
  }
  // The auditor's exceptions: d3's escalation 36 h ago, one 40 days ago (too old), and an incident still waiting on k3.
  for (const [t, hoursAgo] of [['d3', 36], ['d4', 990]] as const) {
    await db.query(
      `INSERT INTO case_event (event_key, case_id, kind, task_id, at, payload) VALUES ($1, $2, 'task.escalated', $3, now() - make_interval(hours => $4), $5)`,
      [`${id(t)}/escalated`, id(t === 'd3' ? 'k1' : 'k2'), `${id(t === 'd3' ? 'k1' : 'k2')}/${t}`, hoursAgo, JSON.stringify({ fromUnitId: unitA, toUnitId: 'zj' })],
    );
  }
  // k2's trail for the auditor's playback: 审核 approved with a comment, then 复核, then the end.
  const trail: Array<[string, string | null, string | null, number, Record<string, unknown>]> = [
    // kind, task, actor, hours ago, payload
    ['case.started', null, `${unitA}.cs_manager`, 121, {}],
    ['task.opened', 'd1', null, 120, { elementId: 'review' }],
    ['task.completed', 'd1', `${unitA}.cs_manager`, 108, { outcome: 'approve', comment: '材料齐全，同意' }],
    ['task.opened', 'd2', null, 107, { elementId: 'recheck' }],
    ['task.completed', 'd2', `${unitA}.cs_manager`, 72, { outcome: 'complete' }],
    ['case.ended', null, null, 48, { status: 'completed' }],
  ];
  for (const [i, [kind, t, actor, hoursAgo, payload]] of trail.entries()) {
    await db.query(
      `INSERT INTO case_event (event_key, case_id, kind, task_id, actor_id, at, payload) VALUES ($1, $2, $3, $4, $5, now() - make_interval(hours => $6), $7)`,
      [`${id('k2')}/trail/${i}`, id('k2'), kind, t ? `${id('k2')}/${t}` : null, actor, hoursAgo, JSON.stringify(payload)],
    );
  }
  await db.query(
    `INSERT INTO incident (id, case_id, element_id, element_name, message, raised_at) VALUES ($1, $2, 'review', '审核', 'expression failed', now() - interval '1 hour')`,
    [`${id('k3')}/incident/1`, id('k3')],
  );
  const taskIds = Object.fromEntries(tasks.map(([t, c]) => [t, `${id(c)}/${t}`])) as DashboardHistory['tasks'];
  return {
    key,
    unitA,
    unitB,
    managerA: `${unitA}.cs_manager`,
    ownerA: `${unitA}.process_owner`,
    managerB: `${unitB}.cs_manager`,
    cases: Object.fromEntries(cases.map(([c]) => [c, id(c)])) as DashboardHistory['cases'],
    tasks: taskIds,
    secretTitle,
  };
}

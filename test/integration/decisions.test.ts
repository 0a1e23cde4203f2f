import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, startEngine, uniqueKey, userTask, type Engine } from '../engine-harness';
import { eventually } from '../helpers';

// Issue 13 §3 on the real stack: DMN files deployed through the API and versioned like diagrams;
// a business rule task evaluates the version deployed when its case started (or the latest, when
// the diagram binds to it), and the case's trail says which version, which inputs and which rule.

const dmnWith = async (key: string, aaaLimit: number) =>
  (await readFile('bpmn/decisions/credit-grading.dmn', 'utf8'))
    .replace('id="credit-grading-rules"', `id="${key}"`)
    .replace(/decision id="creditGrade"/, `decision id="${key}_grade"`)
    .replace('<text>2000000</text>', `<text>${aaaLimit}</text>`);

const ruleTask = (decisionId: string, latest: boolean) =>
  `<bpmn:businessRuleTask id="grade" name="评定信用等级"><bpmn:extensionElements><zeebe:calledDecision decisionId="${decisionId}" resultVariable="grading"${latest ? ' bindingType="latest"' : ''}/></bpmn:extensionElements></bpmn:businessRuleTask>`;

/** start → 搜集信用信息 (a person) → 评定 (the decision) → end. */
const diagram = (key: string, decisionId: string, latest = false) =>
  bpmnXml(
    key,
    `<bpmn:startEvent id="start"/>${userTask('collect', { group: 'cs_agent' })}${ruleTask(decisionId, latest)}<bpmn:endEvent id="end"/>
     ${flow('f1', 'start', 'collect')}${flow('f2', 'collect', 'grade')}${flow('f3', 'grade', 'end')}`,
  );

describe('DMN decisions on the real stack', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await startEngine('decisions');
  });
  afterAll(async () => e?.close());

  const deployDmn = (xml: string, user = 'hq.process_owner') => e.post(user, '/api/decisions', { xml });

  it('versions DMN files like diagrams, refuses bad ones naming the rule, and lets only process owners deploy', async () => {
    const key = uniqueKey('rules');
    const v1 = await deployDmn(await dmnWith(key, 2_000_000));
    expect(v1.statusCode, JSON.stringify(v1.body)).toBe(201);
    expect(v1.body.decision).toMatchObject({ key, version: 1, decisionIds: [`${key}_grade`] });
    expect((await deployDmn(await dmnWith(key, 2_000_000))).body).toMatchObject({ created: false, decision: { version: 1 } });
    expect((await deployDmn(await dmnWith(key, 3_000_000))).body).toMatchObject({ created: true, decision: { version: 2 } });

    const broken = (await dmnWith(key, 1)).replace('<text>&lt;= 15</text>', '<text>&lt;= </text>');
    const refused = await deployDmn(broken);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toMatchObject({ code: 'decision.invalid', errors: [{ path: 'body.xml#rule_good', elementId: 'rule_good', code: 'dmn.feel.syntax' }] });
    expect((await deployDmn(await dmnWith(key, 5), 'zj.cs_manager')).statusCode).toBe(403);

    const tried = await e.post('hq.process_owner', `/api/decisions/${key}/evaluate`, { variables: { overdueDays: 0, paymentRate: 1, annualSales: 9e6 } });
    expect(tried.body).toMatchObject({ version: 2, result: { creditGrade: 'AAA', creditLimit: 3_000_000 }, evaluated: [{ matchedRules: [{ id: 'rule_excellent', index: 1 }] }] });
  });

  it('a reviewed file\'s proposal names its review case, and ?inForceBefore= gives the version it would replace (for its diff)', async () => {
    const key = uniqueKey('reviewed');
    await e.stack.db.query(`INSERT INTO decision_review_policy (decision_key, note) VALUES ($1, 'diff test')`, [key]);
    expect((await deployDmn(await dmnWith(key, 2_000_000))).body.decision).toMatchObject({ version: 1, reviewStatus: 'none', reviewCaseId: null });
    const proposed = await deployDmn(await dmnWith(key, 3_000_000));
    expect(proposed.body).toMatchObject({ decision: { version: 2, reviewStatus: 'proposed', reviewCaseId: `decision-change/DMN-${key}-v2` } });
    // A second proposal replaces what is in force (v1), not the pending v2.
    expect((await deployDmn(await dmnWith(key, 4_000_000))).body.decision).toMatchObject({ version: 3, reviewStatus: 'proposed' });
    const get = async (query: string) => {
      const res = await e.stack.app.inject({ method: 'GET', url: `/api/decisions/${key}${query}`, headers: { cookie: await e.cookie('zj.cs_manager') } });
      return { statusCode: res.statusCode, body: res.json() };
    };
    expect((await get('?inForceBefore=3')).body).toMatchObject({ version: 1, reviewStatus: 'none' });
    expect((await get('?version=3')).body).toMatchObject({ version: 3, reviewStatus: 'proposed' });
    expect(await get('?inForceBefore=1')).toMatchObject({ statusCode: 404, body: { code: 'decision.notFound' } });
  });

  it('a pattern the evaluation would refuse: always (exponential) stops the deploy, on long texts only is a warning in Chinese', async () => {
    const key = uniqueKey('patterns');
    const file = (pattern: string) =>
      `<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="${key}" name="备注检查"><decision id="${key}_d" name="退款赔偿备注"><literalExpression id="le"><text>matches(note, "${pattern}")</text></literalExpression></decision></definitions>`;
    const checked = await e.post('hq.process_owner', '/api/decisions/validate', { xml: file('.*退款.*赔偿') });
    expect(checked.body).toMatchObject({ ok: true, problems: [], warnings: [{ elementName: '退款赔偿备注', code: 'dmn.feel.patternTextLimit' }] });
    expect(checked.body.warnings[0].message).toMatch(/^「退款赔偿备注」：matches\(\) 的正则表达式 \.\*退款\.\*赔偿（文字表达式）最坏情况下很慢：用于超过 464 个字符的文本时会被拒绝，决策无法计算/);
    const deployed = await deployDmn(file('.*退款.*赔偿'));
    expect(deployed.statusCode).toBe(201);
    expect(deployed.body.warnings).toEqual([expect.objectContaining({ code: 'dmn.feel.patternTextLimit', params: expect.objectContaining({ maxLength: 464 }) })]);
    const refused = await deployDmn(file('^(a|a)*b$'));
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toMatchObject({ code: 'decision.invalid', errors: [{ path: `body.xml#${key}_d`, code: 'dmn.feel.slowPattern' }] });
    expect(refused.body.errors[0].message).toContain('计算决策时总会被拒绝');
  });

  it('a diagram naming a decision nobody deployed is refused at deploy, naming the task', async () => {
    const res = await e.deploy(diagram(uniqueKey('nodecision'), 'no_such_decision'));
    expect(res.statusCode).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ elementId: 'grade', code: 'bpmn.businessRuleTask.notDeployed' })]);
  });

  it('a case evaluates the rules deployed when it started; bindingType latest takes the newest; the trail says why', async () => {
    const rules = uniqueKey('credit');
    const decisionId = `${rules}_grade`;
    expect((await deployDmn(await dmnWith(rules, 2_000_000))).statusCode).toBe(201);
    const pinnedKey = uniqueKey('pinned');
    const latestKey = uniqueKey('latest');
    expect((await e.deploy(diagram(pinnedKey, decisionId))).statusCode).toBe(201);
    expect((await e.deploy(diagram(latestKey, decisionId, true))).statusCode).toBe(201);
    const variables = { overdueDays: 0, paymentRate: 0.99, annualSales: 8_000_000 };
    const pinned = await e.start('zj.cs_agent', pinnedKey, variables);
    const latest = await e.start('zj.cs_agent', latestKey, variables);
    const [pinnedTask] = await e.waitForTasks(pinned, ['collect']);
    const [latestTask] = await e.waitForTasks(latest, ['collect']);

    // The rules change while both cases wait at 搜集信用信息.
    expect((await deployDmn(await dmnWith(rules, 5_000_000))).body).toMatchObject({ decision: { version: 2 } });
    for (const t of [pinnedTask!, latestTask!]) expect((await e.complete('zj.cs_agent', t.id)).statusCode).toBe(200);

    expect((await e.result(pinned)).variables.grading).toEqual({ creditGrade: 'AAA', creditLimit: 2_000_000 });
    expect((await e.result(latest)).variables.grading).toEqual({ creditGrade: 'AAA', creditLimit: 5_000_000 });

    const trail = await eventually(async () => {
      const { rows } = await e.stack.db.query(`SELECT payload FROM case_event WHERE case_id = $1 AND kind = 'decision.evaluated'`, [pinned]);
      return rows[0]?.payload as Record<string, unknown> | undefined;
    });
    expect(trail).toMatchObject({
      elementId: 'grade',
      decisionId,
      decisionKey: rules,
      version: 1,
      evaluated: [{ inputs: [{ label: '最长逾期天数', value: 0 }, { label: '按期回款率', value: 0.99 }, { label: '年销售额（元）', value: 8_000_000 }], matchedRules: [{ id: 'rule_excellent', index: 1, description: '回款准时、销售额大' }] }],
    });
  });

  it('a UNIQUE table that matches two rules stops the case at an incident naming the decision and the rules', async () => {
    const key = uniqueKey('clash');
    const xml = (await dmnWith(key, 1)).replace('hitPolicy="FIRST"', 'hitPolicy="UNIQUE"');
    expect((await deployDmn(xml)).statusCode).toBe(201);
    const processKey = uniqueKey('clashing');
    expect((await e.deploy(diagram(processKey, `${key}_grade`))).statusCode).toBe(201);
    const caseId = await e.start('zj.cs_agent', processKey, { overdueDays: 0, paymentRate: 1, annualSales: 9e6 });
    const [task] = await e.waitForTasks(caseId, ['collect']);
    await e.complete('zj.cs_agent', task!.id);
    const incident = await eventually(async () => (await e.state(caseId)).incidents[0]);
    expect(incident).toMatchObject({ elementId: 'grade', elementName: '评定信用等级' });
    expect(incident.message).toContain('matched 5 rules (rules 1, 2, 3, 4, 5)');
  });
});

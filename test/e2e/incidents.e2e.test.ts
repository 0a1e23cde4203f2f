import { openMenu } from './header-menu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { createPool, type Db } from '../../db/pool';
import { createTemporalAccess, type TemporalAccess } from '../../server/temporal/client';
import { bpmnXml, flow, timerDuration } from '../bpmn-xml';
import { eventually, login } from '../helpers';
import { signIn, startSite, type Site } from './browser';
import { sharedStack } from '../shared-stack';

// Issue 11 §1 in the console: a case stopped by an incident (a timer whose duration is not a
// duration) is listed under 故障; its process owner opens it, corrects the variable and retries,
// and the case carries on. Someone who may not resolve it is told whom to ask.

describe('故障 in a real browser', () => {
  let site: Site;
  let db: Db;
  let temporal: TemporalAccess;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const key = `e2e-incident-${Date.now().toString(36)}`;
  const unnamedKey = `${key}-unnamed`;
  let caseId: string;
  let unnamedCaseId: string;

  const post = async (user: string, url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, headers: { cookie: await login(app, user) }, payload });
    if (res.statusCode >= 300) throw new Error(`${url} as ${user}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  beforeAll(async () => {
    site = await startSite('e2e-incidents');
    db = createPool(sharedStack().databaseUrl, 2);
    temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue: site.taskQueue });
    app = await buildApp({ db, temporal });
    const xml = bpmnXml(
      key,
      `<bpmn:startEvent id="start"/><bpmn:intermediateCatchEvent id="wait" name="等待客户回复">${timerDuration('=delay')}</bpmn:intermediateCatchEvent><bpmn:endEvent id="end"/>
       ${flow('f1', 'start', 'wait')}${flow('f2', 'wait', 'end')}`,
    );
    await post('hq.process_owner', '/api/processes', { xml, changeNote: '测试部署' });
    caseId = (await post('zj.cs_agent', '/api/cases', { processKey: key, title: '浏览器测试 故障重试', variables: { delay: '三天' } })).id;
    // The same stop at a timer nobody named: the console says it by its kind, never by its id.
    const unnamed = bpmnXml(
      unnamedKey,
      `<bpmn:startEvent id="start"/><bpmn:intermediateCatchEvent id="Event_0x9fwait">${timerDuration('=delay')}</bpmn:intermediateCatchEvent><bpmn:endEvent id="end"/>
       ${flow('f1', 'start', 'Event_0x9fwait')}${flow('f2', 'Event_0x9fwait', 'end')}`,
    );
    await post('hq.process_owner', '/api/processes', { xml: unnamed, changeNote: '测试部署' });
    unnamedCaseId = (await post('zj.cs_agent', '/api/cases', { processKey: unnamedKey, title: '浏览器测试 未命名的定时器', variables: { delay: '三天' } })).id;
    await eventually(async () => (await db.query(`SELECT 1 FROM incident WHERE case_id = $1 AND resolved_at IS NULL`, [caseId])).rowCount || undefined, 20_000, 'the incident');
    await eventually(async () => (await db.query(`SELECT 1 FROM incident WHERE case_id = $1 AND resolved_at IS NULL`, [unnamedCaseId])).rowCount || undefined, 20_000, 'the second incident');
  });
  afterAll(async () => {
    // The unnamed timer's case leaves no open incident behind for the other browser tests.
    const open = unnamedCaseId ? (await db.query(`SELECT id FROM incident WHERE case_id = $1 AND resolved_at IS NULL`, [unnamedCaseId])).rows : [];
    for (const { id } of open) await post('hq.process_owner', `/api/cases/${encodeURIComponent(unnamedCaseId)}/incidents/${encodeURIComponent(id)}/resolve`, { action: 'cancel', comment: '测试结束' });
    await app?.close();
    await temporal?.close();
    await db?.end();
    await site?.close();
  });

  it('the agent sees why the case waits and whom to ask; no buttons', async () => {
    const page = await signIn(site, 'zj.cs_agent');
    await page.goto(`${site.url}/cases/${encodeURIComponent(caseId)}`);
    await page.getByRole('alert').getByText('「等待客户回复」发生故障，案例在此等待处理').waitFor();
    await page.getByText('请联系流程负责人处理').waitFor();
    expect(await page.getByRole('button', { name: /^重\s?试$/ }).count()).toBe(0);
    // Why, in Chinese; the engine's English line is not shown to them, not even folded away.
    await page.getByRole('alert').getByText('「等待客户回复」的定时设置无效，无法算出到期时间。').waitFor();
    expect(await page.getByRole('alert').filter({ hasText: '等待客户回复' }).textContent()).not.toMatch(/ISO 8601|timer value|wait:/);
    expect(await page.getByText('技术详情').count()).toBe(0);
    await page.context().close();
  });

  it('the process owner finds it under 故障, corrects the variable and retries; the case carries on', async () => {
    const page = await signIn(site, 'hq.process_owner');
    await openMenu(page, /故障/);
    await page.waitForURL(/\/incidents/);
    // The list: the step by name, else by its kind, and why in Chinese; the engine's line folded under 技术详情.
    const row = page.getByRole('row').filter({ hasText: '浏览器测试 故障重试' });
    await row.getByText('「等待客户回复」的定时设置无效，无法算出到期时间。').waitFor();
    const unnamedRow = page.getByRole('row').filter({ hasText: '浏览器测试 未命名的定时器' });
    await unnamedRow.getByRole('cell', { name: '未命名的中间捕获事件', exact: true }).waitFor();
    await unnamedRow.getByText('未命名的中间捕获事件的定时设置无效，无法算出到期时间。').waitFor();
    expect(await unnamedRow.textContent()).not.toMatch(/Event_0x9fwait|ISO 8601/);
    await unnamedRow.getByText('技术详情').click();
    await unnamedRow.getByText('Event_0x9fwait: timer value "三天" is not a valid ISO 8601 duration').waitFor();
    await page.getByRole('link', { name: '浏览器测试 故障重试' }).click();
    await page.getByRole('alert').getByText('「等待客户回复」发生故障，案例在此等待处理').waitFor();
    await page.getByRole('button', { name: /^重\s?试$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('修正流程变量（可选）').fill('{"delay": "不是 JSON');
    await dialog.getByRole('button', { name: /^重\s?试$/ }).click();
    await dialog.getByText('请填写一个 JSON 对象').waitFor();
    await dialog.getByLabel('修正流程变量（可选）').fill('{"delay": "PT1S"}');
    await dialog.getByRole('button', { name: /^重\s?试$/ }).click();
    await page.getByText('已重试').waitFor();
    await page.getByRole('alert').getByText('「等待客户回复」发生故障').waitFor({ state: 'detached' });
    const status = await eventually(async () => ((await db.query(`SELECT status FROM process_case WHERE id = $1`, [caseId])).rows[0]?.status === 'completed' ? 'completed' : undefined), 20_000, 'the case to complete');
    expect(status).toBe('completed');
    const resolved = (await db.query(`SELECT resolution, resolved_by FROM incident WHERE case_id = $1`, [caseId])).rows;
    expect(resolved).toEqual([{ resolution: 'retry', resolved_by: 'hq.process_owner' }]);
    await page.context().close();
  });
});

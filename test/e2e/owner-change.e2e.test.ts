import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Db } from '../../db/pool';
import { buildApp } from '../../server/app';
import { createTemporalAccess, type TemporalAccess } from '../../server/temporal/client';
import { sharedStack } from '../shared-stack';
import { apiSteps } from './api-steps';
import { signIn, startSite, type Site } from './browser';
import { expectCaseStatus, expectGoneFromInbox, openCase, openConsole, openProcessEditor, openTask, signInAs, switchUser, waitRefreshing } from './console-steps';

// Issue 18's own browser test: a 流程负责人 changes the complaint process in the browser — a 总经理审批
// step with a form of its own made in the form editor, put into the approval chain, a field of an
// existing step's form relabelled, a step's time limit (N 个工作日) changed — reads the diff, deploys
// with a change note; a complaint started afterwards takes the new step while one started before
// finishes on its version without it.
//
// The complaint is this test's own copy of the deployed 客户投诉管理流程 (its own key and name): the
// database is shared with the other browser tests, which walk the shipped complaint and would meet a
// 总经理审批 step they do not expect (a deploy cannot be undone: the same content maps to the old version).

const OWNER = 'hq.process_owner';
const AGENT = 'zj.cs_agent';
const DEPT = 'zj.department';
const MANAGER = 'zj.cs_manager';
const GM = 'zj.general_manager';
const run = Date.now().toString(36);
const KEY = `complaint-owner-${run}`;
const NAME = `投诉处理（负责人改版 ${run}）`;
const GM_FORM = 'complaint-gm-approval';
const NOTES_BEFORE = '协商记录（客户意见）';
const NOTES_AFTER = '协商记录（客户意见及要求）';

// Form data satisfying each step's form (as test/integration/processes/complaint.test.ts).
const REGISTER = {
  customerName: '宁波港城贸易有限公司',
  phone: '0574-88886666',
  receivedAt: new Date().toISOString(),
  complaintChannel: 'hotline',
  severity: 'serious',
  complaintContent: '新购净水器安装三天后漏水，地板受损。',
  customerRequest: '更换新机并赔偿地板损失',
};
const INVESTIGATION = { investigationFindings: '进水接头密封圈破损', causeAnalysis: '同批次密封圈来料不良', causeType: 'own', responsibleDepartment: 'quality', responsiblePerson: '李工' };
const SOLUTION = () => ({ solutionPlan: '更换新机，赔偿地板损失 800 元', solutionDeadline: new Date(Date.now() + 72 * 3_600_000).toISOString(), compensationAmount: 800 });

/** A properties-panel group opened (a click on an open group's header would close it) until `field` shows. */
async function openGroup(page: Page, header: Locator, field: Locator): Promise<void> {
  if (!(await field.isVisible())) await header.click();
  await field.waitFor();
}

describe('a process owner changes the complaint process in the browser (issue 18)', () => {
  let site: Site;
  let db: Db;
  let temporal: TemporalAccess;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const { post, get, openTask: openTaskId, complete } = apiSteps(() => app, () => db);
  const decide = async (user: string, caseId: string, elementId: string, outcome: string, data: object, comment?: string) =>
    post(user, `/api/tasks/${encodeURIComponent(await openTaskId(caseId, elementId))}/complete`, { outcome, data, ...(comment ? { comment } : {}) });
  /** 受理投诉 → 转交处理 (属实) → 调查 → 提出处理方案: the case then waits at 客服经理审批. */
  const toManagerApproval = async (caseId: string) => {
    await complete(AGENT, caseId, 'Activity_RegisterComplaint', REGISTER);
    await complete(AGENT, caseId, 'Activity_Triage', { preliminaryAnalysis: '漏水属实，疑为接头质量问题', isValid: true });
    await complete(DEPT, caseId, 'Activity_Investigate', INVESTIGATION);
    await complete(DEPT, caseId, 'Activity_ProposeSolution', SOLUTION());
    await openTaskId(caseId, 'Activity_ManagerApproval');
  };

  beforeAll(async () => {
    site = await startSite('e2e-owner-change');
    db = createPool(sharedStack().databaseUrl, 3);
    temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue: site.taskQueue });
    app = await buildApp({ db, temporal });
  });
  afterAll(async () => {
    await app?.close();
    await temporal?.close();
    await db?.end();
    await site?.close();
  });

  it('adds 总经理审批 with its own form, relabels a field, changes a time limit, deploys; a new case takes the step, an older one finishes without it', async () => {
    // The complaint as deployed, copied under this test's key: version 1.
    const owner = await signIn(site, OWNER);
    const api = async (path: string) => {
      const res = await owner.request.get(`${site.url}${path}`);
      expect(res.status(), path).toBe(200);
      return res.json();
    };
    const latest = (await api('/api/processes/complaint/versions')).items[0].version as number;
    const shipped = await api(`/api/processes/complaint/versions/${latest}`);
    const xml = (shipped.xml as string).replace('id="complaint"', `id="${KEY}"`).replace('processRef="complaint"', `processRef="${KEY}"`).replaceAll('name="客户投诉管理流程"', `name="${NAME}"`);
    const v1 = await post(OWNER, '/api/processes', { xml, forms: shipped.forms, changeNote: '第一版（复制自客户投诉管理流程）' });
    expect(v1.process.version).toBe(1);

    // An older complaint, on version 1, waiting for the 客服经理.
    const older = await post(AGENT, '/api/cases', { processKey: KEY, title: `旧版投诉 ${run}`, customerId: 'C0002' });
    expect(older.processVersion).toBe(1);
    await toManagerApproval(older.id);

    // ——— the owner's part, in the browser ———
    const startedAt = Date.now();
    await openProcessEditor(owner, `${site.url}/processes/${KEY}/edit`);
    await owner.getByRole('heading', { name: `编辑流程 ${NAME}` }).waitFor();
    const canvas = owner.locator('.sw-editor-canvas');
    const shape = (id: string) => canvas.locator(`g.djs-element[data-element-id="${id}"] .djs-hit`).first();
    /** Selects an element: a click beside the diagram first (a click on the element already selected would unselect it). */
    const select = async (id: string) => {
      const box = (await canvas.boundingBox())!;
      await owner.mouse.click(box.x + box.width - 10, box.y + box.height - 10);
      await expect.poll(() => owner.locator('.bio-properties-panel-header-type').textContent()).not.toBe('人工任务');
      await shape(id).click();
      await expect.poll(() => owner.locator('.bio-properties-panel-header-type').textContent()).toBe('人工任务');
    };
    const groupHeader = (title: string) => owner.locator('.bio-properties-panel-group-header', { has: owner.getByText(title, { exact: true }) });

    // A user task from the palette dropped on the 通过 flow between 审批通过？ and 告知协商: bpmn-js splits the flow.
    const flow = (await shape('Flow_Approved').boundingBox())!;
    await owner.locator('.djs-palette .entry[data-action="create.user-task"]').click();
    const drop = { x: flow.x + flow.width / 2, y: flow.y + flow.height / 2 };
    await owner.mouse.move(drop.x + 40, drop.y, { steps: 4 });
    await owner.mouse.move(drop.x, drop.y, { steps: 4 });
    await owner.mouse.click(drop.x, drop.y);
    await expect.poll(() => owner.locator('.bio-properties-panel-header-type').textContent()).toBe('人工任务');
    if (await owner.locator('.djs-direct-editing-parent').isVisible()) await owner.keyboard.press('Escape');
    const idInput = owner.locator('#bio-properties-panel-id');
    const nameInput = owner.locator('#bio-properties-panel-name');
    await openGroup(owner, groupHeader('常规'), nameInput);
    const gmTask = await idInput.inputValue();
    expect(gmTask).toMatch(/^Activity_/);
    await nameInput.fill('总经理审批');
    // its candidates: the org model's 总经理 role; one outcome, 同意
    const settings = owner.locator('.bio-properties-panel-group', { has: groupHeader('首问任务设置') });
    const role = settings.getByLabel('候选角色（zeebe:candidateGroups）');
    await openGroup(owner, groupHeader('首问任务设置'), role);
    await role.selectOption({ label: '总经理（general_manager）' });
    await settings.getByLabel('结果按钮（shouwen:outcomes）').fill('approve');

    // Its own form, made in the form editor: a required 总经理意见 text area.
    await owner.getByRole('button', { name: /表\s*单/ }).click();
    const drawer = owner.locator('.ant-drawer');
    await drawer.getByText('本流程的表单').waitFor();
    await drawer.getByRole('button', { name: /新建表单/ }).click();
    await drawer.getByLabel('表单标识').fill(GM_FORM);
    await drawer.getByRole('button', { name: /创\s*建/ }).click();
    const editor = owner.locator('.sw-form-editor-main');
    await editor.locator('.fjs-palette').waitFor();
    await editor.locator('.fjs-palette-field[data-field-type="textarea"]').focus();
    await owner.keyboard.press('Enter');
    const panel = editor.locator('.fjs-editor-properties-container');
    const label = panel.locator('#bio-properties-panel-label');
    await editor.locator('.fjs-form-container .fjs-element').filter({ hasText: /^\s*Text area\s*$/ }).last().click();
    await label.waitFor({ state: 'attached' });
    await openGroup(owner, panel.locator('.bio-properties-panel-group-header', { hasText: '常规' }), label);
    await label.fill('总经理意见');
    await panel.locator('#bio-properties-panel-key').fill('gmOpinion');
    const required = panel.locator('#bio-properties-panel-required');
    await openGroup(owner, panel.locator('.bio-properties-panel-group-header', { hasText: '校验' }), required);
    await required.check();
    await owner.locator('.sw-form-editor-preview .fjs-form').getByText('总经理意见').waitFor();
    await drawer.getByRole('button', { name: /返回表单列表/ }).click();

    // A field of an existing step's form (告知协商) relabelled.
    await drawer.getByRole('button', { name: '编辑 「告知协商」的表单' }).click();
    await editor.locator('.fjs-form-container .fjs-element', { has: owner.locator('label.fjs-form-field-label', { hasText: NOTES_BEFORE }) }).last().click();
    await openGroup(owner, panel.locator('.bio-properties-panel-group-header', { hasText: '常规' }), label);
    await expect.poll(() => label.textContent()).toBe(NOTES_BEFORE);
    await label.fill(NOTES_AFTER);
    await owner.locator('.sw-form-editor-preview .fjs-form').getByText(NOTES_AFTER).waitFor();
    await drawer.getByRole('button', { name: /返回表单列表/ }).click();
    await drawer.getByText('已修改').first().waitFor();
    await owner.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // The new step shows the new form (the 首问 group's picker).
    await select(gmTask);
    const picker = owner.locator('select#bio-properties-panel-shouwen-form');
    await openGroup(owner, groupHeader('首问'), picker);
    await picker.selectOption(GM_FORM);

    // An SLA: 调查投诉案件 from 1 to 2 working days.
    await select('Activity_Investigate');
    await expect.poll(() => nameInput.inputValue()).toBe('调查投诉案件并确定负责人');
    const due = settings.getByLabel('期限（N 个工作日，shouwen:dueWorkingDays）');
    await openGroup(owner, groupHeader('首问任务设置'), due);
    expect(await due.inputValue()).toBe('1');
    await due.fill('2');

    // 部署: the diff against v1, the running case named, the change note.
    await owner.getByRole('button', { name: /部\s*署/ }).click();
    const dialog = owner.getByRole('dialog', { name: '部署新版本' });
    await dialog.getByText('与已部署的最新版本 v1 对比').waitFor();
    const changes = dialog.getByRole('list', { name: '改动列表' });
    const added = changes.locator('li', { hasText: '人工任务「总经理审批」' });
    await added.waitFor();
    expect(await added.locator('.ant-tag').first().textContent()).toBe('新增');
    await changes.getByText('期限（工作日）：1 → 2').waitFor();
    // the added step coloured on the new diagram
    expect(await dialog.locator(`.djs-element.sw-diff-added[data-element-id="${gmTask}"]`).count()).toBeGreaterThan(0);
    const formChanges = dialog.getByRole('list', { name: '表单改动' });
    await formChanges.getByText('总经理审批的表单').waitFor();
    await formChanges.getByText('新增字段「总经理意见」（多行文本，必填）').waitFor();
    await formChanges.getByText(`字段「${NOTES_AFTER}」的标签：${NOTES_BEFORE} → ${NOTES_AFTER}`).waitFor();
    await dialog.getByText(/运行中的案例：v1 1 个/).waitFor();
    await dialog.getByRole('textbox').fill('增加总经理审批（总经理意见必填）；告知协商的协商记录改名；调查时限改为 2 个工作日');
    await dialog.getByRole('button', { name: '确认部署' }).click();
    await owner.waitForURL(new RegExp(`/processes\\?key=${KEY}&version=2`));
    await owner.getByRole('list', { name: `${NAME} 的版本` }).getByText(/变更说明：增加总经理审批/).waitFor();
    console.log(`流程负责人在浏览器中的操作（打开编辑器到部署完成）用时 ${((Date.now() - startedAt) / 1000).toFixed(1)} 秒`);
    await owner.context().close();

    // What was deployed: the step between 审批通过？ and 告知协商 with its form, the new limit; v1 untouched.
    const v2 = await get(OWNER, `/api/processes/${KEY}/versions/2`);
    expect(v2.model.elements[gmTask]).toMatchObject({ name: '总经理审批', candidateGroups: ['general_manager'], formId: GM_FORM, outcomes: ['approve'] });
    expect(Object.values(v2.model.flows)).toEqual(expect.arrayContaining([
      expect.objectContaining({ source: 'Gateway_Approved', target: gmTask }),
      expect.objectContaining({ source: gmTask, target: 'Activity_Negotiate' }),
    ]));
    expect(v2.model.elements.Activity_Investigate.due).toEqual({ kind: 'workingDays', days: 2 });
    expect(v2.forms[GM_FORM].components).toEqual([expect.objectContaining({ type: 'textarea', key: 'gmOpinion', label: '总经理意见', validate: expect.objectContaining({ required: true }) })]);
    const v1After = await get(OWNER, `/api/processes/${KEY}/versions/1`);
    expect(v1After.model.elements[gmTask]).toBeUndefined();
    expect(v1After.model.elements.Activity_Investigate.due).toEqual({ kind: 'workingDays', days: 1 });

    // A complaint started now runs version 2 and, once the 客服经理 approves, reaches the 总经理.
    const newer = await post(AGENT, '/api/cases', { processKey: KEY, title: `新版投诉 ${run}`, customerId: 'C0002' });
    expect(newer.processVersion).toBe(2);
    await toManagerApproval(newer.id);
    await decide(MANAGER, newer.id, 'Activity_ManagerApproval', 'approve', { approvalOpinion: '同意' }, '同意');
    // The older one, approved too, goes straight on to 告知协商 on version 1 and is walked to its end.
    await decide(MANAGER, older.id, 'Activity_ManagerApproval', 'approve', { approvalOpinion: '同意' }, '同意');
    await complete(AGENT, older.id, 'Activity_Negotiate', { customerAgreed: true, negotiationNotes: '客户同意换机及赔偿' });
    await complete(DEPT, older.id, 'Activity_ImplementSolution', { implementationResult: '已上门换机并支付赔偿 800 元', customerNotified: true });
    await complete(AGENT, older.id, 'Activity_Feedback', { satisfied: true, satisfactionScore: 5, customerComments: '处理及时' });
    await complete(DEPT, older.id, 'Activity_Summarize', { summary: '密封圈来料不良导致漏水，已换机赔偿' });

    // The 总经理 finds the step in 待办, with the new form's field, and approves.
    const page = await openConsole(site);
    await signInAs(page, GM);
    const gmForm = await openTask(page, newer, '总经理审批');
    await gmForm.input('总经理意见').waitFor();
    // required: 同意 with it empty is refused on the form, nothing sent
    await page.locator('.sw-outcome-bar').getByRole('button', { name: /同\s*意/ }).click();
    const fieldError = gmForm.root.locator('.fjs-form-field-error');
    await fieldError.first().waitFor();
    expect(await fieldError.first().textContent()).toBe('此项为必填项。');
    await gmForm.fill('总经理意见', '同意换机并赔偿，注意来料检验');
    // form-js takes typed text in after a short debounce: its error goes once it has
    await fieldError.first().waitFor({ state: 'detached' });
    await gmForm.decide('同意');
    await expectGoneFromInbox(page, newer, '总经理审批');

    // The agent's 告知协商 on version 2 shows the relabelled field.
    await switchUser(page, AGENT);
    const negotiation = await openTask(page, newer, '告知协商');
    await negotiation.input(NOTES_AFTER).waitFor();
    expect(await negotiation.root.getByText(NOTES_BEFORE, { exact: true }).count()).toBe(0);
    // its case page names the 总经理's step among those done
    await openCase(page, newer);
    await waitRefreshing(page, page.getByText('总经理审批').first());

    // The older case finished on version 1: 已完成, and no 总经理审批 anywhere on its page.
    await openCase(page, older);
    await expectCaseStatus(page, '已完成');
    await page.getByText('流程实例已结束').waitFor();
    expect(await page.getByText('总经理审批').count()).toBe(0);
    expect((await get(AGENT, `/api/cases/${encodeURIComponent(older.id)}`)).case.processVersion).toBe(1);
    expect((await get(AGENT, `/api/cases/${encodeURIComponent(newer.id)}`)).case.processVersion).toBe(2);
    await page.context().close();
  });
});

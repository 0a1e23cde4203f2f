import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildApp } from '../../server/app';
import { createPool } from '../../db/pool';
import { createTemporalAccess } from '../../server/temporal/client';
import { bpmnXml, flow, uniqueKey } from '../engine-harness';
import { eventually, login } from '../helpers';
import { signIn, startSite, type Site } from './browser';
import { sharedStack } from '../shared-stack';

// Only the actions you may take: for each role, the buttons the console shows on the inbox, the
// task page, the case page and the processes page are exactly those the API accepts from it.

type Role = 'zj.cs_agent' | 'zj.cs_manager' | 'hq.process_owner' | 'hq.auditor' | 'admin';

/** What each role may do with the two cases below (the API's rules: policy/, the permission tests). */
const EXPECTED: Record<Role, { seesTask: boolean; decides: boolean; starts: boolean; registers: boolean; edits: boolean }> = {
  // The agent started the approval, which is offered to managers; the signature is the agent's to register.
  'zj.cs_agent': { seesTask: false, decides: false, starts: true, registers: true, edits: false },
  'zj.cs_manager': { seesTask: true, decides: true, starts: true, registers: false, edits: false },
  'hq.process_owner': { seesTask: false, decides: false, starts: true, registers: false, edits: true },
  // Auditors read everything and change nothing.
  'hq.auditor': { seesTask: true, decides: false, starts: false, registers: false, edits: false },
  // Admins read every task but are offered none of these; they may send any message.
  admin: { seesTask: true, decides: false, starts: true, registers: true, edits: true },
};

describe('each role sees exactly the actions it may take', () => {
  let site: Site;
  let approval: { caseId: string; businessKey: string; taskId: string };
  let signatureCaseId: string;
  const api = { app: undefined as Awaited<ReturnType<typeof buildApp>> | undefined, close: async () => undefined as unknown };

  beforeAll(async () => {
    site = await startSite('e2e-actions');
    const db = createPool(sharedStack().databaseUrl, 2);
    const temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue: site.taskQueue });
    api.app = await buildApp({ db, temporal });
    api.close = async () => {
      await api.app?.close();
      await temporal.close();
      await db.end();
    };
    const post = async (user: string, url: string, payload: object) => api.app!.inject({ method: 'POST', url, headers: { cookie: await login(api.app!, user) }, payload });

    const started = await post('zj.cs_agent', '/api/cases', { processKey: 'demo-approval', title: '按钮测试 退货审批' });
    expect(started.statusCode).toBe(201);
    const { id: caseId, businessKey } = started.json();
    const taskId = await eventually(async () => (await db.query<{ id: string }>(`SELECT id FROM task WHERE case_id = $1 AND status = 'open'`, [caseId])).rows[0]?.id);
    approval = { caseId, businessKey, taskId };

    // A case waiting for the customer's signature, which the case unit's agents register (登记).
    const signKey = uniqueKey('actions-sign');
    const xml = bpmnXml(
      signKey,
      `<bpmn:startEvent id="s"/>
       <bpmn:intermediateCatchEvent id="signed" name="客户签字" shouwen:candidateGroups="cs_agent"><bpmn:extensionElements><zeebe:ioMapping>
         <zeebe:output source="=signedBy" target="signedBy"/></zeebe:ioMapping></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
       <bpmn:endEvent id="e"/>${flow('f1', 's', 'signed')}${flow('f2', 'signed', 'e')}`,
      '',
      '<bpmn:message id="m" name="customer-signed"/>',
    );
    expect((await post('hq.process_owner', '/api/processes', { xml, changeNote: '测试部署' })).statusCode).toBe(201);
    const waiting = await post('zj.cs_agent', '/api/cases', { processKey: signKey, title: '按钮测试 等待签字' });
    expect(waiting.statusCode).toBe(201);
    signatureCaseId = waiting.json().id;
  });
  afterAll(async () => {
    await api.close();
    await site?.close();
  });

  // An antd button's accessible name starts with its icon's label ("check 同意"), hence the loose patterns.
  const count = (page: Page, role: 'button' | 'checkbox', name: string | RegExp) => page.getByRole(role, { name }).count();

  for (const [user, may] of Object.entries(EXPECTED) as Array<[Role, (typeof EXPECTED)[Role]]>) {
    it(`${user}: inbox, task page, case page and processes page offer only what the API allows`, async () => {
      const page = await signIn(site, user);
      try {
        // 待办: the approval's row, with quick ✓ / ✗ and a checkbox only for whoever may decide it.
        await page.locator('.ant-table-tbody .ant-table-row, .ant-table-tbody .ant-empty').first().waitFor();
        const row = page.getByRole('row', { name: new RegExp(approval.businessKey) });
        if (may.seesTask) {
          await row.waitFor();
          const label = `客服经理审批 · ${approval.businessKey}`;
          expect(await count(page, 'button', `同意: ${label}`), 'quick approve').toBe(may.decides ? 1 : 0);
          expect(await count(page, 'button', `驳回: ${label}`), 'quick reject').toBe(may.decides ? 1 : 0);
          expect(await row.getByRole('checkbox').count(), 'row checkbox').toBe(may.decides ? 1 : 0);
        } else {
          expect(await row.count()).toBe(0);
        }

        // The task page: outcome buttons, the comment box, claim and delegate only for whoever may use them.
        await page.goto(`${site.url}/tasks/${encodeURIComponent(approval.taskId)}`);
        if (may.seesTask) {
          await page.getByRole('heading', { name: '客服经理审批' }).waitFor();
          await page.getByText(/^评论 \(\d+\)$/).waitFor();
          const n = may.decides ? 1 : 0;
          expect(await count(page, 'button', /同意/), '同意').toBe(n);
          expect(await count(page, 'button', /驳回/), '驳回').toBe(n);
          expect(await count(page, 'button', /认领$/), '认领').toBe(n);
          expect(await count(page, 'button', /转办$/), '转办').toBe(n);
          expect(await count(page, 'button', /添加评论$/), '添加评论').toBe(n);
          expect(await page.locator('#sw-task-comment, #sw-new-comment').count(), 'comment boxes').toBe(2 * n);
        } else {
          await page.getByText('您无权查看此任务').waitFor();
        }

        // The case page: 登记 only for whoever may register the signature.
        await page.goto(`${site.url}/cases/${encodeURIComponent(signatureCaseId)}`);
        await page.getByTestId('awaited-messages').waitFor();
        expect(await count(page, 'button', /登记/), '登记').toBe(may.registers ? 1 : 0);

        // 案例: 新建 for everyone who may start a case.
        await page.goto(`${site.url}/cases`);
        await page.locator('.ant-table-tbody .ant-table-row, .ant-table-tbody .ant-empty').first().waitFor();
        expect(await count(page, 'button', /新建$/), '新建').toBe(may.starts ? 1 : 0);
        // Exporting is reading: every role, masked for it as its list is.
        expect(await page.getByRole('link', { name: /导出 CSV/ }).count(), '导出 CSV').toBe(1);

        // 流程: the editor's entry points for process owners and admins.
        await page.goto(`${site.url}/processes`);
        await page.getByRole('button', { name: /查看/ }).first().waitFor();
        expect(await count(page, 'button', /新建流程/), '新建流程').toBe(may.edits ? 1 : 0);
        expect(await page.getByRole('button', { name: /^编辑 / }).count() > 0, '编辑').toBe(may.edits);
      } finally {
        await page.context().close();
      }
    });
  }
});

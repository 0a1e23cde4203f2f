import { readFileSync } from 'node:fs';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPool, type Db } from '../../db/pool';
import { createSandboxWorker } from '../../programs/worker/create-worker';
import { signIn, startSite, type Site } from './browser';
import { openProcessEditor } from './console-steps';
import { sharedStack } from '../shared-stack';

// 试运行 (issue 18 §8) as a process owner meets it: the draft on the canvas played in the sandbox,
// its token shown on the diagram, its step completed as a chosen role, to its end — and no case of
// it anywhere in the console.

const source = readFileSync(new URL('../../bpmn/processes/demo-approval.bpmn', import.meta.url), 'utf8');

describe('试运行 in the 流程 editor', () => {
  let site: Site;
  let sandbox: { worker: Worker; run: Promise<void>; connection: NativeConnection; db: Db };
  beforeAll(async () => {
    site = await startSite('e2e-play');
    // The worker process serves the sandbox queue beside the case queue (programs/worker/main.ts).
    const db = createPool(sharedStack().databaseUrl, 2);
    const connection = await NativeConnection.connect({ address: sharedStack().temporalAddress });
    const worker = await createSandboxWorker({ connection, namespace: 'default', taskQueue: site.taskQueue, db, workflowBundlePath: inject('workflowBundlePath') });
    sandbox = { worker, run: worker.run(), connection, db };
  });
  afterAll(async () => {
    if (sandbox) {
      if (sandbox.worker.getState() === 'RUNNING') sandbox.worker.shutdown();
      await sandbox.run;
      await sandbox.connection.close();
      await sandbox.db.end();
    }
    await site?.close();
  });

  it('a draft played through to its end', async () => {
    const page = await signIn(site, 'hq.process_owner');
    const key = `e2e-play-${Date.now().toString(36)}`;
    const xml = source.replaceAll('"demo-approval"', `"${key}"`).replace('name="简单审批"', 'name="试运行审批"');
    const deployed = await page.request.post(`${site.url}/api/processes`, { data: { xml, changeNote: '试运行测试' }, headers: { 'x-shouwen-request': '1' } });
    expect(deployed.status(), await deployed.text()).toBe(201);

    await openProcessEditor(page, `${site.url}/processes/${key}/edit`);
    await page.getByRole('button', { name: /试运行/ }).click();
    const drawer = page.getByRole('dialog', { name: '试运行' });
    await drawer.getByText('试运行在沙箱中进行').waitFor();
    await drawer.getByRole('textbox', { name: '样例变量（JSON）' }).fill('{"amount": 500}');
    await drawer.getByRole('button', { name: '开始试运行' }).click();

    // The token waits at the approval step: outlined on the diagram, offered as a step to play.
    const step = drawer.locator('.ant-card', { hasText: '待办：客服经理审批' });
    await step.waitFor();
    await drawer.locator('g.djs-element.sw-active[data-element-id="Approve"]').first().waitFor();
    await drawer.getByText('进行中').waitFor();

    // A reload loses nothing: 试运行 opens again on the same run, still waiting at the step.
    await page.reload();
    await page.locator('.sw-editor-canvas .djs-container').waitFor();
    await page.getByRole('button', { name: /试运行/ }).click();
    await step.waitFor();
    await drawer.getByText('进行中').waitFor();
    // The outcome by its label, never its id.
    expect(await step.getByRole('button').allTextContents()).not.toContain('以客服经理角色：approve');
    await step.getByRole('button', { name: '以客服经理角色：同意' }).click();

    await drawer.getByText('已走完').waitFor();
    await drawer.getByText('试运行已结束').waitFor();
    expect(await drawer.locator('g.djs-element.sw-active').count()).toBe(0);

    // Nothing of it reached the product: no case of the process, no step in anyone's list.
    const cases = await page.request.get(`${site.url}/api/cases?processKey=${key}`);
    expect(cases.status()).toBe(200);
    expect(JSON.stringify(await cases.json())).not.toContain(key);
    await page.context().close();
  });
});

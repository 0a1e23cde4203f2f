import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, uniqueKey, userTask } from '../bpmn-xml';
import { chooseOption } from './antd-select';
import { signIn, startSite, type Site } from './browser';

// Issue 18 item 7 in the console: a process owner moves a running case to the new version from
// the 流程 page — dry run, a mapping for a step the new version renamed, the move with a note —
// and the case's history says who moved it where.

const named = (id: string, name: string) => userTask(id).replace(`name="${id}"`, `name="${name}"`);
const v1 = (key: string) => bpmnXml(key, `<bpmn:startEvent id="s"/>${named('review', '审核')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'review')}${flow('f2', 'review', 'e')}`);
const v2 = (key: string) => bpmnXml(key, `<bpmn:startEvent id="s"/>${named('check', '复核')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'check')}${flow('f2', 'check', 'e')}`);

describe('迁移运行中的案例 on the 流程 page in a real browser', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite('e2e-migration');
  });
  afterAll(async () => site?.close());

  it('a process owner dry-runs, maps the renamed step, moves the case with a note, and the case history shows it', async () => {
    const key = uniqueKey('migrate');
    const page = await signIn(site, 'hq.process_owner');
    const post = (url: string, data: unknown) => page.request.post(`${site.url}${url}`, { data, headers: { origin: site.url } });
    expect((await post('/api/processes', { xml: v1(key), changeNote: '第一版' })).status()).toBe(201);
    const started = await post('/api/cases', { processKey: key, title: '迁移测试案例' });
    expect(started.status()).toBe(201);
    const caseId = (await started.json()).id as string;
    expect((await post('/api/processes', { xml: v2(key), changeNote: '第二版' })).status()).toBe(201);

    await page.goto(`${site.url}/processes?key=${key}`);
    const card = page.getByLabel('迁移运行中的案例', { exact: true });
    const row = card.getByRole('row', { name: /迁移测试案例/ });
    await row.waitFor();
    await row.getByRole('checkbox').check();
    await card.getByRole('button', { name: /试运行/ }).click();
    // v2 has no 审核: the dry run says so by name and asks where it goes.
    await card.getByText('目标版本没有“审核”，请为它选择对应的步骤').waitFor();
    await chooseOption(page, card.getByLabel('审核', { exact: true }), '复核');
    await card.getByRole('button', { name: /试运行/ }).click();
    await card.getByText('审核 → 复核').waitFor();
    await card.getByText('可以迁移').waitFor();
    await card.getByLabel('迁移说明（写入案例历史）').fill('审核改名为复核');
    await card.getByRole('button', { name: /^迁\s?移$/ }).click();
    await page.getByRole('button', { name: /确\s?定|OK/ }).click();
    await card.getByText('已迁移', { exact: true }).waitFor();
    await card.getByRole('button', { name: /撤销迁移/ }).waitFor();

    await page.goto(`${site.url}/cases/${encodeURIComponent(caseId)}`);
    await page.getByText(/将案例从第 1 版迁移到第 2 版（审核 → 复核）/).waitFor();
    await page.getByText('审核改名为复核').first().waitFor();
    await page.context().close();
  });
});

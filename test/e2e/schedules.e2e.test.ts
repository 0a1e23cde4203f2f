import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnXml, flow, uniqueKey, userTask } from '../bpmn-xml';
import { signIn, startSite, type Site } from './browser';

// Issue 13 §1 in the console: the 流程 page shows a process's timer start events as schedules —
// the cycle in words, the next runs in Beijing time, the owner by unit and role — and a process
// owner pauses (with a reason) and resumes one; others only read.

const diagram = (key: string) =>
  bpmnXml(
    key,
    `<bpmn:startEvent id="weekday" name="工作日早班回访" shouwen:owner="role:cs_manager" shouwen:unit="zj"><bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">0 0 9 * * MON-FRI</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
     ${userTask('call', { group: 'cs_manager' })}<bpmn:endEvent id="end"/>${flow('f1', 'weekday', 'call')}${flow('f2', 'call', 'end')}`,
  );

describe('定时启动 on the 流程 page in a real browser', () => {
  let site: Site;
  let key: string;
  beforeAll(async () => {
    site = await startSite('e2e-schedules');
    key = uniqueKey('sched');
  });
  afterAll(async () => site?.close());

  it('a process owner sees the schedule in Beijing time, pauses it with a reason and resumes it', async () => {
    const page = await signIn(site, 'hq.process_owner');
    const deployed = await page.request.post(`${site.url}/api/processes`, { data: { xml: diagram(key), changeNote: '测试部署' }, headers: { origin: site.url } });
    expect(deployed.status()).toBe(201);
    await page.goto(`${site.url}/processes?key=${key}`);
    const card = page.getByLabel('定时启动', { exact: true });
    await card.getByText('工作日早班回访', { exact: true }).waitFor();
    await card.getByText('cron 0 0 9 * * MON-FRI（北京时间）').waitFor();
    await card.getByText(/首问责任人：.+的客服经理/).waitFor();
    // Every run at 09:00 Beijing time on a weekday, never 01:00 UTC.
    const runs = await card.getByText(/^接下来的运行（北京时间）：/).textContent();
    expect(runs).toMatch(/\d{4}-\d{2}-\d{2} 09:00/);
    expect(runs).not.toMatch(/01:00|Z/);
    await card.getByText('运行中').waitFor();

    await card.getByRole('button', { name: /暂\s?停/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox').fill('春节停发');
    await dialog.getByRole('button', { name: /暂\s?停/ }).click();
    await card.getByText('已暂停', { exact: true }).waitFor();
    await card.getByText('春节停发', { exact: true }).waitFor();
    await card.getByText(/暂停（春节停发）/).waitFor();

    await card.getByRole('button', { name: /恢\s?复/ }).click();
    await card.getByText('运行中').waitFor();
    expect(await card.getByText('春节停发', { exact: true }).count()).toBe(0);
    await page.context().close();
  });

  it('a manager reads the schedules without pause or resume', async () => {
    const page = await signIn(site, 'zj.cs_manager');
    await page.goto(`${site.url}/processes?key=${key}`);
    const card = page.getByLabel('定时启动', { exact: true });
    await card.getByText('工作日早班回访', { exact: true }).waitFor();
    expect(await card.getByRole('button', { name: /暂\s?停|恢\s?复/ }).count()).toBe(0);
    await page.context().close();
  });
});

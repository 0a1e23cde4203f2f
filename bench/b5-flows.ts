import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from '../programs/demo/demo-data';
import type { BenchStack } from './stack';
import { summary } from './stats';

// B5's timed flows (issue 19): signing in until the inbox's rows show; an inbox row until its task page
// shows the form and the diagram; the first and second 重放验证 of a case after the API started.

const VIEWPORT = { width: 1366, height: 850 };
const now = (page: import('playwright-core').Page) => page.evaluate(() => performance.now());

async function cookieOf(app: FastifyInstance, username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password: DEMO_PASSWORD } });
  return res.cookies.find((c) => c.name === 'sw_session')!.value;
}

/** From pressing 登录 on the sign-in page (opened with an empty cache) until `rows` inbox rows show. */
export async function loginToRows(browser: Browser, site: string, rows: number, runs: number) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      await page.goto(`${site}/`);
      await page.getByLabel('用户名').fill('east.cs_manager');
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      const pressed = await now(page);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      const shown = await page.waitForFunction((n) => document.querySelectorAll('tr.ant-table-row').length >= n && performance.now(), rows, { timeout: 60_000 });
      ms.push(((await shown.jsonValue()) as number) - pressed);
    } finally {
      await context.close();
    }
  }
  return summary(ms);
}

/** A customer-info case for zj.cs_agent, its first step (with a form) open; run by a worker on the app's queue. */
export async function taskWithForm(b: BenchStack, app: FastifyInstance): Promise<{ caseId: string; taskId: string }> {
  const cookie = `sw_session=${await cookieOf(app, 'zj.cs_agent')}`;
  const headers = { cookie, 'x-shouwen-request': '1' };
  const customer = await app.inject({ method: 'POST', url: '/api/customers', headers, payload: { name: `基准客户 ${Date.now().toString(36)}`, tier: 'B', unitId: 'zj', contactName: '赵敏', phone: '0574-86001234' } });
  const started = await app.inject({ method: 'POST', url: '/api/cases', headers, payload: { processKey: 'customer-info', title: 'B5 任务页', variables: {}, customerId: customer.json().id } });
  if (started.statusCode !== 201) throw new Error(`case not started: ${started.body}`);
  const caseId = started.json().id as string;
  for (let i = 0; i < 200; i++) {
    const { rows } = await b.db.query<{ id: string }>(`SELECT id FROM task WHERE case_id = $1 AND status = 'open'`, [caseId]);
    if (rows[0]) return { caseId, taskId: rows[0].id };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no open task in ${caseId}`);
}

/**
 * From the click on the task's row link until its page shows the form's fields and the diagram's shapes:
 * `rested` after the pointer rested on the row for 300 ms (as a person's does before clicking), else at once.
 */
export async function inboxToTaskPage(browser: Browser, app: FastifyInstance, site: string, taskId: string, runs: number) {
  const token = await cookieOf(app, 'zj.cs_agent');
  const measure = async (rest: boolean) => {
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
      try {
        await context.addCookies([{ name: 'sw_session', value: token, url: site }]);
        const page = await context.newPage();
        await page.goto(`${site}/tasks`);
        const row = page.locator(`tr[data-row-key="${taskId}"]`);
        await row.waitFor();
        await page.waitForTimeout(2500); // as B5's inbox: the quiet window and the task page's code warmed
        const link = row.locator('a.sw-task-link');
        if (rest) {
          await link.hover();
          await page.waitForTimeout(300);
        }
        const clicked = await now(page);
        await link.click();
        const shown = await page.waitForFunction(() => document.querySelector('.sw-form .fjs-form input, .sw-form .fjs-form textarea') && document.querySelector('.sw-diagram .djs-element') && performance.now(), undefined, { timeout: 60_000 });
        ms.push(((await shown.jsonValue()) as number) - clicked);
      } finally {
        await context.close();
      }
    }
    return summary(ms);
  };
  return { rested: await measure(true), atOnce: await measure(false) };
}

/** 重放验证 as the auditor: the warm-up the API program starts, then the first and the second verification of the case. */
export async function replayVerification(app: FastifyInstance, caseId: string) {
  const started = performance.now();
  await app.services.replay.warm();
  const warmUpMs = performance.now() - started;
  const cookie = `sw_session=${await cookieOf(app, 'hq.auditor')}`;
  const verify = async () => {
    const t = performance.now();
    const res = await app.inject({ method: 'POST', url: `/api/cases/${encodeURIComponent(caseId)}/replay`, headers: { cookie, 'x-shouwen-request': '1' } });
    return { ms: Math.round(performance.now() - t), ok: res.json().ok as boolean, events: res.json().events as number };
  };
  const first = await verify();
  const second = await verify();
  return { warmUpMs: Math.round(warmUpMs), first, second };
}

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { createPool, type Db } from '../../db/pool';
import { createTemporalAccess, type TemporalAccess } from '../../server/temporal/client';
import { eventually } from '../helpers';
import { apiSteps } from './api-steps';
import { signIn, startSite, type Site } from './browser';
import { sharedStack } from '../shared-stack';

// Issue 4's "done when": an approver clears twenty tasks across processes from the keyboard
// without touching the mouse — fifteen 简单审批 decided in the inbox with `a`, five complaint
// plans (客服经理审批, a step with a form) opened with `a`, the opinion typed in 意见, approved with the
// keyboard. The unit is 江苏 (js), which no other browser test uses.

const N_APPROVALS = 15;
const N_COMPLAINTS = 5;

describe('clearing the inbox from the keyboard', () => {
  let site: Site;
  let db: Db;
  let temporal: TemporalAccess;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const run = Date.now().toString(36).toUpperCase();
  const caseIds: string[] = [];

  const { post, openTask, complete } = apiSteps(() => app, () => db);

  beforeAll(async () => {
    site = await startSite('e2e-keyboard');
    db = createPool(sharedStack().databaseUrl, 3);
    temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue: site.taskQueue });
    app = await buildApp({ db, temporal });
    for (let i = 1; i <= N_APPROVALS; i++) {
      caseIds.push((await post('js.cs_agent', '/api/cases', { processKey: 'demo-approval', title: `键盘 ${run} 审批 ${i}`, variables: { amount: 100 * i } })).id);
    }
    // Complaints walked to 客服经理审批 through the API, as their departments would.
    for (let i = 1; i <= N_COMPLAINTS; i++) {
      const { id } = await post('js.cs_agent', '/api/cases', { processKey: 'complaint', title: `键盘 ${run} 投诉 ${i}` });
      caseIds.push(id);
      await complete('js.cs_agent', id, 'Activity_RegisterComplaint', {
        customerName: '南京金陵机械厂',
        contactPerson: '陈明',
        phone: '025-84567890',
        address: '南京市江宁区天元中路 9 号',
        receivedAt: new Date().toISOString(),
        complaintChannel: 'hotline',
        product: '柴油发电机组 GEN-80',
        severity: 'general',
        complaintContent: `第 ${i} 次投诉：维修延误`,
        customerRequest: '尽快修复',
      });
      await complete('js.cs_agent', id, 'Activity_Triage', { preliminaryAnalysis: '属实', isValid: true });
      await complete('js.department', id, 'Activity_Investigate', {
        investigationFindings: '派工延误',
        causeAnalysis: '排班不足',
        causeType: 'own',
        responsibleDepartment: 'quality',
        responsiblePerson: '服务站站长',
      });
      await complete('js.department', id, 'Activity_ProposeSolution', { solutionPlan: '三日内上门修复', solutionDeadline: new Date(Date.now() + 3 * 86_400_000).toISOString(), compensationAmount: 0 });
      await openTask(id, 'Activity_ManagerApproval');
    }
  });
  afterAll(async () => {
    await app?.close();
    await temporal?.close();
    await db?.end();
    await site?.close();
  });

  /** The rows of this run's tasks the inbox shows. */
  const myRows = (page: Page) => page.getByRole('row').filter({ hasText: `键盘 ${run}` });

  /** Moves keyboard focus with Tab until `matches` says it has arrived (at most `max` presses). */
  async function tabTo(page: Page, matches: () => Promise<boolean>, max = 40) {
    for (let i = 0; i < max; i++) {
      if (await matches()) return;
      await page.keyboard.press('Tab');
    }
    throw new Error('Tab never reached the element');
  }

  it('a 客服经理 decides twenty tasks of two processes without the mouse, and the API agrees', async () => {
    const page = await signIn(site, 'js.cs_manager');
    await page.keyboard.press('/');
    await page.keyboard.type(`键盘 ${run}`);
    await page.keyboard.press('Enter');
    await eventually(async () => ((await myRows(page).count()) === N_APPROVALS + N_COMPLAINTS ? true : undefined), 20_000, 'all twenty tasks listed');
    await page.keyboard.press('Escape'); // leave the search box; the list has the keys now

    const decidedSoFar = async () =>
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM task WHERE case_id = ANY ($1) AND status = 'completed' AND completed_by = 'js.cs_manager'`, [caseIds])).rows[0]!.n;
    // In the inbox: `j` to the next row, `a` to approve it (a step with a form opens its page instead).
    // On a task page: Tab to 意见 and type the opinion, Tab to 同意 and press Enter; the page then moves on to the
    // next task of the list, or back to the inbox after the last.
    for (let round = 0; round < 3 * (N_APPROVALS + N_COMPLAINTS); round++) {
      const done = await decidedSoFar();
      if (done === N_APPROVALS + N_COMPLAINTS) break;
      const here = page.url();
      if (/\/tasks\/.+/.test(here)) {
        // The page of this task (not the one being left): its header shows the case's business key.
        const businessKey = decodeURIComponent(here.split('/tasks/')[1]!).split('/')[1]!;
        await page.locator('.sw-task-page').getByText(businessKey).first().waitFor();
        // The decision card is titled 表单 when the step has a form (form-js renders it a moment later).
        const approve = page.getByRole('button', { name: /同意/ });
        await approve.waitFor();
        const hasForm = (await page.getByText('表单', { exact: true }).count()) > 0;
        if (hasForm) {
          const opinion = page.getByLabel('意见', { exact: true });
          await opinion.waitFor();
          await tabTo(page, async () => opinion.evaluate((el) => el === document.activeElement));
          await page.keyboard.type('同意，按方案执行');
          await tabTo(page, async () => approve.evaluate((el) => el === document.activeElement));
          await page.keyboard.press('Enter');
        } else {
          await page.keyboard.press('a');
        }
      } else {
        await page.keyboard.press('j');
        await page.keyboard.press('a');
      }
      // Something happened. In the inbox: one more decision, or a form step's page opened. On a task
      // page: the decision was made and the page has moved on (to the next task, or the inbox), so
      // the next round never reads the page being left.
      const onTaskPage = /\/tasks\/.+/.test(here);
      await eventually(
        async () => {
          const more = (await decidedSoFar()) > done;
          const moved = page.url() !== here;
          return (onTaskPage ? more && moved : more || moved) ? true : undefined;
        },
        30_000,
        `progress after ${done} decisions`,
      );
    }
    expect(await decidedSoFar()).toBe(N_APPROVALS + N_COMPLAINTS);
    if (/\/tasks\/.+/.test(page.url())) await page.keyboard.press('Escape');
    await eventually(async () => ((await myRows(page).count()) === 0 ? true : undefined), 20_000, 'an empty inbox');

    // The API agrees: every approval case ended, every complaint moved on to 告知协商.
    const { rows } = await db.query<{ process_key: string; status: string; at: string[] }>(
      `SELECT c.process_key, c.status, array_remove(array_agg(t.element_id ORDER BY t.element_id) FILTER (WHERE t.status = 'open'), NULL) AS at
         FROM process_case c LEFT JOIN task t ON t.case_id = c.id WHERE c.id = ANY ($1) GROUP BY c.id`,
      [caseIds],
    );
    expect(rows.filter((r) => r.process_key === 'demo-approval').map((r) => r.status)).toEqual(Array(N_APPROVALS).fill('completed'));
    expect(rows.filter((r) => r.process_key === 'complaint').map((r) => r.at)).toEqual(Array(N_COMPLAINTS).fill(['Activity_Negotiate']));
    const decided = await db.query(`SELECT count(*)::int AS n FROM task WHERE case_id = ANY ($1) AND completed_by = 'js.cs_manager' AND outcome = 'approve'`, [caseIds]);
    expect(decided.rows[0].n).toBe(N_APPROVALS + N_COMPLAINTS);
    await page.context().close();
    // Twenty decisions in a real browser: 35 s on a quiet 2-core machine, over 120 s under load.
  }, 300_000);
});

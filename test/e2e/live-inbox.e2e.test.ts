import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { createPool, type Db } from '../../db/pool';
import { createTemporalAccess } from '../../server/temporal/client';
import { bpmnXml, flow, uniqueKey, userTask } from '../bpmn-xml';
import { eventually, login } from '../helpers';
import { signIn, startSite, type Site } from './browser';
import { sharedStack } from '../shared-stack';

// Issue 19: a step decided by one person leaves another person's open inbox without a reload. The
// watching window is a background tab — the console does not poll there (React Query pauses
// refetchInterval while the document is hidden) — so only the pushed event can take the row away.
describe('the inbox updates live', () => {
  let site: Site;
  let db: Db;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let temporal: ReturnType<typeof createTemporalAccess>;
  let businessKey: string;

  beforeAll(async () => {
    site = await startSite('e2e-live');
    db = createPool(sharedStack().databaseUrl, 2);
    temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue: site.taskQueue });
    app = await buildApp({ db, temporal });
    const key = uniqueKey('live');
    // Offered to two people of 福建: the 客服经理 decides, the 总经理 watches.
    const xml = bpmnXml(key, `<bpmn:startEvent id="s"/>${userTask('approve', { group: 'cs_manager,general_manager' })}<bpmn:endEvent id="e"/>${flow('f1', 's', 'approve')}${flow('f2', 'approve', 'e')}`);
    const deployed = await app.inject({ method: 'POST', url: '/api/processes', headers: { cookie: await login(app, 'hq.process_owner') }, payload: { xml, changeNote: '实时待办测试' } });
    expect(deployed.statusCode, deployed.body).toBe(201);
    const started = await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: await login(app, 'fj.cs_agent') }, payload: { processKey: key, title: '实时待办 测试' } });
    expect(started.statusCode, started.body).toBe(201);
    const caseId = started.json().id as string;
    businessKey = started.json().businessKey as string;
    await eventually(async () => {
      const { rows } = await db.query(`SELECT 1 FROM task WHERE case_id = $1 AND status = 'open'`, [caseId]);
      return rows.length ? true : undefined;
    });
  });
  afterAll(async () => {
    await app?.close();
    await temporal?.close();
    await db?.end();
    await site?.close();
  });

  it("a task completed in one window leaves the other user's inbox, a background tab, without a reload", async () => {
    const watcher = await signIn(site, 'fj.general_manager');
    const watched = watcher.getByRole('row', { name: new RegExp(businessKey) });
    await watched.waitFor();
    // The tab goes to the background: no more polling, no refetch on focus.
    await watcher.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    });
    const reloads: string[] = [];
    watcher.on('framenavigated', (f) => {
      if (f === watcher.mainFrame()) reloads.push(f.url());
    });

    const decider = await signIn(site, 'fj.cs_manager');
    const row = decider.getByRole('row', { name: new RegExp(businessKey) });
    await row.waitFor();
    await row.getByRole('link').first().click();
    await decider.waitForURL(/\/tasks\/.+/);
    await decider.getByRole('button', { name: /^\s*(同\s*意|完\s*成)\s*$/ }).first().click();

    await watched.waitFor({ state: 'detached', timeout: 30_000 });
    expect(reloads).toEqual([]);
  });
});

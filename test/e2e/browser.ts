import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { buildApp } from '../../server/app';
import { DEMO_PASSWORD } from '../../programs/demo/demo-data';
import { createPool } from '../../db/pool';
import { createTemporalAccess } from '../../server/temporal/client';
import { startTestWorker, uniqueTaskQueue, type RunningWorker } from '../helpers';
import { sharedStack } from '../shared-stack';

// The product as a person meets it: the API serving the built console on a real port, a worker,
// and Debian's Chromium driven by playwright-core.

export interface Site {
  url: string;
  taskQueue: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startSite(name: string): Promise<Site> {
  const taskQueue = uniqueTaskQueue(name);
  const worker: RunningWorker = await startTestWorker(taskQueue);
  const db = createPool(sharedStack().databaseUrl, 5);
  const temporal = createTemporalAccess({ address: sharedStack().temporalAddress, namespace: 'default', taskQueue });
  const app = await buildApp({ db, temporal, webDist: inject('webDist'), logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: inject('chromiumPath'),
    // A closed network: keep Chromium from calling home, which would only fail slowly.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    url: address,
    taskQueue,
    browser,
    async close() {
      await browser.close();
      await app.close();
      await temporal.close();
      await db.end();
      await worker.stop();
    },
  };
}

/** A desktop window unless told otherwise; `phone` is a 375 × 812 touch screen (an iPhone X's CSS pixels). */
export async function signIn(site: Site, username: string, screen: 'desktop' | 'phone' = 'desktop'): Promise<Page> {
  const device = screen === 'phone' ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } : { viewport: { width: 1366, height: 850 } };
  const context = await site.browser.newContext({ ...device, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(site.url);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: /全部可见/ }).waitFor();
  // The inbox shows at / first and takes the address /tasks once the browser is idle (App's InboxRoute): settled here.
  await page.waitForURL((url) => url.pathname === '/tasks');
  return page;
}

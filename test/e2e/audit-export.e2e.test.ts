import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../programs/cli/spawn-cli';
import { signIn, startSite, type Site } from './browser';
import { startCase } from './console-steps';

// 审计 → 导出 in a real browser: the file an auditor downloads is the one `shouwen verify-export`
// checks offline (the console adds its readable section beside the checked parts).
describe('the audit export downloaded from the console verifies offline', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite('e2e-audit-export');
  });
  afterAll(async () => site?.close());

  it('an auditor exports a case from 审计 and the CLI verifies the file with no server', async () => {
    const agent = await signIn(site, 'zj.cs_agent');
    const c = await startCase(agent, { process: '简单审批', title: `审计导出（浏览器测试）${Date.now().toString(36)}` });
    await agent.context().close();

    const page = await signIn(site, 'hq.auditor');
    await page.goto(`${site.url}/audit?case=${encodeURIComponent(c.id)}`);
    await page.getByText('审计链完整').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导\s*出/ }).click()]);
    expect(download.suggestedFilename()).toBe(`${c.businessKey}-audit.json`);
    const run = await runCli(['verify-export', (await download.path())!], { DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none', TEMPORAL_ADDRESS: '127.0.0.1:1' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('结论：核验通过');
    await page.context().close();
  });
});

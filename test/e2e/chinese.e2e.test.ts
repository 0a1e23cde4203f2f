import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSite, type Site } from './browser';
import { openConsole, openTask, signInAs, startCase, switchUser, waitRefreshing, type StartedCase } from './console-steps';

// zh-CN is the console's first language: a screen a person visits shows no English words. Ids,
// business keys, user names, e-mails, product models and version numbers are data, not English.

/** Words that may appear: names of standards, keycaps (Ctrl+Enter), and data the demo ships with. */
const ALLOWED = new Set(['BPMN', 'FEEL', 'XML', 'JSON', 'SLA', 'CSV', 'Ctrl', 'Enter', 'Esc', 'Shift', 'Alt', 'Demo', 'approval']);

/** The English words visible on the page (outside code, ids and folded technical details). */
async function englishWords(page: Page): Promise<string[]> {
  const words = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('code, kbd, script, style, [lang=en], details:not([open]), .djs-container')) continue;
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      for (const token of (node.nodeValue ?? '').split(/[\s，。、：；（）()“”"'·,:;!?]+/)) {
        // An identifier (zj.cs_agent, TS-20261129-0001, a@b.cn, WP-10, v2, 2026-11-29) is data.
        if (!token || /[\d@_./\\-]/.test(token)) continue;
        for (const w of token.match(/[A-Za-z]{3,}/g) ?? []) found.push(w);
      }
    }
    return found;
  });
  return [...new Set(words.filter((w) => !ALLOWED.has(w)))];
}

describe('no English in the zh-CN console', () => {
  let site: Site;
  let page: Page;
  let c: StartedCase;
  beforeAll(async () => {
    site = await startSite('e2e-chinese');
  });
  afterAll(async () => {
    await site?.close();
  });

  const screens: Record<string, string[]> = {};
  // Signing in again returns to the page left; start from 待办, where signing in lands.
  const become = async (username: string) => {
    await page.goto('/tasks');
    await switchUser(page, username);
  };
  const visit = async (name: string, path: string, ready: () => Promise<unknown>) => {
    await page.goto(path);
    await ready();
    screens[name] = await englishWords(page);
  };

  it('form-js on a task: validation messages, the select placeholder and the date picker speak Chinese', async () => {
    page = await openConsole(site);
    await signInAs(page, 'zj.cs_agent');
    c = await startCase(page, { process: '客户投诉管理流程', title: `中文界面测试 ${Date.now().toString(36)}`, customer: '宁波港城' });
    await waitRefreshing(page, page.getByRole('link', { name: '受理投诉并记录投诉内容' }));
    const form = await openTask(page, c, '受理投诉并记录投诉内容');
    await expect.poll(() => form.root.locator('.fjs-select-display').first().textContent()).toBe('请选择');
    // 完成 with required fields empty: form-js refuses next to the fields.
    await page.locator('.sw-outcome-bar').getByRole('button', { name: /完\s*成/ }).click();
    await form.root.getByText('此项为必填项。').first().waitFor();
    expect(await form.root.getByText(/Field is required/).count()).toBe(0);
    // The date picker's months and weekdays.
    await form.root.locator('.fjs-form-field-datetime input').first().click();
    const calendar = page.locator('.flatpickr-calendar.open');
    await calendar.waitFor();
    expect(await calendar.locator('.flatpickr-weekday').first().textContent()).toMatch(/周/);
    expect(await calendar.locator('.flatpickr-months').innerText()).toMatch(/月/);
    await page.keyboard.press('Escape');
    screens.task = await englishWords(page);
    expect(screens.task).toEqual([]);
  });

  it('every screen an agent, a process owner, an auditor and an administrator visit', async () => {
    await visit('inbox', '/tasks', () => page.getByRole('tab', { name: /全部可见/ }).waitFor());
    await visit('cases', '/cases', () => page.locator('.ant-table-tbody .ant-table-row').first().waitFor());
    await visit('case', `/cases/${encodeURIComponent(c.id)}`, () => page.getByRole('heading', { name: /中文界面测试/ }).waitFor());
    await visit('calendar', '/calendar', () => page.locator('.ant-table-tbody .ant-table-row').first().waitFor());

    await become('hq.process_owner');
    await visit('processes', '/processes', () => page.getByRole('row', { name: /demo-approval/ }).waitFor());
    await visit('editor', '/processes/new', () => page.locator('.sw-editor-canvas .djs-container').waitFor());
    await page.getByRole('button', { name: /校验/ }).click();
    await page.locator('.sw-problem-item').first().waitFor();
    screens.editorProblems = await englishWords(page);
    await visit('incidents', '/incidents', () => page.locator('.ant-table, .ant-empty').first().waitFor());

    await become('hq.auditor');
    await visit('audit', '/audit', () => page.locator('.ant-table, .ant-empty').first().waitFor());

    await become('admin');
    await visit('users', '/admin/users', () => page.locator('.ant-table-tbody .ant-table-row').first().waitFor());
    await visit('webhooks', '/admin/users?tab=webhooks', () => page.getByRole('button', { name: /设置群机器人/ }).waitFor());
    await page.getByRole('button', { name: /设置群机器人/ }).click();
    await page.getByRole('dialog').getByText('钉钉').click();
    screens.webhookDialog = await englishWords(page);

    expect(Object.fromEntries(Object.entries(screens).filter(([, words]) => words.length))).toEqual({});
  });
});

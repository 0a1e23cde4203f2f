import { openMenu } from './header-menu';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFailed } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../programs/demo/demo-data';
import { chooseOption } from './antd-select';
import type { Site } from './browser';

// What a person does in the console, step by step, for the process tests: sign in and out, start
// a case from 新建, open a task from 待办, fill its form-js form by the labels on screen, decide.
// Every wait is for something visible and lasting (a row, a page, a status — never a toast,
// which antd takes away after 3 s, sooner than a loaded machine may look); nothing sleeps.

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The whole text, ignoring the spaces antd puts between two CJK characters on buttons. */
const exactly = (s: string) => new RegExp(`^\\s*${[...s].map(escape).join('\\s*')}\\s*$`);

/** A form-js label: the text, then an asterisk when the field is required. */
const labelText = (label: string) => new RegExp(`^\\s*${escape(label)}\\s*\\*?\\s*$`);

/** A fresh browser window (its own cookies) on the sign-in page. */
export async function openConsole(site: Site): Promise<Page> {
  const context = await site.browser.newContext({ baseURL: site.url, viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  // A failing step leaves a picture of the screen it failed on.
  onTestFailed(async () => {
    const path = join(tmpdir(), `shouwen-e2e-${Date.now()}.png`);
    await page.screenshot({ path, fullPage: true }).then(() => console.error(`screenshot: ${path} (at ${page.url()})`), () => undefined);
  });
  await page.goto('/login');
  return page;
}

/** Signs in on the login page as `username`; lands on 待办. */
export async function signInAs(page: Page, username: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: exactly('登录') }).click();
  // The login page shows at whatever address the person signed out on (it is not a route), so
  // the address says nothing; the header's user menu appears only once the session is there.
  // Signing in may so return to the page signed out from (a case, an archive): go on from 待办.
  await page.locator('.sw-user-menu').waitFor();
  // A task page is under /tasks too (completing a task moves on to the next one): only the inbox itself will do.
  const path = new URL(page.url()).pathname;
  // Signed in at / or /login, the inbox shows there and takes the address /tasks once the browser is idle.
  if (path === '/' || path === '/login') await page.waitForURL((url) => url.pathname === '/tasks');
  else if (path !== '/tasks') await page.goto('/tasks');
  await page.getByRole('tab', { name: /全部可见/ }).waitFor();
}

/**
 * Opens a deployed process in the 流程 editor at `url`, from its deployed version: the editor keeps a
 * server draft as it goes, so a draft an earlier test left on the shared database is discarded
 * (放弃草稿) rather than offered.
 */
export async function openProcessEditor(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const canvas = page.locator('.sw-editor-canvas .djs-container');
  const discard = page.getByRole('button', { name: /放弃草稿/ });
  await canvas.or(discard).first().waitFor();
  if (await discard.isVisible()) {
    await discard.click();
    await canvas.waitFor();
  }
}

/** 退出登录, back on the login page. */
export async function signOut(page: Page): Promise<void> {
  // 退出登录 waits behind the user's name in the header.
  await page.locator('.sw-user-menu').click();
  await page.getByRole('button', { name: exactly('退出登录') }).click();
  await page.getByLabel('用户名').waitFor();
}

/** Signs out whoever is signed in and signs in as `username`. */
export async function switchUser(page: Page, username: string): Promise<void> {
  await signOut(page);
  await signInAs(page, username);
}

export interface StartedCase {
  id: string;
  businessKey: string;
}

/** 案例 → 新建: picks the process by name, a title and (looked up by name) the customer; 发起 opens the case page. */
export async function startCase(page: Page, opts: { process: string; title: string; customer?: string }): Promise<StartedCase> {
  await openMenu(page, /案例/);
  // The header's 新建 (an empty list offers a second one).
  await page.getByRole('button', { name: /新\s*建$/ }).first().click();
  // Found by its content: the test build's antd gives every generated id one value ("test-id"), so
  // the modal's aria-labelledby may name the header's search box instead of its title.
  const dialog = page.getByRole('dialog').filter({ hasText: '新建案例' });
  await dialog.waitFor();
  // Typed, as a person does once the list is longer than its window (its options render lazily).
  await chooseOption(page, dialog.getByRole('combobox', { name: '流程' }), opts.process, { search: opts.process });
  await dialog.getByLabel('标题').fill(opts.title);
  if (opts.customer) await chooseOption(page, dialog.getByRole('combobox', { name: /客户/ }), opts.customer, { search: opts.customer });
  await dialog.getByRole('button', { name: exactly('发起') }).click();
  await page.waitForURL(/\/cases\/[^/]+%2F|\/cases\/[^/]+\/[^/]+/);
  await page.getByRole('heading', { name: opts.title }).waitFor();
  const id = decodeURIComponent(new URL(page.url()).pathname.replace(/^\/cases\//, ''));
  return { id, businessKey: id.split('/')[1]! };
}

/**
 * Waits for something the console shows once its lists have caught up with the server. Rather
 * than waiting out the 5–15 s polls, it refreshes them after 0.3 s and then every second the way
 * a person coming back to the window does (the console refetches stale lists on `visibilitychange`).
 */
export async function waitRefreshing(page: Page, target: Locator, opts: { state?: 'visible' | 'detached'; timeout?: number } = {}): Promise<void> {
  const deadline = Date.now() + (opts.timeout ?? 30_000);
  // The first refresh soon (the server usually has the step within a few hundred milliseconds of
  // the click that made it), then once a second as before.
  for (let wait = 300; ; wait = 1_000) {
    try {
      await target.waitFor({ state: opts.state ?? 'visible', timeout: Math.max(1, Math.min(wait, deadline - Date.now())) });
      return;
    } catch (err) {
      if (Date.now() >= deadline) throw err;
    }
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
  }
}

/** The inbox row of a case's step. */
const inboxRow = (page: Page, businessKey: string, taskName: string) =>
  page.getByRole('row').filter({ hasText: businessKey }).filter({ has: page.getByRole('link', { name: taskName, exact: true }) });

/** 待办: waits for the case's step to arrive, opens it and waits for its form. */
export async function openTask(page: Page, c: StartedCase, taskName: string): Promise<TaskForm> {
  await openMenu(page, /待办/);
  await page.getByRole('tab', { name: /全部可见/ }).click();
  const row = inboxRow(page, c.businessKey, taskName);
  await waitRefreshing(page, row);
  await row.getByRole('link', { name: taskName, exact: true }).click();
  await page.waitForURL(/\/tasks\/.+/);
  await page.getByRole('heading', { name: taskName }).waitFor();
  await page.locator('.sw-form[aria-busy=false] .fjs-form').waitFor();
  return new TaskForm(page, page.locator('.sw-form .fjs-form'));
}

/** After a decision: the step is no longer in anyone's inbox view of this user. */
export async function expectGoneFromInbox(page: Page, c: StartedCase, taskName: string): Promise<void> {
  await openMenu(page, /待办/);
  const all = page.getByRole('tab', { name: /全部可见/ });
  await all.click();
  await expect.poll(() => all.getAttribute('aria-selected')).toBe('true');
  // The table has loaded (a row or the empty state) before counting.
  await page.locator('.ant-table-tbody').waitFor();
  await page.locator('.ant-table-tbody .ant-table-row, .ant-table-tbody .ant-empty').first().waitFor();
  expect(await inboxRow(page, c.businessKey, taskName).count(), `${taskName} still in the inbox`).toBe(0);
}

/** The form-js form of the open task, filled in by the labels on screen. */
export class TaskForm {
  constructor(
    readonly page: Page,
    readonly root: Locator,
  ) {}

  /** The input a label points at; a required field's label ends in form-js's asterisk. */
  input(label: string): Locator {
    return this.root.getByLabel(labelText(label));
  }

  /** A text field, text area or number field, clicked and typed into. */
  async fill(label: string, value: string | number): Promise<this> {
    const input = this.input(label);
    await input.click();
    await input.fill(String(value));
    return this;
  }

  /** Several text fields at once, by label. */
  async fillAll(values: Record<string, string | number>): Promise<this> {
    for (const [label, value] of Object.entries(values)) await this.fill(label, value);
    return this;
  }

  /** What a field shows (pre-filled from the case). */
  async valueOf(label: string): Promise<string> {
    return this.input(label).inputValue();
  }

  /** A form-js select: its list opened, the option clicked. */
  async select(label: string, option: string): Promise<this> {
    const field = this.root.locator('.fjs-form-field-select').filter({ has: this.page.getByLabel(labelText(label)) });
    // Focusing it opens the list (a click would toggle a list that focus already opened).
    await field.locator('input.fjs-select-hidden-input').focus();
    await field.locator('.fjs-dropdownlist-item', { hasText: exactly(option) }).click();
    await expect.poll(() => field.locator('.fjs-select-display').textContent()).toBe(option);
    return this;
  }

  /** One option of a radio group. */
  async choose(label: string, option: string): Promise<this> {
    const field = this.root.locator('.fjs-form-field-radio').filter({ has: this.page.locator('label.fjs-form-field-label', { hasText: labelText(label) }) });
    await field.getByLabel(option, { exact: true }).check();
    return this;
  }

  async check(label: string, checked = true): Promise<this> {
    await this.input(label).setChecked(checked);
    return this;
  }

  /**
   * A form-js date-time field (date picker + time picker, both typed), in the browser's own date
   * format and time zone. The time picker rounds down to its 15-minute steps.
   */
  async dateTime(dateLabel: string, at: Date): Promise<this> {
    const { date, time } = await this.page.evaluate((ms) => {
      const d = new Date(ms);
      return { date: new Intl.DateTimeFormat().format(d), time: `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}` };
    }, at.getTime());
    const field = this.root.locator('.fjs-form-field-datetime').filter({ has: this.page.getByLabel(labelText(dateLabel)) });
    const dateInput = this.input(dateLabel);
    await dateInput.click();
    await dateInput.press('ControlOrMeta+a');
    await dateInput.pressSequentially(date);
    await dateInput.press('Enter');
    const timeInput = field.locator('.fjs-datetime-subsection').nth(1).locator('input');
    await timeInput.click();
    await timeInput.press('ControlOrMeta+a');
    await timeInput.pressSequentially(time);
    await timeInput.press('Escape');
    await timeInput.blur();
    await expect.poll(() => timeInput.inputValue()).toMatch(/^\d\d:\d\d$/);
    await expect.poll(() => dateInput.inputValue()).toBe(date);
    return this;
  }

  /** A form-js date field (date only), typed in the browser's own date format. */
  async date(label: string, at: Date): Promise<this> {
    const date = await this.page.evaluate((ms) => new Intl.DateTimeFormat().format(new Date(ms)), at.getTime());
    const input = this.input(label);
    await input.click();
    await input.press('ControlOrMeta+a');
    await input.pressSequentially(date);
    await input.press('Enter');
    await expect.poll(() => input.inputValue()).toBe(date);
    return this;
  }

  /**
   * Sends the decision (同意 / 完成 / …) with an optional comment and waits until the console has
   * left the task page, which it does only once the server has accepted the decision.
   */
  async decide(outcome: '完成' | '同意' | '驳回', comment?: string): Promise<void> {
    const taskUrl = this.page.url();
    if (comment) await this.page.getByLabel('意见', { exact: true }).fill(comment);
    await this.page.locator('.sw-outcome-bar').getByRole('button', { name: new RegExp([...outcome].join('\\s*')) }).click();
    await this.page.waitForURL((u) => u.toString() !== taskUrl);
  }

  async complete(comment?: string): Promise<void> {
    return this.decide('完成', comment);
  }
}

/** The case page: status, open steps, business records, awaited messages. */
export async function openCase(page: Page, c: StartedCase): Promise<void> {
  await page.goto(`/cases/${encodeURIComponent(c.id)}`);
}

/** Waits until the case page shows `status` (已完成, 进行中…) in its header. */
export async function expectCaseStatus(page: Page, status: string): Promise<void> {
  await waitRefreshing(page, page.locator('.ant-card').first().locator('.ant-tag', { hasText: exactly(status) }));
}

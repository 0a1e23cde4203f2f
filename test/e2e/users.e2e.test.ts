import { openMenu } from './header-menu';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { chooseOption } from './antd-select';
import { signIn, startSite, type Site } from './browser';

// 用户管理: an admin creates a user with a role in a unit, gives them another role, resets the
// password and disables them; others have no menu entry.

const username = `e2e.${Date.now().toString(36)}`;
// Buttons name the person they act on by name (the login name is data in its own column).
const displayName = '浏览器 测试';

describe('the 用户管理 page in a real browser', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite('e2e-users');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('an admin creates, edits, resets and disables a user', async () => {
    const page = await signIn(site, 'admin');
    if (process.env.SHOUWEN_E2E_SCREENSHOTS) onTestFailed(() => page.screenshot({ path: `${process.env.SHOUWEN_E2E_SCREENSHOTS}/users-failed.png` }).then(() => undefined));
    await openMenu(page, /用户管理/);
    // Found by search: other browser tests add accounts, which can push it off the first page.
    await page.locator('.ant-table-tbody .ant-table-row').first().waitFor();
    const search = page.getByPlaceholder('搜索用户名、姓名或邮箱');
    await search.fill('east.cs_manager');
    await search.press('Enter');
    await page.getByRole('row', { name: /east\.cs_manager.*客服经理 · 华东大区服务中心/ }).waitFor();
    if (process.env.SHOUWEN_E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.SHOUWEN_E2E_SCREENSHOTS}/users-list.png`, fullPage: true });

    await page.getByRole('button', { name: /新建用户/ }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('用户名').fill(username);
    await drawer.getByLabel('姓名').fill(displayName);
    await chooseOption(page, drawer.getByLabel('所属单位'), '浙江省服务中心');
    await drawer.getByLabel('初始密码').fill(username); // refused: equals the user name
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.getByText('密码不能与用户名相同').waitFor();
    await drawer.getByLabel('初始密码').fill('browser-pass-1');
    // A new user starts without role rows (none to fail validation): rows are added on demand.
    expect(await drawer.getByLabel('角色 1', { exact: true }).count()).toBe(0);
    await drawer.getByText('没有角色的用户可以登录，但不会收到任何待办。').waitFor();
    await drawer.getByRole('button', { name: /添加角色/ }).click();
    // A row added before choosing the role says so beside the field, in Chinese.
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.getByText('必填').first().waitFor();
    expect(await drawer.getByText('必填').count()).toBe(1); // the role; the unit came from the home unit
    await chooseOption(page, drawer.getByLabel('角色 1', { exact: true }), '客服人员');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    // Saved: the drawer closes (only then), and the user is found below.
    await drawer.waitFor({ state: 'detached' });

    await page.getByPlaceholder('搜索用户名、姓名或邮箱').fill(username);
    await page.getByPlaceholder('搜索用户名、姓名或邮箱').press('Enter');
    const row = page.getByRole('row', { name: new RegExp(`${username.replace('.', '\\.')}.*客服人员 · 浙江省服务中心.*正常.*从未登录`) });
    await row.waitFor();

    await row.getByRole('button', { name: `编辑 ${displayName}` }).click();
    await drawer.getByRole('button', { name: /添加角色/ }).click();
    await chooseOption(page, drawer.getByLabel('角色 2', { exact: true }), '客服经理');
    await chooseOption(page, drawer.getByLabel('所属单位'), '江苏省服务中心');
    if (process.env.SHOUWEN_E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.SHOUWEN_E2E_SCREENSHOTS}/users-drawer.png` });
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('row', { name: /客服人员 · 浙江省服务中心.*客服经理 · 浙江省服务中心/ }).waitFor();

    // The history names each changed field old → new, by name, and who changed it.
    await row.getByRole('button', { name: `编辑 ${displayName}` }).click();
    const changes = drawer.locator('.sw-user-change');
    await changes.first().waitFor();
    expect((await changes.first().innerText()).replace(/\s+/g, ' ')).toMatch(/^修改 系统管理员 .*所属单位：浙江省服务中心 → 江苏省服务中心 角色：客服人员 · 浙江省服务中心 → 客服人员 · 浙江省服务中心、客服经理 · 浙江省服务中心$/);
    expect((await changes.last().innerText()).replace(/\s+/g, ' ')).toMatch(/^创建 系统管理员 .*姓名：无 → 浏览器 测试 所属单位：无 → 浙江省服务中心 角色：无 → 客服人员 · 浙江省服务中心$/);
    if (process.env.SHOUWEN_E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.SHOUWEN_E2E_SCREENSHOTS}/users-history.png` });
    await drawer.getByRole('button', { name: /取\s*消/ }).click();
    await drawer.waitFor({ state: 'detached' });

    await row.getByRole('button', { name: `重置密码 ${displayName}` }).click();
    await page.getByLabel('新密码', { exact: true }).fill('browser-pass-2');
    await page.getByLabel('确认新密码', { exact: true }).fill('browser-pass-2');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' }); // closes once the password is set

    await row.getByRole('button', { name: `停用 ${displayName}` }).click();
    await page.getByRole('button', { name: /^(OK|确\s*定)$/ }).click();
    await row.waitFor({ state: 'detached' }); // hidden unless 显示已停用
    await page.getByLabel('显示已停用').click();
    await page.getByRole('row', { name: new RegExp(`${username.replace('.', '\\.')}.*已停用`) }).waitFor();

    // The admin's own row cannot be disabled.
    await page.getByPlaceholder('搜索用户名、姓名或邮箱').fill('admin');
    await page.getByPlaceholder('搜索用户名、姓名或邮箱').press('Enter');
    expect(await page.getByRole('button', { name: '停用 系统管理员' }).isDisabled()).toBe(true);
    await page.context().close();
  });

  it('an admin gives a unit a 钉钉 robot with a signing secret that is never shown again', async () => {
    const page = await signIn(site, 'admin');
    await page.goto(`${site.url}/admin/users`);
    await page.getByRole('tab', { name: '群机器人' }).click();
    await page.getByRole('button', { name: /设置群机器人/ }).click();
    const dialog = page.getByRole('dialog');
    await chooseOption(page, dialog.getByLabel('单位', { exact: true }), '福建省服务中心');
    await dialog.getByLabel('钉钉').check();
    // A host outside the allowlist is refused beside the field, in Chinese.
    await dialog.getByLabel('机器人地址').fill('https://hooks.example.com/robot');
    await dialog.getByLabel('加签密钥').fill('SECe2e-secret-value');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText(/不允许发送到 hooks\.example\.com/).waitFor();
    if (process.env.SHOUWEN_E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.SHOUWEN_E2E_SCREENSHOTS}/webhook-refused.png` });
    await dialog.getByLabel('机器人地址').fill('https://oapi.dingtalk.com/robot/send?access_token=e2e-token');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.getByRole('row', { name: /福建省服务中心.*钉钉.*已设置.*启用/ });
    await row.waitFor();
    expect(await row.innerText()).toContain('https://oapi.dingtalk.com/robot/send?…');
    if (process.env.SHOUWEN_E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.SHOUWEN_E2E_SCREENSHOTS}/webhooks.png`, fullPage: true });
    expect(await page.content()).not.toContain('e2e-token');
    expect(await page.content()).not.toContain('SECe2e-secret-value');

    // Editing keeps the secret unless cleared; its field stays empty.
    await row.getByRole('button', { name: '编辑 福建省服务中心' }).click();
    expect(await dialog.locator('#sw-webhook_secret').inputValue()).toBe('');
    await dialog.getByLabel('启用').click();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /福建省服务中心.*钉钉.*已设置.*停用/ }).waitFor();

    await page.getByRole('button', { name: '删除 福建省服务中心' }).click();
    await page.getByRole('button', { name: /^(OK|确\s*定)$/ }).click();
    await page.getByText('还没有单位设置群机器人').waitFor();
    await page.context().close();
  });

  it('others have no menu entry, and the page says it is for admins', async () => {
    const page = await signIn(site, 'zj.cs_manager');
    expect(await page.getByRole('menuitem', { name: /用户管理/ }).count()).toBe(0);
    await page.goto(`${site.url}/admin/users`);
    await page.getByText('只有管理员可以管理用户').waitFor();
    await page.context().close();
  });
});

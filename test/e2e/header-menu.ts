import type { Page } from 'playwright-core';

/**
 * Opens a page from the header menu as a person does: the entry itself, or — when the window is too
 * narrow for every entry of the user's roles — from the "…" that antd folds the rest into (folded
 * entries are aria-hidden in the bar).
 */
export async function openMenu(page: Page, name: RegExp): Promise<void> {
  const bar = page.locator('.ant-layout-header .ant-menu-horizontal');
  await bar.waitFor();
  const shown = bar.getByRole('menuitem', { name });
  if (await shown.count()) {
    await shown.first().click();
    return;
  }
  await bar.locator('.ant-menu-overflow-item-rest').hover();
  await page.locator('.ant-menu-submenu-popup:not(.ant-menu-submenu-hidden)').getByRole('menuitem', { name }).click();
}

import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

// antd Select lists fade in. An option clicked while its list is still appearing can be lost: the
// Select's outside-click guard does not know the new list element until the next render, so the
// mousedown on the option closes the list and nothing is chosen. Under CPU load that window is
// long enough to hit (the 用户管理 test's flake: 保存 refused with 必填 under the empty Select).
// So options are clicked only in a list that has finished appearing, and the choice is checked on
// the Select itself.

/** The open list, settled: neither hidden nor still appearing or leaving. */
const settledList = (page: Page) =>
  page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])');

/**
 * Opens the Select whose input is `combobox` (typing `search` into it when given), clicks the
 * option containing `option` and waits until the Select shows it.
 */
export async function chooseOption(page: Page, combobox: Locator, option: string, opts: { search?: string } = {}): Promise<void> {
  if (opts.search === undefined) await combobox.click();
  else await combobox.fill(opts.search);
  await settledList(page).locator('.ant-select-item-option', { hasText: option }).click();
  const select = combobox.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  await expect.poll(async () => (await select.textContent()) ?? '', { message: `${option} chosen` }).toContain(option);
}

import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

// antd Select lists fade in. An option clicked while its list is still appearing can be lost: the
// Select's outside-click guard does not know the new list element until the next render, so the
// mousedown on the option closes the list and nothing is chosen. Under CPU load that window is
// long enough to hit (the 用户管理 test's flake: 保存 refused with 必填 under the empty Select).
// So options are clicked only in a list that has finished appearing, and the choice is checked on
// the Select itself.
//
// A click on the Select toggles its list, and the Select closes a list one macrotask after it is
// told to (@rc-component/select's useOpen). A click that lands while a close is still pending (just
// after Escape, under load) reads the list as open and closes it for good: CI once waited 30 s for
// an option in a list that had closed (views test). So a list that does not show the option in time
// is closed, waited for until it is gone, and opened again.

const openLists = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

/** The open list, settled: neither hidden nor still appearing or leaving. */
const settledList = (page: Page) =>
  page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])');

/** Presses Escape and waits until no Select list is open or leaving. */
async function closeLists(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect.poll(() => openLists(page).count(), { message: 'Select lists closed', timeout: 10_000 }).toBe(0);
}

/**
 * Opens the Select whose input is `combobox` (typing `search` into it when given), clicks the
 * option containing `option` and waits until the Select shows it.
 */
export async function chooseOption(page: Page, combobox: Locator, option: string, opts: { search?: string } = {}): Promise<void> {
  const item = settledList(page).locator('.ant-select-item-option', { hasText: option });
  for (let attempt = 1; ; attempt += 1) {
    if (opts.search === undefined) await combobox.click();
    else await combobox.fill(opts.search);
    try {
      await item.click({ timeout: 10_000 });
      break;
    } catch (err) {
      if (attempt === 3) throw err;
      await closeLists(page);
    }
  }
  const select = combobox.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  await expect.poll(async () => (await select.textContent()) ?? '', { message: `${option} chosen` }).toContain(option);
}

/** Opens the Select whose input is `combobox`, reads its items' texts (spaces collapsed) and closes it again. */
export async function optionTexts(page: Page, combobox: Locator): Promise<string[]> {
  await combobox.click();
  const list = settledList(page);
  await list.waitFor();
  const texts = (await list.locator('.ant-select-item').allTextContents()).map((x) => x.replace(/\s+/g, ' ').trim());
  await closeLists(page);
  return texts;
}

import { Grid } from 'antd';

/**
 * Narrower than antd's `md` (768 px): the phone layout (cards, drawers, stacked task page).
 * Not a CSS-only switch because the phone gets other components (a card list, not the table).
 */
export function useIsPhone(): boolean {
  return Grid.useBreakpoint().md === false;
}

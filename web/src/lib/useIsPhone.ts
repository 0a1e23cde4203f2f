import { useSyncExternalStore } from 'react';

/** antd's `md` breakpoint is 768 px; below it is the phone layout. */
const PHONE_QUERY = '(max-width: 767.98px)';

let phoneList: MediaQueryList | undefined;
function phoneQuery(): MediaQueryList | undefined {
  if (!phoneList && typeof window !== 'undefined' && typeof window.matchMedia === 'function') phoneList = window.matchMedia(PHONE_QUERY);
  return phoneList;
}

function subscribe(onChange: () => void): () => void {
  const list = phoneQuery();
  list?.addEventListener('change', onChange);
  return () => list?.removeEventListener('change', onChange);
}

const isPhoneNow = (): boolean => phoneQuery()?.matches ?? false;

/**
 * Narrower than antd's `md` (768 px): the phone layout (cards, drawers, stacked task page).
 * Not a CSS-only switch because the phone gets other components (a card list, not the table).
 * Read from matchMedia during the render itself: antd's Grid.useBreakpoint answers only after an
 * effect, so every page using it drew twice on arrival (the inbox after signing in among them).
 */
export function useIsPhone(): boolean {
  return useSyncExternalStore(subscribe, isPhoneNow, () => false);
}

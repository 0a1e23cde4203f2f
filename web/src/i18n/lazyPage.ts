import type { ComponentType } from 'react';
import { preloadableLazy } from '../lib/preloadableLazy';
import { loadAllZh } from './catalog';

/**
 * React.lazy for a page or panel outside the inbox route: its code and all zh-CN strings (the first
 * bundle has only the inbox's, see catalog.ts) load side by side, and it renders once both are here.
 * `preload()` loads both ahead (the inbox warms the task page so): then it renders without suspending.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own bound
export function lazyPage<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  return preloadableLazy(() => Promise.all([load(), loadAllZh()]).then(([module]) => module));
}

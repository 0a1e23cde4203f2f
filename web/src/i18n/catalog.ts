import type { Lang, MessageKey, Messages } from './messages';
import { zhInbox } from './messages.inbox';

// The console's strings as far as they have loaded. zh-CN starts with the inbox route's strings
// (messages.inbox.ts, in the first bundle); the rest (messages.ts) loads once, when the first other
// page opens (pages wait for it, see lazyPage.ts), when the inbox prefetches the task page, or when
// a string not yet here is asked for. English loads whole, on switching.

let zhAll: Messages | undefined;
let zhAllLoading: Promise<Messages> | undefined;
const listeners = new Set<() => void>();

/** Every zh-CN string (messages.ts), fetched once; a failed fetch is tried again on the next call. */
export function loadAllZh(): Promise<Messages> {
  zhAllLoading ??= import('./messages').then(
    (m) => {
      zhAll = m.zh;
      for (const listener of listeners) listener();
      return m.zh;
    },
    (err: unknown) => {
      zhAllLoading = undefined;
      throw err;
    },
  );
  return zhAllLoading;
}

/** Calls `listener` once all zh-CN strings have arrived; returns the unsubscribe. */
export function onAllZhLoaded(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** zh-CN as loaded so far: the inbox route's strings, then all of them. */
export const zhLoaded = (): Partial<Messages> => zhAll ?? zhInbox;

export const allZhLoaded = () => zhAll !== undefined;

/**
 * Whether `key` is one of the console's messages. Until all zh-CN strings are here a key outside the
 * inbox's counts as unknown and starts loading them (the I18nProvider renders again when they arrive).
 */
export function isMessageKey(key: string): key is MessageKey {
  if (Object.hasOwn(zhLoaded(), key)) return true;
  if (!zhAll) void loadAllZh().catch(() => undefined);
  return false;
}

/** All messages of `lang`, loaded once each. */
export const loadMessages = (lang: Lang): Promise<Messages> => (lang === 'zh-CN' ? loadAllZh() : import('./messages.en').then((m) => m.en));

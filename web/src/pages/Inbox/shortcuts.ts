import type { MessageKey } from '../../i18n/messages';

export interface ShortcutDoc {
  keys: string[];
  label: MessageKey;
}

export const INBOX_SHORTCUTS: ShortcutDoc[] = [
  { keys: ['j', '↓'], label: 'keys.next' },
  { keys: ['k', '↑'], label: 'keys.prev' },
  { keys: ['Enter', 'o'], label: 'keys.open' },
  { keys: ['x'], label: 'keys.toggle' },
  { keys: ['a'], label: 'keys.approve' },
  { keys: ['r'], label: 'keys.reject' },
  { keys: ['Shift+A'], label: 'keys.bulkApprove' },
  { keys: ['/'], label: 'keys.search' },
  { keys: ['Ctrl+K'], label: 'keys.globalSearch' },
  { keys: ['Esc'], label: 'keys.escInbox' },
  { keys: ['?'], label: 'keys.help' },
];

export const TASK_SHORTCUTS: ShortcutDoc[] = [
  { keys: ['a'], label: 'keys.taskApprove' },
  { keys: ['r'], label: 'keys.taskReject' },
  { keys: ['Ctrl+Enter'], label: 'keys.taskSubmitComment' },
  { keys: ['Alt+↓'], label: 'keys.taskNext' },
  { keys: ['Alt+↑'], label: 'keys.taskPrev' },
  { keys: ['Esc'], label: 'keys.taskBack' },
  { keys: ['?'], label: 'keys.help' },
];

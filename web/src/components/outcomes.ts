import { isMessageKey } from '../i18n/catalog';
import type { MessageKey } from '../i18n/messages';

/** 同意 / 驳回 / 完成 for the known outcomes; any other outcome is shown as its id. */
export function outcomeLabel(t: (key: MessageKey) => string, outcome: string): string {
  const key = `outcome.${outcome}`;
  return isMessageKey(key) ? t(key) : outcome;
}

export const outcomeColor = (outcome: string | null) => (outcome === 'approve' ? 'green' : outcome === 'reject' ? 'red' : 'blue');

/** 进行中 / 已完成 … for the known case statuses; anything else as it is. */
export function caseStatusLabel(t: (key: MessageKey) => string, status: string): string {
  const key = `case.status.${status}`;
  return isMessageKey(key) ? t(key) : status;
}

/** Tag colors of the case statuses. */
export const caseStatusColor: Record<string, string> = { running: 'processing', completed: 'success', failed: 'error', terminated: 'default' };

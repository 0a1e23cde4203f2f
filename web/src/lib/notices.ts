import type { Notification } from '../../../contract';
import type { MessageKey } from '../i18n/messages';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * A notice's title in the reader's language, from its wording key and parameters (step and people
 * by name, how a case ended); the stored zh-CN title when it has none (a diagram's own text, an
 * older notice, or one withheld for a confidential customer).
 */
export function noticeTitle(n: Pick<Notification, 'title' | 'params'>, t: T, statusLabel: (status: string) => string): string {
  const p = n.params;
  switch (p?.notice) {
    case 'task.new':
      return t('notice.taskNew', { task: p.task ?? '' });
    case 'task.delegated':
      return t('notice.taskDelegated', { actor: p.actor ?? '', task: p.task ?? '' });
    case 'task.escalated':
      return t('notice.taskEscalated', { task: p.task ?? '' });
    case 'case.ended': {
      const vars = { status: statusLabel(p.status ?? ''), case: p.case ?? '' };
      return p.ending ? t('notice.caseEndedAs', { ...vars, ending: p.ending }) : t('notice.caseEnded', vars);
    }
    default:
      return n.title;
  }
}

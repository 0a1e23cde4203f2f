import { App as AntApp } from 'antd';
import { useCallback, useState } from 'react';
import type { TaskSummary } from '../../../../contract';
import { useCompleteTask } from '../../api/useCompleteTask.mutation';
import { outcomeLabel } from '../../components/outcomes';
import { useI18n } from '../../i18n/I18nProvider';

/** Approve / reject straight from the inbox; tracks which rows are in flight so a key press cannot send twice. */
export function useQuickDecision() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const complete = useCompleteTask();
  const [pending, setPending] = useState<ReadonlySet<string>>(() => new Set());

  const decide = useCallback(
    async (task: TaskSummary, outcome: 'approve' | 'reject', comment?: string) => {
      setPending((s) => new Set(s).add(task.id));
      try {
        await complete.mutateAsync({ taskId: task.id, outcome, comment });
        void message.success(t('inbox.decided', { outcome: outcomeLabel(t, outcome), name: `${task.name} · ${task.businessKey}` }));
      } finally {
        setPending((s) => {
          const next = new Set(s);
          next.delete(task.id);
          return next;
        });
      }
    },
    // mutateAsync is stable; the `complete` object itself changes every render.
    [complete.mutateAsync, message, t],
  );

  return { decide, pending };
}

import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Progress, Typography } from 'antd';
import { useState } from 'react';
import type { BulkItemResult, TaskSummary } from '../../../../contract';
import { useBulkCompleteTasks } from '../../api/useBulkCompleteTasks.mutation';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError, fieldMessage } from '../../lib/problems';

interface Props {
  /** The selected tasks that offer `approve`. */
  tasks: TaskSummary[];
  /** Selected tasks left out because they cannot be approved. */
  skipped: number;
  onClose: (results: BulkItemResult[] | null) => void;
}

/**
 * 批量同意: confirm (with an optional common comment) → progress while chunks of 20 run → one line per task.
 * Mount it only while open so every run starts fresh.
 */
export function BulkApproveModal({ tasks: selectedTasks, skipped, onClose }: Props) {
  const { t } = useI18n();
  // The batch is fixed when the dialog opens: approved rows leave the list while it runs.
  const [tasks] = useState(selectedTasks);
  const bulk = useBulkCompleteTasks();
  const [comment, setComment] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<BulkItemResult[] | null>(null);
  const running = bulk.isPending;
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const withForm = tasks.filter((task) => task.formId).length;

  const start = () => {
    if (running || results || tasks.length === 0) return;
    bulk.mutate(
      {
        items: tasks.map((task) => ({ taskId: task.id, outcome: 'approve', comment: comment.trim() || undefined })),
        onProgress: (done, total) => setProgress({ done, total }),
      },
      { onSuccess: setResults },
    );
  };

  const ok = results?.filter((r) => r.ok).length ?? 0;
  const failed = results ? results.length - ok : 0;
  const close = () => {
    if (!running) onClose(results);
  };

  return (
    <Modal
      open
      title={t('bulk.title', { n: tasks.length })}
      onCancel={close}
      closable={!running}
      mask={{ closable: !running }}
      keyboard={!running}
      width={620}
      footer={
        results ? (
          <Button type="primary" onClick={close} autoFocus>
            {t('common.close')}
          </Button>
        ) : (
          <>
            <Button onClick={close} disabled={running}>
              {t('common.cancel')}
            </Button>
            <Button type="primary" onClick={start} loading={running} disabled={tasks.length === 0} aria-keyshortcuts="Control+Enter">
              {t('bulk.confirm', { n: tasks.length })}
            </Button>
          </>
        )
      }
    >
      {!results && !running && (
        <>
          <Typography.Paragraph>{t('bulk.intro', { n: tasks.length })}</Typography.Paragraph>
          {skipped > 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('bulk.skipped', { n: skipped })} />}
          {withForm > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('bulk.withForm', { n: withForm })} />}
          <label htmlFor="sw-bulk-comment" className="sw-field-label">
            {t('bulk.comment')}
          </label>
          <Input.TextArea
            id="sw-bulk-comment"
            autoFocus
            rows={3}
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={t('bulk.commentPlaceholder')}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) start();
            }}
          />
        </>
      )}
      {(running || results) && (
        <Progress
          percent={progress && progress.total ? Math.round((progress.done / progress.total) * 100) : 0}
          status={results ? (failed ? 'exception' : 'success') : 'active'}
          aria-label={t('bulk.progress')}
          format={() => `${progress?.done ?? 0} / ${tasks.length}`}
        />
      )}
      {bulk.isError && <Alert type="error" showIcon title={describeError(bulk.error, t)} />}
      {results && (
        <>
          <Alert
            role="status"
            type={failed ? (ok ? 'warning' : 'error') : 'success'}
            showIcon
            style={{ margin: '12px 0' }}
            title={t('bulk.summary', { ok, failed })}
          />
          <ul className="sw-bulk-results" aria-label={t('bulk.results')}>
            {results.map((r) => {
              const task = byId.get(r.taskId);
              return (
                <li key={r.taskId}>
                  {r.ok ? <CheckCircleFilled className="sw-ok" aria-label={t('bulk.ok')} /> : <CloseCircleFilled className="sw-fail" aria-label={t('bulk.failed')} />}
                  <span className="sw-bulk-name">
                    {task ? `${task.name} · ${task.businessKey}` : r.taskId}
                  </span>
                  {!r.ok && (
                    <Typography.Text type="danger" className="sw-bulk-detail">
                      {/* The HTTP status only beside a reason the console cannot word (for whoever is asked to look); a worded one says it all. */}
                      {r.status && !r.code ? `${r.status} ` : ''}
                      {(r.code && fieldMessage({ path: '', message: r.detail ?? '', code: r.code, ...(r.params && { params: r.params }) }, t)) || r.detail}
                    </Typography.Text>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Modal>
  );
}

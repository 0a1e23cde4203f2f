import { Alert, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { TaskSummary } from '../../../../contract';
import { DECISION_COMMENT_MAX } from '../../../../contract/input-limits';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';

/** `r` in the inbox: a rejection needs a comment. Ctrl+Enter sends. Mount only while open. */
export function RejectPrompt({ task, onCancel, onSubmit }: { task: TaskSummary; onCancel: () => void; onSubmit: (comment: string) => Promise<unknown> }) {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const missing = !comment.trim();

  const submit = async () => {
    setTouched(true);
    if (missing || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(comment.trim());
    } catch (err) {
      setError(describeError(err, t));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('reject.title', { name: task.name })}
      okText={t('outcome.reject')}
      okButtonProps={{ danger: true, loading: busy }}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {task.caseTitle} · {task.businessKey}
      </Typography.Paragraph>
      <label htmlFor="sw-reject-comment" className="sw-field-label sw-required">
        {t('reject.comment')}
      </label>
      <Input.TextArea
        id="sw-reject-comment"
        autoFocus
        rows={4}
        maxLength={DECISION_COMMENT_MAX}
        showCount
        value={comment}
        status={touched && missing ? 'error' : undefined}
        aria-required
        aria-invalid={touched && missing}
        aria-describedby="sw-reject-hint"
        onChange={(e) => setComment(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
        }}
      />
      <div id="sw-reject-hint" className={touched && missing ? 'sw-error-text' : 'sw-hint'}>
        {touched && missing ? t('reject.needsComment') : t('reject.hint')}
      </div>
      {error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} />}
    </Modal>
  );
}

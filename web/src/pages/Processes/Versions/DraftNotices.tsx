import { Alert, App as AntApp, Button, Card, Result, Space, Tag, Tooltip } from 'antd';
import type { ProcessDraft } from '../../../../../contract';
import { useSession } from '../../../api/hooks';
import { useDiscardDraft } from '../../../api/useProcessDraft.query';
import { useI18n } from '../../../i18n/I18nProvider';
import { describeError } from '../../../lib/problems';
import { formatChinaDateTime, formatRelative } from '../../../lib/time';
import { useNow } from '../../../lib/useNow';
import type { DraftState } from './useServerDraft';

/** 「张三 正在编辑此流程（3 分钟前保存）」 */
function useEditingBy() {
  const { t, lang } = useI18n();
  const now = useNow();
  return (name: string, savedAt: string) => t('drafts.othersEditing', { name, ago: formatRelative(savedAt, now, lang) });
}

/**
 * Opening a process that has a draft on the server: continue it or discard it (继续编辑草稿 / 放弃草稿),
 * warned first when another owner saved it.
 */
export function DraftPrompt({ draft, onContinue, onDiscarded, onBack }: { draft: ProcessDraft; onContinue: () => void; onDiscarded: () => void; onBack: () => void }) {
  const { t, lang } = useI18n();
  const me = useSession().data;
  const { message } = AntApp.useApp();
  const discard = useDiscardDraft();
  const editingBy = useEditingBy();
  const byOther = me?.id !== draft.savedBy;
  const name = draft.savedByName ?? draft.savedBy;
  return (
    <DraftChoice
      warning={byOther}
      title={byOther ? editingBy(name, draft.savedAt) : t('drafts.foundTitle')}
      subTitle={t('drafts.foundBody', { name, at: formatChinaDateTime(draft.savedAt, lang), version: draft.baseVersion ?? '—' })}
      discarding={discard.isPending}
      onDiscard={() => discard.mutate({ key: draft.processKey, revision: draft.revision }, { onSuccess: onDiscarded, onError: (err) => void message.error(describeError(err, t)) })}
      onContinue={onContinue}
      onBack={onBack}
    />
  );
}

/** 返回 / 放弃草稿 / 继续编辑草稿 under what the draft is — the server's draft or a new process's kept in the browser. */
export function DraftChoice(p: { warning?: boolean; title: string; subTitle: string; discarding?: boolean; onDiscard: () => void; onContinue: () => void; onBack: () => void }) {
  const { t } = useI18n();
  return (
    <Card>
      <Result
        status={p.warning ? 'warning' : 'info'}
        title={p.title}
        subTitle={p.subTitle}
        extra={
          <Space wrap>
            <Button onClick={p.onBack}>{t('editor.back')}</Button>
            <Button danger loading={p.discarding} onClick={p.onDiscard}>
              {t('drafts.discard')}
            </Button>
            <Button type="primary" onClick={p.onContinue}>
              {t('drafts.continue')}
            </Button>
          </Space>
        }
      />
    </Card>
  );
}

/** Beside the title: whether the draft is saved on the server; a conflict as a warning that stops saving. */
export function DraftStatus({ state }: { state: DraftState }) {
  const { t, lang } = useI18n();
  switch (state.status) {
    case 'none':
      return null;
    case 'saving':
      return <Tag>{t('drafts.saving')}</Tag>;
    case 'saved':
      return (
        <Tooltip title={formatChinaDateTime(state.savedAt, lang)}>
          <Tag color="green">{t('drafts.saved')}</Tag>
        </Tooltip>
      );
    case 'failed':
      return (
        <Tooltip title={describeError(state.error, t)}>
          <Tag color="red">{t('drafts.saveFailed')}</Tag>
        </Tooltip>
      );
    case 'conflict':
      return null;
  }
}

export function DraftConflict({ state }: { state: DraftState }) {
  const { t } = useI18n();
  const editingBy = useEditingBy();
  if (state.status !== 'conflict') return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 8 }}
      title={state.savedByName ? editingBy(state.savedByName, state.savedAt) : t('problem.process.draftGone')}
      description={t('drafts.conflictHint')}
      action={<Button onClick={() => window.location.reload()}>{t('drafts.reload')}</Button>}
    />
  );
}

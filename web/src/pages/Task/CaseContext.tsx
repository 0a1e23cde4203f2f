import { Alert, Button, Card, Descriptions, Empty, Input, Space, Tag, Timeline, Typography } from 'antd';
import { Person } from '../../components/Person';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TaskDetail, TaskStep } from '../../../../contract';
import { TASK_COMMENT_MAX } from '../../../../contract/input-limits';
import { useAddTaskComment } from '../../api/useAddTaskComment.mutation';
import type { ProcessVersionWithForms } from '../../api/useProcessVersion.query';
import { FoldingCard } from '../../components/FoldingCard';
import { RelativeTime } from '../../components/RelativeTime';
import { useDictionary } from '../../components/Variables';
import { describeVariables, type VariableDictionary } from '../../lib/dictionary';
import { caseStatusLabel, outcomeColor, outcomeLabel } from '../../components/outcomes';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/problems';
import { useIsPhone } from '../../lib/useIsPhone';
import { caseHref } from '../Cases/caseLinks';
import './task.css';
import { formatChinaDateTime } from '../../lib/time';

const MAX_DATA_ENTRIES = 8;

const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);

/**
 * What a step recorded, with its form's labels and values as people read them (other keys last). `comment`: the
 * step's comment, shown above it; a field holding the very same text (the form's opinion field, filled from the 意见
 * box: bpmn/form-data.ts OPINION_PROPERTY) is not listed again.
 */
export function StepData({ data, dict, comment }: { data: TaskStep['data']; dict: VariableDictionary; comment?: string | null | undefined }) {
  const { t, lang } = useI18n();
  const values = data ?? {};
  const { known, other } = describeVariables(dict, values, lang);
  const sameAsComment = (key: string) => Boolean(comment?.trim()) && typeof values[key] === 'string' && (values[key] as string).trim() === comment!.trim();
  const rows = [...known, ...other].filter((r) => !sameAsComment(r.key));
  if (!rows.length) return null;
  return (
    <dl className="sw-step-data" aria-label={t('event.stepData')}>
      {rows.slice(0, MAX_DATA_ENTRIES).map((r) => (
        <div key={r.key}>
          <dt title={r.key}>{r.label}</dt>
          <dd>{clip(r.text)}</dd>
        </div>
      ))}
      {rows.length > MAX_DATA_ENTRIES && <div className="sw-hint">+{rows.length - MAX_DATA_ENTRIES}</div>}
    </dl>
  );
}

/** Who the case is for and about, what happened in earlier steps, and the discussion. */
export function CaseContext({ detail, version }: { detail: TaskDetail; version: ProcessVersionWithForms | undefined }) {
  const { t, lang } = useI18n();
  const dict = useDictionary(version);
  const c = detail.case;
  const addComment = useAddTaskComment();
  const [draft, setDraft] = useState('');
  // On a phone the decision summary says what matters; the full history is one tap away.
  const phone = useIsPhone();

  const post = () => {
    if (!draft.trim() || addComment.isPending) return;
    addComment.mutate({ taskId: detail.task.id, body: draft }, { onSuccess: () => setDraft('') });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('context.case')} extra={<Link to={caseHref(c.id)}>{t('context.openCase')}</Link>}>
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'customer',
              label: t('context.customer'),
              children: c.customer ? (
                <Space size={4}>
                  {c.customer.name}
                  {c.customer.tier && <Tag>{c.customer.tier}</Tag>}
                </Space>
              ) : (
                '—'
              ),
            },
            { key: 'initiator', label: t('context.initiator'), children: c.initiatorId ? <Person id={c.initiatorId} name={c.initiatorName} /> : '—' },
            { key: 'owner', label: t('context.owner'), children: c.ownerId ? <Person id={c.ownerId} name={c.ownerName} /> : '—' },
            { key: 'started', label: t('case.startedAt'), children: <RelativeTime iso={c.startedAt} /> },
            { key: 'status', label: t('case.status'), children: caseStatusLabel(t, c.status) },
          ]}
        />
      </Card>

      <FoldingCard folding={phone} title={t('context.history')}>
        {detail.steps.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('context.noSteps')} />
        ) : (
          <Timeline
            items={detail.steps.map((s) => ({
              key: s.taskId,
              color: s.outcome === 'reject' ? 'red' : s.completedAt ? 'green' : 'gray',
              content: (
                <div className="sw-step">
                  <Space size={6} wrap>
                    <Typography.Text strong>{s.name}</Typography.Text>
                    {s.outcome && <Tag color={outcomeColor(s.outcome)}>{outcomeLabel(t, s.outcome)}</Tag>}
                  </Space>
                  <Typography.Text type="secondary">
                    {s.completedBy ? <Person id={s.completedBy} name={s.completedByName} /> : '—'} · {s.completedAt ? <RelativeTime iso={s.completedAt} /> : t('context.notDone')}
                  </Typography.Text>
                  {s.comment && <blockquote className="sw-step-comment">{s.comment}</blockquote>}
                  <StepData data={s.data} dict={dict} comment={s.comment} />
                </div>
              ),
            }))}
          />
        )}
      </FoldingCard>

      <Card size="small" title={`${t('context.comments')} (${detail.comments.length})`}>
        {detail.comments.length === 0 ? (
          <Typography.Paragraph type="secondary">{t('context.noComments')}</Typography.Paragraph>
        ) : (
          <ol className="sw-comments" aria-label={t('context.comments')}>
            {detail.comments.map((cm) => (
              <li key={cm.id}>
                <div>
                  <Typography.Text strong>{cm.authorName || cm.authorId}</Typography.Text>{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <time dateTime={cm.at}>{formatChinaDateTime(cm.at, lang)}</time>
                  </Typography.Text>
                </div>
                <div className="sw-comment-body">{cm.body}</div>
              </li>
            ))}
          </ol>
        )}
        {detail.can.comment && (
          <>
            <label htmlFor="sw-new-comment" className="sw-visually-hidden">
              {t('context.addComment')}
            </label>
            <Input.TextArea
              id="sw-new-comment"
              rows={2}
              maxLength={TASK_COMMENT_MAX}
              showCount
              value={draft}
              placeholder={t('context.commentPlaceholder')}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) post();
                if (e.key === 'Escape') e.currentTarget.blur();
              }}
            />
            {addComment.isError && <Alert type="error" showIcon style={{ marginTop: 8 }} title={describeError(addComment.error, t)} />}
            <Button style={{ marginTop: 8 }} onClick={post} loading={addComment.isPending} disabled={!draft.trim()}>
              {t('context.addComment')}
            </Button>
          </>
        )}
      </Card>
    </Space>
  );
}
